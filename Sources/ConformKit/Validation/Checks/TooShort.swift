/// `too-short`: fewer characters than `minLength`.
enum TooShort {
    static let rule = ValidationRule(
        id: "too-short", category: .cell, severity: .error,
        summary: "A value has fewer characters (Unicode scalars) than the field's `minLength`.",
        examples: [
            RuleExample(standard: "fields:\n  - name: a\n    minLength: 3", data: "a\nabc\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: a\n    minLength: 3", data: "a\nab\n", findings: 1),
        ])

    static func message(value: String, length: Int, minimum: Int) -> String {
        "\(quoted(value)) has \(length) characters; at least \(minimum) required"
    }
}
