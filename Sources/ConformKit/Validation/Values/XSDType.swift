/// The XML Schema built-in datatypes a field can name with `xsdType` (those CSV on the Web
/// lists): each narrows a conform base type to its lexical space and, for the integer
/// subtypes, the range it implies.
///
/// Lexical spaces are checked after XML Schema's whitespace handling: every type other than
/// `string`, `normalizedString` and `anyAtomicType` ignores leading and trailing whitespace, so
/// `normalizedString` and `token` accept any text.
enum XSDType: String, Sendable, CaseIterable {
    case anyAtomicType, anyURI, base64Binary, boolean
    case byte, date, dateTime, dateTimeStamp, dayTimeDuration, decimal, double, duration, float
    case gDay, gMonth, gMonthDay, gYear, gYearMonth, hexBinary
    case int, integer, language, long
    case Name, NCName, negativeInteger, NMTOKEN, nonNegativeInteger, nonPositiveInteger, normalizedString
    case positiveInteger, QName, short, string, time, token
    case unsignedByte, unsignedInt, unsignedLong, unsignedShort, yearMonthDuration

    /// The conform base type the datatype refines.
    var base: BaseType {
        switch self {
        case .byte, .int, .integer, .long, .negativeInteger, .nonNegativeInteger, .nonPositiveInteger, .positiveInteger,
             .short, .unsignedByte, .unsignedInt, .unsignedLong, .unsignedShort:
            .integer
        case .decimal, .double, .float: .number
        case .boolean: .boolean
        case .date: .date
        case .dateTime, .dateTimeStamp: .datetime
        case .time: .time
        default: .string
        }
    }

    /// Whether `base` (a field's resolved base type) can carry this datatype.
    func fits(_ base: BaseType) -> Bool {
        switch self.base {
        case .string: [.string, .code, .any, .uri, .email, .uuid].contains(base)
        case .number: base == .number || base == .integer
        default: base == self.base
        }
    }

    /// The range an integer subtype implies.
    var integerRange: ClosedRange<Double>? {
        switch self {
        case .long: -9.223_372_036_854_775_808e18 ... 9.223_372_036_854_775_808e18
        case .int: -2_147_483_648 ... 2_147_483_647
        case .short: -32768 ... 32767
        case .byte: -128 ... 127
        case .nonNegativeInteger: 0 ... Double.infinity
        case .positiveInteger: 1 ... Double.infinity
        case .unsignedLong: 0 ... 1.844_674_407_370_955_161_6e19
        case .unsignedInt: 0 ... 4_294_967_295
        case .unsignedShort: 0 ... 65535
        case .unsignedByte: 0 ... 255
        case .nonPositiveInteger: -Double.infinity ... 0
        case .negativeInteger: -Double.infinity ... -1
        default: nil
        }
    }

    /// The value space a numeric datatype's numbers are read in.
    var numberKind: NumberFormat.Kind? {
        switch base {
        case .integer: .integer(range: integerRange)
        case .number: self == .decimal ? .decimal : .double
        default: nil
        }
    }

    /// Whether `minLength`, `maxLength` count octets (binary types) rather than characters.
    var countsOctets: Bool { self == .hexBinary || self == .base64Binary }

    private static let zone = "(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))"
    private static let year = "-?(?:[1-9][0-9]{3,}|0[0-9]{3})"
    private static let nameStart = "_\\p{L}\\p{Nl}"
    private static let nameChar = "\\-._\\p{L}\\p{Nl}\\p{Mn}\\p{Mc}\\p{Nd}\\x{B7}"

    /// The regular expression (PCRE2, matched against the whole value) of the lexical space of a
    /// text datatype; nil when any text is a value (or the base type's own parser decides).
    var lexicalPattern: String? {
        let core: String
        switch self {
        case .base64Binary: core = "(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?"
        case .hexBinary: core = "(?:[0-9A-Fa-f]{2})*"
        case .duration:
            core = "-?P(?=[0-9T])(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+D)?(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\\.[0-9]+)?S)?)?"
        case .dayTimeDuration:
            core = "-?P(?=[0-9T])(?:[0-9]+D)?(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\\.[0-9]+)?S)?)?"
        case .yearMonthDuration: core = "-?P(?=[0-9])(?:[0-9]+Y)?(?:[0-9]+M)?"
        case .gDay: core = "---(?:0[1-9]|[12][0-9]|3[01])\(Self.zone)?"
        case .gMonth: core = "--(?:0[1-9]|1[0-2])\(Self.zone)?"
        case .gMonthDay: core = "--(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])\(Self.zone)?"
        case .gYear: core = "\(Self.year)\(Self.zone)?"
        case .gYearMonth: core = "\(Self.year)-(?:0[1-9]|1[0-2])\(Self.zone)?"
        case .language: core = "[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*"
        case .Name: core = "[:\(Self.nameStart)][:\(Self.nameChar)]*"
        case .NCName: core = "[\(Self.nameStart)][\(Self.nameChar)]*"
        case .QName: core = "(?:[\(Self.nameStart)][\(Self.nameChar)]*:)?[\(Self.nameStart)][\(Self.nameChar)]*"
        case .NMTOKEN: core = "[:\(Self.nameChar)]+"
        case .dateTimeStamp: core = ".*\(Self.zone)"
        default: return nil
        }
        return "[ \\t\\r\\n]*(?:\(core))[ \\t\\r\\n]*"
    }

    /// What a value of the datatype looks like, for reports.
    var expected: String {
        switch self {
        case .base64Binary: return "base64-encoded binary (xsd:base64Binary)"
        case .hexBinary: return "hexadecimal binary, two digits per octet (xsd:hexBinary)"
        case .duration: return "an ISO 8601 duration such as P1Y2M3DT4H5M6S (xsd:duration)"
        case .dayTimeDuration: return "a duration in days, hours, minutes and seconds such as P1DT2H (xsd:dayTimeDuration)"
        case .yearMonthDuration: return "a duration in years and months such as P1Y2M (xsd:yearMonthDuration)"
        case .gDay: return "a day of the month as ---DD (xsd:gDay)"
        case .gMonth: return "a month as --MM (xsd:gMonth)"
        case .gMonthDay: return "a month and day as --MM-DD (xsd:gMonthDay)"
        case .gYear: return "a year as YYYY (xsd:gYear)"
        case .gYearMonth: return "a year and month as YYYY-MM (xsd:gYearMonth)"
        case .language: return "a language tag such as en-GB (xsd:language)"
        case .Name, .NCName, .QName, .NMTOKEN: return "an XML \(rawValue) (xsd:\(rawValue))"
        case .dateTimeStamp: return "a date and time with a UTC offset (xsd:dateTimeStamp)"
        case .unsignedLong: return "an integer from 0 to 18446744073709551615 (xsd:unsignedLong)"
        case .long: return "an integer from -9223372036854775808 to 9223372036854775807 (xsd:long)"
        default:
            guard let range = integerRange else { return "a value of xsd:\(rawValue)" }
            let low = range.lowerBound.isFinite ? String(Int64(range.lowerBound)) : "-∞"
            let high = range.upperBound.isFinite ? String(Int64(range.upperBound)) : "∞"
            return "an integer from \(low) to \(high) (xsd:\(rawValue))"
        }
    }

    /// The number of octets a `hexBinary` or `base64Binary` value holds (its characters for other types).
    static func octets(_ bytes: UnsafeRawBufferPointer, type: XSDType) -> Int {
        var characters = 0, padding = 0
        for byte in bytes where byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
            characters += 1
            if byte == UInt8(ascii: "=") { padding += 1 }
        }
        switch type {
        case .hexBinary: return characters / 2
        case .base64Binary: return characters / 4 * 3 - padding
        default: return characters
        }
    }
}
