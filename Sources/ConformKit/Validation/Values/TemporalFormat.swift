/// A parsed `date`, `datetime` or `time` value, comparable within one kind.
///
/// - A date is its midnight UTC.
/// - A datetime is normalised to UTC; one written without an offset is taken as UTC.
/// - A time is seconds since midnight. One written with an offset is normalised to UTC and
///   wrapped into the day (`00:30:00+01:00` is `23:30:00`).
///
/// A leap second (`:60`) counts as the first second of the next minute, as POSIX time does.
struct TemporalValue: Sendable, Hashable, Comparable {
    /// Whole seconds since 1970-01-01T00:00:00Z (negative before), or since midnight for a time.
    var seconds: Int64
    /// Fraction of the second, 0 ..< 1_000_000_000.
    var nanoseconds: Int32

    /// A value from its parts; `nanoseconds` must be in 0 ..< 1_000_000_000.
    init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    static func < (lhs: TemporalValue, rhs: TemporalValue) -> Bool {
        lhs.seconds != rhs.seconds ? lhs.seconds < rhs.seconds : lhs.nanoseconds < rhs.nanoseconds
    }
}

/// Which Table Schema temporal type a format parses.
enum TemporalKind: String, Sendable {
    case date, datetime, time
}

/// Why a temporal pattern was refused: a message and the 0-based UTF-8 offset in the pattern
/// it concerns (the `%` of a bad directive, or the pattern's length for something missing).
struct TemporalFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, e.g. "unknown directive `%Q`; known: …".
    var message: String
    /// 0-based UTF-8 offset in the pattern.
    var offset: Int

    /// The message and where: "unknown directive `%Q`; known: … (at offset 6)".
    var description: String { "\(message) (at offset \(offset))" }
}

/// How the values of a `date`, `datetime` or `time` field are written: ISO 8601 / RFC 3339
/// (no pattern) or a strftime-like pattern, compiled once and matched against raw UTF-8 bytes.
///
/// Without a pattern:
/// - date: `YYYY-MM-DD`
/// - datetime: `YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm]` (`T` or `t`, `Z` or `z`)
/// - time: `hh:mm:ss[.fraction][Z|±hh:mm]`
///
/// A fraction has at least one digit; digits past the ninth are read but dropped.
///
/// Pattern directives: `%Y` (4 digits), `%y` (2 digits, 20yy), `%m` and `%d` (exactly 2
/// digits), `%-m` and `%-d` (1 or 2 digits), `%H`, `%M`, `%S` (2 digits), `%f` (1–9 fraction
/// digits), `%z` (`Z`, `z`, `±hh:mm` or `±hhmm`), `%b` (`Jan`…`Dec`) and `%B` (`January`…), any
/// letter case, and `%%`. Any other character must appear as written. Also, for formats
/// translated from CSV on the Web (Unicode UAX #35): `%1f` … `%9f` (1 to that many fraction
/// digits), `%Ez` (a UTC offset that may give the hours only: `Z`, `±hh`, `±hhmm`, `±hh:mm`) and
/// `%?z` (an optional UTC offset, as `%z`). A date pattern may have a UTC offset; it does not
/// change the date.
///
/// Parsing is strict: years 0001–9999, days within their month (Gregorian leap years),
/// hours 00–23, minutes 00–59, seconds 00–60, offsets within ±23:59, the whole input used.
/// It allocates nothing.
struct TemporalFormat: Sendable, Hashable {
    /// The type of value this format parses.
    let kind: TemporalKind
    /// The pattern as written in the standard, or `nil` for ISO 8601.
    let pattern: String?
    private let tokens: [Token]

    /// One compiled step of a pattern.
    private enum Token: Sendable, Hashable {
        case literal(UInt8)
        case year4, year2
        case month2, month1or2, monthAbbreviation, monthName
        case day2, day1or2
        case hour, minute, second, fraction, zone
        /// 1 to `n` fraction digits (`%nf`).
        case fractionUpTo(Int)
        /// A UTC offset that may give the hours only (`%Ez`).
        case zoneHours
        /// An optional UTC offset (`%?z`).
        case optionalZone
    }

    /// The fields a directive sets, to catch repeats and directives foreign to the kind.
    private enum Field: Int, CaseIterable {
        case year, month, day, hour, minute, second, fraction, zone

        var name: String {
            switch self {
            case .year: "year"
            case .month: "month"
            case .day: "day"
            case .hour: "hour"
            case .minute: "minute"
            case .second: "second"
            case .fraction: "fraction of a second"
            case .zone: "UTC offset"
            }
        }

        var isDatePart: Bool { self == .year || self == .month || self == .day }
    }

    private static let knownDirectives = "%Y %y %m %-m %d %-d %H %M %S %f %1f…%9f %z %Ez %?z %b %B %%"

    /// Compiles `pattern` for values of `kind`; `nil` means ISO 8601 / RFC 3339.
    ///
    /// Throws for an unknown directive (at the offset of its `%`), a field set twice, a time
    /// directive in a date pattern or a date directive in a time pattern, and a date or
    /// datetime pattern without year, month and day (or a time pattern without an hour).
    init(kind: TemporalKind, pattern: String?) throws(TemporalFormatError) {
        self.kind = kind
        self.pattern = pattern
        guard let pattern else {
            tokens = []
            return
        }
        let bytes = Array(pattern.utf8)
        var tokens: [Token] = []
        var offsetOfField = [Int?](repeating: nil, count: Field.allCases.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "%") else {
                tokens.append(.literal(byte))
                index += 1
                continue
            }
            let start = index
            index += 1
            guard index < bytes.count else {
                throw TemporalFormatError(message: "pattern ends with a lone `%`; write `%%` for a percent sign", offset: start)
            }
            var letter = bytes[index]
            index += 1
            // `%Ez`, `%?z` and `%1f` … `%9f`: a modifier, then the directive's letter.
            var modifier: UInt8?
            if letter == UInt8(ascii: "E") || letter == UInt8(ascii: "?") || (letter >= UInt8(ascii: "1") && letter <= UInt8(ascii: "9")) {
                guard index < bytes.count else {
                    throw TemporalFormatError(message: "pattern ends with an unfinished directive", offset: start)
                }
                modifier = letter
                letter = bytes[index]
                index += 1
            }
            let padded = letter != UInt8(ascii: "-")
            if !padded {
                guard index < bytes.count else {
                    throw TemporalFormatError(message: "pattern ends with an unfinished directive `%-`", offset: start)
                }
                letter = bytes[index]
                index += 1
            }
            let token: Token
            let field: Field?
            if let modifier {
                switch (modifier, letter) {
                case (UInt8(ascii: "E"), UInt8(ascii: "z")): (token, field) = (.zoneHours, .zone)
                case (UInt8(ascii: "?"), UInt8(ascii: "z")): (token, field) = (.optionalZone, .zone)
                case (_, UInt8(ascii: "f")) where modifier >= UInt8(ascii: "1") && modifier <= UInt8(ascii: "9"):
                    (token, field) = (.fractionUpTo(Int(modifier - UInt8(ascii: "0"))), .fraction)
                default:
                    let directive = String(decoding: bytes[start..<index], as: UTF8.self)
                    throw TemporalFormatError(message: "unknown directive `\(directive)`; known: \(Self.knownDirectives)", offset: start)
                }
                if offsetOfField[field!.rawValue] != nil {
                    throw TemporalFormatError(message: "`\(String(decoding: bytes[start..<index], as: UTF8.self))` sets the \(field!.name) a second time", offset: start)
                }
                if kind == .date && field != .zone {
                    throw TemporalFormatError(message: "`\(String(decoding: bytes[start..<index], as: UTF8.self))` has no place in a date pattern", offset: start)
                }
                offsetOfField[field!.rawValue] = start
                tokens.append(token)
                continue
            }
            switch (padded, letter) {
            case (true, UInt8(ascii: "Y")): (token, field) = (.year4, .year)
            case (true, UInt8(ascii: "y")): (token, field) = (.year2, .year)
            case (true, UInt8(ascii: "m")): (token, field) = (.month2, .month)
            case (false, UInt8(ascii: "m")): (token, field) = (.month1or2, .month)
            case (true, UInt8(ascii: "b")): (token, field) = (.monthAbbreviation, .month)
            case (true, UInt8(ascii: "B")): (token, field) = (.monthName, .month)
            case (true, UInt8(ascii: "d")): (token, field) = (.day2, .day)
            case (false, UInt8(ascii: "d")): (token, field) = (.day1or2, .day)
            case (true, UInt8(ascii: "H")): (token, field) = (.hour, .hour)
            case (true, UInt8(ascii: "M")): (token, field) = (.minute, .minute)
            case (true, UInt8(ascii: "S")): (token, field) = (.second, .second)
            case (true, UInt8(ascii: "f")): (token, field) = (.fraction, .fraction)
            case (true, UInt8(ascii: "z")): (token, field) = (.zone, .zone)
            case (true, UInt8(ascii: "%")): (token, field) = (.literal(UInt8(ascii: "%")), nil)
            default:
                // Show the whole character even when it is not ASCII.
                let end = min(bytes.count, index - 1 + Self.scalarLength(leadByte: letter))
                let directive = String(decoding: bytes[start..<end], as: UTF8.self)
                throw TemporalFormatError(message: "unknown directive `\(directive)`; known: \(Self.knownDirectives)", offset: start)
            }
            if let field {
                let directive = String(decoding: bytes[start..<index], as: UTF8.self)
                if offsetOfField[field.rawValue] != nil {
                    throw TemporalFormatError(message: "`\(directive)` sets the \(field.name) a second time", offset: start)
                }
                if kind == .date && !field.isDatePart && field != .zone {
                    throw TemporalFormatError(message: "`\(directive)` has no place in a date pattern", offset: start)
                }
                if kind == .time && field.isDatePart {
                    throw TemporalFormatError(message: "`\(directive)` has no place in a time pattern", offset: start)
                }
                offsetOfField[field.rawValue] = start
            }
            tokens.append(token)
        }
        let required: [(Field, String)] = kind == .time
            ? [(.hour, "%H")]
            : [(.year, "%Y or %y"), (.month, "%m, %-m, %b or %B"), (.day, "%d or %-d")]
        for (field, directives) in required where offsetOfField[field.rawValue] == nil {
            throw TemporalFormatError(message: "a \(kind.rawValue) pattern needs the \(field.name) (\(directives))", offset: bytes.count)
        }
        self.tokens = tokens
    }

    /// How to tell a person what was expected: the pattern, or the ISO 8601 form.
    var display: String {
        if let pattern { return pattern }
        switch kind {
        case .date: return "YYYY-MM-DD (ISO 8601)"
        case .datetime: return "YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm] (ISO 8601)"
        case .time: return "hh:mm:ss[.fraction][Z|±hh:mm] (ISO 8601)"
        }
    }

    /// A sample value written in this format: 31 March 2024, 14:05:09 UTC (for examples in reports).
    var sample: String {
        let days = Self.daysFromCivil(year: 2024, month: 3, day: 31)
        let seconds = kind == .time ? Int64(14 * 3600 + 5 * 60 + 9) : days * 86_400 + (kind == .datetime ? 14 * 3600 + 5 * 60 + 9 : 0)
        return format(TemporalValue(seconds: seconds))
    }

    /// `value` written in this format (in UTC; a fraction of a second only where the format has `%f`).
    func format(_ value: TemporalValue) -> String {
        let secondsOfDay = Int(((value.seconds % 86_400) + 86_400) % 86_400)
        let (year, month, day) = Self.civilFromDays(kind == .time ? 0 : Int64((Double(value.seconds) / 86_400).rounded(.down)))
        let (hour, minute, second) = (secondsOfDay / 3600, secondsOfDay / 60 % 60, secondsOfDay % 60)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        func four(_ n: Int) -> String { String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n) }
        guard pattern != nil else {
            switch kind {
            case .date: return "\(four(year))-\(two(month))-\(two(day))"
            case .datetime: return "\(four(year))-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))Z"
            case .time: return "\(two(hour)):\(two(minute)):\(two(second))"
            }
        }
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        var text = ""
        for token in tokens {
            switch token {
            case let .literal(byte): text.unicodeScalars.append(Unicode.Scalar(byte))
            case .year4: text += four(year)
            case .year2: text += two(year % 100)
            case .month2: text += two(month)
            case .month1or2: text += String(month)
            case .monthAbbreviation: text += String(months[month - 1].prefix(3))
            case .monthName: text += months[month - 1]
            case .day2: text += two(day)
            case .day1or2: text += String(day)
            case .hour: text += two(hour)
            case .minute: text += two(minute)
            case .second: text += two(second)
            case .fraction, .fractionUpTo: text += String(value.nanoseconds / 1_000_000)
            case .zone, .zoneHours, .optionalZone: text += "+00:00"
            }
        }
        return text
    }

    /// The proleptic Gregorian date of a day count from 1970-01-01 (Howard Hinnant's `civil_from_days`).
    static func civilFromDays(_ days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
        let month = Int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9)
        return (Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0), month, day)
    }

    /// Parses one value; `nil` when it does not match the format or is not a real date or time.
    func parse(_ bytes: UnsafeRawBufferPointer) -> TemporalValue? {
        var fields = Fields()
        if pattern == nil {
            guard Self.parseISO(kind, bytes, into: &fields) else { return nil }
        } else {
            guard parsePattern(bytes, into: &fields) else { return nil }
        }
        return fields.value(for: kind)
    }

    // MARK: - Guessing

    private static func formats(_ kind: TemporalKind, _ patterns: [String?]) -> [TemporalFormat] {
        // The patterns are fixed and known to compile.
        patterns.map { try! TemporalFormat(kind: kind, pattern: $0) }
    }

    private static let dateGuesses = formats(.date, [
        "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%m/%d/%Y", "%Y/%m/%d", "%d/%m/%y", "%Y%m%d", nil,
    ])
    private static let datetimeGuesses = formats(.datetime, [
        nil, "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M",
        "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%m/%d/%Y", "%Y/%m/%d", "%d/%m/%y", "%Y%m%d", "%Y-%m-%d",
    ])
    private static let timeGuesses = formats(.time, [nil, "%H:%M", "%H.%M", "%H.%M.%S"])

    /// For the hint on a value that failed: the first of a fixed list of common ways to write
    /// a `kind` that parses `bytes`, shown as ``display`` shows it (a pattern such as
    /// `%d/%m/%Y`, or the ISO 8601 form). Day-first patterns come before month-first ones,
    /// so `03/04/2020` is `%d/%m/%Y`.
    ///
    /// Dates try `%d/%m/%Y`, `%d-%m-%Y`, `%d.%m.%Y`, `%m/%d/%Y`, `%Y/%m/%d`, `%d/%m/%y`,
    /// `%Y%m%d`, ISO 8601. Datetimes try ISO 8601, `%Y-%m-%d %H:%M:%S`, `%Y-%m-%d %H:%M`,
    /// `%d/%m/%Y %H:%M:%S`, `%d/%m/%Y %H:%M`, `%m/%d/%Y %H:%M`, then the date patterns and
    /// `%Y-%m-%d` (a date alone in a datetime column). Times try ISO 8601, `%H:%M`, `%H.%M`,
    /// `%H.%M.%S`.
    static func guessFormat(kind: TemporalKind, of bytes: UnsafeRawBufferPointer) -> String? {
        let candidates: [TemporalFormat]
        switch kind {
        case .date: candidates = dateGuesses
        case .datetime: candidates = datetimeGuesses
        case .time: candidates = timeGuesses
        }
        for format in candidates where format.parse(bytes) != nil {
            return format.display
        }
        return nil
    }

    // MARK: - Fields

    /// What a value has said so far; unset parts keep their defaults.
    private struct Fields {
        var year = 1970, month = 1, day = 1
        var hour = 0, minute = 0, second = 0
        var nanoseconds = 0
        var offsetSeconds = 0
        var hasZone = false

        /// The value, or `nil` when the day does not exist in its month.
        func value(for kind: TemporalKind) -> TemporalValue? {
            let timeOfDay = Int64(hour * 3600 + minute * 60 + second)
            switch kind {
            case .time:
                var seconds = timeOfDay
                if hasZone {
                    seconds -= Int64(offsetSeconds)
                    seconds %= 86_400
                    if seconds < 0 { seconds += 86_400 }
                }
                return TemporalValue(seconds: seconds, nanoseconds: Int32(nanoseconds))
            case .date, .datetime:
                guard day <= TemporalFormat.daysInMonth(year: year, month: month) else { return nil }
                let midnight = TemporalFormat.daysFromCivil(year: year, month: month, day: day) * 86_400
                if kind == .date { return TemporalValue(seconds: midnight) }
                return TemporalValue(seconds: midnight + timeOfDay - Int64(offsetSeconds),
                                     nanoseconds: Int32(nanoseconds))
            }
        }
    }

    // MARK: - Calendar

    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    // MARK: - Byte helpers

    /// Exactly `count` ASCII digits at `index`, as a number.
    @inline(__always)
    private static func digits(_ bytes: UnsafeRawBufferPointer, at index: Int, count: Int) -> Int? {
        guard index >= 0, count <= bytes.count - index else { return nil }
        var value = 0
        for position in index..<(index + count) {
            let digit = bytes[position] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    @inline(__always)
    private static func isDigit(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        index < bytes.count && bytes[index] &- UInt8(ascii: "0") < 10
    }

    /// Fraction digits from `index`: at least one, at most `maximum` (or any number when
    /// `maximum` is nil, keeping the first nine). Advances `index`.
    @inline(__always)
    private static func fraction(_ bytes: UnsafeRawBufferPointer, at index: inout Int, maximum: Int?) -> Int? {
        let start = index
        var value = 0
        while isDigit(bytes, at: index) {
            let used = index - start
            if let maximum, used == maximum { break }
            if used < 9 { value = value * 10 + Int(bytes[index] &- UInt8(ascii: "0")) }
            index += 1
        }
        let used = index - start
        guard used > 0 else { return nil }
        for _ in min(used, 9)..<9 { value *= 10 }
        return value
    }

    /// A UTC offset at `index`: `Z`/`z`, `±hh:mm`, or also `±hhmm` when `compact` is allowed.
    /// Returns the offset in seconds east of UTC and advances `index`.
    @inline(__always)
    private static func zone(_ bytes: UnsafeRawBufferPointer, at index: inout Int, compact: Bool) -> Int? {
        guard index < bytes.count else { return nil }
        let sign = bytes[index]
        if sign | 0x20 == UInt8(ascii: "z") {
            index += 1
            return 0
        }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        guard let hours = digits(bytes, at: index + 1, count: 2), hours <= 23 else { return nil }
        var next = index + 3
        if next < bytes.count && bytes[next] == UInt8(ascii: ":") {
            next += 1
        } else if !compact {
            return nil
        }
        guard let minutes = digits(bytes, at: next, count: 2), minutes <= 59 else { return nil }
        index = next + 2
        let offset = hours * 3600 + minutes * 60
        return sign == UInt8(ascii: "-") ? -offset : offset
    }

    /// A UTC offset that may give the hours only: `Z`/`z`, `±hh`, `±hhmm` or `±hh:mm`. Advances `index`.
    private static func zoneHours(_ bytes: UnsafeRawBufferPointer, at index: inout Int) -> Int? {
        guard index < bytes.count else { return nil }
        let sign = bytes[index]
        if sign | 0x20 == UInt8(ascii: "z") {
            index += 1
            return 0
        }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
              let hours = digits(bytes, at: index + 1, count: 2), hours <= 23 else { return nil }
        var next = index + 3
        var minutes = 0
        if next < bytes.count {
            if bytes[next] == UInt8(ascii: ":") { next += 1 }
            guard let value = digits(bytes, at: next, count: 2), value <= 59 else { return nil }
            minutes = value
            next += 2
        }
        index = next
        let offset = hours * 3600 + minutes * 60
        return sign == UInt8(ascii: "-") ? -offset : offset
    }

    /// An English month name (`full`) or its three-letter abbreviation at `index`, any case.
    private static func monthName(_ bytes: UnsafeRawBufferPointer, at index: inout Int, full: Bool) -> Int? {
        for month in 1...12 {
            let name = full ? fullMonthName(month) : abbreviatedMonthName(month)
            let length = name.utf8CodeUnitCount
            guard length <= bytes.count - index else { continue }
            var matches = true
            for position in 0..<length where bytes[index + position] | 0x20 != name.utf8Start[position] | 0x20 {
                // Every name is ASCII letters, so `| 0x20` folds case and nothing else matches.
                matches = false
                break
            }
            if matches {
                index += length
                return month
            }
        }
        return nil
    }

    private static func abbreviatedMonthName(_ month: Int) -> StaticString {
        switch month {
        case 1: "Jan"
        case 2: "Feb"
        case 3: "Mar"
        case 4: "Apr"
        case 5: "May"
        case 6: "Jun"
        case 7: "Jul"
        case 8: "Aug"
        case 9: "Sep"
        case 10: "Oct"
        case 11: "Nov"
        default: "Dec"
        }
    }

    private static func fullMonthName(_ month: Int) -> StaticString {
        switch month {
        case 1: "January"
        case 2: "February"
        case 3: "March"
        case 4: "April"
        case 5: "May"
        case 6: "June"
        case 7: "July"
        case 8: "August"
        case 9: "September"
        case 10: "October"
        case 11: "November"
        default: "December"
        }
    }

    /// Bytes in the UTF-8 sequence that `leadByte` starts (1 for anything malformed).
    private static func scalarLength(leadByte: UInt8) -> Int {
        switch leadByte {
        case 0xC0...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF7: 4
        default: 1
        }
    }

    // MARK: - ISO 8601

    private static func parseISO(_ kind: TemporalKind, _ bytes: UnsafeRawBufferPointer, into fields: inout Fields) -> Bool {
        let count = bytes.count
        var index = 0
        if kind != .time {
            guard count >= 10,
                  let year = digits(bytes, at: 0, count: 4), year >= 1,
                  bytes[4] == UInt8(ascii: "-"),
                  let month = digits(bytes, at: 5, count: 2), (1...12).contains(month),
                  bytes[7] == UInt8(ascii: "-"),
                  let day = digits(bytes, at: 8, count: 2), day >= 1
            else { return false }
            fields.year = year
            fields.month = month
            fields.day = day
            if kind == .date { return count == 10 }
            // `T` or `t` (0x54 and 0x74 are the only bytes that fold to 0x74).
            guard count > 10, bytes[10] | 0x20 == UInt8(ascii: "t") else { return false }
            index = 11
        }
        guard let hour = digits(bytes, at: index, count: 2), hour <= 23,
              index + 2 < count, bytes[index + 2] == UInt8(ascii: ":"),
              let minute = digits(bytes, at: index + 3, count: 2), minute <= 59,
              index + 5 < count, bytes[index + 5] == UInt8(ascii: ":"),
              let second = digits(bytes, at: index + 6, count: 2), second <= 60
        else { return false }
        fields.hour = hour
        fields.minute = minute
        fields.second = second
        index += 8
        if index < count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard let nanoseconds = fraction(bytes, at: &index, maximum: nil) else { return false }
            fields.nanoseconds = nanoseconds
        }
        if index < count {
            guard let offset = zone(bytes, at: &index, compact: false) else { return false }
            fields.offsetSeconds = offset
            fields.hasZone = true
        }
        return index == count
    }

    // MARK: - Patterns

    private func parsePattern(_ bytes: UnsafeRawBufferPointer, into fields: inout Fields) -> Bool {
        let count = bytes.count
        var index = 0
        for token in tokens {
            switch token {
            case .literal(let byte):
                guard index < count, bytes[index] == byte else { return false }
                index += 1
            case .year4:
                guard let year = Self.digits(bytes, at: index, count: 4), year >= 1 else { return false }
                fields.year = year
                index += 4
            case .year2:
                guard let year = Self.digits(bytes, at: index, count: 2) else { return false }
                fields.year = 2000 + year
                index += 2
            case .month2, .month1or2:
                let width = token == .month1or2 && !Self.isDigit(bytes, at: index + 1) ? 1 : 2
                guard let month = Self.digits(bytes, at: index, count: width), (1...12).contains(month) else { return false }
                fields.month = month
                index += width
            case .monthAbbreviation, .monthName:
                guard let month = Self.monthName(bytes, at: &index, full: token == .monthName) else { return false }
                fields.month = month
            case .day2, .day1or2:
                let width = token == .day1or2 && !Self.isDigit(bytes, at: index + 1) ? 1 : 2
                guard let day = Self.digits(bytes, at: index, count: width), (1...31).contains(day) else { return false }
                fields.day = day
                index += width
            case .hour:
                guard let hour = Self.digits(bytes, at: index, count: 2), hour <= 23 else { return false }
                fields.hour = hour
                index += 2
            case .minute:
                guard let minute = Self.digits(bytes, at: index, count: 2), minute <= 59 else { return false }
                fields.minute = minute
                index += 2
            case .second:
                guard let second = Self.digits(bytes, at: index, count: 2), second <= 60 else { return false }
                fields.second = second
                index += 2
            case .fraction:
                guard let nanoseconds = Self.fraction(bytes, at: &index, maximum: 9) else { return false }
                fields.nanoseconds = nanoseconds
            case .zone:
                guard let offset = Self.zone(bytes, at: &index, compact: true) else { return false }
                fields.offsetSeconds = offset
                fields.hasZone = true
            case let .fractionUpTo(maximum):
                guard let nanoseconds = Self.fraction(bytes, at: &index, maximum: maximum) else { return false }
                fields.nanoseconds = nanoseconds
            case .optionalZone:
                if index < count {
                    guard let offset = Self.zone(bytes, at: &index, compact: true) else { return false }
                    fields.offsetSeconds = offset
                    fields.hasZone = true
                }
            case .zoneHours:
                guard let offset = Self.zoneHours(bytes, at: &index) else { return false }
                fields.offsetSeconds = offset
                fields.hasZone = true
            }
        }
        return index == count
    }
}
