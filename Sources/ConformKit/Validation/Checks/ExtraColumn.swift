/// `extra-column`: a header column the standard does not define.
enum ExtraColumn {
    static let rule = ValidationRule(
        id: "extra-column", category: .header, severity: .error,
        summary: "A header column matches no field of the standard. Allowed under `columns: subset`.",
        examples: [
            RuleExample(standard: "columns: subset\nfields:\n  - name: id", data: "id,note\n1,x\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: id", data: "id,note\n1,x\n", findings: 1),
        ])

    static func message(column: String) -> String { "column \(column) is not in the standard" }

    /// For JSON: a top-level member no field maps (reported the first time it is seen).
    static func memberMessage(_ name: String) -> String { "member \(quoted(name)) is not in the standard (first seen here)" }
}
