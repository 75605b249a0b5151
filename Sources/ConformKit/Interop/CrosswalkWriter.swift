import Foundation

/// Writes crosswalks out: as SSSOM TSV for other tools, and as a draft YAML crosswalk built
/// from what the field matcher suggests, for a person to review.
enum CrosswalkWriter {
    /// The crosswalk as an SSSOM mapping set in TSV: the metadata as a commented YAML header
    /// (with a `curie_map` that gives the subject's and the object's fields their own prefixes),
    /// then one row per mapping. conform's transforms have no SSSOM column; they go into `comment`.
    static func sssomTSV(_ crosswalk: Crosswalk) -> String {
        let base = crosswalk.mappingSetID.hasSuffix("/") ? crosswalk.mappingSetID : crosswalk.mappingSetID + "/"
        var lines = [
            "# curie_map:",
            "#   object: \(yamlScalar(base + "object/"))",
            "#   semapv: https://w3id.org/semapv/vocab/",
            "#   skos: http://www.w3.org/2004/02/skos/core#",
            "#   sssom: https://w3id.org/sssom/",
            "#   subject: \(yamlScalar(base + "subject/"))",
            "# mapping_set_id: \(yamlScalar(crosswalk.mappingSetID))",
        ]
        if let version = crosswalk.mappingSetVersion { lines.append("# mapping_set_version: \(yamlScalar(version))") }
        // SSSOM requires a licence URI; "unspecified" is its own term for none given.
        lines.append("# license: \(yamlScalar(crosswalk.license ?? "https://w3id.org/sssom/license/unspecified"))")
        lines.append("# subject_source: \(yamlScalar(sourceURI(crosswalk.subjectSource)))")
        lines.append("# object_source: \(yamlScalar(sourceURI(crosswalk.objectSource)))")
        lines.append(["subject_id", "predicate_id", "object_id", "mapping_justification", "confidence", "comment"].joined(separator: "\t"))
        for mapping in crosswalk.mappings {
            var comments: [String] = []
            if let comment = mapping.comment { comments.append(comment) }
            if let transform = mapping.transform { comments.append("conform transform: " + describe(transform)) }
            let object = mapping.objectID == Crosswalk.noTermFound ? mapping.objectID : "object:" + localPart(mapping.objectID)
            lines.append([
                "subject:" + localPart(mapping.subjectID), mapping.predicate.rawValue, object, mapping.justification,
                mapping.confidence.map { String($0) } ?? "", comments.joined(separator: "; "),
            ].map(tsvCell).joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A standard's id or path as the URI SSSOM wants for a source (ids become `urn:conform:standard:…`).
    static func sourceURI(_ source: String) -> String {
        if source.contains("://") || source.hasPrefix("urn:") { return source }
        return "urn:conform:standard:" + (source.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? source)
    }

    /// A field or code name as the local part of a CURIE (spaces and reserved characters escaped).
    static func localPart(_ id: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.~#")
        return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
    }

    static func describe(_ transform: Crosswalk.Transform) -> String {
        var parts: [String] = []
        if let date = transform.dateFormat { parts.append("date-format \(date.from ?? "iso") → \(date.to ?? "iso")") }
        if let unit = transform.unit { parts.append("unit \(unit.from ?? "?") → \(unit.to ?? "?") ×\(unit.factor)") }
        if let codes = transform.codelist { parts.append("codelist " + codes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")) }
        if transform.trim { parts.append("trim") }
        if let letterCase = transform.letterCase { parts.append("case \(letterCase)") }
        return parts.joined(separator: ", ")
    }

    /// A draft crosswalk (YAML) from a comparison: each suggested field match, and, for matched
    /// fields, each code of A missing from B that a code of B resembles, as `skos:closeMatch`
    /// with `semapv:LexicalMatching` and the matcher's confidence — to be reviewed, and marked
    /// `semapv:ManualMappingCuration` where right.
    static func draft(from report: ComparisonReport, a: [FieldProfile], b: [FieldProfile]) -> String {
        let text = """
        # A draft crosswalk written by `conform compare --suggest-crosswalk` from name and code-list
        # similarity. Review every mapping: change the predicate where needed, delete wrong ones, and set
        # mapping_justification to semapv:ManualMappingCuration for those you confirm (only those remove
        # gaps without a warning). Codes of A with no look-alike in B are listed in comments.
        mapping_set_id: \(yamlScalar("urn:conform:draft:\(report.a.id)-to-\(report.b.id)"))
        subject_source: \(yamlScalar(report.a.id))
        object_source: \(yamlScalar(report.b.id))
        mappings:

        """
        var entries: [String] = []
        for suggestion in report.suggestions {
            entries.append(mapping(subject: suggestion.a, object: suggestion.b, confidence: suggestion.confidence, comment: suggestion.reason))
        }
        // Codes of matched (and suggested) fields.
        let fieldPairs = report.matches.map { ($0.a, $0.b) } + report.suggestions.map { ($0.a, $0.b) }
        for match in fieldPairs.map({ (a: $0.0, b: $0.1) }) {
            guard let from = a.first(where: { $0.name == match.a }), let to = b.first(where: { $0.name == match.b }),
                  let fromValues = from.allowedValues, let toValues = to.allowedValues else { continue }
            var unmatched: [String] = []
            for value in fromValues where !toValues.contains(value) {
                if let (candidate, confidence) = lookAlike(value, in: toValues) {
                    entries.append(mapping(subject: "\(match.a)#\(value)", object: "\(match.b)#\(candidate)", confidence: confidence,
                                           comment: "codes alike"))
                } else {
                    unmatched.append(value)
                }
            }
            if !unmatched.isEmpty {
                entries.append("  # \(match.a): no look-alike in \(report.b.id) for " + unmatched.map { yamlScalar($0) }.joined(separator: ", ")
                               + " (map them, or state object_id: sssom:NoTermFound)")
            }
        }
        if entries.isEmpty { return text.replacingOccurrences(of: "mappings:\n", with: "mappings: []\n") }
        return text + entries.joined(separator: "\n") + "\n"
    }

    private static func mapping(subject: String, object: String, confidence: Double, comment: String) -> String {
        """
          - subject_id: \(yamlScalar(subject))
            predicate_id: skos:closeMatch
            object_id: \(yamlScalar(object))
            mapping_justification: semapv:LexicalMatching
            confidence: \(confidence)
            comment: \(yamlScalar(comment))
        """
    }

    /// A code of `values` equal to `value` but for case and punctuation, or within two edits; with a confidence.
    static func lookAlike(_ value: String, in values: [String]) -> (String, Double)? {
        let key = FieldMatcher.normalized(value)
        if let same = values.first(where: { FieldMatcher.normalized($0) == key && !key.isEmpty }) { return (same, 0.9) }
        var best: (String, Int)?
        for candidate in values {
            let distance = Suggestions.editDistance(Array(value.lowercased().unicodeScalars), Array(candidate.lowercased().unicodeScalars))
            if distance <= 2 && distance < max(value.count, candidate.count) / 2 && distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        return best.map { ($0.0, $0.1 == 1 ? 0.7 : 0.5) }
    }

    /// A YAML scalar, quoted when needed.
    static func yamlScalar(_ text: String) -> String {
        // A colon is plain inside a scalar (URIs), not at its end (`Ref:` would start a mapping).
        let plain = !text.isEmpty && !text.hasSuffix(":")
            && text.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-_./:".unicodeScalars.contains($0) }
            && !text.hasPrefix("-") && !["true", "false", "null", "yes", "no", "on", "off", "~"].contains(text.lowercased())
            && Double(text) == nil
        if plain { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private static func tsvCell(_ text: String) -> String {
        text.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}
