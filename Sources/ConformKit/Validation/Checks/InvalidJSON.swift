/// `invalid-json`: text that is not valid JSON, reported where parsing stopped.
enum InvalidJSON {
    static let rule = ValidationRule(
        id: "invalid-json", category: .structure, severity: .error,
        summary: "The data is not valid JSON (RFC 8259; conform also refuses lone surrogate escapes such as a `\\uD83D` alone) at the position given, with the reason. In NDJSON the bad line is skipped and the next lines are still validated; in a JSON document validation stops there.",
        examples: [
            RuleExample(standard: "fields:\n  - name: id\n    type: integer", data: "{\"id\": 1}\n{\"id\": 2}\n", findings: 0, format: .ndjson),
            RuleExample(standard: "fields:\n  - name: id\n    type: integer", data: "{\"id\": 1}\n{\"id\": 2,}\n{id: 3}\n{\"id\": 4}\n", findings: 2, format: .ndjson),
        ])

    static func message(reason: String) -> String { "invalid JSON: \(reason)" }
}
