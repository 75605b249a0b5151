import Foundation
import Testing
@testable import ConformKit

/// Gigabyte-sized hostile input, streamed to `conform validate -` from a generator (nothing is
/// written to disk): each gives its exact findings, and the process's peak memory, measured by
/// `/usr/bin/time`, stays under the bound docs/reliability.md states for the default limits.
struct HugeInputTests {
    /// The bound docs/reliability.md states for one core with the default limits.
    static let memoryBound = 256 << 20

    /// Writes the generator's output to `conform validate -` with `arguments`; returns the JSON
    /// report's findings, the exit status and the peak resident memory in bytes.
    static func stream(_ generator: String, _ arguments: [String]) throws -> (findings: [[String: Any]], status: Int, peak: Int) {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let standard = TestSupport.write("conform: 1\nid: t\nfields:\n  - name: id\n    type: integer\n  - name: notes\n",
                                         "s.yaml", in: directory)
        let script = TestSupport.write(generator, "generate.py", in: directory)
        let report = directory.appendingPathComponent("report.json").path
        let peak = directory.appendingPathComponent("peak").path
        let command = "python3 \"$1\" | /usr/bin/time -f %M -o \"$2\" \"$0\" validate - -s \"$3\" --format json --no-progress "
            + arguments.joined(separator: " ") + " > \"$4\"; echo \"status ${PIPESTATUS[1]}\""
        let run = try CLITests.run(["-c", command, CLITests.executable.path, script, peak, standard, report], shell: true)
        let status = Int(run.stdout.split(separator: " ").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? -1
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any]
        let files = json?["files"] as? [[String: Any]] ?? []
        let kilobytes = Int(try String(contentsOfFile: peak, encoding: .utf8).split(separator: "\n").last ?? "") ?? 0
        return (files.first?["findings"] as? [[String: Any]] ?? [], status, kilobytes << 10)
    }

    static func summary(_ finding: [String: Any]) -> String {
        ["rule", "line", "character", "row", "column", "pointer", "message"].compactMap { key in finding[key].map { "\(key)=\($0)" } }
            .joined(separator: " ")
    }

    /// A quote opened at the start of a 1 GiB file and never closed: the cell is over the cell
    /// limit, the file ends inside it; both are said, in 64 MiB or so.
    @Test func unclosedQuoteAtTheStartOfOneGigabyte() throws {
        let generator = """
        import sys
        out = sys.stdout.buffer
        out.write(b'id,notes\\n"')
        block = (b'x' * 1023 + b'\\n') * 1024
        for _ in range(1024): out.write(block)
        """
        let (findings, status, peak) = try Self.stream(generator, [])
        #expect(status == 1)
        #expect(findings.map(Self.summary) == [
            "rule=cell-too-large line=2 character=1 row=1 column=id message=cell is 1 GiB (1073741825 bytes), over the 16 MiB limit; its row was passed over without further checks (--max-cell-size raises the limit)",
            "rule=unclosed-quote line=2 row=1 message=quoted cell opened on line 2 is never closed; the rest of the file was read into it",
        ])
        #expect(peak < Self.memoryBound, "peak \(peak) bytes")
    }

    /// A single 500 MiB cell: reported, its row passed over, and the next row read as usual.
    @Test func fiveHundredMegabyteCell() throws {
        let generator = """
        import sys
        out = sys.stdout.buffer
        out.write(b'id,notes\\n1,')
        block = b'a' * (1 << 20)
        for _ in range(500): out.write(block)
        out.write(b'\\n2,ok\\nx,ok\\n')
        """
        let (findings, status, peak) = try Self.stream(generator, [])
        #expect(status == 1)
        #expect(findings.map(Self.summary) == [
            "rule=cell-too-large line=2 character=3 row=1 column=notes message=cell is 500 MiB, over the 16 MiB limit; its row was passed over without further checks (--max-cell-size raises the limit)",
            "rule=type-mismatch line=4 character=1 row=3 column=id message=\"x\" is not a valid integer",
        ])
        #expect(findings.first?["value"] as? String == String(repeating: "a", count: 200) + "…")
        #expect(peak < Self.memoryBound, "peak \(peak) bytes")
        // With the limit raised above the cell, it is read and checked like any other.
        let raised = try Self.stream(generator.replacingOccurrences(of: "range(500)", with: "range(20)"), ["--max-cell-size", "32MiB"])
        #expect(raised.findings.map(Self.summary) == [
            "rule=type-mismatch line=4 character=1 row=3 column=id message=\"x\" is not a valid integer",
        ])
    }

    /// A 1 GiB string in a JSON document: its record is over the record limit, passed over, and
    /// the records after it are read.
    @Test func oneGigabyteJSONString() throws {
        let generator = """
        import sys
        out = sys.stdout.buffer
        out.write(b'{"records": [{"id": 1, "notes": "')
        block = (b'a' * 1022 + b'\\\\"') * 1024
        for _ in range(1024): out.write(block)
        out.write(b'"},\\n {"id": "two", "notes": "ok"}]}\\n')
        """
        let (findings, status, peak) = try Self.stream(generator, ["--input-format", "json", "--records", "/records"])
        #expect(status == 1)
        #expect(findings.map(Self.summary) == [
            "rule=record-too-large line=1 character=14 row=1 pointer=/records/0 message=record is 1 GiB (1073741846 bytes), over the 64 MiB limit; it was passed over without further checks (--max-record-size raises the limit)",
            "rule=type-mismatch line=2 character=9 row=2 column=id pointer=/records/1/id message=\"two\" is not a valid integer",
        ])
        #expect(peak < Self.memoryBound, "peak \(peak) bytes")
    }
}
