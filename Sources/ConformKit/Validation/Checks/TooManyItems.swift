/// `too-many-items`: an array with more elements than `maxItems`.
enum TooManyItems {
    static let rule = ValidationRule(
        id: "too-many-items", category: .cell, severity: .error,
        summary: "An array field (`type: array`) has more elements than its `maxItems`.",
        examples: [
            RuleExample(standard: "fields:\n  - name: funder\n    type: array\n    maxItems: 1", data: "{\"funder\": [\"a\"]}\n", findings: 0, format: .ndjson),
            RuleExample(standard: "fields:\n  - name: funder\n    type: array\n    maxItems: 1", data: "{\"funder\": [\"a\", \"b\"]}\n", findings: 1, format: .ndjson),
        ])

    static func message(count: Int, maximum: Int) -> String { "the array has \(count) elements, more than \(maximum)" }
}
