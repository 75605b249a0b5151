/// `type-widened`: the consumer's type accepts more values than the producer's (information).
enum TypeWidened {
    static let rule = GapRule(
        id: "type-widened", severity: .info,
        summary: "B's type accepts every value of A's and more (integer → number, code → string): nothing of A is rejected, but B's data may not fit back into A.",
        examples: [
            GapExample(a: "fields:\n  - name: n\n    type: number", b: "fields:\n  - name: n\n    type: number", gaps: 0),
            GapExample(a: "fields:\n  - name: n\n    type: integer", b: "fields:\n  - name: n\n    type: number", gaps: 1),
        ])

    static func message(_ pair: FieldPair, from: BaseType, to: BaseType) -> String {
        "\(pair.names) is \(from.rawValue) under \(pair.a) and \(to.rawValue) under \(pair.b), which accepts every value of \(pair.a) and more"
    }
}
