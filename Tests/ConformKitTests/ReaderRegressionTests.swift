import Foundation
import Testing
@testable import ConformKit

/// Defects found in review, each kept fixed by a test.
struct ReaderRegressionTests {
    static let escapeDialect = "dialect:\n  delimiter: ','\n  escapeChar: '\\'\n  doubleQuote: false\n"

    @Test func escapeCharacterAtTheEndOfTheFile() throws {
        let report = try TestSupport.validate(standard: Self.escapeDialect + "fields:\n  - name: a\n  - name: b",
                                              data: Array("a,b\nx,\"abc\\".utf8))
        #expect(report.count("unclosed-quote") == 1)
    }

    @Test func escapedLoneCRCountsAsALine() throws {
        let report = try TestSupport.validate(standard: Self.escapeDialect + "fields:\n  - name: a\n  - name: b\n    maxLength: 3",
                                              data: Array("a,b\n\"x\\\ry\",1\n2,toolong\n".utf8))
        let finding = try #require(report.findings.first { $0.rule == "too-long" })
        #expect(finding.row == 2)
        #expect(finding.line == 4)
    }

    /// A record larger than the read buffer in a transcoded file is read whole, and what follows it too.
    @Test(arguments: ["latin-1", "utf-16"])
    func largeRecordInTranscodedInput(encoding: String) throws {
        var text = "a,b\n1,\"" + String(repeating: "x", count: 2_200_000) + "\"\n"
        for _ in 0..<5 { text += "2,badé\n" }
        let bytes: [UInt8]
        if encoding == "latin-1" {
            bytes = text.unicodeScalars.map { UInt8($0.value) }
        } else {
            bytes = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        }
        let report = try TestSupport.validate(
            standard: "dialect:\n  delimiter: ','\n  encoding: \(encoding)\nfields:\n  - name: a\n  - name: b\n    maxLength: 3",
            data: bytes)
        #expect(report.rows == 6)
        #expect(report.count("too-long") == 6)
        #expect(report.count("unclosed-quote") == 0)
    }

    /// A lone high surrogate right at the end of the transcoder's room does not write past it.
    @Test func loneSurrogateAtABufferEdge() throws {
        var units = Array("a\n".utf16)
        units += Array(repeating: UInt16(ascii: "x"), count: 1_048_572) + [0xD800] + Array("一\n".utf16)
        let bytes: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let report = try TestSupport.validate(standard: "dialect:\n  delimiter: ','\n  encoding: utf-16\nfields:\n  - name: a", data: bytes)
        #expect(report.rows == 1)
    }

    @Test func quoteProblemsInTheHeaderAreReported() throws {
        let unclosed = try TestSupport.validate(standard: "columns: subset\nfields:\n  - name: a", csv: "a,\"b\n1,2\n3,4\n")
        #expect(unclosed.count("unclosed-quote") == 1)
        #expect(!unclosed.conforms)
        let stray = try TestSupport.validate(standard: "columns: subset\nfields:\n  - name: a", csv: "a,b\"x,c\n1,2,3\n")
        #expect(stray.count("stray-quote") == 1)
    }

    @Test func countsAreOrderedTheSameEveryTime() {
        let counts: [FindingSink.CountKey: Int] = [
            .init(rule: "rule-failed", column: -1, columnName: nil, severity: .warning): 1,
            .init(rule: "rule-failed", column: -1, columnName: nil, severity: .error): 1,
        ]
        let sorted = FindingSink.sortedCounts(counts)
        #expect(sorted.map(\.severity) == [.error, .warning])
    }
}

extension UInt16 {
    init(ascii: Unicode.Scalar) { self = UInt16(ascii.value) }
}

/// `invalid-encoding` names the byte: in a quoted cell the offset counts the opening quote and
/// the extra byte of each doubled quote before it.
struct InvalidEncodingOffsetTests {
    @Test func offsetsInQuotedAndPlainCells() throws {
        let data: [UInt8] = Array("name\n\"caf".utf8) + [0xE9] + Array("\"\n\"a\"\"b".utf8) + [0xE9] + Array("\"\ncaf".utf8) + [0xE9]
            + Array("\n\"x\ny".utf8) + [0xE9] + Array("\"\n".utf8)
        let file = try TestSupport.validate(standard: "fields:\n  - name: name", data: data)
        #expect(file.findings.filter { $0.rule == "invalid-encoding" }.map(\.byteOffset) == [9, 17, 23, 29])
        for finding in file.findings { #expect(data[finding.byteOffset ?? 0] == 0xE9) }
    }
}
