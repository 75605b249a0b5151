/// `--format github`: GitHub Actions workflow commands, one per finding
/// (`::error file=…,line=…,col=…,title=…::message`), so findings show as annotations on the
/// files of a pull request. Warnings are `::warning`, infos `::notice`. Values are escaped as
/// the runner expects (`%`, line breaks, and in properties `:` and `,`).
public struct GitHubRenderer: ReportRenderer {
    public static let name = "github"

    public init() {}

    public func render(_ report: ValidationReport, options: RenderOptions) -> String {
        var lines = report.files.flatMap { file in file.findings.map(command) }
        for file in report.files where file.findingsOmitted > 0 {
            lines.append("::notice file=\(Self.property(file.file)),title=conform::"
                + Self.data("\(file.findingsOmitted) more findings not shown (counts: \(file.errors) errors, \(file.warnings) warnings)"))
        }
        return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }

    public func render(_ report: LintReport, options: RenderOptions) -> String {
        let lines = report.findings.map(command)
        return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }

    public func render(_ report: ComparisonReport, options: RenderOptions) -> String {
        var lines: [String] = []
        for direction in report.directions {
            for gap in direction.gaps {
                let location = gap.toLocation ?? gap.fromLocation
                var command = "::\(Self.kind(gap.severity)) "
                var properties: [String] = []
                if let location {
                    properties += ["file=\(Self.property(location.file))", "line=\(location.line)", "col=\(location.column)"]
                }
                properties.append("title=\(Self.property("\(gap.rule) (\(direction.direction))"))")
                command += properties.joined(separator: ",")
                var message = gap.message
                if let example = gap.example { message += " (example: \(example))" }
                lines.append(command + "::" + Self.data(message))
            }
        }
        return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }

    private func command(_ finding: Finding) -> String {
        var properties = ["file=\(Self.property(finding.file))"]
        if let line = finding.line {
            properties.append("line=\(line)")
            if let character = finding.character { properties.append("col=\(character)") }
        }
        var title = finding.rule
        if let column = finding.column { title += " [\(column)]" }
        if let row = finding.row { title += " row \(row)" }
        properties.append("title=\(Self.property(title))")
        var message = finding.message
        if let expected = finding.expected { message += "; expected \(expected)" }
        if let hint = finding.hint { message += "; \(hint)" }
        if let location = finding.standardLocation { message += " (rule: \(location))" }
        return "::\(Self.kind(finding.severity)) " + properties.joined(separator: ",") + "::" + Self.data(message)
    }

    static func kind(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "notice"
        }
    }

    /// A command's message: `%`, CR and LF escaped.
    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// A property value: also `:` and `,`.
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
