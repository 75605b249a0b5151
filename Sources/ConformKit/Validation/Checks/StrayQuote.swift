/// `stray-quote`: a quote character where RFC 4180 does not allow one.
enum StrayQuote {
    static let rule = ValidationRule(
        id: "stray-quote", category: .structure, severity: .error,
        summary: "A quote inside an unquoted cell, or text after a closing quote (RFC 4180 allows quotes only around a whole cell, doubled inside it).",
        examples: [
            RuleExample(standard: "fields:\n  - name: a", data: "a\n\"say \"\"hi\"\"\"\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: a", data: "a\nsay \"hi\"\n", findings: 1),
            RuleExample(standard: "fields:\n  - name: a", data: "a\n\"say\" hi\n", findings: 1),
        ])

    static let message = "quote character in the wrong place: quote the whole cell and double quotes inside it"
}
