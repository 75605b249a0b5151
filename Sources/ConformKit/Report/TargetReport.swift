/// How one file's data would fare under another agency's standard (`conform validate
/// --standard A --target B [--crosswalk X]`): each field of A, mapped to B through the field
/// matches and the crosswalk, with the share of its values B would reject and why.
public struct TargetReport: Sendable, Codable {
    public var standard: StandardReference
    /// The crosswalk's `mapping_set_id`, when one was used.
    public var crosswalk: String?
    /// Records read.
    public var rows: Int
    /// One entry per field of A, in A's order.
    public var fields: [TargetField]
    /// Fields B requires that no field of A feeds: every record lacks them.
    public var unprovided: [String]
}

/// One field of A under B.
public struct TargetField: Sendable, Codable, Hashable {
    public var field: String
    /// B's field it goes to; nil when B has none (its values are lost).
    public var target: String?
    /// Values present (not missing) in the data.
    public var values: Int
    /// Values B accepts (after the crosswalk's transform).
    public var accepted: Int
    /// Values the crosswalk's transform changed (dates rewritten, codes renamed ...).
    public var transformed: Int
    /// Records with no value that B requires one for.
    public var missingRequired: Int
    /// Values B rejects, by the first check that fails.
    public var rejected: [TargetRejection]
}

/// Values of one field that B rejects for one reason.
public struct TargetRejection: Sendable, Codable, Hashable {
    /// `type`, `pattern`, `codelist`, `length`, `bounds` or `checksum`.
    public var reason: String
    public var count: Int
    /// The first such value.
    public var example: String
}
