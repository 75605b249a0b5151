import Foundation
import Testing

/// The `conform` executable end to end: exit codes, standard input, `--output`.
@Suite(.serialized)
struct CLITests {
    static let executable: URL = {
        // Tests run from .build/<config>/ where the executable is built too.
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("conform"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("conform"),
            TestSupport.repositoryRoot.appendingPathComponent(".build/debug/conform"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs conform (or, with `shell`, bash with `arguments`) from the repository's root.
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:], shell: Bool = false) throws -> Run {
        let process = Process()
        process.executableURL = shell ? URL(fileURLWithPath: "/bin/bash") : executable
        process.arguments = arguments
        process.currentDirectoryURL = TestSupport.repositoryRoot
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }

    static let standard = "conform: 1\nid: cli-test\nfields:\n  - name: id\n    type: integer\n    required: true\n  - name: status\n    enum: [open, closed]\n"

    func files() -> (URL, String) {
        let directory = TestSupport.temporaryDirectory()
        return (directory, TestSupport.write(Self.standard, "s.yaml", in: directory))
    }

    @Test func conformingFileExitsZero() throws {
        let (directory, standard) = files()
        let data = TestSupport.write("id,status\n1,open\n2,closed\n", "ok.csv", in: directory)
        let run = try Self.run(["validate", data, "--standard", standard])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("conforms to cli-test"))
    }

    @Test func nonConformingFileExitsOne() throws {
        let (directory, standard) = files()
        let data = TestSupport.write("id,status\nx,open\n2,Closed\n", "bad.csv", in: directory)
        let run = try Self.run(["validate", data, "--standard", standard])
        #expect(run.status == 1)
        #expect(run.stdout.contains("error[type-mismatch]"))
        #expect(run.stdout.contains("error[not-in-codelist]"))
        #expect(run.stdout.contains("differs only by case"))
    }

    @Test func failOnWarning() throws {
        let (directory, standard) = files()
        let data = TestSupport.write("id,status\n1,open \n", "warn.csv", in: directory)
        #expect(try Self.run(["validate", data, "--standard", standard, "--max-findings", "0"]).status == 1) // "open " is also not in the enum
        let clean = TestSupport.write("id,status\n1,open\n\n", "blank.csv", in: directory)
        #expect(try Self.run(["validate", clean, "--standard", standard]).status == 0)
        #expect(try Self.run(["validate", clean, "--standard", standard, "--fail-on", "warning"]).status == 1)
    }

    @Test func standardInput() throws {
        let (_, standard) = files()
        let run = try Self.run(["validate", "-", "--standard", standard, "--format", "json"], stdin: "id,status\n1,open\nz,open\n")
        #expect(run.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let files = json?["files"] as? [[String: Any]]
        #expect(files?.first?["file"] as? String == "<stdin>")
        #expect(files?.first?["rows"] as? Int == 2)
    }

    @Test func jsonOnStandardInputIsRecognisedByContent() throws {
        let (_, standard) = files()
        let ndjson = try Self.run(["validate", "-", "--standard", standard], stdin: "{\"id\": 1, \"status\": \"open\"}\n{\"id\": \"2\", \"status\": \"open\"}\n")
        #expect(ndjson.status == 1)
        #expect(ndjson.stdout.contains("error[type-mismatch]: \"2\" is a JSON string, not a valid integer"))
        #expect(ndjson.stdout.contains("<stdin>:2:8   row 2, column id, at /id"))
        let array = try Self.run(["validate", "-", "--standard", standard], stdin: "[{\"id\": 1, \"status\": \"open\"},\n {\"id\": 2, \"status\": \"shut\"}]")
        #expect(array.status == 1)
        #expect(array.stdout.contains("<stdin>:2:22   row 2, column status, at /1/status"))
        // Told the format: the same bytes read as CSV are one malformed row.
        let forced = try Self.run(["validate", "-", "--standard", standard, "--input-format", "ndjson"], stdin: "id,status\n1,open\n")
        #expect(forced.stdout.contains("error[invalid-json]"))
    }

    @Test func recordsPointerOption() throws {
        let (directory, standard) = files()
        let data = TestSupport.write("{\"meta\": {}, \"items\": [{\"id\": 1, \"status\": \"open\"}, {\"id\": 2.5}]}", "doc.json", in: directory)
        let run = try Self.run(["validate", data, "--standard", standard, "--records", "/items"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("at /items/1/id"))
        let missing = try Self.run(["validate", data, "--standard", standard, "--records", "/grants"])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("error[records-not-found]: the document has no array at /grants"))
        let bad = try Self.run(["validate", data, "--standard", standard, "--records", "items"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--records must be a JSON Pointer"))
    }

    @Test func compareExitCodesAndOutput() throws {
        let directory = TestSupport.temporaryDirectory()
        let a = TestSupport.write("conform: 1\nid: a\nfields:\n  - name: n\n    type: integer\n", "a.yaml", in: directory)
        let b = TestSupport.write("conform: 1\nid: b\nfields:\n  - name: n\n    type: number\n", "b.yaml", in: directory)
        let widening = try Self.run(["compare", a, b, "--direction", "a-to-b"])
        #expect(widening.status == 0, "\(widening.stdout)\(widening.stderr)")
        #expect(widening.stdout.contains("info[type-widened]"))
        #expect(widening.stdout.contains("A → B: compatible — 0 errors, 0 warnings, 1 info"))
        #expect(try Self.run(["compare", a, b, "--direction", "a-to-b", "--fail-on", "info"]).status == 1)
        let both = try Self.run(["compare", a, b, "--format", "json"])
        #expect(both.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(both.stdout.utf8)) as? [String: Any]
        let directions = json?["directions"] as? [[String: Any]]
        #expect(directions?.map { $0["compatible"] as? Bool } == [true, false])
        let missing = try Self.run(["compare", a, "no/such-standard"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no standard 'no/such-standard'"))
    }

    @Test func severalReportsInOneRun() throws {
        let (directory, standard) = files()
        let data = TestSupport.write("id,status\nx,open\n", "bad.csv", in: directory)
        let sarif = directory.appendingPathComponent("out.sarif").path, junit = directory.appendingPathComponent("out.xml").path
        let run = try Self.run(["validate", data, "--standard", standard, "--report", "sarif:\(sarif)", "--report", "junit:\(junit)"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("error[type-mismatch]")) // the text still goes to the terminal
        let log = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sarif))) as? [String: Any]
        #expect(log?["version"] as? String == "2.1.0")
        #expect(try String(contentsOfFile: junit, encoding: .utf8).contains("<testsuites name=\"conform validate\""))
        let bad = try Self.run(["validate", data, "--standard", standard, "--report", "pdf:x.pdf"])
        #expect(bad.status == 2 && bad.stderr.contains("--report takes format:path"))
    }

    /// `conform check` runs a project file: here the examples' own.
    @Test func checkRunsTheProjectFile() throws {
        let reports = TestSupport.repositoryRoot.appendingPathComponent(".build/reports")
        try? FileManager.default.removeItem(at: reports)
        let run = try Self.run(["check", "--config", "examples/conform.yaml", "--format", "json"])
        #expect(run.status == 1, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let files = (json?["files"] as? [[String: Any]]) ?? []
        // brownfield, 360giving (JSON), then six folders of clean.csv and dirty.csv (examples/README.md).
        #expect(files.map { URL(fileURLWithPath: $0["file"] as? String ?? "").lastPathComponent }
                    == ["clean.csv", "dirty.csv", "dirty.json", "grants.json"] + Array(repeating: ["clean.csv", "dirty.csv"], count: 6).flatMap { $0 })
        #expect(files.map { $0["conforms"] as? Bool } == [true, false, false, true] + Array(repeating: [true, false], count: 6).flatMap { $0 })
        for name in ["examples.sarif", "examples.junit.xml", "examples.md"] {
            #expect(FileManager.default.fileExists(atPath: reports.appendingPathComponent(name).path), "\(name)")
        }
    }

    /// `--changed-since` checks only the files git says changed, and a broken project file exits 2.
    @Test func checkChangedSince() throws {
        let directory = TestSupport.temporaryDirectory()
        let standard = "conform: 1\nid: t\nfields:\n  - name: id\n    type: integer\n"
        TestSupport.write(standard, "s.yaml", in: directory)
        TestSupport.write("checks:\n  - files: \"data/**/*.csv\"\n    standard: s.yaml\n", "conform.yaml", in: directory)
        TestSupport.write("id\n1\n", "data/a.csv", in: directory)
        TestSupport.write("id\n2\n", "data/sub/b.csv", in: directory)
        func git(_ arguments: String...) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", directory.path, "-c", "user.email=t@example.org", "-c", "user.name=t"] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
        }
        try git("init", "-q")
        try git("add", ".")
        try git("commit", "-qm", "start")
        TestSupport.write("id\nx\n", "data/sub/b.csv", in: directory)
        let config = directory.appendingPathComponent("conform.yaml").path
        let all = try Self.run(["check", "--config", config, "--format", "json"])
        #expect(all.status == 1)
        #expect(((try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [String: Any])?["files"] as? [Any])?.count == 2)
        let changed = try Self.run(["check", "--config", config, "--changed-since", "HEAD", "--format", "json"])
        let files = (try JSONSerialization.jsonObject(with: Data(changed.stdout.utf8)) as? [String: Any])?["files"] as? [[String: Any]]
        #expect(files?.count == 1 && (files?.first?["file"] as? String)?.hasSuffix("data/sub/b.csv") == true)
        TestSupport.write("checks:\n  - files: x\n    standrd: s.yaml\n", "conform.yaml", in: directory)
        let broken = try Self.run(["check", "--config", config])
        #expect(broken.status == 2 && broken.stderr.contains("unknown key `standrd`"))
    }

    @Test func duplicatesOnStandardInput() throws {
        let directory = TestSupport.temporaryDirectory()
        let standard = TestSupport.write("conform: 1\nid: t\nfields:\n  - name: id\n    unique: true\n", "s.yaml", in: directory)
        let run = try Self.run(["validate", "-", "--standard", standard], stdin: "id\na\nb\na\n")
        #expect(run.status == 1)
        #expect(run.stdout.contains("\"a\" already appeared in row 1"))
        #expect(run.stdout.contains("<stdin>:4:1   row 3, column id"))
    }

    @Test func outputFileIsWritten() throws {
        let (directory, standard) = files()
        let data = TestSupport.write("id,status\n1,open\n", "ok.csv", in: directory)
        let output = directory.appendingPathComponent("report.json").path
        let run = try Self.run(["validate", data, "--standard", standard, "--format", "json", "--output", output])
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        let written = try String(contentsOfFile: output, encoding: .utf8)
        #expect(written.contains("\"conforms\" : true"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func missingFileExitsThree() throws {
        let (_, standard) = files()
        let run = try Self.run(["validate", "/nonexistent/data.csv", "--standard", standard])
        #expect(run.status == 3)
        #expect(run.stderr.contains("no such file"))
    }

    @Test func directoryExitsThree() throws {
        let (directory, standard) = files()
        let run = try Self.run(["validate", directory.path, "--standard", standard])
        #expect(run.status == 3)
        #expect(run.stderr.contains("is a directory"))
    }

    @Test func brokenStandardExitsTwo() throws {
        let directory = TestSupport.temporaryDirectory()
        let standard = TestSupport.write("conform: 1\nid: t\nfields:\n  - name: a\n    requird: true\n", "s.yaml", in: directory)
        let data = TestSupport.write("a\n1\n", "d.csv", in: directory)
        let run = try Self.run(["validate", data, "--standard", standard])
        #expect(run.status == 2)
        #expect(run.stderr.contains("s.yaml:5:5"))
        #expect(run.stderr.contains("did you mean `required`?"))
        let lint = try Self.run(["lint", standard])
        #expect(lint.status == 2)
        #expect(lint.stdout.contains("error[unknown-key]"))
    }

    @Test func unknownStandardIdExitsTwo() throws {
        let run = try Self.run(["validate", "x.csv", "--standard", "uk-gov/brownfield-land-registr"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("did you mean 'uk-gov/brownfield-land-register'"))
    }

    @Test func usageErrorExitsTwo() throws {
        #expect(try Self.run(["validate", "--standard"]).status == 2)
        #expect(try Self.run(["validate", "x.csv", "--standard", "s", "--format", "nope"]).status == 2)
        #expect(try Self.run(["frobnicate"]).status == 2)
        #expect(try Self.run(["--help"]).status == 0)
    }

    @Test func listShowsShippedStandardsFromAnyDirectory() throws {
        let process = try Self.run(["list"])
        #expect(process.status == 0)
        #expect(process.stdout.contains("uk-gov/brownfield-land-register"))
        #expect(process.stdout.contains("uk-gov/core"))
    }
}
