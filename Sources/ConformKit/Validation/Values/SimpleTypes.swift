/// Byte-level validators for the Table Schema string formats and `year`, run once per cell;
/// none of them allocates.
enum SimpleTypes {
    // MARK: - uuid

    /// Whether `bytes` is a UUID written `8-4-4-4-12` in hexadecimal digits of either case.
    /// Version and variant bits are not checked.
    static func isUUID(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == 36 else { return false }
        for index in 0..<36 {
            let byte = bytes[index]
            switch index {
            case 8, 13, 18, 23:
                guard byte == UInt8(ascii: "-") else { return false }
            default:
                guard isHexDigit(byte) else { return false }
            }
        }
        return true
    }

    // MARK: - email

    /// Whether `bytes` looks like an email address, pragmatically:
    /// - exactly one `@`;
    /// - a non-empty local part of printable ASCII other than space, or well-formed UTF-8
    ///   (no C1 controls);
    /// - a domain of at least two dot-separated labels, each 1–63 ASCII letters, digits or
    ///   hyphens, neither starting nor ending with a hyphen, the last (the TLD) at least two
    ///   letters and letters only.
    static func isEmail(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        var index = 0
        // Local part, up to the `@`.
        while index < count && bytes[index] != UInt8(ascii: "@") {
            let byte = bytes[index]
            if byte < 0x80 {
                guard byte > 0x20 && byte < 0x7F else { return false }
                index += 1
            } else {
                guard let length = utf8SequenceLength(bytes, at: index) else { return false }
                index += length
            }
        }
        guard index > 0, index < count else { return false }
        index += 1 // the `@`
        // Domain: labels separated by dots.
        var labels = 0
        var labelStart = index
        var labelIsLetters = true
        while true {
            let atEnd = index == count
            if atEnd || bytes[index] == UInt8(ascii: ".") {
                let length = index - labelStart
                guard length >= 1, length <= 63,
                      bytes[labelStart] != UInt8(ascii: "-"),
                      bytes[index - 1] != UInt8(ascii: "-")
                else { return false }
                labels += 1
                if atEnd {
                    return labels >= 2 && length >= 2 && labelIsLetters
                }
                index += 1
                labelStart = index
                labelIsLetters = true
                continue
            }
            let byte = bytes[index]
            let isLetter = (byte | 0x20) &- UInt8(ascii: "a") < 26
            let isDigit = byte &- UInt8(ascii: "0") < 10
            guard isLetter || isDigit || byte == UInt8(ascii: "-") else { return false }
            if !isLetter { labelIsLetters = false }
            index += 1
        }
    }

    // MARK: - uri

    /// Whether `bytes` is an absolute URI as RFC 3986 shapes it: a scheme
    /// (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`), `:`, then at least one character.
    ///
    /// After the scheme there may be no space, no control character and none of
    /// `"` `<` `>` `\` `^` `` ` `` `{` `|` `}`, and a `%` must start a `%XX` hex escape.
    /// Well-formed non-ASCII UTF-8 is let through, as IRIs allow.
    static func isURI(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        guard count >= 3, isLetter(bytes[0]) else { return false }
        var index = 1
        while index < count && bytes[index] != UInt8(ascii: ":") {
            let byte = bytes[index]
            guard isLetter(byte) || byte &- UInt8(ascii: "0") < 10
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            else { return false }
            index += 1
        }
        index += 1 // the `:`
        guard index < count else { return false }
        while index < count {
            let byte = bytes[index]
            if byte >= 0x80 {
                guard let length = utf8SequenceLength(bytes, at: index) else { return false }
                index += length
                continue
            }
            switch byte {
            case 0x00...0x20, 0x7F,
                 UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"),
                 UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"):
                return false
            case UInt8(ascii: "%"):
                guard index + 2 < count, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) else { return false }
                index += 3
            default:
                index += 1
            }
        }
        return true
    }

    // MARK: - year

    /// Parses a Table Schema `year`: an optional `-` then exactly four ASCII digits.
    static func parseYear(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let negative = bytes.count == 5 && bytes[0] == UInt8(ascii: "-")
        let start = negative ? 1 : 0
        guard bytes.count - start == 4 else { return nil }
        var value = 0
        for index in start..<bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return negative ? -value : value
    }

    // MARK: - Helpers

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26
    }

    @inline(__always)
    private static func isHexDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10 || (byte | 0x20) &- UInt8(ascii: "a") < 6
    }

    /// The length of the well-formed UTF-8 sequence at `index` whose scalar is at least
    /// U+00A0 (so no C1 control), or `nil`. Rejects overlong forms, surrogates and
    /// anything above U+10FFFF.
    private static func utf8SequenceLength(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int? {
        let lead = bytes[index]
        let length: Int
        var scalar: UInt32
        switch lead {
        case 0xC2...0xDF: (length, scalar) = (2, UInt32(lead & 0x1F))
        case 0xE0...0xEF: (length, scalar) = (3, UInt32(lead & 0x0F))
        case 0xF0...0xF4: (length, scalar) = (4, UInt32(lead & 0x07))
        default: return nil
        }
        guard length <= bytes.count - index else { return nil }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
        }
        switch length {
        case 2: guard scalar >= 0xA0 else { return nil }
        case 3: guard scalar >= 0x800, !(0xD800...0xDFFF).contains(scalar) else { return nil }
        default: guard scalar >= 0x10000, scalar <= 0x10FFFF else { return nil }
        }
        return length
    }
}

/// The spellings a `boolean` field accepts, matched byte for byte (no case folding, no
/// trimming) without allocating.
///
/// A spelling in both lists reads as `true`.
struct BooleanValues: Sendable, Hashable {
    /// Table Schema's default spellings of true.
    static let defaultTrueValues = ["true", "True", "TRUE", "1"]
    /// Table Schema's default spellings of false.
    static let defaultFalseValues = ["false", "False", "FALSE", "0"]

    /// The spellings of true, as given.
    let trueValues: [String]
    /// The spellings of false, as given.
    let falseValues: [String]

    /// One spelling: its bytes in `storage` and what it means.
    private struct Entry: Sendable, Hashable {
        var start: Int
        var count: Int
        var value: Bool
    }

    private let storage: [UInt8]
    private let entries: [Entry]

    /// Spellings from a standard; the defaults are Table Schema's.
    init(trueValues: [String] = BooleanValues.defaultTrueValues,
         falseValues: [String] = BooleanValues.defaultFalseValues) {
        self.trueValues = trueValues
        self.falseValues = falseValues
        var storage: [UInt8] = []
        var entries: [Entry] = []
        for (values, meaning) in [(trueValues, true), (falseValues, false)] {
            for value in values {
                let start = storage.count
                storage.append(contentsOf: value.utf8)
                entries.append(Entry(start: start, count: storage.count - start, value: meaning))
            }
        }
        self.storage = storage
        self.entries = entries
    }

    /// `true` or `false` when `bytes` is exactly one of the spellings, else `nil`.
    func parse(_ bytes: UnsafeRawBufferPointer) -> Bool? {
        storage.withUnsafeBufferPointer { storage -> Bool? in
            for entry in entries where entry.count == bytes.count {
                var index = 0
                while index < entry.count && storage[entry.start + index] == bytes[index] {
                    index += 1
                }
                if index == entry.count { return entry.value }
            }
            return nil
        }
    }
}
