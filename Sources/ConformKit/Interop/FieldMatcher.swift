import Foundation

/// Decides which field of one standard is which field of another: the same `name`, then an
/// alias (either side's), then the same `concept` URI. Fields left over get suggestions
/// (names alike once case and punctuation are set aside, or shared code-list values), each
/// with a confidence; a suggestion is never taken as a match, so it hides no gap.
struct FieldMatcher {
    struct Result {
        /// Indices into A's and B's profiles.
        var pairs: [(a: Int, b: Int, by: String)]
        var suggestions: [MatchSuggestion]
    }

    /// `crosswalk` lists (A field, B field) pairs a crosswalk maps, used after names, aliases and concepts.
    static func match(_ a: [FieldProfile], _ b: [FieldProfile], crosswalk: [(String, String)] = []) -> Result {
        var pairs: [(a: Int, b: Int, by: String)] = []
        var usedA = Set<Int>(), usedB = Set<Int>()
        func take(_ i: Int, _ j: Int, _ by: String) {
            pairs.append((i, j, by))
            usedA.insert(i)
            usedB.insert(j)
        }
        // 1. The same name.
        for (i, field) in a.enumerated() {
            if let j = b.indices.first(where: { !usedB.contains($0) && b[$0].name == field.name }) { take(i, j, "name") }
        }
        // 2. An alias of either side.
        for (i, field) in a.enumerated() where !usedA.contains(i) {
            let names = Set([field.name] + field.field.aliases)
            if let j = b.indices.first(where: { j in
                !usedB.contains(j) && !names.isDisjoint(with: [b[j].name] + b[j].field.aliases)
            }) { take(i, j, "alias") }
        }
        // 3. The same concept.
        for (i, field) in a.enumerated() where !usedA.contains(i) {
            guard let concept = field.field.concept else { continue }
            if let j = b.indices.first(where: { !usedB.contains($0) && b[$0].field.concept == concept }) { take(i, j, "concept") }
        }
        // 4. A crosswalk's field mappings.
        for (nameA, nameB) in crosswalk {
            guard let i = a.indices.first(where: { !usedA.contains($0) && a[$0].name == nameA }),
                  let j = b.indices.first(where: { !usedB.contains($0) && b[$0].name == nameB }) else { continue }
            take(i, j, "crosswalk")
        }
        pairs.sort { $0.a < $1.a }

        // Suggestions for what is left.
        var suggestions: [MatchSuggestion] = []
        for (i, field) in a.enumerated() where !usedA.contains(i) {
            var best: MatchSuggestion?
            for (j, other) in b.enumerated() where !usedB.contains(j) {
                guard let candidate = suggestion(field, other), candidate.confidence > (best?.confidence ?? 0) else { continue }
                best = candidate
            }
            if let best { suggestions.append(best) }
        }
        return Result(pairs: pairs, suggestions: suggestions)
    }

    /// Lower case letters and digits only.
    static func normalized(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    static func suggestion(_ a: FieldProfile, _ b: FieldProfile) -> MatchSuggestion? {
        let nameA = normalized(a.name), nameB = normalized(b.name)
        var confidence = 0.0
        var reasons: [String] = []
        if !nameA.isEmpty && nameA == nameB {
            confidence = 0.9
            reasons.append("the names differ only in case and punctuation")
        } else if !nameA.isEmpty, !nameB.isEmpty {
            let distance = Suggestions.editDistance(Array(nameA.unicodeScalars), Array(nameB.unicodeScalars))
            let similarity = 1 - Double(distance) / Double(max(nameA.count, nameB.count))
            if similarity >= 0.6 {
                confidence = similarity * 0.8
                reasons.append("the names are alike (\(Int((similarity * 100).rounded()))%)")
            } else if nameA.count >= 4 && nameB.count >= 4 && (nameA.contains(nameB) || nameB.contains(nameA)) {
                confidence = 0.5
                reasons.append("one name contains the other")
            }
        }
        if let valuesA = a.allowedValues, let valuesB = b.allowedValues {
            let setA = Set(valuesA.map { $0.lowercased() }), setB = Set(valuesB.map { $0.lowercased() })
            let shared = setA.intersection(setB).count
            let jaccard = Double(shared) / Double(max(setA.union(setB).count, 1))
            if shared > 0 && jaccard >= 0.3 {
                confidence = max(confidence, 0.4 + 0.5 * jaccard) + (confidence > 0 ? 0.05 : 0)
                reasons.append("they share \(shared) code-list value\(shared == 1 ? "" : "s")")
            }
        }
        guard confidence > 0 else { return nil }
        return MatchSuggestion(a: a.name, b: b.name, confidence: (min(confidence, 0.95) * 100).rounded() / 100,
                               reason: reasons.joined(separator: "; "))
    }
}
