/// What `conform compare A B` found: how the fields of two standards match, and, for each
/// direction, the interoperability gaps — what breaks or is lost when data made under one
/// standard is used under the other. Serialized as the JSON report of `compare` (`docs/interop.md`).
public struct ComparisonReport: Sendable, Codable {
    /// Version of this report's shape.
    public var reportVersion = 1
    public var tool: String
    public var a: StandardReference
    public var b: StandardReference
    /// Gaps at or above this level make `compare` exit 1.
    public var failOn: Severity
    /// Fields of A and B taken to be the same thing.
    public var matches: [FieldMatch]
    /// Likely matches the matcher is not sure of, for a person to confirm (they hide no gap).
    public var suggestions: [MatchSuggestion]
    /// One entry per direction compared (`a-to-b`, `b-to-a`).
    public var directions: [DirectionReport]

    /// True when a gap at or above `failOn` was found in a direction compared.
    public var fails: Bool { directions.contains { $0.gaps.contains { $0.severity >= failOn } } }

    public init(tool: String, a: StandardReference, b: StandardReference, failOn: Severity, matches: [FieldMatch],
                suggestions: [MatchSuggestion], directions: [DirectionReport]) {
        self.tool = tool
        self.a = a
        self.b = b
        self.failOn = failOn
        self.matches = matches
        self.suggestions = suggestions
        self.directions = directions
    }
}

/// A field of A matched to a field of B.
public struct FieldMatch: Sendable, Codable, Hashable {
    public var a: String
    public var b: String
    /// How: `name`, `alias` or `concept`.
    public var by: String
}

/// A possible match the matcher is not sure of.
public struct MatchSuggestion: Sendable, Codable, Hashable {
    public var a: String
    public var b: String
    /// From 0 to 1.
    public var confidence: Double
    /// Why it is suggested ("names differ only in case and punctuation", "share 5 of 6 code-list values").
    public var reason: String
}

/// The gaps of one direction: data made under `from`, used under `to`.
public struct DirectionReport: Sendable, Codable {
    /// `a-to-b` or `b-to-a`.
    public var direction: String
    public var from: StandardReference
    public var to: StandardReference
    /// True when no gap is an error: every value valid under `from` that the standards let one
    /// decide about is accepted under `to` (warnings may remain).
    public var compatible: Bool
    public var errors: Int
    public var warnings: Int
    public var infos: Int
    public var gaps: [Gap]
    /// The gaps the suggested field matches would bring if a person confirmed them (in a
    /// crosswalk): reported for review, counted in no total and in no verdict. Absent when there
    /// are none.
    public var ifSuggestionsTaken: [Gap]?

    init(direction: String, from: StandardReference, to: StandardReference, gaps: [Gap], ifSuggestionsTaken: [Gap] = []) {
        self.direction = direction
        self.from = from
        self.to = to
        self.gaps = gaps
        self.ifSuggestionsTaken = ifSuggestionsTaken.isEmpty ? nil : ifSuggestionsTaken
        errors = gaps.filter { $0.severity == .error }.count
        warnings = gaps.filter { $0.severity == .warning }.count
        infos = gaps.filter { $0.severity == .info }.count
        compatible = errors == 0
    }
}

/// One interoperability gap between a producer's standard (`from`) and a consumer's (`to`).
public struct Gap: Sendable, Codable, Hashable {
    /// Stable kebab-case id (see `docs/interop.md`), e.g. `date-format-differs`.
    public var rule: String
    /// `error`: a value valid under `from` is rejected by `to`; `warning`: cannot be decided from
    /// the standards, or data is silently lost; `info`: `to` accepts more than `from`.
    public var severity: Severity
    public var message: String
    /// The producer's field and the consumer's field, when the gap concerns them.
    public var fromField: String?
    public var toField: String?
    /// A value valid under `from` that `to` rejects (or that loses something), when one can be shown.
    public var example: String?
    /// What would make the values fit, e.g. `%d/%m/%Y → %Y-%m-%d`.
    public var transform: String?
    /// The values concerned (code-list values missing or added).
    public var values: [String]?
    /// Where the rule is written on each side.
    public var fromLocation: SourceLocation?
    public var toLocation: SourceLocation?

    public init(rule: String, severity: Severity, message: String, fromField: String? = nil, toField: String? = nil,
                example: String? = nil, transform: String? = nil, values: [String]? = nil,
                fromLocation: SourceLocation? = nil, toLocation: SourceLocation? = nil) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.fromField = fromField
        self.toField = toField
        self.example = example
        self.transform = transform
        self.values = values
        self.fromLocation = fromLocation
        self.toLocation = toLocation
    }
}
