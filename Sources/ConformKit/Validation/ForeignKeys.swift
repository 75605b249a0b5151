/// The key values of a referenced table: a 64-bit hash of each combination of the referenced
/// fields' values, filled while that table's rows are read. (Two different keys share a hash
/// with a probability of about n²/2⁶⁵ for n keys: a reference to a missing key could pass
/// unseen once in 10¹² runs over ten million keys.)
final class ReferencedKeys: @unchecked Sendable {
    /// The table and fields, as messages name them.
    let reference: String
    private(set) var hashes = Set<UInt64>()
    /// Keys held by more than one row: a reference to one of them is ambiguous.
    private(set) var repeated = Set<UInt64>()
    /// True once every row of the referenced table has been read.
    var isComplete = false

    init(reference: String) { self.reference = reference }

    func insert(_ hash: UInt64) {
        if !hashes.insert(hash).inserted { repeated.insert(hash) }
    }

    /// How many rows hold the key: 0, 1, or 2 for "more than one".
    func rows(_ hash: UInt64) -> Int { hashes.contains(hash) ? (repeated.contains(hash) ? 2 : 1) : 0 }
}

/// What one file's validation does for foreign keys: it collects the keys that references point
/// at (its own, or another table's), and checks its own references against collected keys.
/// A reference to keys not yet complete (this same table) waits until the end of the file.
final class ForeignKeyWork {
    struct Collector {
        var fields: [Int]
        var keys: ReferencedKeys
    }

    struct Check {
        var key: ForeignKey
        var fields: [Int]
        var keys: ReferencedKeys
    }

    /// A reference not found while its keys were still being collected.
    struct Pending {
        var check: Int
        var hash: UInt64
        var row: Int
        var line: Int
        var character: Int?
        var values: [String]
        var pointer: String?
        /// Whether the row failed for other reasons (set when the row ends).
        var rowFailed = false
    }

    var collectors: [Collector]
    var checks: [Check]
    var pending: [Pending] = []
    /// The first pending reference of the current row.
    var pendingOfRow = 0

    init(collectors: [Collector], checks: [Check]) {
        self.collectors = collectors
        self.checks = checks
    }

    /// The hash of a combination of values, the same for the referencing and the referenced side.
    static func hash(_ cells: [UnsafeRawBufferPointer]) -> UInt64 {
        var hash: UInt64 = 0x2545_F491_4F6C_DD1D
        for cell in cells { hash = byteHash(cell, seed: hash &+ 0x9E37) }
        return hash
    }

    /// The work of a standard validated on its own: only references within the table.
    static func forSingleTable(_ compiled: CompiledStandard) -> ForeignKeyWork? {
        var collectors: [Collector] = [], checks: [Check] = []
        for foreign in compiled.foreignKeys {
            guard let referenced = foreign.referenced else { continue }
            let keys = ReferencedKeys(reference: foreign.key.referenceDescription)
            collectors.append(Collector(fields: referenced, keys: keys))
            checks.append(Check(key: foreign.key, fields: foreign.fields, keys: keys))
        }
        return checks.isEmpty ? nil : ForeignKeyWork(collectors: collectors, checks: checks)
    }
}
