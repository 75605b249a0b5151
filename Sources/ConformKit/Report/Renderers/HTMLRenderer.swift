import Mustache

/// `--format html`: one self-contained page for people who want to look rather than read —
/// per-file verdicts, per-field conformance bars, counts per rule, example findings with the
/// offending value highlighted, the conformance matrix when several standards were used, and
/// the `--target` and `compare` results. Built from a Mustache template (`HTMLTemplate`), which
/// escapes every value.
public struct HTMLRenderer: ReportRenderer {
    public static let name = "html"

    public init() {}

    private static let template: MustacheTemplate? = try? MustacheTemplate(string: HTMLTemplate.page)

    private func render(_ page: [String: Any]) -> String {
        (Self.template?.render(page) ?? "<!DOCTYPE html><title>conform</title><p>the report template failed</p>") + "\n"
    }

    public func render(_ report: ValidationReport, options: RenderOptions) -> String {
        let conforming = report.files.filter(\.conforms).count
        var page: [String: Any] = [
            "title": "conform: \(conforming) of \(report.files.count) \(report.files.count == 1 ? "check passes" : "checks pass")",
            "tool": report.tool,
            "summary": "fail on \(report.failOn.rawValue)",
            "files": report.files.map(file),
        ]
        let matrices = TextRenderer.matrices(report.files)
        if !matrices.isEmpty {
            page["matrix"] = ["tables": matrices.map { rows in ["header": rows[0], "rows": rows.dropFirst().map { ["cells": $0] }] }]
        }
        return render(page)
    }

    public func render(_ report: LintReport, options: RenderOptions) -> String {
        let findings = report.findings.map { finding -> [String: Any] in
            ["place": finding.line.map { "\($0)" + (finding.character.map { ":\($0)" } ?? "") } ?? "—", "row": finding.file,
             "column": "", "rule": finding.rule, "severity": finding.severity.rawValue, "message": finding.message,
             "value": finding.value.map { [$0] } ?? []]
        }
        let file: [String: Any] = [
            "file": report.files.joined(separator: ", "), "conforms": report.passes, "verdictClass": report.passes ? "pass" : "fail",
            "verdict": report.passes ? "lints clean" : "has errors", "standard": "", "rows": report.files.count, "conformingRows": report.files.count,
            "rowPercent": "", "errors": report.findings.count { $0.severity == .error }, "warnings": report.findings.count { $0.severity == .warning },
            "infos": report.findings.count { $0.severity == .info }, "hasFields": false, "hasCounts": false,
            "hasFindings": !findings.isEmpty, "findingCount": findings.count, "findings": findings,
        ]
        return render(["title": "conform lint: " + (report.passes ? "ok" : "errors"), "tool": report.tool,
                       "summary": "\(report.files.count) files checked", "files": [file]])
    }

    public func render(_ report: ComparisonReport, options: RenderOptions) -> String {
        let directions = report.directions.map { direction -> [String: Any] in
            let label = direction.direction == "a-to-b" ? "A → B" : "B → A"
            return [
                "label": "\(label): data made under \(direction.from.id), used under \(direction.to.id)",
                "compatible": direction.compatible, "verdictClass": direction.compatible ? "pass" : "fail",
                "verdict": direction.compatible ? "compatible" : "not compatible",
                "totals": "\(direction.errors) errors, \(direction.warnings) warnings, \(direction.infos) infos",
                "gaps": direction.gaps.map { gap -> [String: Any] in
                    ["severity": gap.severity.rawValue, "rule": gap.rule,
                     "field": [gap.fromField, gap.toField].compactMap { $0 }.joined(separator: " → "),
                     "message": gap.message, "example": gap.example.map { [$0] } ?? []]
                },
            ]
        }
        return render(["title": "conform compare: \(report.a.id) and \(report.b.id)", "tool": report.tool,
                       "summary": "\(report.matches.count) fields matched", "directions": directions])
    }

    // MARK: - View model

    private func file(_ file: FileReport) -> [String: Any] {
        let fields = file.fields.map { field -> [String: Any] in
            let share = field.cells == 0 ? 1 : Double(field.passing) / Double(field.cells)
            return ["field": field.field + (field.present ? "" : " (absent)"), "percent": TextRenderer.percent(share),
                    "width": Int((share * 100).rounded()), "level": share >= 0.99 ? "" : (share >= 0.9 ? "mid" : "low")]
        }
        let findings = file.findings.map { finding -> [String: Any] in
            ["place": finding.line.map { "\($0)" + (finding.character.map { ":\($0)" } ?? "") } ?? "—",
             "row": finding.row.map(String.init) ?? "—", "column": finding.column ?? finding.pointer ?? "—",
             "rule": finding.rule, "severity": finding.severity.rawValue, "message": finding.message,
             "value": finding.value.map { [$0] } ?? []]
        }
        var entry: [String: Any] = [
            "file": file.file, "conforms": file.conforms, "verdictClass": file.conforms ? "pass" : "fail",
            "verdict": file.conforms ? "conforms" : "does not conform",
            "standard": "to \(file.standard.id)" + (file.standard.version.map { " \($0)" } ?? ""),
            "rows": file.rows, "conformingRows": file.conformingRows, "rowPercent": TextRenderer.percent(file.rowConformance),
            "errors": file.errors, "warnings": file.warnings, "infos": file.infos,
            "hasFields": !fields.isEmpty, "fields": fields,
            "hasCounts": !file.counts.isEmpty,
            "counts": file.counts.map { ["rule": $0.rule, "column": $0.column ?? "—", "severity": $0.severity.rawValue, "count": $0.count] },
            "hasFindings": !findings.isEmpty, "findingCount": findings.count, "findings": findings,
        ]
        if let target = file.target {
            entry["target"] = [
                "standard": target.standard.id,
                "fields": target.fields.filter { $0.values > 0 }.map { field -> [String: Any] in
                    ["field": field.field, "target": field.target ?? "— (lost)", "values": field.values, "accepted": field.accepted,
                     "rejected": field.rejected.map { "\($0.reason) ×\($0.count), e.g. \($0.example)" }.joined(separator: "; ")]
                },
            ]
        }
        return entry
    }
}
