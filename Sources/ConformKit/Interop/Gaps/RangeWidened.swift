/// `range-widened`: the consumer's bounds let in more values (information).
enum RangeWidened {
    static let rule = GapRule(
        id: "range-widened", severity: .info,
        summary: "B's bounds are wider than A's (or B has none where A has one): every value of A fits, but B's data may not fit back.",
        examples: [
            GapExample(a: "fields:\n  - name: n\n    type: integer\n    minimum: 0", b: "fields:\n  - name: n\n    type: integer\n    minimum: 0", gaps: 0),
            GapExample(a: "fields:\n  - name: n\n    type: integer\n    minimum: 0\n    maximum: 9", b: "fields:\n  - name: n\n    type: integer", gaps: 2),
        ])

    static func message(_ pair: FieldPair, word: String, a: String, b: String) -> String {
        "\(pair.names): the \(word) is \(a) under \(pair.a) and \(b) under \(pair.b), which lets in every value of \(pair.a)"
    }
}
