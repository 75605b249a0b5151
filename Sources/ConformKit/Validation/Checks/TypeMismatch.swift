/// `type-mismatch`: a value that cannot be read as the field's type.
enum TypeMismatch {
    static let rule = ValidationRule(
        id: "type-mismatch", category: .cell, severity: .error,
        summary: "A value cannot be read as the field's type (integer, number, date in its format, boolean, ...). The cell is not checked further.",
        examples: [
            RuleExample(standard: "fields:\n  - name: n\n    type: integer\n  - name: d\n    type: date", data: "n,d\n12,2024-02-29\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: n\n    type: integer\n  - name: d\n    type: date", data: "n,d\n1.5,29/02/2024\n", findings: 2),
        ])

    static func message(value: String, type: String) -> String { "\(quoted(value)) is not a valid \(type)" }

    /// How each base type is described in `expected`.
    static func expected(_ type: BaseType, format: String?) -> String {
        switch type {
        case .integer: "an integer"
        case .number: "a number"
        case .boolean: "a boolean"
        case .date: "a date as \(format ?? "YYYY-MM-DD")"
        case .datetime: "a date and time as \(format ?? "YYYY-MM-DDThh:mm:ss")"
        case .time: "a time as \(format ?? "hh:mm:ss")"
        case .year: "a year (4 digits)"
        case .uri: "an absolute URI (scheme:...)"
        case .email: "an email address"
        case .uuid: "a UUID (8-4-4-4-12 hex digits)"
        case .string, .code, .any: "text"
        }
    }
}
