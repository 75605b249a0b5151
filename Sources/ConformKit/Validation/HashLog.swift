import Dispatch
import Foundation

/// The (hash, row) of every value of one `unique` field or key in one byte range, appended
/// in row order into partitions chosen by the hash's top bits.
///
/// Appending is a sequential write, so the hot loop does no random memory access for
/// uniqueness; duplicates are found afterwards, partition by partition, in tables small
/// enough to stay in cache (`DuplicateFinder`). 12 bytes per value plus growth slack.
final class HashLog {
    static let partitionBits = 10
    static var partitionCount: Int { 1 << partitionBits }

    private var hashes: [UnsafeMutablePointer<UInt64>?]
    private var rows: [UnsafeMutablePointer<UInt32>?]
    private var counts: [Int]
    private var capacities: [Int]

    init() {
        hashes = Array(repeating: nil, count: HashLog.partitionCount)
        rows = Array(repeating: nil, count: HashLog.partitionCount)
        counts = Array(repeating: 0, count: HashLog.partitionCount)
        capacities = Array(repeating: 0, count: HashLog.partitionCount)
    }

    deinit {
        for p in 0..<HashLog.partitionCount {
            hashes[p]?.deallocate()
            rows[p]?.deallocate()
        }
    }

    @inline(__always)
    static func partition(of hash: UInt64) -> Int { Int(truncatingIfNeeded: hash >> UInt64(64 - partitionBits)) }

    @inline(__always)
    func append(_ hash: UInt64, row: Int) {
        let p = HashLog.partition(of: hash)
        let n = counts[p]
        if n == capacities[p] { grow(p) }
        hashes[p].unsafelyUnwrapped[n] = hash
        rows[p].unsafelyUnwrapped[n] = UInt32(truncatingIfNeeded: row)
        counts[p] = n + 1
    }

    private func grow(_ p: Int) {
        let capacity = max(capacities[p] * 2, 64)
        let newHashes = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        let newRows = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
        if let old = hashes[p] {
            newHashes.update(from: old, count: counts[p])
            old.deallocate()
        }
        if let old = rows[p] {
            newRows.update(from: old, count: counts[p])
            old.deallocate()
        }
        hashes[p] = newHashes
        rows[p] = newRows
        capacities[p] = capacity
    }

    /// Calls `body` with each (hash, row) of partition `p`, in the order appended.
    func forEach(partition p: Int, _ body: (UInt64, Int) -> Void) {
        guard let h = hashes[p], let r = rows[p] else { return }
        for i in 0..<counts[p] { body(h[i], Int(r[i])) }
    }

    func count(partition p: Int) -> Int { counts[p] }
}

/// A value (or key) that occurs more than once: every occurrence as (range, row within the range),
/// in file order. Occurrences share a 64-bit hash; the values are compared exactly later.
struct DuplicateGroup {
    /// Which field (for `unique`) or key the group belongs to.
    var field: Int?
    var key: Int?
    var occurrences: [(range: Int, row: Int)]
}

/// Finds the hashes that occur more than once across the logs of all ranges, in parallel over partitions.
enum DuplicateFinder {
    /// - Parameter logs: per range, the log of one field or key.
    static func groups(logs: [HashLog], field: Int?, key: Int?) -> [DuplicateGroup] {
        let tasks = 16
        let collected = Slots<[DuplicateGroup]>(count: tasks, initial: [])
        let shared = ParallelValidator.UncheckedBox(logs)
        DispatchQueue.concurrentPerform(iterations: tasks) { task in
            let logs = shared.value
            var found: [DuplicateGroup] = []
            // Per partition, an open-addressing table of the hashes seen, each with its first occurrence;
            // only hashes seen again get a list of occurrences.
            var tableHashes: [UInt64] = []
            var tableFirst: [(range: Int32, row: Int32)] = []
            var repeats: [UInt64: [(range: Int, row: Int)]] = [:]
            var repeatOrder: [UInt64] = []
            let first = HashLog.partitionCount * task / tasks
            let last = HashLog.partitionCount * (task + 1) / tasks
            for p in first..<last {
                let total = logs.reduce(0) { $0 + $1.count(partition: p) }
                if total < 2 { continue }
                var size = 16
                while size < total * 2 { size <<= 1 }
                let mask = size - 1
                tableHashes.removeAll(keepingCapacity: true)
                tableHashes.append(contentsOf: repeatElement(0, count: size))
                tableFirst.removeAll(keepingCapacity: true)
                tableFirst.append(contentsOf: repeatElement((range: Int32(-1), row: Int32(-1)), count: size))
                repeats.removeAll(keepingCapacity: true)
                repeatOrder.removeAll(keepingCapacity: true)
                for (range, log) in logs.enumerated() {
                    log.forEach(partition: p) { hash, row in
                        var index = Int(truncatingIfNeeded: hash) & mask
                        while tableFirst[index].range >= 0 && tableHashes[index] != hash { index = (index + 1) & mask }
                        if tableFirst[index].range < 0 {
                            tableHashes[index] = hash
                            tableFirst[index] = (Int32(range), Int32(truncatingIfNeeded: row))
                        } else {
                            if repeats[hash] == nil {
                                let firstSeen = tableFirst[index]
                                repeats[hash] = [(Int(firstSeen.range), Int(UInt32(bitPattern: firstSeen.row)))]
                                repeatOrder.append(hash)
                            }
                            repeats[hash]!.append((range, row))
                        }
                    }
                }
                for hash in repeatOrder {
                    found.append(DuplicateGroup(field: field, key: key, occurrences: repeats[hash]!))
                }
            }
            collected.set(task, found)
        }
        return collected.all.flatMap { $0 }
    }

}
