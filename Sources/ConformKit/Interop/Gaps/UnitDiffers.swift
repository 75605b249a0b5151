/// `unit-differs`: both sides state a unit of measure, and they differ.
enum UnitDiffers {
    static let rule = GapRule(
        id: "unit-differs", severity: .warning,
        summary: "A and B state different `unit`s for the field (hectare against square metre): values pass unchanged and mean something else. Needs a conversion factor (a crosswalk's `unit` transform).",
        examples: [
            GapExample(a: "fields:\n  - name: area\n    type: number\n    unit: hectare", b: "fields:\n  - name: area\n    type: number\n    unit: hectare", gaps: 0),
            GapExample(a: "fields:\n  - name: area\n    type: number\n    unit: hectare", b: "fields:\n  - name: area\n    type: number\n    unit: square metre", gaps: 1),
        ])

    static func check(_ pair: FieldPair) -> [Gap] {
        guard let from = pair.from.field.unit, let to = pair.to.field.unit, from != to else { return [] }
        // A crosswalk that converts between these units closes the gap.
        if let unit = pair.crosswalk.mapping?.transform?.unit, unit.from ?? from == from, unit.to ?? to == to { return [] }
        return [pair.gap(rule, "\(pair.names) is in \(from) under \(pair.a) and in \(to) under \(pair.b): values are accepted but mean something else",
                         transform: "convert \(from) to \(to)")]
    }
}
