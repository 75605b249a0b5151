/// UTF-8 checks on cell bytes.
enum UTF8Validation {
    /// True when every byte is ASCII (checked 8 bytes at a time).
    @inline(__always)
    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        let count = bytes.count
        var accumulated: UInt64 = 0
        while i + 8 <= count {
            accumulated |= base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < count {
            accumulated |= UInt64(base.load(fromByteOffset: i, as: UInt8.self))
            i += 1
        }
        return accumulated & 0x8080_8080_8080_8080 == 0
    }

    /// True when every byte is ASCII and none is NUL: text that needs no further check
    /// (checked 8 bytes at a time). A CSV file's NUL bytes are not text (`invalid-encoding`).
    @inline(__always)
    static func isPlainText(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        let count = bytes.count
        var accumulated: UInt64 = 0
        while i + 8 <= count {
            let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // The high bit of a byte, or of a byte that was zero (the classic "has a zero byte" test).
            accumulated |= word | ((word &- 0x0101_0101_0101_0101) & ~word)
            i += 8
        }
        while i < count {
            let byte = base.load(fromByteOffset: i, as: UInt8.self)
            accumulated |= byte == 0 ? 0x80 : UInt64(byte)
            i += 1
        }
        return accumulated & 0x8080_8080_8080_8080 == 0
    }

    /// The offset of the first byte that is not part of a valid UTF-8 sequence (or, with
    /// `nul`, that is a NUL byte), or nil when valid.
    static func firstInvalidOffset(_ bytes: UnsafeRawBufferPointer, nul: Bool = false) -> Int? {
        var i = 0
        let count = bytes.count
        while i < count {
            let b0 = bytes[i]
            if b0 < 0x80 {
                if nul && b0 == 0 { return i }
                i += 1
                continue
            }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch b0 {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(b0 & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(b0 & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(b0 & 0x07)
            default: return i
            }
            guard i + length <= count else { return i }
            for k in 1..<length {
                let b = bytes[i + k]
                guard b & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(b & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += length
        }
        return nil
    }

    /// Number of Unicode scalars in valid UTF-8.
    @inline(__always)
    static func scalarCount(_ bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }
}
