/// `cardinality-differs`: one side holds a list of values, the other a single value.
enum CardinalityDiffers {
    static let rule = GapRule(
        id: "cardinality-differs", severity: .error,
        summary: "One standard makes the field an array (`type: array`) and the other a single value: values do not carry over as they are.",
        examples: [
            GapExample(a: "fields:\n  - name: tags\n    type: array", b: "fields:\n  - name: tags\n    type: array", gaps: 0),
            GapExample(a: "fields:\n  - name: tags\n    type: array", b: "fields:\n  - name: tags", gaps: 1),
        ])

    static func check(_ pair: FieldPair) -> [Gap] {
        let fromArray = pair.from.base == .array, toArray = pair.to.base == .array
        guard fromArray != toArray else { return [] }
        let message = fromArray
            ? "\(pair.names) is a list under \(pair.a) but a single value under \(pair.b): a record with several values cannot be carried over"
            : "\(pair.names) is a single value under \(pair.a) but a list under \(pair.b): each value must be wrapped in an array"
        return [pair.gap(rule, message, fromLocation: pair.from.field.type.location, toLocation: pair.to.field.type.location)]
    }
}
