/// `required-not-provided`: the consumer requires a field the producer does not have.
enum RequiredNotProvided {
    static let rule = GapRule(
        id: "required-not-provided", severity: .error,
        summary: "B requires a field that A does not have: every record made under A is rejected by B.",
        examples: [
            GapExample(a: "fields:\n  - name: id\n  - name: name", b: "fields:\n  - name: id\n  - name: name\n    required: true", gaps: 0),
            GapExample(a: "fields:\n  - name: id", b: "fields:\n  - name: id\n  - name: name\n    required: true", gaps: 1),
        ])

    static func gap(_ field: FieldProfile, producer: String) -> Gap {
        Gap(rule: rule.id, severity: rule.severity,
            message: "\(field.name) is required, but \(producer) has no field for it: every record lacks it",
            toField: field.name, toLocation: field.compiled.requiredLocation ?? field.field.location)
    }
}
