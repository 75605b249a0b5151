/// `codelist-values-missing`: codes valid under the producer that the consumer's list lacks.
enum CodelistValuesMissing {
    static let rule = GapRule(
        id: "codelist-values-missing", severity: .error,
        summary: "Values of A's code list (or `enum`) are not in B's: records holding them are rejected by B. The gap lists them. When A has no list and B has one, an error if a value valid under A is shown to be outside B's list, else a warning.",
        examples: [
            GapExample(a: "fields:\n  - name: crs\n    enum: [WGS84, OSGB36]", b: "fields:\n  - name: crs\n    enum: [WGS84, OSGB36, ETRS89]", gaps: 0),
            GapExample(a: "fields:\n  - name: crs\n    enum: [WGS84, OSGB36, ETRS89]", b: "fields:\n  - name: crs\n    enum: [WGS84, OSGB36]", gaps: 1),
            GapExample(a: "fields:\n  - name: crs", b: "fields:\n  - name: crs\n    enum: [WGS84, OSGB36]", gaps: 1),
            // A curated crosswalk renaming the code closes the gap.
            GapExample(a: "fields:\n  - name: crs\n    enum: [WGS84, OSGB]", b: "fields:\n  - name: crs\n    enum: [WGS84, OSGB36]", gaps: 0,
                       crosswalk: "mapping_set_id: https://example.org/x\nsubject_source: a\nobject_source: b\nmappings:\n  - subject_id: crs#OSGB\n"
                           + "    predicate_id: skos:exactMatch\n    object_id: crs#OSGB36\n    mapping_justification: semapv:ManualMappingCuration"),
        ])

    /// The checks of both code-list rules on one pair.
    static func check(_ pair: FieldPair) -> [Gap] {
        let fromLocation = pair.from.compiled.allowedLocation, toLocation = pair.to.compiled.allowedLocation
        switch (pair.from.allowedValues, pair.to.allowedValues) {
        case (nil, nil):
            return []
        case let (nil, to?):
            let example = pair.example { !pair.to.inCodelist($0) }
            let message = "\(pair.names): \(pair.a) takes any \(pair.from.base.rawValue) value, \(pair.b) only the \(to.count) values of its list"
                + (example.map { "; \(quoted($0)) is valid under \(pair.a) and not in it" } ?? "")
            return [pair.gap(rule, message, severity: example == nil ? .warning : rule.severity, example: example, toLocation: toLocation)]
        case (_?, nil):
            return [pair.gap(CodelistValuesAdded.rule, "\(pair.names): \(pair.a) has a code list, \(pair.b) takes any value", fromLocation: fromLocation)]
        case let (from?, to?):
            // Each code of A as B receives it: through the crosswalk's code mappings, else its field transform.
            let toSet = Set(to)
            var gaps: [Gap] = []
            var missing: [String] = [], stated: [String] = [], received = Set<String>()
            for value in from {
                if let mapping = pair.crosswalk.codes[value] {
                    guard let target = mapping.object?.code else {
                        stated.append(value)
                        missing.append(value)
                        continue
                    }
                    if !mapping.isCuratedExact { gaps.append(MappingApproximate.gap(pair, mapping: mapping, code: value, to: target)) }
                    received.insert(target)
                    if !toSet.contains(target) { missing.append(value) }
                    continue
                }
                let mapped = pair.crosswalk.mapping?.transform?.apply(value) ?? value
                received.insert(mapped)
                if !toSet.contains(mapped) { missing.append(value) }
            }
            if !missing.isEmpty {
                let shown = missing.prefix(20).map(quoted).joined(separator: ", ") + (missing.count > 20 ? " and \(missing.count - 20) more" : "")
                var message = "\(pair.names): \(missing.count) of \(pair.a)'s \(from.count) values are not in \(pair.b)'s list: \(shown)"
                if !stated.isEmpty { message += " (the crosswalk states \(stated.map(quoted).joined(separator: ", ")) \(stated.count == 1 ? "has" : "have") no counterpart)" }
                gaps.insert(pair.gap(rule, message, example: missing[0], values: missing, fromLocation: fromLocation, toLocation: toLocation), at: 0)
            }
            let added = to.filter { !received.contains($0) }
            if !added.isEmpty {
                gaps.append(pair.gap(CodelistValuesAdded.rule, CodelistValuesAdded.message(pair, added: added),
                                     values: added, fromLocation: fromLocation, toLocation: toLocation))
            }
            return gaps
        }
    }
}
