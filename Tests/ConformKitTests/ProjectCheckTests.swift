import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ConformKit

/// `conform check` on `examples/conform.yaml`, end to end: every report it writes is what its
/// consumers accept — SARIF against the official schema, JUnit as XML, GitHub commands,
/// Markdown, and the HTML page in headless Chromium with the right numbers.
@Suite(.serialized)
struct ProjectCheckTests {
    @Test func examplesProjectWritesEveryReport() throws {
        let reports = TestSupport.repositoryRoot.appendingPathComponent(".build/reports")
        for name in ["examples.sarif", "examples.junit.xml", "examples.md", "examples.github.txt", "examples.html"] {
            try? FileManager.default.removeItem(at: reports.appendingPathComponent(name))
        }
        let run = try CLITests.run(["check", "--config", "examples/conform.yaml", "--format", "json"])
        #expect(run.status == 1, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let files = try #require(report["files"] as? [[String: Any]])
        // Named from the current folder (the repository's root here), as CI annotations need.
        #expect(files.map { $0["file"] as? String ?? "" } == ["examples/brownfield/clean.csv", "examples/brownfield/dirty.csv",
                                                               "examples/360giving/dirty.json", "examples/360giving/grants.json"]
                    + ["360giving-flat", "hmt-spend-over-25k", "lga-planning-applications", "lga-public-toilets",
                       "lga-premises-licences", "hsds-1.1-organization"].flatMap { ["examples/\($0)/clean.csv", "examples/\($0)/dirty.csv"] })
        let errors = files.map { $0["errors"] as? Int ?? -1 }

        // SARIF: one result per finding listed, and valid against the schema when the checker is there.
        let sarif = reports.appendingPathComponent("examples.sarif")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: sarif)) as? [String: Any])
        let results = ((log["runs"] as? [[String: Any]])?.first?["results"] as? [Any]) ?? []
        #expect(results.count == files.reduce(0) { $0 + (($1["findings"] as? [Any])?.count ?? 0) })
        if let shared = TestSupport.shared {
            try SchemaCheck.sarif([sarif.path], schema: shared.appendingPathComponent("data/schemas/sarif-schema-2.1.0.json").path)
        }

        // JUnit parses, with one suite per file.
        let parser = XMLParser(contentsOf: reports.appendingPathComponent("examples.junit.xml"))
        #expect(parser?.parse() == true)
        let junit = try String(contentsOf: reports.appendingPathComponent("examples.junit.xml"), encoding: .utf8)
        #expect(junit.components(separatedBy: "<testsuite ").count - 1 == files.count)

        // GitHub commands: one per finding listed; Markdown: the verdict line.
        let github = try String(contentsOf: reports.appendingPathComponent("examples.github.txt"), encoding: .utf8)
        #expect(github.split(separator: "\n").filter { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") }.count == results.count)
        let markdown = try String(contentsOf: reports.appendingPathComponent("examples.md"), encoding: .utf8)
        #expect(markdown.hasPrefix("## conform: 8 of 16 checks pass"))

        // HTML: opens without console errors and shows each file's error count.
        let html = reports.appendingPathComponent("examples.html")
        guard let dom = try Browser.dumpDOM(html) else { return }
        for count in errors { #expect(dom.contains("<span class=\"errors\">\(count)</span>")) }
    }
}

/// Python's jsonschema on SARIF files (installed by `.ci/run`; `CONFORM_REQUIRE_SCHEMA_CHECK=1` requires it).
enum SchemaCheck {
    static func sarif(_ paths: [String], schema: String) throws {
        try validate(paths, schema: schema, validator: "Draft4Validator")
    }

    /// Validates JSON files against a JSON Schema with Python's jsonschema (`validator`: the
    /// draft's validator class); skipped when it is not installed, unless
    /// `CONFORM_REQUIRE_SCHEMA_CHECK=1`.
    static func validate(_ paths: [String], schema: String, validator: String) throws {
        let script = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            sys.exit(3)
        cls = getattr(jsonschema, "\(validator)")
        validator = cls(json.load(open(sys.argv[1])), format_checker=cls.FORMAT_CHECKER)
        bad = 0
        for path in sys.argv[2:]:
            for error in validator.iter_errors(json.load(open(path))):
                bad += 1
                print(path, list(error.absolute_path), error.message[:200])
        sys.exit(1 if bad else 0)
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema] + paths
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do { try process.run() } catch {
            if ProcessInfo.processInfo.environment["CONFORM_REQUIRE_SCHEMA_CHECK"] == "1" { Issue.record("python3 cannot run: \(error)") }
            return
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 3 || process.terminationStatus == 127 {
            if ProcessInfo.processInfo.environment["CONFORM_REQUIRE_SCHEMA_CHECK"] == "1" { Issue.record("Python's jsonschema is not installed") }
            return
        }
        #expect(process.terminationStatus == 0, "\(text)")
    }
}

/// Headless Chromium (installed by `.ci/run`; `CONFORM_REQUIRE_BROWSER=1` requires it).
enum Browser {
    static var path: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs Chromium on `page` with `arguments`; its standard output and error.
    static func run(_ page: URL, _ arguments: [String]) throws -> (output: String, log: String)? {
        guard let path else {
            if ProcessInfo.processInfo.environment["CONFORM_REQUIRE_BROWSER"] == "1" { Issue.record("no Chromium installed") }
            return nil
        }
        // A profile of its own, so that runs in parallel do not share one.
        let profile = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--enable-logging=stderr", "--v=0",
                             "--user-data-dir=\(profile.path)"] + arguments + [page.absoluteString]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// The page's DOM after its scripts ran; records an issue on any console message.
    static func dumpDOM(_ page: URL) throws -> String? {
        guard let (dom, log) = try run(page, ["--dump-dom"]) else { return nil }
        #expect(!log.contains("Uncaught") && !log.contains("CONSOLE"), "\(log.suffix(2000))")
        return dom
    }
}
