/// `type-narrowed`: the consumer's type accepts fewer values than the producer's.
enum TypeNarrowed {
    static let rule = GapRule(
        id: "type-narrowed", severity: .error,
        summary: "B's type accepts fewer values than A's (on the lattice integer ⊂ number ⊂ string, year ⊂ integer, code, date, URI ... ⊂ string) or other ones (date and integer), or the same type is read differently (`trueValues`, `decimalChar`, `groupChar`): values valid under A are rejected by B. A warning when no value of A can be shown to fail.",
        examples: [
            GapExample(a: "fields:\n  - name: n\n    type: integer", b: "fields:\n  - name: n\n    type: number", gaps: 0),
            GapExample(a: "fields:\n  - name: n\n    type: string", b: "fields:\n  - name: n\n    type: integer", gaps: 1),
            GapExample(a: "fields:\n  - name: d\n    type: date", b: "fields:\n  - name: d\n    type: datetime", gaps: 1),
            // The same type read differently: "yes" is true under A only.
            GapExample(a: "fields:\n  - name: ok\n    type: boolean\n    trueValues: [\"yes\"]\n    falseValues: [\"no\"]",
                       b: "fields:\n  - name: ok\n    type: boolean", gaps: 1),
        ])

    /// How B's values relate to A's, by base type alone.
    enum Relation { case same, wider, narrower, different }

    /// Code lists and `any` are compared as text here (code lists are compared on their own).
    private static func normalized(_ type: BaseType) -> BaseType {
        type == .code || type == .any ? .string : type
    }

    /// True when every text that is a value of `inner` is a value of `outer`.
    static func contains(_ outer: BaseType, _ inner: BaseType) -> Bool {
        let outer = normalized(outer), inner = normalized(inner)
        if outer == inner { return true }
        switch outer {
        case .string: return inner != .array
        case .number: return inner == .integer || inner == .year
        case .integer: return inner == .year
        default: return false
        }
    }

    static func relation(from: BaseType, to: BaseType) -> Relation {
        if normalized(from) == normalized(to) { return .same }
        if contains(to, from) { return .wider }
        if contains(from, to) { return .narrower }
        return .different
    }

    static func check(_ pair: FieldPair) -> [Gap] {
        let from = pair.from.base, to = pair.to.base
        guard from != .array, to != .array, !PrecisionLost.applies(from: from, to: to) else { return [] }
        let locations = (pair.from.field.type.location, pair.to.field.type.location)
        switch relation(from: from, to: to) {
        case .same:
            // The same type, read differently (`trueValues`, `decimalChar`, `groupChar`); dates are `date-format-differs`'.
            guard pair.from.temporal == nil, let example = pair.example(where: { !pair.to.parses($0) }) else { return [] }
            return [pair.gap(rule, "\(pair.names) is \(from.rawValue) on both sides, but \(pair.b) reads its values differently (true/false spellings, decimal or group separator): \(quoted(example)) is valid under \(pair.a) and not under \(pair.b)",
                             example: example, fromLocation: locations.0, toLocation: locations.1)]
        case .wider:
            return [pair.gap(TypeWidened.rule, TypeWidened.message(pair, from: from, to: to),
                             fromLocation: locations.0, toLocation: locations.1)]
        case .narrower, .different:
            if let example = pair.example(where: { !pair.to.parses($0) }) {
                return [pair.gap(rule, "\(pair.names) is \(from.rawValue) under \(pair.a) and \(to.rawValue) under \(pair.b): \(quoted(example)) is valid under \(pair.a) and not a \(to.rawValue)",
                                 example: example, fromLocation: locations.0, toLocation: locations.1)]
            }
            return [pair.gap(rule, "\(pair.names) is \(from.rawValue) under \(pair.a) and \(to.rawValue) under \(pair.b): values of \(pair.a) may be rejected (no sample value of \(pair.a) showed it)",
                             severity: .warning, fromLocation: locations.0, toLocation: locations.1)]
        }
    }
}
