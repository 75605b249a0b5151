/// `rule-failed`: a row rule's assertion is false for a row.
enum RuleFailed {
    static let rule = ValidationRule(
        id: "rule-failed", category: .table, severity: .error,
        summary: "A row rule's `assert` is false for a row (where its `when` holds). Comparisons with an empty cell are unknown and do not fail.",
        examples: [
            RuleExample(standard: "fields:\n  - name: start\n    type: date\n  - name: end\n    type: date\nrules:\n  - id: ordered\n    assert: end >= start", data: "start,end\n2020-01-01,2020-02-01\n2020-01-01,\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: start\n    type: date\n  - name: end\n    type: date\nrules:\n  - id: ordered\n    assert: end >= start", data: "start,end\n2020-03-01,2020-02-01\n", findings: 1),
        ])

    static func message(ruleID: String, custom: String?, assertion: String) -> String {
        if let custom { return "\(ruleID): \(custom)" }
        return "rule \(ruleID) failed: \(assertion)"
    }
}
