import Foundation
import Yams

/// A crosswalk: a curated mapping set from the fields and codes of one standard (the subject)
/// to those of another (the object), modelled on SSSOM mapping sets
/// (https://mapping-commons.github.io/sssom/), with optional value transforms.
///
/// ```yaml
/// mapping_set_id: https://example.org/crosswalks/brownfield-to-planning
/// license: https://creativecommons.org/licenses/by/4.0/
/// subject_source: uk-gov/brownfield-land-register
/// object_source: lga/planning-applications
/// mappings:
///   - subject_id: FirstAddedDate
///     predicate_id: skos:closeMatch
///     object_id: CaseDate
///     mapping_justification: semapv:ManualMappingCuration
///     transform:
///       date-format: {from: "%Y-%m-%d", to: "%d/%m/%Y"}
///   - subject_id: CoordinateReferenceSystem#ETRS89
///     predicate_id: skos:exactMatch
///     object_id: sssom:NoTermFound
///     mapping_justification: semapv:ManualMappingCuration
/// ```
///
/// An id is a field name (`FirstAddedDate`) or a code of a field (`CoordinateReferenceSystem#ETRS89`);
/// `sssom:NoTermFound` as the object says the subject has no counterpart.
public struct Crosswalk: Sendable, Codable {
    public var mappingSetID: String
    public var mappingSetVersion: String?
    public var license: String?
    /// The standards mapped from and to (ids or paths, as written).
    public var subjectSource: String
    public var objectSource: String
    public var mappings: [Mapping]
    public var sourceFile: String
    /// Warnings found when it was checked against the two standards (unknown codes).
    public var warnings: [Finding] = []

    /// The SKOS predicates SSSOM uses for matches.
    public enum Predicate: String, Sendable, Codable, CaseIterable {
        case exactMatch = "skos:exactMatch"
        case closeMatch = "skos:closeMatch"
        case broadMatch = "skos:broadMatch"
        case narrowMatch = "skos:narrowMatch"

        /// The predicate seen from the object's side.
        var inverse: Predicate {
            switch self {
            case .broadMatch: .narrowMatch
            case .narrowMatch: .broadMatch
            default: self
            }
        }
    }

    /// `object_id` for "no counterpart".
    public static let noTermFound = "sssom:NoTermFound"
    /// `mapping_justification` of a mapping a person curated.
    public static let manualCuration = "semapv:ManualMappingCuration"

    /// One mapping of a field or a code.
    public struct Mapping: Sendable, Codable {
        public var subjectID: String
        public var predicate: Predicate
        public var objectID: String
        public var justification: String
        public var confidence: Double?
        public var comment: String?
        public var transform: Transform?
        public var location: SourceLocation

        /// The field and, for a code, the code (`Field#code`).
        var subject: (field: String, code: String?) { Crosswalk.split(subjectID) }
        var object: (field: String, code: String?)? { objectID == Crosswalk.noTermFound ? nil : Crosswalk.split(objectID) }

        /// An exact match a person curated: it removes the gaps it resolves; anything else leaves a warning.
        var isCuratedExact: Bool { predicate == .exactMatch && justification == Crosswalk.manualCuration }
    }

    /// What is done to a field's values on the way from the subject to the object.
    public struct Transform: Sendable, Codable, Hashable {
        /// Dates rewritten from one format to another (`nil`: ISO 8601).
        public var dateFormat: DateFormat?
        /// Codes renamed.
        public var codelist: [String: String]?
        /// Units converted by a factor.
        public var unit: Unit?
        /// Surrounding whitespace removed.
        public var trim: Bool
        /// `lower` or `upper`.
        public var letterCase: String?

        public struct DateFormat: Sendable, Codable, Hashable {
            public var from: String?
            public var to: String?
        }

        public struct Unit: Sendable, Codable, Hashable {
            public var from: String?
            public var to: String?
            public var factor: Double
        }

        public init(dateFormat: DateFormat? = nil, codelist: [String: String]? = nil, unit: Unit? = nil, trim: Bool = false,
                    letterCase: String? = nil) {
            self.dateFormat = dateFormat
            self.codelist = codelist
            self.unit = unit
            self.trim = trim
            self.letterCase = letterCase
        }

        /// The value as the object's standard will see it.
        func apply(_ value: String) -> String {
            var value = value
            if trim { value = value.trimmingCharacters(in: .whitespaces) }
            if let dateFormat { value = Self.rewriteDate(value, dateFormat) }
            if let mapped = codelist?[value] { value = mapped }
            if let unit, let number = Double(value) {
                let scaled = number * unit.factor
                value = scaled == scaled.rounded() && abs(scaled) < 1e15 ? String(Int64(scaled)) : String(scaled)
            }
            if letterCase == "lower" { value = value.lowercased() } else if letterCase == "upper" { value = value.uppercased() }
            return value
        }

        /// A date or datetime read in `format.from` and written in `format.to`; unchanged when it does not read.
        static func rewriteDate(_ value: String, _ format: DateFormat) -> String {
            for kind in [TemporalKind.date, .datetime] {
                guard let from = try? TemporalFormat(kind: kind, pattern: format.from),
                      let to = try? TemporalFormat(kind: kind, pattern: format.to) else { continue }
                var text = value
                if let parsed = text.withUTF8({ from.parse(UnsafeRawBufferPointer($0)) }) { return to.format(parsed) }
            }
            return value
        }

        /// The transform for the opposite direction, where it can be undone.
        var inverse: Transform {
            var inverse = Transform(trim: trim)
            if let dateFormat { inverse.dateFormat = DateFormat(from: dateFormat.to, to: dateFormat.from) }
            if let unit, unit.factor != 0 { inverse.unit = Unit(from: unit.to, to: unit.from, factor: 1 / unit.factor) }
            if let codelist {
                var reversed: [String: String] = [:]
                for (key, value) in codelist where reversed[value] == nil { reversed[value] = key }
                inverse.codelist = reversed
            }
            return inverse
        }
    }

    static func split(_ id: String) -> (field: String, code: String?) {
        guard let hash = id.firstIndex(of: "#") else { return (id, nil) }
        return (String(id[..<hash]), String(id[id.index(after: hash)...]))
    }
}
