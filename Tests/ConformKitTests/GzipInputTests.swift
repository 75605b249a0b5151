import Foundation
import Testing
@testable import ConformKit

/// gzip input is decompressed on the fly and gives the report of the plain file.
struct GzipInputTests {
    static func gzip(_ path: String, into output: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -c \"$0\" > \"$1\"", path, output]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    static let standard = "conform: 1\nid: t\nfields:\n  - name: id\n    type: integer\n    unique: true\n  - name: note\n"

    func report(_ path: String, _ standardPath: String) throws -> FileReport {
        let standard = try Conform.loadStandard(standardPath, searchPaths: [])
        let outcome = Conform.validate(paths: [path], standard: standard, options: ValidationOptions(maxFindings: 1000))
        if let error = outcome.unreadable.first { throw error }
        return outcome.report.files[0]
    }

    @Test func sameFindingsAsThePlainFile() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var text = "id,note\n"
        for i in 0..<20_000 { text += "\(i % 7 == 0 ? "x" : String(i % 15_000)),\"multi\nline \(i)\"\n" }
        let plain = TestSupport.write(text, "data.csv", in: directory)
        let compressed = directory.appendingPathComponent("data.csv.gz").path
        try Self.gzip(plain, into: compressed)
        let standardPath = TestSupport.write(Self.standard, "s.yaml", in: directory)
        let a = try report(plain, standardPath)
        var b = try report(compressed, standardPath)
        #expect(a.findings.count > 100)
        #expect(b.file == compressed)
        b.file = a.file
        for index in b.findings.indices { b.findings[index].file = a.file }
        #expect(b.findings == a.findings)
        #expect(b.counts == a.counts)
        #expect(b.rows == a.rows)
    }

    @Test func concatenatedMembers() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = TestSupport.write("id,note\n1,a\n", "a.csv", in: directory)
        let second = TestSupport.write("2,b\n1,c\n", "b.csv", in: directory)
        try Self.gzip(first, into: directory.appendingPathComponent("a.gz").path)
        try Self.gzip(second, into: directory.appendingPathComponent("b.gz").path)
        let joined = try Data(contentsOf: directory.appendingPathComponent("a.gz")) + Data(contentsOf: directory.appendingPathComponent("b.gz"))
        let path = TestSupport.write(Array(joined), "joined.csv.gz", in: directory)
        let report = try report(path, TestSupport.write(Self.standard, "s.yaml", in: directory))
        #expect(report.rows == 3)
        #expect(report.count("duplicate-value") == 1)
    }

    @Test func truncatedDataIsUnreadable() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var text = "id,note\n"
        for i in 0..<5_000 { text += "\(i),note \(i)\n" }
        let plain = TestSupport.write(text, "data.csv", in: directory)
        let compressed = directory.appendingPathComponent("data.csv.gz").path
        try Self.gzip(plain, into: compressed)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: compressed)))
        let truncated = TestSupport.write(Array(bytes.prefix(bytes.count / 2)), "cut.csv.gz", in: directory)
        #expect(throws: InputError.self) { try report(truncated, TestSupport.write(Self.standard, "s.yaml", in: directory)) }
    }
}
