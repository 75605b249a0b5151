/// `below-minimum`: a value under `minimum` (or not above `exclusiveMinimum`).
enum BelowMinimum {
    static let rule = ValidationRule(
        id: "below-minimum", category: .cell, severity: .error,
        summary: "A number, date, time or year is below the field's `minimum`, or not above its `exclusiveMinimum`.",
        examples: [
            RuleExample(standard: "fields:\n  - name: n\n    type: number\n    minimum: 0", data: "n\n0\n2.5\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: n\n    type: number\n    exclusiveMinimum: 0\n  - name: d\n    type: date\n    minimum: 2000-01-01", data: "n,d\n0,1999-12-31\n", findings: 2),
        ])

    static func message(value: String, bound: String, exclusive: Bool) -> String {
        exclusive ? "\(quoted(value)) is not above \(bound)" : "\(quoted(value)) is below the minimum \(bound)"
    }
}
