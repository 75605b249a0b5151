/// `precision-lost`: the consumer keeps less of each value than the producer gives.
enum PrecisionLost {
    static let rule = GapRule(
        id: "precision-lost", severity: .error,
        summary: "B keeps less of each value than A gives: a datetime under A is a date under B, or a number under A is an integer under B. Values of A are rejected as they are, and converting them loses the time of day or the fraction.",
        examples: [
            GapExample(a: "fields:\n  - name: at\n    type: date", b: "fields:\n  - name: at\n    type: date", gaps: 0),
            GapExample(a: "fields:\n  - name: at\n    type: datetime", b: "fields:\n  - name: at\n    type: date", gaps: 1),
            GapExample(a: "fields:\n  - name: amount\n    type: number", b: "fields:\n  - name: amount\n    type: integer", gaps: 1),
        ])

    static func applies(from: BaseType, to: BaseType) -> Bool {
        (from == .datetime && (to == .date || to == .time)) || (from == .number && to == .integer)
    }

    static func check(_ pair: FieldPair) -> [Gap] {
        let from = pair.from.base, to = pair.to.base
        guard applies(from: from, to: to) else { return [] }
        let lost = from == .number ? "the fraction" : (to == .date ? "the time of day" : "the date")
        let transform = from == .number ? "round to a whole number" : (to == .date ? "keep the date part" : "keep the time part")
        let example = pair.example { !pair.to.parses($0) }
        return [pair.gap(rule, "\(pair.names) is \(from.rawValue) under \(pair.a) and \(to.rawValue) under \(pair.b): values are rejected as they are, and converting them loses \(lost)",
                         severity: example == nil ? .warning : rule.severity, example: example, transform: transform,
                         fromLocation: pair.from.field.type.location, toLocation: pair.to.field.type.location)]
    }
}
