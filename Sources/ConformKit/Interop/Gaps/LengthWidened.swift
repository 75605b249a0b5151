/// `length-widened`: the consumer allows a wider range of lengths (information).
enum LengthWidened {
    static let rule = GapRule(
        id: "length-widened", severity: .info,
        summary: "B's `maxLength` is higher than A's (or B has none), or B's `minLength` is lower: every length of A fits, but B's data may not fit back.",
        examples: [
            GapExample(a: "fields:\n  - name: ref\n    maxLength: 20", b: "fields:\n  - name: ref\n    maxLength: 20", gaps: 0),
            GapExample(a: "fields:\n  - name: ref\n    maxLength: 20", b: "fields:\n  - name: ref\n    maxLength: 40", gaps: 1),
        ])

    static func message(_ pair: FieldPair, limit: String, a: Int, b: Int) -> String {
        "\(pair.names): \(limit) is \(a < 0 ? "not set" : String(a)) under \(pair.a) and \(b < 0 ? "not set" : String(b)) under \(pair.b), which allows every length of \(pair.a)"
    }
}
