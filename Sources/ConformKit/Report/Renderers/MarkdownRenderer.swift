/// `--format markdown`: a summary for a pull-request comment or `$GITHUB_STEP_SUMMARY` —
/// a verdict, a table per file, counts per rule and column, and the first findings folded in
/// a `<details>` block. Cells are escaped (`|`, line breaks) so tables stay tables.
public struct MarkdownRenderer: ReportRenderer {
    public static let name = "markdown"

    /// Findings listed per file in the folded table (the counts are always complete).
    static let findingsShown = 50

    public init() {}

    public func render(_ report: ValidationReport, options: RenderOptions) -> String {
        let conforming = report.files.filter(\.conforms).count
        var lines = ["## conform: \(conforming) of \(report.files.count) \(report.files.count == 1 ? "check" : "checks") pass", ""]
        lines.append("| file | standard | verdict | rows conforming | errors | warnings | infos |")
        lines.append("|---|---|---|---|---|---|---|")
        for file in report.files {
            lines.append(row([file.file, Self.standard(file.standard), file.conforms ? "✅ conforms" : "❌ does not conform",
                              "\(file.conformingRows) of \(file.rows) (\(TextRenderer.percent(file.rowConformance)))",
                              String(file.errors), String(file.warnings), String(file.infos)]))
        }
        for file in report.files where !file.counts.isEmpty || file.target != nil {
            lines += ["", "### \(Self.escape(file.file)) — \(Self.escape(file.standard.id))", ""]
            if !file.counts.isEmpty {
                lines += ["| rule | column | severity | count |", "|---|---|---|---|"]
                for count in file.counts {
                    lines.append(row(["`\(count.rule)`", count.column ?? "—", count.severity.rawValue, String(count.count)]))
                }
            }
            let below = file.fields.filter { $0.conformance < 1 }
            if !below.isEmpty {
                lines += ["", "Field conformance: " + below.map { "\(Self.escape($0.field)) \(TextRenderer.percent($0.conformance))" }.joined(separator: ", ")]
            }
            if !file.findings.isEmpty {
                let shown = file.findings.prefix(Self.findingsShown)
                lines += ["", "<details><summary>First \(shown.count) findings</summary>", "",
                          "| line | row | column | rule | message |", "|---|---|---|---|---|"]
                for finding in shown {
                    let place = finding.line.map { "\($0)" + (finding.character.map { ":\($0)" } ?? "") } ?? "—"
                    lines.append(row([place, finding.row.map(String.init) ?? "—", finding.column ?? finding.pointer ?? "—",
                                      "`\(finding.rule)`", finding.message]))
                }
                lines += ["", "</details>"]
            }
            if let target = file.target {
                lines += ["", "Under \(Self.escape(Self.standard(target.standard))):", "",
                          "| field | goes to | values | accepted | rejected |", "|---|---|---|---|---|"]
                for field in target.fields where field.values > 0 {
                    let rejected = field.rejected.map { "\($0.reason) ×\($0.count), e.g. \($0.example)" }.joined(separator: "; ")
                    lines.append(row([field.field, field.target ?? "— (lost)", String(field.values), String(field.accepted),
                                      rejected.isEmpty ? "—" : rejected]))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func render(_ report: LintReport, options: RenderOptions) -> String {
        var lines = ["## conform lint: " + (report.passes ? "✅ " : "❌ ") + "\(report.files.count) standard\(report.files.count == 1 ? "" : "s") checked, "
            + "\(report.findings.count) finding\(report.findings.count == 1 ? "" : "s")"]
        if !report.findings.isEmpty {
            lines += ["", "| place | severity | rule | message |", "|---|---|---|---|"]
            for finding in report.findings {
                let place = finding.file + (finding.line.map { ":\($0)" + (finding.character.map { ":\($0)" } ?? "") } ?? "")
                lines.append(row([place, finding.severity.rawValue, "`\(finding.rule)`", finding.message]))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func render(_ report: ComparisonReport, options: RenderOptions) -> String {
        var lines = ["## conform compare: \(Self.escape(Self.standard(report.a))) and \(Self.escape(Self.standard(report.b)))", ""]
        lines.append("\(report.matches.count) fields matched" + (report.matches.isEmpty ? "." : ": "
            + report.matches.map { Self.escape($0.a == $0.b ? $0.a : "\($0.a) = \($0.b) (\($0.by))") }.joined(separator: ", ") + "."))
        for direction in report.directions {
            let label = direction.direction == "a-to-b" ? "A → B" : "B → A"
            lines += ["", "### \(label): data made under \(Self.escape(direction.from.id)), used under \(Self.escape(direction.to.id))", "",
                      (direction.compatible ? "✅ compatible" : "❌ not compatible")
                          + " — \(TextRenderer.counted(direction.errors, "error")), \(TextRenderer.counted(direction.warnings, "warning")), "
                          + TextRenderer.counted(direction.infos, "info")]
            if !direction.gaps.isEmpty { lines += gapTable(direction.gaps) }
            if let suggested = direction.ifSuggestionsTaken {
                lines += ["", "If the suggested matches were taken (for review; not counted above):"] + gapTable(suggested)
            }
        }
        if !report.suggestions.isEmpty {
            lines += ["", "### Suggested matches (not taken)", "", "| A | B | confidence | why |", "|---|---|---|---|"]
            for suggestion in report.suggestions {
                lines.append(row([suggestion.a, suggestion.b, "\(suggestion.confidence)", suggestion.reason]))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func gapTable(_ gaps: [Gap]) -> [String] {
        var lines = ["", "| level | rule | field | gap | example |", "|---|---|---|---|---|"]
        for gap in gaps {
            let field = [gap.fromField, gap.toField].compactMap { $0 }.joined(separator: " → ")
            lines.append(row([gap.severity.rawValue, "`\(gap.rule)`", field.isEmpty ? "—" : field, gap.message,
                              gap.example.map { "`\($0)`" } ?? "—"]))
        }
        return lines
    }

    private func row(_ cells: [String]) -> String {
        "| " + cells.map(Self.escape).joined(separator: " | ") + " |"
    }

    static func standard(_ standard: StandardReference) -> String {
        standard.id + (standard.version.map { " \($0)" } ?? "")
    }

    /// A table cell: pipes escaped, line breaks as spaces.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}
