import Testing
@testable import ConformKit

@Suite("SimpleTypes")
struct SimpleTypesTests {
    static let uuids: [(String, Bool)] = [
        ("123e4567-e89b-12d3-a456-426614174000", true),
        ("123E4567-E89B-12D3-A456-426614174000", true),
        ("00000000-0000-0000-0000-000000000000", true),
        ("ffffffff-FFFF-ffff-FFFF-ffffffffffff", true),
        ("123e4567e89b12d3a456426614174000", false),
        ("{123e4567-e89b-12d3-a456-426614174000}", false),
        ("123e4567-e89b-12d3-a456-42661417400", false),
        ("123e4567-e89b-12d3-a456-4266141740000", false),
        ("123e4567-e89b-12d3-a456_426614174000", false),
        ("123e4567-e89b-12d3-a4564-26614174000", false),
        ("g23e4567-e89b-12d3-a456-426614174000", false),
        (" 123e4567-e89b-12d3-a456-42661417400", false),
        ("", false),
    ]

    @Test(arguments: uuids)
    func uuid(_ input: String, expected: Bool) {
        #expect(withValueBytes(input) { SimpleTypes.isUUID($0) } == expected)
    }

    static let emails: [(String, Bool)] = [
        ("user@example.com", true),
        ("first.last+tag@sub.example.co.uk", true),
        ("a@b.co", true),
        ("x@123.example.org", true),
        ("o'brien@example.ie", true),
        ("josé@example.es", true),
        ("用户@example.cn", true),
        ("user@my-host.example.com", true),
        ("user@xn--bcher-kva.example", true),
        ("", false),
        ("@example.com", false),
        ("user@", false),
        ("user", false),
        ("user@localhost", false), // at least one dot
        ("user@example.c", false), // TLD of two letters at least
        ("user@example.c0m", false),
        ("user@example.123", false),
        ("user@@example.com", false),
        ("us@er@example.com", false),
        ("us er@example.com", false),
        ("user@exa mple.com", false),
        ("user@-example.com", false),
        ("user@example-.com", false),
        ("user@example..com", false),
        ("user@.example.com", false),
        ("user@example.com.", false),
        ("user@exam_ple.com", false),
        ("user@exämple.com", false),
        ("user\t@example.com", false),
        ("user@example.com ", false),
        ("user@" + String(repeating: "a", count: 64) + ".com", false), // label over 63
        ("user@" + String(repeating: "a", count: 63) + ".com", true),
    ]

    @Test(arguments: emails)
    func email(_ input: String, expected: Bool) {
        #expect(withValueBytes(input) { SimpleTypes.isEmail($0) } == expected)
    }

    @Test func emailRejectsMalformedUTF8() {
        let cases: [[UInt8]] = [
            [0xC3] + Array("@example.com".utf8), // truncated
            [0xC0, 0xAF] + Array("@example.com".utf8), // overlong '/'
            [0xED, 0xA0, 0x80] + Array("@example.com".utf8), // surrogate
            [0xC2, 0x85] + Array("@example.com".utf8), // U+0085, a C1 control
            [0xFF] + Array("@example.com".utf8),
        ]
        for bytes in cases {
            #expect(!withValueBytes(bytes) { SimpleTypes.isEmail($0) })
        }
        #expect(withValueBytes([0xF0, 0x9F, 0x98, 0x80] + Array("@example.com".utf8)) { SimpleTypes.isEmail($0) })
    }

    static let uris: [(String, Bool)] = [
        ("https://example.com/path?q=1#frag", true),
        ("http://example.com", true),
        ("mailto:someone@example.com", true),
        ("urn:isbn:0451450523", true),
        ("file:///etc/hosts", true),
        ("svn+ssh://host/repo", true),
        ("a:b", true),
        ("x-1.y:z", true),
        ("https://example.com/a%20b", true),
        ("https://example.com/%e2%82%ac", true),
        ("https://例え.jp/パス", true),
        ("", false),
        ("example.com", false), // no scheme
        ("//example.com/path", false),
        ("/relative/path", false),
        ("https:", false), // nothing after the colon
        (":foo", false),
        ("1http://example.com", false),
        ("ht_tp://example.com", false),
        ("ht tp://example.com", false),
        ("https://example.com/a b", false),
        ("https://example.com/\t", false),
        ("https://example.com/\u{7F}", false),
        ("https://example.com/\"q\"", false),
        ("https://example.com/<a>", false),
        ("https://example.com/a\\b", false),
        ("https://example.com/a^b", false),
        ("https://example.com/a`b", false),
        ("https://example.com/{a}", false),
        ("https://example.com/a|b", false),
        ("https://example.com/%", false),
        ("https://example.com/%2", false),
        ("https://example.com/%zz", false),
    ]

    @Test(arguments: uris)
    func uri(_ input: String, expected: Bool) {
        #expect(withValueBytes(input) { SimpleTypes.isURI($0) } == expected)
    }

    static let years: [(String, Int?)] = [
        ("2020", 2020),
        ("0000", 0),
        ("0001", 1),
        ("9999", 9999),
        ("-0044", -44),
        ("-2020", -2020),
        ("+2020", nil),
        ("202", nil),
        ("20200", nil),
        ("-202", nil),
        ("--202", nil),
        ("20a0", nil),
        ("2020 ", nil),
        (" 2020", nil),
        ("-", nil),
        ("", nil),
    ]

    @Test(arguments: years)
    func year(_ input: String, expected: Int?) {
        #expect(withValueBytes(input) { SimpleTypes.parseYear($0) } == expected)
    }

    static let defaultBooleans: [(String, Bool?)] = [
        ("true", true), ("True", true), ("TRUE", true), ("1", true),
        ("false", false), ("False", false), ("FALSE", false), ("0", false),
        ("tRUE", nil), ("yes", nil), ("", nil), ("true ", nil), (" true", nil),
        ("truee", nil), ("tru", nil), ("01", nil), ("2", nil), ("fals", nil),
    ]

    @Test(arguments: defaultBooleans)
    func defaultBoolean(_ input: String, expected: Bool?) {
        let values = BooleanValues()
        #expect(withValueBytes(input) { values.parse($0) } == expected)
    }

    static let customBooleans: [(String, Bool?)] = [
        ("Y", true), ("yes", true), ("sí", true),
        ("N", false), ("no", false),
        ("y", nil), ("true", nil), ("1", nil), ("s", nil), ("si", nil), ("", nil),
    ]

    @Test(arguments: customBooleans)
    func customBoolean(_ input: String, expected: Bool?) {
        let values = BooleanValues(trueValues: ["Y", "yes", "sí"], falseValues: ["N", "no"])
        #expect(withValueBytes(input) { values.parse($0) } == expected)
    }

    @Test func booleanListsAreKept() {
        let values = BooleanValues(trueValues: ["on"], falseValues: ["off"])
        #expect(values.trueValues == ["on"])
        #expect(values.falseValues == ["off"])
        #expect(BooleanValues().trueValues == ["true", "True", "TRUE", "1"])
        #expect(BooleanValues().falseValues == ["false", "False", "FALSE", "0"])
        // A spelling in both lists reads as true.
        let clash = BooleanValues(trueValues: ["x"], falseValues: ["x", "o"])
        #expect(withValueBytes("x") { clash.parse($0) } == true)
        #expect(withValueBytes("o") { clash.parse($0) } == false)
        // No spellings at all: nothing parses.
        let none = BooleanValues(trueValues: [], falseValues: [])
        #expect(withValueBytes("true") { none.parse($0) } == nil)
    }
}
