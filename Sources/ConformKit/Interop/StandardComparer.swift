/// Compares two standards field by field, in one direction or both, with the gap rules of
/// `GapRule.all`: what is rejected or lost when data made under one is used under the other.
struct StandardComparer {
    let a: ResolvedStandard
    let b: ResolvedStandard
    /// A crosswalk between them (either way round), if any.
    var crosswalk: Crosswalk?

    /// Which way(s) the data goes.
    enum Direction: String, Sendable, CaseIterable {
        case aToB = "a-to-b"
        case bToA = "b-to-a"
        case both
    }

    func compare(direction: Direction, failOn: Severity, tool: String) -> ComparisonReport {
        let profilesA = FieldProfile.profiles(of: a), profilesB = FieldProfile.profiles(of: b)
        // The crosswalk maps A to B when its subject is A (by id or file), else B to A.
        let forward = crosswalk.map { Self.names($0.subjectSource, a.standard) || !Self.names($0.subjectSource, b.standard) } ?? true
        let viewAToB = crosswalk.map { CrosswalkView($0, forward: forward) } ?? CrosswalkView()
        let viewBToA = crosswalk.map { CrosswalkView($0, forward: !forward) } ?? CrosswalkView()
        let crosswalkPairs = viewAToB.fields.compactMap { name, view in view.mapping?.object.map { (name, $0.field) } }
            .sorted { $0.0 < $1.0 }
        let result = FieldMatcher.match(profilesA, profilesB, crosswalk: crosswalkPairs)
        let referenceA = Self.reference(a.standard), referenceB = Self.reference(b.standard)
        var directions: [DirectionReport] = []
        if direction != .bToA {
            directions.append(DirectionReport(
                direction: Direction.aToB.rawValue, from: referenceA, to: referenceB,
                gaps: gaps(from: (a.standard, profilesA), to: (b.standard, profilesB), pairs: result.pairs.map { ($0.a, $0.b) },
                           sides: ("A", "B"), view: viewAToB),
                ifSuggestionsTaken: suggestedGaps(from: profilesA, to: profilesB, suggestions: result.suggestions.map { ($0.a, $0.b) },
                                                  sides: ("A", "B"), view: viewAToB)))
        }
        if direction != .aToB {
            directions.append(DirectionReport(
                direction: Direction.bToA.rawValue, from: referenceB, to: referenceA,
                gaps: gaps(from: (b.standard, profilesB), to: (a.standard, profilesA), pairs: result.pairs.map { ($0.b, $0.a) },
                           sides: ("B", "A"), view: viewBToA),
                ifSuggestionsTaken: suggestedGaps(from: profilesB, to: profilesA, suggestions: result.suggestions.map { ($0.b, $0.a) },
                                                  sides: ("B", "A"), view: viewBToA)))
        }
        let matches = result.pairs.map { FieldMatch(a: profilesA[$0.a].name, b: profilesB[$0.b].name, by: $0.by) }
        return ComparisonReport(tool: tool, a: referenceA, b: referenceB, failOn: failOn, matches: matches,
                                suggestions: result.suggestions, directions: directions)
    }

    /// The gaps of data made under `from` and used under `to`; `pairs` are (from index, to index).
    private func gaps(from: (Standard, [FieldProfile]), to: (Standard, [FieldProfile]), pairs: [(Int, Int)],
                      sides: (a: String, b: String), view: CrosswalkView) -> [Gap] {
        var gaps: [Gap] = []
        let matchedFrom = Dictionary(uniqueKeysWithValues: pairs.map { ($0.0, $0.1) })
        let matchedTo = Set(pairs.map(\.1))
        // Field by field, in the producer's order; its fields with no counterpart where they stand.
        for (i, field) in from.1.enumerated() {
            guard let j = matchedFrom[i] else {
                gaps.append(FieldMissing.gap(field, consumer: to.0.id, stated: view[field.name].noCounterpart))
                continue
            }
            gaps += pairGaps(field, to.1[j], sides: sides, view: view, fromPrimary: from.0.keys.primary?.value)
        }
        // Fields the consumer requires and the producer lacks.
        for (j, field) in to.1.enumerated() where !matchedTo.contains(j) && field.required {
            gaps.append(RequiredNotProvided.gap(field, producer: from.0.id))
        }
        let toName = Dictionary(uniqueKeysWithValues: pairs.map { (from.1[$0.0].name, to.1[$0.1].name) })
        gaps += KeyDiffers.checkPrimaryKeys(from: from.0, to: to.0, sides: sides, toName: { toName[$0] })
        return gaps
    }

    /// The gaps between two matched fields: every pair check, and the crosswalk's mapping when it is not exact.
    private func pairGaps(_ field: FieldProfile, _ other: FieldProfile, sides: (a: String, b: String), view: CrosswalkView,
                          fromPrimary: [String]?) -> [Gap] {
        var gaps: [Gap] = []
        var pair = FieldPair(from: field, to: other, a: sides.a, b: sides.b)
        pair.crosswalk = view.view(of: field.name, to: other.name)
        if let mapping = pair.crosswalk.mapping, !mapping.isCuratedExact { gaps.append(MappingApproximate.gap(pair, mapping: mapping)) }
        for check in PairChecks.all { gaps += check(pair) }
        gaps += KeyDiffers.check(pair, fromPrimary: fromPrimary)
        return gaps
    }

    /// What the suggested matches (`from` name, `to` name) would bring if a person took them: the
    /// same pair checks as for a match. They are reported apart and count in no verdict, so a
    /// suggestion hides no `field-missing` and adds no error.
    private func suggestedGaps(from: [FieldProfile], to: [FieldProfile], suggestions: [(String, String)],
                               sides: (a: String, b: String), view: CrosswalkView) -> [Gap] {
        var gaps: [Gap] = []
        for (fromName, toName) in suggestions {
            guard let field = from.first(where: { $0.name == fromName }), let other = to.first(where: { $0.name == toName }) else { continue }
            gaps += pairGaps(field, other, sides: sides, view: view, fromPrimary: nil)
        }
        return gaps
    }

    /// True when `source` (a crosswalk's `subject_source` or `object_source`) names `standard`: its id or its file.
    static func names(_ source: String, _ standard: Standard) -> Bool {
        source == standard.id || standard.sourceFile == source || standard.sourceFile.hasSuffix("/" + source)
    }

    static func reference(_ standard: Standard) -> StandardReference {
        StandardReference(id: standard.id, version: standard.version, title: standard.title, file: standard.sourceFile)
    }
}
