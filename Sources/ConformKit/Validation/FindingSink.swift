/// Counts every finding (complete counts per rule, column and severity) and keeps
/// examples up to a cap per rule and column, in file order.
struct FindingSink {
    struct CountKey: Hashable {
        var rule: String
        /// Column position in the file, or -1 when the finding belongs to no column.
        var column: Int
        var columnName: String?
        var severity: Severity
    }

    let failOn: Severity
    let maxPerKey: Int
    private(set) var counts: [CountKey: Int] = [:]
    private(set) var findings: [Finding] = []
    private(set) var omitted = 0
    private(set) var errors = 0
    private(set) var warnings = 0
    private(set) var infos = 0
    /// True once a finding at or above `failOn` was counted.
    private(set) var failed = false
    /// True when the current row has a finding at or above `failOn`.
    var rowFailed = false
    /// Where in a row's order of checks the findings now being added come from (see `FileValidator`);
    /// kept per finding so parallel results can be merged in exactly sequential order.
    var currentOrder = 0
    private(set) var orders: [Int] = []
    /// The count key of each listed finding.
    private(set) var keys: [CountKey] = []
    private var lastKey = CountKey(rule: "", column: -1, columnName: nil, severity: .error)

    /// The project's own levels for rule ids.
    var overrides = SeverityOverrides()

    init(failOn: Severity, maxPerKey: Int, overrides: SeverityOverrides = SeverityOverrides()) {
        self.failOn = failOn
        self.maxPerKey = maxPerKey
        self.overrides = overrides
    }

    /// The level a finding of `rule` at `severity` has after the overrides; nil when the rule is off.
    @inline(__always)
    func effective(_ rule: String, _ severity: Severity) -> Severity? { overrides.apply(rule, severity) }

    /// Counts one finding. Returns true when an example should be recorded with `add`.
    mutating func count(_ rule: String, _ severity: Severity, column: Int, columnName: String?) -> Bool {
        // A rule turned off is not counted at all; an overridden one counts at its new level.
        guard let severity = overrides.apply(rule, severity) else { return false }
        let key = CountKey(rule: rule, column: column, columnName: columnName, severity: severity)
        lastKey = key
        let n = counts[key, default: 0] + 1
        counts[key] = n
        switch severity {
        case .error: errors += 1
        case .warning: warnings += 1
        case .info: infos += 1
        }
        if severity >= failOn {
            failed = true
            rowFailed = true
        }
        if n <= maxPerKey { return true }
        omitted += 1
        return false
    }

    mutating func add(_ finding: Finding) {
        var finding = finding
        finding.severity = lastKey.severity
        findings.append(finding)
        orders.append(currentOrder)
        keys.append(lastKey)
    }

    /// Removes the finding added last (the counts stay).
    mutating func removeLast() {
        findings.removeLast()
        orders.removeLast()
        keys.removeLast()
    }

    /// Adds a finding checked after others of its row that come later in the row's order (a deferred
    /// check), placing it where the sequential order puts it.
    mutating func addInRowOrder(_ finding: Finding) {
        var finding = finding
        finding.severity = lastKey.severity
        var index = findings.count
        while index > 0 && findings[index - 1].row == finding.row && orders[index - 1] > currentOrder { index -= 1 }
        findings.insert(finding, at: index)
        orders.insert(currentOrder, at: index)
        keys.insert(lastKey, at: index)
    }

    /// Adds a finding decided after its row was passed (a reference that waited for the rest of the
    /// file), at its place in file order: after the findings of earlier rows and of its own row's
    /// earlier checks.
    mutating func insertInRowOrder(_ finding: Finding) {
        var finding = finding
        finding.severity = lastKey.severity
        let row = finding.row ?? 0
        var index = findings.count
        while index > 0, let other = findings[index - 1].row, other > row || (other == row && orders[index - 1] > currentOrder) {
            index -= 1
        }
        findings.insert(finding, at: index)
        orders.insert(currentOrder, at: index)
        keys.insert(lastKey, at: index)
    }

    /// Complete counts, most frequent first.
    var ruleCounts: [RuleCount] { FindingSink.sortedCounts(counts) }

    /// Counts as report entries: most frequent first, then by rule and column.
    static func sortedCounts(_ counts: [CountKey: Int]) -> [RuleCount] {
        counts.map { RuleCount(rule: $0.key.rule, severity: $0.key.severity, column: $0.key.columnName, count: $0.value) }
            .sorted { ($1.count, $0.rule, $0.column ?? "", $1.severity.rank) < ($0.count, $1.rule, $1.column ?? "", $0.severity.rank) }
    }
}
