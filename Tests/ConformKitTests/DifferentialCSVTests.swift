import Foundation
import Testing
@testable import ConformKit

/// conform's CSV tokenizer against a reference reader, Python's `csv` module, on generated
/// files: random quoting, delimiters, quotes and line breaks inside cells, LF and CRLF (mixed
/// within a file), a byte-order mark, non-ASCII text, empty cells, rows of different lengths,
/// with and without a final newline. Every file must give the same records, cell for cell.
struct DifferentialCSVTests {
    /// A small deterministic generator (SplitMix64), so a failure can be reproduced from its seed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces = ["a", "b", "Z", "0", "42", " ", ",", "\"", "\n", "\r\n", "é", "東京", "x y", "-", ";", "'"]

    static func cell(_ random: inout Generator) -> String {
        if Int.random(in: 0..<10, using: &random) == 0 { return "" }
        return (0..<Int.random(in: 1...4, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    /// One file: its bytes.
    static func file(seed: UInt64) -> [UInt8] {
        var random = Generator(state: seed)
        let crlf = Int.random(in: 0..<3, using: &random) // 0: LF, 1: CRLF, 2: mixed
        var text = ""
        let rows = Int.random(in: 1...25, using: &random)
        let width = Int.random(in: 1...6, using: &random)
        for row in 0..<rows {
            // Mostly the same width; sometimes a short or a long row.
            let cells = Int.random(in: 0..<8, using: &random) == 0 ? Int.random(in: 1...8, using: &random) : width
            text += (0..<cells).map { _ in
                let value = cell(&random)
                let mustQuote = value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r\n" }
                // A lone empty cell in a row of one is quoted, or it would be a blank line.
                let quote = mustQuote || (cells == 1 && value.isEmpty) || Int.random(in: 0..<5, using: &random) == 0
                return quote ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
            }.joined(separator: ",")
            let last = row == rows - 1
            if !last || Int.random(in: 0..<10, using: &random) < 7 {
                text += crlf == 0 ? "\n" : crlf == 1 ? "\r\n" : (Bool.random(using: &random) ? "\n" : "\r\n")
            }
        }
        let bom: [UInt8] = Int.random(in: 0..<5, using: &random) == 0 ? [0xEF, 0xBB, 0xBF] : []
        return bom + Array(text.utf8)
    }

    static let reference = """
    import csv, json, sys, os
    out = {}
    for name in sorted(os.listdir(sys.argv[1])):
        with open(os.path.join(sys.argv[1], name), newline='', encoding='utf-8-sig') as f:
            out[name] = [row if row else [''] for row in csv.reader(f)]
    json.dump(out, sys.stdout)
    """

    @Test func sameRecordsAsPythonsCSVModule() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = directory.appendingPathComponent("files")
        let count = 400
        var generated: [String: [UInt8]] = [:]
        for seed in 0..<count {
            let name = String(format: "%04d.csv", seed)
            generated[name] = Self.file(seed: UInt64(seed))
            TestSupport.write(generated[name]!, "files/\(name)", in: directory)
        }
        let script = TestSupport.write(Self.reference, "reference.py", in: directory)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, files.path]
        let output = directory.appendingPathComponent("out.json")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        do { try process.run() } catch {
            Issue.record("python3 is needed for the differential test: \(error)")
            return
        }
        process.waitUntilExit()
        try handle.close()
        #expect(process.terminationStatus == 0)
        let data = try Data(contentsOf: output)
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [[String]]])
        #expect(expected.count == count)
        var mismatches: [String] = []
        var records = 0, multiline = 0
        for (name, bytes) in generated.sorted(by: { $0.key < $1.key }) {
            let ours = try TestSupport.records(bytes, dialect: Dialect(delimiter: UInt8(ascii: ",")))
            records += ours.count
            multiline += ours.joined().filter { $0.contains("\n") }.count
            if ours != expected[name] {
                mismatches.append("\(name) (seed \(name.prefix(4))): conform \(ours) / Python \(expected[name] ?? [])")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3).joined(separator: "\n"))")
        // The files did exercise what they were made for.
        #expect(records > 3_000 && multiline > 100, "\(records) records, \(multiline) cells with line breaks")
    }
}
