import Foundation

/// `not-in-codelist`: a value outside the field's code list or `enum`.
enum NotInCodelist {
    static let rule = ValidationRule(
        id: "not-in-codelist", category: .cell, severity: .error,
        summary: "A value is not one of the codes of the field's `codelist` or `enum`. A hint names a code that differs only by case or spaces, or the nearest code.",
        examples: [
            RuleExample(standard: "codelists:\n  status:\n    values: [open, closed]\nfields:\n  - name: s\n    type: code\n    codelist: status", data: "s\nopen\n", findings: 0),
            RuleExample(standard: "codelists:\n  status:\n    values: [open, closed]\nfields:\n  - name: s\n    type: code\n    codelist: status", data: "s\nOpen\nshut\n", findings: 2),
            RuleExample(standard: "fields:\n  - name: flag\n    enum: ['yes']", data: "flag\nY\n", findings: 1),
        ])

    static func message(value: String, list: String?) -> String {
        if let list { return "\(quoted(value)) is not in codelist \(list)" }
        return "\(quoted(value)) is not one of the allowed values"
    }

    /// `one of: a, b, c` (at most 12 codes shown).
    static func expected(_ codes: [String]) -> String {
        let shown = codes.prefix(12).joined(separator: ", ")
        return "one of: " + shown + (codes.count > 12 ? ", … (\(codes.count) codes)" : "")
    }

    /// A code the value probably meant.
    static func hint(value: String, codes: [String]) -> String? {
        let folded = value.trimmingCharacters(in: .whitespaces).lowercased()
        if let match = codes.first(where: { $0.lowercased() == folded }) {
            if match == value.trimmingCharacters(in: .whitespaces) { return "differs only by surrounding spaces from \(quoted(match))" }
            if match.lowercased() == value.lowercased() { return "differs only by case from \(quoted(match))" }
            return "differs only by case and surrounding spaces from \(quoted(match))"
        }
        if codes.count <= 5_000, let near = Suggestions.closest(to: value, in: codes) { return "did you mean \(quoted(near))?" }
        return nil
    }
}
