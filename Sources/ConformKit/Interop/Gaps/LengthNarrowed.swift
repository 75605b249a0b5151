/// `length-narrowed`: the consumer allows shorter (or demands longer) values than the producer.
enum LengthNarrowed {
    static let rule = GapRule(
        id: "length-narrowed", severity: .error,
        summary: "B's `maxLength` is lower than A's (or A has none), or B's `minLength` is higher: values of A of some lengths are rejected by B.",
        examples: [
            GapExample(a: "fields:\n  - name: ref\n    maxLength: 20", b: "fields:\n  - name: ref\n    maxLength: 40", gaps: 0),
            GapExample(a: "fields:\n  - name: ref\n    maxLength: 40", b: "fields:\n  - name: ref\n    maxLength: 20", gaps: 1),
            GapExample(a: "fields:\n  - name: ref", b: "fields:\n  - name: ref\n    minLength: 3\n    maxLength: 20", gaps: 2),
        ])

    static func check(_ pair: FieldPair) -> [Gap] {
        let from = pair.from.compiled, to = pair.to.compiled
        var gaps: [Gap] = []
        // Upper limit (-1: none).
        if to.maxLength >= 0 && (from.maxLength < 0 || from.maxLength > to.maxLength) {
            let aLimit = from.maxLength < 0 ? "any number of" : "up to \(from.maxLength)"
            let example = pair.example { !pair.to.withinLengths($0) }
                ?? (to.maxLength < 10_000 ? candidate(length: to.maxLength + 1, pair: pair) : nil)
            gaps.append(pair.gap(rule, "\(pair.names): \(pair.a) allows \(aLimit) characters, \(pair.b) at most \(to.maxLength)",
                                 severity: example == nil ? .warning : rule.severity, example: example,
                                 fromLocation: pair.from.constraints.maxLength?.location, toLocation: pair.to.constraints.maxLength?.location))
        } else if from.maxLength >= 0 && (to.maxLength < 0 || to.maxLength > from.maxLength) {
            gaps.append(pair.gap(LengthWidened.rule, LengthWidened.message(pair, limit: "maxLength", a: from.maxLength, b: to.maxLength),
                                 fromLocation: pair.from.constraints.maxLength?.location, toLocation: pair.to.constraints.maxLength?.location))
        }
        // Lower limit.
        let fromMin = max(from.minLength, 0), toMin = max(to.minLength, 0)
        if toMin > fromMin {
            let example = pair.example { !$0.isEmpty && !pair.to.withinLengths($0) }
                ?? (toMin < 10_000 ? candidate(length: max(fromMin, toMin - 1), pair: pair) : nil)
            gaps.append(pair.gap(rule, "\(pair.names): \(pair.a) allows values of \(fromMin) characters, \(pair.b) needs at least \(toMin)",
                                 severity: example == nil ? .warning : rule.severity, example: example,
                                 fromLocation: pair.from.constraints.minLength?.location, toLocation: pair.to.constraints.minLength?.location))
        } else if fromMin > toMin {
            gaps.append(pair.gap(LengthWidened.rule, LengthWidened.message(pair, limit: "minLength", a: from.minLength, b: to.minLength),
                                 fromLocation: pair.from.constraints.minLength?.location, toLocation: pair.to.constraints.minLength?.location))
        }
        return gaps
    }

    /// A value of `length` characters valid under A (made of the first sample's characters), if there is one.
    private static func candidate(length: Int, pair: FieldPair) -> String? {
        // (An empty value is missing, never checked for length.)
        guard length > 0 else { return nil }
        let seed = pair.from.samples.first ?? "x"
        let text = String(String(repeating: seed, count: length / max(seed.count, 1) + 1).prefix(length))
        return pair.from.accepts(text) && !pair.to.withinLengths(text) ? text : nil
    }
}
