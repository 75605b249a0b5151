import Foundation
import Testing
@testable import ConformKit

/// The limits on cells, records and columns (`InputLimits`): a record over one is passed over,
/// reported, and reading goes on exactly where it would have.
struct InputLimitTests {
    /// Random bytes built from pieces that exercise the tokenizer: quotes, doubled quotes,
    /// escapes, delimiters, CR, LF and CRLF, multi-byte characters, long runs.
    static func hostileCSV(seed: UInt64) -> [UInt8] {
        var random = DifferentialCSVTests.Generator(state: seed)
        let pieces = ["a", "bb", ",", ",", "\"", "\"\"", "\n", "\r", "\r\n", "é", "\\", ";", "  ", "xxxxxxxxxxxxxxx", "\"q,\nq\""]
        var text = ""
        for _ in 0..<Int.random(in: 1...120, using: &random) { text += pieces.randomElement(using: &random)! }
        return Array(text.utf8)
    }

    struct Record: Equatable, CustomStringConvertible {
        var line: Int
        var nextLine: Int
        var cells: [[UInt8]]
        var oversize: CSVOversize.Kind?
        var description: String {
            "line \(line)-\(nextLine) \(oversize.map { "\($0)" } ?? cells.map { String(decoding: $0, as: UTF8.self).debugDescription }.joined(separator: "|"))"
        }
    }

    static func read(_ bytes: [UInt8], dialect: CSVDialect, bufferSize: Int, limits: InputLimits) throws -> [Record] {
        let reader = CSVReader(source: MemoryByteSource(bytes), dialect: dialect, bufferSize: bufferSize, limits: limits)
        var records: [Record] = []
        while try reader.readRecord() {
            records.append(Record(line: reader.recordLine, nextLine: reader.nextLine,
                                  cells: (0..<reader.cells.count).map { Array(reader.cell($0)) }, oversize: reader.oversize?.kind))
        }
        return records
    }

    /// What the limits should make of each record read without limits: the limit passed first
    /// in the record's bytes (cells and the record are measured as written, line end included).
    static func expected(_ bytes: [UInt8], dialect: CSVDialect, limits: InputLimits) throws -> [Record] {
        let reader = CSVReader(source: MemoryByteSource(bytes), dialect: dialect, bufferSize: 1 << 16)
        var records: [Record] = []
        while try reader.readRecord() {
            let raw = reader.recordBytes.count
            let unclosed = reader.issues.contains { if case .unclosedQuote = $0.kind { true } else { false } }
            var lineEnd = 0
            if !unclosed {
                let tail = Array(reader.recordBytes.suffix(2))
                lineEnd = tail == [0x0D, 0x0A] ? 2 : (tail.last == 0x0A || tail.last == 0x0D ? 1 : 0)
            }
            let count = reader.cells.count
            var over: [(at: Int, kind: CSVOversize.Kind)] = []
            for index in 0..<count {
                let start = reader.cells[index].rawOffset
                let end = index + 1 < count ? reader.cells[index + 1].rawOffset - 1 : raw - lineEnd
                if end - start > limits.maxCellSize {
                    over.append((start + limits.maxCellSize, .cell(index: index, bytes: end - start)))
                    break
                }
            }
            if count > limits.maxColumns { over.append((reader.cells[limits.maxColumns].rawOffset, .cells(count: count))) }
            if raw > limits.maxRecordSize { over.append((limits.maxRecordSize, .record(bytes: raw))) }
            let kind = over.min { $0.at < $1.at }?.kind
            records.append(Record(line: reader.recordLine, nextLine: reader.nextLine,
                                  cells: kind == nil ? (0..<count).map { Array(reader.cell($0)) } : [], oversize: kind))
        }
        return records
    }

    @Test(arguments: [(",", false), (";", false), (",", true)])
    func recordsOverALimitArePassedOverExactly(delimiter: String, escapes: Bool) throws {
        var dialect = CSVDialect()
        dialect.delimiter = UInt8(ascii: Unicode.Scalar(delimiter)!)
        if escapes {
            dialect.escape = UInt8(ascii: "\\")
            dialect.doubleQuote = false
        }
        var random = DifferentialCSVTests.Generator(state: 7)
        var oversized = 0, records = 0
        for seed in 0..<1000 as Range<UInt64> {
            let bytes = Self.hostileCSV(seed: seed)
            let limits = InputLimits(maxCellSize: Int.random(in: 2...24, using: &random),
                                     maxRecordSize: Int.random(in: 8...80, using: &random),
                                     maxColumns: Int.random(in: 1...6, using: &random))
            let want = try Self.expected(bytes, dialect: dialect, limits: limits)
            for bufferSize in [16, 37, 1 << 16] {
                let got = try Self.read(bytes, dialect: dialect, bufferSize: bufferSize, limits: limits)
                #expect(got == want, "seed \(seed), buffer \(bufferSize), \(limits): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
                if got != want { return }
            }
            oversized += want.filter { $0.oversize != nil }.count
            records += want.count
        }
        // The generated files do reach every limit often.
        #expect(oversized > records / 10)
    }

    /// The same findings on one core or several, where the file's byte ranges meet records over
    /// a limit (a cut may fall inside one).
    @Test func sameFindingsOnAnyNumberOfCores() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let standardPath = TestSupport.write("conform: 1\nid: t\nfields:\n  - name: id\n    type: integer\n  - name: notes\n",
                                             "s.yaml", in: directory)
        var text = "id,notes\n"
        for row in 1...20_000 {
            switch row % 2500 {
            case 100: text += "\(row),\(String(repeating: "a", count: 9000))\n"
            case 200: text += "\(row),\"\(String(repeating: "b\n", count: 5000))\"\n"
            case 300: text += "\(row)" + String(repeating: ",", count: 40) + "\n"
            default: text += row % 997 == 0 ? "x\(row),ok\n" : "\(row),ok\n"
            }
        }
        text += "\"" + String(repeating: "tail,\n", count: 3000)
        let path = TestSupport.write(text, "d.csv", in: directory)
        let standard = try Conform.loadStandard(standardPath, searchPaths: [])
        var reports: [String] = []
        for jobs in [1, 2, 3] {
            var options = ValidationOptions(maxFindings: 1000, jobs: jobs)
            options.minimumParallelBytes = 4096
            options.limits = InputLimits(maxCellSize: 8192, maxRecordSize: 1 << 20, maxColumns: 20)
            let outcome = Conform.validate(paths: [path], standard: standard, options: options)
            reports.append(JSONRenderer().render(outcome.report, options: RenderOptions()))
            let counts = Dictionary(outcome.report.files[0].findings.map { ($0.rule, 1) }, uniquingKeysWith: +)
            #expect(counts == ["cell-too-large": 17, "record-too-large": 8, "type-mismatch": 20, "unclosed-quote": 1], "jobs \(jobs)")
        }
        #expect(reports[1] == reports[0])
        #expect(reports[2] == reports[0])
    }

    /// JSON records over the record limit: passed over with their place and size, whether the
    /// buffer held them whole or not, and the records after them read as usual.
    @Test func jsonRecordsOverTheLimit() throws {
        let document = """
        {"meta": 1, "records": [
          {"a": 1},
          {"a": "a long string with \\"escapes\\" and ] and } inside it"},
          {"a": [1, 2, {"b": "nested, and long enough to be over"}]},
          {"a": 2}, "a string record longer than forty bytes, too", 3,
          {"a": "x"}
        ], "after": true}
        """
        let ndjson = """
        {"a": 1}
        {"a": "a long string with \\"escapes\\" and ] and } inside it"}
        {"a": 2}
        {"a": "an unterminated string that is long enough
        {"a": 3}
        {"a": 4}\(String(repeating: " ", count: 90))
        {"a": 5}
        """
        let wantDocument = [
            "record 2:3 object 0=number:1@2:9/records/0/a",
            "oversized 3:3 /records/1 #1 61 bytes",
            "oversized 4:3 /records/2 #2 58 bytes",
            "record 5:3 object 0=number:2@5:9/records/3/a",
            "oversized 5:13 /records/4 #4 46 bytes",
            "record 5:61 number",
            "record 6:3 object 0=string:x@6:9/records/6/a",
        ]
        let wantLines = [
            "record 1:1 object 0=number:1@1:7/a",
            "oversized 2:1  #1 61 bytes",
            "record 3:1 object 0=number:2@3:7/a",
            "oversized 4:1  #3 49 bytes",
            "record 5:1 object 0=number:3@5:7/a",
            // A short record followed by many spaces is not over the limit.
            "record 6:1 object 0=number:4@6:7/a",
            "record 7:1 object 0=number:5@7:7/a",
        ]
        for bufferSize in [64, 100, 1 << 16] {
            let doc = try JSONReaderTests.read(document, layout: .document(records: JSONPointer("/records")!), paths: ["/a"],
                                               bufferSize: bufferSize, maxRecordSize: 40)
            #expect(doc == wantDocument, "buffer \(bufferSize)")
            let lines = try JSONReaderTests.read(ndjson, layout: .lines, paths: ["/a"], bufferSize: bufferSize, maxRecordSize: 40)
            #expect(lines == wantLines, "buffer \(bufferSize)")
        }
        // A document that ends inside a record over the limit: the record is passed over, then the end is an error.
        let truncated = try JSONReaderTests.read("[{\"a\": 1}, {\"a\": \"" + String(repeating: "y", count: 100),
                                                 layout: .document(records: JSONPointer("")!), paths: ["/a"], bufferSize: 64, maxRecordSize: 40)
        #expect(truncated == [
            "record 1:2 object 0=number:1@1:8/0/a",
            "oversized 1:12 /1 #1 107 bytes",
            "error invalid-json 1:119 the document ends inside the array of records",
        ])
    }

    /// Sizes on the command line, and the limit flags of `validate` and `check`.
    @Test func limitFlags() throws {
        #expect(InputLimits.parseSize("16MiB") == 16 << 20)
        #expect(InputLimits.parseSize("500M") == 500 << 20)
        #expect(InputLimits.parseSize("2 GB") == 2 << 30)
        #expect(InputLimits.parseSize("4096") == 4096)
        #expect(InputLimits.parseSize("1k") == 1024)
        for bad in ["", "0", "-5", "12 parsecs", "M", "99999999999999999999G"] { #expect(InputLimits.parseSize(bad) == nil, "\(bad)") }
        #expect(InputLimits(maxRecordSize: .max).maxRecordSize == Int.max >> 4)

        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let standard = TestSupport.write("conform: 1\nid: t\nfields:\n  - name: id\n  - name: notes\n", "s.yaml", in: directory)
        let data = TestSupport.write("id,notes\n1,a note of thirty bytes, quoted\n2,ok\n3,4,5,6\n", "d.csv", in: directory)
        TestSupport.write("checks:\n  - files: [d.csv]\n    standard: s.yaml\n", "conform.yaml", in: directory)
        let validate = try CLITests.run(["validate", data, "-s", standard, "--format", "json", "--max-cell-size", "16", "--max-columns", "3"])
        let check = try CLITests.run(["check", "--config", directory.appendingPathComponent("conform.yaml").path, "--format", "json",
                                      "--max-cell-size", "16", "--max-columns", "3"])
        for run in [validate, check] {
            #expect(run.status == 1)
            let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            let findings = ((json?["files"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]]) ?? []
            #expect(findings.map { "\($0["rule"] ?? "") \($0["row"] ?? "")" } == ["cell-too-large 1", "record-too-large 3"], "\(run.stdout.prefix(300))")
        }
        let bad = try CLITests.run(["validate", data, "-s", standard, "--max-cell-size", "lots"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--max-cell-size"))
    }
}
