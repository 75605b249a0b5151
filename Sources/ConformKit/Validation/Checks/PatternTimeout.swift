/// `pattern-timeout`: matching a pattern hit PCRE2's match limit.
enum PatternTimeout {
    static let rule = ValidationRule(
        id: "pattern-timeout", category: .cell, severity: .error,
        summary: "Matching the field's pattern against a value took too long (PCRE2's match or depth limit); the pattern backtracks catastrophically and should be rewritten.",
        examples: [
            RuleExample(standard: "fields:\n  - name: a\n    pattern: '(a+)+'", data: "a\naaaa\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: a\n    pattern: '(a+)+'", data: "a\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\n", findings: 1),
        ])

    static func message(value: String) -> String { "matching \(quoted(value)) against the pattern exceeded the match limit" }
}
