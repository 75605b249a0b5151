import Testing
@testable import ConformKit

private let comma = UInt8(ascii: ",")
private let dot = UInt8(ascii: ".")
private let space = UInt8(ascii: " ")

@Suite("NumberParser")
struct NumberParserTests {
    // MARK: integer

    static let integers: [(String, UInt8?, Int64?)] = [
        ("0", nil, 0),
        ("-0", nil, 0),
        ("+0", nil, 0),
        ("42", nil, 42),
        ("+42", nil, 42),
        ("-42", nil, -42),
        ("007", nil, 7),
        ("9223372036854775807", nil, Int64.max),
        ("-9223372036854775808", nil, Int64.min),
        ("9223372036854775808", nil, nil), // Int64.max + 1
        ("-9223372036854775809", nil, nil), // Int64.min - 1
        ("+9223372036854775808", nil, nil),
        ("99999999999999999999", nil, nil),
        ("00000000000000000000000000009223372036854775807", nil, Int64.max),
        ("", nil, nil),
        ("+", nil, nil),
        ("-", nil, nil),
        ("--1", nil, nil),
        ("+-1", nil, nil),
        (" 1", nil, nil),
        ("1 ", nil, nil),
        ("1.0", nil, nil),
        ("1e3", nil, nil),
        ("0x10", nil, nil),
        ("1_000", nil, nil),
        ("١٢", nil, nil), // Arabic-Indic digits are not ASCII digits
        ("1,234", nil, nil), // no group character configured
        ("1,234,567", comma, 1_234_567),
        ("1,2", comma, 12),
        ("-1,234", comma, -1234),
        ("+1,234", comma, 1234),
        ("1234", comma, 1234),
        (",123", comma, nil),
        ("1,,2", comma, nil),
        ("12,", comma, nil),
        ("-,1", comma, nil),
        (",", comma, nil),
        ("1.234.567", dot, 1_234_567),
        ("1 234", space, 1234),
        ("9,223,372,036,854,775,807", comma, Int64.max),
        ("9,223,372,036,854,775,808", comma, nil),
        ("-9,223,372,036,854,775,808", comma, Int64.min),
    ]

    @Test(arguments: integers)
    func integer(_ input: String, groupChar: UInt8?, expected: Int64?) {
        let parsed = withValueBytes(input) { NumberParser.parseInteger($0, groupChar: groupChar) }
        #expect(parsed == expected)
    }

    // MARK: number

    static let numbers: [(String, UInt8, UInt8?, Double?)] = [
        ("0", dot, nil, 0),
        ("-0", dot, nil, -0.0),
        ("+0", dot, nil, 0),
        ("-0.0e5", dot, nil, -0.0),
        ("1", dot, nil, 1),
        ("1.5", dot, nil, 1.5),
        (".5", dot, nil, 0.5),
        ("5.", dot, nil, 5),
        ("-.5", dot, nil, -0.5),
        ("+.5", dot, nil, 0.5),
        ("1e3", dot, nil, 1000),
        ("1E3", dot, nil, 1000),
        ("1e+3", dot, nil, 1000),
        ("1e-3", dot, nil, 0.001),
        ("1.5e2", dot, nil, 150),
        (".5e1", dot, nil, 5),
        ("5.e1", dot, nil, 50),
        ("007.50", dot, nil, 7.5),
        ("0.1", dot, nil, 0.1),
        ("0.30000000000000004", dot, nil, 0.30000000000000004),
        ("3.141592653589793238462643383279", dot, nil, 3.141592653589793),
        ("9007199254740993", dot, nil, 9_007_199_254_740_992), // halfway, rounds to even
        ("9007199254740995", dot, nil, 9_007_199_254_740_996),
        ("123456789012345678901234567890", dot, nil, 1.2345678901234568e29),
        ("1e22", dot, nil, 1e22),
        ("1e23", dot, nil, 1e23),
        ("12e30", dot, nil, 1.2e31),
        ("2.2250738585072011e-308", dot, nil, Double(bitPattern: 0x000F_FFFF_FFFF_FFFF)), // largest subnormal
        ("4.9e-324", dot, nil, .leastNonzeroMagnitude),
        ("2e-324", dot, nil, 0),
        ("3e-324", dot, nil, .leastNonzeroMagnitude),
        ("1.7976931348623157e308", dot, nil, 1.7976931348623157e308),
        ("1.7976931348623159e308", dot, nil, .infinity),
        ("1e400", dot, nil, .infinity),
        ("-1e400", dot, nil, -.infinity),
        ("1e-400", dot, nil, 0),
        ("0e99999999999999999999999", dot, nil, 0),
        ("1e-99999999999999999999999", dot, nil, 0),
        ("1,234.5", dot, comma, 1234.5),
        ("-1,234,567.25e-2", dot, comma, -12345.6725),
        ("1.234,5", comma, dot, 1234.5),
        ("1 234,5", comma, space, 1234.5),
        ("3,5", comma, nil, 3.5),
        ("NaN", dot, nil, .nan),
        ("nan", dot, nil, .nan),
        ("INF", dot, nil, .infinity),
        ("inf", dot, nil, .infinity),
        ("-INF", dot, nil, -.infinity),
        ("-Inf", dot, nil, -.infinity),
        // Rejected.
        ("", dot, nil, nil),
        (".", dot, nil, nil),
        ("-", dot, nil, nil),
        ("+", dot, nil, nil),
        ("-.", dot, nil, nil),
        ("e5", dot, nil, nil),
        (".e5", dot, nil, nil),
        ("1e", dot, nil, nil),
        ("1e+", dot, nil, nil),
        ("1e1.5", dot, nil, nil),
        ("1.2.3", dot, nil, nil),
        ("1..2", dot, nil, nil),
        ("1,234", dot, nil, nil),
        ("1.5", comma, nil, nil), // the decimal separator is `,` here
        (",5", dot, comma, nil),
        ("1,,2", dot, comma, nil),
        ("12,", dot, comma, nil),
        ("1,.5", dot, comma, nil),
        ("1.5,0", dot, comma, nil), // groups only in the integer part
        ("1e1,0", dot, comma, nil),
        (" 1", dot, nil, nil),
        ("1 ", dot, nil, nil),
        ("0x1p3", dot, nil, nil),
        ("1f", dot, nil, nil),
        ("infinity", dot, nil, nil),
        ("+INF", dot, nil, nil),
        ("-NaN", dot, nil, nil),
        ("NaN ", dot, nil, nil),
        ("IN", dot, nil, nil),
        ("١", dot, nil, nil),
    ]

    @Test(arguments: numbers)
    func number(_ input: String, decimalChar: UInt8, groupChar: UInt8?, expected: Double?) {
        let parsed = withValueBytes(input) {
            NumberParser.parseNumber($0, decimalChar: decimalChar, groupChar: groupChar)
        }
        switch (parsed, expected) {
        case (nil, nil):
            break
        case let (parsed?, expected?) where expected.isNaN:
            #expect(parsed.isNaN)
        case let (parsed?, expected?):
            // Bit patterns, so -0.0 and 0.0 differ.
            #expect(parsed.bitPattern == expected.bitPattern, "\(input): got \(parsed), expected \(expected)")
        default:
            Issue.record("\(input): got \(String(describing: parsed)), expected \(String(describing: expected))")
        }
    }

    /// Random decimals of every shape, compared bit for bit with `Double(String)`; this drives
    /// both the fast path and the `strtod` fallback.
    @Test func matchesDoubleInitializerOnRandomDecimals() {
        var random = ValuesTestRandom(seed: 0xC0FF_EE00_1234_5678)
        var fastOrSlow = 0
        for _ in 0..<50_000 {
            var text = ""
            switch random.next() % 3 {
            case 0: text += "-"
            case 1: text += "+"
            default: break
            }
            let integerDigits = Int(random.next() % 26)
            let hasPoint = random.next() % 3 != 0
            let fractionDigits = hasPoint ? Int(random.next() % 26) : 0
            guard integerDigits + fractionDigits > 0 else { continue }
            for _ in 0..<integerDigits { text += String(random.next() % 10) }
            if hasPoint {
                text += "."
                for _ in 0..<fractionDigits { text += String(random.next() % 10) }
            }
            if random.next() % 2 == 0 {
                text += random.next() % 2 == 0 ? "e" : "E"
                let exponent = Int(random.next() % 700) - 350
                text += exponent >= 0 && random.next() % 2 == 0 ? "+\(exponent)" : "\(exponent)"
            }
            guard let expected = Double(text) else {
                Issue.record("reference rejected \(text)")
                continue
            }
            let parsed = withValueBytes(text) { NumberParser.parseNumber($0, decimalChar: dot, groupChar: nil) }
            #expect(parsed?.bitPattern == expected.bitPattern, "\(text): got \(String(describing: parsed)), expected \(expected)")
            fastOrSlow += 1
        }
        #expect(fastOrSlow > 45_000)
    }

    /// Short decimals near 2^53 and with exponents around the exact-power limit (±22), where
    /// a sloppy fast path would round wrongly.
    @Test func matchesDoubleInitializerAtFastPathEdges() {
        var random = ValuesTestRandom(seed: 42)
        for _ in 0..<20_000 {
            let mantissa = (UInt64(1) << 53) - 1_000 + random.next() % 2_000
            let exponent = Int(random.next() % 80) - 40
            let text = "\(mantissa)e\(exponent)"
            let expected = Double(text)!
            let parsed = withValueBytes(text) { NumberParser.parseNumber($0, decimalChar: dot, groupChar: nil) }
            #expect(parsed?.bitPattern == expected.bitPattern, "\(text)")
        }
    }

    /// Hundreds of digits, far past any stack-sized shortcut.
    @Test func longSignificands() {
        let halfwayAbove2to53 = "9007199254740993" + String(repeating: "0", count: 600) + "1"
        let texts = [
            "0." + String(repeating: "0", count: 320) + "1234567890123456789012345",
            String(repeating: "9", count: 400),
            String(repeating: "1", count: 300) + "." + String(repeating: "7", count: 300) + "e-300",
            halfwayAbove2to53 + "e-601", // just above a tie: rounds up, unlike 9007199254740993
        ]
        for text in texts {
            let expected = Double(text)!
            let parsed = withValueBytes(text) { NumberParser.parseNumber($0, decimalChar: dot, groupChar: nil) }
            #expect(parsed?.bitPattern == expected.bitPattern, "\(text.prefix(40))…")
        }
        let tieBroken = withValueBytes(halfwayAbove2to53 + "e-601") {
            NumberParser.parseNumber($0, decimalChar: dot, groupChar: nil)
        }
        #expect(tieBroken == 9_007_199_254_740_994)
    }

    /// 19-digit integers exactly halfway between two doubles (ulp 128 near 1e18) whose
    /// trailing zeros would let them through the fast path: a nonzero digit past the 19th
    /// must break the tie upwards, and without it the tie goes to even.
    @Test func digitsPastTheNineteenthBreakTies() {
        for r in [125_000_000_000_001, 125_000_000_000_003] as [UInt64] {
            let tie = 8_000 * r // = 64 × odd: halfway between two doubles
            let above = withValueBytes("\(tie).1") { NumberParser.parseNumber($0, decimalChar: dot, groupChar: nil) }
            let exact = withValueBytes("\(tie)") { NumberParser.parseNumber($0, decimalChar: dot, groupChar: nil) }
            #expect(above == Double(tie + 64), "\(tie).1")
            #expect(above?.bitPattern == Double("\(tie).1")?.bitPattern)
            #expect(exact?.bitPattern == Double("\(tie)")?.bitPattern)
        }
    }

    /// Group characters change nothing about the value.
    @Test func groupedNumbersMatchUngrouped() {
        var random = ValuesTestRandom(seed: 7)
        for _ in 0..<5_000 {
            let digits = (0..<Int(1 + random.next() % 24)).map { _ in String(random.next() % 10) }
            var grouped = ""
            for (index, digit) in digits.enumerated() {
                if index > 0 && (digits.count - index) % 3 == 0 { grouped += "," }
                grouped += digit
            }
            let fraction = (0..<Int(random.next() % 8)).map { _ in String(random.next() % 10) }.joined()
            let plain = digits.joined() + (fraction.isEmpty ? "" : "." + fraction)
            let decorated = grouped + (fraction.isEmpty ? "" : "." + fraction)
            let expected = Double(plain)!
            let parsed = withValueBytes(decorated) { NumberParser.parseNumber($0, decimalChar: dot, groupChar: comma) }
            #expect(parsed?.bitPattern == expected.bitPattern, "\(decorated)")
        }
    }
}
