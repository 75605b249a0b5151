/// `field-missing`: a field of the producer's standard with no counterpart in the consumer's.
enum FieldMissing {
    static let rule = GapRule(
        id: "field-missing", severity: .warning,
        summary: "A field of A has no field in B (by name, alias, concept or crosswalk): its data is silently lost when A's data is used under B.",
        examples: [
            GapExample(a: "fields:\n  - name: id\n  - name: note", b: "fields:\n  - name: id\n  - name: note", gaps: 0),
            GapExample(a: "fields:\n  - name: id\n  - name: note", b: "fields:\n  - name: id", gaps: 1),
        ])

    static func gap(_ field: FieldProfile, consumer: String) -> Gap {
        Gap(rule: rule.id, severity: rule.severity,
            message: "\(field.name) has no counterpart in \(consumer): its values are lost",
            fromField: field.name, fromLocation: field.field.location)
    }
}
