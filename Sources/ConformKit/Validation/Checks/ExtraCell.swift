/// `extra-cell`: a row with more cells than the header.
enum ExtraCell {
    static let rule = ValidationRule(
        id: "extra-cell", category: .structure, severity: .error,
        summary: "A row has more cells than the header has columns; each extra cell is reported.",
        examples: [
            RuleExample(standard: "fields:\n  - name: a\n  - name: b", data: "a,b\n1,2\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: a\n  - name: b", data: "a,b\n1,2,3\n", findings: 1),
        ])

    static func message(cells: Int, columns: Int) -> String {
        "row has \(cells) cells but the header has \(columns) columns"
    }
}
