import Foundation
import Yams

/// A project's `conform.yaml`: which files to check against which standards, with which
/// options, and which reports to write — what `conform check` runs, for pipelines.
///
/// ```yaml
/// checks:
///   - files: "data/brownfield/*.csv"        # a glob (or a list of them), relative to this file
///     standard: uk-gov/brownfield-land-register   # an id or a path (or a list: a matrix)
///     fail-on: warning
///     max-findings: 50
/// reports: [sarif:conform.sarif, junit:conform.xml]
/// ```
public struct ProjectConfig: Sendable {
    /// One entry of `checks`.
    public struct Check: Sendable {
        public var files: [String]
        public var standards: [String]
        public var failOn: Severity
        public var maxFindings: Int
        public var inputFormat: InputFormat?
        public var records: String?
        public var location: SourceLocation
    }

    public var checks: [Check]
    /// `format:path` outputs, paths relative to the config's folder.
    public var reports: [String]
    /// Extra folders of standards (relative to the config's folder).
    public var standardsDirs: [String]
    /// The project's own levels for rule ids (`severity:`).
    public var severity = SeverityOverrides()
    /// The config file, and its folder (where globs and paths start).
    public var file: String
    public var folder: String

    static let keys = ["checks", "reports", "standards-dirs", "severity"]
    static let checkKeys = ["files", "standard", "fail-on", "max-findings", "input-format", "records"]

    /// Reads `path`; throws the problems (with their places) when it cannot be used.
    public static func load(_ path: String) throws(Conform.StandardError) -> ProjectConfig {
        var diagnostics = Diagnostics()
        func fail() -> Conform.StandardError {
            .unusable(LintReport(tool: "conform \(Conform.version)", files: [path], findings: diagnostics.findings))
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            diagnostics.report(.yamlSyntax, "cannot read the project file (missing, unreadable or not UTF-8)", at: SourceLocation(file: path, line: 1, column: 1))
            throw fail()
        }
        guard let root = StandardLoader.compose(text: text, file: path, what: "a project file needs `checks`", diagnostics: &diagnostics) else { throw fail() }
        var reader = NodeReader(file: path)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var config = ProjectConfig(checks: [], reports: [], standardsDirs: [], file: path, folder: folder)
        var sawChecks = false
        if let pairs = reader.pairs(root, "the project file", known: keys) {
            for (key, _, value) in pairs {
                switch key {
                case "checks":
                    sawChecks = true
                    guard case let .sequence(items) = value else {
                        reader.diagnostics.report(.invalidValue, "`checks` must be a list", at: reader.location(value))
                        continue
                    }
                    for item in items {
                        if let check = readCheck(item, reader: &reader) { config.checks.append(check) }
                    }
                case "reports": config.reports = reader.strings(value, key, allowSingle: true) ?? []
                case "standards-dirs": config.standardsDirs = reader.strings(value, key, allowSingle: true) ?? []
                case "severity": config.severity = SeverityOverrides.read(value, reader: &reader)
                default: break
                }
            }
        }
        if !sawChecks { reader.diagnostics.report(.missingKey, "a project file needs `checks`", at: reader.location(root)) }
        diagnostics.append(contentsOf: reader.diagnostics)
        if diagnostics.hasErrors { throw fail() }
        return config
    }

    private static func readCheck(_ node: Node, reader: inout NodeReader) -> Check? {
        guard let pairs = reader.pairs(node, "a check", known: checkKeys) else { return nil }
        var check = Check(files: [], standards: [], failOn: .error, maxFindings: 20, location: reader.location(node))
        for (key, _, value) in pairs {
            switch key {
            case "files": check.files = reader.strings(value, key, allowSingle: true) ?? []
            case "standard": check.standards = reader.strings(value, key, allowSingle: true) ?? []
            case "fail-on": check.failOn = reader.severity(value, key) ?? .error
            case "max-findings": check.maxFindings = max(reader.int(value, key) ?? 20, 0)
            case "input-format":
                if let text = reader.string(value, key) {
                    check.inputFormat = InputFormat(rawValue: text)
                    if check.inputFormat == nil {
                        reader.diagnostics.report(.invalidValue, "`input-format` must be csv, json or ndjson, not \"\(text)\"", at: reader.location(value), value: text)
                    }
                }
            case "records": check.records = reader.string(value, key)
            default: break
            }
        }
        if check.files.isEmpty { reader.diagnostics.report(.missingKey, "a check needs `files`", at: check.location) }
        if check.standards.isEmpty { reader.diagnostics.report(.missingKey, "a check needs `standard`", at: check.location) }
        return check
    }

    /// The files under `folder` a check's globs match (relative paths, sorted), optionally only those in `only`.
    public func files(of check: Check, only: Set<String>? = nil) -> [String] {
        let patterns = check.files.map(Self.regex)
        var matched: [String] = []
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        for case let relative as String in enumerator {
            if relative.hasPrefix(".git/") || relative.hasPrefix(".build") { continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(relative), isDirectory: &isDirectory),
                  !isDirectory.boolValue else { continue }
            let range = NSRange(relative.startIndex..., in: relative)
            if patterns.contains(where: { $0?.firstMatch(in: relative, range: range) != nil }), only?.contains(relative) ?? true {
                matched.append(relative)
            }
        }
        return matched.sorted()
    }

    /// A glob as an anchored regular expression: `**/` any folders, `*` and `?` within one name.
    static func regex(_ glob: String) -> NSRegularExpression? {
        var pattern = "^"
        var characters = Array(glob.hasPrefix("./") ? String(glob.dropFirst(2)) : glob)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c == "*" && i + 1 < characters.count && characters[i + 1] == "*" {
                if i + 2 < characters.count && characters[i + 2] == "/" {
                    pattern += "(?:.*/)?"
                    i += 3
                } else {
                    pattern += ".*"
                    i += 2
                }
                continue
            }
            switch c {
            case "*": pattern += "[^/]*"
            case "?": pattern += "[^/]"
            default: pattern += NSRegularExpression.escapedPattern(for: String(c))
            }
            i += 1
        }
        characters.removeAll()
        return try? NSRegularExpression(pattern: pattern + "$")
    }
}
