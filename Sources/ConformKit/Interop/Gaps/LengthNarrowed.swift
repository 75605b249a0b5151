/// `length-narrowed`: the consumer allows shorter (or demands longer) values than the producer.
enum LengthNarrowed {
    static let rule = GapRule(
        id: "length-narrowed", severity: .error,
        summary: "B's `maxLength` is lower than A's (or A has none), or B's `minLength` is higher: values of A of some lengths are rejected by B.",
        examples: [
            GapExample(a: "fields:\n  - name: ref\n    maxLength: 20", b: "fields:\n  - name: ref\n    maxLength: 40", gaps: 0),
            GapExample(a: "fields:\n  - name: ref\n    maxLength: 40", b: "fields:\n  - name: ref\n    maxLength: 20", gaps: 1),
            GapExample(a: "fields:\n  - name: ref", b: "fields:\n  - name: ref\n    minLength: 3\n    maxLength: 20", gaps: 2),
            // A closed list whose longest value fits: no value of A is too long.
            GapExample(a: "fields:\n  - name: crs\n    enum: [WGS84, OSGB36]", b: "fields:\n  - name: crs\n    maxLength: 6", gaps: 0),
            GapExample(a: "fields:\n  - name: crs\n    enum: [WGS84, OSGB36, ETRS1989]", b: "fields:\n  - name: crs\n    maxLength: 6", gaps: 1),
        ])

    static func check(_ pair: FieldPair) -> [Gap] {
        let from = pair.from.compiled, to = pair.to.compiled
        var gaps: [Gap] = []
        // Upper limit (-1: none). A's values are at most as long as its longest code (a closed
        // list, or a pattern that only lists values) and its own maxLength.
        var fromMax = from.maxLength
        if let longest = pair.from.closedValues?.map(\.count).max() { fromMax = fromMax < 0 ? longest : min(fromMax, longest) }
        if to.maxLength >= 0 && (fromMax < 0 || fromMax > to.maxLength) {
            let aLimit = fromMax < 0 ? "any number of" : "up to \(fromMax)"
            let example = pair.example { !pair.to.withinLengths($0) }
                ?? (to.maxLength < 10_000 ? candidate(length: to.maxLength + 1, pair: pair) : nil)
            gaps.append(pair.gap(rule, "\(pair.names): \(pair.a) allows \(aLimit) characters, \(pair.b) at most \(to.maxLength)",
                                 severity: example == nil ? .warning : rule.severity, example: example,
                                 fromLocation: pair.from.constraints.maxLength?.location, toLocation: pair.to.constraints.maxLength?.location))
        } else if from.maxLength >= 0 && (to.maxLength < 0 || to.maxLength > from.maxLength) && pair.from.closedValues == nil {
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

    /// A value of `length` characters valid under A, if one of a few constructions from A's
    /// samples gives one: the sample repeated, its last character repeated (an identifier whose
    /// pattern ends in `[a-z0-9]+`), trailing decimal zeros (a number), leading zeros.
    private static func candidate(length: Int, pair: FieldPair) -> String? {
        // (An empty value is missing, never checked for length.)
        guard length > 0 else { return nil }
        for seed in pair.from.samples.prefix(8) + ["x"] where !seed.isEmpty && seed.count <= length {
            let pad = length - seed.count
            var texts = [String(String(repeating: seed, count: length / seed.count + 1).prefix(length)),
                         seed + String(repeating: seed.last!, count: pad)]
            if pad > 0 { texts.append(seed.contains(".") ? seed + String(repeating: "0", count: pad) : seed + "." + String(repeating: "0", count: pad - 1)) }
            texts.append(String(repeating: "0", count: pad) + seed)
            if let text = texts.first(where: { $0.count == length && pair.from.accepts($0) && !pair.to.withinLengths($0) }) { return text }
        }
        return nil
    }
}
