import Foundation
import Testing
@testable import ConformKit

/// Validating a file on several cores gives exactly the report of one core: same findings in the
/// same order with the same rows, lines and messages, same counts and conformance.
struct ParallelValidationTests {
    static let standard = """
    conform: 1
    id: parallel-test
    fields:
      - name: id
        type: integer
        required: true
        unique: true
      - name: code
        pattern: '[A-Z]{2}[0-9]'
      - name: note
      - name: status
        enum: [open, closed]
      - name: amount
        type: number
        minimum: 0
      - name: region
    keys:
      unique: [[code, region]]
    rules:
      - id: closed-has-amount
        when: status = 'closed'
        assert: amount is not empty
    """

    /// A deterministic dirty file: multi-line quoted notes everywhere (so cuts land inside them),
    /// doubled quotes, duplicates of ids and keys across the whole file, bad values, blank rows,
    /// short and long rows, and optionally stray quotes that defeat the quote count.
    static func data(rows: Int, strayQuotes: Bool, seed: UInt64) -> String {
        var generator = ValuesTestRandom(seed: seed)
        var text = "id,code,note,status,amount,region\n"
        for i in 1...rows {
            let r = Int.random(in: 0..<100, using: &generator)
            let id = r < 3 ? Int.random(in: 1...max(i, 1), using: &generator) : i
            let code = r == 4 ? "bad" : "A\(["B", "C", "D"][i % 3])\(i % 10)"
            var note = "plain note \(i)"
            if r % 3 == 0 { note = "\"multi\nline, note \(i)\nwith \"\"quotes\"\"\"" }
            if r == 5 && strayQuotes { note = "5\" pipe" }
            let status = r == 6 ? "Open" : (r % 2 == 0 ? "closed" : "open")
            let amount = r == 7 ? "-1" : (r == 8 ? "" : "\(i % 500).5")
            let region = "R\(i % 7)"
            if r == 9 { text += "\n"; continue }
            if r == 10 { text += "\(id),\(code)\n"; continue }
            if r == 11 { text += "\(id),\(code),\(note),\(status),\(amount),\(region),extra\n"; continue }
            text += "\(id),\(code),\(note),\(status),\(amount),\(region)\n"
        }
        return text
    }

    static func reportJSON(path: String, standard: Conform.LoadedStandard, jobs: Int, maxFindings: Int) throws -> String {
        var options = ValidationOptions(maxFindings: maxFindings, jobs: jobs)
        options.minimumParallelBytes = 4096
        let outcome = Conform.validate(paths: [path], standard: standard, options: options)
        #expect(outcome.unreadable.isEmpty)
        return JSONRenderer().render(outcome.report, options: RenderOptions())
    }

    static func streamedJSON(path: String, standard: Conform.LoadedStandard, maxFindings: Int) throws -> String {
        guard case let .success(compiled) = CompiledStandard.compile(standard.resolved) else { throw CancellationError() }
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let reader = CSVReader(source: MemoryByteSource(bytes), dialect: CSVDialect())
        let validator = FileValidator(compiled: compiled, file: path, encoding: .utf8, options: ValidationOptions(maxFindings: maxFindings))
        let report = ValidationReport(tool: "conform \(Conform.version)", failOn: .error, files: [try validator.run(reader)])
        return JSONRenderer().render(report, options: RenderOptions())
    }

    @Test(arguments: [(false, 1), (false, 2), (true, 3)])
    func sameReportOnAnyNumberOfCores(strayQuotes: Bool, seed: UInt64) throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let standardPath = TestSupport.write(Self.standard, "s.yaml", in: directory)
        let path = TestSupport.write(Self.data(rows: 6000, strayQuotes: strayQuotes, seed: seed), "d.csv", in: directory)
        let standard = try Conform.loadStandard(standardPath, searchPaths: [])
        for maxFindings in [3, 100_000] {
            let sequential = try Self.reportJSON(path: path, standard: standard, jobs: 1, maxFindings: maxFindings)
            // The streaming path (standard input), which finds duplicates as they come, agrees too.
            let streamed = try Self.streamedJSON(path: path, standard: standard, maxFindings: maxFindings)
            #expect(streamed == sequential, "streamed, max findings \(maxFindings)")
            #expect(sequential.contains("duplicate-value"))
            #expect(sequential.contains("duplicate-key"))
            #expect(sequential.contains("rule-failed"))
            for jobs in [2, 3, 4, 7] {
                let parallel = try Self.reportJSON(path: path, standard: standard, jobs: jobs, maxFindings: maxFindings)
                #expect(parallel == sequential, "jobs \(jobs), max findings \(maxFindings)")
                if parallel != sequential, ProcessInfo.processInfo.environment["CONFORM_DEBUG_DIR"] != nil {
                    let dir = ProcessInfo.processInfo.environment["CONFORM_DEBUG_DIR"]!
                    try? sequential.write(toFile: "\(dir)/seq-\(seed).json", atomically: true, encoding: .utf8)
                    try? parallel.write(toFile: "\(dir)/par-\(seed)-\(jobs).json", atomically: true, encoding: .utf8)
                }
            }
        }
    }

    @Test func cutsFallBetweenRecords() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = "h\n" + String(repeating: "\"a\nb\",x\n", count: 1000)
        let path = TestSupport.write(text, "d.csv", in: directory)
        let size = text.utf8.count
        let cuts = try ParallelValidator.cuts(path: path, from: 2, size: size, jobs: 4, quote: UInt8(ascii: "\""))
        #expect(cuts.first == 2)
        for cut in cuts {
            // Every record is 8 bytes after the 2-byte header.
            #expect((cut - 2) % 8 == 0 || cut == size, "\(cut)")
        }
    }
}

/// The fast path for ISO dates agrees with the general date parser.
struct ISODateFastPathTests {
    @Test func agreesWithTheGeneralParser() throws {
        let format = try TemporalFormat(kind: .date, pattern: nil)
        var samples = ["2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "0001-01-01", "0000-01-01", "9999-12-31",
                       "2024-13-01", "2024-00-10", "2024-04-31", "2024-04-30", "2024-1-011", "20a4-01-01", "2024/01/01",
                       "2024-01-0x", "1970-01-01", "1969-12-31"]
        for year in stride(from: 1, through: 9999, by: 97) {
            for month in [1, 2, 3, 6, 12] {
                for day in [1, 28, 29, 30, 31] {
                    samples.append(String(format: "%04d-%02d-%02d", year, month, day))
                }
            }
        }
        for sample in samples {
            var copy = sample
            copy.withUTF8 { buffer in
                let bytes = UnsafeRawBufferPointer(buffer)
                let general = format.parse(bytes)
                let fast = CompiledField.parseISODate(bytes)
                switch fast {
                case nil:
                    break // not of the shape: the general parser decides
                case let .some(value):
                    if case let .temporal(t)? = value {
                        #expect(general == t, "\(sample)")
                    } else {
                        #expect(general == nil, "\(sample)")
                    }
                }
            }
        }
    }
}
