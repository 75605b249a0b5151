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
        guard let from = pair.from.temporal, let to = pair.to.temporal, from.kind == to.kind, from.pattern != to.pattern else { return [] }
        let sample = from.sample
        guard !pair.to.parses(sample) else { return [] }
        let location = pair.from.constraints.format?.location ?? pair.from.field.type.location
        let toLocation = pair.to.constraints.format?.location ?? pair.to.field.type.location
        return [pair.gap(rule, "\(pair.names): \(pair.a) writes \(from.kind.rawValue)s as \(from.display), \(pair.b) as \(to.display)",
                         example: sample, transform: "\(from.display) → \(to.display)", fromLocation: location, toLocation: toLocation)]
    }
}
