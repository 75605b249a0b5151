import ArgumentParser
import ConformKit

extension Conform.CompareDirection: ExpressibleByArgument {}

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two standards: the interoperability gaps when data made under one is used under the other.",
        discussion: "Exit codes: 0 no gap at the --fail-on level; 1 at least one; 2 usage error or a broken standard.")

    @Argument(help: ArgumentHelp("Standard A: a shipped id or a path.", valueName: "a"))
    var a: String

    @Argument(help: ArgumentHelp("Standard B: a shipped id or a path.", valueName: "b"))
    var b: String

    @Option(name: .long, help: "Which way the data goes: a-to-b (made under A, used under B), b-to-a, or both.")
    var direction: Conform.CompareDirection = .both

    @Option(name: .customLong("fail-on"), help: "The lowest gap level that makes compare exit 1: error, warning or info.")
    var failOn: Severity = .error

    @Option(name: .long, help: ArgumentHelp("A crosswalk (SSSOM-style YAML) mapping fields and codes of A to B (or B to A).", valueName: "file"))
    var crosswalk: String?

    @Option(name: .customLong("suggest-crosswalk"), help: ArgumentHelp("Also write a draft crosswalk from the suggested matches to this file, for review.", valueName: "file"))
    var suggestCrosswalk: String?

    @OptionGroup var common: CommonOptions

    func validate() throws { _ = try common.renderer() }

    func run() throws {
        let renderer = try common.renderer()
        let first = try loadStandard(a, searchPaths: common.searchPaths, options: common.loadOptions)
        let second = try loadStandard(b, searchPaths: common.searchPaths, options: common.loadOptions)
        let mappings = try crosswalk.map { try loadCrosswalk($0, between: first, and: second) }
        let report = Conform.compare(first, second, direction: direction, failOn: failOn, crosswalk: mappings)
        try common.emit(renderer.render(report, options: common.renderOptions))
        try common.emitReports { $0.render(report, options: RenderOptions()) }
        if let suggestCrosswalk {
            do {
                try Conform.writeAtomically(Conform.suggestCrosswalk(report, first, second), to: suggestCrosswalk)
            } catch {
                printError("conform: cannot write \(suggestCrosswalk): \(error.localizedDescription)")
                throw ExitCode(Exit.unreadable)
            }
        }
        if report.fails { throw ExitCode(Exit.doesNotConform) }
    }
}

/// Loads a crosswalk between two standards, printing its warnings; says why it cannot be used and exits 2.
func loadCrosswalk(_ path: String, between a: Conform.LoadedStandard, and b: Conform.LoadedStandard) throws -> Crosswalk {
    do {
        let crosswalk = try Conform.loadCrosswalk(path, between: a, and: b)
        if !crosswalk.warnings.isEmpty {
            printError(TextRenderer().render(LintReport(tool: "conform", files: [path], findings: crosswalk.warnings), options: RenderOptions(color: false)))
        }
        return crosswalk
    } catch let .unusable(lint) {
        printError("conform: the crosswalk '\(path)' cannot be used:\n")
        printError(TextRenderer().render(lint, options: RenderOptions(color: false)))
        throw ExitCode(Exit.usageOrStandard)
    } catch {
        throw ExitCode(Exit.usageOrStandard)
    }
}

struct CrosswalkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crosswalk", abstract: "Work with crosswalk files.", subcommands: [Export.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a crosswalk as an SSSOM mapping set (TSV).")

        @Argument(help: ArgumentHelp("The crosswalk (YAML).", valueName: "file"))
        var file: String

        @Option(name: .long, help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
        var output: String?

        func run() throws {
            let crosswalk: Crosswalk
            do {
                crosswalk = try Conform.loadCrosswalk(file)
            } catch let .unusable(lint) {
                printError("conform: the crosswalk '\(file)' cannot be used:\n")
                printError(TextRenderer().render(lint, options: RenderOptions(color: false)))
                throw ExitCode(Exit.usageOrStandard)
            } catch {
                throw ExitCode(Exit.usageOrStandard)
            }
            let text = Conform.exportSSSOM(crosswalk)
            if let output {
                do { try Conform.writeAtomically(text, to: output) } catch {
                    printError("conform: cannot write \(output): \(error.localizedDescription)")
                    throw ExitCode(Exit.unreadable)
                }
            } else {
                print(text, terminator: "")
            }
        }
    }
}
