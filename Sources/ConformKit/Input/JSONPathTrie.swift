/// The fields of a standard as a tree of JSON member names and array indices, so that the
/// JSON reader knows, at every member of a record, whether a field wants its value.
///
/// Node 0 is the record itself. A field without `path:` hangs off the root by its name and
/// by each alias; a field with a path hangs off the node its pointer ends at.
struct JSONPathTrie {
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

    private(set) var nodes: [Node] = [Node(key: [], segment: "", parent: -1, index: nil, isWildcard: false)]

    /// Builds the tree. `paths[f]` is field `f`'s pointer; `names[f]` its name and aliases, used when it has no pointer.
    init(paths: [JSONPointer?], names: [[String]], arrayFields: Set<Int>) {
        for (f, path) in paths.enumerated() {
            if let path {
                let node = insert(path.segments)
                nodes[node].fields.append(f)
                if arrayFields.contains(f) { nodes[node].itemFields.append(f) }
            } else {
                for name in names[f] {
                    let node = insert([name])
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
    }

    private mutating func insert(_ segments: [String]) -> Int {
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

    /// The child of `node` for the member name `key` (-1 when no field wants it).
    @inline(__always)
    func child(of node: Int, key: UnsafeRawBufferPointer) -> Int {
        let entry = nodes[node]
        if entry.childByHash.isEmpty {
            for child in entry.children {
                let candidate = nodes[child].key
                if candidate.count == key.count && candidate.withUnsafeBytes({ $0.elementsEqual(key) }) { return child }
            }
            return -1
        }
        guard let candidates = entry.childByHash[byteHash(key)] else { return -1 }
        for child in candidates where nodes[child].key.withUnsafeBytes({ $0.elementsEqual(key) }) { return child }
        return -1
    }

    /// The child of `node` for array element `index`: a node for that index, else the wildcard (-1 when none).
    @inline(__always)
    func child(of node: Int, index: Int) -> Int {
        let entry = nodes[node]
        for child in entry.children where nodes[child].index == index { return child }
        return entry.wildcard
    }

    /// True when nothing below `node` is wanted (its value is only checked for syntax).
    func isLeaf(_ node: Int) -> Bool {
        nodes[node].children.isEmpty && nodes[node].wildcard < 0 && nodes[node].itemFields.isEmpty
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
