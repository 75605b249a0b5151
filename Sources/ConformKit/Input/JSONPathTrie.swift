#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The fields of a standard as a tree of JSON member names and array indices, so that the
/// JSON reader knows, at every member of a record, whether a field wants its value.
///
/// Node 0 is the record itself. A field without `path:` hangs off the root by its name and
/// by each alias; a field with a path hangs off the node its pointer ends at.
///
/// The reader's hot loop reads flat tables (`hot`, `fieldList`, `childList`, `keyBytes`)
/// rather than the `nodes` array, so looking up a member costs no reference counting.
final class JSONPathTrie {
    /// One node, flattened: ranges into the shared lists.
    struct HotNode {
        var fieldStart: Int32 = 0, fieldCount: Int32 = 0
        var itemStart: Int32 = 0, itemCount: Int32 = 0
        var childStart: Int32 = 0, childCount: Int32 = 0
        var keyStart: Int32 = 0, keyCount: Int32 = 0
        var wildcard: Int32 = -1
        /// The segment as an array index (-1 when it is not one).
        var index: Int32 = -1
        var isWildcard = false
    }
    struct Node {
        /// The member name (or index) leading here, as bytes, for matching keys.
        var key: [UInt8]
        /// The segment as written, for building pointers.
        var segment: String
        var parent: Int
        /// The segment read as an array index, when it is one.
        var index: Int?
        var isWildcard: Bool
        var children: [Int] = []
        /// Child nodes by the hash of their key, when there are many.
        var childByHash: [UInt64: [Int]] = [:]
        var wildcard = -1
        /// Fields whose value is the value at this node.
        var fields: [Int] = []
        /// Fields of type `array` here: each element of the array is one of their items.
        var itemFields: [Int] = []
    }

    let nodes: [Node]

    /// Builds the tree. `paths[f]` is field `f`'s pointer; `names[f]` its name and aliases, used when it has no pointer.
    init(paths: [JSONPointer?], names: [[String]], arrayFields: Set<Int>) {
        var nodes = [Node(key: [], segment: "", parent: -1, index: nil, isWildcard: false)]
        for (f, path) in paths.enumerated() {
            if let path {
                let node = Self.insert(path.segments, into: &nodes)
                nodes[node].fields.append(f)
                if arrayFields.contains(f) { nodes[node].itemFields.append(f) }
            } else {
                for name in names[f] {
                    let node = Self.insert([name], into: &nodes)
                    nodes[node].fields.append(f)
                    if arrayFields.contains(f) { nodes[node].itemFields.append(f) }
                }
            }
        }
        for index in nodes.indices where nodes[index].children.count > 8 {
            var table: [UInt64: [Int]] = [:]
            for child in nodes[index].children {
                let hash = nodes[child].key.withUnsafeBytes { byteHash($0) }
                table[hash, default: []].append(child)
            }
            nodes[index].childByHash = table
        }
        self.nodes = nodes
        // The flat tables.
        var fields: [Int32] = [], children: [Int32] = [], keys: [UInt8] = []
        var table: [HotNode] = []
        for node in nodes {
            var hotNode = HotNode()
            hotNode.fieldStart = Int32(fields.count)
            hotNode.fieldCount = Int32(node.fields.count)
            fields += node.fields.map(Int32.init)
            hotNode.itemStart = Int32(fields.count)
            hotNode.itemCount = Int32(node.itemFields.count)
            fields += node.itemFields.map(Int32.init)
            hotNode.childStart = Int32(children.count)
            hotNode.childCount = Int32(node.children.count)
            children += node.children.map(Int32.init)
            hotNode.keyStart = Int32(keys.count)
            hotNode.keyCount = Int32(node.key.count)
            keys += node.key
            hotNode.wildcard = Int32(node.wildcard)
            hotNode.index = node.index.map { Int32(clamping: $0) } ?? -1
            hotNode.isWildcard = node.isWildcard
            table.append(hotNode)
        }
        seen = .allocate(capacity: table.count)
        seen.initialize(repeating: 0, count: table.count)
        guess = .allocate(capacity: table.count)
        guess.initialize(repeating: 0, count: table.count)
        hot = .allocate(capacity: table.count)
        hot.initialize(from: table, count: table.count)
        fieldList = .allocate(capacity: max(fields.count, 1))
        fieldList.initialize(from: fields, count: fields.count)
        childList = .allocate(capacity: max(children.count, 1))
        childList.initialize(from: children, count: children.count)
        keyBytes = .allocate(capacity: max(keys.count, 1))
        keyBytes.initialize(from: keys, count: keys.count)
    }

    deinit {
        guess.deallocate()
        seen.deallocate()
        hot.deallocate()
        fieldList.deallocate()
        childList.deallocate()
        keyBytes.deallocate()
    }

    let hot: UnsafeMutablePointer<HotNode>
    /// Per node: where in its child list to look first (after the child matched last: records tend
    /// to repeat their members in the same order).
    private let guess: UnsafeMutablePointer<Int32>
    /// Per node: the number of the object it was last seen in (see `markSeen`).
    private let seen: UnsafeMutablePointer<UInt64>
    /// Per node: its fields (`fieldStart..<fieldStart+fieldCount`) and its array fields (`itemStart...`).
    let fieldList: UnsafeMutablePointer<Int32>
    let childList: UnsafeMutablePointer<Int32>
    let keyBytes: UnsafeMutablePointer<UInt8>

    private static func insert(_ segments: [String], into nodes: inout [Node]) -> Int {
        var current = 0
        for segment in segments {
            if segment == "*" {
                if nodes[current].wildcard < 0 {
                    nodes.append(Node(key: Array(segment.utf8), segment: segment, parent: current, index: nil, isWildcard: true))
                    nodes[current].wildcard = nodes.count - 1
                }
                current = nodes[current].wildcard
                continue
            }
            let key = Array(segment.utf8)
            if let existing = nodes[current].children.first(where: { nodes[$0].key == key }) {
                current = existing
                continue
            }
            nodes.append(Node(key: key, segment: segment, parent: current, index: JSONPointer.index(of: segment), isWildcard: false))
            nodes[current].children.append(nodes.count - 1)
            current = nodes.count - 1
        }
        return current
    }

    /// Marks `node` as seen in the object numbered `object`; false when it already was (a duplicate member).
    @inline(__always)
    func markSeen(_ node: Int, inObject object: UInt64) -> Bool {
        if seen[node] == object { return false }
        seen[node] = object
        return true
    }

    /// True when `node` was marked seen in the object numbered `object`.
    @inline(__always)
    func wasSeen(_ node: Int, inObject object: UInt64) -> Bool { seen[node] == object }

    /// The child of `node` for the member name `key` (-1 when no field wants it).
    @inline(__always)
    func child(of node: Int, key: UnsafeRawBufferPointer) -> Int {
        let entry = hot[node]
        let count = Int(entry.childCount)
        if count <= 8 {
            guard count > 0 else { return -1 }
            var slot = Int(guess[node])
            for _ in 0..<count {
                let child = Int(childList[Int(entry.childStart) + slot])
                let candidate = hot[child]
                if Int(candidate.keyCount) == key.count && sameBytes(candidate, key) {
                    guess[node] = Int32(slot + 1 == count ? 0 : slot + 1)
                    return child
                }
                slot = slot + 1 == count ? 0 : slot + 1
            }
            return -1
        }
        guard let candidates = nodes[node].childByHash[byteHash(key)] else { return -1 }
        for child in candidates where nodes[child].key.withUnsafeBytes({ $0.elementsEqual(key) }) { return child }
        return -1
    }

    @inline(__always)
    private func sameBytes(_ node: HotNode, _ key: UnsafeRawBufferPointer) -> Bool {
        let count = key.count
        guard count > 0 else { return true }
        let stored = UnsafeRawPointer(keyBytes + Int(node.keyStart)), given = key.baseAddress!
        var i = 0
        while i + 8 <= count {
            if stored.loadUnaligned(fromByteOffset: i, as: UInt64.self) != given.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        while i < count {
            if stored.load(fromByteOffset: i, as: UInt8.self) != given.load(fromByteOffset: i, as: UInt8.self) { return false }
            i += 1
        }
        return true
    }

    /// The child of `node` for array element `index`: a node for that index, else the wildcard (-1 when none).
    @inline(__always)
    func child(of node: Int, index: Int) -> Int {
        let entry = hot[node]
        var i = Int(entry.childStart)
        let end = i + Int(entry.childCount)
        while i < end {
            let child = Int(childList[i])
            if Int(hot[child].index) == index { return child }
            i += 1
        }
        return Int(entry.wildcard)
    }

    /// The pointer of a value at `node`, filling the wildcards, in order, with `indices`,
    /// and adding `item` (an element of an array field) at the end.
    func pointer(of node: Int, indices: ArraySlice<Int32>, item: Int?) -> String {
        var segments: [String] = []
        var current = node
        while current > 0 {
            segments.append(nodes[current].segment)
            current = nodes[current].parent
        }
        segments.reverse()
        var wildcardValues = indices.makeIterator()
        var text = ""
        for segment in segments {
            if segment == "*", let value = wildcardValues.next() {
                text += "/\(value)"
            } else {
                text += "/" + JSONPointer.escape(segment)
            }
        }
        if let item { text += "/\(item)" }
        return text
    }
}
