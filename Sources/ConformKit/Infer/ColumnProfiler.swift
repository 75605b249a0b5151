#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bounded statistics of one CSV column, gathered from the bytes of its cells (`conform infer`).
///
/// Per cell it counts, measures the length, keeps the distinct values while there are at most
/// ``DistinctValues/limit`` of them (and a HyperLogLog sketch for the count beyond), and tests the value against
/// every type that the column may still be: each test runs only while every value so far has
/// passed it, so a column stops paying for a type at its first value that is not one. Values are
/// checked exactly as the validator will check them (the same parsers and patterns, spaces
/// included), so the type proposed is one every value seen is a value of.
///
/// Memory is fixed per column: the distinct set is capped, the sketch is 16 KiB, and nothing
/// grows with the number of rows.
final class ColumnProfiler {
    // MARK: Counts

    /// Empty cells.
    private(set) var empty = 0
    /// Rows that ended before this column.
    private(set) var absent = 0
    /// Non-empty cells (null tokens included).
    private(set) var present = 0
    /// Cells equal to each of ``NullTokens/all``.
    private(set) var tokenCounts = [Int](repeating: 0, count: NullTokens.all.count)
    /// Cells with a leading or trailing space or tab (a `surrounding-whitespace` warning each).
    private(set) var whitespace = 0
    private(set) var whitespaceExample: String?
    /// Fewest and most characters (Unicode scalars) of a non-empty value.
    private(set) var minCharacters = Int.max
    private(set) var maxCharacters = 0
    /// A value with bytes that are not UTF-8.
    private(set) var invalidUTF8 = false

    // MARK: Numbers

    /// Integers and numbers seen, and their range.
    private(set) var integerMinimum = Int64.max
    private(set) var integerMaximum = Int64.min
    private(set) var numberMinimum = Double.infinity
    private(set) var numberMaximum = -Double.infinity
    /// The most digits of an integer value (sign and separators left out).
    private(set) var maxIntegerDigits = 0
    /// Numeric values written with a leading zero (`007`, `01.5`): codes, not quantities.
    private(set) var leadingZeros = 0
    private(set) var leadingZeroExample: String?
    /// A value used `,` between groups of three digits.
    private(set) var sawGroupSeparator = false
    /// Numbers with a digit (not `NaN` or `INF`).
    private(set) var finiteNumbers = 0
    /// Values of digits only, too long for a 64-bit integer (identifiers).
    private(set) var overlongDigitStrings = 0

    // MARK: Candidates

    /// The simple types every value so far is a value of (``Candidate`` bits).
    private(set) var alive: UInt32 = Candidate.all
    /// For each boolean family: whether a true / a false spelling was seen.
    private(set) var sawTrue: UInt8 = 0
    private(set) var sawFalse: UInt8 = 0
    /// The ``TemporalCandidates/all`` formats every value so far parses in (bit per format).
    private(set) var temporalAlive: UInt64
    /// Earliest and latest value per temporal format.
    private(set) var temporalMinimum: [TemporalValue]
    private(set) var temporalMaximum: [TemporalValue]
    /// Per recogniser of `uk-gov/core`: how many values matched and did not.
    private(set) var recognised: [RecogniserTally]

    // MARK: Distinct values

    let distinct = DistinctValues()
    let sketch = HyperLogLog()

    private let temporal: TemporalCandidates
    private let recognisers: [CoreRecogniser]

    init(temporal: TemporalCandidates, recognisers: [CoreRecogniser]) {
        self.temporal = temporal
        self.recognisers = recognisers
        temporalAlive = temporal.formats.count >= 64 ? .max : (UInt64(1) << UInt64(temporal.formats.count)) - 1
        temporalMinimum = Array(repeating: TemporalValue(seconds: .max), count: temporal.formats.count)
        temporalMaximum = Array(repeating: TemporalValue(seconds: .min), count: temporal.formats.count)
        recognised = Array(repeating: RecogniserTally(), count: recognisers.count)
    }

    /// Bit masks of the simple candidate types.
    enum Candidate {
        static let integer: UInt32 = 1 << 0
        static let integerGrouped: UInt32 = 1 << 1
        static let number: UInt32 = 1 << 2
        static let numberGrouped: UInt32 = 1 << 3
        static let booleanTrueFalse: UInt32 = 1 << 4
        static let booleanYesNo: UInt32 = 1 << 5
        static let booleanYN: UInt32 = 1 << 6
        static let uri: UInt32 = 1 << 7
        static let email: UInt32 = 1 << 8
        static let uuid: UInt32 = 1 << 9
        static let numeric: UInt32 = integer | integerGrouped | number | numberGrouped
        static let boolean: UInt32 = booleanTrueFalse | booleanYesNo | booleanYN
        static let all: UInt32 = (1 << 10) - 1
    }

    /// The values read in this column: the total of empty, absent and present.
    var rows: Int { empty + absent + present }

    /// A row that has no cell for this column.
    @inline(__always)
    func observeAbsent() { absent += 1 }

    /// One cell's content, as written.
    @inline(__always)
    func observe(_ bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        if count == 0 {
            empty += 1
            return
        }
        present += 1
        let hash = byteHash(bytes)
        sketch.add(hash)
        distinct.add(bytes, hash: hash)

        var characters = count
        if !UTF8Validation.isASCII(bytes) {
            if UTF8Validation.firstInvalidOffset(bytes) != nil { invalidUTF8 = true }
            characters = UTF8Validation.scalarCount(bytes)
        }
        if characters < minCharacters { minCharacters = characters }
        if characters > maxCharacters { maxCharacters = characters }
        let first = bytes[0], last = bytes[count - 1]
        if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 {
            whitespace += 1
            if whitespaceExample == nil { whitespaceExample = String(decoding: bytes, as: UTF8.self) }
        }
        if count <= NullTokens.maxLength, let token = NullTokens.index(of: bytes) {
            // Possibly a missing value: kept out of the type tests (decided for the whole file later).
            tokenCounts[token] += 1
            return
        }

        if alive & Candidate.numeric != 0 { observeNumber(bytes) }
        if alive & Candidate.boolean != 0 { observeBoolean(bytes) }
        if temporalAlive != 0 { observeTemporal(bytes) }
        if alive & Candidate.uri != 0 && !Self.isWebURI(bytes) { alive &= ~Candidate.uri }
        if alive & Candidate.email != 0 && !SimpleTypes.isEmail(bytes) { alive &= ~Candidate.email }
        if alive & Candidate.uuid != 0 && !SimpleTypes.isUUID(bytes) { alive &= ~Candidate.uuid }
        for index in recognisers.indices where recognised[index].alive {
            observeRecogniser(index, bytes)
        }
    }

    // MARK: Tests

    @inline(__always)
    private func observeNumber(_ bytes: UnsafeRawBufferPointer) {
        var integer: Int64?
        if alive & (Candidate.integer | Candidate.integerGrouped) != 0 {
            if alive & Candidate.integer != 0, let value = NumberParser.parseInteger(bytes, groupChar: nil) {
                integer = value
            } else {
                alive &= ~Candidate.integer
                if alive & Candidate.integerGrouped != 0, Self.isWellGrouped(bytes),
                   let value = NumberParser.parseInteger(bytes, groupChar: UInt8(ascii: ",")) {
                    integer = value
                    if bytes.contains(UInt8(ascii: ",")) { sawGroupSeparator = true }
                } else {
                    alive &= ~Candidate.integerGrouped
                }
            }
        }
        var number: Double?
        if let integer {
            if integer < integerMinimum { integerMinimum = integer }
            if integer > integerMaximum { integerMaximum = integer }
            var digits = 0
            for byte in bytes where byte &- UInt8(ascii: "0") < 10 { digits += 1 }
            if digits > maxIntegerDigits { maxIntegerDigits = digits }
            number = Double(integer)
        } else if alive & (Candidate.number | Candidate.numberGrouped) != 0 {
            if bytes.count > 18, bytes.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) {
                // Digits only, yet not an integer: more than 18 digits.
                overlongDigitStrings += 1
            }
            if alive & Candidate.number != 0,
               let value = NumberParser.parseNumber(bytes, decimalChar: UInt8(ascii: "."), groupChar: nil) {
                number = value
            } else {
                alive &= ~Candidate.number
                if alive & Candidate.numberGrouped != 0, Self.isWellGrouped(bytes),
                   let value = NumberParser.parseNumber(bytes, decimalChar: UInt8(ascii: "."), groupChar: UInt8(ascii: ",")) {
                    number = value
                    if bytes.contains(UInt8(ascii: ",")) { sawGroupSeparator = true }
                } else {
                    alive &= ~Candidate.numberGrouped
                }
            }
        }
        guard let number else { return }
        if number.isFinite {
            finiteNumbers += 1
            if number < numberMinimum { numberMinimum = number }
            if number > numberMaximum { numberMaximum = number }
        }
        // A leading zero before another digit (`007`, `-01`, `00.5`): a code, whatever it parses as.
        var index = 0
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") { index = 1 }
        if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "0"), bytes[index + 1] &- UInt8(ascii: "0") < 10 {
            leadingZeros += 1
            if leadingZeroExample == nil { leadingZeroExample = String(decoding: bytes, as: UTF8.self) }
        }
    }

    /// Commas only between groups of three digits in the integer part (`1,234,567.5`), so that a
    /// list such as `1,2` is not read as twelve.
    private static func isWellGrouped(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        if bytes.count > 0 && (bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+")) { index = 1 }
        var group = 0
        var sawComma = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte &- UInt8(ascii: "0") < 10 {
                group += 1
            } else if byte == UInt8(ascii: ",") {
                if sawComma ? group != 3 : (group == 0 || group > 3) { return false }
                sawComma = true
                group = 0
            } else {
                break
            }
            index += 1
        }
        return !sawComma || group == 3
    }

    @inline(__always)
    private func observeBoolean(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count <= 5 else {
            alive &= ~Candidate.boolean
            return
        }
        let (family, truth) = BooleanFamilies.classify(bytes)
        guard family >= 0 else {
            alive &= ~Candidate.boolean
            return
        }
        alive &= ~(Candidate.boolean & ~(Candidate.booleanTrueFalse << UInt32(family)))
        if truth { sawTrue |= 1 << UInt8(family) } else { sawFalse |= 1 << UInt8(family) }
    }

    @inline(__always)
    private func observeTemporal(_ bytes: UnsafeRawBufferPointer) {
        // Every candidate format starts with a digit and is short.
        guard bytes.count <= 40, bytes[0] &- UInt8(ascii: "0") < 10 else {
            temporalAlive = 0
            return
        }
        var remaining = temporalAlive
        while remaining != 0 {
            let index = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            if let value = temporal.formats[index].parse(bytes) {
                if value < temporalMinimum[index] { temporalMinimum[index] = value }
                if temporalMaximum[index] < value { temporalMaximum[index] = value }
            } else {
                temporalAlive &= ~(UInt64(1) << UInt64(index))
            }
        }
    }

    @inline(__always)
    private func observeRecogniser(_ index: Int, _ bytes: UnsafeRawBufferPointer) {
        if recognisers[index].matches(bytes) {
            recognised[index].matched += 1
            return
        }
        recognised[index].mismatched += 1
        if recognised[index].example == nil { recognised[index].example = String(decoding: bytes, as: UTF8.self) }
        let tally = recognised[index]
        // A tolerant recogniser (postcodes) keeps counting while most values match, to say how many do.
        if !recognisers[index].tolerant || (tally.mismatched > 2 && tally.mismatched * 4 > tally.matched) {
            recognised[index].alive = false
        }
    }

    /// An absolute URI (as the `uri` type reads it) that names a web or mail resource or a URN:
    /// `https://...`, `ftp://...`, `mailto:...`, `urn:...`. A bare `scheme:rest` such as `ref:12`
    /// is a URI to the validator but is not proposed as one.
    static func isWebURI(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard SimpleTypes.isURI(bytes) else { return false }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return false }
        if colon + 2 < bytes.count, bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/") { return true }
        let scheme = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<colon]), as: UTF8.self).lowercased()
        return scheme == "urn" || scheme == "mailto"
    }
}

/// How one `uk-gov/core` recogniser fared on a column.
struct RecogniserTally: Sendable {
    var matched = 0
    var mismatched = 0
    var alive = true
    /// The first value that did not match.
    var example: String?
}

/// Spellings that often stand for "no value" in published CSV. They are kept out of the type
/// tests; the inferrer then decides, for the whole file, whether to declare them `missingValues`.
enum NullTokens {
    static let all = ["NA", "N/A", "n/a", "#N/A", "NULL", "null", "-"]
    static let maxLength = 4
    private static let bytes: [[UInt8]] = all.map { Array($0.utf8) }

    @inline(__always)
    static func index(of value: UnsafeRawBufferPointer) -> Int? {
        let first = value[0]
        guard first == UInt8(ascii: "N") || first == UInt8(ascii: "n") || first == UInt8(ascii: "#") || first == UInt8(ascii: "-") else {
            return nil
        }
        for (index, token) in bytes.enumerated() where token.count == value.count {
            var equal = true
            for offset in 0..<token.count where token[offset] != value[offset] {
                equal = false
                break
            }
            if equal { return index }
        }
        return nil
    }
}

/// The families of boolean spellings `conform infer` recognises, compared in lower case:
/// `true`/`false`, `yes`/`no` and `y`/`n`. (`1`/`0` are left to `integer`.)
enum BooleanFamilies {
    static let names = ["true/false", "yes/no", "y/n"]

    /// The family of a value in any letter case (-1 for none) and whether it says true.
    @inline(__always)
    static func classify(_ bytes: UnsafeRawBufferPointer) -> (family: Int, truth: Bool) {
        // `| 0x20` lower-cases a letter and maps no other byte onto a letter.
        @inline(__always) func word(_ index: Int) -> UInt8 { bytes[index] | 0x20 }
        switch bytes.count {
        case 1:
            if word(0) == UInt8(ascii: "y") { return (2, true) }
            if word(0) == UInt8(ascii: "n") { return (2, false) }
        case 2:
            if word(0) == UInt8(ascii: "n") && word(1) == UInt8(ascii: "o") { return (1, false) }
        case 3:
            if word(0) == UInt8(ascii: "y") && word(1) == UInt8(ascii: "e") && word(2) == UInt8(ascii: "s") { return (1, true) }
        case 4:
            if word(0) == UInt8(ascii: "t") && word(1) == UInt8(ascii: "r") && word(2) == UInt8(ascii: "u") && word(3) == UInt8(ascii: "e") {
                return (0, true)
            }
        case 5:
            if word(0) == UInt8(ascii: "f") && word(1) == UInt8(ascii: "a") && word(2) == UInt8(ascii: "l") && word(3) == UInt8(ascii: "s")
                && word(4) == UInt8(ascii: "e") {
                return (0, false)
            }
        default: break
        }
        return (-1, false)
    }
}

/// The date, datetime and time formats `conform infer` tries, in order of preference: ISO 8601
/// first, then day-first UK forms, month-first (US) forms last.
struct TemporalCandidates: Sendable {
    struct Entry: Sendable {
        var kind: TemporalKind
        /// nil: ISO 8601.
        var pattern: String?
    }

    static let entries: [Entry] = [
        Entry(kind: .date, pattern: nil),
        Entry(kind: .date, pattern: "%d/%m/%Y"),
        Entry(kind: .date, pattern: "%-d/%-m/%Y"),
        Entry(kind: .date, pattern: "%d-%m-%Y"),
        Entry(kind: .date, pattern: "%d.%m.%Y"),
        Entry(kind: .date, pattern: "%Y/%m/%d"),
        Entry(kind: .date, pattern: "%-d %B %Y"),
        Entry(kind: .date, pattern: "%-d %b %Y"),
        Entry(kind: .date, pattern: "%-d-%b-%Y"),
        Entry(kind: .date, pattern: "%m/%d/%Y"),
        Entry(kind: .date, pattern: "%-m/%-d/%Y"),
        Entry(kind: .datetime, pattern: nil),
        Entry(kind: .datetime, pattern: "%Y-%m-%d %H:%M:%S"),
        Entry(kind: .datetime, pattern: "%Y-%m-%d %H:%M:%S.%f"),
        Entry(kind: .datetime, pattern: "%Y-%m-%d %H:%M"),
        Entry(kind: .datetime, pattern: "%Y-%m-%dT%H:%M"),
        Entry(kind: .datetime, pattern: "%d/%m/%Y %H:%M:%S"),
        Entry(kind: .datetime, pattern: "%d/%m/%Y %H:%M"),
        Entry(kind: .time, pattern: nil),
        Entry(kind: .time, pattern: "%H:%M"),
    ]

    let formats: [TemporalFormat]

    init() {
        // The patterns are fixed and known to compile.
        formats = Self.entries.map { try! TemporalFormat(kind: $0.kind, pattern: $0.pattern) }
    }

    /// Index of the month-first alternative of a day-first date pattern, to say when a column reads both ways.
    static func monthFirstAlternative(of pattern: String?) -> String? {
        switch pattern {
        case "%d/%m/%Y": "%m/%d/%Y"
        case "%-d/%-m/%Y": "%-m/%-d/%Y"
        default: nil
        }
    }
}

/// The distinct values of a column while there are at most ``limit`` of them, with how often
/// each occurs: an open-addressing table over a byte arena, looked up by a cell's bytes without
/// making a `String`. Past the limit (or past ``byteLimit`` bytes of values) it gives up and frees
/// its memory; ``HyperLogLog`` then estimates the count.
final class DistinctValues {
    static let limit = 1_000
    static let byteLimit = 256 * 1024
    private static let slots = 2_048

    private var storage: UnsafeMutablePointer<UInt8>?
    private var storageCapacity = 4_096
    private var storageUsed = 0
    private var slotHashes: UnsafeMutablePointer<UInt64>?
    /// Per slot, the entry index + 1 (0: empty).
    private var slotEntries: UnsafeMutablePointer<Int32>?
    private var offsets: [Int32] = []
    private var lengths: [Int32] = []
    /// Occurrences of each entry, in order of first appearance.
    private(set) var counts: [Int] = []
    /// True once there were too many distinct values to keep.
    private(set) var overflowed = false

    init() {
        storage = .allocate(capacity: storageCapacity)
        slotHashes = .allocate(capacity: Self.slots)
        slotEntries = .allocate(capacity: Self.slots)
        slotEntries?.initialize(repeating: 0, count: Self.slots)
        slotHashes?.initialize(repeating: 0, count: Self.slots)
    }

    deinit { release() }

    private func release() {
        storage?.deallocate()
        slotHashes?.deallocate()
        slotEntries?.deallocate()
        storage = nil
        slotHashes = nil
        slotEntries = nil
        offsets = []
        lengths = []
        counts = []
    }

    /// Number of distinct values kept (meaningful while not ``overflowed``).
    var count: Int { counts.count }

    @inline(__always)
    func add(_ bytes: UnsafeRawBufferPointer, hash: UInt64) {
        guard !overflowed, let storage, let slotHashes, let slotEntries else { return }
        let mask = Self.slots - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slotEntries[slot])
            if entry == 0 { break }
            if slotHashes[slot] == hash, Int(lengths[entry - 1]) == bytes.count,
               bytes.count == 0 || memcmp(storage + Int(offsets[entry - 1]), bytes.baseAddress!, bytes.count) == 0 {
                counts[entry - 1] += 1
                return
            }
            slot = (slot + 1) & mask
        }
        if counts.count == Self.limit || storageUsed + bytes.count > Self.byteLimit {
            overflowed = true
            release()
            return
        }
        if storageUsed + bytes.count > storageCapacity {
            var capacity = storageCapacity * 2
            while storageUsed + bytes.count > capacity { capacity *= 2 }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            bigger.update(from: storage, count: storageUsed)
            storage.deallocate()
            self.storage = bigger
            storageCapacity = capacity
        }
        if bytes.count > 0 {
            UnsafeMutableRawPointer(self.storage! + storageUsed).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        }
        offsets.append(Int32(storageUsed))
        lengths.append(Int32(bytes.count))
        counts.append(1)
        storageUsed += bytes.count
        slotHashes[slot] = hash
        slotEntries[slot] = Int32(counts.count)
    }

    /// The values kept, in order of first appearance, with their counts.
    func values() -> [(value: String, count: Int)] {
        guard !overflowed, let storage else { return [] }
        return counts.indices.map { index in
            let bytes = UnsafeRawBufferPointer(start: storage + Int(offsets[index]), count: Int(lengths[index]))
            return (String(decoding: bytes, as: UTF8.self), counts[index])
        }
    }
}

/// A HyperLogLog sketch of 16,384 registers (16 KiB): the number of distinct values of a column
/// to within about 0.8% (one standard error), in fixed memory, from each value's 64-bit hash.
/// Below 2.5 times the register count it counts by linear counting, which is exact enough there.
final class HyperLogLog {
    private static let precision = 14
    private static let registerCount = 1 << precision
    private let registers: UnsafeMutablePointer<UInt8>

    init() {
        registers = .allocate(capacity: Self.registerCount)
        registers.initialize(repeating: 0, count: Self.registerCount)
    }

    deinit { registers.deallocate() }

    @inline(__always)
    func add(_ hash: UInt64) {
        let index = Int(hash >> UInt64(64 - Self.precision))
        let rest = (hash << UInt64(Self.precision)) | (1 << UInt64(Self.precision - 1))
        let rank = UInt8(rest.leadingZeroBitCount + 1)
        if rank > registers[index] { registers[index] = rank }
    }

    /// The estimated number of distinct values added.
    var estimate: Int {
        let m = Double(Self.registerCount)
        var sum = 0.0
        var zeros = 0
        for index in 0..<Self.registerCount {
            let register = registers[index]
            sum += 1 / Double(UInt64(1) << UInt64(register))
            if register == 0 { zeros += 1 }
        }
        let alpha = 0.7213 / (1 + 1.079 / m)
        let raw = alpha * m * m / sum
        if raw <= 2.5 * m && zeros > 0 {
            return Int((m * log(m / Double(zeros))).rounded())
        }
        return Int(raw.rounded())
    }
}
