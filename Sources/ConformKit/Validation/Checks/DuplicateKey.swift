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

    static let expected = "a combination not used in another row"

    /// The finding for a repeated key (one per row, not tied to a single column).
    static func finding(fields: [String], values: [String], firstRow: Int, file: String, line: Int?, character: Int?,
                        row: Int, location: SourceLocation, pointer: String? = nil) -> Finding {
        Finding(rule: rule.id, severity: rule.severity, message: message(fields: fields, values: values, firstRow: firstRow),
                file: file, line: line, character: character, row: row, column: fields.joined(separator: "+"),
                value: values.joined(separator: ", "), expected: expected, standardLocation: location, pointer: pointer)
    }
}
