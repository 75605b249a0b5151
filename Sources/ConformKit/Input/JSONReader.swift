#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The type of a JSON value.
enum JSONKind: UInt8, Sendable {
    case string, number, `true`, `false`, null, object, array

    /// The name used in messages ("a string", "an object").
    var described: String {
        switch self {
        case .string: "a string"
        case .number: "a number"
        case .true, .false: "a boolean"
        case .null: "null"
        case .object: "an object"
        case .array: "an array"
        }
    }
}

/// How the records are laid out in a JSON file.
enum JSONLayout: Sendable, Equatable {
    /// One value per line (NDJSON, JSON Lines).
    case lines
    /// One document: the records are the elements of the array at the pointer (the root
    /// when the pointer is empty; a root object with an empty pointer is one record).
    case document(records: JSONPointer)
}

/// Where and why a JSON text stopped being valid.
struct JSONSyntaxError: Sendable, Equatable {
    var reason: String
    /// Byte offset in the stream.
    var offset: Int
    var line: Int
    var character: Int
    /// True when reading goes on after it (a bad line of NDJSON).
    var recovered: Bool
    /// The rule: `invalid-json`, or `records-not-found` when the records pointer leads nowhere.
    var rule: String = "invalid-json"
}

/// A JSON record passed over because it is larger than the record limit (`InputLimits.maxRecordSize`).
struct JSONOversize: Sendable, Equatable {
    /// The record's size in bytes (as far as the file goes, when it ends inside it).
    var bytes: Int
    var limit: Int
    var line: Int
    var character: Int
    /// The record's pointer in the document (`/grants/3`), or empty for NDJSON.
    var pointer: String
    /// The 0-based index of the record (its line among the records, for NDJSON).
    var index: Int
}

/// A streaming JSON reader that hands out one record (one object) at a time, with the values
/// the standard's fields want already picked out as byte slices.
///
/// Memory is bounded by the largest record (and, in a document, the largest value skipped on
/// the way to the records), never the file: a record is parsed in place in a buffer that is
/// refilled between records, and grows only when one record does not fit. Strings are slices
/// of the buffer unless they hold escapes, which are decoded into a scratch area.
final class JSONReader {
    /// One value a field wants in the current record.
    struct Cell {
        /// Offset of the content in the buffer (strings without their quotes) or, when `inScratch`, in the scratch area.
        var start: Int
        var count: Int
        var inScratch: Bool
        var kind: JSONKind
        var field: Int32
        /// The trie node the value was found at, and its wildcard indices in `indices`.
        var node: Int32
        var indicesStart: Int32
        var indicesCount: Int32
        /// For an element of an array field: its index (-1 otherwise).
        var item: Int32
        /// Where the value starts in the buffer (its opening quote, for a string).
        var rawStart: Int
        var line: Int
        /// Buffer index where the value's line starts, and characters of that line before the buffer.
        var lineStart: Int
        var lineCarry: Int32
        /// The next cell of the same field (-1 at the end).
        var next: Int32
    }

    /// A member found twice in one object of the current record.
    struct DuplicateMember {
        var name: String
        var pointer: String
        var line: Int
        var character: Int
    }

    /// What `readRecord` found.
    enum Event: Equatable {
        case record
        case syntaxError(JSONSyntaxError)
        /// A record over the record limit, passed over without being read.
        case oversized(JSONOversize)
        case end
    }

    private enum Stop: Error {
        case needMore
        case syntax(String, at: Int)
    }

    private enum State: Equatable {
        case start
        case lines
        case skipLine
        /// Inside the containers of `frames`, looking for the records pointer's segment `frames.count - 1`.
        case navigate
        case recordsFirst
        case recordsNext
        case closing
        case trailing
        case done
        /// Passing over a record over the limit (`oversized`), then back to the records.
        case passOver
    }

    private struct Frame {
        var isObject: Bool
        var index: Int
    }

    let trie: JSONPathTrie
    let layout: JSONLayout
    /// Depth of nesting refused as too deep (no stack overflow on hostile input).
    let maxDepth: Int
    private let source: any ByteSource
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var end = 0
    private var eof = false
    private var bufferOffset: Int
    /// Strings with escapes that are wanted, decoded.
    private var scratch = CellBuffer<UInt8>()

    // Position (buffer indices), committed at the end of each step.
    private var pos = 0
    private var line = 1
    private var lineStart = 0
    private var lineCarry = 0

    private var state: State
    private var frames: [Frame] = []
    private let recordsSegments: [String]
    /// The record size past which a record is passed over rather than held.
    let maxRecordSize: Int
    /// The record being passed over, and how far the skip has gone into it.
    private var oversized: JSONOversize?
    private var skip = ValueSkipper()
    private var offsetBeforeOversized = 0

    // The current record.
    private(set) var cells = CellBuffer<Cell>()
    /// Per field: its first and last cell in the current record (-1 when it has none).
    private let fieldFirstCells: UnsafeMutablePointer<Int32>
    private let fieldLastCells: UnsafeMutablePointer<Int32>
    private let fieldCount: Int
    private(set) var indices: [Int32] = []
    private var wildcardStack: [Int32] = []
    private(set) var duplicates: [DuplicateMember] = []
    /// Members found twice outside the records of a document (in what is skipped on the way to
    /// them or after them, or a second records member), reported once reading ends.
    private(set) var documentDuplicates: [DuplicateMember] = []
    /// Member names of the containers on the way to the records, by depth (to find a second `grants`).
    private var frameNames: [Set<String>] = []
    /// Where a value skipped outside the records sits (its pointer), for duplicates found inside it.
    private var skipBase: String?
    /// The objects and arrays being parsed, innermost last: the member being read (the offset of its
    /// name's opening quote) or the element's index; for the pointers of duplicate members.
    private struct PathEntry { var key: Int, index: Int }
    private var pathStack = CellBuffer<PathEntry>()
    /// Top-level members no field maps, each reported the first time it is seen.
    private(set) var newUnknownMembers: [(name: String, line: Int, character: Int)] = []
    /// Whether top-level members no field wants are collected (`newUnknownMembers`).
    let reportsUnknownMembers: Bool
    /// Hashes of the unknown member names already reported, in an open-addressing table
    /// (at most `unknownLimit` are reported, so it stays at most half full).
    private let unknownTable: UnsafeMutablePointer<UInt64>
    private var unknownCount = 0
    /// Hashes of the names in `newUnknownMembers`.
    private var newUnknownHashes = Set<UInt64>()
    private static let unknownLimit = 1000
    private static let unknownTableSize = 2048
    /// Hashes of the member names of the objects being parsed (each object's from where it started), to find duplicates.
    private var keyHashes = CellBuffer<UInt64>()
    /// Objects parsed so far: each object's number, for `JSONPathTrie.markSeen`.
    private var objectCount: UInt64 = 0
    private(set) var recordKind: JSONKind = .object
    private(set) var recordLine = 0
    private var recordCharacter = 0
    private var recordStart = 0
    private var recordEnd = 0
    /// Index of the current record in its array (or its 0-based line for NDJSON).
    private(set) var recordIndex = -1
    private var recordCount = 0

    init(source: any ByteSource, layout: JSONLayout, trie: JSONPathTrie, fieldCount: Int, bufferSize: Int = 1 << 20,
         baseOffset: Int = 0, maxDepth: Int = 512, reportsUnknownMembers: Bool = true, maxRecordSize: Int = InputLimits.default.maxRecordSize) {
        self.maxRecordSize = min(max(maxRecordSize, 1), Int.max >> 4)
        self.reportsUnknownMembers = reportsUnknownMembers
        unknownTable = .allocate(capacity: JSONReader.unknownTableSize)
        unknownTable.initialize(repeating: 0, count: JSONReader.unknownTableSize)
        self.source = source
        self.layout = layout
        self.trie = trie
        self.maxDepth = maxDepth
        self.bufferOffset = baseOffset
        capacity = max(bufferSize, 64)
        buffer = .allocate(capacity: capacity)
        self.fieldCount = fieldCount
        fieldFirstCells = .allocate(capacity: max(fieldCount, 1))
        fieldFirstCells.initialize(repeating: -1, count: max(fieldCount, 1))
        fieldLastCells = .allocate(capacity: max(fieldCount, 1))
        fieldLastCells.initialize(repeating: -1, count: max(fieldCount, 1))
        switch layout {
        case .lines:
            state = .lines
            recordsSegments = []
        case let .document(records):
            state = .start
            recordsSegments = records.segments
        }
    }

    deinit {
        buffer.deallocate()
        scratch.deallocate()
        cells.deallocate()
        keyHashes.deallocate()
        pathStack.deallocate()
        fieldFirstCells.deallocate()
        fieldLastCells.deallocate()
        unknownTable.deallocate()
    }

    /// The first cell of field `f` in the current record (-1 when it has none); `Cell.next` leads to the others.
    @inline(__always)
    func firstCell(ofField f: Int) -> Int { Int(fieldFirstCells[f]) }

    /// Total bytes consumed so far.
    var bytesRead: Int { bufferOffset + pos }

    /// The pointer of the current record in the document (`/grants/3`), or empty for NDJSON.
    var recordPointer: String {
        guard case .document = layout else { return "" }
        var text = recordsSegments.map { "/" + JSONPointer.escape($0) }.joined()
        if recordIndex >= 0 { text += "/\(recordIndex)" }
        return text
    }

    /// The raw bytes of the current record.
    var recordBytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: buffer + recordStart, count: recordEnd - recordStart)
    }

    /// The 1-based character where the current record starts on `recordLine`.
    var recordCharacterPosition: Int { recordCharacter }

    /// Byte offset in the stream where the current record starts.
    var recordOffset: Int { bufferOffset + recordStart }

    // MARK: Cells

    @inline(__always)
    func cell(_ index: Int) -> UnsafeRawBufferPointer {
        let cell = cells[index]
        return UnsafeRawBufferPointer(start: (cell.inScratch ? scratch.baseAddress : buffer) + cell.start, count: cell.count)
    }

    /// The 1-based character position of cell `index` on its line.
    func characterPosition(ofCell index: Int) -> Int {
        let cell = cells[index]
        return character(at: cell.rawStart, lineStart: cell.lineStart, lineCarry: Int(cell.lineCarry))
    }

    /// Byte offset in the stream of cell `index`'s first raw byte.
    func byteOffset(ofCell index: Int) -> Int { bufferOffset + cells[index].rawStart }

    /// Byte offset in the stream of the byte at `contentOffset` in cell `index`'s content: for a
    /// string with escapes, the place in the raw text that decodes to that byte.
    func byteOffset(ofCell index: Int, contentOffset: Int) -> Int {
        let cell = cells[index]
        guard cell.kind == .string else { return bufferOffset + cell.rawStart + contentOffset }
        var raw = cell.rawStart + 1
        guard cell.inScratch else { return bufferOffset + raw + contentOffset }
        var decoded = 0
        while decoded < contentOffset && raw < end {
            guard buffer[raw] == UInt8(ascii: "\\"), raw + 1 < end else {
                raw += 1
                decoded += 1
                continue
            }
            guard buffer[raw + 1] == UInt8(ascii: "u"), raw + 5 < end else {
                raw += 2
                decoded += 1
                continue
            }
            var scalar: UInt32 = 0
            for i in raw + 2..<raw + 6 { scalar = scalar << 4 | UInt32(Self.hexValue(buffer[i])) }
            if scalar >= 0xD800 && scalar < 0xDC00 {
                raw += 12
                decoded += 4
            } else {
                raw += 6
                decoded += scalar < 0x80 ? 1 : (scalar < 0x800 ? 2 : 3)
            }
        }
        return bufferOffset + raw
    }

    private static func hexValue(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: 0
        }
    }

    /// The JSON Pointer of cell `index` in the document.
    func jsonPointer(ofCell index: Int) -> String {
        let cell = cells[index]
        let wildcards = indices[Int(cell.indicesStart)..<Int(cell.indicesStart + cell.indicesCount)]
        return recordPointer + trie.pointer(of: Int(cell.node), indices: wildcards, item: cell.item >= 0 ? Int(cell.item) : nil)
    }

    // A remembered place on the current line: the character number of a later place is counted
    // from there, so a document on one line (minified JSON) costs linear time, not quadratic.
    private var cursorLineStart = -1
    private var cursorOffset = 0
    private var cursorCharacters = 0

    /// The 1-based character position of buffer index `p` on the line starting at `lineStart`.
    private func character(at p: Int, lineStart: Int, lineCarry: Int) -> Int {
        if cursorLineStart == lineStart && cursorOffset <= p {
            cursorCharacters += JSONReader.scalarCount(buffer, from: cursorOffset, to: p)
        } else {
            cursorCharacters = JSONReader.scalarCount(buffer, from: lineStart, to: p)
        }
        cursorLineStart = lineStart
        cursorOffset = p
        return lineCarry + cursorCharacters + 1
    }

    private static func scalarCount(_ base: UnsafeMutablePointer<UInt8>, from: Int, to: Int) -> Int {
        var characters = 0
        var i = from
        while i < to {
            if base[i] & 0xC0 != 0x80 { characters += 1 }
            i += 1
        }
        return characters
    }

    // MARK: Reading

    /// Reads the next record. Syntax errors are events: after a bad NDJSON line reading goes on;
    /// in a document it stops there.
    func readRecord() throws(InputError) -> Event {
        while true {
            let saved = (pos, line, lineStart, lineCarry, state, frames.count, frames.last?.index ?? 0)
            if !duplicates.isEmpty { duplicates.removeAll() }
            pathStack.removeAll()
            let stop: Stop
            do throws(Stop) {
                if let event = try step() {
                    // A record read whole (it fit the buffer) is held to the same limit as one that did not.
                    if event == .record && recordEnd - recordStart > maxRecordSize { return .oversized(oversizeOfRecord()) }
                    // Only now: a record read again after a refill must report them again.
                    if event == .record {
                        for member in newUnknownMembers where unknownCount < JSONReader.unknownLimit {
                            var name = member.name
                            insertUnknown(name.withUTF8 { byteHash(UnsafeRawBufferPointer($0)) })
                        }
                    }
                    return event
                }
                continue
            } catch {
                stop = error
            }
            // Back to the start of the step: it is read again with more bytes, or the error is placed from there.
            (pos, line, lineStart, lineCarry, state) = (saved.0, saved.1, saved.2, saved.3, saved.4)
            if frames.count > saved.5 { frames.removeLast(frames.count - saved.5) }
            if !frames.isEmpty { frames[frames.count - 1].index = saved.6 }
            switch stop {
            case .needMore:
                if end - pos > maxRecordSize && startPassOver(before: end) { continue }
                try refill()
            case let .syntax(reason, offset):
                // A record already over the limit where the error is: over the limit comes first, as when the buffer is short.
                if startPassOver(before: offset) { continue }
                return .syntaxError(syntaxError(reason, at: offset))
            }
        }
    }

    private func syntaxError(_ reason: String, at offset: Int) -> JSONSyntaxError {
        // Position of `offset`: count lines from the committed position.
        var errorLine = line
        var errorLineStart = lineStart
        var carry = lineCarry
        var i = pos
        while i < offset && i < end {
            if buffer[i] == 0x0A {
                errorLine += 1
                errorLineStart = i + 1
                carry = 0
            }
            i += 1
        }
        let character = carry + JSONReader.scalarCount(buffer, from: errorLineStart, to: min(offset, end)) + 1
        let error = JSONSyntaxError(reason: reason, offset: bufferOffset + offset, line: errorLine, character: character,
                                    recovered: layout == .lines)
        if layout == .lines {
            pos = min(offset, end)
            line = errorLine
            lineStart = errorLineStart
            lineCarry = carry
            state = .skipLine
        } else {
            state = .done
        }
        return error
    }

    private func recordsNotFound() -> JSONSyntaxError {
        state = .done
        var error = JSONSyntaxError(reason: "the document has no array at \(JSONPointer(segments: recordsSegments))",
                                    offset: bufferOffset + pos, line: line,
                                    character: lineCarry + JSONReader.scalarCount(buffer, from: lineStart, to: pos) + 1,
                                    recovered: false)
        error.rule = "records-not-found"
        return error
    }

    /// One step of the document's state machine; nil when it read no record yet.
    private func step() throws(Stop) -> Event? {
        switch state {
        case .done:
            return .end
        case .lines:
            try skipWhitespace(newlines: true)
            if pos == end {
                if eof { state = .done; return .end }
                throw .needMore
            }
            recordIndex = recordCount
            try parseRecord()
            // Only spaces may follow the value on its line.
            try skipWhitespace(newlines: false)
            if pos < end {
                if buffer[pos] == 0x0A { advanceLine() } else { throw .syntax("more than one value on a line", at: pos) }
            } else if !eof {
                throw .needMore
            }
            recordCount += 1
            return .record
        case .skipLine:
            let from = pos
            while pos < end && buffer[pos] != 0x0A { pos += 1 }
            if pos == end {
                if eof { state = .done; return .end }
                // What was skipped is dropped (a long bad line is never held whole); with nothing left, more is read.
                if pos == from { throw .needMore }
                return nil
            }
            advanceLine()
            recordCount += 1
            state = .lines
            return nil
        case .start:
            try skipWhitespace(newlines: true)
            guard pos < end else {
                if eof { throw .syntax("the file is empty: a JSON document was expected", at: pos) }
                throw .needMore
            }
            let byte = buffer[pos]
            if recordsSegments.isEmpty {
                if byte == UInt8(ascii: "[") {
                    pos += 1
                    frames.append(Frame(isObject: false, index: 0))
                    state = .recordsFirst
                    return nil
                }
                // A root object (or any other value) is a single record.
                recordIndex = -1
                try parseRecord()
                state = .trailing
                return .record
            }
            return try enterContainer()
        case .navigate:
            return try navigate()
        case .recordsFirst, .recordsNext:
            try skipWhitespace(newlines: true)
            guard pos < end else { throw eof ? .syntax("the document ends inside the array of records", at: pos) : .needMore }
            if buffer[pos] == UInt8(ascii: "]") {
                pos += 1
                frames.removeLast()
                state = frames.isEmpty ? .trailing : .closing
                return nil
            }
            if state == .recordsNext {
                guard buffer[pos] == UInt8(ascii: ",") else { throw .syntax("expected `,` or `]` after a record", at: pos) }
                pos += 1
                try skipWhitespace(newlines: true)
            }
            recordIndex = recordCount
            try parseRecord()
            recordCount += 1
            state = .recordsNext
            return .record
        case .closing:
            try skipWhitespace(newlines: true)
            guard pos < end else { throw eof ? .syntax("the document ends before it is closed", at: pos) : .needMore }
            let frame = frames[frames.count - 1]
            let byte = buffer[pos]
            if byte == UInt8(ascii: frame.isObject ? "}" : "]") {
                pos += 1
                frames.removeLast()
                if frames.isEmpty { state = .trailing }
                return nil
            }
            guard byte == UInt8(ascii: ",") else {
                throw .syntax(frame.isObject ? "expected `,` or `}` after a member" : "expected `,` or `]` after a value", at: pos)
            }
            pos += 1
            try skipWhitespace(newlines: true)
            let depth = frames.count - 1
            var name: String?
            let namePlace = (line, pos, characterHere())
            if frame.isObject { name = try parseMemberName() }
            try skipMember(name, depth: depth, index: frame.index, place: namePlace)
            return nil
        case .passOver:
            return try passOverStep()
        case .trailing:
            try skipWhitespace(newlines: true)
            if pos < end { throw .syntax("text after the end of the JSON document", at: pos) }
            if !eof { throw .needMore }
            state = .done
            return .end
        }
    }

    /// Opens the container at the current position, on the way to the records.
    /// A value that is not a container on the way leaves the records pointer nowhere to go.
    private func enterContainer() throws(Stop) -> Event? {
        try skipWhitespace(newlines: true)
        guard pos < end else { throw eof ? .syntax("the document ends before the records", at: pos) : .needMore }
        let byte = buffer[pos]
        guard byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") else { return .syntaxError(recordsNotFound()) }
        pos += 1
        frames.append(Frame(isObject: byte == UInt8(ascii: "{"), index: 0))
        state = .navigate
        return nil
    }

    /// Reads one member (or element) of the container on the way to the records.
    private func navigate() throws(Stop) -> Event? {
        let frame = frames[frames.count - 1]
        let segment = recordsSegments[frames.count - 1]
        try skipWhitespace(newlines: true)
        guard pos < end else { throw eof ? .syntax("the document ends before the records", at: pos) : .needMore }
        if buffer[pos] == UInt8(ascii: frame.isObject ? "}" : "]") {
            return .syntaxError(recordsNotFound())
        }
        if frame.index > 0 {
            guard buffer[pos] == UInt8(ascii: ",") else {
                throw .syntax(frame.isObject ? "expected `,` or `}` after a member" : "expected `,` or `]` after a value", at: pos)
            }
            pos += 1
            try skipWhitespace(newlines: true)
        }
        let matches: Bool
        let depth = frames.count - 1
        var name: String?
        let namePlace = (line, pos, characterHere())
        if frame.isObject {
            name = try parseMemberName()
            matches = name == segment
        } else {
            matches = JSONPointer.index(of: segment) == frame.index
        }
        guard matches else {
            try skipMember(name, depth: depth, index: frame.index, place: namePlace)
            return nil
        }
        frames[depth].index += 1
        if let name {
            noteFrameName(name, depth: depth, pointer: framePointer(depth: depth) + "/" + JSONPointer.escape(name), place: namePlace)
        }
        if frames.count == recordsSegments.count {
            try skipWhitespace(newlines: true)
            guard pos < end else { throw eof ? .syntax("the document ends before the records", at: pos) : .needMore }
            guard buffer[pos] == UInt8(ascii: "[") else { return .syntaxError(recordsNotFound()) }
            pos += 1
            frames.append(Frame(isObject: false, index: 0))
            state = .recordsFirst
            return nil
        }
        return try enterContainer()
    }

    /// Skips the value of a member (or element) outside the records, keeping the duplicate members
    /// found in it and the member's name (a second one is itself a duplicate).
    private func skipMember(_ name: String?, depth: Int, index: Int, place: (line: Int, offset: Int, character: Int)) throws(Stop) {
        let base = framePointer(depth: depth) + "/" + (name.map(JSONPointer.escape) ?? String(index))
        skipBase = base
        _ = try parseValue(node: -1, depth: frames.count)
        skipBase = nil
        frames[depth].index += 1
        if let name { noteFrameName(name, depth: depth, pointer: base, place: place) }
        documentDuplicates += duplicates
        duplicates.removeAll()
    }

    /// The pointer of the container at navigation depth `depth` (the records pointer's first segments).
    private func framePointer(depth: Int) -> String {
        recordsSegments.prefix(depth).map { "/" + JSONPointer.escape($0) }.joined()
    }

    /// The character position of `pos` on its line.
    private func characterHere() -> Int { character(at: pos, lineStart: lineStart, lineCarry: lineCarry) }

    /// Records a member name of a container outside the records; a second one is a duplicate.
    private func noteFrameName(_ name: String, depth: Int, pointer: String, place: (line: Int, offset: Int, character: Int)) {
        while frameNames.count <= depth { frameNames.append([]) }
        if !frameNames[depth].insert(name).inserted {
            documentDuplicates.append(DuplicateMember(name: name, pointer: pointer, line: place.line, character: place.character))
        }
    }

    /// Reads `"name" :` and returns the name.
    private func parseMemberName() throws(Stop) -> String {
        guard pos < end else { throw eof ? .syntax("expected a member name", at: pos) : .needMore }
        guard buffer[pos] == UInt8(ascii: "\"") else { throw .syntax("expected a member name in double quotes", at: pos) }
        let mark = scratch.count
        let (start, count, inScratch) = try parseString(decode: true)
        let name = String(decoding: UnsafeRawBufferPointer(start: (inScratch ? scratch.baseAddress : buffer) + start, count: count), as: UTF8.self)
        scratch.truncate(to: mark)
        try skipWhitespace(newlines: true)
        guard pos < end else { throw eof ? .syntax("expected `:`", at: pos) : .needMore }
        guard buffer[pos] == UInt8(ascii: ":") else { throw .syntax("expected `:` after a member name", at: pos) }
        pos += 1
        try skipWhitespace(newlines: true)
        return name
    }

    // MARK: Records

    private func parseRecord() throws(Stop) {
        cells.removeAll()
        if !indices.isEmpty { indices.removeAll(keepingCapacity: true) }
        if !wildcardStack.isEmpty { wildcardStack.removeAll(keepingCapacity: true) }
        keyHashes.removeAll()
        if !duplicates.isEmpty { duplicates.removeAll() }
        if !newUnknownMembers.isEmpty {
            newUnknownMembers.removeAll()
            newUnknownHashes.removeAll()
        }
        fieldFirstCells.update(repeating: -1, count: fieldCount)
        scratch.removeAll()
        recordStart = pos
        recordLine = line
        recordCharacter = character(at: pos, lineStart: lineStart, lineCarry: lineCarry)
        guard pos < end else { throw eof ? .syntax("expected a value", at: pos) : .needMore }
        recordKind = try parseValue(node: 0, depth: frames.count)
        recordEnd = pos
    }

    @inline(__always)
    private func advanceLine() {
        pos += 1
        line += 1
        lineStart = pos
        lineCarry = 0
    }

    /// Skips JSON whitespace; with `newlines: false` (inside an NDJSON record) a line feed ends the skip.
    @inline(__always)
    private func skipWhitespace(newlines: Bool) throws(Stop) {
        if pos < end && buffer[pos] > 0x20 { return } // compact JSON: nothing to skip
        while pos < end {
            let byte = buffer[pos]
            if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                pos += 1
            } else if byte == 0x0A {
                if !newlines { return }
                advanceLine()
            } else {
                return
            }
        }
    }

    /// Whitespace inside a record: in NDJSON a line feed there means the line ended inside the value.
    @inline(__always)
    private func skipInside() throws(Stop) {
        if pos < end && buffer[pos] > 0x20 { return }
        try skipWhitespace(newlines: layout != .lines)
        if pos < end && buffer[pos] == 0x0A { throw .syntax("the line ends inside a value", at: pos) }
    }

    /// Parses one value; when `node` wants it, records it as a cell of each of its fields.
    private func parseValue(node: Int, depth: Int) throws(Stop) -> JSONKind {
        guard pos < end else { throw eof ? .syntax("expected a value", at: pos) : .needMore }
        let rawStart = pos
        let valueLine = line, valueLineStart = lineStart, valueCarry = lineCarry
        var start = pos, count = 0, inScratch = false
        let kind: JSONKind
        switch buffer[pos] {
        case UInt8(ascii: "\""):
            kind = .string
            (start, count, inScratch) = try parseString(decode: node >= 0 && trie.hot[node].fieldCount > 0)
        case UInt8(ascii: "{"):
            kind = .object
            try parseObject(node: node, depth: depth + 1)
        case UInt8(ascii: "["):
            kind = .array
            try parseArray(node: node, depth: depth + 1)
        case UInt8(ascii: "t"):
            kind = .true
            try literal("true")
        case UInt8(ascii: "f"):
            kind = .false
            try literal("false")
        case UInt8(ascii: "n"):
            kind = .null
            try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            kind = .number
            try parseNumber()
        default:
            throw .syntax(JSONReader.unexpected(buffer[pos]), at: pos)
        }
        if kind != .string {
            start = rawStart
            count = pos - rawStart
        }
        if node >= 0 {
            let entry = trie.hot[node]
            var i = Int(entry.fieldStart)
            while i < Int(entry.fieldStart + entry.fieldCount) {
                appendCell(Cell(start: start, count: count, inScratch: inScratch, kind: kind, field: trie.fieldList[i], node: Int32(node),
                                indicesStart: 0, indicesCount: 0, item: -1, rawStart: rawStart, line: valueLine,
                                lineStart: valueLineStart, lineCarry: Int32(clamping: valueCarry), next: -1))
                i += 1
            }
        }
        return kind
    }

    @inline(__always)
    private func appendCell(_ value: Cell) {
        var cell = value
        if !wildcardStack.isEmpty {
            cell.indicesStart = Int32(indices.count)
            cell.indicesCount = Int32(wildcardStack.count)
            indices.append(contentsOf: wildcardStack)
        }
        let index = Int32(cells.count)
        let f = Int(cell.field)
        // Keep each field's cells in document order.
        if fieldFirstCells[f] < 0 {
            fieldFirstCells[f] = index
        } else {
            cells[Int(fieldLastCells[f])].next = index
        }
        fieldLastCells[f] = index
        cells.append(cell)
    }

    private static func unexpected(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "unexpected `\(Character(Unicode.Scalar(byte)))`: expected a value" }
        return "unexpected byte 0x\(String(byte, radix: 16, uppercase: true)): expected a value"
    }

    private func literal(_ word: StaticString) throws(Stop) {
        let count = word.utf8CodeUnitCount
        let bytes = word.utf8Start
        for i in 0..<count {
            guard pos + i < end else {
                if eof { throw .syntax("unexpected end of input in `\(word)`", at: pos + i) }
                throw .needMore
            }
            guard buffer[pos + i] == bytes[i] else { throw .syntax("invalid literal: expected `\(word)`", at: pos) }
        }
        pos += count
        try checkDelimiter()
    }

    /// After a number or literal: the next byte must end it.
    @inline(__always)
    private func checkDelimiter() throws(Stop) {
        if pos == end {
            if !eof { throw .needMore }
            return
        }
        switch buffer[pos] {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"): return
        default: throw .syntax("unexpected `\(Character(Unicode.Scalar(buffer[pos])))` after a value", at: pos)
        }
    }

    private func parseNumber() throws(Stop) {
        let start = pos
        @inline(__always) func byte() throws(Stop) -> UInt8? {
            if pos < end { return buffer[pos] }
            if eof { return nil }
            throw .needMore
        }
        @inline(__always) func digits() throws(Stop) -> Int {
            var n = 0
            while let b = try byte(), b >= 0x30 && b <= 0x39 { pos += 1; n += 1 }
            return n
        }
        if try byte() == UInt8(ascii: "-") { pos += 1 }
        guard let first = try byte(), first >= 0x30 && first <= 0x39 else { throw .syntax("invalid number: a digit must follow `-`", at: pos) }
        if first == 0x30 {
            pos += 1
            if let b = try byte(), b >= 0x30 && b <= 0x39 { throw .syntax("invalid number: leading zero", at: start) }
        } else {
            _ = try digits()
        }
        if try byte() == UInt8(ascii: ".") {
            pos += 1
            guard try digits() > 0 else { throw .syntax("invalid number: a digit must follow the decimal point", at: pos) }
        }
        if let b = try byte(), b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
            pos += 1
            if let sign = try byte(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { pos += 1 }
            guard try digits() > 0 else { throw .syntax("invalid number: the exponent has no digits", at: pos) }
        }
        try checkDelimiter()
    }

    /// Parses a string at `pos` (on its opening quote). Returns where its content is: a slice of the
    /// buffer, or, when it holds escapes and `decode` is set, a decoded copy in the scratch area.
    private func parseString(decode: Bool) throws(Stop) -> (Int, Int, Bool) {
        pos += 1
        let contentStart = pos
        var p = pos
        let end = self.end
        let buffer = self.buffer
        // Fast scan to the closing quote, a backslash or a control character: eight bytes at a time, then one by one.
        while p + 8 <= end {
            let word = UnsafeRawPointer(buffer + p).loadUnaligned(as: UInt64.self)
            if JSONReader.hasSpecialByte(word) { break }
            p += 8
        }
        while p < end {
            let b = buffer[p]
            if b == UInt8(ascii: "\"") {
                pos = p + 1
                return (contentStart, p - contentStart, false)
            }
            if b == UInt8(ascii: "\\") || b < 0x20 { break }
            p += 1
        }
        if p == end {
            pos = p
            throw eof ? .syntax("unterminated string", at: contentStart - 1) : .needMore
        }
        // Slow path: escapes.
        let scratchStart = scratch.count
        if decode { scratch.append(buffer + contentStart, count: p - contentStart) }
        while true {
            guard p < end else { throw eof ? .syntax("unterminated string", at: contentStart - 1) : .needMore }
            let b = buffer[p]
            if b == UInt8(ascii: "\"") {
                pos = p + 1
                return decode ? (scratchStart, scratch.count - scratchStart, true) : (contentStart, p - contentStart, false)
            }
            if b < 0x20 {
                throw .syntax(b == 0x0A ? "unterminated string: a line feed inside a string must be written \\n"
                                        : "control character U+\(hex4(UInt32(b))) inside a string must be escaped", at: p)
            }
            if b != UInt8(ascii: "\\") {
                if decode { scratch.append(buffer + p, count: 1) }
                p += 1
                continue
            }
            guard p + 1 < end else { throw eof ? .syntax("unterminated string", at: contentStart - 1) : .needMore }
            let escaped = buffer[p + 1]
            var decoded: UInt8 = 0
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded = escaped
            case UInt8(ascii: "b"): decoded = 0x08
            case UInt8(ascii: "f"): decoded = 0x0C
            case UInt8(ascii: "n"): decoded = 0x0A
            case UInt8(ascii: "r"): decoded = 0x0D
            case UInt8(ascii: "t"): decoded = 0x09
            case UInt8(ascii: "u"):
                var scalar = try hexQuad(at: p + 2)
                var length = 6
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    guard p + 7 < end || eof else { throw .needMore }
                    guard p + 7 < end, buffer[p + 6] == UInt8(ascii: "\\"), buffer[p + 7] == UInt8(ascii: "u") else {
                        throw .syntax("lone surrogate \\u\(hex4(scalar)) in a string", at: p)
                    }
                    let low = try hexQuad(at: p + 8)
                    guard low >= 0xDC00 && low < 0xE000 else { throw .syntax("lone surrogate \\u\(hex4(scalar)) in a string", at: p) }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    length = 12
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    throw .syntax("lone surrogate \\u\(hex4(scalar)) in a string", at: p)
                }
                if decode {
                    UTF8.encode(Unicode.Scalar(scalar)!) { scratch.append($0) }
                }
                p += length
                continue
            default:
                throw .syntax("invalid escape `\\\(escaped >= 0x21 && escaped < 0x7F ? String(Character(Unicode.Scalar(escaped))) : "?")` in a string", at: p)
            }
            if decode {
                scratch.append(decoded)
            }
            p += 2
        }
    }

    /// True when one of the eight bytes of `word` is `"`, `\` or below 0x20 (SWAR: the high bit of
    /// `(x - 0x01…) & ~x & 0x80…` marks a zero byte, tested on `word ^ '"'`, `word ^ '\'` and, for
    /// control characters, `word - 0x20…`; a byte of 0x80 or more can only give false positives, which the
    /// byte loop then settles).
    @inline(__always)
    static func hasSpecialByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let zeroQuote = (quote &- ones) & ~quote
        let zeroBackslash = (backslash &- ones) & ~backslash
        let control = (word &- ones &* 0x20) & ~word
        return (zeroQuote | zeroBackslash | control) & high != 0
    }

    private func hex4(_ value: UInt32) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }

    private func hexQuad(at index: Int) throws(Stop) -> UInt32 {
        guard index + 4 <= end else { throw eof ? .syntax("unterminated \\u escape", at: index - 2) : .needMore }
        var value: UInt32 = 0
        for i in index..<index + 4 {
            let b = buffer[i]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw .syntax("invalid \\u escape: four hexadecimal digits expected", at: index - 2)
            }
            value = value << 4 | digit
        }
        return value
    }

    private func parseObject(node: Int, depth: Int) throws(Stop) {
        guard depth <= maxDepth else { throw .syntax("nesting deeper than \(maxDepth) levels", at: pos) }
        let objectStart = pos, objectLine = line, objectLineStart = lineStart, objectCarry = lineCarry
        pathStack.append(PathEntry(key: -1, index: -1))
        defer { pathStack.truncate(to: pathStack.count - 1) }
        objectCount &+= 1
        let object = objectCount
        pos += 1
        try skipInside()
        guard pos < end else { throw eof ? .syntax("unterminated object", at: pos) : .needMore }
        if buffer[pos] == UInt8(ascii: "}") {
            pos += 1
            if node >= 0 && !wildcardStack.isEmpty {
                markAbsent(node: node, object: object, at: (objectStart, objectLine, objectLineStart, objectCarry))
            }
            return
        }
        // Hashes of this object's member names, to find duplicates.
        let keysStart = keyHashes.count
        defer { keyHashes.truncate(to: keysStart) }
        // Past 16 names no field wants, they are kept in a set (an object may have many members).
        var manyKeys: Set<UInt64>?
        let tracks = node >= 0
        while true {
            guard pos < end else { throw eof ? .syntax("unterminated object", at: pos) : .needMore }
            guard buffer[pos] == UInt8(ascii: "\"") else {
                throw .syntax(buffer[pos] == UInt8(ascii: "}") ? "trailing comma in an object" : "expected a member name in double quotes", at: pos)
            }
            let keyPosition = pos, keyLine = line, keyLineStart = lineStart, keyCarry = lineCarry
            pathStack[pathStack.count - 1].key = keyPosition
            let mark = scratch.count
            let (start, count, inScratch) = try parseString(decode: true)
            let key = UnsafeRawBufferPointer(start: (inScratch ? scratch.baseAddress : buffer) + start, count: count)
            let child = tracks ? trie.child(of: node, key: key) : -1
            // Duplicate members: a member a field wants is marked on its node; any other by the hash of its name.
            var duplicate: Bool
            if child >= 0 {
                duplicate = !trie.markSeen(child, inObject: object)
            } else {
                let hash = byteHash(key)
                if manyKeys != nil {
                    duplicate = !manyKeys!.insert(hash).inserted
                } else {
                    duplicate = keyHashes.contains(hash, from: keysStart)
                    keyHashes.append(hash)
                    if keyHashes.count - keysStart > 16 {
                        var set = Set<UInt64>()
                        for i in keysStart..<keyHashes.count { set.insert(keyHashes[i]) }
                        manyKeys = set
                    }
                }
                if reportsUnknownMembers && node == 0 && depth == frames.count + 1 && tracks && !unknownReported(hash) {
                    unknownMember(key, hash: hash, line: keyLine,
                                  character: character(at: keyPosition, lineStart: keyLineStart, lineCarry: keyCarry))
                }
            }
            if duplicate {
                duplicateMember(key, node: node, line: keyLine,
                                character: character(at: keyPosition, lineStart: keyLineStart, lineCarry: keyCarry))
            }
            scratch.truncate(to: mark)
            try skipInside()
            guard pos < end else { throw eof ? .syntax("expected `:`", at: pos) : .needMore }
            guard buffer[pos] == UInt8(ascii: ":") else { throw .syntax("expected `:` after a member name", at: pos) }
            pos += 1
            try skipInside()
            _ = try parseValue(node: child, depth: depth)
            try skipInside()
            guard pos < end else { throw eof ? .syntax("unterminated object", at: pos) : .needMore }
            let byte = buffer[pos]
            pos += 1
            if byte == UInt8(ascii: "}") {
                if node >= 0 && !wildcardStack.isEmpty {
                    markAbsent(node: node, object: object, at: (objectStart, objectLine, objectLineStart, objectCarry))
                }
                return
            }
            guard byte == UInt8(ascii: ",") else { throw .syntax("expected `,` or `}` after a member", at: pos - 1) }
            try skipInside()
        }
    }

    /// In an element reached through a `*` (`/locations/3`), a member a field wants that the element
    /// lacks is recorded as absent (a null value), so that `required` holds for every element.
    private func markAbsent(node: Int, object: UInt64, at place: (start: Int, line: Int, lineStart: Int, carry: Int)) {
        let entry = trie.hot[node]
        for i in Int(entry.childStart)..<Int(entry.childStart + entry.childCount) {
            let child = Int(trie.childList[i])
            let childEntry = trie.hot[child]
            guard childEntry.fieldCount > 0, !trie.wasSeen(child, inObject: object) else { continue }
            for j in Int(childEntry.fieldStart)..<Int(childEntry.fieldStart + childEntry.fieldCount) {
                appendCell(Cell(start: place.start, count: 0, inScratch: false, kind: .null, field: trie.fieldList[j], node: Int32(child),
                                indicesStart: 0, indicesCount: 0, item: -1, rawStart: place.start, line: place.line,
                                lineStart: place.lineStart, lineCarry: Int32(clamping: place.carry), next: -1))
            }
        }
    }

    private func parseArray(node: Int, depth: Int) throws(Stop) {
        guard depth <= maxDepth else { throw .syntax("nesting deeper than \(maxDepth) levels", at: pos) }
        pos += 1
        try skipInside()
        guard pos < end else { throw eof ? .syntax("unterminated array", at: pos) : .needMore }
        if buffer[pos] == UInt8(ascii: "]") {
            pos += 1
            return
        }
        let entry = node >= 0 ? trie.hot[node] : JSONPathTrie.HotNode()
        pathStack.append(PathEntry(key: -1, index: 0))
        defer { pathStack.truncate(to: pathStack.count - 1) }
        var index = 0
        while true {
            pathStack[pathStack.count - 1].index = index
            let child = node >= 0 ? trie.child(of: node, index: index) : -1
            let wildcard = child >= 0 && trie.hot[child].isWildcard
            if wildcard { wildcardStack.append(Int32(index)) }
            let itemStart = pos, itemLine = line, itemLineStart = lineStart, itemCarry = lineCarry
            let kind = try parseValue(node: child, depth: depth)
            // `/a/1/x` and `/a/*/y` both want element 1: it is read again for the wildcard's fields.
            if child >= 0 && !wildcard, entry.wildcard >= 0 {
                let wildcardNode = Int(entry.wildcard)
                wildcardStack.append(Int32(index))
                let duplicatesBefore = duplicates.count
                pos = itemStart
                (line, lineStart, lineCarry) = (itemLine, itemLineStart, itemCarry)
                _ = try parseValue(node: wildcardNode, depth: depth)
                if duplicates.count > duplicatesBefore { duplicates.removeLast(duplicates.count - duplicatesBefore) }
                wildcardStack.removeLast()
            }
            for i in Int(entry.itemStart)..<Int(entry.itemStart + entry.itemCount) {
                let f = Int(trie.fieldList[i])
                var start = itemStart, count = pos - itemStart, inScratch = false
                if kind == .string {
                    // Re-read the string's content (decoded when it has escapes).
                    let end = pos
                    pos = itemStart
                    (start, count, inScratch) = try parseString(decode: true)
                    pos = end
                }
                appendCell(Cell(start: start, count: count, inScratch: inScratch, kind: kind, field: Int32(f), node: Int32(node),
                                indicesStart: 0, indicesCount: 0, item: Int32(index), rawStart: itemStart,
                                line: itemLine, lineStart: itemLineStart, lineCarry: Int32(clamping: itemCarry), next: -1))
            }
            if wildcard { wildcardStack.removeLast() }
            index += 1
            try skipInside()
            guard pos < end else { throw eof ? .syntax("unterminated array", at: pos) : .needMore }
            let byte = buffer[pos]
            pos += 1
            if byte == UInt8(ascii: "]") { return }
            guard byte == UInt8(ascii: ",") else { throw .syntax("expected `,` or `]` after a value", at: pos - 1) }
            try skipInside()
            if pos < end && buffer[pos] == UInt8(ascii: "]") { throw .syntax("trailing comma in an array", at: pos) }
        }
    }

    private func duplicateMember(_ key: UnsafeRawBufferPointer, node: Int, line: Int, character: Int) {
        let name = String(decoding: key, as: UTF8.self)
        // The path to the object: the members and indices of the containers around it.
        var pointer = skipBase ?? recordPointer
        for i in 0..<max(pathStack.count - 1, 0) {
            let entry = pathStack[i]
            pointer += "/" + (entry.key >= 0 ? JSONPointer.escape(memberName(at: entry.key)) : String(entry.index))
        }
        duplicates.append(DuplicateMember(name: name, pointer: pointer + "/" + JSONPointer.escape(name), line: line, character: character))
    }

    /// The member name whose opening quote is at buffer index `offset` (already read once, so valid).
    private func memberName(at offset: Int) -> String {
        let saved = pos, mark = scratch.count
        defer {
            pos = saved
            scratch.truncate(to: mark)
        }
        pos = offset
        guard let (start, count, inScratch) = try? parseString(decode: true) else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: (inScratch ? scratch.baseAddress : buffer) + start, count: count), as: UTF8.self)
    }

    /// True when an unknown member name with this hash was already reported (or the limit is reached).
    @inline(__always)
    private func unknownReported(_ hash: UInt64) -> Bool {
        if unknownCount >= JSONReader.unknownLimit { return true }
        let key = hash == 0 ? 1 : hash
        var index = Int(truncatingIfNeeded: key) & (JSONReader.unknownTableSize - 1)
        while true {
            let stored = unknownTable[index]
            if stored == key { return true }
            if stored == 0 { return false }
            index = (index + 1) & (JSONReader.unknownTableSize - 1)
        }
    }

    private func insertUnknown(_ hash: UInt64) {
        let key = hash == 0 ? 1 : hash
        var index = Int(truncatingIfNeeded: key) & (JSONReader.unknownTableSize - 1)
        while unknownTable[index] != 0 {
            if unknownTable[index] == key { return }
            index = (index + 1) & (JSONReader.unknownTableSize - 1)
        }
        unknownTable[index] = key
        unknownCount += 1
    }

    private func unknownMember(_ key: UnsafeRawBufferPointer, hash: UInt64, line: Int, character: Int) {
        guard unknownCount + newUnknownMembers.count < JSONReader.unknownLimit, newUnknownHashes.insert(hash).inserted else { return }
        let bytes = Array(key)
        newUnknownMembers.append((name: String(decoding: bytes, as: UTF8.self), line: line, character: character))
    }

    // MARK: Buffer

    // MARK: Records over the limit

    /// At a record step that needs more than `maxRecordSize` bytes before `limit` (the buffer's
    /// end, or where a syntax error is): starts passing over the record (`state` `.passOver`)
    /// and returns true; false when the step is not a record or the record is not over the limit there.
    private func startPassOver(before limit: Int) -> Bool {
        switch state {
        case .lines, .recordsFirst, .recordsNext: break
        case .start where recordsSegments.isEmpty: break
        default: return false
        }
        // The record's first byte: past spaces and, between records, the comma.
        var p = pos, newLine = line, newLineStart = lineStart, carry = lineCarry
        func skipSpaces() {
            while p < end {
                let byte = buffer[p]
                if byte == 0x0A {
                    newLine += 1
                    newLineStart = p + 1
                    carry = 0
                } else if byte != 0x20 && byte != 0x09 && byte != 0x0D {
                    return
                }
                p += 1
            }
        }
        skipSpaces()
        if state == .recordsNext && p < end && buffer[p] == UInt8(ascii: ",") {
            p += 1
            skipSpaces()
        }
        // Over the limit when more than the limit comes before `limit` and the value does not end
        // there (a short record followed by many spaces is not: the spaces are what needs more).
        guard limit - p > maxRecordSize else { return false }
        if state == .start && buffer[p] == UInt8(ascii: "[") { return false }
        var measure = ValueSkipper(lines: layout == .lines)
        if let valueEnd = measure.skip(buffer, from: p, to: limit, eof: false, newline: { _ in }), valueEnd - p <= maxRecordSize {
            return false
        }
        (pos, line, lineStart, lineCarry) = (p, newLine, newLineStart, carry)
        let index = recordCount
        recordIndex = index
        var pointer = ""
        if case .document = layout { pointer = recordsSegments.map { "/" + JSONPointer.escape($0) }.joined() + (state == .start ? "" : "/\(index)") }
        oversized = JSONOversize(bytes: 0, limit: maxRecordSize, line: line, character: characterHere(), pointer: pointer, index: index)
        offsetBeforeOversized = bufferOffset + pos
        skip = ValueSkipper(lines: layout == .lines)
        passOverFrom = state
        state = .passOver
        return true
    }

    /// The current record (read whole) as a record over the limit.
    private func oversizeOfRecord() -> JSONOversize {
        JSONOversize(bytes: recordEnd - recordStart, limit: maxRecordSize, line: recordLine, character: recordCharacter,
                     pointer: recordPointer, index: recordIndex)
    }

    /// The state to go back to after a record passed over.
    private var passOverFrom = State.lines

    /// Skips as much of the record being passed over as the buffer holds; the event once it ends.
    private func passOverStep() throws(Stop) -> Event? {
        let done = skip.skip(buffer, from: pos, to: end, eof: eof) { newline in
            line += 1
            lineStart = newline + 1
            lineCarry = 0
        }
        guard let done else {
            // Nothing left to skip in the buffer: more is needed; else what was skipped is dropped.
            if pos == end { throw .needMore }
            pos = end
            return nil
        }
        pos = done
        var event = oversized!
        event.bytes = bufferOffset + pos - offsetBeforeOversized
        oversized = nil
        recordCount += 1
        switch passOverFrom {
        case .lines:
            state = .skipLine
            recordCount -= 1 // counted when the line ends
        case .start: state = .trailing
        default: state = .recordsNext
        }
        return .oversized(event)
    }

    /// Keeps the bytes from the committed position on, reads more, and grows the buffer when
    /// one step (a record) does not fit.
    private func refill() throws(InputError) {
        if eof { return }
        cursorLineStart = -1
        if pos > 0 {
            // Characters of the current line that leave the buffer are carried.
            if lineStart < pos {
                lineCarry += JSONReader.scalarCount(buffer, from: lineStart, to: pos)
                lineStart = pos
            }
            let remaining = end - pos
            if remaining > 0 { memmove(buffer, buffer + pos, remaining) }
            bufferOffset += pos
            lineStart -= pos
            end = remaining
            pos = 0
        }
        // Grow when a quarter or less is left (and, at the record limit, only when almost nothing is).
        if capacity - end < capacity / 4 && (capacity < maxRecordSize + 65536 || capacity - end < 64) {
            (buffer, capacity) = grownBuffer(buffer, capacity: capacity, end: end, recordLimit: maxRecordSize)
        }
        (end, eof) = try source.fill(buffer, end: end, capacity: capacity)
    }
}

/// Reads over one JSON value chunk by chunk without keeping it: strings (with escapes), nested
/// objects and arrays, and scalars; for NDJSON, the rest of the line. The slow path for
/// records over the record limit.
struct ValueSkipper {
    private let lines: Bool
    private var started = false
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var scalar = false

    init(lines: Bool = false) { self.lines = lines }

    /// Skips from `from` to at most `to`; returns where the value ends (for NDJSON: the line
    /// feed ending the line, not consumed), or nil when it goes on past `to` (or, at `eof`, the end).
    /// `newline` is told the index of each line feed passed.
    mutating func skip(_ buffer: UnsafeMutablePointer<UInt8>, from: Int, to: Int, eof: Bool,
                       newline: (Int) -> Void) -> Int? {
        var p = from
        while p < to {
            let byte = buffer[p]
            // In NDJSON a line feed ends the record, whatever it is inside.
            if lines && byte == 0x0A { return p }
            if inString {
                // Up to the next quote or backslash, at memchr's speed.
                if escaped {
                    escaped = false
                    if byte == 0x0A { newline(p) } // (invalid JSON, but the line is counted)
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { return p + 1 }
                } else if byte == 0x0A {
                    newline(p)
                } else if lines {
                    p += 1
                    continue
                } else {
                    let rest = to - p
                    let quote = memchr(buffer + p, Int32(UInt8(ascii: "\"")), rest).map { UnsafeMutablePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - buffer } ?? to
                    let slash = memchr(buffer + p, Int32(UInt8(ascii: "\\")), quote - p).map { UnsafeMutablePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - buffer } ?? quote
                    var q = p
                    while q < slash, let found = memchr(buffer + q, 0x0A, slash - q) {
                        let at = UnsafeMutablePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - buffer
                        newline(at)
                        q = at + 1
                    }
                    p = slash
                    continue
                }
                p += 1
                continue
            }
            if scalar {
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") || byte <= 0x20 { return p }
                p += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                started = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                started = true
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return p } // not part of the value (a malformed record)
                depth -= 1
                if depth == 0 { return p + 1 }
            case 0x0A:
                newline(p)
            case 0x20, 0x09, 0x0D, UInt8(ascii: ","), UInt8(ascii: ":"):
                break
            default:
                if !started && depth == 0 {
                    scalar = true
                    started = true
                }
            }
            p += 1
        }
        return eof ? to : nil
    }
}
