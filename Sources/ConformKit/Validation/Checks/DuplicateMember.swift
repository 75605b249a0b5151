/// `duplicate-member`: an object with the same member name twice.
enum DuplicateMember {
    static let rule = ValidationRule(
        id: "duplicate-member", category: .structure, severity: .error,
        summary: "A JSON object has two members with the same name. JSON parsers disagree on which one wins (RFC 8259 §4), so the data means different things to different consumers.",
        examples: [
            RuleExample(standard: "fields:\n  - name: id\n  - name: name", data: "{\"id\": \"a\", \"name\": \"x\"}\n", findings: 0, format: .ndjson),
            RuleExample(standard: "fields:\n  - name: id\n  - name: name", data: "{\"id\": \"a\", \"name\": \"x\", \"id\": \"b\"}\n", findings: 1, format: .ndjson),
        ])

    static func message(name: String) -> String { "the member \(quoted(name)) appears twice in one object" }
}
