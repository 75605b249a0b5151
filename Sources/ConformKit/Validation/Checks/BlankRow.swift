/// `blank-row`: a record whose cells are all empty.
enum BlankRow {
    static let rule = ValidationRule(
        id: "blank-row", category: .structure, severity: .warning,
        summary: "A row with no content (an empty line, or only delimiters). It is counted as a row but its cells are not checked.",
        examples: [
            RuleExample(standard: "fields:\n  - name: a\n  - name: b", data: "a,b\n1,2\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: a\n  - name: b", data: "a,b\n1,2\n\n3,4\n,\n", findings: 2),
        ])

    static let message = "blank row"
}
