/// `field-missing`: a field of the producer's standard with no counterpart in the consumer's.
enum FieldMissing {
    static let rule = GapRule(
        id: "field-missing", severity: .warning,
        summary: "A field of A has no field in B (by name, alias, concept or crosswalk): its data is silently lost when A's data is used under B. An error when a crosswalk states it (`object_id: sssom:NoTermFound`).",
        examples: [
            GapExample(a: "fields:\n  - name: id\n  - name: note", b: "fields:\n  - name: id\n  - name: note", gaps: 0),
            GapExample(a: "fields:\n  - name: id\n  - name: note", b: "fields:\n  - name: id", gaps: 1),
        ])

    /// `stated`: a crosswalk says so (`sssom:NoTermFound`), which makes it an error.
    static func gap(_ field: FieldProfile, consumer: String, stated: Bool = false) -> Gap {
        Gap(rule: rule.id, severity: stated ? .error : rule.severity,
            message: stated ? "\(field.name) has no counterpart in \(consumer), as the crosswalk states (sssom:NoTermFound): its values are lost"
                            : "\(field.name) has no counterpart in \(consumer): its values are lost",
            fromField: field.name, fromLocation: field.field.location)
    }
}
