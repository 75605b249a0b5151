/// `duplicate-column`: two header columns with the same name.
enum DuplicateColumn {
    static let rule = ValidationRule(
        id: "duplicate-column", category: .header, severity: .error,
        summary: "A header name appears more than once; only the first is checked against the standard.",
        examples: [
            RuleExample(standard: "fields:\n  - name: a\n  - name: b", data: "a,b\n1,2\n", findings: 0),
            RuleExample(standard: "columns: subset\nfields:\n  - name: a", data: "a,a\n1,2\n", findings: 1),
        ])

    static func message(column: String, firstPosition: Int) -> String {
        "column \(column) appears again (first at position \(firstPosition))"
    }
}
