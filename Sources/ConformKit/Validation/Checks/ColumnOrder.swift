/// `column-order`: the columns are present but not in the standard's order.
enum ColumnOrder {
    static let rule = ValidationRule(
        id: "column-order", category: .header, severity: .error,
        summary: "Under `columns: exact`, a column is not where the standard puts it. One finding per misplaced column.",
        examples: [
            RuleExample(standard: "columns: any-order\nfields:\n  - name: a\n  - name: b", data: "b,a\n1,2\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: a\n  - name: b", data: "b,a\n1,2\n", findings: 2),
        ])

    static func message(column: String, position: Int, expected: Int) -> String {
        "column \(column) is at position \(position); the standard puts it at position \(expected)"
    }
}
