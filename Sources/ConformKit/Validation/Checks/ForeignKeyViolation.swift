/// `foreign-key`: a row's reference to another row (of this table or of another table of the
/// package) that does not exist.
enum ForeignKeyViolation {
    static let rule = ValidationRule(
        id: "foreign-key", category: .table, severity: .error,
        summary: "The values of a foreign key (`keys.foreign`) are not the key of any row of the table it references, or are the key of several rows (the reference is ambiguous). Rows where any part of the foreign key is missing are not checked. The referenced keys are collected first: from the same file for a reference within a table, from the referenced table's file when a package is validated (`conform validate datapackage.json`, or a package standard).",
        examples: [
            RuleExample(standard: "fields:\n  - name: id\n  - name: parent\nkeys:\n  primary: id\n  foreign:\n    - fields: parent\n      references: {fields: id}",
                        data: "id,parent\n1,\n2,1\n3,4\n4,2\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: id\n  - name: parent\nkeys:\n  primary: id\n  foreign:\n    - fields: parent\n      references: {fields: id}",
                        data: "id,parent\n1,\n2,1\n3,9\n", findings: 1),
        ])

    static func message(fields: [String], values: [String], reference: String) -> String {
        let key = fields.count == 1 ? fields[0] : "(" + fields.joined(separator: ", ") + ")"
        let shown = values.count == 1 ? quoted(values[0]) : "(" + values.map(quoted).joined(separator: ", ") + ")"
        return "\(key) = \(shown) is not a key of \(reference)"
    }

    static func ambiguousMessage(fields: [String], values: [String], reference: String) -> String {
        let key = fields.count == 1 ? fields[0] : "(" + fields.joined(separator: ", ") + ")"
        let shown = values.count == 1 ? quoted(values[0]) : "(" + values.map(quoted).joined(separator: ", ") + ")"
        return "\(key) = \(shown) is the key of several rows of \(reference): the reference is ambiguous"
    }

    static func expected(reference: String) -> String { "the key of one row of \(reference)" }
}
