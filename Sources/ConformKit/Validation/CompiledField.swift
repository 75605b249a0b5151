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
    let hasPattern: Bool
    /// Allowed codes (from `codelist` or `enum`), the list's name (nil for `enum`), and where it was required.
    let allowed: ByteStringSet?
    let hasAllowed: Bool
    let allowedName: String?
    let allowedLocation: SourceLocation?
    let lower: Bound?
    let upper: Bound?
    /// Whether typed values must be kept for row rules.
    var keepsValue = false

    // JSON input.
    /// The JSON value type the field takes.
    let json: JSONExpectation
    /// Whether a JSON string holding a value of the type is accepted.
    let coerce: Bool
    /// For arrays: the elements' checker and the bounds on their number (-1 when absent).
    let items: CompiledField?
    let minItems: Int
    let maxItems: Int
    /// The field's JSON Pointer, when it has one.
    let path: JSONPointer?
    /// True when the path has a `*`: the field may hold several values in one record.
    let isMultiValued: Bool

    /// Which JSON values a field takes (before its own reading of the value).
    enum JSONExpectation { case string, number, boolean, year, any, array }

    // Hot-path copies of the above, as plain values, so checking a cell needs no enum
    // payload copies or string retains.
    let kind: ParserKind
    let groupChar: UInt8?
    let decimalChar: UInt8
    /// The date/time format (an unused ISO date format for other types, so reads need no unwrapping).
    let temporal: TemporalFormat
    let booleans: BooleanValues
    /// -1 when absent.
    let minLength: Int
    let maxLength: Int
    let checksum: ChecksumAlgorithm?
    let hasBounds: Bool
    /// The bounds' values alone (no strings), for the hot path.
    let lowerValue: ParsedValue?
    let lowerExclusive: Bool
    let upperValue: ParsedValue?
    let upperExclusive: Bool

    /// True when `value` is within both bounds.
    @inline(__always)
    func withinBounds(_ value: ParsedValue) -> Bool {
        if let lowerValue, let order = value.compare(lowerValue), order < 0 || (order == 0 && lowerExclusive) { return false }
        if let upperValue, let order = value.compare(upperValue), order > 0 || (order == 0 && upperExclusive) { return false }
        return true
    }

    /// True for a date in ISO 8601 (the common case, which has a fast path).
    let isoDate: Bool

    /// `YYYY-MM-DD` read directly; nil when the bytes do not have that shape, so the general
    /// parser decides (and gives the same answer for anything of that shape).
    @inline(__always)
    static func parseISODate(_ b: UnsafeRawBufferPointer) -> ParsedValue?? {
        guard b[4] == 0x2D, b[7] == 0x2D else { return nil }
        var digits = 0
        @inline(__always) func digit(_ i: Int) -> Int {
            let d = Int(b[i]) &- 0x30
            if d < 0 || d > 9 { digits = -1 }
            return d
        }
        let year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)
        let month = digit(5) * 10 + digit(6)
        let day = digit(8) * 10 + digit(9)
        guard digits == 0 else { return nil }
        guard year >= 1, month >= 1, month <= 12, day >= 1, day <= TemporalFormat.daysInMonth(year: year, month: month) else {
            return .some(nil)
        }
        return .temporal(TemporalValue(seconds: TemporalFormat.daysFromCivil(year: year, month: month, day: day) * 86_400))
    }

    /// `ValueParser` without payloads.
    enum ParserKind { case text, integer, number, boolean, temporal, year, uri, email, uuid }

    init(field: Field, base: BaseType, typeName: String, parser: ValueParser, required: Bool,
         requiredLocation: SourceLocation?, constraints: Constraints, pattern: Pattern?,
         allowed: ByteStringSet?, allowedName: String?, allowedLocation: SourceLocation?,
         lower: Bound?, upper: Bound?, items: CompiledField? = nil) {
        self.field = field
        self.items = items
        self.minItems = field.minItems?.value ?? -1
        self.maxItems = field.maxItems?.value ?? -1
        self.coerce = field.coerce
        self.path = field.path.flatMap { JSONPointer($0.value) }
        self.isMultiValued = path?.hasWildcard ?? false
        switch base {
        case .integer, .number: json = .number
        case .boolean: json = .boolean
        case .year: json = .year
        case .any: json = .any
        case .array: json = .array
        case .string, .code, .date, .datetime, .time, .uri, .email, .uuid: json = .string
        }
        self.base = base
        self.typeName = typeName
        self.parser = parser
        self.required = required
        self.requiredLocation = requiredLocation
        self.unique = field.isUnique && base != .array
        self.uniqueLocation = field.unique?.location
        self.severity = field.severity
        self.constraints = constraints
        self.pattern = pattern
        self.hasPattern = pattern != nil
        self.allowed = allowed
        self.hasAllowed = allowed != nil
        self.allowedName = allowedName
        self.allowedLocation = allowedLocation
        self.lower = lower
        self.upper = upper
        var groupChar: UInt8?
        var decimalChar = UInt8(ascii: ".")
        var temporal = try! TemporalFormat(kind: .date, pattern: nil)
        var booleans = BooleanValues()
        switch parser {
        case .text: kind = .text
        case let .integer(group):
            kind = .integer
            groupChar = group
        case let .number(decimal, group):
            kind = .number
            decimalChar = decimal
            groupChar = group
        case let .boolean(values):
            kind = .boolean
            booleans = values
        case let .temporal(format):
            kind = .temporal
            temporal = format
        case .year: kind = .year
        case .uri: kind = .uri
        case .email: kind = .email
        case .uuid: kind = .uuid
        }
        self.groupChar = groupChar
        self.decimalChar = decimalChar
        self.temporal = temporal
        self.isoDate = kind == .temporal && temporal.kind == .date && temporal.pattern == nil
        self.booleans = booleans
        self.minLength = constraints.minLength?.value ?? -1
        self.maxLength = constraints.maxLength?.value ?? -1
        self.checksum = constraints.checksum?.value
        self.hasBounds = lower != nil || upper != nil
        self.lowerValue = lower?.value
        self.lowerExclusive = lower?.exclusive ?? false
        self.upperValue = upper?.value
        self.upperExclusive = upper?.exclusive ?? false
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
        switch kind {
        case .text:
            return ParsedValue.none
        case .integer:
            return NumberParser.parseInteger(bytes, groupChar: groupChar).map(ParsedValue.integer)
        case .number:
            return NumberParser.parseNumber(bytes, decimalChar: decimalChar, groupChar: groupChar).map(ParsedValue.number)
        case .boolean:
            return booleans.parse(bytes).map(ParsedValue.boolean)
        case .temporal:
            if isoDate, bytes.count == 10, let value = CompiledField.parseISODate(bytes) { return value }
            return temporal.parse(bytes).map(ParsedValue.temporal)
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

    /// Matches the pattern (the field must have one).
    @inline(__always)
    func matchPattern(_ bytes: UnsafeRawBufferPointer) -> Pattern.MatchResult {
        pattern.unsafelyUnwrapped.matches(bytes)
    }

    /// True when the value is in the code list or enum (the field must have one).
    @inline(__always)
    func isAllowed(_ bytes: UnsafeRawBufferPointer) -> Bool {
        allowed.unsafelyUnwrapped.contains(bytes)
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
