/// `date-format-differs`: the same kind of date or time, written in another format.
enum DateFormatDiffers {
    static let rule = GapRule(
        id: "date-format-differs", severity: .error,
        summary: "Both standards hold a date (or datetime, or time) but write it differently (`format: \"%d/%m/%Y\"` against ISO 8601), or B keeps dates as text whose pattern takes another common format: A's values are rejected by B until rewritten; the gap gives the transform.",
        examples: [
            GapExample(a: "fields:\n  - name: d\n    type: date", b: "fields:\n  - name: d\n    type: date\n    format: \"%Y-%m-%d\"", gaps: 0),
            GapExample(a: "fields:\n  - name: d\n    type: date\n    format: \"%d/%m/%Y\"", b: "fields:\n  - name: d\n    type: date", gaps: 1),
            // B holds dates as text with a pattern: the format it implies is found.
            GapExample(a: "fields:\n  - name: d\n    type: date", b: "fields:\n  - name: d\n    pattern: \"[0-3][0-9]/[01][0-9]/[12][0-9]{3}\"", gaps: 1),
        ])

    /// Formats a text field's pattern may describe, tried when A has a date and B only a pattern.
    static let commonFormats = ["%d/%m/%Y", "%m/%d/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y%m%d", "%Y/%m/%d", "%d/%m/%y", "%-d %B %Y", "%d %b %Y"]

    /// When A has a date (or datetime) and B a text pattern that A's values fail but the same date
    /// written in a common format matches: that format.
    static func impliedFormat(_ pair: FieldPair) -> TemporalFormat? {
        guard let from = pair.from.temporal, pair.to.temporal == nil, pair.to.compiled.hasPattern, from.kind != .time,
              pair.crosswalk.mapping?.transform?.dateFormat == nil, !pair.to.matchesPattern(from.sample) else { return nil }
        for pattern in commonFormats {
            guard let format = try? TemporalFormat(kind: .date, pattern: pattern) else { continue }
            if pair.to.matchesPattern(format.sample) && pair.to.matchesPattern(format.format(TemporalValue(seconds: 0))) { return format }
        }
        return nil
    }

    static func check(_ pair: FieldPair) -> [Gap] {
        if let implied = impliedFormat(pair), let from = pair.from.temporal {
            // (with a crosswalk's date-format transform `impliedFormat` is nil: the rewritten dates are checked as text)
            // B keeps dates as text with a pattern (e.g. to allow an optional time): it takes them written as `implied`.
            return [pair.gap(rule, "\(pair.names): \(pair.a) writes \(from.kind.rawValue)s as \(from.display), \(pair.b)'s pattern takes them as \(implied.display)",
                             example: from.sample, transform: "\(from.display) → \(implied.display)",
                             fromLocation: pair.from.field.type.location, toLocation: pair.to.constraints.pattern?.location)]
        }
        guard let from = pair.from.temporal, let to = pair.to.temporal, from.kind == to.kind else { return [] }
        // A crosswalk's date-format transform rewrites A's values first.
        if let rewrite = pair.crosswalk.mapping?.transform?.dateFormat {
            // The transform must read the dates A writes: otherwise it leaves them as they are.
            guard rewrite.from == from.pattern else {
                let reads = (try? TemporalFormat(kind: from.kind, pattern: rewrite.from))?.display ?? rewrite.from ?? "ISO 8601"
                return [pair.gap(rule, "\(pair.names): the crosswalk's date-format transform reads \(reads), but \(pair.a) writes \(from.kind.rawValue)s as \(from.display)",
                                 severity: pair.to.parses(from.sample) ? .warning : .error, example: from.sample,
                                 transform: "\(from.display) → \(to.display)", fromLocation: pair.crosswalk.mapping?.location,
                                 toLocation: pair.to.constraints.format?.location)]
            }
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
