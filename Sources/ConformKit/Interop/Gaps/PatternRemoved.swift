/// `pattern-removed`: the consumer has no pattern where the producer has one, or a wider one (information).
enum PatternRemoved {
    static let rule = GapRule(
        id: "pattern-removed", severity: .info,
        summary: "A has a `pattern` and B has none (or B's fixed list of alternatives holds all of A's): every value of A fits B, but B's data may not fit back.",
        examples: [
            GapExample(a: "fields:\n  - name: ref", b: "fields:\n  - name: ref", gaps: 0),
            GapExample(a: "fields:\n  - name: ref\n    pattern: \"[A-Z]{3}\"", b: "fields:\n  - name: ref", gaps: 1),
        ])
}
