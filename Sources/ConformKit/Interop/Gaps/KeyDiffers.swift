/// `key-differs`: the records are identified, or kept unique, differently.
enum KeyDiffers {
    static let rule = GapRule(
        id: "key-differs", severity: .error,
        summary: "B makes a field `unique` that A does not, or B's primary key is not implied by A's (A has none, or A's has a field outside B's): rows A allows to repeat those values are rejected by B. An error; the example is two such rows.",
        examples: [
            GapExample(a: "fields:\n  - name: id\n    unique: true", b: "fields:\n  - name: id\n    unique: true", gaps: 0),
            GapExample(a: "fields:\n  - name: id", b: "fields:\n  - name: id\n    unique: true", gaps: 1),
            GapExample(a: "fields:\n  - name: org\n  - name: ref\nkeys:\n  primary: [org, ref]", b: "fields:\n  - name: org\n  - name: ref\nkeys:\n  primary: [ref]", gaps: 1),
        ])

    /// `unique` on one pair of fields.
    static func check(_ pair: FieldPair, fromPrimary: [String]?) -> [Gap] {
        guard pair.to.compiled.unique, !pair.from.compiled.unique, fromPrimary != [pair.from.name] else { return [] }
        return [pair.gap(rule, "\(pair.names) must be unique under \(pair.b) and may repeat under \(pair.a): rows with a repeated value are rejected",
                         toLocation: pair.to.compiled.uniqueLocation)]
    }

    /// The primary keys of the two standards, with A's fields named as B's through the matches.
    static func checkPrimaryKeys(from: Standard, to: Standard, sides pair: (a: String, b: String), toName: (String) -> String?) -> [Gap] {
        guard let toKey = to.keys.primary else { return [] }
        let fromKey = from.keys.primary.map { key in key.value.map { toName($0) ?? "(\($0))" } }
        guard fromKey.map(Set.init) != Set(toKey.value) else { return [] }
        // A's key keeps B's unique when all its fields are part of B's: then B's key cannot repeat.
        if let fromKey, Set(fromKey).isSubset(of: Set(toKey.value)) { return [] }
        let severity: Severity = .error
        let message = fromKey.map { "\(pair.b) identifies records by (\(toKey.value.joined(separator: ", "))), \(pair.a) by (\($0.joined(separator: ", "))): records distinct under \(pair.a) may collide under \(pair.b)" }
            ?? "\(pair.b) identifies records by (\(toKey.value.joined(separator: ", "))), \(pair.a) has no primary key: records may collide or lack it"
        return [Gap(rule: rule.id, severity: severity, message: message,
                    fromLocation: from.keys.primary?.location, toLocation: toKey.location)]
    }
}
