/// `type-mismatch`: a value that cannot be read as the field's type.
enum TypeMismatch {
    static let rule = ValidationRule(
        id: "type-mismatch", category: .cell, severity: .error,
        summary: "A value cannot be read as the field's type (integer, number, date in its format, boolean, ...). The cell is not checked further. In JSON the value's JSON type must match too: a number field takes a JSON number and a boolean field `true`/`false`, so `\"12\"` (a string) fails unless the field says `coerce: true`; dates, codes and text are JSON strings; `null` is a missing value.",
        examples: [
            RuleExample(standard: "fields:\n  - name: n\n    type: integer\n  - name: d\n    type: date", data: "n,d\n12,2024-02-29\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: n\n    type: integer\n  - name: d\n    type: date", data: "n,d\n1.5,29/02/2024\n", findings: 2),
            RuleExample(standard: "fields:\n  - name: n\n    type: integer\n    coerce: true\n  - name: ok\n    type: boolean",
                        data: "{\"n\": \"12\", \"ok\": true}\n{\"n\": 1e3, \"ok\": false}\n", findings: 0, format: .ndjson),
            RuleExample(standard: "fields:\n  - name: n\n    type: integer\n  - name: ok\n    type: boolean",
                        data: "{\"n\": \"12\", \"ok\": \"true\"}\n{\"n\": 1.5, \"ok\": false}\n", findings: 3, format: .ndjson),
        ])

    static func message(value: String, type: String) -> String { "\(quoted(value)) is not a valid \(type)" }

    /// For a JSON value of the wrong JSON type (`"12"`, a string, for an integer field).
    static func jsonMessage(value: String, kind: JSONKind, type: String) -> String {
        switch kind {
        case .string: "\(quoted(value)) is a JSON string, not a valid \(type)"
        case .null, .true, .false: "`\(value)` is \(kind.described), not a valid \(type)"
        default: "\(kind.described) is not a valid \(type)"
        }
    }

    /// What a JSON field expects, by the JSON type it takes.
    static func expectedJSON(_ json: CompiledField.JSONExpectation, base: String) -> String {
        switch json {
        case .number: "\(base), written as a JSON number"
        case .boolean: "true or false"
        case .string, .any: "\(base), written as a JSON string"
        case .year: "\(base), as a JSON number or string"
        case .array: "a JSON array"
        }
    }

    static let coerceHint = "write it without quotes, or set `coerce: true` on the field to accept strings"

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
        case .array: "an array"
        }
    }
}
