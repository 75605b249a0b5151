/// `codelist-values-added`: the consumer's code list has values the producer's lacks (information).
enum CodelistValuesAdded {
    static let rule = GapRule(
        id: "codelist-values-added", severity: .info,
        summary: "B's code list has values A's does not (or B has no list): every code of A fits, but B's data may hold codes A cannot take back.",
        examples: [
            GapExample(a: "fields:\n  - name: crs\n    enum: [WGS84, OSGB36]", b: "fields:\n  - name: crs\n    enum: [WGS84, OSGB36]", gaps: 0),
            GapExample(a: "fields:\n  - name: crs\n    enum: [WGS84, OSGB36]", b: "fields:\n  - name: crs\n    enum: [WGS84, OSGB36, ETRS89]", gaps: 1),
        ])

    static func message(_ pair: FieldPair, added: [String]) -> String {
        "\(pair.names): \(pair.b)'s list has \(added.count) value\(added.count == 1 ? "" : "s") \(pair.a)'s has not: \(added.prefix(20).map(quoted).joined(separator: ", "))"
    }
}
