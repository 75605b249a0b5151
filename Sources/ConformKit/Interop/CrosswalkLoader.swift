import Foundation
import Yams

/// Reads a crosswalk file (YAML, SSSOM-style; see `Crosswalk`) with the location of every
/// mapping, and checks it against the two standards it maps between. Problems are lint findings.
enum CrosswalkLoader {
    static let keys = ["mapping_set_id", "mapping_set_version", "mapping_set_title", "mapping_set_description", "license",
                       "subject_source", "object_source", "mapping_date", "creator_id", "creator_label", "comment", "mappings"]
    static let mappingKeys = ["subject_id", "subject_label", "predicate_id", "object_id", "object_label", "mapping_justification",
                              "confidence", "comment", "author_id", "transform"]
    static let transformKeys = ["date-format", "codelist", "unit", "trim", "case"]

    /// Loads `path`; nil (with findings) when it cannot be used.
    static func load(path: String, diagnostics: inout Diagnostics) -> Crosswalk? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            diagnostics.report(.yamlSyntax, "cannot read the crosswalk (missing, unreadable or not UTF-8)", at: SourceLocation(file: path, line: 1, column: 1))
            return nil
        }
        guard let root = StandardLoader.compose(text: text, file: path, what: "a crosswalk needs `mapping_set_id`, `subject_source`, `object_source` and `mappings`",
                                                diagnostics: &diagnostics) else { return nil }
        var reader = NodeReader(file: path)
        defer { diagnostics.append(contentsOf: reader.diagnostics) }
        guard let pairs = reader.pairs(root, "the crosswalk", known: keys) else { return nil }
        var crosswalk = Crosswalk(mappingSetID: "", subjectSource: "", objectSource: "", mappings: [], sourceFile: path)
        var seen = Set<String>()
        for (key, _, value) in pairs {
            seen.insert(key)
            switch key {
            case "mapping_set_id": crosswalk.mappingSetID = reader.string(value, key) ?? ""
            case "mapping_set_version": crosswalk.mappingSetVersion = reader.string(value, key)
            case "license": crosswalk.license = reader.string(value, key)
            case "subject_source": crosswalk.subjectSource = reader.string(value, key) ?? ""
            case "object_source": crosswalk.objectSource = reader.string(value, key) ?? ""
            case "mappings":
                guard case let .sequence(sequence) = value else {
                    reader.diagnostics.report(.invalidValue, "`mappings` must be a list", at: reader.location(value))
                    continue
                }
                for item in sequence {
                    if let mapping = readMapping(item, reader: &reader) { crosswalk.mappings.append(mapping) }
                }
            default: break
            }
        }
        for required in ["mapping_set_id", "subject_source", "object_source", "mappings"] where !seen.contains(required) {
            reader.diagnostics.report(.missingKey, "a crosswalk needs `\(required)`", at: reader.location(root))
        }
        return crosswalk
    }

    private static func readMapping(_ node: Node, reader: inout NodeReader) -> Crosswalk.Mapping? {
        guard let pairs = reader.pairs(node, "a mapping", known: mappingKeys) else { return nil }
        var subject: String?, object: String?, predicate: Crosswalk.Predicate?, justification: String?, sawPredicate = false
        var mapping = Crosswalk.Mapping(subjectID: "", predicate: .exactMatch, objectID: "", justification: "", location: reader.location(node))
        for (key, _, value) in pairs {
            switch key {
            case "subject_id": subject = reader.string(value, key)
            case "object_id": object = reader.string(value, key)
            case "predicate_id":
                sawPredicate = true
                guard let text = reader.string(value, key) else { continue }
                predicate = Crosswalk.Predicate(rawValue: text)
                if predicate == nil {
                    reader.diagnostics.report(.invalidValue, "unknown predicate \"\(text)\"; use one of \(Crosswalk.Predicate.allCases.map(\.rawValue).joined(separator: ", "))",
                                              at: reader.location(value), value: text)
                }
            case "mapping_justification": justification = reader.string(value, key)
            case "confidence":
                if let text = reader.string(value, key) {
                    if let number = Double(text), number >= 0, number <= 1 {
                        mapping.confidence = number
                    } else {
                        reader.diagnostics.report(.invalidValue, "`confidence` must be a number from 0 to 1, not \"\(text)\"", at: reader.location(value), value: text)
                    }
                }
            case "comment": mapping.comment = reader.string(value, key)
            case "transform": mapping.transform = readTransform(value, reader: &reader)
            default: break
            }
        }
        for (name, present) in [("subject_id", subject != nil), ("predicate_id", sawPredicate), ("object_id", object != nil),
                                ("mapping_justification", justification != nil)] where !present {
            reader.diagnostics.report(.missingKey, "a mapping needs `\(name)`", at: mapping.location)
        }
        guard let subject, let object, let predicate, let justification else { return nil }
        mapping.subjectID = subject
        mapping.objectID = object
        mapping.predicate = predicate
        mapping.justification = justification
        return mapping
    }

    private static func readTransform(_ node: Node, reader: inout NodeReader) -> Crosswalk.Transform? {
        guard let pairs = reader.pairs(node, "a transform", known: transformKeys) else { return nil }
        var transform = Crosswalk.Transform()
        for (key, _, value) in pairs {
            switch key {
            case "date-format":
                guard let formats = reader.pairs(value, "`date-format`", known: ["from", "to"]) else { continue }
                var dateFormat = Crosswalk.Transform.DateFormat()
                for (formatKey, _, formatValue) in formats {
                    let text = reader.string(formatValue, formatKey)
                    let pattern = text == "iso" || text == "ISO 8601" ? nil : text
                    if let pattern, (try? TemporalFormat(kind: .date, pattern: pattern)) == nil,
                       (try? TemporalFormat(kind: .datetime, pattern: pattern)) == nil {
                        reader.diagnostics.report(.invalidValue, "`\(formatKey)` \"\(pattern)\" is not a date format (directives: %Y %m %d %H %M %S ...)",
                                                  at: reader.location(formatValue), value: pattern)
                    }
                    if formatKey == "from" { dateFormat.from = pattern } else { dateFormat.to = pattern }
                }
                transform.dateFormat = dateFormat
            case "codelist":
                guard let entries = reader.pairs(value, "`codelist`", known: []) else { continue }
                var map: [String: String] = [:]
                for (code, _, target) in entries { map[code] = reader.string(target, code) }
                transform.codelist = map
            case "unit":
                guard let entries = reader.pairs(value, "`unit`", known: ["from", "to", "factor"]) else { continue }
                var unit = Crosswalk.Transform.Unit(factor: 1)
                for (unitKey, _, unitValue) in entries {
                    let text = reader.string(unitValue, unitKey)
                    switch unitKey {
                    case "from": unit.from = text
                    case "to": unit.to = text
                    default:
                        if let text, let factor = Double(text) { unit.factor = factor } else {
                            reader.diagnostics.report(.invalidValue, "`factor` must be a number", at: reader.location(unitValue))
                        }
                    }
                }
                transform.unit = unit
            case "trim": transform.trim = reader.bool(value, key) ?? false
            case "case":
                let text = reader.string(value, key)
                if text == "lower" || text == "upper" { transform.letterCase = text } else {
                    reader.diagnostics.report(.invalidValue, "`case` must be lower or upper", at: reader.location(value), value: text)
                }
            default: break
            }
        }
        return transform
    }

    /// Checks that every mapping names fields (and codes) the two standards have.
    static func check(_ crosswalk: Crosswalk, subject: [FieldProfile], object: [FieldProfile], diagnostics: inout Diagnostics) {
        for mapping in crosswalk.mappings {
            let (field, code) = mapping.subject
            if let profile = subject.first(where: { $0.name == field }) {
                if let code, let values = profile.allowedValues, !values.contains(code) {
                    diagnostics.report(.unknownField, "\(field) has no code \"\(code)\"", at: mapping.location, severity: .warning)
                }
            } else {
                diagnostics.report(.unknownField, "the subject standard has no field `\(field)`", at: mapping.location,
                                   hint: Suggestions.closest(to: field, in: subject.map(\.name)).map { "did you mean `\($0)`?" })
            }
            guard let (objectField, objectCode) = mapping.object else { continue }
            if let profile = object.first(where: { $0.name == objectField }) {
                if let objectCode, let values = profile.allowedValues, !values.contains(objectCode) {
                    diagnostics.report(.unknownField, "\(objectField) has no code \"\(objectCode)\"", at: mapping.location, severity: .warning)
                }
            } else {
                diagnostics.report(.unknownField, "the object standard has no field `\(objectField)`", at: mapping.location,
                                   hint: Suggestions.closest(to: objectField, in: object.map(\.name)).map { "did you mean `\($0)`?" })
            }
        }
    }
}
