import Foundation
import Testing
@testable import ConformKit

/// Hostile input answered with an exact finding or error, in bounded time (issue 8; the limits
/// are in docs/reliability.md).
struct HostileInputTests {
    /// The YAML "billion laughs": nine levels of nine aliases, refused before expansion.
    @Test func aliasBombIsRefused() throws {
        var lines = ["conform: 1", "id: bomb", "a: &a [x, x, x, x, x, x, x, x, x]"]
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i", "j"] {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]")
            previous = name
        }
        lines.append("fields: []")
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = TestSupport.write(lines.joined(separator: "\n") + "\n", "bomb.yaml", in: directory)
        let report = Conform.lint([path], searchPaths: TestSupport.searchPaths)
        #expect(report.findings.map { "\($0.rule) \($0.line ?? 0) \($0.message)" }
                == ["invalid-value 1 the document expands to more than 2000000 YAML nodes (alias expansion?); refused"])
    }

    /// A pattern that backtracks catastrophically: the cell gets `pattern-timeout`, and the
    /// rows after it are still checked.
    @Test func catastrophicPatternTimesOutOnTheCell() throws {
        let report = try TestSupport.validate(standard: "fields:\n  - name: a\n    pattern: \"(a+)+$\"",
                                              csv: "a\n" + String(repeating: "a", count: 40) + "b\naaa\nb\n")
        #expect(report.findings.map { "\($0.row ?? 0) \($0.rule)" } == ["1 pattern-timeout", "3 pattern-mismatch"])
        #expect(report.rows == 3 && report.conformingRows == 1)
    }

    /// JSON nested a million deep: refused at the 513th level, no stack overflow.
    @Test func deepJSONIsRefused() throws {
        let json = String(repeating: "[", count: 1_000_000) + String(repeating: "]", count: 1_000_000)
        let report = try TestSupport.validate(standard: "fields:\n  - name: a", data: Array(json.utf8), format: .json)
        #expect(report.findings.map { "\($0.rule) \($0.line ?? 0):\($0.character ?? 0) \($0.message)" }
                == ["invalid-json 1:513 invalid JSON: nesting deeper than 512 levels"])
    }

    /// A binary file given as data is refused as not text (exit 3 in the CLI).
    @Test func binaryFileIsNotText() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52] + Array(repeating: 0, count: 100)
        #expect(throws: InputError.self) { try TestSupport.validate(standard: "fields:\n  - name: a", data: png) }
        do {
            _ = try TestSupport.validate(standard: "fields:\n  - name: a", data: png)
        } catch let error as InputError {
            #expect(error.kind == .notText && error.detail == "not a text file: it looks like a PNG image")
        }
    }

    // MARK: CSV

    /// Invalid UTF-8 at the start of a cell, in the middle of a multi-byte sequence, and as the
    /// file's last byte: each is `invalid-encoding` with its byte offset in the file.
    @Test func invalidUTF8InEveryPosition() throws {
        let bytes: [UInt8] = Array("a,b\n".utf8) + [0xFF] + Array("x,1\nx".utf8) + [0xE2, 0x82] + Array(",2\nok,".utf8) + [0xC3]
        let report = try TestSupport.validate(standard: "fields:\n  - name: a\n  - name: b", data: bytes)
        #expect(report.findings.map { "\($0.row ?? 0) \($0.column ?? "-") \($0.rule) \($0.byteOffset ?? -1)" }
                == ["1 a invalid-encoding 4", "2 a invalid-encoding 10", "3 b invalid-encoding 18"])
    }

    /// NUL bytes: in the first 64 KiB the file is refused as binary; later, each cell holding
    /// one is `invalid-encoding` at the NUL's byte offset and the rest of the file is read. In
    /// JSON a raw NUL is invalid JSON; `\u0000` is a character like any other.
    @Test func nulBytes() throws {
        let standard = "fields:\n  - name: id\n    type: integer\n  - name: notes"
        do {
            _ = try TestSupport.validate(standard: standard, data: Array("id,notes\n1,a".utf8) + [0] + Array("b\n".utf8))
            Issue.record("a NUL in the first 64 KiB is refused")
        } catch let error as InputError {
            #expect(error.kind == .notText && error.detail == "not a text file: it looks like binary data (it contains NUL bytes)")
        }
        let head = "id,notes\n" + String(repeating: "1,ok\n", count: 20_000)
        let bytes = Array(head.utf8) + Array("2,ca".utf8) + [0] + Array("fé\n3,\"".utf8) + [0] + Array("\"\n4,ok\n".utf8)
        let report = try TestSupport.validate(standard: standard, data: bytes)
        #expect(report.findings.map { "\($0.row ?? 0) \($0.column ?? "-") \($0.rule) \($0.byteOffset ?? -1) \($0.message)" } == [
            "20001 notes invalid-encoding 100013 NUL byte (0x00) at byte offset 100013: text holds none (binary data, or UTF-16 read as UTF-8?)",
            "20002 notes invalid-encoding 100021 NUL byte (0x00) at byte offset 100021: text holds none (binary data, or UTF-16 read as UTF-8?)",
        ])
        #expect(report.findings.first?.value == "ca\\0fé")
        #expect(report.rows == 20_003 && report.conformingRows == 20_001)
        let json = Array(String(repeating: "{\"id\": 1}\n", count: 10_000).utf8) + Array("{\"notes\": \"x".utf8) + [0]
            + Array("y\"}\n{\"notes\": \"\\u0000\"}\n".utf8)
        let jsonReport = try TestSupport.validate(standard: standard, data: json, format: .ndjson)
        #expect(jsonReport.findings.map { "\($0.row ?? 0) \($0.rule) \($0.message)" } == [
            "10001 invalid-json invalid JSON: control character U+0000 inside a string must be escaped",
        ])
    }

    /// LF, CRLF and a lone CR in one file, and no final newline: four records, no finding.
    @Test func mixedLineEndings() throws {
        let report = try TestSupport.validate(standard: "fields:\n  - name: a\n  - name: b", csv: "a,b\r\n1,2\n3,4\r5,6")
        #expect(report.rows == 3 && report.findings.isEmpty)
    }

    /// 100,000 columns in one row: read, and each extra column named once.
    @Test func oneHundredThousandColumns() throws {
        let header = (0..<100_000).map { "c\($0)" }.joined(separator: ",")
        let row = Array(repeating: "1", count: 100_000).joined(separator: ",")
        let report = try TestSupport.validate(standard: "columns: subset\nfields:\n  - name: c99999\n    type: integer",
                                              csv: header + "\n" + row + "\n")
        #expect(report.rows == 1 && report.findings.isEmpty && report.conformingRows == 1)
    }

    /// An empty file and a file with only a header: no data rows, nothing wrong with the rows.
    @Test func emptyFileAndHeaderOnly() throws {
        let empty = try TestSupport.validate(standard: "fields:\n  - name: a", csv: "")
        #expect(empty.rows == 0 && empty.findings.isEmpty)
        let header = try TestSupport.validate(standard: "fields:\n  - name: a", csv: "a\n")
        #expect(header.rows == 0 && header.findings.isEmpty && header.conforms)
    }

    // MARK: JSON

    /// A truncated document, a lone surrogate and an invalid escape: `invalid-json` where they are.
    @Test func brokenJSON() throws {
        let truncated = try TestSupport.validate(standard: "fields:\n  - name: a\n    type: integer", data: Array(#"[{"a": 1}, {"a": "#.utf8),
                                                 format: .json)
        #expect(truncated.findings.map { "\($0.rule) \($0.line ?? 0):\($0.character ?? 0) \($0.message)" }
                == ["invalid-json 1:18 invalid JSON: expected a value"])
        let escapes = try TestSupport.validate(standard: "fields:\n  - name: a", data: Array("{\"a\": \"\\ud800\"}\n{\"a\": \"x\\q\"}\n".utf8),
                                               format: .ndjson)
        #expect(escapes.findings.map { "\($0.row ?? 0) \($0.rule) \($0.message)" } == [
            "1 invalid-json invalid JSON: lone surrogate \\uD800 in a string",
            "2 invalid-json invalid JSON: invalid escape `\\q` in a string",
        ])
    }

    /// A number of 10,000 digits is a number (no overflow, no crash): under `maximum` it is above it.
    @Test func tenThousandDigitNumber() throws {
        let report = try TestSupport.validate(standard: "fields:\n  - name: a\n    type: number\n    maximum: 100",
                                              data: Array(("{\"a\": " + String(repeating: "9", count: 10_000) + "}\n").utf8), format: .ndjson)
        #expect(report.findings.map(\.rule) == ["above-maximum"])
    }

    // MARK: Standards

    /// `uses` cycles, a code list file that is not there, and a standard that is not UTF-8.
    @Test func brokenStandards() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a1 = TestSupport.write("conform: 1\nid: a1\nuses: [a2.yaml]\nfields: []\n", "a1.yaml", in: directory)
        TestSupport.write("conform: 1\nid: a2\nuses: [a1.yaml]\nfields: []\n", "a2.yaml", in: directory)
        #expect(Conform.lint([a1], searchPaths: []).findings.map { "\($0.rule) \($0.message)" }
                == ["uses-cycle `uses` forms a cycle: a1.yaml → a2.yaml → a1.yaml"])
        let codelist = TestSupport.write("conform: 1\nid: cl\ncodelists:\n  x:\n    file: missing.csv\n    column: code\nfields:\n  - name: a\n    codelist: x\n",
                                         "cl.yaml", in: directory)
        #expect(Conform.lint([codelist], searchPaths: []).findings.map { "\($0.rule) \($0.line ?? 0) \($0.message)" }
                == ["codelist-file-missing 4 code list `x`: cannot read missing.csv: no such file"])
        // A code list file outside the standard's folder is read, and shown.
        TestSupport.write("code\nA\n", "shared/codes.csv", in: directory)
        let outside = TestSupport.write("conform: 1\nid: out\ncodelists:\n  x:\n    file: ../shared/codes.csv\n    column: code\nfields:\n  - name: a\n    codelist: x\n",
                                        "std/out.yaml", in: directory)
        #expect(Conform.lint([outside], searchPaths: []).findings.map { "\($0.rule) \($0.severity) \($0.line ?? 0) \($0.message)" }
                == ["codelist-file-outside info 4 code list `x` reads ../shared/codes.csv, outside the standard's folder"])
        let report = try Conform.validate(paths: [TestSupport.write("a\nA\nB\n", "d.csv", in: directory)],
                                          standard: Conform.loadStandard(outside, searchPaths: [])).report.files[0]
        #expect(report.findings.map { "\($0.row ?? 0) \($0.rule)" } == ["2 not-in-codelist"])
        let latin = TestSupport.write(Array("conform: 1\nid: latin\ntitle: caf".utf8) + [0xE9] + Array("\nfields: []\n".utf8), "latin.yaml", in: directory)
        #expect(Conform.lint([latin], searchPaths: []).findings.map { "\($0.rule) \($0.message)" } == ["yaml-syntax the file is not UTF-8 text"])
    }

    // MARK: Command line

    /// A missing file and a directory: exit 3, each said.
    @Test func missingFileAndDirectory() throws {
        let run = try CLITests.run(["validate", "no-such-file.csv", "/tmp", "-s", "uk-gov/brownfield-land-register"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("conform: cannot read no-such-file.csv: no such file"))
        #expect(run.stderr.contains("conform: cannot read /tmp: is a directory, not a file"))
    }

    /// A large file with one failing cell per row (so the text report is long).
    static func largeFile(in directory: URL, rows: Int) -> (data: String, standard: String) {
        var text = "id,code\n"
        text.reserveCapacity(rows * 16)
        for row in 0..<rows { text += "\(row),x\(row)\n" }
        let data = TestSupport.write(text, "big.csv", in: directory)
        let standard = TestSupport.write("conform: 1\nid: big\nfields:\n  - name: id\n    type: integer\n  - name: code\n    pattern: \"[A-Z]+\"\n",
                                         "big.yaml", in: directory)
        return (data, standard)
    }

    /// SIGTERM during a run: it stops at once (exit 143), and the report asked for with
    /// --output is not left half-written, nor its temporary file.
    @Test func sigtermLeavesNoPartialReport() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (data, standard) = Self.largeFile(in: directory, rows: 1_500_000)
        let output = directory.appendingPathComponent("out").path
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        // The test runner starts its children with SIGTERM ignored, and an ignored signal stays
        // ignored across exec: python3 puts the default action back, as a shell or CI runner has it.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import os, signal, sys; signal.signal(signal.SIGTERM, signal.SIG_DFL); "
                             + "signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM]); os.execv(sys.argv[1], sys.argv[1:])",
                             CLITests.executable.path, "validate", data, "-s", standard, "--format", "json", "--max-findings", "1000000",
                             "--output", output + "/report.json", "--no-progress"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 0.8)
        let sent = Date()
        process.terminate()
        process.waitUntilExit()
        #expect(Date().timeIntervalSince(sent) < 1)
        #expect(process.terminationReason == .exit && process.terminationStatus == 143)
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).isEmpty)
    }

    /// `conform … | head -1`: the run ends quietly when standard output is closed (SIGPIPE, 141).
    @Test func closedStandardOutput() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (data, standard) = Self.largeFile(in: directory, rows: 200_000)
        let script = "\"$0\" validate \"$1\" -s \"$2\" --max-findings 1000000 --no-progress | head -1; echo \"status ${PIPESTATUS[0]}\""
        let run = try CLITests.run(["-c", script, CLITests.executable.path, data, standard], shell: true)
        #expect(run.stdout.hasPrefix("error[pattern-mismatch]"))
        #expect(run.stdout.hasSuffix("status 141\n"), "\(run.stdout.suffix(200))")
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Crash"), "\(run.stderr.prefix(500))")
    }
}

