/// `--format text`: compiler-style output for a person at a terminal.
///
/// Each finding is a block such as
///
///     error[not-in-codelist]: "Permissioned" is not in codelist planning-status
///       --> examples/brownfield/dirty.csv:14:8   row 13, column PlanningStatus
///        = expected: one of: permissioned, not permissioned, pending decision
///        = help: differs only by case from "permissioned"
///        = rule: standards/uk-gov/brownfield-land-register.yaml:88:7
///
/// followed, per file, by a verdict, the totals, a table of counts per rule and
/// column, and the fields that do not fully conform. Blocks are separated by a
/// blank line. ANSI colour is used only when `RenderOptions.color` is set.
public struct TextRenderer: ReportRenderer {
    public static let name = "text"

    public init() {}

    public func render(_ report: ValidationReport, options: RenderOptions) -> String {
        let style = Style(enabled: options.color)
        var blocks: [String] = []
        for file in report.files {
            blocks += file.findings.map { findingBlock($0, style: style) }
            blocks.append(summaryBlock(file, style: style))
        }
        blocks += matrixBlocks(report.files)
        if report.files.isEmpty {
            blocks.append("no files validated")
        } else if report.files.count > 1 {
            let conforming = report.files.filter(\.conforms).count
            let standards = Set(report.files.map(\.standard.file)).count, names = Set(report.files.map(\.file)).count
            let line = names < report.files.count && standards > 1
                ? "\(conforming) of \(report.files.count) checks pass (\(Self.counted(names, "file")) × \(Self.counted(standards, "standard")))"
                : "\(conforming) of \(Self.counted(report.files.count, "file")) " + (conforming == 1 ? "conforms" : "conform")
            blocks.append(style.paint(line, report.conforms ? Style.good : Style.bad))
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    public func render(_ report: LintReport, options: RenderOptions) -> String {
        let style = Style(enabled: options.color)
        var blocks = report.findings.map { findingBlock($0, style: style) }
        let errors = report.findings.count { $0.severity == .error }
        let warnings = report.findings.count { $0.severity == .warning }
        let infos = report.findings.count { $0.severity == .info }
        var line = "\(Self.counted(report.files.count, "standard")) checked: "
        if report.findings.isEmpty {
            line += "ok"
        } else {
            line += "\(Self.counted(errors, "error")), \(Self.counted(warnings, "warning"))"
            if infos > 0 { line += ", \(Self.counted(infos, "info"))" }
        }
        blocks.append(style.paint(line, report.passes ? Style.good : Style.bad))
        return blocks.joined(separator: "\n\n") + "\n"
    }

    // MARK: - Findings

    /// One finding: the headline, the `-->` location, then `=` notes.
    func findingBlock(_ finding: Finding, style: Style) -> String {
        let label = style.paint("\(finding.severity.rawValue)[\(finding.rule)]", Style.severity(finding.severity))
        var lines = ["\(label): \(finding.message)"]

        var place = finding.file
        if let line = finding.line {
            place += ":\(line)"
            if let character = finding.character { place += ":\(character)" }
        }
        var record: [String] = []
        if let row = finding.row { record.append("row \(row)") }
        if let column = finding.column { record.append("column \(column)") }
        if let pointer = finding.pointer, !pointer.isEmpty { record.append("at \(pointer)") }
        if !record.isEmpty { place += "   " + record.joined(separator: ", ") }
        lines.append("  \(style.paint("-->", Style.gutter)) \(place)")

        let equals = style.paint("=", Style.gutter)
        if let expected = finding.expected { lines.append("   \(equals) expected: \(expected)") }
        if let hint = finding.hint { lines.append("   \(equals) help: \(hint)") }
        if let location = finding.standardLocation { lines.append("   \(equals) rule: \(location.description)") }
        return lines.joined(separator: "\n")
    }

    // MARK: - File summary

    /// The verdict, totals, counts table, field conformance and omitted-findings note for one file.
    func summaryBlock(_ file: FileReport, style: Style) -> String {
        var standard = file.standard.id
        if let version = file.standard.version { standard += " \(version)" }
        let verdict = file.conforms
            ? "\(file.file) conforms to \(standard)"
            : "\(file.file) does not conform to \(standard)"
        var lines = [style.paint(verdict, file.conforms ? Style.good : Style.bad)]

        var totals = "\(Self.counted(file.errors, "error")), \(Self.counted(file.warnings, "warning")), \(Self.counted(file.infos, "info")); "
        if file.rows == 0 {
            totals += "no data rows"
        } else {
            totals += "\(file.conformingRows) of \(Self.counted(file.rows, "row")) "
                + (file.conformingRows == 1 ? "conforms" : "conform")
                + " (\(Self.percent(file.rowConformance)))"
        }
        lines.append("  " + totals)

        lines += countsTable(file.counts).map { "  " + $0 }

        if !file.fields.isEmpty {
            let below = file.fields.enumerated()
                .filter { $0.element.conformance < 1 }
                .sorted { ($0.element.conformance, $0.offset) < ($1.element.conformance, $1.offset) }
                .map(\.element)
            if below.isEmpty {
                lines.append("  field conformance: all fields 100%")
            } else {
                let items = below.map { field in
                    "\(field.field) \(Self.percent(field.conformance))" + (field.present ? "" : " (absent)")
                }
                lines.append("  field conformance: " + items.joined(separator: ", "))
            }
        }

        if file.findingsOmitted > 0 {
            let n = file.findingsOmitted
            lines.append("  (\(n) more \(n == 1 ? "finding" : "findings") not shown; raise --max-findings to see \(n == 1 ? "it" : "them"))")
        }
        if let target = file.target { lines += targetLines(target) }
        return lines.joined(separator: "\n")
    }

    /// For a file validated against several standards: a conformance matrix, one column per
    /// standard, one row per verdict, total and rule.
    func matrixBlocks(_ files: [FileReport]) -> [String] {
        Self.matrices(files).map { rows in
            let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
            return rows.map { row in
                row.enumerated().map { Self.padded($0.element, to: widths[$0.offset] + 3) }.joined().trimmingCharacters(in: .whitespaces)
            }.joined(separator: "\n")
        }
    }

    /// For each file checked against several standards, its conformance matrix as rows of cells: the
    /// file and the standards' ids, then the verdicts, rows conforming, totals, and counts per rule.
    static func matrices(_ files: [FileReport]) -> [[[String]]] {
        var order: [String] = []
        var byFile: [String: [FileReport]] = [:]
        for file in files {
            if byFile[file.file] == nil { order.append(file.file) }
            byFile[file.file, default: []].append(file)
        }
        return order.compactMap { name -> [[String]]? in
            guard let reports = byFile[name], Set(reports.map(\.standard.file)).count > 1 else { return nil }
            var rows: [[String]] = [[name] + reports.map(\.standard.id)]
            rows.append(["verdict"] + reports.map { $0.conforms ? "conforms" : "does not conform" })
            rows.append(["rows conforming"] + reports.map { "\($0.conformingRows) of \($0.rows) (\(Self.percent($0.rowConformance)))" })
            rows.append(["errors / warnings / infos"] + reports.map { "\($0.errors) / \($0.warnings) / \($0.infos)" })
            var rules: [String] = []
            for report in reports { for count in report.counts where !rules.contains(count.rule) { rules.append(count.rule) } }
            for rule in rules.sorted() {
                rows.append([rule] + reports.map { report in String(report.counts.filter { $0.rule == rule }.reduce(0) { $0 + $1.count }) })
            }
            return rows
        }
    }

    /// `--target`: per field, what the target standard would make of the values.
    func targetLines(_ target: TargetReport) -> [String] {
        var standard = target.standard.id
        if let version = target.standard.version { standard += " \(version)" }
        var lines = ["  under \(standard)" + (target.crosswalk.map { " (crosswalk \($0))" } ?? "") + ":"]
        for field in target.fields where field.values > 0 || field.missingRequired > 0 {
            let name = field.target.map { $0 == field.field ? field.field : "\(field.field) → \($0)" } ?? field.field
            guard field.target != nil else {
                lines.append("    \(name): \(Self.counted(field.values, "value")) lost (no field for it)")
                continue
            }
            var parts = [Self.counted(field.values, "value")]
            if field.transformed > 0 {
                parts.append("\(field.transformed) transformed (\(Self.percent(Double(field.transformed) / Double(field.values))))")
            }
            let rejected = field.rejected.reduce(0) { $0 + $1.count }
            if rejected == 0 {
                if field.values > 0 { parts.append("all accepted") }
            } else {
                let reasons = field.rejected.map { "\($0.reason) ×\($0.count), e.g. \(quoted($0.example))" }.joined(separator: "; ")
                parts.append("\(rejected) rejected (\(Self.percent(Double(rejected) / Double(field.values)))): \(reasons)")
            }
            if field.missingRequired > 0 {
                parts.append("\(Self.counted(field.missingRequired, "record")) \(field.missingRequired == 1 ? "lacks" : "lack") a value it requires")
            }
            lines.append("    \(name): " + parts.joined(separator: ", "))
        }
        if !target.unprovided.isEmpty {
            lines.append("    required by \(target.standard.id) and fed by no field (every record lacks them): "
                + target.unprovided.joined(separator: ", "))
        }
        return lines
    }

    /// The counts per rule and column, most frequent first, columns aligned; empty when there are none.
    func countsTable(_ counts: [RuleCount]) -> [String] {
        guard !counts.isEmpty else { return [] }
        let sorted = counts.sorted { a, b in
            if a.count != b.count { return a.count > b.count }
            if a.rule != b.rule { return a.rule < b.rule }
            return (a.column ?? "") < (b.column ?? "")
        }
        let rows = [("rule", "column", "count")]
            + sorted.map { ($0.rule, $0.column ?? "-", String($0.count)) }
        let ruleWidth = rows.map(\.0.count).max()! + 3
        let columnWidth = rows.map(\.1.count).max()! + 2
        let countWidth = rows.map(\.2.count).max()!
        return rows.map { rule, column, count in
            Self.padded(rule, to: ruleWidth) + Self.padded(column, to: columnWidth)
                + String(repeating: " ", count: countWidth - count.count) + count
        }
    }
}

// MARK: - Helpers

extension TextRenderer {
    /// `1 error`, `2 errors`, `0 infos`.
    static func counted(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }

    /// A share from 0 to 1 as a percentage with one decimal: `70.7%`.
    ///
    /// Exactly 1 is `100%` and exactly 0 is `0%`; anything in between stays
    /// strictly between them (`99.9%`, `0.1%`) so rounding never hides a failure.
    static func percent(_ ratio: Double) -> String {
        if ratio >= 1 { return "100%" }
        if !(ratio > 0) { return "0%" }
        let tenths = min(max(Int((ratio * 1000).rounded()), 1), 999)
        return "\(tenths / 10).\(tenths % 10)%"
    }

    static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(width - text.count, 0))
    }

    /// ANSI styling that is a no-op when colour is off.
    struct Style {
        var enabled: Bool

        static let gutter = "34"
        static let good = "1;32"
        static let bad = "1;31"
        static let bold = "1"

        static func severity(_ severity: Severity) -> String {
            switch severity {
            case .error: "1;31"
            case .warning: "1;33"
            case .info: "1;34"
            }
        }

        func paint(_ text: String, _ code: String) -> String {
            enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
        }
    }
}
