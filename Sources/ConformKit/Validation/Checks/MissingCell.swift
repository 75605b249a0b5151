/// `missing-cell`: a row with fewer cells than the header.
enum MissingCell {
    static let rule = ValidationRule(
        id: "missing-cell", category: .structure, severity: .error,
        summary: "A row has fewer cells than the header has columns; each absent cell is reported.",
        examples: [
            RuleExample(standard: "fields:\n  - name: a\n  - name: b\n  - name: c", data: "a,b,c\n1,2,3\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: a\n  - name: b\n  - name: c", data: "a,b,c\n1\n", findings: 2),
        ])

    static func message(column: String, cells: Int, columns: Int) -> String {
        "no cell for column \(column): row has \(cells) of \(columns) cells"
    }
}
