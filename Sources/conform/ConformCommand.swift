import ArgumentParser
import ConformKit
import Foundation

/// Exit codes, part of the CLI contract.
enum Exit {
    static let conforms: Int32 = 0
    static let doesNotConform: Int32 = 1
    static let usageOrStandard: Int32 = 2
    static let unreadable: Int32 = 3
}

func printError(_ text: String) {
    // write(2), not FileHandle (which traps on an error): a closed or full standard error must not crash the run.
    var line = text.hasSuffix("\n") ? text : text + "\n"
    line.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}

/// Whether to colour text output.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    var enabled: Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            if ProcessInfo.processInfo.environment["NO_COLOR"].map({ !$0.isEmpty }) == true { return false }
            return isatty(STDOUT_FILENO) == 1
        }
    }
}

extension Severity: ExpressibleByArgument {}
extension InputFormat: ExpressibleByArgument {}

struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Output format: \(Renderers.all.map { $0.name }.joined(separator: ", ")).", valueName: "format"))
    var format: String = "text"

    @Option(name: .long, help: ArgumentHelp("Write the report to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("report"), help: ArgumentHelp("Also write the report in another format to a file, as format:path (repeatable), e.g. --report sarif:conform.sarif --report junit:junit.xml.", valueName: "format:path"))
    var reports: [String] = []

    @Option(name: .long, help: "Colour in text output: auto (only on a terminal, honouring NO_COLOR), always, never.")
    var color: ColorChoice = .auto

    @Option(name: .customLong("standards-dir"), help: ArgumentHelp("An extra folder of standards, searched before the shipped ones (repeatable; CONFORM_STANDARDS_PATH works too).", valueName: "dir"))
    var standardsDirs: [String] = []

    var searchPaths: [String] { StandardResolver.defaultSearchPaths(extra: standardsDirs) }

    @Option(name: .customLong("max-standard-size"), help: ArgumentHelp("The largest standard file read, e.g. 64MiB (the default); a larger one is refused before it is read.", valueName: "size"))
    var maxStandardSize: ByteSize?

    @Option(name: .customLong("max-uses-depth"), help: ArgumentHelp("The most levels of 'uses' followed from a standard (default 64).", valueName: "n"))
    var maxUsesDepth: Int?

    /// What loading a standard may cost (docs/reliability.md).
    var loadOptions: StandardLoadOptions {
        StandardLoadOptions(maxStandardSize: maxStandardSize?.bytes ?? StandardLoadOptions.default.maxStandardSize,
                            maxUsesDepth: maxUsesDepth ?? StandardLoadOptions.default.maxUsesDepth)
    }

    func renderer() throws -> any ReportRenderer {
        guard let renderer = Renderers.named(format) else {
            throw ValidationError("unknown format '\(format)'; use one of: \(Renderers.all.map { $0.name }.joined(separator: ", "))")
        }
        _ = try extraReports()
        return renderer
    }

    /// The `--report format:path` outputs, checked.
    func extraReports() throws -> [(renderer: any ReportRenderer, path: String)] {
        try reports.map { spec in
            guard let colon = spec.firstIndex(of: ":"), !spec[spec.index(after: colon)...].isEmpty,
                  let renderer = Renderers.named(String(spec[..<colon])) else {
                throw ValidationError("--report takes format:path with a format among \(Renderers.all.map { $0.name }.joined(separator: ", ")), not '\(spec)'")
            }
            return (renderer, String(spec[spec.index(after: colon)...]))
        }
    }

    /// Writes the report in every `--report` format (after the main output), each atomically.
    func emitReports(_ render: (any ReportRenderer) -> String) throws {
        for (renderer, path) in try extraReports() {
            do {
                try Conform.writeAtomically(render(renderer), to: path)
            } catch {
                printError("conform: cannot write \(path): \(error.localizedDescription)")
                throw ExitCode(Exit.unreadable)
            }
        }
    }

    var renderOptions: RenderOptions { RenderOptions(color: output == nil && format == "text" && color.enabled) }

    func emit(_ text: String) throws {
        if let output {
            do {
                try Conform.writeAtomically(text, to: output)
            } catch {
                printError("conform: cannot write \(output): \(error.localizedDescription)")
                throw ExitCode(Exit.unreadable)
            }
        } else {
            // The open descriptor, with write(2): a full disk is an error (exit 3), not a crash.
            do {
                try Conform.writeAtomically(text, to: "/dev/stdout")
            } catch {
                printError("conform: cannot write standard output: \(error.localizedDescription)")
                throw ExitCode(Exit.unreadable)
            }
        }
    }
}

/// Loads a standard, or says on standard error why it cannot be used and exits 2.
func loadStandard(_ reference: String, searchPaths: [String], options: StandardLoadOptions = .default) throws -> Conform.LoadedStandard {
    do {
        return try Conform.loadStandard(reference, searchPaths: searchPaths, options: options)
    } catch let .notFound(reference, searched, suggestion) {
        var message = "conform: no standard '\(reference)' (searched \(searched.joined(separator: ", ")))"
        if let suggestion { message += "\n  help: did you mean '\(suggestion)'?" }
        message += "\n  'conform list' shows the standards available."
        printError(message)
        throw ExitCode(Exit.usageOrStandard)
    } catch let .unusable(lint) {
        printError("conform: the standard '\(reference)' has errors and cannot be used:\n")
        printError(TextRenderer().render(lint, options: RenderOptions(color: false)))
        throw ExitCode(Exit.usageOrStandard)
    }
}

/// Loads every table of a package standard, with the same error reporting as `loadStandard`.
func loadPackage(_ package: Conform.LoadedStandard, searchPaths: [String], options: StandardLoadOptions = .default) throws -> Conform.LoadedPackage {
    do {
        return try Conform.loadPackage(package, searchPaths: searchPaths, options: options)
    } catch let .unusable(lint) {
        printError("conform: the package '\(package.id)' has errors and cannot be used:\n")
        printError(TextRenderer().render(lint, options: RenderOptions(color: false)))
        throw ExitCode(Exit.usageOrStandard)
    } catch let .notFound(reference, _, _) {
        printError("conform: a table of the package '\(package.id)' names no standard '\(reference)'")
        throw ExitCode(Exit.usageOrStandard)
    }
}

@main
struct ConformCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conform",
        abstract: "Check CSV data against data standards written in YAML.",
        discussion: """
        Exit codes: 0 the data conforms; 1 it does not (at the --fail-on level); \
        2 usage error or a broken standard; 3 data unreadable or a report that cannot be written; \
        130/143 stopped by SIGINT/SIGTERM.
        """,
        version: Conform.version,
        subcommands: [Validate.self, Check.self, Lint.self, Compare.self, CrosswalkCommand.self, Import.self, Export.self, Infer.self, Docs.self, List.self, Rules.self],
        defaultSubcommand: nil)

    static func main() {
        Signals.install()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            if let exit = error as? ExitCode { Foundation.exit(exit.rawValue) }
            printError(fullMessage(for: error))
            // Usage errors exit 2, as the contract says (ArgumentParser's default is 64).
            Foundation.exit(Exit.usageOrStandard)
        }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate data files against a standard.")

    @Argument(help: ArgumentHelp("Data files to check; '-' reads standard input.", valueName: "file"))
    var files: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("The standard: a shipped id (see 'conform list') or a path to a YAML file, Table Schema or Data Package. Repeat it to check the files against several standards in one pass and get a conformance matrix. A package (several tables) checks each table's file and the foreign keys between them: give the data folder, the files, or a datapackage.json. Without --standard, a single datapackage.json is validated against itself.", valueName: "id-or-path"))
    var standard: [String] = []

    /// The standards to use: as given, or a lone Data Package validated against itself.
    var standardReferences: [String] {
        if standard.isEmpty, files.count == 1, files[0].hasSuffix(".json"), Conform.isDataPackage(files[0]) { return files }
        return standard
    }

    @Option(name: .customLong("fail-on"), help: "The lowest severity that makes a file fail: error, warning or info.")
    var failOn: Severity = .error

    @Option(name: .customLong("max-findings"), help: "Example findings listed per rule and column (counts stay complete).")
    var maxFindings: Int = 20

    @Option(name: [.short, .long], help: "Cores to use on a large file (default: all). The report is the same for any value.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .customLong("no-progress"), help: "Never show the progress bar (it shows only on a terminal, for files over 16 MB).")
    var noProgress = false

    @Option(name: .customLong("input-format"), help: ArgumentHelp("The data's format: csv, json or ndjson (default: by extension, else by content).", valueName: "format"))
    var inputFormat: InputFormat?

    @Option(name: .long, help: ArgumentHelp("Also judge the data under another agency's standard (a shipped id or a path): per field, what it would reject.", valueName: "id-or-path"))
    var target: String?

    @Option(name: .long, help: ArgumentHelp("With --target: a crosswalk (SSSOM-style YAML) mapping the standard's fields and codes to the target's.", valueName: "file"))
    var crosswalk: String?

    @Option(name: .customLong("severity-overrides"), help: ArgumentHelp("A YAML file of rule-id: error|warning|info|off, the project's own levels for rules.", valueName: "file"))
    var severityOverrides: String?

    @Option(name: .customLong("records"), help: ArgumentHelp("For a JSON document: a JSON Pointer to the array of records, e.g. /grants (default: the standard's dialect.records, else the root).", valueName: "pointer"))
    var records: String?

    @OptionGroup(title: "Limits") var limitOptions: LimitOptions

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if let records, JSONPointer(records) == nil {
            throw ValidationError("--records must be a JSON Pointer such as /grants (or empty for the root), not '\(records)'")
        }
        if standardReferences.isEmpty { throw ValidationError("give the standard to check against with --standard") }
        if crosswalk != nil && target == nil { throw ValidationError("--crosswalk goes with --target") }
        if target != nil && standard.count > 1 { throw ValidationError("--target goes with a single --standard") }
        if target != nil && files.contains("-") { throw ValidationError("--target reads each file twice, so it cannot be used with standard input ('-')") }
        if files.isEmpty { throw ValidationError("give at least one file to check, or '-' for standard input") }
        if maxFindings < 0 { throw ValidationError("--max-findings must be 0 or more") }
        if jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
        _ = try common.renderer()
    }

    func run() throws {
        let renderer = try common.renderer()
        let standards = try standardReferences.map { try loadStandard($0, searchPaths: common.searchPaths, options: common.loadOptions) }
        let loaded = standards[0]
        if standards.count == 1, Conform.isPackage(loaded) {
            try validatePackage(loaded, renderer: renderer)
            return
        }
        let bar = noProgress ? nil : ProgressBar.forStandardError()
        var options = try options()
        if let bar {
            options.progress = { done, total in bar.update(done, total) }
        }
        var targetSpec: Conform.Target?
        if let target {
            let targetStandard = try loadStandard(target, searchPaths: common.searchPaths, options: common.loadOptions)
            let mappings = try crosswalk.map { try loadCrosswalk($0, between: loaded, and: targetStandard) }
            targetSpec = Conform.Target(standard: targetStandard, crosswalk: mappings)
        }
        let outcome = standards.count > 1
            ? Conform.validate(paths: files, standards: standards, options: options)
            : Conform.validate(paths: files, standard: loaded, options: options, target: targetSpec)
        bar?.finish()
        try finish(outcome, renderer: renderer)
    }

    func options() throws -> ValidationOptions {
        var options = ValidationOptions(failOn: failOn, maxFindings: maxFindings, jobs: jobs, inputFormat: inputFormat, records: records)
        options.limits = limitOptions.limits
        if let severityOverrides {
            do {
                let text = try String(contentsOfFile: severityOverrides, encoding: .utf8)
                options.severityOverrides = try SeverityOverrides.parse(yaml: text, file: severityOverrides)
            } catch let error as Conform.StandardError {
                if case let .unusable(lint) = error {
                    printError("conform: the severity overrides '\(severityOverrides)' cannot be used:\n")
                    printError(TextRenderer().render(lint, options: RenderOptions(color: false)))
                }
                throw ExitCode(Exit.usageOrStandard)
            } catch {
                printError("conform: cannot read \(severityOverrides): \(error.localizedDescription)")
                throw ExitCode(Exit.usageOrStandard)
            }
        }
        return options
    }

    /// A package: each table's file with its standard, and the foreign keys between them.
    func validatePackage(_ loaded: Conform.LoadedStandard, renderer: any ReportRenderer) throws {
        if target != nil {
            printError("conform: --target compares one table with another standard; '\(loaded.id)' is a package of tables")
            throw ExitCode(Exit.usageOrStandard)
        }
        let package = try loadPackage(loaded, searchPaths: common.searchPaths, options: common.loadOptions)
        let (data, unmatched) = Conform.packageData(package, paths: files)
        if !unmatched.isEmpty || data.isEmpty {
            let tables = package.tables.map { table in table.path.map { "\(table.name) (\($0))" } ?? table.name }
            for path in unmatched { printError("conform: '\(path)' is no table of the package '\(package.id)'") }
            if data.isEmpty { printError("conform: no data for any table of the package '\(package.id)' in \(files.joined(separator: ", "))") }
            printError("  the package's tables: \(tables.joined(separator: ", "))")
            printError("  give the data folder, a datapackage.json, or files named as the tables' paths")
            throw ExitCode(Exit.usageOrStandard)
        }
        var options = try options()
        let bar = noProgress ? nil : ProgressBar.forStandardError()
        if let bar { options.progress = { done, total in bar.update(done, total) } }
        let outcome = Conform.validatePackage(package, files: data, options: options)
        bar?.finish()
        try finish(outcome, renderer: renderer)
    }

    private func finish(_ outcome: Conform.ValidationOutcome, renderer: any ReportRenderer) throws {
        for problem in outcome.unreadable {
            printError("conform: cannot read \(problem.description)")
        }
        try common.emit(renderer.render(outcome.report, options: common.renderOptions))
        try common.emitReports { $0.render(outcome.report, options: RenderOptions()) }
        if !outcome.unreadable.isEmpty { throw ExitCode(Exit.unreadable) }
        if !outcome.report.conforms { throw ExitCode(Exit.doesNotConform) }
    }
}

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check standard files for mistakes.")

    @Argument(help: ArgumentHelp("Standard files or shipped ids.", valueName: "standard"))
    var standards: [String]

    @OptionGroup var common: CommonOptions

    func run() throws {
        if standards.isEmpty { throw ValidationError("give at least one standard file") }
        let report = Conform.lint(standards, searchPaths: common.searchPaths, options: common.loadOptions)
        try common.emit(try common.renderer().render(report, options: common.renderOptions))
        try common.emitReports { $0.render(report, options: RenderOptions()) }
        if !report.passes { throw ExitCode(Exit.usageOrStandard) }
    }
}

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the standards conform can find by id.")

    @OptionGroup var common: CommonOptions

    func run() throws {
        let standards = Conform.listStandards(searchPaths: common.searchPaths)
        if common.format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try common.emit(String(decoding: try encoder.encode(standards), as: UTF8.self) + "\n")
            return
        }
        let width = standards.map(\.id.count).max() ?? 0
        var text = ""
        for entry in standards {
            let id = entry.id.padding(toLength: width, withPad: " ", startingAt: 0)
            text += "\(id)  \(entry.version ?? "-")  \(entry.title ?? "")\n"
        }
        if standards.isEmpty { text = "no standards found on the search path\n" }
        try common.emit(text)
    }
}

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List every rule id conform reports, for data and for standards.")

    @Flag(name: .long, help: "Print docs/rules.md (the rule reference, generated from the registry).")
    var markdown = false

    func run() throws {
        if markdown {
            print(RuleDocumentation.markdown(), terminator: "")
            return
        }
        for rule in ValidationRule.all {
            print("\(rule.id.padding(toLength: 24, withPad: " ", startingAt: 0)) \(rule.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(rule.summary)")
        }
        for rule in LintRule.all {
            print("\(rule.id.padding(toLength: 24, withPad: " ", startingAt: 0)) \(rule.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) [lint] \(rule.summary)")
        }
    }
}
