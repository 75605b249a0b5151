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
}
