/// `too-long`: more characters than `maxLength`.
enum TooLong {
    static let rule = ValidationRule(
        id: "too-long", category: .cell, severity: .error,
        summary: "A value has more characters (Unicode scalars) than the field's `maxLength`.",
        examples: [
            RuleExample(standard: "fields:\n  - name: a\n    maxLength: 3", data: "a\nabc\nxé\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: a\n    maxLength: 3", data: "a\nabcd\n", findings: 1),
        ])

    static func message(value: String, length: Int, maximum: Int) -> String {
        "\(quoted(value)) has \(length) characters; at most \(maximum) allowed"
    }
}
