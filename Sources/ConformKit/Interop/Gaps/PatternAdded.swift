/// `pattern-added`: the consumer has a pattern where the producer has none.
enum PatternAdded {
    static let rule = GapRule(
        id: "pattern-added", severity: .warning,
        summary: "B has a `pattern` and A has none: values of A may not match it. An error when a value valid under A is shown to fail B's pattern, a warning when that cannot be decided from the standards.",
        examples: [
            GapExample(a: "fields:\n  - name: ref\n    pattern: \"[A-Z]{3}\"", b: "fields:\n  - name: ref\n    pattern: \"[A-Z]{3}\"", gaps: 0),
            GapExample(a: "fields:\n  - name: ref", b: "fields:\n  - name: ref\n    pattern: \"[A-Z]{3}\"", gaps: 1),
        ])

    static func message(_ pair: FieldPair, pattern: String, example: String?) -> String {
        if let example { return "\(pair.names): \(pair.b) requires the pattern \(pattern), which \(pair.a) does not; \(quoted(example)) is valid under \(pair.a) and does not match" }
        return "\(pair.names): \(pair.b) requires the pattern \(pattern), which \(pair.a) does not: values of \(pair.a) may not match"
    }
}
