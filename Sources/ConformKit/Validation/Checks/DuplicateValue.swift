/// `duplicate-value`: a repeated value in a `unique` field.
enum DuplicateValue {
    static let rule = ValidationRule(
        id: "duplicate-value", category: .table, severity: .error,
        summary: "A value of a `unique: true` field appeared in an earlier row (missing values are not compared).",
        examples: [
            RuleExample(standard: "fields:\n  - name: id\n    unique: true", data: "id\n1\n2\n\n\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: id\n    unique: true", data: "id\n1\n2\n1\n1\n", findings: 2),
        ])

    static func message(value: String, firstRow: Int, sameRow: Bool = false) -> String {
        sameRow ? "\(quoted(value)) already appeared earlier in this record" : "\(quoted(value)) already appeared in row \(firstRow)"
    }

    static let expected = "a value not used in another row"
}
