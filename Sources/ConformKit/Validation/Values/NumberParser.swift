#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Parses Table Schema `integer` and `number` cell values straight from their UTF-8 bytes.
///
/// Nothing here allocates on the success path: integers are accumulated with overflow
/// checks, and decimals take an exact fast path (Clinger's) when the significand fits in
/// 53 bits and the power of ten is exactly representable. Anything else is handed to the C
/// library's correctly rounded `strtod`, written without a decimal point (`123456e-3`) so
/// that the process locale cannot change the result.
enum NumberParser {
    private static let plus = UInt8(ascii: "+")
    private static let minus = UInt8(ascii: "-")
    private static let zero = UInt8(ascii: "0")

    @inline(__always)
    private static func digitValue(_ byte: UInt8) -> UInt8? {
        let value = byte &- zero
        return value < 10 ? value : nil
    }

    // MARK: - Integers

    /// Parses a Table Schema `integer`: an optional `+` or `-`, then one or more ASCII digits.
    ///
    /// When `groupChar` is given it may appear between two digits only: `1,234,567` is
    /// accepted, `,123`, `1,,2` and `12,` are not. No surrounding whitespace is allowed.
    ///
    /// - Returns: the value, or `nil` when the bytes are not an integer or overflow `Int64`.
    static func parseInteger(_ bytes: UnsafeRawBufferPointer, groupChar: UInt8?) -> Int64? {
        let count = bytes.count
        guard count > 0 else { return nil }
        var index = 0
        var negative = false
        let first = bytes[0]
        if first == plus || first == minus {
            negative = first == minus
            index = 1
        }
        guard index < count else { return nil }
        // Accumulate towards the sign so Int64.min parses without overflowing.
        var value: Int64 = 0
        var previousWasDigit = false
        while index < count {
            let byte = bytes[index]
            if let digit = digitValue(byte) {
                let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
                let (next, overflowB) = negative
                    ? shifted.subtractingReportingOverflow(Int64(digit))
                    : shifted.addingReportingOverflow(Int64(digit))
                if overflowA || overflowB { return nil }
                value = next
                previousWasDigit = true
            } else if let groupChar, byte == groupChar {
                guard previousWasDigit, index + 1 < count, digitValue(bytes[index + 1]) != nil else { return nil }
                previousWasDigit = false
            } else {
                return nil
            }
            index += 1
        }
        return value
    }

    // MARK: - Numbers

    /// Parses a Table Schema `number`.
    ///
    /// Accepted: an optional sign, digits with an optional decimal part (`.5` and `5.` are
    /// both numbers, `.` is not), an optional exponent (`e` or `E`, optional sign, at least
    /// one digit), and the special values `NaN`, `INF` and `-INF` (any letter case, as Table
    /// Schema allows; no `+INF`, no signed `NaN`). `groupChar` may appear between two digits
    /// of the integer part only. If `decimalChar` and `groupChar` are the same byte it is
    /// read as the decimal separator.
    ///
    /// The result is the correctly rounded IEEE double, the same value `Double(String)` gives
    /// for the equivalent text with `.` as the separator and no group characters;
    /// out-of-range magnitudes become infinity or zero.
    static func parseNumber(_ bytes: UnsafeRawBufferPointer, decimalChar: UInt8, groupChar: UInt8?) -> Double? {
        let count = bytes.count
        guard count > 0 else { return nil }
        var index = 0
        var negative = false
        let first = bytes[0]
        if first == plus || first == minus {
            negative = first == minus
            index = 1
        }
        guard index < count else { return nil }

        if digitValue(bytes[index]) == nil && bytes[index] != decimalChar {
            return special(bytes, from: index, signed: index == 1, negative: negative)
        }

        var mantissa: UInt64 = 0 // first (up to) 19 significant digits
        var significantDigits = 0
        var exponent: Int64 = 0 // power of ten that scales `mantissa`
        var truncated = false // a nonzero digit did not fit into `mantissa`
        var sawDigit = false
        var digitCount = 0 // every digit, for the slow path's buffer
        var fractionDigits: Int64 = 0

        @inline(__always)
        func accumulate(_ digit: UInt8, inFraction: Bool) {
            sawDigit = true
            digitCount += 1
            if inFraction { fractionDigits += 1 }
            if significantDigits == 0 && digit == 0 {
                if inFraction { exponent -= 1 }
                return
            }
            if significantDigits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
                significantDigits += 1
                if inFraction { exponent -= 1 }
            } else {
                if digit != 0 { truncated = true }
                if !inFraction { exponent += 1 }
            }
        }

        // Integer part, with group characters between digits.
        var previousWasDigit = false
        while index < count {
            let byte = bytes[index]
            if let digit = digitValue(byte) {
                accumulate(digit, inFraction: false)
                previousWasDigit = true
            } else if byte == decimalChar {
                break
            } else if let groupChar, byte == groupChar {
                guard previousWasDigit, index + 1 < count, digitValue(bytes[index + 1]) != nil else { return nil }
                previousWasDigit = false
            } else {
                break
            }
            index += 1
        }
        // Fraction.
        if index < count && bytes[index] == decimalChar {
            index += 1
            while index < count, let digit = digitValue(bytes[index]) {
                accumulate(digit, inFraction: true)
                index += 1
            }
        }
        guard sawDigit else { return nil }
        let significandEnd = index
        // Exponent.
        var explicitExponent: Int64 = 0
        if index < count && (bytes[index] | 0x20) == UInt8(ascii: "e") {
            index += 1
            var exponentNegative = false
            if index < count && (bytes[index] == plus || bytes[index] == minus) {
                exponentNegative = bytes[index] == minus
                index += 1
            }
            var sawExponentDigit = false
            while index < count, let digit = digitValue(bytes[index]) {
                sawExponentDigit = true
                // Saturate: anything this large is already infinity or zero.
                if explicitExponent < 1_000_000_000_000_000 {
                    explicitExponent = explicitExponent * 10 + Int64(digit)
                }
                index += 1
            }
            guard sawExponentDigit else { return nil }
            if exponentNegative { explicitExponent = -explicitExponent }
        }
        guard index == count else { return nil }

        if !truncated {
            if mantissa == 0 { return negative ? -0.0 : 0.0 }
            if let value = fastPath(mantissa: mantissa, exponent: exponent + explicitExponent) {
                return negative ? -value : value
            }
        }
        let value = slowPath(UnsafeRawBufferPointer(rebasing: bytes[..<significandEnd]),
                             digitCount: digitCount, exponent: explicitExponent - fractionDigits)
        return negative ? -value : value
    }

    /// `NaN`, `INF` or `-INF`, any letter case; `nil` for anything else.
    private static func special(_ bytes: UnsafeRawBufferPointer, from index: Int, signed: Bool, negative: Bool) -> Double? {
        guard bytes.count - index == 3 else { return nil }
        let a = bytes[index] | 0x20, b = bytes[index + 1] | 0x20, c = bytes[index + 2] | 0x20
        if a == UInt8(ascii: "i") && b == UInt8(ascii: "n") && c == UInt8(ascii: "f") {
            guard !signed || negative else { return nil }
            return negative ? -.infinity : .infinity
        }
        if !signed && a == UInt8(ascii: "n") && b == UInt8(ascii: "a") && c == UInt8(ascii: "n") {
            return .nan
        }
        return nil
    }

    /// Powers of ten that a `Double` holds exactly.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Clinger's fast path: exact when the significand and the power of ten are both exact
    /// doubles, because one IEEE multiplication or division then rounds correctly.
    @inline(__always)
    private static func fastPath(mantissa: UInt64, exponent: Int64) -> Double? {
        var mantissa = mantissa
        var exponent = exponent
        while mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        let limit: UInt64 = 1 << 53
        guard mantissa <= limit else { return nil }
        switch exponent {
        case 0:
            return Double(mantissa)
        case 1...22:
            return Double(mantissa) * exactPowersOfTen[Int(exponent)]
        case -22 ... -1:
            return Double(mantissa) / exactPowersOfTen[Int(-exponent)]
        case 23...(22 + 16):
            // Move the excess into the integer while it stays exact: 12e30 = 12e8 * 1e22.
            var scaled = mantissa
            for _ in 0..<(exponent - 22) {
                let (next, overflow) = scaled.multipliedReportingOverflow(by: 10)
                if overflow || next > limit { return nil }
                scaled = next
            }
            return Double(scaled) * exactPowersOfTen[22]
        default:
            return nil
        }
    }

    /// Correctly rounded conversion through `strtod`, for long or extreme inputs. The digits
    /// are copied without separators and with an adjusted exponent, so the text handed to
    /// `strtod` has no locale-dependent decimal point. The copy lives on the stack unless the
    /// number is very long.
    ///
    /// - Parameter significand: the input up to (not including) its exponent.
    private static func slowPath(_ significand: UnsafeRawBufferPointer, digitCount: Int, exponent: Int64) -> Double {
        // digits, "e", sign, up to 19 exponent digits, NUL
        let capacity = digitCount + 24
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer -> Double in
            var length = 0
            // Digits only: skip the sign, group and decimal characters.
            for byte in significand where digitValue(byte) != nil {
                buffer[length] = CChar(bitPattern: byte)
                length += 1
            }
            buffer[length] = CChar(bitPattern: UInt8(ascii: "e"))
            length += 1
            var magnitude = exponent.magnitude
            if exponent < 0 {
                buffer[length] = CChar(bitPattern: minus)
                length += 1
            }
            // Exponent digits, written backwards then reversed in place.
            let start = length
            repeat {
                buffer[length] = CChar(bitPattern: zero + UInt8(magnitude % 10))
                length += 1
                magnitude /= 10
            } while magnitude > 0
            var low = start, high = length - 1
            while low < high {
                buffer.swapAt(low, high)
                low += 1
                high -= 1
            }
            buffer[length] = 0
            return strtod(buffer.baseAddress!, nil)
        }
    }
}
