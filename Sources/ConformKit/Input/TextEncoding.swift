#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The text encodings conform reads. Everything is turned into UTF-8 before parsing.
public enum TextEncoding: String, Sendable, Codable {
    case utf8 = "utf-8"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    case latin1 = "latin-1"
    case windows1252 = "windows-1252"

    /// The encoding a dialect names (`utf-16` means "by its byte order mark, else little-endian").
    init?(declared: String) {
        switch declared.lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "utf-16", "utf-16le", "utf16": self = .utf16LE
        case "utf-16be": self = .utf16BE
        case "latin-1", "latin1", "iso-8859-1": self = .latin1
        case "windows-1252", "cp1252": self = .windows1252
        default: return nil
        }
    }

    /// Detects a byte order mark; returns the encoding and the BOM's length.
    static func byteOrderMark(_ bytes: ArraySlice<UInt8>) -> (TextEncoding, Int)? {
        let b = Array(bytes.prefix(3))
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { return (.utf8, 3) }
        if b.count >= 2, b[0] == 0xFF, b[1] == 0xFE { return (.utf16LE, 2) }
        if b.count >= 2, b[0] == 0xFE, b[1] == 0xFF { return (.utf16BE, 2) }
        return nil
    }

    /// Recognises content that is plainly not text: known binary signatures, or NUL bytes
    /// in an 8-bit encoding. Returns a description of what it looks like.
    static func binarySignature(_ bytes: ArraySlice<UInt8>, encoding: TextEncoding) -> String? {
        let b = Array(bytes.prefix(8))
        let signatures: [([UInt8], String)] = [
            ([0x89, 0x50, 0x4E, 0x47], "a PNG image"), ([0x50, 0x4B, 0x03, 0x04], "a zip archive (an .xlsx or .docx is one)"),
            ([0x25, 0x50, 0x44, 0x46], "a PDF document"), ([0xFF, 0xD8, 0xFF], "a JPEG image"),
            ([0x47, 0x49, 0x46, 0x38], "a GIF image"), ([0xD0, 0xCF, 0x11, 0xE0], "an old Office document (.xls)"),
            ([0x7F, 0x45, 0x4C, 0x46], "an executable"),
        ]
        for (magic, name) in signatures where b.count >= magic.count && Array(b.prefix(magic.count)) == magic {
            return name
        }
        if encoding == .utf8 || encoding == .latin1 || encoding == .windows1252, bytes.contains(0) {
            return "binary data (it contains NUL bytes)"
        }
        return nil
    }
}

/// Transcodes a UTF-16 or single-byte source into UTF-8 on the fly.
final class TranscodingByteSource: ByteSource {
    private let inner: any ByteSource
    private let encoding: TextEncoding
    private let input: UnsafeMutablePointer<UInt8>
    private let inputCapacity = 1 << 16
    private var inputStart = 0
    private var inputEnd = 0
    private var innerDone = false
    private var pendingHighSurrogate: UInt32?

    init(_ inner: any ByteSource, encoding: TextEncoding) {
        self.inner = inner
        self.encoding = encoding
        self.input = .allocate(capacity: inputCapacity)
    }

    deinit { input.deallocate() }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        var written = 0
        let out = buffer.bindMemory(to: UInt8.self)
        let unitSize = (encoding == .utf16LE || encoding == .utf16BE) ? 2 : 1
        while written + 8 <= out.count { // room for the largest step: U+FFFD and a 4-byte character
            let available = inputEnd - inputStart
            if available < unitSize {
                if !innerDone {
                    try refill()
                    continue
                }
                if available > 0 { // a dangling odd byte in UTF-16
                    written += put(0xFFFD, out, written)
                    inputStart = inputEnd
                }
                if pendingHighSurrogate != nil {
                    pendingHighSurrogate = nil
                    written += put(0xFFFD, out, written)
                }
                break
            }
            switch encoding {
            case .latin1:
                written += put(UInt32(input[inputStart]), out, written)
                inputStart += 1
            case .windows1252:
                written += put(TranscodingByteSource.windows1252(input[inputStart]), out, written)
                inputStart += 1
            case .utf16LE, .utf16BE:
                let a = UInt32(input[inputStart]), b = UInt32(input[inputStart + 1])
                inputStart += 2
                let unit = encoding == .utf16LE ? (b << 8 | a) : (a << 8 | b)
                if let high = pendingHighSurrogate {
                    pendingHighSurrogate = nil
                    if (0xDC00...0xDFFF).contains(unit) {
                        written += put(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), out, written)
                        continue
                    }
                    written += put(0xFFFD, out, written)
                }
                if (0xD800...0xDBFF).contains(unit) {
                    pendingHighSurrogate = unit
                } else if (0xDC00...0xDFFF).contains(unit) {
                    written += put(0xFFFD, out, written)
                } else {
                    written += put(unit, out, written)
                }
            case .utf8:
                let count = min(out.count - written, inputEnd - inputStart)
                for i in 0..<count { out[written + i] = input[inputStart + i] }
                inputStart += count
                written += count
            }
        }
        return written
    }

    private func refill() throws(InputError) {
        if inputStart > 0 {
            let remaining = inputEnd - inputStart
            memmove(input, input + inputStart, remaining)
            inputStart = 0
            inputEnd = remaining
        }
        let count = try inner.read(into: UnsafeMutableRawBufferPointer(start: input + inputEnd, count: inputCapacity - inputEnd))
        if count == 0 { innerDone = true }
        inputEnd += count
    }

    private func put(_ scalar: UInt32, _ out: UnsafeMutableBufferPointer<UInt8>, _ at: Int) -> Int {
        switch scalar {
        case 0..<0x80:
            out[at] = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            out[at] = UInt8(0xC0 | (scalar >> 6))
            out[at + 1] = UInt8(0x80 | (scalar & 0x3F))
            return 2
        case 0x800..<0x10000:
            out[at] = UInt8(0xE0 | (scalar >> 12))
            out[at + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            out[at + 2] = UInt8(0x80 | (scalar & 0x3F))
            return 3
        default:
            out[at] = UInt8(0xF0 | (scalar >> 18))
            out[at + 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
            out[at + 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            out[at + 3] = UInt8(0x80 | (scalar & 0x3F))
            return 4
        }
    }

    /// Windows-1252 to Unicode (undefined bytes map to the C1 control of the same value, as WHATWG does).
    static func windows1252(_ byte: UInt8) -> UInt32 {
        guard (0x80...0x9F).contains(byte) else { return UInt32(byte) }
        let table: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
            0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        return table[Int(byte - 0x80)]
    }
}
