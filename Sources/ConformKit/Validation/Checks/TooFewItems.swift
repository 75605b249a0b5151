/// `too-few-items`: an array with fewer elements than `minItems`.
enum TooFewItems {
    static let rule = ValidationRule(
        id: "too-few-items", category: .cell, severity: .error,
        summary: "An array field (`type: array`) has fewer elements than its `minItems`.",
        examples: [
            RuleExample(standard: "fields:\n  - name: tags\n    type: array\n    minItems: 1", data: "{\"tags\": [\"a\"]}\n", findings: 0, format: .ndjson),
            RuleExample(standard: "fields:\n  - name: tags\n    type: array\n    minItems: 1", data: "{\"tags\": []}\n", findings: 1, format: .ndjson),
        ])

    static func message(count: Int, minimum: Int) -> String {
        "the array has \(count) element\(count == 1 ? "" : "s"), fewer than \(minimum)"
    }
}
