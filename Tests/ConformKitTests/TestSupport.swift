import Foundation
@testable import ConformKit

/// Helpers shared by the tests: temporary files, one-call validation of in-memory data.
enum TestSupport {
    /// The repository's root folder.
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent() // ConformKitTests
        url.deleteLastPathComponent() // Tests
        url.deleteLastPathComponent() // repository
        return url
    }()

    /// `../shared` beside the repository, when present.
    static let shared: URL? = {
        let url = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    static var searchPaths: [String] { [repositoryRoot.appendingPathComponent("standards").path] }

    /// A fresh temporary folder.
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("conform-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `contents` into `directory/name` and returns its path.
    @discardableResult
    static func write(_ contents: [UInt8], _ name: String, in directory: URL) -> String {
        let url = directory.appendingPathComponent(name)
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(contents).write(to: url)
        return url.path
    }

    @discardableResult
    static func write(_ text: String, _ name: String, in directory: URL) -> String {
        write(Array(text.utf8), name, in: directory)
    }

    /// Validates `data` against a standard made of `conform: 1`, `id: test` and `body`.
    static func validate(standard body: String, data: [UInt8], format: InputFormat = .csv,
                         options: ValidationOptions = ValidationOptions(maxFindings: 1000)) throws -> FileReport {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let standardPath = write("conform: 1\nid: test\n" + body + "\n", "standard.yaml", in: directory)
        let dataPath = write(data, "data.\(format.rawValue)", in: directory)
        let loaded = try Conform.loadStandard(standardPath, searchPaths: searchPaths)
        let outcome = Conform.validate(paths: [dataPath], standard: loaded, options: options)
        if let problem = outcome.unreadable.first { throw problem }
        return outcome.report.files[0]
    }

    static func validate(standard body: String, csv: String, options: ValidationOptions = ValidationOptions(maxFindings: 1000)) throws -> FileReport {
        try validate(standard: body, data: Array(csv.utf8), options: options)
    }

    /// Lints a standard file with the given text and returns the findings.
    static func lint(_ text: String, name: String = "standard.yaml", extraFiles: [String: String] = [:]) -> [Finding] {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (file, contents) in extraFiles { write(contents, file, in: directory) }
        let path = write(text, name, in: directory)
        return Conform.lint([path], searchPaths: searchPaths).findings
    }

    /// Reads every record of `bytes` with the given dialect (sniffed when nil).
    static func records(_ bytes: [UInt8], dialect: Dialect? = nil) throws -> [[String]] {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = write(bytes, "data.csv", in: directory)
        let reader = try InputOpener.csvReader(path: path, dialect: dialect)
        var result: [[String]] = []
        while try reader.readRecord() {
            result.append((0..<reader.cells.count).map { String(decoding: reader.cell($0), as: UTF8.self) })
        }
        return result
    }
}

extension FileReport {
    /// Number of findings (complete count) of `rule`.
    func count(_ rule: String) -> Int {
        counts.filter { $0.rule == rule }.reduce(0) { $0 + $1.count }
    }
}
