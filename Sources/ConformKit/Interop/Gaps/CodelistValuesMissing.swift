/// `codelist-values-missing`: codes valid under the producer that the consumer's list lacks.
enum CodelistValuesMissing {
    static let rule = GapRule(
        id: "codelist-values-missing", severity: .error,
        summary: "Values of A's code list (or `enum`) are not in B's: records holding them are rejected by B. The gap lists them. When A has no list and B has one, an error if a value valid under A is shown to be outside B's list, else a warning.",
        examples: [
            GapExample(a: "fields:\n  - name: crs\n    enum: [WGS84, OSGB36]", b: "fields:\n  - name: crs\n    enum: [WGS84, OSGB36, ETRS89]", gaps: 0),
            GapExample(a: "fields:\n  - name: crs\n    enum: [WGS84, OSGB36, ETRS89]", b: "fields:\n  - name: crs\n    enum: [WGS84, OSGB36]", gaps: 1),
            GapExample(a: "fields:\n  - name: crs", b: "fields:\n  - name: crs\n    enum: [WGS84, OSGB36]", gaps: 1),
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
            let toSet = Set(to), fromSet = Set(from)
            var gaps: [Gap] = []
            let missing = from.filter { !toSet.contains($0) }
            if !missing.isEmpty {
                let shown = missing.prefix(20).map(quoted).joined(separator: ", ") + (missing.count > 20 ? " and \(missing.count - 20) more" : "")
                gaps.append(pair.gap(rule, "\(pair.names): \(missing.count) of \(pair.a)'s \(from.count) values are not in \(pair.b)'s list: \(shown)",
                                     example: missing[0], values: missing, fromLocation: fromLocation, toLocation: toLocation))
            }
            let added = to.filter { !fromSet.contains($0) }
            if !added.isEmpty {
                gaps.append(pair.gap(CodelistValuesAdded.rule, CodelistValuesAdded.message(pair, added: added),
                                     values: added, fromLocation: fromLocation, toLocation: toLocation))
            }
            return gaps
        }
    }
}
