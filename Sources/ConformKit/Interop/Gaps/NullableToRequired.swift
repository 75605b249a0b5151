/// `nullable-to-required`: a field the producer may leave empty is required by the consumer.
enum NullableToRequired {
    static let rule = GapRule(
        id: "nullable-to-required", severity: .error,
        summary: "A field is optional in A and required in B: a record that leaves it empty is valid under A and rejected by B. Also a value of A that B's `missingValues` reads as missing (`NA`) in a field B requires (where B does not require it, the value is lost: `field-missing`, a warning).",
        examples: [
            GapExample(a: "fields:\n  - name: name\n    required: true", b: "fields:\n  - name: name\n    required: true", gaps: 0),
            GapExample(a: "fields:\n  - name: name", b: "fields:\n  - name: name\n    required: true", gaps: 1),
            // "NA" is a name under A, and a missing value under B.
            GapExample(a: "fields:\n  - name: name\n    required: true", b: "missingValues: [\"\", NA]\nfields:\n  - name: name\n    required: true", gaps: 1),
        ])

    static func check(_ pair: FieldPair) -> [Gap] {
        var gaps: [Gap] = []
        if pair.to.required && !pair.from.required {
            gaps.append(pair.gap(rule, "\(pair.names) may be empty under \(pair.a) but is required under \(pair.b): records without it are rejected",
                                 toLocation: pair.to.compiled.requiredLocation))
        }
        // A value of A that B's `missingValues` reads as missing ("NA"): rejected when B requires one, else lost.
        for missing in pair.to.missingValues where !missing.isEmpty && !pair.from.missingValues.contains(missing) && pair.from.accepts(missing) {
            gaps.append(pair.to.required
                ? pair.gap(rule, "\(pair.names): \(quoted(missing)) is a value under \(pair.a), and a missing value under \(pair.b), which requires one",
                           example: missing, toLocation: pair.to.compiled.requiredLocation)
                : pair.gap(FieldMissing.rule, "\(pair.names): \(quoted(missing)) is a value under \(pair.a) and a missing value under \(pair.b): it is lost",
                           example: missing))
        }
        return gaps
    }
}
