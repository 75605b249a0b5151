import Testing
@testable import ConformKit

private func parse(_ format: TemporalFormat, _ text: String) -> TemporalValue? {
    withValueBytes(text) { format.parse($0) }
}

private func value(_ seconds: Int64, _ nanoseconds: Int32 = 0) -> TemporalValue {
    TemporalValue(seconds: seconds, nanoseconds: nanoseconds)
}

@Suite("TemporalFormat")
struct TemporalFormatTests {
    // MARK: ISO 8601 dates

    static let isoDates: [(String, Int64?)] = [
        ("1970-01-01", 0),
        ("1969-12-31", -86_400),
        ("2020-01-01", 1_577_836_800),
        ("2000-02-29", 951_782_400), // divisible by 400: leap
        ("2024-02-29", 1_709_164_800),
        ("0001-01-01", -62_135_596_800),
        ("9999-12-31", 253_402_214_400),
        ("1900-03-01", -2_203_891_200),
        ("1900-02-29", nil), // divisible by 100, not 400: not leap
        ("2023-02-29", nil),
        ("2024-02-30", nil),
        ("2020-04-31", nil), // 31st of 30-day months
        ("2020-06-31", nil),
        ("2020-09-31", nil),
        ("2020-11-31", nil),
        ("2020-12-31", 1_609_372_800),
        ("0000-01-01", nil),
        ("2020-00-10", nil),
        ("2020-13-01", nil),
        ("2020-01-00", nil),
        ("2020-01-32", nil),
        ("2020-1-01", nil),
        ("2020-01-1", nil),
        ("20200101", nil),
        ("2020/01/01", nil),
        ("2020-01-01 ", nil),
        (" 2020-01-01", nil),
        ("2020-01-01T00:00:00Z", nil),
        ("-2020-01-01", nil),
        ("", nil),
    ]

    @Test(arguments: isoDates)
    func isoDate(_ input: String, expectedSeconds: Int64?) throws {
        let format = try TemporalFormat(kind: .date, pattern: nil)
        #expect(parse(format, input) == expectedSeconds.map { value($0) })
    }

    // MARK: ISO 8601 datetimes

    static let isoDatetimes: [(String, TemporalValue?)] = [
        ("2020-01-01T00:00:00Z", value(1_577_836_800)),
        ("2020-01-01T00:00:00z", value(1_577_836_800)),
        ("2020-01-01t00:00:00Z", value(1_577_836_800)),
        ("2020-01-01T00:00:00", value(1_577_836_800)), // no offset: UTC
        ("2020-01-01T00:00:00+00:00", value(1_577_836_800)),
        ("2020-01-01T00:00:00-00:00", value(1_577_836_800)),
        ("2020-01-01T00:30:00+01:00", value(1_577_835_000)), // = 2019-12-31T23:30:00Z
        ("2019-12-31T23:30:00Z", value(1_577_835_000)),
        ("2019-12-31T18:30:00-05:00", value(1_577_835_000)),
        ("2020-03-01T12:34:56+05:30", value(1_583_066_096 - 19_800)),
        ("2020-03-01T12:34:56.5Z", value(1_583_066_096, 500_000_000)),
        ("2020-03-01T12:34:56.123456789Z", value(1_583_066_096, 123_456_789)),
        ("2020-03-01T12:34:56.000000001", value(1_583_066_096, 1)),
        ("2020-03-01T12:34:56.1234567891234Z", value(1_583_066_096, 123_456_789)), // past ns: dropped
        ("2016-12-31T23:59:60Z", value(1_483_228_800)), // leap second
        ("1969-12-31T23:59:59.5Z", value(-1, 500_000_000)),
        ("2020-01-01 00:00:00Z", nil), // space instead of T
        ("2020-01-01T24:00:00Z", nil),
        ("2020-01-01T23:60:00Z", nil),
        ("2020-01-01T23:59:61Z", nil),
        ("2020-01-01T00:00Z", nil), // seconds required
        ("2020-01-01T00:00:00.Z", nil), // empty fraction
        ("2020-01-01T00:00:00,5Z", nil),
        ("2020-01-01T00:00:00+0100", nil), // ISO here needs the colon
        ("2020-01-01T00:00:00+01", nil),
        ("2020-01-01T00:00:00+24:00", nil),
        ("2020-01-01T00:00:00+01:60", nil),
        ("2020-01-01T00:00:00ZZ", nil),
        ("2020-01-01T00:00:00Z ", nil),
        ("2020-01-01T", nil),
        ("2020-01-01", nil),
        ("1900-02-29T00:00:00Z", nil),
        ("2020-01-01T0:00:00Z", nil),
    ]

    @Test(arguments: isoDatetimes)
    func isoDatetime(_ input: String, expected: TemporalValue?) throws {
        let format = try TemporalFormat(kind: .datetime, pattern: nil)
        #expect(parse(format, input) == expected)
    }

    @Test func offsetsNormaliseToTheSameInstant() throws {
        let format = try TemporalFormat(kind: .datetime, pattern: nil)
        let withOffset = try #require(parse(format, "2020-01-01T00:30:00+01:00"))
        let utc = try #require(parse(format, "2019-12-31T23:30:00Z"))
        #expect(withOffset == utc)
        let later = try #require(parse(format, "2019-12-31T23:30:00.000000001Z"))
        #expect(utc < later)
        #expect(!(later < utc))
    }

    // MARK: ISO 8601 times

    static let isoTimes: [(String, TemporalValue?)] = [
        ("00:00:00", value(0)),
        ("12:34:56", value(45_296)),
        ("23:59:59", value(86_399)),
        ("23:59:60", value(86_400)), // leap second
        ("12:34:56.789", value(45_296, 789_000_000)),
        ("12:34:56Z", value(45_296)),
        ("12:34:56+01:00", value(41_696)),
        ("00:30:00+01:00", value(84_600)), // wraps to 23:30 UTC
        ("23:30:00-01:00", value(1_800)), // wraps to 00:30 UTC
        ("24:00:00", nil),
        ("12:60:00", nil),
        ("12:34", nil),
        ("1:02:03", nil),
        ("12:34:56 ", nil),
        ("12:34:56+1:00", nil),
        ("T12:34:56", nil),
        ("", nil),
    ]

    @Test(arguments: isoTimes)
    func isoTime(_ input: String, expected: TemporalValue?) throws {
        let format = try TemporalFormat(kind: .time, pattern: nil)
        #expect(parse(format, input) == expected)
    }

    // MARK: patterns

    static let patterned: [(TemporalKind, String, String, TemporalValue?)] = [
        (.date, "%d/%m/%Y", "04/03/2020", value(1_583_280_000)),
        (.date, "%d/%m/%Y", "4/03/2020", nil), // %d needs two digits
        (.date, "%-d/%-m/%Y", "4/3/2020", value(1_583_280_000)),
        (.date, "%-d/%-m/%Y", "04/03/2020", value(1_583_280_000)),
        (.date, "%-d/%-m/%Y", "31/12/2020", value(1_609_372_800)),
        (.date, "%-d/%-m/%Y", "/3/2020", nil),
        (.date, "%-d/%-m/%Y", "123/3/2020", nil),
        (.date, "%m/%d/%Y", "03/04/2020", value(1_583_280_000)),
        (.date, "%Y%m%d", "20200304", value(1_583_280_000)),
        (.date, "%Y%m%d", "2020034", nil),
        (.date, "%d/%m/%y", "04/03/20", value(1_583_280_000)),
        (.date, "%d/%m/%y", "04/03/2020", nil),
        (.date, "%d/%m/%Y", "29/02/1900", nil),
        (.date, "%d/%m/%Y", "29/02/2000", value(951_782_400)),
        (.date, "%d/%m/%Y", "31/04/2020", nil),
        (.date, "%d/%m/%Y", "00/01/2020", nil),
        (.date, "%d/%m/%Y", "01/01/0000", nil),
        (.date, "%d/%m/%Y", "04/03/2020x", nil), // the whole input must be used
        (.date, "%d/%m/%Y", "04-03-2020", nil),
        (.date, "%d %b %Y", "04 Mar 2020", value(1_583_280_000)),
        (.date, "%d %b %Y", "04 MAR 2020", value(1_583_280_000)),
        (.date, "%d %b %Y", "04 mar 2020", value(1_583_280_000)),
        (.date, "%d %b %Y", "04 March 2020", nil),
        (.date, "%d %b %Y", "04 Mär 2020", nil), // UTF-8 month names are not English ones
        (.date, "%d %b %Y", "04 Ma", nil),
        (.date, "%d %B %Y", "04 March 2020", value(1_583_280_000)),
        (.date, "%d %B %Y", "04 march 2020", value(1_583_280_000)),
        (.date, "%d %B %Y", "04 Mar 2020", nil),
        (.date, "%d %B %Y", "04 März 2020", nil),
        (.date, "%d %B %Y", "04 février 2020", nil),
        (.date, "%d %B %Y", "29 February 2024", value(1_709_164_800)),
        (.date, "%d %B %Y", "29 February 2023", nil),
        (.date, "%B %-d, %Y", "May 9, 2020", value(1_588_982_400)),
        (.date, "%Y年%m月%d日", "2020年03月04日", value(1_583_280_000)),
        (.date, "%Y年%m月%d日", "2020年03月04", nil),
        (.date, "%d%%%m%%%Y", "04%03%2020", value(1_583_280_000)),
        (.datetime, "%Y-%m-%d %H:%M:%S", "2020-03-04 13:45:07", value(1_583_329_507)),
        (.datetime, "%Y-%m-%d %H:%M:%S", "2020-03-04 24:00:00", nil),
        (.datetime, "%Y-%m-%d %H:%M:%S", "2020-03-04 13:45:60", value(1_583_329_560)),
        (.datetime, "%Y-%m-%d %H:%M:%S", "2020-03-04 13:60:00", nil),
        (.datetime, "%d/%m/%Y %H:%M", "04/03/2020 13:45", value(1_583_329_500)),
        (.datetime, "%d/%m/%Y", "04/03/2020", value(1_583_280_000)), // midnight
        (.datetime, "%Y-%m-%d %H:%M:%S.%f", "2020-03-04 13:45:07.25", value(1_583_329_507, 250_000_000)),
        (.datetime, "%Y-%m-%d %H:%M:%S.%f", "2020-03-04 13:45:07.123456789", value(1_583_329_507, 123_456_789)),
        (.datetime, "%Y-%m-%d %H:%M:%S.%f", "2020-03-04 13:45:07.1234567891", nil), // 10 digits
        (.datetime, "%Y-%m-%d %H:%M:%S.%f", "2020-03-04 13:45:07.", nil),
        (.datetime, "%Y-%m-%d %H:%M:%S%z", "2020-01-01 00:30:00+01:00", value(1_577_835_000)),
        (.datetime, "%Y-%m-%d %H:%M:%S%z", "2020-01-01 00:30:00+0100", value(1_577_835_000)),
        (.datetime, "%Y-%m-%d %H:%M:%S%z", "2019-12-31 23:30:00Z", value(1_577_835_000)),
        (.datetime, "%Y-%m-%d %H:%M:%S%z", "2019-12-31 23:30:00", nil), // %z is not optional
        (.datetime, "%Y-%m-%d %H:%M:%S%z", "2019-12-31 23:30:00+01", nil),
        (.datetime, "%Y-%m-%d %H:%M:%S%z", "2019-12-31 23:30:00+01:0", nil),
        (.time, "%H:%M", "09:05", value(32_700)),
        (.time, "%H:%M", "9:05", nil),
        (.time, "%H:%M:%S", "23:59:60", value(86_400)),
        (.time, "%H:%M:%S.%f", "12:34:56.5", value(45_296, 500_000_000)),
        (.time, "%H:%M%z", "00:30+01:00", value(84_600)),
        (.time, "%Hh%M", "13h45", value(49_500)),
    ]

    @Test(arguments: patterned)
    func pattern(_ kind: TemporalKind, pattern: String, input: String, expected: TemporalValue?) throws {
        let format = try TemporalFormat(kind: kind, pattern: pattern)
        #expect(parse(format, input) == expected)
    }

    @Test func invalidUTF8IsRejectedCleanly() throws {
        let named = try TemporalFormat(kind: .date, pattern: "%d %B %Y")
        let iso = try TemporalFormat(kind: .datetime, pattern: nil)
        let broken: [[UInt8]] = [
            Array("04 ".utf8) + [0xC3] + Array(" 2020".utf8), // truncated sequence
            Array("04 Ma".utf8) + [0xFF, 0xFE],
            [0xE2, 0x80, 0x8B] + Array("2020-01-01T00:00:00Z".utf8), // zero-width space first
            Array("2020-01-01T00:00:00".utf8) + [0xE2, 0x88, 0x92] + Array("01:00".utf8), // U+2212 minus
        ]
        for bytes in broken {
            #expect(withValueBytes(bytes) { named.parse($0) } == nil)
            #expect(withValueBytes(bytes) { iso.parse($0) } == nil)
        }
    }

    // MARK: pattern errors

    static let badPatterns: [(TemporalKind, String, Int, String)] = [
        (.date, "%d/%m/%Q", 6, "unknown directive `%Q`"),
        (.date, "%Y-%m-%e", 6, "unknown directive `%e`"),
        (.date, "%-Y/%m/%d", 0, "unknown directive `%-Y`"),
        (.date, "%d/%m/%Y%", 8, "lone `%`"),
        (.date, "%d/%m/%Y%-", 8, "unfinished directive"),
        (.date, "%d.%m.%Y %é", 9, "unknown directive `%é`"),
        (.date, "é%d.%m.%Y %Q", 11, "unknown directive `%Q`"), // UTF-8 offset: é is two bytes
        (.date, "%d/%m/%Y/%y", 9, "year a second time"),
        (.date, "%d %b %m %Y", 6, "month a second time"),
        (.date, "%Y-%m-%d %H", 9, "no place in a date pattern"),
        (.time, "%Y %H:%M", 0, "no place in a time pattern"),
        (.date, "%Y-%m", 5, "needs the day"),
        (.datetime, "%d/%m %H:%M", 11, "needs the year"),
        (.time, "%M:%S", 5, "needs the hour"),
        (.date, "", 0, "needs the year"),
    ]

    @Test(arguments: badPatterns)
    func badPattern(_ kind: TemporalKind, pattern: String, offset: Int, messagePart: String) {
        #expect {
            _ = try TemporalFormat(kind: kind, pattern: pattern)
        } throws: { error in
            guard let error = error as? TemporalFormatError else { return false }
            return error.offset == offset && error.message.contains(messagePart)
        }
    }

    @Test func errorDescriptionCarriesTheOffset() {
        let error = TemporalFormatError(message: "unknown directive `%Q`", offset: 6)
        #expect("\(error)" == "unknown directive `%Q` (at offset 6)")
    }

    // MARK: display and guesses

    @Test func display() throws {
        #expect(try TemporalFormat(kind: .date, pattern: nil).display == "YYYY-MM-DD (ISO 8601)")
        #expect(try TemporalFormat(kind: .datetime, pattern: nil).display
            == "YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm] (ISO 8601)")
        #expect(try TemporalFormat(kind: .time, pattern: nil).display == "hh:mm:ss[.fraction][Z|±hh:mm] (ISO 8601)")
        #expect(try TemporalFormat(kind: .date, pattern: "%d/%m/%Y").display == "%d/%m/%Y")
    }

    static let guesses: [(TemporalKind, String, String?)] = [
        (.date, "03/04/2020", "%d/%m/%Y"), // day first: UK data
        (.date, "12/31/2020", "%m/%d/%Y"), // only month-first fits
        (.date, "31-12-2020", "%d-%m-%Y"),
        (.date, "31.12.2020", "%d.%m.%Y"),
        (.date, "2020/12/31", "%Y/%m/%d"),
        (.date, "31/12/20", "%d/%m/%y"),
        (.date, "20201231", "%Y%m%d"),
        (.date, "2020-12-31", "YYYY-MM-DD (ISO 8601)"),
        (.date, "31/02/2020", nil),
        (.date, "yesterday", nil),
        (.date, "2020-12-31T10:00:00Z", nil),
        (.datetime, "2020-12-31T10:00:00Z", "YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm] (ISO 8601)"),
        (.datetime, "2020-12-31 10:00:00", "%Y-%m-%d %H:%M:%S"),
        (.datetime, "2020-12-31 10:00", "%Y-%m-%d %H:%M"),
        (.datetime, "03/04/2020 10:00", "%d/%m/%Y %H:%M"),
        (.datetime, "03/04/2020 10:00:30", "%d/%m/%Y %H:%M:%S"),
        (.datetime, "12/31/2020 10:00", "%m/%d/%Y %H:%M"),
        (.datetime, "03/04/2020", "%d/%m/%Y"),
        (.datetime, "2020-12-31", "%Y-%m-%d"),
        (.datetime, "2020-12-31 25:00:00", nil),
        (.time, "10:00:00", "hh:mm:ss[.fraction][Z|±hh:mm] (ISO 8601)"),
        (.time, "10:00", "%H:%M"),
        (.time, "10.00", "%H.%M"),
        (.time, "10.00.30", "%H.%M.%S"),
        (.time, "10am", nil),
    ]

    @Test(arguments: guesses)
    func guess(_ kind: TemporalKind, input: String, expected: String?) {
        #expect(withValueBytes(input) { TemporalFormat.guessFormat(kind: kind, of: $0) } == expected)
    }

    // MARK: calendar arithmetic

    /// Every day from 0001-01-01 to 9999-12-31 follows the previous one by exactly 86,400
    /// seconds, and the ISO and pattern paths agree on each.
    @Test func everyDayIsOneDayAfterTheLast() throws {
        let iso = try TemporalFormat(kind: .date, pattern: nil)
        let dayFirst = try TemporalFormat(kind: .date, pattern: "%-d.%-m.%Y")
        var previous: Int64?
        var days = 0
        for year in 1...9999 {
            for month in 1...12 {
                for day in 1...31 {
                    let isoText = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
                    let parsed = parse(iso, isoText)
                    let exists = day <= TemporalFormat.daysInMonth(year: year, month: month)
                    guard exists else {
                        if parsed != nil { Issue.record("accepted \(isoText)") }
                        continue
                    }
                    guard let parsed else {
                        Issue.record("rejected \(isoText)")
                        continue
                    }
                    if let previous, parsed.seconds != previous + 86_400 {
                        Issue.record("\(isoText) is \(parsed.seconds), previous day \(previous)")
                    }
                    if year % 97 == 0 {
                        #expect(parse(dayFirst, "\(day).\(month).\(pad(year, 4))") == parsed)
                    }
                    previous = parsed.seconds
                    days += 1
                }
            }
        }
        #expect(days == 3_652_059) // days in 0001-01-01 ... 9999-12-31
        #expect(previous == 253_402_214_400)
    }

    private func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
