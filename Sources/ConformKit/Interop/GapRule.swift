/// A kind of interoperability gap `conform compare` reports, with its stable id, its usual
/// level and examples that do and do not trigger it.
///
/// Each rule lives in its own file under `Interop/Gaps/` with its message and, for rules about
/// a matched pair of fields, its check; `GapRule.all` is the explicit registry.
public struct GapRule: Sendable, Hashable, Codable {
    public var id: String
    /// The level when the gap can be decided (some rules report `warning` when it cannot).
    public var severity: Severity
    public var summary: String
    public var examples: [GapExample]
}

/// Two standard fragments (YAML appended after `conform: 1` and an id, as in rule examples) and
/// how many gaps of the rule `compare` finds in the direction A → B.
public struct GapExample: Sendable, Hashable, Codable {
    public var a: String
    public var b: String
    public var gaps: Int
    /// A crosswalk from A to B used in the comparison (YAML), if any.
    public var crosswalk: String?

    public init(a: String, b: String, gaps: Int, crosswalk: String? = nil) {
        self.a = a
        self.b = b
        self.gaps = gaps
        self.crosswalk = crosswalk
    }
}

extension GapRule {
    /// Every gap rule, in documentation order.
    public static let all: [GapRule] = [
        FieldMissing.rule, RequiredNotProvided.rule, NullableToRequired.rule, CardinalityDiffers.rule,
        TypeNarrowed.rule, TypeWidened.rule, PrecisionLost.rule, DateFormatDiffers.rule,
        LengthNarrowed.rule, LengthWidened.rule, RangeNarrowed.rule, RangeWidened.rule,
        PatternAdded.rule, PatternDiffers.rule, PatternRemoved.rule,
        CodelistValuesMissing.rule, CodelistValuesAdded.rule, UnitDiffers.rule, KeyDiffers.rule, MappingApproximate.rule,
    ]

    /// The rule with this id.
    public static func named(_ id: String) -> GapRule? { all.first { $0.id == id } }
}

/// A field of the producer's standard matched to a field of the consumer's, in one direction.
struct FieldPair {
    /// The field the data was made under.
    let from: FieldProfile
    /// The field it is used under.
    let to: FieldProfile
    /// How messages name the producer's and the consumer's standard: "A" and "B", or "B" and "A".
    var a = "A"
    var b = "B"
    /// What a crosswalk says of this field, in this direction.
    var crosswalk = CrosswalkView.FieldView()

    /// Values of `from` as `to` receives them (the crosswalk's transform applied).
    var fromSamples: [String] {
        guard let transform = crosswalk.mapping?.transform else { return from.samples }
        return from.samples.map(transform.apply)
    }

    /// A gap about this pair.
    func gap(_ rule: GapRule, _ message: String, severity: Severity? = nil, example: String? = nil, transform: String? = nil,
             values: [String]? = nil, fromLocation: SourceLocation? = nil, toLocation: SourceLocation? = nil) -> Gap {
        Gap(rule: rule.id, severity: severity ?? rule.severity, message: message, fromField: from.name, toField: to.name,
            example: example, transform: transform, values: values,
            fromLocation: fromLocation ?? from.field.location, toLocation: toLocation ?? to.field.location)
    }

    /// The first value valid under `from` for which `rejected` holds once the crosswalk's transform
    /// has made it what `to` receives; the value as `from` has it.
    func example(where rejected: (String) -> Bool) -> String? {
        let transform = crosswalk.mapping?.transform
        return from.samples.first { rejected(transform?.apply($0) ?? $0) }
    }

    /// `from`'s name, and `to`'s when it differs ("Status" or "Status → PlanningStatus").
    var names: String { from.name == to.name ? from.name : "\(from.name) → \(to.name)" }
}

/// The checks run on every matched pair of fields, in order.
enum PairChecks {
    static let all: [@Sendable (FieldPair) -> [Gap]] = [
        NullableToRequired.check, CardinalityDiffers.check, TypeNarrowed.check, PrecisionLost.check, DateFormatDiffers.check,
        LengthNarrowed.check, RangeNarrowed.check, PatternDiffers.check, CodelistValuesMissing.check, UnitDiffers.check,
    ]
}
