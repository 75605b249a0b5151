import CConformSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The set of values (as 64-bit hashes) seen so far in a `unique` field or key, each with the
/// first row that had it; used when the input cannot be re-read (standard input, transcoded
/// text), where duplicates must be found as they come. Open addressing with linear probing over packed 12-byte slots
/// (hash, then row), so a lookup usually touches one cache line; grown at 80% load.
/// (Sizing the table up front from an estimate of the rows was tried: it saves the growth steps
/// but makes every insert a cache miss, and was slower.)
final class HashIndex {
    private static let stride = 12
    private var slots: UnsafeMutableRawPointer
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        let size = HashIndex.tableSize(for: capacity)
        mask = size - 1
        slots = HashIndex.allocate(size)
    }

    deinit { free(slots) }

    /// Bytes held by the table.
    var byteCount: Int { (mask + 1) * HashIndex.stride }

    private static func tableSize(for entries: Int) -> Int {
        var size = 16
        while size * 4 < entries * 5 { size <<= 1 }
        return size
    }

    private static let hugePage = 2 << 20

    /// Zeroed memory for `size` slots. Large tables are 2 MiB-aligned and asked to be backed by huge
    /// pages: lookups are random, and with 4 KiB pages nearly every one also misses the TLB.
    private static func allocate(_ size: Int) -> UnsafeMutableRawPointer {
        let bytes = size * stride
        // posix_memalign for every size, so that free() is always the matching release.
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, bytes >= hugePage ? hugePage : 16, bytes) == 0, let pointer = raw else {
            fatalError("out of memory")
        }
        #if os(Linux)
        if bytes >= hugePage { _ = madvise(pointer, bytes, MADV_HUGEPAGE) }
        #endif
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        return pointer
    }

    /// Makes room for `entries` values at once (no growth steps up to there).
    func reserve(_ entries: Int) {
        let size = HashIndex.tableSize(for: entries)
        if size > mask + 1 { rehash(to: size) }
    }

    /// Starts loading the slot `hash` would go to, so that `firstRow(for:row:)` a little later finds it in
    /// the cache (in a large table nearly every lookup misses it).
    @inline(__always)
    func prefetch(_ hash: UInt64) {
        let key = hash == 0 ? 1 : hash
        conform_prefetch(slots + (Int(truncatingIfNeeded: key) & mask) * HashIndex.stride)
    }

    /// When `hash` was seen before, the first row it was seen in; otherwise records it for `row` and returns nil.
    @inline(__always)
    func firstRow(for hash: UInt64, row: Int) -> Int? {
        let key = hash == 0 ? 1 : hash // 0 marks an empty slot
        var index = Int(truncatingIfNeeded: key) & mask
        while true {
            let slot = slots + index * HashIndex.stride
            let stored = slot.loadUnaligned(as: UInt64.self)
            if stored == key { return Int(slot.loadUnaligned(fromByteOffset: 8, as: UInt32.self)) }
            if stored == 0 {
                slot.storeBytes(of: key, as: UInt64.self)
                slot.storeBytes(of: UInt32(truncatingIfNeeded: row), toByteOffset: 8, as: UInt32.self)
                count += 1
                if count * 5 > (mask + 1) * 4 { rehash(to: (mask + 1) * 2) }
                return nil
            }
            index = (index + 1) & mask
        }
    }

    private func rehash(to size: Int) {
        let old = slots, oldSize = mask + 1
        slots = HashIndex.allocate(size)
        mask = size - 1
        for i in 0..<oldSize {
            let source = old + i * HashIndex.stride
            let key = source.loadUnaligned(as: UInt64.self)
            if key == 0 { continue }
            var index = Int(truncatingIfNeeded: key) & mask
            while (slots + index * HashIndex.stride).loadUnaligned(as: UInt64.self) != 0 { index = (index + 1) & mask }
            (slots + index * HashIndex.stride).copyMemory(from: source, byteCount: HashIndex.stride)
        }
        free(old)
    }
}
