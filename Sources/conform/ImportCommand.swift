import ArgumentParser
import ConformKit
import Foundation

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a Table Schema or a Data Package resource as a conform standard (YAML).",
        discussion: """
        The file is recognised by its content: a Frictionless Table Schema (JSON or YAML), or a Data Package \
        (datapackage.json#resource names one resource). What the schema says that conform cannot check is \
        listed at the top of the output and on standard error; what it writes in a known non-standard way \
        (the LGA esd dialect) is read and counted. Exit codes: 0 written; 2 the file cannot be read or has errors.
        """)

    @Argument(help: ArgumentHelp("The schema file (a path; datapackage.json#resource for one resource of a package).", valueName: "file"))
    var file: String

    @Option(name: [.short, .long], help: ArgumentHelp("Write the standard to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("standards-dir"), help: ArgumentHelp("Also look for standards named by `uses` in this folder.", valueName: "dir"))
    var standardsDirs: [String] = []

    func run() throws {
        let outcome: Conform.ImportOutcome
        do {
            outcome = try Conform.importStandard(file, searchPaths: StandardResolver.defaultSearchPaths(extra: standardsDirs))
        } catch let .notFound(reference, _, _) {
            printError("conform: cannot read '\(reference)'")
            throw ExitCode(Exit.usageOrStandard)
        } catch let .unusable(lint) {
            printError("conform: '\(file)' cannot be imported:\n")
            printError(TextRenderer().render(lint, options: RenderOptions(color: false)))
            throw ExitCode(Exit.usageOrStandard)
        }
        if let output {
            try Conform.writeAtomically(outcome.yaml, to: output)
        } else {
            FileHandle.standardOutput.write(Data(outcome.yaml.utf8))
        }
        let notExpressed = outcome.findings.filter { $0.rule == "import-not-expressed" }.count
        let tolerated = outcome.findings.filter { $0.rule == "import-tolerance" }.count
        var summary = "conform: imported \(file) (\(outcome.format))"
        if notExpressed + tolerated > 0 {
            summary += ": \(notExpressed) thing\(notExpressed == 1 ? "" : "s") left out, \(tolerated) read leniently; `conform lint \(file)` lists them"
        }
        printError(summary)
    }
}
