/// `date-format-differs`: the same kind of date or time, written in another format.
enum DateFormatDiffers {
    static let rule = GapRule(
        id: "date-format-differs", severity: .error,
        summary: "Both standards hold a date (or datetime, or time) but write it differently (`format: \"%d/%m/%Y\"` against ISO 8601): A's values are rejected by B until rewritten; the gap gives the transform.",
        examples: [
            GapExample(a: "fields:\n  - name: d\n    type: date", b: "fields:\n  - name: d\n    type: date\n    format: \"%Y-%m-%d\"", gaps: 0),
            GapExample(a: "fields:\n  - name: d\n    type: date\n    format: \"%d/%m/%Y\"", b: "fields:\n  - name: d\n    type: date", gaps: 1),
        ])

    static func check(_ pair: FieldPair) -> [Gap] {
        guard let from = pair.from.temporal, let to = pair.to.temporal, from.kind == to.kind else { return [] }
        // A crosswalk's date-format transform rewrites A's values first.
        if let rewrite = pair.crosswalk.mapping?.transform?.dateFormat {
            guard let rewritten = try? TemporalFormat(kind: from.kind, pattern: rewrite.to), !pair.to.parses(rewritten.sample) else { return [] }
            return [pair.gap(rule, "\(pair.names): the crosswalk rewrites \(from.kind.rawValue)s to \(rewritten.display), and \(pair.b) writes them as \(to.display)",
                             example: rewritten.sample, transform: "\(rewritten.display) → \(to.display)",
                             fromLocation: pair.crosswalk.mapping?.location, toLocation: pair.to.constraints.format?.location)]
        }
        guard from.pattern != to.pattern else { return [] }
        let sample = from.sample
        guard !pair.to.parses(sample) else { return [] }
        let location = pair.from.constraints.format?.location ?? pair.from.field.type.location
        let toLocation = pair.to.constraints.format?.location ?? pair.to.field.type.location
        return [pair.gap(rule, "\(pair.names): \(pair.a) writes \(from.kind.rawValue)s as \(from.display), \(pair.b) as \(to.display)",
                         example: sample, transform: "\(from.display) → \(to.display)", fromLocation: location, toLocation: toLocation)]
    }
}
