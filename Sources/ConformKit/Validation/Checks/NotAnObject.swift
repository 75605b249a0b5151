/// `not-an-object`: a JSON record that is not an object.
enum NotAnObject {
    static let rule = ValidationRule(
        id: "not-an-object", category: .structure, severity: .error,
        summary: "A record (an element of the array of records, or a line of NDJSON) is not a JSON object, so it has no members to check.",
        examples: [
            RuleExample(standard: "fields:\n  - name: id", data: "[{\"id\": \"a\"}, {\"id\": \"b\"}]", findings: 0, format: .json),
            RuleExample(standard: "fields:\n  - name: id", data: "[{\"id\": \"a\"}, \"b\", [\"c\"], null]", findings: 3, format: .json),
        ])

    static func message(kind: JSONKind) -> String { "the record is \(kind.described), not an object" }
}
