#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fast 64-bit hash of a byte string (8 bytes per step, then a strong finaliser).
/// Not cryptographic; used for code-list lookups and unique/key sets.
@inline(__always)
func byteHash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> UInt64 {
    var h = seed ^ (UInt64(bytes.count) &* 0xFF51_AFD7_ED55_8CCD)
    var i = 0
    let count = bytes.count
    guard let base = bytes.baseAddress else { return mix(h) }
    while i + 8 <= count {
        let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        h = (h ^ mix(word)) &* 0x9FB2_1C65_1E98_DF25
        h = (h << 27) | (h >> 37)
        i += 8
    }
    if i < count {
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < count {
            tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
            shift += 8
            i += 1
        }
        h = (h ^ mix(tail)) &* 0x9FB2_1C65_1E98_DF25
    }
    return mix(h)
}

@inline(__always)
private func mix(_ value: UInt64) -> UInt64 {
    var x = value
    x ^= x >> 33
    x = x &* 0xFF51_AFD7_ED55_8CCD
    x ^= x >> 33
    x = x &* 0xC4CE_B9FE_1A85_EC53
    x ^= x >> 33
    return x
}

/// An immutable set of byte strings with allocation-free lookup of a byte slice.
/// Immutable after `init`, so it may be shared between threads.
final class ByteStringSet: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<UInt8>
    /// Open-addressing table: per slot the hash, the offset in `storage` and the length (-1: empty).
    private let slotHashes: UnsafeMutablePointer<UInt64>
    private let slotOffsets: UnsafeMutablePointer<Int32>
    private let slotLengths: UnsafeMutablePointer<Int32>
    private let mask: Int
    /// The members in the order given (duplicates dropped).
    let members: [String]

    init(_ values: [String]) {
        var unique: [String] = []
        var seen = Set<String>()
        for value in values where seen.insert(value).inserted { unique.append(value) }
        members = unique
        var size = 8
        while size < unique.count * 2 { size <<= 1 }
        mask = size - 1
        let total = unique.reduce(0) { $0 + $1.utf8.count }
        storage = .allocate(capacity: max(total, 1))
        slotHashes = .allocate(capacity: size)
        slotOffsets = .allocate(capacity: size)
        slotLengths = .allocate(capacity: size)
        slotHashes.initialize(repeating: 0, count: size)
        slotOffsets.initialize(repeating: 0, count: size)
        slotLengths.initialize(repeating: -1, count: size)
        var offset = 0
        for value in unique {
            let bytes = Array(value.utf8)
            (storage + offset).initialize(from: bytes, count: bytes.count)
            let hash = bytes.withUnsafeBytes { byteHash($0) }
            var index = Int(truncatingIfNeeded: hash) & mask
            while slotLengths[index] >= 0 { index = (index + 1) & mask }
            slotHashes[index] = hash
            slotOffsets[index] = Int32(offset)
            slotLengths[index] = Int32(bytes.count)
            offset += bytes.count
        }
    }

    deinit {
        storage.deallocate()
        slotHashes.deallocate()
        slotOffsets.deallocate()
        slotLengths.deallocate()
    }

    var isEmpty: Bool { members.isEmpty }

    /// True when `bytes` is a member.
    @inline(__always)
    func contains(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let hash = byteHash(bytes)
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let length = Int(slotLengths[index])
            if length < 0 { return false }
            if slotHashes[index] == hash, length == bytes.count,
               length == 0 || memcmp(storage + Int(slotOffsets[index]), bytes.baseAddress!, length) == 0 {
                return true
            }
            index = (index + 1) & mask
        }
    }
}
