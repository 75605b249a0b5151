/// How a column's cells are read as typed values.
enum ValueParser {
    case text
    case integer(groupChar: UInt8?)
    case number(decimalChar: UInt8, groupChar: UInt8?)
    case boolean(BooleanValues)
    case temporal(TemporalFormat)
    case year
    case uri
    case email
    case uuid
}

/// A typed cell value, for bounds and row rules.
enum ParsedValue {
    case none
    case integer(Int64)
    case number(Double)
    case boolean(Bool)
    case temporal(TemporalValue)
    case year(Int)

    /// Orders two values of the same kind; nil when the kinds differ.
    func compare(_ other: ParsedValue) -> Int? {
        switch (self, other) {
        case let (.integer(a), .integer(b)): a < b ? -1 : (a == b ? 0 : 1)
        case let (.number(a), .number(b)): a < b ? -1 : (a == b ? 0 : 1)
        case let (.integer(a), .number(b)): Double(a) < b ? -1 : (Double(a) == b ? 0 : 1)
        case let (.number(a), .integer(b)): a < Double(b) ? -1 : (a == Double(b) ? 0 : 1)
        case let (.temporal(a), .temporal(b)): a < b ? -1 : (a == b ? 0 : 1)
        case let (.year(a), .year(b)): a < b ? -1 : (a == b ? 0 : 1)
        default: nil
        }
    }

    /// The value as a row-rule operand.
    var ruleValue: RuleValue {
        switch self {
        case .none: .empty
        case let .integer(value): .number(Double(value))
        case let .number(value): .number(value)
        case let .boolean(value): .boolean(value)
        case let .temporal(value): .instant(value.seconds, value.nanoseconds)
        case let .year(value): .number(Double(value))
        }
    }
}

/// A bound (minimum or maximum) read as a value of the field's type.
struct Bound {
    var value: ParsedValue
    var exclusive: Bool
    /// As written in the standard.
    var text: String
    var location: SourceLocation
}

/// One field of a standard compiled for fast checking: the type chain resolved, constraints
/// merged, the pattern compiled, the code list hashed, the bounds parsed.
final class CompiledField {
    let field: Field
    /// The base type at the root of the field's type chain.
    let base: BaseType
    /// The type as written (a built-in or named type).
    let typeName: String
    let parser: ValueParser
    let required: Bool
    let requiredLocation: SourceLocation?
    let unique: Bool
    let uniqueLocation: SourceLocation?
    let severity: Severity
    let constraints: Constraints
    let pattern: Pattern?
    /// Allowed codes (from `codelist` or `enum`), the list's name (nil for `enum`), and where it was required.
    let allowed: ByteStringSet?
    let allowedName: String?
    let allowedLocation: SourceLocation?
    let lower: Bound?
    let upper: Bound?
    /// Whether typed values must be kept for row rules.
    var keepsValue = false

    init(field: Field, base: BaseType, typeName: String, parser: ValueParser, required: Bool,
         requiredLocation: SourceLocation?, constraints: Constraints, pattern: Pattern?,
         allowed: ByteStringSet?, allowedName: String?, allowedLocation: SourceLocation?,
         lower: Bound?, upper: Bound?) {
        self.field = field
        self.base = base
        self.typeName = typeName
        self.parser = parser
        self.required = required
        self.requiredLocation = requiredLocation
        self.unique = field.isUnique
        self.uniqueLocation = field.unique?.location
        self.severity = field.severity
        self.constraints = constraints
        self.pattern = pattern
        self.allowed = allowed
        self.allowedName = allowedName
        self.allowedLocation = allowedLocation
        self.lower = lower
        self.upper = upper
    }

    var name: String { field.name }

    /// What the type check expects, for reports.
    var expectedType: String {
        var format: String?
        if case let .temporal(temporal) = parser { format = temporal.display }
        return TypeMismatch.expected(base, format: format)
    }

    /// Reads `bytes` as the field's type; nil when it is not a valid value.
    @inline(__always)
    func parse(_ bytes: UnsafeRawBufferPointer) -> ParsedValue? {
        switch parser {
        case .text:
            return ParsedValue.none
        case let .integer(group):
            return NumberParser.parseInteger(bytes, groupChar: group).map(ParsedValue.integer)
        case let .number(decimal, group):
            return NumberParser.parseNumber(bytes, decimalChar: decimal, groupChar: group).map(ParsedValue.number)
        case let .boolean(values):
            return values.parse(bytes).map(ParsedValue.boolean)
        case let .temporal(format):
            return format.parse(bytes).map(ParsedValue.temporal)
        case .year:
            return SimpleTypes.parseYear(bytes).map(ParsedValue.year)
        case .uri:
            return SimpleTypes.isURI(bytes) ? ParsedValue.none : nil
        case .email:
            return SimpleTypes.isEmail(bytes) ? ParsedValue.none : nil
        case .uuid:
            return SimpleTypes.isUUID(bytes) ? ParsedValue.none : nil
        }
    }

    /// The kind of value this field gives a row rule.
    var ruleKind: RuleValueKind {
        switch parser {
        case .integer, .number, .year: .number
        case .boolean: .boolean
        case .temporal: .instant
        case .text, .uri, .email, .uuid: .string
        }
    }
}
