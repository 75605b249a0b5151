/// `pattern-mismatch`: a value that does not match the field's pattern as a whole.
enum PatternMismatch {
    static let rule = ValidationRule(
        id: "pattern-mismatch", category: .cell, severity: .error,
        summary: "A value does not match the field's `pattern` (PCRE2, matched against the whole value).",
        examples: [
            RuleExample(standard: "fields:\n  - name: code\n    pattern: '[A-Z]{2}[0-9]'", data: "code\nAB1\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: code\n    pattern: '[A-Z]{2}[0-9]'", data: "code\nab1\nAB12\n", findings: 2),
        ])

    static func message(value: String) -> String { "\(quoted(value)) does not match the pattern" }
}
