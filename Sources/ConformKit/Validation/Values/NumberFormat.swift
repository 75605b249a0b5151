/// Why a number format pattern was refused.
struct NumberFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// How the numbers of a field are written when the field has a `numberFormat` (a Unicode UAX #35
/// number pattern, as CSV on the Web uses them) or an XML Schema numeric `xsdType`: the lexical
/// check, then the value (for bounds and row rules).
///
/// Without a pattern a value is an optional sign, digits (with `groupChar` between digits when
/// one is given), an optional fraction after `decimalChar`, an optional exponent (`double` only)
/// and an optional `%` or `‰` suffix, which divides the value by 100 or 1000; `double` also takes
/// `NaN`, `INF`, `+INF` and `-INF`. With a pattern (`#,##0.00`, `0.###E0`, `#0%`), the pattern
/// decides: the `0`s of the integer part are the fewest integer digits, the group separators the
/// group sizes (primary, then secondary: `#,##,##0` writes `1,23,456`), the `0`s and `#`s after
/// the decimal separator the fewest and most fraction digits (grouped from the separator when the
/// fraction has a group separator), `E` an exponent, and other characters (`%`, `‰`, a currency
/// sign) must appear as written. A sign may precede the digits. The pattern uses the field's
/// `decimalChar` and `groupChar` (`.` and `,` by default).
///
/// Compiled once per validator (it owns a PCRE2 pattern, which is not thread-safe).
final class NumberFormat {
    /// The XML Schema value space the number must be in.
    enum Kind: Sendable, Equatable {
        /// A whole number, within `range` when given (an integer subtype's implied range).
        case integer(range: ClosedRange<Double>?)
        /// A decimal: no exponent, no special values.
        case decimal
        /// A floating-point number: exponents and `NaN`, `INF`, `-INF` allowed.
        case double
    }

    let kind: Kind
    let decimalChar: UInt8
    let groupChar: UInt8?
    /// The UAX #35 pattern as written, if any.
    let pattern: String?
    /// The pattern as a regular expression over the whole value.
    private let regex: Pattern?
    /// The regular expression `regex` was compiled from (for tests and messages).
    let regexSource: String?

    init(pattern: String?, kind: Kind, decimalChar: UInt8 = UInt8(ascii: "."), groupChar: UInt8?) throws(NumberFormatError) {
        self.kind = kind
        self.decimalChar = decimalChar
        self.pattern = pattern
        if let pattern {
            let group = groupChar ?? UInt8(ascii: ",")
            self.groupChar = group
            let source = try Self.regex(fromUAX35: pattern, decimalChar: decimalChar, groupChar: group)
            regexSource = source
            do {
                regex = try Pattern(source)
            } catch {
                throw NumberFormatError(message: "the pattern \"\(pattern)\" cannot be used: \(error.message)")
            }
        } else {
            self.groupChar = groupChar
            regex = nil
            regexSource = nil
        }
    }

    /// What a value looks like, for reports.
    var display: String {
        let what: String
        switch kind {
        case .integer: what = "an integer"
        case .decimal: what = "a decimal number (no exponent)"
        case .double: what = "a number"
        }
        if let pattern { return "\(what) written as \(pattern)" }
        return what
    }

    // MARK: Parsing

    /// The value of `bytes`, or nil when it is not a number of this format and kind.
    func parse(_ bytes: UnsafeRawBufferPointer) -> ParsedValue? {
        guard !bytes.isEmpty else { return nil }
        if let regex {
            guard regex.matches(bytes) == .match else { return nil }
        } else if let special = special(bytes) {
            return kind == .double ? .number(special) : nil
        } else if !matchesDefault(bytes) {
            return nil
        }
        return value(bytes)
    }

    /// `NaN`, `INF`, `+INF`, `-INF` in any letter case.
    private func special(_ bytes: UnsafeRawBufferPointer) -> Double? {
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        let rest = bytes.count - index
        guard rest == 3 else { return nil }
        let a = bytes[index] | 0x20, b = bytes[index + 1] | 0x20, c = bytes[index + 2] | 0x20
        if a == UInt8(ascii: "n") && b == UInt8(ascii: "a") && c == UInt8(ascii: "n") { return index == 0 ? .nan : nil }
        if a == UInt8(ascii: "i") && b == UInt8(ascii: "n") && c == UInt8(ascii: "f") { return negative ? -.infinity : .infinity }
        return nil
    }

    /// The default grammar: sign, digits with group characters between digits, fraction,
    /// exponent (double only), `%` or `‰`.
    private func matchesDefault(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        var index = 0
        if bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") { index = 1 }
        var digits = 0
        var previousDigit = false
        while index < count {
            let byte = bytes[index]
            if byte &- UInt8(ascii: "0") < 10 {
                digits += 1
                previousDigit = true
            } else if let groupChar, byte == groupChar, byte != decimalChar {
                guard previousDigit, index + 1 < count, bytes[index + 1] &- UInt8(ascii: "0") < 10 else { return false }
                previousDigit = false
            } else {
                break
            }
            index += 1
        }
        if index < count && bytes[index] == decimalChar {
            if case .integer = kind { return false }
            index += 1
            while index < count && bytes[index] &- UInt8(ascii: "0") < 10 {
                digits += 1
                index += 1
            }
        }
        guard digits > 0 else { return false }
        if index < count && (bytes[index] | 0x20) == UInt8(ascii: "e") {
            guard kind == .double else { return false }
            index += 1
            if index < count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) { index += 1 }
            let start = index
            while index < count && bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            guard index > start else { return false }
        }
        if index < count && bytes[index] == UInt8(ascii: "%") {
            index += 1
        } else if index + 2 < count && bytes[index] == 0xE2 && bytes[index + 1] == 0x80 && bytes[index + 2] == 0xB0 {
            index += 3
        }
        return index == count
    }

    /// The value of a lexically valid `bytes`: group characters and literals dropped, the
    /// decimal separator read as `.`, `%` and `‰` applied; nil when the kind refuses it.
    private func value(_ bytes: UnsafeRawBufferPointer) -> ParsedValue? {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count)
        var scale = 0.0
        var sawFraction = false, sawExponent = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte &- UInt8(ascii: "0") < 10 {
                text.append(byte)
            } else if byte == decimalChar && !sawExponent && !sawFraction {
                text.append(UInt8(ascii: "."))
                sawFraction = true
            } else if let groupChar, byte == groupChar {
                // dropped
            } else if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
                text.append(byte)
            } else if (byte | 0x20) == UInt8(ascii: "e") && !sawExponent {
                text.append(UInt8(ascii: "e"))
                sawExponent = true
            } else if byte == UInt8(ascii: "%") {
                scale = 2
            } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xB0 {
                scale = 3
                index += 2
            }
            index += 1
        }
        if sawExponent && kind == .decimal { return nil }
        if case .integer = kind, sawFraction || sawExponent { return nil }
        let parsed: Double? = text.withUnsafeBytes { NumberParser.parseNumber($0, decimalChar: UInt8(ascii: "."), groupChar: nil) }
        guard var number = parsed else { return nil }
        if scale > 0 { number /= scale == 2 ? 100 : 1000 }
        switch kind {
        case let .integer(range):
            guard number == number.rounded() else { return nil }
            if let range, !range.contains(number) { return nil }
            if scale == 0, let whole = text.withUnsafeBytes({ NumberParser.parseInteger($0, groupChar: nil) }) { return .integer(whole) }
            if abs(number) < 9.2e18 { return .integer(Int64(number)) }
            return .number(number)
        case .decimal, .double:
            return .number(number)
        }
    }

    // MARK: UAX #35 patterns

    /// The regular expression (matched against the whole value) that a UAX #35 number pattern
    /// describes. Throws for a pattern that is not one.
    static func regex(fromUAX35 pattern: String, decimalChar: UInt8, groupChar: UInt8) throws(NumberFormatError) -> String {
        let decimal = Character(Unicode.Scalar(decimalChar))
        let group = Character(Unicode.Scalar(groupChar))
        let characters = Array(pattern)
        func isNumeric(_ c: Character) -> Bool { c == "#" || c == "0" || c == decimal || c == group }
        guard let first = characters.firstIndex(where: { $0 == "#" || $0 == "0" }) else {
            throw NumberFormatError(message: "a number pattern needs at least one digit (# or 0): \"\(pattern)\"")
        }
        // The numeric part starts at the first digit symbol (or a separator just before it) and runs
        // over digit symbols, separators and an exponent.
        var start = first
        while start > 0 && isNumeric(characters[start - 1]) { start -= 1 }
        var end = start
        var exponentAt: Int?
        while end < characters.count {
            let c = characters[end]
            if isNumeric(c) {
                end += 1
            } else if c == "E" && exponentAt == nil && end + 1 < characters.count
                        && (characters[end + 1] == "0" || characters[end + 1] == "#" || characters[end + 1] == "+") {
                exponentAt = end
                end += 1
                if characters[end] == "+" { end += 1 }
            } else {
                break
            }
        }
        let prefix = String(characters[..<start])
        let suffix = String(characters[end...])
        if prefix.contains(where: { $0 == "#" || $0 == "0" }) || suffix.contains(where: { $0 == "#" || $0 == "0" }) {
            throw NumberFormatError(message: "digit symbols are split by other characters in \"\(pattern)\"")
        }
        let mantissa = Array(characters[start..<(exponentAt ?? end)])
        let exponent = exponentAt.map { Array(characters[($0 + 1)..<end]) } ?? []
        let pieces = mantissa.split(separator: decimal, omittingEmptySubsequences: false)
        guard pieces.count <= 2 else { throw NumberFormatError(message: "more than one decimal separator in \"\(pattern)\"") }
        let integerPart = Array(pieces[0])
        let fractionPart = pieces.count == 2 ? Array(pieces[1]) : []
        let hasFraction = pieces.count == 2

        // Integer part: `#`s before `0`s; group separators give the group sizes.
        var sawZero = false
        for c in integerPart where c != group {
            if c == "0" { sawZero = true } else if sawZero { throw NumberFormatError(message: "`#` after `0` in the integer part of \"\(pattern)\"") }
        }
        let minimumInteger = integerPart.filter { $0 == "0" }.count
        let groups = integerPart.split(separator: group, omittingEmptySubsequences: false).map { $0.count }
        var primary = 0, secondary = 0
        if groups.count > 1 {
            primary = groups[groups.count - 1]
            secondary = groups.count > 2 ? groups[groups.count - 2] : primary
            guard primary > 0, secondary > 0 else { throw NumberFormatError(message: "an empty digit group in \"\(pattern)\"") }
        }
        // Fraction part: `0`s before `#`s; a group separator gives the fraction's group size.
        var sawHash = false
        for c in fractionPart where c != group {
            if c == "#" { sawHash = true } else if sawHash { throw NumberFormatError(message: "`0` after `#` in the fraction of \"\(pattern)\"") }
        }
        let minimumFraction = fractionPart.filter { $0 == "0" }.count
        let maximumFraction = fractionPart.filter { $0 == "0" || $0 == "#" }.count
        let fractionGroup = fractionPart.firstIndex(of: group).map { fractionPart.distance(from: fractionPart.startIndex, to: $0) } ?? 0
        if hasFraction && maximumFraction == 0 { throw NumberFormatError(message: "no digits after the decimal separator in \"\(pattern)\"") }
        // Exponent: an optional `+`, then digit symbols.
        let exponentDigits = exponent.filter { $0 == "0" || $0 == "#" }
        if exponentAt != nil && exponentDigits.isEmpty { throw NumberFormatError(message: "an exponent without digits in \"\(pattern)\"") }
        if exponent.contains(where: { $0 != "0" && $0 != "#" && $0 != "+" }) {
            throw NumberFormatError(message: "unexpected characters in the exponent of \"\(pattern)\"")
        }

        let g = escape(String(group)), d = escape(String(decimal))
        var out = ""
        // Prefix: literals, with any sign read as an optional sign; a sign is allowed anyway.
        var hasSign = false
        for c in prefix {
            if c == "+" || c == "-" { out += "[+-]?"; hasSign = true } else { out += escape(String(c)) }
        }
        if !hasSign { out += "[+-]?" }
        // Integer digits.
        let integerDigits = max(minimumInteger, 1)
        if groups.count > 1 {
            out += "(?=(?:\(g)?[0-9]){\(integerDigits)})"
            out += "(?:[0-9]{1,\(secondary)}(?:\(g)[0-9]{\(secondary)})*\(g)[0-9]{\(primary)}|[0-9]{1,\(primary)})"
        } else {
            out += "[0-9]{\(integerDigits),}"
        }
        // Fraction digits.
        if hasFraction {
            var fraction = ""
            if fractionGroup > 0 {
                fraction += "(?=(?:\(g)?[0-9]){\(max(minimumFraction, 1))})(?!(?:\(g)?[0-9]){\(maximumFraction + 1)})"
                fraction += "(?:[0-9]{\(fractionGroup)}\(g))*[0-9]{1,\(fractionGroup)}"
            } else {
                fraction += "[0-9]{\(max(minimumFraction, 1)),\(maximumFraction)}"
            }
            out += minimumFraction > 0 ? d + fraction : "(?:" + d + fraction + ")?"
        }
        if exponentAt != nil {
            out += "[Ee][+-]?[0-9]{\(max(exponent.filter { $0 == "0" }.count, 1)),}"
        }
        for c in suffix {
            out += c == "+" || c == "-" ? "[+-]?" : escape(String(c))
        }
        return out
    }

    /// `text` with PCRE2's special characters escaped.
    private static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            if "\\^$.|?*+()[]{}/-#".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
