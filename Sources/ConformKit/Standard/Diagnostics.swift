/// Collects lint findings while a standard is read and checked.
struct Diagnostics: Sendable {
    private(set) var findings: [Finding] = []

    var hasErrors: Bool { findings.contains { $0.severity == .error } }

    mutating func report(_ rule: LintRule, _ message: String, at location: SourceLocation,
                         hint: String? = nil, value: String? = nil, severity: Severity? = nil) {
        findings.append(Finding(
            rule: rule.id, severity: severity ?? rule.severity, message: message, file: location.file,
            line: location.line, character: location.column, value: value, hint: hint))
    }

    /// Adds `text` to the message of the finding at `index` (used to fold repeats into one).
    mutating func amendMessage(at index: Int, appending text: String) {
        findings[index].message += text
    }

    mutating func append(contentsOf other: Diagnostics) {
        findings.append(contentsOf: other.findings)
    }

    mutating func append(contentsOf other: [Finding]) {
        findings.append(contentsOf: other)
    }
}
