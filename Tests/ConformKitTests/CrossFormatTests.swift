import Foundation
import Testing
@testable import ConformKit

/// One standard, one dataset written three ways (CSV, NDJSON, a JSON array, and a JSON document
/// with the records at a pointer), each also gzipped: the findings are the same apart from
/// where they are (line, character, pointer).
@Suite("Same findings from CSV, NDJSON and JSON")
struct CrossFormatTests {
    static let standard = """
    conform: 1
    id: cross
    columns: any-order
    missingValues: ["", "n/a"]
    codelists:
      status:
        values: [open, closed]
    fields:
      - name: id
        type: integer
        required: true
        unique: true
      - name: name
        required: true
        maxLength: 12
      - name: amount
        type: number
        minimum: 0
      - name: opened
        type: date
      - name: closed
        type: date
      - name: status
        type: code
        codelist: status
      - name: postcode
        pattern: "[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}"
      - name: active
        type: boolean
    keys:
      unique:
        - [name, postcode]
    rules:
      - id: closed-after-opened
        assert: closed >= opened
        when: closed is not empty
      - id: closed-status
        assert: status = "closed"
        when: closed is not empty
    """

    /// The columns, and which are written as JSON numbers or booleans.
    static let columns = ["id", "name", "amount", "opened", "closed", "status", "postcode", "active"]
    static let numeric: Set<String> = ["id", "amount"]
    static let boolean: Set<String> = ["active"]

    /// Rows with a mix of good values and seeded errors of every cell, key and rule kind.
    static func rows() -> [[String]] {
        var rows: [[String]] = []
        var random = ValuesTestRandom(seed: 7)
        let statuses = ["open", "closed", "Open", "pending"]
        for i in 1...400 {
            let id = i % 97 == 0 ? "\(i - 1)" : "\(i)" // duplicate ids
            var name = "Site \(i % 50)"
            if i % 41 == 0 { name = "A very long site name \(i)" } // too-long
            if i % 53 == 0 { name = "" } // missing-value
            // below-minimum (row 194 also has a duplicate id: findings of one row keep the fields' order)
            let amount = i % 37 == 0 || i == 194 ? "-\(i).5" : "\(i * 3).25"
            let day = 1 + Int.random(in: 0..<28, using: &random)
            var opened = "2023-0\(1 + i % 9)-\(day < 10 ? "0" : "")\(day)"
            if i % 59 == 0 { opened = "2023-02-30" } // type-mismatch (date)
            var closed = ""
            var status = statuses[i % 2]
            if i % 5 == 0 {
                closed = i % 10 == 0 ? "2022-12-31" : "2024-01-15" // rule-failed when before opened
                status = "closed"
            }
            if i % 31 == 0 { status = statuses[2 + i % 2] } // not-in-codelist
            if i % 71 == 0 { status = "n/a" } // missing, allowed
            let postcode = i % 43 == 0 ? "bs1 4dj" : "BS\(i % 9 + 1) \(i % 10)DJ" // pattern-mismatch
            let active = i % 67 == 0 ? "yes" : (i % 2 == 0 ? "true" : "false") // type-mismatch (boolean)
            if i % 83 == 0, let previous = rows.last { // duplicate-key: name and postcode of the row before
                rows.append([id, previous[1], amount, opened, closed, status, previous[6], active])
                continue
            }
            rows.append([id, name, amount, opened, closed, status, postcode, active])
        }
        return rows
    }

    static func csv(_ rows: [[String]]) -> String {
        (["id,name,amount,opened,closed,status,postcode,active"] + rows.map { $0.joined(separator: ",") })
            .joined(separator: "\n") + "\n"
    }

    /// One record as a JSON object; empty cells are left out, every third one written as null instead.
    static func object(_ row: [String], index: Int) -> String {
        var members: [String] = []
        for (c, name) in columns.enumerated() {
            let value = row[c]
            if value.isEmpty {
                if index % 3 == 0 { members.append("\"\(name)\": null") }
                continue
            }
            if numeric.contains(name) && Double(value) != nil {
                members.append("\"\(name)\": \(value)")
            } else if boolean.contains(name) && (value == "true" || value == "false") {
                members.append("\"\(name)\": \(value)")
            } else {
                members.append("\"\(name)\": \"\(value)\"")
            }
        }
        return "{" + members.joined(separator: ", ") + "}"
    }

    static func ndjson(_ rows: [[String]]) -> String {
        rows.enumerated().map { object($0.element, index: $0.offset) }.joined(separator: "\n") + "\n"
    }

    static func jsonArray(_ rows: [[String]]) -> String {
        "[\n" + rows.enumerated().map { "  " + object($0.element, index: $0.offset) }.joined(separator: ",\n") + "\n]\n"
    }

    static func jsonDocument(_ rows: [[String]]) -> String {
        "{\"meta\": {\"title\": \"sites\", \"tags\": [\"a\", {\"b\": []}]},\n \"data\": {\"sites\": " + jsonArray(rows) + "}, \"count\": \(rows.count)}\n"
    }

    /// What must agree across formats: everything but the location.
    struct Essence: Hashable, CustomStringConvertible {
        var rule, severity, message: String
        var row: Int?
        var column, value, expected: String?
        var description: String { "\(rule) row \(row ?? -1) \(column ?? "-") \(value ?? "-"): \(message)" }
    }

    static func essence(_ report: FileReport) -> [Essence] {
        report.findings.map {
            Essence(rule: $0.rule, severity: $0.severity.rawValue, message: $0.message, row: $0.row, column: $0.column,
                    value: $0.value, expected: $0.expected)
        }
    }

    func reports(records: String?) throws -> [String: FileReport] {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let standardPath = TestSupport.write(Self.standard, "cross.yaml", in: directory)
        let rows = Self.rows()
        var paths = [
            TestSupport.write(Self.csv(rows), "data.csv", in: directory),
            TestSupport.write(Self.ndjson(rows), "data.ndjson", in: directory),
            TestSupport.write(Self.jsonArray(rows), "data.json", in: directory),
        ]
        if records != nil { paths = [paths[0], TestSupport.write(Self.jsonDocument(rows), "document.json", in: directory)] }
        for path in paths { try GzipInputTests.gzip(path, into: path + ".gz") }
        let loaded = try Conform.loadStandard(standardPath, searchPaths: [])
        var result: [String: FileReport] = [:]
        for path in paths + paths.map({ $0 + ".gz" }) {
            let outcome = Conform.validate(paths: [path], standard: loaded,
                                           options: ValidationOptions(maxFindings: 10_000, records: path.contains("document") ? records : nil))
            if let problem = outcome.unreadable.first { throw problem }
            result[URL(fileURLWithPath: path).lastPathComponent] = outcome.report.files[0]
        }
        return result
    }

    @Test func sameFindingsInEveryFormat() throws {
        let reports = try reports(records: nil)
        let csv = try #require(reports["data.csv"])
        let expected = Self.essence(csv)
        // The seeded errors are all there, of every kind.
        let rules = Set(expected.map(\.rule))
        #expect(rules == ["duplicate-value", "too-long", "missing-value", "below-minimum", "type-mismatch", "rule-failed",
                          "not-in-codelist", "pattern-mismatch", "duplicate-key"])
        #expect(expected.count > 60)
        #expect(expected.filter { $0.row == 194 }.map(\.rule) == ["duplicate-value", "below-minimum"])
        for name in ["data.ndjson", "data.json"] {
            let report = try #require(reports[name])
            let essence = Self.essence(report)
            #expect(essence == expected, "\(name): \(Set(essence).symmetricDifference(expected).map(\.description).sorted())")
            #expect(report.counts == csv.counts)
            #expect(report.rows == csv.rows && report.conformingRows == csv.conformingRows)
            #expect(report.fields.map(\.passing) == csv.fields.map(\.passing))
            #expect(report.fields.map(\.cells) == csv.fields.map(\.cells))
            #expect(report.findings.allSatisfy { $0.pointer != nil && $0.line != nil && $0.character != nil })
        }
        // gzip changes nothing but the file name.
        for name in ["data.csv", "data.ndjson", "data.json"] {
            var plain = try #require(reports[name])
            var compressed = try #require(reports[name + ".gz"])
            for index in compressed.findings.indices { compressed.findings[index].file = plain.file }
            compressed.file = plain.file
            plain.bytes = 0
            compressed.bytes = 0
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            #expect(try encoder.encode(plain) == encoder.encode(compressed), "\(name)")
        }
    }

    @Test func pointersAndPositionsOfJSONFindings() throws {
        let reports = try reports(records: "/data/sites")
        let csv = try #require(reports["data.csv"])
        let document = try #require(reports["document.json"])
        #expect(Self.essence(document) == Self.essence(csv))
        // Row 59's opening date (2023-02-30): the 59th record is element 58, on line 59 + 2 of the document.
        let finding = try #require(document.findings.first { $0.rule == "type-mismatch" && $0.column == "opened" })
        #expect(finding.row == 59)
        #expect(finding.pointer == "/data/sites/58/opened")
        #expect(finding.line == 61)
        let line = Self.jsonDocument(Self.rows()).split(separator: "\n", omittingEmptySubsequences: false)[60]
        let column = try #require(line.range(of: "\"opened\": \"2023-02-30\""))
        #expect(finding.character == line.distance(from: line.startIndex, to: column.lowerBound) + 11)
    }
}
