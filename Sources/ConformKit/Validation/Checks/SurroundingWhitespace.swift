/// `surrounding-whitespace`: a value with leading or trailing spaces or tabs.
enum SurroundingWhitespace {
    static let rule = ValidationRule(
        id: "surrounding-whitespace", category: .cell, severity: .warning,
        summary: "A value starts or ends with spaces or tabs. Reported as a warning; the value is still checked as written.",
        examples: [
            RuleExample(standard: "fields:\n  - name: a", data: "a\nx y\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: a", data: "a\n x\n\"y \"\n", findings: 2),
        ])

    static func message(value: String) -> String { "\(quoted(value)) has leading or trailing whitespace" }
}
