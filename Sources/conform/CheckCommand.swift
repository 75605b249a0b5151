import ArgumentParser
import ConformKit
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the checks of a project file (conform.yaml): files by glob, standards, options and reports.",
        discussion: "Exit codes: 0 every file conforms; 1 one does not; 2 a broken project file or standard; 3 a file cannot be read or a report written; 130/143 stopped by SIGINT/SIGTERM.")

    @Option(name: .long, help: ArgumentHelp("The project file.", valueName: "file"))
    var config = "conform.yaml"

    @Option(name: .customLong("changed-since"), help: ArgumentHelp("Only files changed in git since this revision (e.g. origin/main).", valueName: "rev"))
    var changedSince: String?

    @OptionGroup(title: "Limits") var limitOptions: LimitOptions

    @OptionGroup var common: CommonOptions

    func validate() throws { _ = try common.renderer() }

    func run() throws {
        let renderer = try common.renderer()
        let project: ProjectConfig
        do {
            project = try ProjectConfig.load(config)
        } catch let .unusable(lint) {
            printError("conform: the project file '\(config)' cannot be used:\n")
            printError(TextRenderer().render(lint, options: RenderOptions(color: false)))
            throw ExitCode(Exit.usageOrStandard)
        } catch {
            throw ExitCode(Exit.usageOrStandard)
        }
        var only: Set<String>?
        if let changedSince { only = try changedFiles(since: changedSince, in: project.folder) }
        let result: Conform.CheckOutcome
        do {
            var base = ValidationOptions()
            base.limits = limitOptions.limits
            result = try Conform.check(project, only: only, progress: base, standardOptions: common.loadOptions)
        } catch let .notFound(reference, searched, suggestion) {
            printError("conform: no standard '\(reference)' (searched \(searched.joined(separator: ", ")))"
                + (suggestion.map { "\n  help: did you mean '\($0)'?" } ?? ""))
            throw ExitCode(Exit.usageOrStandard)
        } catch let .unusable(lint) {
            printError("conform: a standard of '\(config)' has errors and cannot be used:\n")
            printError(TextRenderer().render(lint, options: RenderOptions(color: false)))
            throw ExitCode(Exit.usageOrStandard)
        }
        for index in result.unmatched where only == nil {
            printError("conform: check \(index + 1) (\(project.checks[index].files.joined(separator: ", "))) matched no file")
        }
        for problem in result.outcome.unreadable { printError("conform: cannot read \(problem.description)") }
        let report = result.outcome.report
        try common.emit(renderer.render(report, options: common.renderOptions))
        try common.emitReports { $0.render(report, options: RenderOptions()) }
        // The project's own reports, relative to its folder.
        for spec in project.reports {
            guard let colon = spec.firstIndex(of: ":"), let other = Renderers.named(String(spec[..<colon])) else {
                printError("conform: '\(spec)' in reports: is not format:path")
                throw ExitCode(Exit.usageOrStandard)
            }
            let path = String(spec[spec.index(after: colon)...])
            let full = (path as NSString).isAbsolutePath ? path : (project.folder as NSString).appendingPathComponent(path)
            do { try Conform.writeAtomically(other.render(report, options: RenderOptions()), to: full) } catch {
                printError("conform: cannot write \(full): \(error.localizedDescription)")
                throw ExitCode(Exit.unreadable)
            }
        }
        if !result.outcome.unreadable.isEmpty { throw ExitCode(Exit.unreadable) }
        if !report.conforms { throw ExitCode(Exit.doesNotConform) }
    }

    /// Files changed since `revision` (committed, staged or not), relative to `folder`.
    private func changedFiles(since revision: String, in folder: String) throws -> Set<String> {
        func git(_ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", folder] + arguments
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw ValidationError("--changed-since: git cannot compare with '\(revision)' in \(folder)")
            }
            return String(decoding: data, as: UTF8.self)
        }
        // Paths relative to the project's folder.
        let names = try git(["diff", "--name-only", "--relative", revision, "--"]) + git(["ls-files", "--others", "--exclude-standard"])
        return Set(names.split(separator: "\n").map(String.init))
    }
}
