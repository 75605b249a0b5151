/// `conform compare` as text: the standards, the field matches and suggestions, then per
/// direction one block per gap, in the style of findings, and a verdict.
///
///     error[date-format-differs]: FirstAddedDate → CaseDate: A writes dates as YYYY-MM-DD (ISO 8601), B as %d/%m/%Y
///        = example: 2024-03-31 (valid under A)
///        = transform: YYYY-MM-DD (ISO 8601) → %d/%m/%Y
///        = A: standards/uk-gov/brownfield-land-register.yaml:120:5
///        = B: standards/lga/planning-applications.yaml:40:7
extension TextRenderer {
    public func render(_ report: ComparisonReport, options: RenderOptions) -> String {
        let style = Style(enabled: options.color)
        var blocks: [String] = []
        blocks.append([
            "A: \(Self.describe(report.a))",
            "B: \(Self.describe(report.b))",
        ].joined(separator: "\n"))
        var matched = "\(Self.counted(report.matches.count, "field")) matched"
        if !report.matches.isEmpty {
            matched += ": " + report.matches.map { $0.a == $0.b ? $0.a : "\($0.a) = \($0.b) (\($0.by))" }.joined(separator: ", ")
        }
        var lines = [matched]
        for suggestion in report.suggestions {
            lines.append("suggestion: \(suggestion.a) may be \(suggestion.b) (confidence \(suggestion.confidence): \(suggestion.reason))")
        }
        blocks.append(lines.joined(separator: "\n"))
        for direction in report.directions {
            let label = direction.direction == "a-to-b" ? "A → B" : "B → A"
            blocks.append(style.paint("\(label): data made under \(direction.from.id), used under \(direction.to.id)", Style.bold))
            blocks += direction.gaps.map { gapBlock($0, direction: direction, style: style) }
            if let suggested = direction.ifSuggestionsTaken {
                blocks.append("\(label), if the suggested matches were taken (for review; not counted below):")
                blocks += suggested.map { gapBlock($0, direction: direction, style: style) }
            }
            var verdict = "\(label): " + (direction.compatible ? "compatible" : "not compatible") + " — "
            verdict += "\(Self.counted(direction.errors, "error")), \(Self.counted(direction.warnings, "warning")), "
                + "\(Self.counted(direction.infos, "info"))"
            blocks.append(style.paint(verdict, direction.compatible ? Style.good : Style.bad))
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private func gapBlock(_ gap: Gap, direction: DirectionReport, style: Style) -> String {
        let label = style.paint("\(gap.severity.rawValue)[\(gap.rule)]", Style.severity(gap.severity))
        var lines = ["\(label): \(gap.message)"]
        if let example = gap.example { lines.append("   = example: \(example) (valid under \(direction.from.id))") }
        if let transform = gap.transform { lines.append("   = transform: \(transform)") }
        let (fromSide, toSide) = direction.direction == "a-to-b" ? ("A", "B") : ("B", "A")
        if let location = gap.fromLocation { lines.append("   = \(fromSide): \(location)") }
        if let location = gap.toLocation { lines.append("   = \(toSide): \(location)") }
        return lines.joined(separator: "\n")
    }

    private static func describe(_ standard: StandardReference) -> String {
        var text = standard.id
        if let version = standard.version { text += " \(version)" }
        if let title = standard.title { text += " — \(title)" }
        return text + " (\(standard.file))"
    }
}
