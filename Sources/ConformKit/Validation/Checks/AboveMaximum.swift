/// `above-maximum`: a value over `maximum` (or not below `exclusiveMaximum`).
enum AboveMaximum {
    static let rule = ValidationRule(
        id: "above-maximum", category: .cell, severity: .error,
        summary: "A number, date, time or year is above the field's `maximum`, or not below its `exclusiveMaximum`.",
        examples: [
            RuleExample(standard: "fields:\n  - name: n\n    type: integer\n    maximum: 10", data: "n\n10\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: n\n    type: integer\n    maximum: 10\n  - name: y\n    type: year\n    exclusiveMaximum: 2030", data: "n,y\n11,2030\n", findings: 2),
        ])

    static func message(value: String, bound: String, exclusive: Bool) -> String {
        exclusive ? "\(quoted(value)) is not below \(bound)" : "\(quoted(value)) is above the maximum \(bound)"
    }
}
