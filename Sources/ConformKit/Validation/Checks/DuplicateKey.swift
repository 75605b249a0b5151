/// `duplicate-key`: a repeated primary or unique key.
enum DuplicateKey {
    static let rule = ValidationRule(
        id: "duplicate-key", category: .table, severity: .error,
        summary: "The values of a primary key, or of a `keys.unique` set, repeat an earlier row. Rows where any part of the key is missing are not compared (primary-key fields are required).",
        examples: [
            RuleExample(standard: "fields:\n  - name: a\n  - name: b\nkeys:\n  primary: [a, b]", data: "a,b\n1,x\n1,y\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: a\n  - name: b\nkeys:\n  unique: [[a, b]]", data: "a,b\n1,x\n1,x\n1,\n1,\n", findings: 1),
        ])

    static func message(fields: [String], values: [String], firstRow: Int) -> String {
        "key (\(fields.joined(separator: ", "))) = (\(values.map(quoted).joined(separator: ", "))) already appeared in row \(firstRow)"
    }
}
