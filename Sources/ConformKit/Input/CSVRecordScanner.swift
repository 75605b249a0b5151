#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Walks one CSV record chunk by chunk without keeping it: where it ends, how many lines and
/// cells it has, and which cell is the first over the cell limit.
///
/// It is the slow path for records too large to hold (`CSVReader` passes over them) and follows
/// the tokenizer's reading exactly: quotes, doubled quotes, an escape character, text after a
/// closing quote, and CR, LF and CRLF line ends, inside and outside quotes.
struct CSVRecordScanner {
    private enum State { case cellStart, unquoted, quoted, quoteSeen, escaped, afterCR }

    private let delimiter: UInt8
    private let quote: UInt8
    private let doubleQuote: Bool
    private let escape: UInt8?
    private let maxCellSize: Int
    private let maxColumns: Int
    private var state = State.cellStart
    private var previousCR = false

    /// The line the scan is on (after the record: the line the next record starts on).
    private(set) var line: Int
    /// Cells ended so far.
    private(set) var cellCount = 0
    /// Bytes scanned so far.
    private(set) var recordBytes = 0
    /// The current cell: its bytes so far, its first byte's stream offset and line.
    private(set) var cellBytes = 0
    private(set) var cellOffset: Int
    private(set) var cellLine: Int
    /// The first cell over the cell limit: its index, stream offset, line, and size once it has ended.
    private(set) var bigCell: (index: Int, offset: Int, line: Int, bytes: Int)?
    /// The first cell past the column limit: its stream offset and line.
    private(set) var extraCell: (offset: Int, line: Int)?
    /// Set when the stream ended inside a quoted cell: the line its quote opened on.
    private(set) var unclosedQuoteLine: Int?

    init(dialect: CSVDialect, limits: InputLimits, line: Int, offset: Int) {
        delimiter = dialect.delimiter
        quote = dialect.quote
        doubleQuote = dialect.doubleQuote
        escape = dialect.escape
        maxCellSize = limits.maxCellSize
        maxColumns = limits.maxColumns
        self.line = line
        cellLine = line
        cellOffset = offset
    }

    /// True when the record is over the cell or column limit (as far as it has been scanned).
    var isOverLimit: Bool { bigCell != nil || extraCell != nil || cellBytes > maxCellSize }

    /// Scans `count` bytes that start at stream offset `offset`. Returns how many of them belong
    /// to the record when it ends among them (always, when `eof`), or nil when the record goes on.
    mutating func scan(_ base: UnsafePointer<UInt8>, count: Int, offset: Int, eof: Bool) -> Int? {
        var p = 0
        defer { recordBytes += p }
        while p < count {
            let b = base[p]
            switch state {
            case .afterCR:
                // The record ended with CR; an LF right after it is part of the line end.
                if b == 0x0A { p += 1 }
                return p
            case .cellStart:
                cellBytes = 0
                cellOffset = offset + p
                cellLine = line
                if quote != 0 && b == quote {
                    state = .quoted
                    cellBytes = 1
                    p += 1
                } else {
                    state = .unquoted
                }
            case .unquoted:
                if b != delimiter && b != 0x0A && b != 0x0D {
                    // The content up to the cell's end, at memchr's speed (window by window, so many
                    // short cells cost no more than one pass).
                    let stop = Self.firstOf(delimiter, 0x0A, 0x0D, in: base, from: p, to: count)
                    cellBytes += stop - p
                    p = stop
                    if cellBytes > maxCellSize && bigCell == nil { bigCell = (cellCount, cellOffset, cellLine, 0) }
                    continue
                }
                if b == delimiter {
                    endCell()
                    state = .cellStart
                    p += 1
                    if cellCount >= maxColumns && extraCell == nil { extraCell = (offset + p, line) }
                } else if b == 0x0A {
                    endCell()
                    line += 1
                    p += 1
                    return p
                } else if b == 0x0D {
                    endCell()
                    line += 1
                    state = .afterCR
                    p += 1
                } else {
                    cellBytes += 1
                    p += 1
                }
            case .quoted:
                if escape == nil {
                    // The content up to the next quote, at memchr's speed, counting its line ends.
                    let rest = count - p
                    let found = memchr(base + p, Int32(quote), rest)
                    let span = found.map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - (base + p) } ?? rest
                    countLines(base + p, span)
                    cellBytes += span
                    p += span
                    if p < count {
                        state = .quoteSeen
                        cellBytes += 1
                        p += 1
                        previousCR = false
                    }
                } else {
                    if b == quote {
                        state = .quoteSeen
                        previousCR = false
                    } else if b == escape {
                        state = .escaped
                        previousCR = false
                    } else {
                        countLines(base + p, 1)
                    }
                    cellBytes += 1
                    p += 1
                }
            case .quoteSeen:
                if doubleQuote && b == quote {
                    state = .quoted
                    cellBytes += 1
                    p += 1
                } else {
                    // The closing quote; any text up to the next delimiter is read as the tokenizer does.
                    state = .unquoted
                }
            case .escaped:
                countLines(base + p, 1)
                state = .quoted
                cellBytes += 1
                p += 1
            }
            if cellBytes > maxCellSize && bigCell == nil { bigCell = (cellCount, cellOffset, cellLine, 0) }
        }
        guard eof else { return nil }
        switch state {
        case .quoted, .escaped:
            unclosedQuoteLine = cellLine
            endCell()
        case .cellStart, .unquoted, .quoteSeen:
            endCell()
        case .afterCR:
            break
        }
        return p
    }

    /// The index of the first of three bytes in `base[from..<to]`, or `to`.
    private static func firstOf(_ a: UInt8, _ b: UInt8, _ c: UInt8, in base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        var p = from
        while p < to {
            let windowEnd = min(p + 4096, to)
            var stop = windowEnd
            for byte in [a, b, c] {
                if let found = memchr(base + p, Int32(byte), stop - p) {
                    stop = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                }
            }
            if stop < windowEnd { return stop }
            p = windowEnd
        }
        return to
    }

    /// Counts the line ends in quoted content: a CR, an LF, or a CRLF pair is one.
    private mutating func countLines(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        // Few bytes in a large span are line ends: find them with memchr, then look at their neighbours.
        var lf = 0, cr = 0, crlf = 0
        var p = bytes, left = count
        while left > 0, let found = memchr(p, 0x0A, left) {
            let at = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self))
            lf += 1
            if at == bytes ? previousCR : at[-1] == 0x0D { crlf += 1 }
            left -= at + 1 - p
            p = at + 1
        }
        p = bytes
        left = count
        while left > 0, let found = memchr(p, 0x0D, left) {
            let at = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self))
            cr += 1
            left -= at + 1 - p
            p = at + 1
        }
        line += lf + cr - crlf
        if count > 0 { previousCR = bytes[count - 1] == 0x0D }
    }

    private mutating func endCell() {
        if cellBytes > maxCellSize && bigCell == nil { bigCell = (cellCount, cellOffset, cellLine, 0) }
        if let big = bigCell, big.index == cellCount { bigCell!.bytes = cellBytes }
        cellCount += 1
        previousCR = false
    }
}
