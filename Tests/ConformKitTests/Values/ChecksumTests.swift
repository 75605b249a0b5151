import Testing
@testable import ConformKit

@Suite("ChecksumAlgorithm.validates")
struct ChecksumTests {
    static let cases: [(ChecksumAlgorithm, String, Bool)] = [
        // NHS number, modulus 11.
        (.nhsMod11, "9434765919", true),
        (.nhsMod11, "9434765918", false),
        (.nhsMod11, "4010232137", true),
        (.nhsMod11, "0100000010", true), // sum 11: check 11 means 0
        (.nhsMod11, "0100000011", false),
        (.nhsMod11, "0000000000", true),
        (.nhsMod11, "1234567890", false), // check would be 10: no valid number
        (.nhsMod11, "1234567891", false),
        (.nhsMod11, "1234567899", false),
        (.nhsMod11, "943 476 5919", false), // spaces are not ignored
        (.nhsMod11, "943-476-5919", false),
        (.nhsMod11, " 9434765919", false),
        (.nhsMod11, "943476591", false),
        (.nhsMod11, "94347659190", false),
        (.nhsMod11, "943476591a", false),
        (.nhsMod11, "943476591:", false), // ':' is the byte after '9'
        (.nhsMod11, "", false),
        // Luhn.
        (.luhn, "79927398713", true),
        (.luhn, "79927398710", false),
        (.luhn, "79927398731", false), // transposed
        (.luhn, "4111111111111111", true),
        (.luhn, "4111111111111112", false),
        (.luhn, "4111 1111 1111 1111", false),
        (.luhn, "00", true),
        (.luhn, "18", true),
        (.luhn, "19", false),
        (.luhn, "0", false), // at least two digits
        (.luhn, "7992739871a", false),
        (.luhn, "-79927398713", false),
        (.luhn, "", false),
        // ISO 7064 MOD 97-10.
        (.mod97, "5493001KJTIIGC8Y1R12", true), // an LEI
        (.mod97, "5493001KJTIIGC8Y1R13", false), // last digit changed
        (.mod97, "5493001KJTIIGC8Y1R21", false), // check digits swapped
        (.mod97, "5493001kjtiigc8y1r12", true), // letters in either case
        (.mod97, "5493001KJTIIGC8Y1R1 2", false),
        (.mod97, "5493001KJTIIGC8Y1R-12", false),
        (.mod97, "0010010", false), // remainder 19
        (.mod97, "001001041", true), // 0010010 with its check digits 41
        (.mod97, "ABCDEF87", true),
        (.mod97, "98", true),
        (.mod97, "01", true),
        (.mod97, "97", false),
        (.mod97, "1", false), // remainder 1, but too short
        (.mod97, "", false),
        (.mod97, "ÀBCDEF87", false),
    ]

    @Test(arguments: cases)
    func validates(_ algorithm: ChecksumAlgorithm, input: String, expected: Bool) {
        #expect(withValueBytes(input) { algorithm.validates($0) } == expected)
    }

    /// Every single-digit change to a valid NHS number is caught (modulus 11 promises this).
    @Test func nhsCatchesEverySingleDigitError() {
        let valid = Array("9434765919".utf8)
        for position in 0..<10 {
            for digit in UInt8(ascii: "0")...UInt8(ascii: "9") where digit != valid[position] {
                var changed = valid
                changed[position] = digit
                #expect(!withValueBytes(changed) { ChecksumAlgorithm.nhsMod11.validates($0) })
            }
        }
    }

    /// Appending the Luhn check digit computed independently always validates, and only it.
    @Test func luhnAcceptsExactlyOneCheckDigit() {
        var random = ValuesTestRandom(seed: 99)
        for _ in 0..<500 {
            let payload = (0..<Int(1 + random.next() % 18)).map { _ in Int(random.next() % 10) }
            var sum = 0
            for (offset, digit) in payload.reversed().enumerated() {
                let weighted = offset % 2 == 0 ? digit * 2 : digit
                sum += weighted > 9 ? weighted - 9 : weighted
            }
            let check = (10 - sum % 10) % 10
            let text = payload.map(String.init).joined()
            for candidate in 0...9 {
                let valid = withValueBytes(text + String(candidate)) { ChecksumAlgorithm.luhn.validates($0) }
                #expect(valid == (candidate == check), "\(text)\(candidate)")
            }
        }
    }
}
