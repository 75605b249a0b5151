import Foundation
import Yams

/// A project's own levels for rule ids (`--severity-overrides FILE`, or `severity:` in
/// `conform.yaml`): a rule can be made an error, a warning, an info, or `off`, without editing
/// the standard. Applied wherever a finding is counted, so counts, conformance and exit codes follow.
public struct SeverityOverrides: Sendable, Hashable {
    /// The level of each overridden rule; nil for `off`.
    public private(set) var levels: [String: Severity?] = [:]

    public init() {}

    public init(_ levels: [String: Severity?]) { self.levels = levels }

    public var isEmpty: Bool { levels.isEmpty }

    /// The level a finding of `rule` at `severity` has here; nil when the rule is off.
    @inline(__always)
    func apply(_ rule: String, _ severity: Severity) -> Severity? {
        guard !levels.isEmpty, let level = levels[rule] else { return severity }
        return level
    }

    /// Reads `rule-id: error|warning|info|off` lines from a YAML mapping; unknown rule ids and levels are errors.
    public static func parse(yaml text: String, file: String) throws(Conform.StandardError) -> SeverityOverrides {
        var diagnostics = Diagnostics()
        guard let root = StandardLoader.compose(text: text, file: file, what: "severity overrides map rule ids to error, warning, info or off",
                                                diagnostics: &diagnostics) else {
            throw .unusable(LintReport(tool: "conform \(Conform.version)", files: [file], findings: diagnostics.findings))
        }
        var reader = NodeReader(file: file)
        let overrides = read(root, reader: &reader)
        diagnostics.append(contentsOf: reader.diagnostics)
        if diagnostics.hasErrors { throw .unusable(LintReport(tool: "conform \(Conform.version)", files: [file], findings: diagnostics.findings)) }
        return overrides
    }

    /// Reads a mapping of rule ids to levels, reporting unknown ids and levels.
    static func read(_ root: Node, reader: inout NodeReader) -> SeverityOverrides {
        var overrides = SeverityOverrides()
        let known = ValidationRule.all.map(\.id) + GapRule.all.map(\.id)
        for (rule, keyNode, value) in reader.pairs(root, "the severity overrides", known: []) ?? [] {
            guard known.contains(rule) else {
                reader.diagnostics.report(.unknownKey, "unknown rule id `\(rule)`", at: reader.location(keyNode),
                                          hint: Suggestions.closest(to: rule, in: known).map { "did you mean `\($0)`?" })
                continue
            }
            let level = reader.string(value, rule)
            if level == "off" {
                overrides.levels[rule] = .some(nil)
            } else if let level, let severity = Severity(rawValue: level) {
                overrides.levels[rule] = severity
            } else {
                reader.diagnostics.report(.invalidValue, "the level of `\(rule)` must be error, warning, info or off", at: reader.location(value))
            }
        }
        return overrides
    }
}
