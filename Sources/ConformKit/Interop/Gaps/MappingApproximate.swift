/// `mapping-approximate`: the crosswalk maps a field or a code only approximately, or without curation.
enum MappingApproximate {
    static let rule = GapRule(
        id: "mapping-approximate", severity: .warning,
        summary: "The crosswalk maps a field or a code of A to B with `skos:closeMatch`, `broadMatch` or `narrowMatch`, or with an exact match nobody curated (`mapping_justification` other than `semapv:ManualMappingCuration`): values carry over, but their meaning shifts. Only an exact, curated mapping removes a gap silently.",
        examples: [
            GapExample(a: "fields:\n  - name: Added", b: "fields:\n  - name: CaseDate", gaps: 0,
                       crosswalk: mappingSet(predicate: "skos:exactMatch")),
            GapExample(a: "fields:\n  - name: Added", b: "fields:\n  - name: CaseDate", gaps: 1,
                       crosswalk: mappingSet(predicate: "skos:closeMatch")),
        ])

    private static func mappingSet(predicate: String) -> String {
        "mapping_set_id: https://example.org/x\nsubject_source: a\nobject_source: b\nmappings:\n  - subject_id: Added\n"
            + "    predicate_id: \(predicate)\n    object_id: CaseDate\n    mapping_justification: semapv:ManualMappingCuration"
    }

    static func gap(_ pair: FieldPair, mapping: Crosswalk.Mapping, code: String? = nil, to target: String? = nil) -> Gap {
        let what = code.map { "code \(quoted($0)) of \(pair.from.name)" } ?? pair.names
        let how = mapping.predicate == .exactMatch ? "an exact match nobody curated (\(mapping.justification))" : mapping.predicate.rawValue
        let onto = target.map { " (to \(quoted($0)))" } ?? ""
        return pair.gap(rule, "\(what) is mapped by \(how)\(onto): values carry over, their meaning is not quite the same",
                        example: code, fromLocation: mapping.location)
    }
}
