/// `pattern-differs`: both sides have patterns, and they are not the same.
enum PatternDiffers {
    static let rule = GapRule(
        id: "pattern-differs", severity: .warning,
        summary: "A and B have different `pattern`s. When both are fixed lists of alternatives (`(a|b|c)`) the lists are compared exactly: an error listing A's alternatives that B lacks, or nothing when B has them all. Otherwise an error when a value valid under A is shown to fail B's pattern, else a warning: patterns cannot in general be compared.",
        examples: [
            GapExample(a: "fields:\n  - name: s\n    pattern: \"(open|closed)\"", b: "fields:\n  - name: s\n    pattern: \"open|closed|pending\"", gaps: 0),
            GapExample(a: "fields:\n  - name: s\n    pattern: \"(open|closed|pending)\"", b: "fields:\n  - name: s\n    pattern: \"(open|closed)\"", gaps: 1),
            GapExample(a: "fields:\n  - name: ref\n    pattern: \"[A-Z]{3}\"", b: "fields:\n  - name: ref\n    pattern: \"[A-Z]{2}[0-9]\"", gaps: 1),
        ])

    /// The checks of the three pattern rules (added, differs, removed) on one pair.
    static func check(_ pair: FieldPair) -> [Gap] {
        let from = pair.from.constraints.pattern, to = pair.to.constraints.pattern
        switch (from, to) {
        case (nil, nil):
            return []
        case let (nil, to?):
            // A date format difference is reported as such (date-format-differs).
            if DateFormatDiffers.impliedFormat(pair) != nil { return [] }
            let example = pair.example { !pair.to.matchesPattern($0) }
            return [pair.gap(PatternAdded.rule, PatternAdded.message(pair, pattern: to.value, example: example),
                             severity: example == nil ? .warning : .error, example: example, toLocation: to.location)]
        case let (from?, nil):
            return [pair.gap(PatternRemoved.rule, "\(pair.names): \(pair.a) requires the pattern \(from.value), \(pair.b) no pattern", fromLocation: from.location)]
        case let (from?, to?):
            guard from.value != to.value else { return [] }
            if let fromList = fixedList(from.value), let toList = fixedList(to.value) {
                // (An empty alternative is a missing value, which patterns never see.)
                let missing = fromList.filter { !$0.isEmpty && !toList.contains($0) }
                if missing.isEmpty {
                    return toList.count > fromList.count
                        ? [pair.gap(PatternRemoved.rule, "\(pair.names): \(pair.b)'s alternatives include all of \(pair.a)'s and more",
                                    fromLocation: from.location, toLocation: to.location)]
                        : []
                }
                return [pair.gap(rule, "\(pair.names): \(missing.count) of \(pair.a)'s alternatives are not in \(pair.b)'s pattern: \(missing.map(quoted).joined(separator: ", "))",
                                 severity: .error, example: missing[0], values: missing, fromLocation: from.location, toLocation: to.location)]
            }
            let example = pair.example { !pair.to.matchesPattern($0) }
            let message = example.map { "\(pair.names): the patterns differ (\(pair.a): \(from.value), \(pair.b): \(to.value)); \(quoted($0)) is valid under \(pair.a) and does not match \(pair.b)'s" }
                ?? "\(pair.names): the patterns differ (\(pair.a): \(from.value), \(pair.b): \(to.value)); values of \(pair.a) may not match \(pair.b)'s"
            return [pair.gap(rule, message, severity: example == nil ? .warning : .error, example: example,
                             fromLocation: from.location, toLocation: to.location)]
        }
    }

    /// The alternatives of a pattern that is only a list of two or more literal texts (`a|b`,
    /// `(a|b)`, `^(?:a|b)$`, `^$|^(yes)$`, with `\` escapes), or nil. An empty alternative
    /// stands for the empty value.
    static func fixedList(_ pattern: String) -> [String]? {
        guard let list = PatternShape.literalAlternatives(pattern), list.count > 1 else { return nil }
        return list
    }
}
