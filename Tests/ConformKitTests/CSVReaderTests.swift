import Testing
@testable import ConformKit

/// The CSV tokenizer on RFC 4180 and the dialect and encoding cases real files bring.
struct CSVReaderTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var dialect: Dialect?
        var expected: [[String]]
        var testDescription: String { name }
    }

    static func utf16LE(_ text: String, bom: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = bom ? [0xFF, 0xFE] : []
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        return bytes
    }

    static func utf16BE(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = [0xFE, 0xFF]
        for unit in text.utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        return bytes
    }

    static let cases: [Case] = [
        Case(name: "plain LF", bytes: Array("a,b\n1,2\n".utf8), expected: [["a", "b"], ["1", "2"]]),
        Case(name: "CRLF", bytes: Array("a,b\r\n1,2\r\n".utf8), expected: [["a", "b"], ["1", "2"]]),
        Case(name: "lone CR", bytes: Array("a,b\r1,2\r".utf8), expected: [["a", "b"], ["1", "2"]]),
        Case(name: "mixed line endings", bytes: Array("a,b\r\n1,2\n3,4\r5,6".utf8), expected: [["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]]),
        Case(name: "no final newline", bytes: Array("a,b\n1,2".utf8), expected: [["a", "b"], ["1", "2"]]),
        Case(name: "trailing empty cell", bytes: Array("a,b\n1,\n".utf8), expected: [["a", "b"], ["1", ""]]),
        Case(name: "trailing empty cell at EOF", bytes: Array("a,b\n1,".utf8), expected: [["a", "b"], ["1", ""]]),
        Case(name: "quoted delimiter", bytes: Array("a,b\n\"x,y\",2\n".utf8), expected: [["a", "b"], ["x,y", "2"]]),
        Case(name: "doubled quotes", bytes: Array("a\n\"say \"\"hi\"\"\"\n".utf8), expected: [["a"], ["say \"hi\""]]),
        Case(name: "embedded LF", bytes: Array("a,b\n\"line1\nline2\",2\n".utf8), expected: [["a", "b"], ["line1\nline2", "2"]]),
        Case(name: "embedded CRLF", bytes: Array("a,b\r\n\"line1\r\nline2\",2\r\n".utf8), expected: [["a", "b"], ["line1\r\nline2", "2"]]),
        Case(name: "empty quoted", bytes: Array("a,b\n\"\",2\n".utf8), expected: [["a", "b"], ["", "2"]]),
        Case(name: "blank line", bytes: Array("a\n\n1\n".utf8), expected: [["a"], [""], ["1"]]),
        Case(name: "UTF-8 BOM", bytes: [0xEF, 0xBB, 0xBF] + Array("a,b\n1,2\n".utf8), expected: [["a", "b"], ["1", "2"]]),
        Case(name: "UTF-8 text", bytes: Array("name\ncafé\n東京\n".utf8), expected: [["name"], ["café"], ["東京"]]),
        Case(name: "UTF-16LE with BOM", bytes: utf16LE("a,b\n1,é\n"), expected: [["a", "b"], ["1", "é"]]),
        Case(name: "UTF-16BE with BOM", bytes: utf16BE("a,b\n1,😀\n"), expected: [["a", "b"], ["1", "😀"]]),
        Case(name: "Latin-1 declared", bytes: [0x61, 0x0A, 0x63, 0x61, 0x66, 0xE9, 0x0A], dialect: Dialect(delimiter: UInt8(ascii: ","), encoding: "latin-1"),
             expected: [["a"], ["café"]]),
        Case(name: "Windows-1252 declared", bytes: [0x61, 0x0A, 0x80, 0x35, 0x0A], dialect: Dialect(delimiter: UInt8(ascii: ","), encoding: "windows-1252"),
             expected: [["a"], ["€5"]]),
        Case(name: "semicolon sniffed", bytes: Array("a;b;c\n1;2,5;3\n4;5;6\n".utf8), expected: [["a", "b", "c"], ["1", "2,5", "3"], ["4", "5", "6"]]),
        Case(name: "tab sniffed", bytes: Array("a\tb\n1\t2\n".utf8), expected: [["a", "b"], ["1", "2"]]),
        Case(name: "pipe sniffed", bytes: Array("a|b\n1|2\n".utf8), expected: [["a", "b"], ["1", "2"]]),
        Case(name: "declared delimiter", bytes: Array("a;b\n1;2\n".utf8), dialect: Dialect(delimiter: UInt8(ascii: ";")), expected: [["a", "b"], ["1", "2"]]),
        Case(name: "single quote char", bytes: Array("a,b\n'x,y',2\n".utf8), dialect: Dialect(delimiter: UInt8(ascii: ","), quoteChar: UInt8(ascii: "'")),
             expected: [["a", "b"], ["x,y", "2"]]),
        Case(name: "escape char", bytes: Array("a,b\n\"x\\\"y\",2\n".utf8),
             dialect: Dialect(delimiter: UInt8(ascii: ","), doubleQuote: false, escapeChar: UInt8(ascii: "\\")),
             expected: [["a", "b"], ["x\"y", "2"]]),
        Case(name: "text after closing quote kept", bytes: Array("a\n\"x\"y\n".utf8), expected: [["a"], ["xy"]]),
        Case(name: "empty file", bytes: [], expected: []),
        Case(name: "header only", bytes: Array("a,b\n".utf8), expected: [["a", "b"]]),
    ]

    @Test(arguments: cases)
    func reads(_ item: Case) throws {
        #expect(try TestSupport.records(item.bytes, dialect: item.dialect) == item.expected)
    }

    /// Records larger than the read buffer, and quoted cells straddling buffer refills, come out whole.
    @Test(arguments: [16, 17, 31, 64, 1000])
    func smallBuffers(size: Int) throws {
        var text = "id,text\n"
        var expected: [[String]] = [["id", "text"]]
        for i in 0..<200 {
            let cell = i % 3 == 0 ? "plain\(i)" : "multi \"\"quoted\"\"\nline \(i), with comma"
            text += "\(i),\(i % 3 == 0 ? cell : "\"" + cell + "\"")\r\n"
            expected.append(["\(i)", i % 3 == 0 ? cell : cell.replacingOccurrences(of: "\"\"", with: "\"")])
        }
        let reader = CSVReader(source: MemoryByteSource(text), dialect: CSVDialect(), bufferSize: size)
        var records: [[String]] = []
        while try reader.readRecord() {
            records.append((0..<reader.cells.count).map { String(decoding: reader.cell($0), as: UTF8.self) })
        }
        #expect(records == expected)
    }

    @Test func physicalLinesAndCharacters() throws {
        let text = "a,b\n\"x\ny\",é2\n3,4\n"
        let reader = CSVReader(source: MemoryByteSource(text), dialect: CSVDialect())
        #expect(try reader.readRecord())
        #expect(reader.recordLine == 1)
        #expect(try reader.readRecord())
        #expect(reader.recordLine == 2)
        #expect(reader.cells[1].line == 3)
        #expect(reader.characterPosition(ofCell: 1) == 4)
        #expect(try reader.readRecord())
        #expect(reader.recordLine == 4)
        #expect(reader.characterPosition(ofCell: 1) == 3)
    }

    @Test func unclosedQuoteReportsOpeningLine() throws {
        let reader = CSVReader(source: MemoryByteSource("a\n1\n\"open\n2\n3\n"), dialect: CSVDialect())
        #expect(try reader.readRecord())
        #expect(try reader.readRecord())
        #expect(try reader.readRecord())
        #expect(reader.issues == [CSVIssue(kind: .unclosedQuote(line: 3), cell: 0)])
        #expect(try !reader.readRecord())
    }

    @Test func binaryFilesAreRefused() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]
        #expect(throws: InputError.self) { try TestSupport.records(png) }
        do {
            _ = try TestSupport.records(png)
        } catch let error as InputError {
            #expect(error.kind == .notText)
        }
    }

    @Test func utf8Validation() {
        let cases: [([UInt8], Int?)] = [
            (Array("plain".utf8), nil), (Array("café".utf8), nil), ([0x63, 0xE9], 1), ([0xC3], 0),
            ([0xE2, 0x82], 0), ([0xED, 0xA0, 0x80], 0), ([0xC0, 0x80], 0), ([0x61, 0xF4, 0x90, 0x80, 0x80], 1),
            (Array("😀".utf8), nil),
        ]
        for (bytes, expected) in cases {
            #expect(bytes.withUnsafeBytes { UTF8Validation.firstInvalidOffset($0) } == expected, "\(bytes)")
        }
    }
}
