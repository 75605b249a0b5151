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
    /// A number in a UAX #35 `numberFormat`, or in an XML Schema numeric `xsdType`.
    case formattedNumber(NumberFormat)
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

    // CSV on the Web additions (all absent for other standards).
    /// The XML Schema datatype that narrows the base type, if any.
    let xsdType: XSDType?
    /// The lexical space of a text `xsdType`, matched after the base type's own reading.
    let lexical: Pattern?
    let hasLexical: Bool
    /// The field's own missing values (nil: the standard's).
    let ownMissing: ByteStringSet?
    let hasOwnMissing: Bool
    /// The bytes an empty cell stands for (`default`), or nil.
    let defaultBytes: UnsafeMutableRawBufferPointer?
    /// For CSV lists: the separator's bytes (empty: the cell is one value).
    let separatorBytes: [UInt8]
    /// True when a CSV cell of this field is a list (`separator`).
    let splitsList: Bool
    /// True when `minLength` and `maxLength` count octets (`hexBinary`, `base64Binary`).
    let countsOctets: Bool
    /// True when the type check ignores leading and trailing whitespace (XML Schema's
    /// whitespace rule for an `xsdType` other than `string`, `normalizedString`, `anyAtomicType`).
    let trimsForType: Bool

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
    enum ParserKind { case text, integer, number, boolean, temporal, year, uri, email, uuid, formattedNumber }

    /// The number format of a `formattedNumber` field.
    let numberFormat: NumberFormat?

    init(field: Field, base: BaseType, typeName: String, parser: ValueParser, required: Bool,
         requiredLocation: SourceLocation?, constraints: Constraints, pattern: Pattern?,
         allowed: ByteStringSet?, allowedName: String?, allowedLocation: SourceLocation?,
         lower: Bound?, upper: Bound?, items: CompiledField? = nil, lexical: Pattern? = nil) {
        self.field = field
        let xsdType = constraints.xsdType.flatMap { XSDType(rawValue: $0.value) }
        self.xsdType = xsdType
        self.lexical = lexical
        self.hasLexical = lexical != nil
        self.ownMissing = field.missingValues.map(ByteStringSet.init)
        self.hasOwnMissing = field.missingValues != nil
        if let value = field.defaultValue?.value {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(value.utf8.count, 1), alignment: 1)
            buffer.copyBytes(from: Array(value.utf8))
            self.defaultBytes = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<value.utf8.count])
        } else {
            self.defaultBytes = nil
        }
        self.separatorBytes = field.separator.map { Array($0.value.utf8) } ?? []
        self.splitsList = !separatorBytes.isEmpty
        self.countsOctets = xsdType?.countsOctets ?? false
        self.trimsForType = xsdType.map { ![.string, .normalizedString, .anyAtomicType].contains($0) } ?? false
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
        var numberFormat: NumberFormat?
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
        case let .formattedNumber(format):
            kind = .formattedNumber
            numberFormat = format
        }
        self.numberFormat = numberFormat
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

    deinit {
        if let defaultBytes { UnsafeMutableRawBufferPointer(start: defaultBytes.baseAddress, count: max(defaultBytes.count, 1)).deallocate() }
    }

    var name: String { field.name }

    /// Whether `bytes` is one of this field's missing values (the field must have its own).
    @inline(__always)
    func isOwnMissing(_ bytes: UnsafeRawBufferPointer) -> Bool {
        ownMissing.unsafelyUnwrapped.contains(bytes)
    }

    /// The length `minLength` and `maxLength` measure: characters, or octets for binary types.
    func length(of bytes: UnsafeRawBufferPointer) -> Int {
        if countsOctets, let xsdType { return XSDType.octets(bytes, type: xsdType) }
        return UTF8Validation.scalarCount(bytes)
    }

    /// What the type check expects, for reports.
    var expectedType: String {
        var format: String?
        if case let .temporal(temporal) = parser { format = temporal.display }
        if case let .formattedNumber(number) = parser { return number.display }
        if let xsdType, hasLexical { return xsdType.expected }
        return TypeMismatch.expected(base, format: format)
    }

    /// Reads `bytes` as the field's type; nil when it is not a valid value.
    @inline(__always)
    func parse(_ cell: UnsafeRawBufferPointer) -> ParsedValue? {
        let bytes = trimsForType ? CompiledField.trimmed(cell) : cell
        switch kind {
        case .text:
            if hasLexical && lexical.unsafelyUnwrapped.matches(bytes) != .match { return nil }
            return ParsedValue.none
        case .formattedNumber:
            return numberFormat.unsafelyUnwrapped.parse(bytes)
        case .integer:
            return NumberParser.parseInteger(bytes, groupChar: groupChar).map(ParsedValue.integer)
        case .number:
            return NumberParser.parseNumber(bytes, decimalChar: decimalChar, groupChar: groupChar).map(ParsedValue.number)
        case .boolean:
            return booleans.parse(bytes).map(ParsedValue.boolean)
        case .temporal:
            if isoDate, bytes.count == 10, let value = CompiledField.parseISODate(bytes) { return value }
            guard let value = temporal.parse(bytes) else { return nil }
            if hasLexical && lexical.unsafelyUnwrapped.matches(bytes) != .match { return nil }
            return .temporal(value)
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

    /// `bytes` without leading and trailing spaces, tabs and line breaks.
    static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0, end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0x0A || bytes[start] == 0x0D) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
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
        case .integer, .number, .year, .formattedNumber: .number
        case .boolean: .boolean
        case .temporal: .instant
        case .text, .uri, .email, .uuid: .string
        }
    }
}
