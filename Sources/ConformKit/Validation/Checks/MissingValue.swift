/// `missing-value`: a required field's cell is a missing value.
enum MissingValue {
    static let rule = ValidationRule(
        id: "missing-value", category: .cell, severity: .error,
        summary: "A required field (or a primary-key field) has a missing value: an empty cell, or one of the standard's `missingValues`.",
        examples: [
            RuleExample(standard: "fields:\n  - name: id\n    required: true", data: "id\n1\n", findings: 0),
            RuleExample(standard: "missingValues: ['', 'N/A']\nfields:\n  - name: id\n    required: true\n  - name: note", data: "id,note\n,x\nN/A,y\n", findings: 2),
        ])

    static func message(field: String) -> String { "\(field) is required but has no value" }
}
