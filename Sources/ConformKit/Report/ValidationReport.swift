/// The result of validating one or more files against a standard.
///
/// Serialized as the JSON report (`--format json`, schema in `docs/report.schema.json`).
/// Counts are always complete; `findings` holds examples, capped per rule and column
/// by `maxFindings`.
public struct ValidationReport: Sendable, Codable {
    /// Version of this JSON shape.
    public var reportVersion: Int = 1
    /// conform's version.
    public var tool: String
    /// The level at which a finding makes a file fail.
    public var failOn: Severity
    /// True when every file conforms.
    public var conforms: Bool
    /// One entry per validated file, in the order given.
    public var files: [FileReport]

    public init(tool: String, failOn: Severity, files: [FileReport]) {
        self.tool = tool
        self.failOn = failOn
        self.files = files
        self.conforms = files.allSatisfy(\.conforms)
    }
}

/// A reference to the standard a file was checked against.
public struct StandardReference: Sendable, Codable, Hashable {
    public var id: String
    public var version: String?
    public var title: String?
    /// The standard's file.
    public var file: String

    public init(id: String, version: String?, title: String?, file: String) {
        self.id = id
        self.version = version
        self.title = title
        self.file = file
    }
}

/// Everything found in one file.
public struct FileReport: Sendable, Codable {
    public var file: String
    public var standard: StandardReference
    /// True when no finding reaches the fail-on level.
    public var conforms: Bool
    /// Data rows read (header excluded).
    public var rows: Int
    /// Data rows with no finding at or above the fail-on level.
    public var conformingRows: Int
    /// Bytes read.
    public var bytes: Int
    /// Totals by severity.
    public var errors: Int
    public var warnings: Int
    public var infos: Int
    /// Complete counts per rule and column.
    public var counts: [RuleCount]
    /// Per-field conformance: the share of cells that pass.
    public var fields: [FieldConformance]
    /// Example findings, in file order, at most `maxFindings` per rule and column.
    public var findings: [Finding]
    /// Findings counted but not listed because of the cap.
    public var findingsOmitted: Int
    /// With `--target`: how the data would fare under another standard.
    public var target: TargetReport?

    public init(file: String, standard: StandardReference) {
        self.file = file
        self.standard = standard
        self.conforms = true
        self.rows = 0
        self.conformingRows = 0
        self.bytes = 0
        self.errors = 0
        self.warnings = 0
        self.infos = 0
        self.counts = []
        self.fields = []
        self.findings = []
        self.findingsOmitted = 0
    }

    /// Share of data rows that conform, from 0 to 1 (1 for an empty file).
    public var rowConformance: Double {
        rows == 0 ? 1 : Double(conformingRows) / Double(rows)
    }

    /// Adds a finding about the whole file decided after its rows were read (such as a foreign
    /// key that could not be checked): counted, listed first (it has no row), and failing the
    /// file at `failOn`.
    mutating func add(_ finding: Finding, failOn: Severity, keepExample: Bool) {
        switch finding.severity {
        case .error: errors += 1
        case .warning: warnings += 1
        case .info: infos += 1
        }
        if finding.severity >= failOn { conforms = false }
        if let index = counts.firstIndex(where: { $0.rule == finding.rule && $0.column == finding.column && $0.severity == finding.severity }) {
            counts[index].count += 1
        } else {
            counts.append(RuleCount(rule: finding.rule, severity: finding.severity, column: finding.column, count: 1))
        }
        if keepExample {
            findings.insert(finding, at: findings.firstIndex { ($0.row ?? 0) > 0 } ?? findings.endIndex)
        } else {
            findingsOmitted += 1
        }
    }
}

/// How many findings one rule produced in one column.
public struct RuleCount: Sendable, Codable, Hashable {
    public var rule: String
    public var severity: Severity
    /// Column name, or nil for findings that belong to no column (structure, rows).
    public var column: String?
    public var count: Int

    public init(rule: String, severity: Severity, column: String?, count: Int) {
        self.rule = rule
        self.severity = severity
        self.column = column
        self.count = count
    }
}

/// Conformance of one field across the file.
public struct FieldConformance: Sendable, Codable, Hashable {
    public var field: String
    /// Cells read in this column (0 when the column is absent).
    public var cells: Int
    /// Cells with no finding at or above the fail-on level.
    public var passing: Int
    /// False when the column is not in the file.
    public var present: Bool

    public init(field: String, cells: Int, passing: Int, present: Bool) {
        self.field = field
        self.cells = cells
        self.passing = passing
        self.present = present
    }

    /// Share of cells that pass, from 0 to 1 (1 when there are no cells).
    public var conformance: Double { cells == 0 ? (present ? 1 : 0) : Double(passing) / Double(cells) }
}

/// The result of linting one or more standard files.
public struct LintReport: Sendable, Codable {
    public var reportVersion: Int = 1
    public var tool: String
    /// The standard files checked.
    public var files: [String]
    /// Findings with rule ids from the lint rule registry.
    public var findings: [Finding]

    public init(tool: String, files: [String], findings: [Finding]) {
        self.tool = tool
        self.files = files
        self.findings = findings
    }

    /// True when nothing at error level was found.
    public var passes: Bool { !findings.contains { $0.severity == .error } }
}
