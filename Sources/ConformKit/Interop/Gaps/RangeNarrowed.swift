/// `range-narrowed`: the consumer's bounds exclude values the producer's allow.
enum RangeNarrowed {
    static let rule = GapRule(
        id: "range-narrowed", severity: .error,
        summary: "B's `minimum`/`exclusiveMinimum` is above A's (or A has none), or B's maximum is below A's: values of A beyond B's bounds are rejected.",
        examples: [
            GapExample(a: "fields:\n  - name: n\n    type: integer\n    minimum: 1\n    maximum: 10", b: "fields:\n  - name: n\n    type: integer\n    minimum: 0", gaps: 0),
            GapExample(a: "fields:\n  - name: n\n    type: integer\n    minimum: 0", b: "fields:\n  - name: n\n    type: integer\n    minimum: 1\n    maximum: 10", gaps: 2),
        ])

    static func check(_ pair: FieldPair) -> [Gap] {
        // Bounds of different kinds (a number and a date) are the type check's business.
        let from = pair.from.compiled, to = pair.to.compiled
        var gaps: [Gap] = []
        // A crosswalk's unit conversion scales A's bounds into B's unit before they are compared.
        let factor = pair.crosswalk.mapping?.transform?.unit?.factor
        for lower in [true, false] {
            let fromBound = (lower ? from.lower : from.upper).map { bound in factor.map { scaled(bound, by: $0) } ?? bound }
            let toBound = lower ? to.lower : to.upper
            let word = lower ? "minimum" : "maximum"
            switch compare(fromBound, toBound, lower: lower) {
            case .narrower:
                // A value of A beyond this bound of B (not the other one).
                let beyond: (String) -> Bool = { value in
                    guard let toBound, let parsed = pair.to.value(value), let order = parsed.compare(toBound.value) else { return false }
                    return lower ? (order < 0 || (order == 0 && toBound.exclusive)) : (order > 0 || (order == 0 && toBound.exclusive))
                }
                let example = pair.example(where: beyond)
                gaps.append(pair.gap(rule, "\(pair.names): the \(word) is \(describe(fromBound)) under \(pair.a) and \(describe(toBound)) under \(pair.b)",
                                     severity: example == nil ? .warning : rule.severity, example: example,
                                     fromLocation: fromBound?.location, toLocation: toBound?.location))
            case .wider:
                gaps.append(pair.gap(RangeWidened.rule, RangeWidened.message(pair, word: word, a: describe(fromBound), b: describe(toBound)),
                                     fromLocation: fromBound?.location, toLocation: toBound?.location))
            case .same, .incomparable:
                break
            }
        }
        return gaps
    }

    enum Order { case same, narrower, wider, incomparable }

    /// A numeric bound multiplied by a unit factor (other bounds as they are).
    static func scaled(_ bound: Bound, by factor: Double) -> Bound {
        var result = bound
        switch bound.value {
        case let .integer(value): result.value = .number(Double(value) * factor)
        case let .number(value): result.value = .number(value * factor)
        default: return bound
        }
        if case let .number(value) = result.value {
            result.text = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        }
        return result
    }

    /// Whether B's bound (`to`) keeps out values A's (`from`) lets in. A missing bound is unbounded.
    static func compare(_ from: Bound?, _ to: Bound?, lower: Bool) -> Order {
        switch (from, to) {
        case (nil, nil): return .same
        case (nil, _?): return .narrower
        case (_?, nil): return .wider
        case let (from?, to?):
            guard let order = from.value.compare(to.value) else { return .incomparable }
            // For a lower bound, B is narrower when its bound is higher (or equal but exclusive where A's is not).
            let signed = lower ? order : -order
            if signed < 0 { return .narrower }
            if signed > 0 { return .wider }
            if to.exclusive && !from.exclusive { return .narrower }
            if from.exclusive && !to.exclusive { return .wider }
            return .same
        }
    }

    static func describe(_ bound: Bound?) -> String {
        guard let bound else { return "not set" }
        return bound.exclusive ? "\(bound.text), exclusive" : bound.text
    }
}
