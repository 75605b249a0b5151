/// Opens a dataset: decompresses gzip, detects its encoding and byte order mark, refuses binary files,
/// decides its format (CSV, JSON or NDJSON: as told, else by extension, else by content) and, for
/// CSV, the dialect (sniffed where the standard gives none).
enum InputOpener {
    /// How much of the start of a file is examined for the encoding and the dialect.
    static let sniffSize = 64 * 1024

    struct Opened {
        var source: any ByteSource
        var encoding: TextEncoding
        var bomLength: Int
        var dialect: CSVDialect
        var sniffed: Bool
        /// True for gzip input (decompressed on the fly; it cannot be read by byte ranges).
        var compressed: Bool
        var format: InputFormat
    }

    static func open(path: String, dialect declared: Dialect?, format declaredFormat: InputFormat? = nil) throws(InputError) -> Opened {
        let file = try FileByteSource(path: path)
        var head = try readPrefix(of: file, count: sniffSize)
        // What follows `head`: the file itself, or its decompressed stream.
        var underlying: any ByteSource = file
        var compressed = false
        if GzipByteSource.isGzip(head[...]) {
            let gzip = try GzipByteSource(PrefixedByteSource(prefix: head, rest: file), name: path)
            head = try readPrefix(of: gzip, count: sniffSize)
            underlying = gzip
            compressed = true
        }
        var encoding = declared?.encoding.flatMap(TextEncoding.init(declared:)) ?? .utf8
        var bomLength = 0
        if let (bom, length) = TextEncoding.byteOrderMark(head[...]) {
            encoding = bom
            bomLength = length
        }
        if let what = TextEncoding.binarySignature(head[bomLength...], encoding: encoding) {
            throw InputError(.notText, file: path, detail: "not a text file: it looks like \(what)")
        }
        let rest = PrefixedByteSource(prefix: Array(head[bomLength...]), rest: underlying)
        let source: any ByteSource = encoding == .utf8 ? rest : TranscodingByteSource(rest, encoding: encoding)
        var format = declaredFormat ?? InputFormat.fromExtension(path) ?? .csv
        if declaredFormat == nil && InputFormat.fromExtension(path) == nil {
            var sample = head[bomLength...]
            if encoding != .utf8 {
                let transcoder = TranscodingByteSource(MemoryByteSource(Array(sample)), encoding: encoding)
                sample = ((try? readPrefix(of: transcoder, count: sample.count * 2 + 8)) ?? [])[...]
            }
            format = InputFormat.sniff(sample, prefersDocument: declared?.records != nil)
        }
        var dialect = CSVDialect()
        if format != .csv {
            return Opened(source: source, encoding: encoding, bomLength: bomLength, dialect: dialect, sniffed: false,
                          compressed: compressed, format: format)
        }
        var sniffed = false
        if let declared {
            if let quote = declared.quoteChar { dialect.quote = quote }
            if let doubleQuote = declared.doubleQuote { dialect.doubleQuote = doubleQuote }
            dialect.escape = declared.escapeChar
            if let header = declared.header { dialect.header = header }
            if let rows = declared.headerRows { dialect.headerRows = max(rows, dialect.header ? 1 : 0) }
            dialect.skipRows = max(declared.skipRows ?? 0, 0)
            dialect.commentPrefix = declared.commentPrefix.map { Array($0.utf8) } ?? []
            dialect.skipBlankRows = declared.skipBlankRows ?? false
            dialect.trim = declared.trim ?? .none
        }
        if let delimiter = declared?.delimiter {
            dialect.delimiter = delimiter
        } else {
            sniffed = true
            var sample = Array(head[bomLength...])
            if encoding != .utf8 {
                let transcoder = TranscodingByteSource(MemoryByteSource(sample), encoding: encoding)
                sample = (try? readPrefix(of: transcoder, count: sample.count * 2 + 8)) ?? []
            }
            dialect.delimiter = DialectSniffer.sniffDelimiter(sample, quote: dialect.quote)
        }
        return Opened(source: source, encoding: encoding, bomLength: bomLength, dialect: dialect, sniffed: sniffed,
                      compressed: compressed, format: .csv)
    }

    /// Reads up to `count` bytes from the start of `source`.
    static func readPrefix(of source: any ByteSource, count: Int) throws(InputError) -> [UInt8] {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 1)
        defer { buffer.deallocate() }
        var filled = 0
        while filled < count {
            let read = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if read == 0 { break }
            filled += read
        }
        return Array(buffer[..<filled])
    }

    static func csvReader(path: String, dialect: Dialect?) throws(InputError) -> CSVReader {
        let opened = try open(path: path, dialect: dialect, format: .csv)
        return CSVReader(source: opened.source, dialect: opened.dialect)
    }
}
