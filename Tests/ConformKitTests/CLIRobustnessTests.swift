import Foundation
import Synchronization
import Testing
@testable import ConformKit

/// The `conform` executable under SIGINT and SIGTERM, a full disk and unreadable files (issue 8:
/// never crash, never hang, never lose a byte). The outcomes are in docs/reliability.md. A
/// missing file and a directory given as data are in `HostileInputTests`.
@Suite(.serialized)
struct CLIRobustnessTests {
    static let oldReport = "the report of an earlier run\n"

    // MARK: Helpers

    /// Starts conform with SIGINT and SIGTERM at their default action. An ignored signal stays
    /// ignored across exec, and the test runner starts its children with SIGTERM ignored (a
    /// shell's background jobs have SIGINT ignored), so python3 puts the default back and execs
    /// conform in its place (same process id).
    static func start(_ arguments: [String], stderr: Pipe) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c",
                             "import os, signal, sys\n"
                             + "for s in (signal.SIGINT, signal.SIGTERM): signal.signal(s, signal.SIG_DFL)\n"
                             + "signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGINT, signal.SIGTERM])\n"
                             + "os.execv(sys.argv[1], sys.argv[1:])",
                             CLITests.executable.path] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        try process.run()
        return process
    }

    /// Waits up to `limit` seconds for `process` to end (killed after that, and the test fails).
    static func wait(for process: Process, limit: TimeInterval) -> TimeInterval {
        let start = Date()
        while process.isRunning && Date().timeIntervalSince(start) < limit { Thread.sleep(forTimeInterval: 0.002) }
        let elapsed = Date().timeIntervalSince(start)
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            Issue.record("conform still running \(limit) s after the signal")
        }
        process.waitUntilExit()
        return elapsed
    }

    /// The state letter in /proc/<pid>/stat (`T` when stopped).
    static func state(of pid: pid_t) -> Character? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let end = stat.lastIndex(of: ")") else { return nil }
        return stat[end...].dropFirst(2).first
    }

    /// Runs `executable` with `arguments` from `directory`, standard input empty.
    static func run(_ executable: String, _ arguments: [String], in directory: URL,
                    stdout: FileHandle? = nil) throws -> CLITests.Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout ?? out
        process.standardError = err
        try process.run()
        if stdout != nil { try out.fileHandleForWriting.close() }
        let outData = stdout == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "conform died of signal \(process.terminationStatus)")
        return CLITests.Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A folder `out` holding the report of an earlier run, `report.txt`.
    static func outputFolder(in directory: URL) throws -> URL {
        let output = directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data(oldReport.utf8).write(to: output.appendingPathComponent("report.txt"))
        return output
    }

    static func contents(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    static func text(_ path: URL) -> String? {
        (try? Data(contentsOf: path)).map { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: Signals

    /// SIGINT or SIGTERM in the middle of validation: exit 130 or 143 (a normal exit with that
    /// code, not a death by the signal) within a second, silently; the old `--output` report is
    /// untouched and the `--report` one is not written.
    @Test(arguments: [SIGINT, SIGTERM])
    func signalDuringValidation(_ signal: Int32) throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (data, standard) = HostileInputTests.largeFile(in: directory, rows: 1_500_000)
        let output = try Self.outputFolder(in: directory)
        let stderr = Pipe()
        let process = try Self.start(["validate", data, "-s", standard, "--max-findings", "0", "--no-progress",
                                      "--output", output.appendingPathComponent("report.txt").path,
                                      "--report", "json:" + output.appendingPathComponent("report.json").path], stderr: stderr)
        Thread.sleep(forTimeInterval: 1)
        try #require(process.isRunning, "the run ended before the signal (status \(process.terminationStatus))")
        kill(process.processIdentifier, signal)
        let elapsed = Self.wait(for: process, limit: 5)
        #expect(elapsed < 1, "\(elapsed) s")
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 128 + signal)
        #expect(String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "")
        #expect(try Self.contents(output) == ["report.txt"])
        #expect(Self.text(output.appendingPathComponent("report.txt")) == Self.oldReport)
    }

    /// The signal while the report's temporary file is being written (conform is stopped with
    /// SIGSTOP once `.report.json.<pid>.tmp` exists, signalled, and continued): the handler
    /// removes the temporary file, the old report stays, exit 128 + the signal.
    @Test(arguments: [SIGINT, SIGTERM])
    func signalWhileTheReportIsWritten(_ signal: Int32) throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (data, standard) = HostileInputTests.largeFile(in: directory, rows: 100_000)
        let output = directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let report = output.appendingPathComponent("report.json")
        try Data(Self.oldReport.utf8).write(to: report)
        let stderr = Pipe()
        // About 50 MB of JSON, flushed to disk before the rename: the temporary file lives long
        // enough to be seen.
        let process = try Self.start(["validate", data, "-s", standard, "--format", "json", "--max-findings", "1000000",
                                      "--no-progress", "--output", report.path], stderr: stderr)
        let pid = process.processIdentifier
        let temporary = output.appendingPathComponent(".report.json.\(pid).tmp").path
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: temporary) && process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.0005)
        }
        guard FileManager.default.fileExists(atPath: temporary), process.isRunning else {
            if process.isRunning { kill(pid, SIGKILL) }
            process.waitUntilExit()
            Issue.record("the temporary file was not seen (status \(process.terminationStatus))")
            return
        }
        kill(pid, SIGSTOP)
        var stopped = false
        for _ in 0..<2000 where !stopped {
            stopped = Self.state(of: pid) == "T"
            if !stopped { Thread.sleep(forTimeInterval: 0.001) }
        }
        #expect(stopped)
        // Stopped with the temporary file there: the signal lands while it is in flight.
        let inFlight = FileManager.default.fileExists(atPath: temporary)
        kill(pid, signal)
        kill(pid, SIGCONT)
        let elapsed = Self.wait(for: process, limit: 5)
        #expect(inFlight, "the temporary file was renamed before conform stopped")
        #expect(elapsed < 1, "\(elapsed) s")
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 128 + signal)
        #expect(String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "")
        #expect(try Self.contents(output) == ["report.json"])
        #expect(Self.text(report) == Self.oldReport)
    }

    /// The library tells its observer of each temporary file before it exists and after it is
    /// gone (the executable's signal handler keeps that list).
    @Test func writerReportsItsTemporaryFile() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("report.txt").path
        let events = EventLog()
        Conform.observeTemporaryFiles { path, inFlight in
            guard path.hasPrefix(directory.path) else { return }
            events.append("\(URL(fileURLWithPath: path).lastPathComponent) \(inFlight) \(FileManager.default.fileExists(atPath: path))")
        }
        defer { Conform.observeTemporaryFiles(nil) }
        try Conform.writeAtomically("new\n", to: target)
        let name = ".report.txt.\(getpid()).tmp"
        #expect(events.lines == ["\(name) true false", "\(name) false false"])
        #expect(Self.text(URL(fileURLWithPath: target)) == "new\n")
    }

    final class EventLog: Sendable {
        private let stored = Mutex<[String]>([])
        func append(_ line: String) { stored.withLock { $0.append(line) } }
        var lines: [String] { stored.withLock { $0 } }
    }

    // MARK: Full disk

    /// A file size limit (RLIMIT_FSIZE, 1 KiB, SIGXFSZ ignored) hit while writing `--output`:
    /// exit 3, "File too large", the old report byte for byte, no temporary file.
    @Test func fileSizeLimitKeepsTheOldReport() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (data, standard) = HostileInputTests.largeFile(in: directory, rows: 200)
        let output = try Self.outputFolder(in: directory)
        let report = output.appendingPathComponent("report.txt").path
        let run = try Self.run("/bin/bash", ["-c", "trap '' XFSZ; ulimit -f 1; exec \"$@\"", "bash", CLITests.executable.path,
                                             "validate", data, "-s", standard, "--no-progress", "--output", report], in: directory)
        #expect(run.status == 3)
        #expect(run.stdout == "")
        #expect(run.stderr == "conform: cannot write \(report): File too large\n")
        #expect(try Self.contents(output) == ["report.txt"])
        #expect(Self.text(URL(fileURLWithPath: report)) == Self.oldReport)
    }

    /// A device that is always full (`/dev/full`, or a node made like it in the test's folder
    /// when running as root, so that a regression replaces that node and not the system's):
    /// written to, not replaced by a rename; exit 3 with "No space left on device". The same for
    /// standard output on a full device.
    @Test func fullDevice() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (data, standard) = HostileInputTests.largeFile(in: directory, rows: 200)
        var full = "/dev/full"
        if getuid() == 0 {
            let node = directory.appendingPathComponent("full").path
            // Major 1, minor 7, as /dev/full (the old 8-bit encoding of dev_t holds these).
            if mknod(node, S_IFCHR | 0o666, dev_t(1 << 8 | 7)) == 0 { full = node }
        }
        let run = try Self.run(CLITests.executable.path, ["validate", data, "-s", standard, "--no-progress",
                                                          "--output", full, "--report", "json:" + full], in: directory)
        #expect(run.status == 3)
        #expect(run.stderr == "conform: cannot write \(full): No space left on device\n")
        var status = stat()
        #expect(stat(full, &status) == 0 && status.st_mode & S_IFMT == S_IFCHR, "\(full) was replaced")
        #expect(try Self.contents(URL(fileURLWithPath: full).deletingLastPathComponent()).filter { $0.hasSuffix(".tmp") } == [])

        let device = try #require(FileHandle(forWritingAtPath: full))
        let stdout = try Self.run(CLITests.executable.path, ["validate", data, "-s", standard, "--no-progress"],
                                  in: directory, stdout: device)
        try device.close()
        #expect(stdout.status == 3)
        #expect(stdout.stderr == "conform: cannot write standard output: No space left on device\n")
    }

    // MARK: Unreadable files

    /// A data file and a standard file of mode 000, read as user nobody (root reads anything;
    /// setpriv drops to nobody, and a non-root test needs nothing): the data file is
    /// "permission denied" (exit 3), the standard cannot be used (exit 2), nor can one whose code
    /// list file is unreadable.
    @Test func unreadableFiles() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        chmod(directory.path, 0o755)
        let standard = TestSupport.write("conform: 1\nid: t\nfields:\n  - name: a\n", "standard.yaml", in: directory)
        let data = TestSupport.write("a\n1\n", "data.csv", in: directory)
        let lockedStandard = TestSupport.write("conform: 1\nid: t\nfields:\n  - name: a\n", "locked.yaml", in: directory)
        let lockedData = TestSupport.write("a\n1\n", "locked.csv", in: directory)
        let codelistStandard = TestSupport.write("conform: 1\nid: t\ncodelists:\n  codes:\n    file: codes.csv\n    column: code\nfields:\n  - name: a\n    codelist: codes\n",
                                                 "with-codes.yaml", in: directory)
        let codes = TestSupport.write("code\n1\n", "codes.csv", in: directory)
        chmod(lockedStandard, 0)
        chmod(lockedData, 0)
        chmod(codes, 0)
        var launcher: [String] = []
        var executable = CLITests.executable.path
        if getuid() == 0 {
            launcher = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            // The build folder may not be open to nobody: then a copy of conform in the test's folder.
            if try Self.run(launcher[0], Array(launcher.dropFirst()) + [executable, "--version"], in: directory).status != 0 {
                let copy = directory.appendingPathComponent("conform").path
                try FileManager.default.copyItem(atPath: executable, toPath: copy)
                chmod(copy, 0o755)
                executable = copy
            }
        }
        func conform(_ arguments: [String]) throws -> CLITests.Run {
            launcher.isEmpty ? try Self.run(executable, arguments, in: directory)
                             : try Self.run(launcher[0], Array(launcher.dropFirst()) + [executable] + arguments, in: directory)
        }
        // Readable as nobody, so that what fails below is the mode alone.
        #expect(try conform(["validate", data, "-s", standard]).status == 0)

        let unreadableData = try conform(["validate", lockedData, "-s", standard])
        #expect(unreadableData.status == 3)
        #expect(unreadableData.stdout == "no files validated\n")
        #expect(unreadableData.stderr == "conform: cannot read \(lockedData): permission denied\n")

        let unreadableStandard = try conform(["validate", data, "-s", lockedStandard])
        #expect(unreadableStandard.status == 2)
        #expect(unreadableStandard.stdout == "")
        #expect(unreadableStandard.stderr == """
            conform: the standard '\(lockedStandard)' has errors and cannot be used:
            error[yaml-syntax]: cannot read the file: permission denied
              --> locked.yaml:1:1

            1 standard checked: 1 error, 0 warnings

            """)

        let unreadableCodes = try conform(["validate", data, "-s", codelistStandard])
        #expect(unreadableCodes.status == 2)
        #expect(unreadableCodes.stderr.hasPrefix("conform: the standard '\(codelistStandard)' has errors and cannot be used:\n"))
        #expect(unreadableCodes.stderr.contains("error[codelist-file-missing]: code list `codes`: cannot read codes.csv: permission denied"),
                "\(unreadableCodes.stderr)")
    }
}
