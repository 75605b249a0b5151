/// `nullable-to-required`: a field the producer may leave empty is required by the consumer.
enum NullableToRequired {
    static let rule = GapRule(
        id: "nullable-to-required", severity: .error,
        summary: "A field is optional in A and required in B: a record that leaves it empty is valid under A and rejected by B.",
        examples: [
            GapExample(a: "fields:\n  - name: name\n    required: true", b: "fields:\n  - name: name\n    required: true", gaps: 0),
            GapExample(a: "fields:\n  - name: name", b: "fields:\n  - name: name\n    required: true", gaps: 1),
        ])

    static func check(_ pair: FieldPair) -> [Gap] {
        guard pair.to.required && !pair.from.required else { return [] }
        return [pair.gap(rule, "\(pair.names) may be empty under \(pair.a) but is required under \(pair.b): records without it are rejected",
                         toLocation: pair.to.compiled.requiredLocation)]
    }
}
