/// Reads a file validated under one standard (A) a second time and judges every value as the
/// consumer's standard (B) would receive it: mapped through the field matches and a crosswalk
/// (its transform and code mappings applied), then checked with B's own field checks.
struct TargetAnalyzer {
    let sources: [FieldProfile]
    let targets: [FieldProfile]
    /// For each field of A, the index of its field in B (nil: none).
    let targetOf: [Int?]
    let view: CrosswalkView
    private var tallies: [TargetField]
    private var rows = 0

    init(a: ResolvedStandard, b: ResolvedStandard, crosswalk: Crosswalk?) {
        sources = FieldProfile.profiles(of: a)
        targets = FieldProfile.profiles(of: b)
        let forward = crosswalk.map { StandardComparer.names($0.subjectSource, a.standard) || !StandardComparer.names($0.subjectSource, b.standard) } ?? true
        view = crosswalk.map { CrosswalkView($0, forward: forward) } ?? CrosswalkView()
        let crosswalkPairs = view.fields.compactMap { name, field in field.mapping?.object.map { (name, $0.field) } }.sorted { $0.0 < $1.0 }
        let matches = FieldMatcher.match(sources, targets, crosswalk: crosswalkPairs)
        var targetOf = [Int?](repeating: nil, count: sources.count)
        for pair in matches.pairs { targetOf[pair.a] = pair.b }
        self.targetOf = targetOf
        let sourceNames = sources.map(\.name), targetNames = targets.map(\.name)
        tallies = sourceNames.indices.map { i in
            TargetField(field: sourceNames[i], target: targetOf[i].map { targetNames[$0] }, values: 0, accepted: 0, transformed: 0,
                        missingRequired: 0, rejected: [])
        }
    }

    /// Starts a record.
    mutating func beginRecord() { rows += 1 }

    /// One value of A's field `f` in the current record (nil or empty: missing).
    mutating func observe(field f: Int, value: String?) {
        guard let t = targetOf[f] else {
            if let value, !value.isEmpty { tallies[f].values += 1 }
            return
        }
        let target = targets[t]
        guard let value, !value.isEmpty else {
            if target.required { tallies[f].missingRequired += 1 }
            return
        }
        tallies[f].values += 1
        let field = view.view(of: sources[f].name, to: target.name)
        var received = value
        if let mapping = field.codes[value] {
            received = mapping.object?.code ?? value
            if mapping.object == nil {
                reject(f, reason: "codelist", value: value)
                return
            }
        } else if let transform = field.mapping?.transform {
            received = transform.apply(value)
        }
        if received != value { tallies[f].transformed += 1 }
        if let reason = Self.firstFailure(target, received) {
            reject(f, reason: reason, value: value)
        } else {
            tallies[f].accepted += 1
        }
    }

    private mutating func reject(_ f: Int, reason: String, value: String) {
        if let index = tallies[f].rejected.firstIndex(where: { $0.reason == reason }) {
            tallies[f].rejected[index].count += 1
        } else {
            tallies[f].rejected.append(TargetRejection(reason: reason, count: 1, example: shortened(value, limit: 80)))
        }
    }

    /// The first of B's checks that `value` fails, in the order validation applies them.
    static func firstFailure(_ field: FieldProfile, _ value: String) -> String? {
        if !field.parses(value) { return "type" }
        if !field.matchesPattern(value) { return "pattern" }
        if !field.inCodelist(value) { return "codelist" }
        if !field.withinLengths(value) { return "length" }
        if !field.withinBounds(value) { return "bounds" }
        if !field.accepts(value) { return "checksum" }
        return nil
    }

    func report(standard: Standard, crosswalk: Crosswalk?) -> TargetReport {
        let fed = Set(targetOf.compactMap { $0 })
        let unprovided = targets.indices.filter { !fed.contains($0) && targets[$0].required }.map { targets[$0].name }
        return TargetReport(standard: StandardComparer.reference(standard), crosswalk: crosswalk?.mappingSetID, rows: rows,
                            fields: tallies, unprovided: unprovided)
    }
}
