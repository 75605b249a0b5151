/// `--format junit`: JUnit XML, the test-report format CI systems show. One `testsuite` per file
/// and standard; in it a `testcase` "conforms to <standard>" (failed when the file does not
/// conform), and one per rule and column that has findings, failed when its findings reach
/// `--fail-on` (with the count and the first examples), passed otherwise (its findings in
/// `system-out`). For `lint`, one suite per standard; for `compare`, one per direction.
public struct JUnitRenderer: ReportRenderer {
    public static let name = "junit"

    public init() {}

    struct Case {
        var classname: String
        var name: String
        var failure: (message: String, type: String, body: String)?
        var output: String?
    }

    public func render(_ report: ValidationReport, options: RenderOptions) -> String {
        let suites = report.files.map { file -> (String, [Case]) in
            var cases = [Case(classname: file.file, name: "conforms to \(file.standard.id)",
                              failure: file.conforms ? nil : ("\(file.errors) errors, \(file.warnings) warnings; \(file.conformingRows) of \(file.rows) rows conform",
                                                              "does-not-conform", ""))]
            for count in file.counts {
                let examples = file.findings.filter { $0.rule == count.rule && $0.column == count.column && $0.severity == count.severity }
                    .map { finding in
                        (finding.line.map { "line \($0)" + (finding.character.map { ":\($0)" } ?? "") + ": " } ?? "") + finding.message
                    }
                    .joined(separator: "\n")
                let name = count.rule + (count.column.map { " [\($0)]" } ?? "")
                let text = "\(count.count) \(count.severity.rawValue)\(count.count == 1 ? "" : "s")"
                if count.severity >= report.failOn {
                    cases.append(Case(classname: file.file, name: name, failure: (text, count.rule, examples)))
                } else {
                    cases.append(Case(classname: file.file, name: name, output: text + (examples.isEmpty ? "" : "\n" + examples)))
                }
            }
            return ("\(file.file) (\(file.standard.id))", cases)
        }
        return document(name: "conform validate", suites: suites)
    }

    public func render(_ report: LintReport, options: RenderOptions) -> String {
        let suites = report.files.map { file -> (String, [Case]) in
            let findings = report.findings.filter { $0.file == file }
            var cases = [Case(classname: file, name: "lints clean",
                              failure: findings.contains { $0.severity == .error } ? ("\(findings.count) findings", "lint", "") : nil)]
            cases += findings.map { finding in
                let place = "\(finding.file):\(finding.line ?? 0):\(finding.character ?? 0)"
                return Case(classname: file, name: "\(finding.rule) at \(place)",
                            failure: finding.severity == .error ? (finding.message, finding.rule, place) : nil,
                            output: finding.severity == .error ? nil : finding.message)
            }
            return (file, cases)
        }
        return document(name: "conform lint", suites: suites)
    }

    public func render(_ report: ComparisonReport, options: RenderOptions) -> String {
        let suites = report.directions.map { direction -> (String, [Case]) in
            let name = "\(direction.from.id) → \(direction.to.id)"
            var cases = [Case(classname: name, name: "compatible",
                              failure: direction.compatible ? nil : ("\(direction.errors) errors", "not-compatible", ""))]
            cases += direction.gaps.map { gap in
                let field = [gap.fromField, gap.toField].compactMap { $0 }.joined(separator: " → ")
                let caseName = gap.rule + (field.isEmpty ? "" : " [\(field)]")
                let body = gap.example.map { "example: \($0)" } ?? ""
                return gap.severity >= report.failOn
                    ? Case(classname: name, name: caseName, failure: (gap.message, gap.rule, body))
                    : Case(classname: name, name: caseName, output: gap.message)
            }
            return (name, cases)
        }
        return document(name: "conform compare", suites: suites)
    }

    private func document(name: String, suites: [(String, [Case])]) -> String {
        let tests = suites.reduce(0) { $0 + $1.1.count }
        let failures = suites.reduce(0) { $0 + $1.1.filter { $0.failure != nil }.count }
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                     "<testsuites name=\"\(Self.escape(name))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\">"]
        for (suite, cases) in suites {
            let suiteFailures = cases.filter { $0.failure != nil }.count
            lines.append("  <testsuite name=\"\(Self.escape(suite))\" tests=\"\(cases.count)\" failures=\"\(suiteFailures)\" errors=\"0\" skipped=\"0\">")
            for item in cases {
                let open = "    <testcase classname=\"\(Self.escape(item.classname))\" name=\"\(Self.escape(item.name))\""
                if let failure = item.failure {
                    lines.append(open + ">")
                    lines.append("      <failure message=\"\(Self.escape(failure.message))\" type=\"\(Self.escape(failure.type))\">\(Self.escape(failure.body, text: true))</failure>")
                    lines.append("    </testcase>")
                } else if let output = item.output {
                    lines.append(open + ">")
                    lines.append("      <system-out>\(Self.escape(output, text: true))</system-out>")
                    lines.append("    </testcase>")
                } else {
                    lines.append(open + "/>")
                }
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// XML attribute (or, with `text`, element text) escaping; characters XML 1.0 cannot hold become U+FFFD.
    static func escape(_ text: String, text isText: Bool = false) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\n": result += isText ? "\n" : "&#10;"
            case "\t", "\r": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || (value >= 0xFFFE && value <= 0xFFFF) { result += "\u{FFFD}" } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
