#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The resolved CSV dialect the reader runs with (no optionals: sniffed or defaulted).
public struct CSVDialect: Sendable, Hashable, Codable {
    public var delimiter: UInt8 = UInt8(ascii: ",")
    /// 0 when the dialect has no quoting.
    public var quote: UInt8 = UInt8(ascii: "\"")
    public var doubleQuote: Bool = true
    public var escape: UInt8?
    public var header: Bool = true
    public var headerRows: Int = 1
    /// Records skipped at the start of the stream, before the header (CSVW `skipRows`).
    public var skipRows: Int = 0
    /// Records whose raw bytes start with these are comments, skipped (CSVW `commentPrefix`); empty: none.
    public var commentPrefix: [UInt8] = []
    /// Records whose cells are all empty are skipped (CSVW `skipBlankRows`).
    public var skipBlankRows: Bool = false
    /// Whitespace removed from each cell (CSVW `trim`).
    public var trim: CellTrim = .none

    public init() {}

    /// The dialect for reading from a record start after the header (a byte range of the file):
    /// no rows to skip at its start.
    var afterHeader: CSVDialect {
        var copy = self
        copy.skipRows = 0
        return copy
    }
}

/// A problem of structure the tokenizer saw in the current record.
struct CSVIssue: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A quote inside an unquoted cell, or text after a closing quote.
        case strayQuote
        /// The file ended inside a quoted cell opened on `line`.
        case unclosedQuote(line: Int)
    }

    var kind: Kind
    /// Index of the cell where it was seen.
    var cell: Int
}

/// A record the reader passed over because it is larger than a limit (`InputLimits`): what was
/// too large, and where. The record has no cells; reading goes on with the next record.
struct CSVOversize: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// Cell `index` is `bytes` long as written (quotes included), over `limit`.
        case cell(index: Int, bytes: Int)
        /// The record has `count` cells, over `limit`.
        case cells(count: Int)
        /// The record is `bytes` long, over `limit`.
        case record(bytes: Int)
    }

    var kind: Kind
    /// The limit that was passed (`maxCellSize`, `maxColumns` or `maxRecordSize`).
    var limit: Int
    /// Where the cell (for `.cell` and `.cells`, the first cell over the limit) or the record starts.
    var line: Int
    var character: Int
    /// The first bytes of the cell's content, for display (empty for `.record`).
    var prefix: [UInt8]
    /// The file ended inside a quoted cell opened on this line.
    var unclosedQuoteLine: Int?
}

/// A streaming RFC 4180 tokenizer over UTF-8 bytes.
///
/// `readRecord()` consumes one record; its cells are then available as byte slices
/// (`cell(_:)`) valid until the next call. Unquoted cells and quoted cells without
/// escapes are slices of the read buffer; only cells with doubled or escaped quotes
/// are copied. Memory is bounded by the largest record, not the file.
final class CSVReader {
    struct Cell {
        /// Offset of the content in the buffer or, when `inScratch`, in the scratch area.
        var start: Int
        var count: Int
        var inScratch: Bool
        /// Offset of the cell's first raw byte from the record's first raw byte.
        var rawOffset: Int
        /// Physical line where the cell starts.
        var line: Int
    }

    private enum ParseResult { case complete, needMore, tooManyCells }

    let dialect: CSVDialect
    let limits: InputLimits
    /// Set when the current record was passed over for being over a limit (it then has no cells).
    private(set) var oversize: CSVOversize?
    /// Measures a record that has grown past the cell limit while it is read (nil otherwise).
    private var scanner: CSVRecordScanner?
    /// Stream offset up to which `scanner` has measured the current record.
    private var scannedTo = 0
    /// True when `scannedTo` is the end of the current record.
    private var scannedToEnd = false
    private let source: any ByteSource
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0
    private var end = 0
    private var eof = false
    /// Cells with doubled or escaped quotes, unescaped.
    private var scratch = CellBuffer<UInt8>()

    /// Cells of the current record.
    private(set) var cells = CellBuffer<Cell>()
    /// Structure problems in the current record.
    private(set) var issues: [CSVIssue] = []
    /// Physical line where the current record starts (1-based).
    private(set) var recordLine = 0
    /// Physical line where the next record starts.
    private(set) var nextLine = 1
    /// Offset in the stream of `buffer[0]`.
    private var bufferOffset = 0
    /// Raw bytes of the current record: `buffer[recordStart..<recordEnd]`.
    private var recordStart = 0
    private var recordEnd = 0
    /// Total bytes consumed so far.
    var bytesRead: Int { bufferOffset + start }
    /// Records still to skip at the start (`skipRows`).
    private var rowsToSkip: Int
    /// True when some records are skipped (`skipRows`, `commentPrefix`, `skipBlankRows`).
    private let skips: Bool
    private let trimStart: Bool
    private let trimEnd: Bool

    /// - Parameters:
    ///   - startLine: the physical line the source starts on (for a byte range of a file).
    ///   - baseOffset: the offset in the file of the source's first byte.
    init(source: any ByteSource, dialect: CSVDialect, bufferSize: Int = 1 << 20, startLine: Int = 1, baseOffset: Int = 0,
         limits: InputLimits = .default) {
        self.source = source
        self.limits = limits
        self.nextLine = startLine
        self.bufferOffset = baseOffset
        self.dialect = dialect
        self.capacity = max(bufferSize, 16)
        self.buffer = .allocate(capacity: capacity)
        self.rowsToSkip = dialect.skipRows
        self.skips = dialect.skipRows > 0 || !dialect.commentPrefix.isEmpty || dialect.skipBlankRows
        self.trimStart = dialect.trim == .both || dialect.trim == .start
        self.trimEnd = dialect.trim == .both || dialect.trim == .end
    }

    deinit {
        buffer.deallocate()
        scratch.deallocate()
        cells.deallocate()
    }

    /// Reads the next record. Returns false at the end of the stream. Records the dialect says
    /// are not part of the table (`skipRows` at the start, comments, blank rows when skipped) are
    /// passed over.
    func readRecord() throws(InputError) -> Bool {
        guard skips else { return try readAnyRecord() }
        while try readAnyRecord() {
            if rowsToSkip > 0 {
                rowsToSkip -= 1
                continue
            }
            if !dialect.commentPrefix.isEmpty && recordEnd - recordStart >= dialect.commentPrefix.count
                && dialect.commentPrefix.indices.allSatisfy({ buffer[recordStart + $0] == dialect.commentPrefix[$0] }) {
                continue
            }
            if dialect.skipBlankRows && oversize == nil && (0..<cells.count).allSatisfy({ cells[$0].count == 0 }) { continue }
            return true
        }
        return false
    }

    /// Reads the next record, whatever it is.
    private func readAnyRecord() throws(InputError) -> Bool {
        if oversize != nil { oversize = nil }
        while true {
            if start == end {
                if eof { return false }
                try refill()
                continue
            }
            switch parse() {
            case .complete:
                if scanner != nil { scanner = nil }
                // A record longer than a cell may be: is a cell in it, or the record, over a limit?
                if recordEnd - recordStart > limits.measureThreshold {
                    let (after, line) = (start, nextLine)
                    (start, nextLine) = (recordStart, recordLine)
                    if measureRecord() {
                        try passOverRecord()
                        return true
                    }
                    scanner = nil
                    (start, nextLine) = (after, line)
                }
                return true
            case .tooManyCells:
                try passOverRecord()
                return true
            case .needMore:
                // A record longer than a cell may be: measure it, and pass over it once it is over a limit.
                if end - start > limits.measureThreshold && measureRecord() {
                    try passOverRecord()
                    return true
                }
                try refill()
            }
        }
    }

    /// The content of cell `index` of the current record.
    @inline(__always)
    func cell(_ index: Int) -> UnsafeRawBufferPointer {
        let cell = cells[index]
        let base = cell.inScratch ? scratch.baseAddress : buffer
        return UnsafeRawBufferPointer(start: base + cell.start, count: cell.count)
    }

    /// The 1-based character position of cell `index` on its physical line.
    func characterPosition(ofCell index: Int) -> Int {
        let cellStart = recordStart + cells[index].rawOffset
        var lineStart = recordStart
        var i = cellStart
        while i > recordStart {
            if buffer[i - 1] == 0x0A || buffer[i - 1] == 0x0D { lineStart = i; break }
            i -= 1
        }
        var characters = 0
        for j in lineStart..<cellStart where buffer[j] & 0xC0 != 0x80 { characters += 1 }
        return characters + 1
    }

    /// Byte offset in the stream of cell `index`'s first raw byte.
    func byteOffset(ofCell index: Int) -> Int {
        bufferOffset + recordStart + cells[index].rawOffset
    }

    /// Byte offset in the stream of the byte at `contentOffset` in cell `index`'s content: past
    /// the opening quote, and past the extra byte of every doubled quote or escape before it.
    /// (A slow path: only for findings that name a byte.)
    func byteOffset(ofCell index: Int, contentOffset: Int) -> Int {
        let raw = recordStart + cells[index].rawOffset
        let quote = dialect.quote
        guard quote != 0, raw < recordEnd, buffer[raw] == quote else { return byteOffset(ofCell: index) + contentOffset }
        var i = raw + 1, content = 0
        while i < recordEnd {
            let byte = buffer[i]
            if let escape = dialect.escape, byte == escape, i + 1 < recordEnd {
                i += 1 // the escaped byte is the content
            } else if byte == quote {
                guard dialect.doubleQuote, i + 1 < recordEnd, buffer[i + 1] == quote else {
                    // The closing quote: any content after it (stray bytes) follows it directly.
                    return bufferOffset + i + 1 + (contentOffset - content)
                }
                i += 1 // the second quote of a pair is the content
            }
            if content == contentOffset { break }
            content += 1
            i += 1
        }
        return bufferOffset + i
    }

    /// The start of the scratch area (cells with escaped quotes).
    fileprivate var scratchBase: UnsafeMutablePointer<UInt8> { scratch.baseAddress }

    /// The raw bytes of the current record, as in the file (quotes and line terminator included).
    var recordBytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: buffer + recordStart, count: recordEnd - recordStart)
    }


    // MARK: Tokenizer

    private func refill() throws(InputError) {
        if start > 0 {
            let remaining = end - start
            if remaining > 0 { memmove(buffer, buffer + start, remaining) }
            bufferOffset += start
            end = remaining
            start = 0
        }
        // Grow when little room is left: a transcoding source needs a few bytes of room per character.
        while capacity - end < 64 {
            (buffer, capacity) = grownBuffer(buffer, capacity: capacity, end: end, recordLimit: limits.maxRecordSize)
        }
        (end, eof) = try source.fill(buffer, end: end, capacity: capacity)
    }

    /// Parses one record from `start`. On `.needMore` nothing is consumed.
    private func parse() -> ParseResult {
        cells.removeAll()
        if !issues.isEmpty { issues.removeAll(keepingCapacity: true) }
        scratch.removeAll()
        let delimiter = dialect.delimiter
        let quote = dialect.quote
        let hasQuote = quote != 0
        let doubleQuote = dialect.doubleQuote
        let escape = dialect.escape
        let buf = buffer
        let end = self.end
        let eof = self.eof
        let recordStart = start
        var line = nextLine
        var p = start

        cellLoop: while true {
            let cellStart = p
            let cellLine = line
            if p == end {
                if !eof { return .needMore }
                cells.append(Cell(start: p, count: 0, inScratch: false, rawOffset: p - recordStart, line: line))
                break cellLoop
            }
            if hasQuote && buf[p] == quote {
                p += 1
                var segment = p
                var usesScratch = false
                let scratchStart = scratch.count
                var contentEnd = p
                quoted: while true {
                    if p == end {
                        if !eof { return .needMore }
                        issues.append(CSVIssue(kind: .unclosedQuote(line: cellLine), cell: cells.count))
                        contentEnd = p
                        break quoted
                    }
                    let b = buf[p]
                    if b == quote {
                        if p + 1 == end && !eof { return .needMore }
                        if doubleQuote && p + 1 < end && buf[p + 1] == quote {
                            scratch.append(buf + segment, count: p + 1 - segment)
                            usesScratch = true
                            p += 2
                            segment = p
                            continue quoted
                        }
                        contentEnd = p
                        p += 1
                        break quoted
                    } else if let escape, b == escape {
                        if p + 1 == end && !eof { return .needMore }
                        scratch.append(buf + segment, count: p - segment)
                        usesScratch = true
                        if p + 1 >= end {
                            // The file ends right after the escape character: the cell is never closed.
                            p = end
                            segment = end
                            continue quoted
                        }
                        let escaped = buf[p + 1]
                        if escaped == 0x0D && p + 2 == end && !eof { return .needMore }
                        scratch.append(buf + p + 1, count: 1)
                        if escaped == 0x0A || (escaped == 0x0D && (p + 2 >= end || buf[p + 2] != 0x0A)) { line += 1 }
                        p += 2
                        segment = p
                    } else if b == 0x0A {
                        line += 1
                        p += 1
                    } else if b == 0x0D {
                        if p + 1 == end && !eof { return .needMore }
                        if p + 1 >= end || buf[p + 1] != 0x0A { line += 1 }
                        p += 1
                    } else {
                        p += 1
                    }
                }
                // Text between the closing quote and the next delimiter is stray; keep it, as Python's csv does.
                var trailing = p
                while trailing < end && buf[trailing] != delimiter && buf[trailing] != 0x0A && buf[trailing] != 0x0D {
                    trailing += 1
                }
                if trailing == end && !eof { return .needMore }
                if trailing > p {
                    issues.append(CSVIssue(kind: .strayQuote, cell: cells.count))
                    scratch.append(buf + segment, count: contentEnd - segment)
                    scratch.append(buf + p, count: trailing - p)
                    usesScratch = true
                    p = trailing
                } else if usesScratch {
                    scratch.append(buf + segment, count: contentEnd - segment)
                }
                if usesScratch {
                    cells.append(Cell(start: scratchStart, count: scratch.count - scratchStart, inScratch: true,
                                      rawOffset: cellStart - recordStart, line: cellLine))
                } else {
                    cells.append(Cell(start: segment, count: contentEnd - segment, inScratch: false,
                                      rawOffset: cellStart - recordStart, line: cellLine))
                }
            } else {
                var sawQuote = false
                while p < end {
                    let b = buf[p]
                    if b == delimiter || b == 0x0A || b == 0x0D { break }
                    if hasQuote && b == quote { sawQuote = true }
                    p += 1
                }
                if p == end && !eof { return .needMore }
                if sawQuote { issues.append(CSVIssue(kind: .strayQuote, cell: cells.count)) }
                cells.append(Cell(start: cellStart, count: p - cellStart, inScratch: false,
                                  rawOffset: cellStart - recordStart, line: cellLine))
            }
            if p == end { break cellLoop }
            let b = buf[p]
            if b == delimiter {
                p += 1
                if cells.count >= limits.maxColumns { return .tooManyCells }
                continue cellLoop
            }
            if b == 0x0A {
                p += 1
                line += 1
                break cellLoop
            }
            if b == 0x0D {
                if p + 1 == end && !eof { return .needMore }
                p += 1
                if p < end && buf[p] == 0x0A { p += 1 }
                line += 1
                break cellLoop
            }
        }
        if trimStart || trimEnd { trimCells() }
        recordLine = nextLine
        nextLine = line
        self.recordStart = recordStart
        self.recordEnd = p
        start = p
        return .complete
    }
}

extension CSVReader {
    /// Measures the current record (from `start`, still unread) as far as the buffer holds it.
    /// Returns true when it is over a limit: a cell over `maxCellSize`, more cells than
    /// `maxColumns`, or more bytes than `maxRecordSize`.
    fileprivate func measureRecord() -> Bool {
        if scanner == nil {
            scanner = CSVRecordScanner(dialect: dialect, limits: limits, line: nextLine, offset: bufferOffset + start)
            scannedTo = bufferOffset + start
            scannedToEnd = false
        }
        let from = scannedTo - bufferOffset
        if from < end && !scannedToEnd {
            // The record may end in the buffer (it has too many cells, not too many bytes).
            if let used = scanner!.scan(buffer + from, count: end - from, offset: scannedTo, eof: false) {
                scannedTo += used
                scannedToEnd = true
            } else {
                scannedTo = bufferOffset + end
            }
        }
        // Its size: all of it, when it ends in the buffer; else at least what the buffer holds.
        let size = scannedToEnd ? scannedTo - (bufferOffset + start) : end - start
        return scanner!.isOverLimit || size > limits.maxRecordSize
    }

    /// Passes over the current record, which is over a limit: reads on to its end without
    /// keeping it, and leaves it with no cells and `oversize` saying why.
    fileprivate func passOverRecord() throws(InputError) {
        _ = measureRecord() // as far as the buffer goes (a record with too many cells may not have been measured)
        var scan = scanner!
        scanner = nil
        let recordOffset = bufferOffset + start
        // Of the limits it is over, the one passed first in the file (so the answer does not depend on the buffer).
        let size = scannedToEnd ? scannedTo - recordOffset : end - start
        var over: [(at: Int, kind: CSVOversize.Kind, limit: Int, place: (offset: Int, line: Int))] = []
        if let big = scan.bigCell { over.append((big.offset + limits.maxCellSize, .cell(index: big.index, bytes: 0), limits.maxCellSize, (big.offset, big.line))) }
        if let extra = scan.extraCell { over.append((extra.offset, .cells(count: 0), limits.maxColumns, extra)) }
        if size > limits.maxRecordSize {
            over.append((recordOffset + limits.maxRecordSize, .record(bytes: 0), limits.maxRecordSize, (recordOffset, nextLine)))
        }
        let first = over.min { $0.at < $1.at }
            ?? (recordOffset, .record(bytes: 0), limits.maxRecordSize, (recordOffset, nextLine))
        let (kind, limit, place) = (first.kind, first.limit, first.place)
        var prefix: [UInt8] = []
        // Where it starts, while the record's start is still in the buffer.
        let placeIndex = place.offset - bufferOffset
        var lineStart = placeIndex
        while lineStart > start && buffer[lineStart - 1] != 0x0A && buffer[lineStart - 1] != 0x0D { lineStart -= 1 }
        var character = 1
        for i in lineStart..<placeIndex where buffer[i] & 0xC0 != 0x80 { character += 1 }
        if case .cell = kind {
            var from = placeIndex
            if dialect.quote != 0 && from < end && buffer[from] == dialect.quote { from += 1 }
            // (Bytes up to the cell limit are in the cell, whatever follows it.)
            var to = min(from + 200, placeIndex + limits.maxCellSize + 1, end)
            // Whole characters only.
            while to > from && to < end && buffer[to] & 0xC0 == 0x80 { to -= 1 }
            prefix = Array(UnsafeBufferPointer(start: buffer + from, count: to - from))
        }
        // Read on to the record's end, dropping what has been scanned.
        var p = scannedTo - bufferOffset
        while !scannedToEnd {
            if let used = scan.scan(buffer + p, count: end - p, offset: bufferOffset + p, eof: eof) {
                p += used
                break
            }
            start = end
            try refill()
            p = start
        }
        var oversize = CSVOversize(kind: kind, limit: limit, line: place.line, character: character, prefix: prefix,
                                   unclosedQuoteLine: scan.unclosedQuoteLine)
        switch kind {
        case .cell: oversize.kind = .cell(index: scan.bigCell!.index, bytes: scan.bigCell!.bytes)
        case .cells: oversize.kind = .cells(count: scan.cellCount)
        case .record: oversize.kind = .record(bytes: bufferOffset + p - recordOffset)
        }
        self.oversize = oversize
        cells.removeAll()
        if !issues.isEmpty { issues.removeAll(keepingCapacity: true) }
        scratch.removeAll()
        recordLine = nextLine
        nextLine = scan.line
        start = p
        recordStart = p
        recordEnd = p
    }

    /// Removes the whitespace `trim` asks for from every cell of the record just parsed.
    fileprivate func trimCells() {
        for index in 0..<cells.count {
            var cell = cells[index]
            let base = cell.inScratch ? scratchBase : buffer
            var first = cell.start, end = cell.start + cell.count
            if trimStart { while first < end && Self.isSpace(base[first]) { first += 1 } }
            if trimEnd { while end > first && Self.isSpace(base[end - 1]) { end -= 1 } }
            if first != cell.start || end != cell.start + cell.count {
                cell.start = first
                cell.count = end - first
                cells[index] = cell
            }
        }
    }

    @inline(__always)
    fileprivate static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

/// The cells of the current record: a growable buffer that is never shrunk, so the
/// tokenizers append without the copy-on-write checks of an `Array`. Elements must be
/// trivial (plain values), as they are never deinitialized.
struct CellBuffer<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init() {
        capacity = 64
        base = .allocate(capacity: capacity)
    }

    func deallocate() { base.deallocate() }

    var indices: Range<Int> { 0..<count }
    var isEmpty: Bool { count == 0 }

    @inline(__always)
    subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "cell index out of range")
            return base[index]
        }
        nonmutating set {
            precondition(index >= 0 && index < count, "cell index out of range")
            base[index] = newValue
        }
    }

    @inline(__always)
    mutating func append(_ cell: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: cell)
        count += 1
    }

    /// Appends `n` elements copied from `source`.
    @inline(__always)
    mutating func append(_ source: UnsafePointer<Element>, count n: Int) {
        while count + n > capacity { grow() }
        (base + count).initialize(from: source, count: n)
        count += n
    }

    /// The first element's address (valid until the buffer next grows).
    @inline(__always)
    var baseAddress: UnsafeMutablePointer<Element> { base }

    @inline(__always)
    mutating func removeAll() { count = 0 }

    /// Drops the elements from `newCount` on.
    @inline(__always)
    mutating func truncate(to newCount: Int) { count = min(count, newCount) }

    /// True when one of the first elements from `start` equals `element`.
    @inline(__always)
    func contains(_ element: Element, from start: Int) -> Bool where Element: Equatable {
        var i = start
        while i < count {
            if base[i] == element { return true }
            i += 1
        }
        return false
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}
