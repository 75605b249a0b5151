/// `blank-header`: a header cell with no name.
enum BlankHeader {
    static let rule = ValidationRule(
        id: "blank-header", category: .header, severity: .error,
        summary: "A header cell is empty, so its column cannot be matched to a field.",
        examples: [
            RuleExample(standard: "fields:\n  - name: a", data: "a\n1\n", findings: 0),
            RuleExample(standard: "columns: subset\nfields:\n  - name: a", data: "a,\n1,2\n", findings: 1),
        ])

    static func message(position: Int) -> String { "header cell \(position) is blank" }
}
