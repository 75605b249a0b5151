/// `records-not-found`: the JSON document has no array where `dialect.records` (or `--records`) points.
enum RecordsNotFound {
    static let rule = ValidationRule(
        id: "records-not-found", category: .structure, severity: .error,
        summary: "The JSON document has no array of records at the pointer given by `dialect.records` or `--records` (such as `/grants`). Nothing is validated.",
        examples: [
            RuleExample(standard: "dialect:\n  records: /grants\nfields:\n  - name: id", data: "{\"grants\": [{\"id\": \"a\"}]}", findings: 0, format: .json),
            RuleExample(standard: "dialect:\n  records: /grants\nfields:\n  - name: id", data: "{\"grant\": [{\"id\": \"a\"}]}", findings: 1, format: .json),
        ])
}
