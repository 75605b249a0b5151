/// `missing-column`: a field of the standard has no column in the file.
enum MissingColumn {
    static let rule = ValidationRule(
        id: "missing-column", category: .header, severity: .error,
        summary: "A field of the standard is not in the header (by name or alias). An error for required fields and under `columns: exact`; a warning for optional fields otherwise.",
        examples: [
            RuleExample(standard: "fields:\n  - name: id\n  - name: name\n    aliases: [Name]", data: "id,Name\n1,x\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: id\n  - name: name", data: "id\n1\n", findings: 1),
        ])

    static func message(field: String) -> String { "column \(field) is missing from the header" }
}
