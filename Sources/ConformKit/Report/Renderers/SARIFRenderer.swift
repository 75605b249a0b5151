import Foundation

/// `--format sarif`: SARIF 2.1.0 (OASIS), for code-scanning tools such as GitHub's. One run;
/// the driver lists one rule per rule id reported, with its summary as help; each finding is a
/// result at the cell (file, line, character) with the place in the standard where the broken
/// rule is written as a related location, and the row, column, value and JSON Pointer as
/// properties. `lint` and `compare` results point into the standards.
///
/// `helpUri` is written when `CONFORM_DOCS_URL` is set (the base of the published `docs/`,
/// e.g. `https://example.org/conform/docs/`): SARIF requires an absolute URI there, and
/// conform has no address of its own to assume.
public struct SARIFRenderer: ReportRenderer {
    public static let name = "sarif"

    public init() {}

    public func render(_ report: ValidationReport, options: RenderOptions) -> String {
        let findings = report.files.flatMap(\.findings)
        return encode(log(tool: report.tool, findings: findings) { id in
            ValidationRule.named(id).map { ($0.summary, $0.severity) } ?? LintRule.all.first { $0.id == id }.map { ($0.summary, $0.severity) }
        })
    }

    public func render(_ report: LintReport, options: RenderOptions) -> String {
        encode(log(tool: report.tool, findings: report.findings) { id in
            LintRule.all.first { $0.id == id }.map { ($0.summary, $0.severity) }
        })
    }

    public func render(_ report: ComparisonReport, options: RenderOptions) -> String {
        // A gap is a result in the consumer's standard (where the stricter rule is written), or in the
        // producer's when it concerns that side only.
        var findings: [Finding] = []
        for direction in report.directions {
            for gap in direction.gaps {
                let location = gap.toLocation ?? gap.fromLocation
                var finding = Finding(rule: gap.rule, severity: gap.severity, message: "\(direction.direction): \(gap.message)",
                                      file: location?.file ?? direction.to.file, line: location?.line, character: location?.column,
                                      value: gap.example, expected: gap.transform,
                                      standardLocation: gap.toLocation == nil ? nil : gap.fromLocation)
                finding.column = gap.fromField
                findings.append(finding)
            }
        }
        return encode(log(tool: report.tool, findings: findings) { id in GapRule.named(id).map { ($0.summary, $0.severity) } })
    }

    // MARK: - Building

    private func log(tool: String, findings: [Finding], describe: (String) -> (String, Severity)?) -> Log {
        var ruleIDs: [String] = []
        for finding in findings where !ruleIDs.contains(finding.rule) { ruleIDs.append(finding.rule) }
        let docs = ProcessInfo.processInfo.environment["CONFORM_DOCS_URL"]
        let rules = ruleIDs.map { id -> Rule in
            let (summary, severity) = describe(id) ?? ("", .error)
            return Rule(id: id, name: Self.pascalCase(id), shortDescription: Message(text: Self.firstSentence(summary)),
                        fullDescription: Message(text: summary.isEmpty ? id : summary),
                        help: Message(text: summary.isEmpty ? id : summary),
                        helpUri: docs.map { ($0.hasSuffix("/") ? $0 : $0 + "/") + "rules.md#" + id },
                        defaultConfiguration: Configuration(level: Self.level(severity)))
        }
        let results = findings.map { finding -> Result in
            var properties: [String: String] = [:]
            if let row = finding.row { properties["row"] = String(row) }
            if let column = finding.column { properties["column"] = column }
            if let value = finding.value { properties["value"] = value }
            if let expected = finding.expected { properties["expected"] = expected }
            if let hint = finding.hint { properties["hint"] = hint }
            if let pointer = finding.pointer { properties["pointer"] = pointer }
            if let offset = finding.byteOffset { properties["byteOffset"] = String(offset) }
            let related = finding.standardLocation.map {
                [Location(id: 1, physicalLocation: Self.physical(file: $0.file, line: $0.line, column: $0.column),
                          message: Message(text: "the rule in the standard"))]
            }
            return Result(ruleId: finding.rule, ruleIndex: ruleIDs.firstIndex(of: finding.rule) ?? 0, level: Self.level(finding.severity),
                          message: Message(text: finding.message),
                          locations: [Location(id: nil, physicalLocation: Self.physical(file: finding.file, line: finding.line, column: finding.character),
                                               message: nil)],
                          relatedLocations: related, properties: properties.isEmpty ? nil : properties)
        }
        let version = tool.split(separator: " ").last.map(String.init) ?? Conform.version
        return Log(runs: [Run(tool: Tool(driver: Driver(name: "conform", version: version, semanticVersion: version, rules: rules)),
                              results: results)])
    }

    static func physical(file: String, line: Int?, column: Int?) -> PhysicalLocation {
        let region = line.map { Region(startLine: max($0, 1), startColumn: column.map { max($0, 1) }) }
        return PhysicalLocation(artifactLocation: ArtifactLocation(uri: uri(file)), region: region)
    }

    /// A file path as a URI reference: relative paths stay relative, characters outside the path set are escaped.
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "#?%")
        let escaped = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        return path.hasPrefix("/") ? "file://" + escaped : escaped
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    static func pascalCase(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    static func firstSentence(_ text: String) -> String {
        guard let end = text.range(of: ". ") else { return text }
        return String(text[..<end.lowerBound]) + "."
    }

    private func encode(_ log: Log) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(log) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: - The SARIF subset written

    struct Log: Encodable {
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var version = "2.1.0"
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name: String
        var version: String
        var semanticVersion: String
        var rules: [Rule]
    }

    struct Rule: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var help: Message
        var helpUri: String?
        var defaultConfiguration: Configuration
    }

    struct Configuration: Encodable { var level: String }

    struct Message: Encodable { var text: String }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var relatedLocations: [Location]?
        var properties: [String: String]?
    }

    struct Location: Encodable {
        var id: Int?
        var physicalLocation: PhysicalLocation
        var message: Message?
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct ArtifactLocation: Encodable { var uri: String }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int?
    }
}
