/// `unclosed-quote`: the file ends inside a quoted cell.
enum UnclosedQuote {
    static let rule = ValidationRule(
        id: "unclosed-quote", category: .structure, severity: .error,
        summary: "A quoted cell is never closed, so the rest of the file was read into it. The line where the quote opened is given.",
        examples: [
            RuleExample(standard: "fields:\n  - name: a\n  - name: b", data: "a,b\n\"x,y\",2\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: a\n  - name: b", data: "a,b\n\"x,y,2\n3,4\n", findings: 1),
        ])

    static func message(openedOnLine line: Int) -> String {
        "quoted cell opened on line \(line) is never closed; the rest of the file was read into it"
    }
}
