import Foundation
import Testing
@testable import ConformKit

/// JSON input at its edges: the cases a review of the JSON reader turned up, each with the
/// exact outcome.
@Suite("JSON edge cases")
struct JSONEdgeCaseTests {
    static func findings(_ standard: String, _ data: String, format: InputFormat = .ndjson,
                         options: ValidationOptions = ValidationOptions(maxFindings: 1000)) throws -> [String] {
        let report = try TestSupport.validate(standard: standard, data: Array(data.utf8), format: format, options: options)
        return report.findings.map { "\($0.rule) \($0.line ?? 0):\($0.character ?? 0) \($0.pointer ?? "-")" }
    }

    /// A document on one line: positions are right far along it (and are counted from a cursor,
    /// so a minified file costs linear time).
    @Test func minifiedDocumentPositions() throws {
        let records = (0..<3000).map { #"{"a":\#($0),"s":"\#($0 == 2999 ? "x" : "é")"}"# }.joined(separator: ",")
        let out = try Self.findings("fields:\n  - name: a\n    type: integer\n  - name: s\n    enum: [é]", "[" + records + "]", format: .json)
        let offset = ("[" + records).unicodeScalars.count - "\"x\"}".count + 1 // the opening quote of "x"
        #expect(out == ["not-in-codelist 1:\(offset) /2999/s"])
    }

    /// An object with many members no field wants: each name is checked once, and at most 1,000
    /// unknown names are reported.
    @Test func manyUnknownMembers() throws {
        let members = (0..<1500).map { "\"m\($0)\":\($0)" }.joined(separator: ",")
        let report = try TestSupport.validate(standard: "fields:\n  - name: a", data: Array(("{" + members + "}\n").utf8), format: .ndjson,
                                              options: ValidationOptions(maxFindings: 5))
        #expect(report.count("extra-column") == 1000)
        let duplicated = "{" + members + ",\"m700\":1}\n"
        let again = try TestSupport.validate(standard: "columns: subset\nfields:\n  - name: a", data: Array(duplicated.utf8), format: .ndjson)
        #expect(again.findings.map(\.pointer) == ["/m700"])
    }

    /// `required` on a `*` path holds for every element: one that lacks the member or holds null fails.
    @Test func requiredUnderAWildcard() throws {
        let standard = "columns: subset\nfields:\n  - name: geoCode\n    path: /locations/*/geoCode\n    required: true"
        let out = try Self.findings(standard, #"{"locations":[{"geoCode":"E1"},{},{"geoCode":null},{"x":1}]}"# + "\n" + #"{"locations":[]}"# + "\n")
        #expect(out == ["missing-value 1:32 /locations/1/geoCode", "missing-value 1:46 /locations/2/geoCode",
                        "missing-value 1:52 /locations/3/geoCode", "missing-value 2:1 /locations"])
    }

    /// Duplicate members are placed wherever they are, in the records and outside them.
    @Test func duplicateMemberPointers() throws {
        let out = try Self.findings("columns: subset\nfields:\n  - name: id", #"{"id":"a","meta":{"k":1,"k":2},"list":[{"k":1,"k":2}]}"# + "\n")
        #expect(out == ["duplicate-member 1:25 /meta/k", "duplicate-member 1:47 /list/0/k"])
        let document = #"{"grants":[{"id":"a"}],"meta":{"k":1,"k":2},"grants":[{"id":5}]}"#
        let outside = try Self.findings("dialect:\n  records: /grants\ncolumns: subset\nfields:\n  - name: id", document, format: .json)
        #expect(outside == ["duplicate-member 1:38 /meta/k", "duplicate-member 1:45 /grants"])
    }

    /// A records pointer that runs into a scalar finds no records.
    @Test func recordsThroughAScalar() throws {
        let out = try Self.findings("dialect:\n  records: /g/x\nfields:\n  - name: a", #"{"g":5}"#, format: .json)
        #expect(out == ["records-not-found 1:6 -"])
    }

    /// The byte offset of invalid UTF-8 is where it is in the file, escapes before it or not.
    @Test func invalidEncodingOffsets() throws {
        let data: [UInt8] = Array(#"{"a":"\u00e9\u00e9\u00e9"#.utf8) + [0xFF] + Array("\"}\n{\"a\":\"ab".utf8) + [0xFF] + Array("\"}\n".utf8)
        let report = try TestSupport.validate(standard: "fields:\n  - name: a", data: data, format: .ndjson)
        #expect(report.findings.map(\.rule) == ["invalid-encoding", "invalid-encoding"])
        #expect(report.findings.map(\.byteOffset) == [24, 36])
        #expect(data[24] == 0xFF && data[36] == 0xFF)
    }

    /// Constraints on values have no effect on an array field (lint warns; put them under `items`).
    @Test func valueConstraintsOnArrays() throws {
        let findings = TestSupport.lint("conform: 1\nid: t\nfields:\n  - name: tags\n    type: array\n    unique: true\n    maxLength: 8\n")
        #expect(findings.map(\.rule) == ["constraint-not-applicable", "constraint-not-applicable"])
        let report = try TestSupport.validate(standard: "fields:\n  - name: tags\n    type: array\n    unique: true\n    maxLength: 8",
                                              data: Array("{\"tags\":[\"x\",\"x\"]}\n{\"tags\":[\"x\", \"x\"]}\n".utf8), format: .ndjson)
        #expect(report.findings.isEmpty)
    }

    /// An empty string that is not a missing value (`missingValues` without "") is a value like any other.
    @Test func emptyStringThatIsNotMissing() throws {
        let standard = "missingValues: [NA]\nfields:\n  - name: a\n  - name: b"
        #expect(try Self.findings(standard, "{\"a\":\"\",\"b\":\"x\"}\n").isEmpty)
        #expect(try TestSupport.validate(standard: standard, csv: "a,b\n,x\n").findings.isEmpty)
    }

    /// A unique value repeated within one record (a `*` path) says so, in document order.
    @Test func uniqueWithinOneRecord() throws {
        let standard = "columns: subset\nfields:\n  - name: ids\n    path: /a/*\n    unique: true\n    pattern: \"[a-z]\""
        let report = try TestSupport.validate(standard: standard, data: Array(#"{"a":["q","Q","q","R"],"z":"Z"}"#.utf8 + [0x0A]), format: .ndjson)
        #expect(report.findings.map { "\($0.rule) \($0.pointer ?? "")" } == ["pattern-mismatch /a/1", "duplicate-value /a/2", "pattern-mismatch /a/3"])
        #expect(report.findings[1].message == "\"q\" already appeared earlier in this record")
    }

    /// NDJSON with a first line longer than the sniffed prefix is still NDJSON.
    @Test func longFirstLine() throws {
        let long = #"{"id":1,"pad":""# + String(repeating: "x", count: 70_000) + "\"}\n" + #"{"id":"two"}"# + "\n"
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = TestSupport.write(long, "data", in: directory)
        let standard = try Conform.loadStandard(TestSupport.write("conform: 1\nid: t\ncolumns: subset\nfields:\n  - name: id\n    type: integer\n",
                                                                  "s.yaml", in: directory), searchPaths: [])
        let report = Conform.validate(paths: [path], standard: standard).report.files[0]
        #expect(report.rows == 2)
        #expect(report.findings.map(\.rule) == ["type-mismatch"])
    }
}
