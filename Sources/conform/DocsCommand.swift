import ArgumentParser
import ConformKit
import Foundation

extension Conform.DocsFormat: ExpressibleByArgument {}

struct Docs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a standard's documentation: a Markdown page, or one self-contained HTML page.",
        discussion: """
        The page gives the standard's metadata, its dialect and column policy, a table of the fields, a section per \
        field (type, required, nullable, unique, every constraint with the named types of `uses` resolved, examples), \
        keys, row rules, types and code lists. --since OLD adds what changed since an older version, from \
        `conform compare OLD STANDARD`: fields added, removed and renamed, and the breaking (errors) and other gaps. \
        Exit codes: 0 written; 2 a standard cannot be found or has errors; 3 the output cannot be written.
        """)

    @Argument(help: ArgumentHelp("The standard: a shipped id or a path (a Table Schema or datapackage.json#resource too).", valueName: "standard"))
    var standard: String

    @Option(name: .long, help: "Output format: markdown or html.")
    var format: Conform.DocsFormat = .markdown

    @Option(name: [.short, .long], help: ArgumentHelp("Write the page to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("An older version of the standard (id or path): add the changes since it.", valueName: "old-standard"))
    var since: String?

    @Option(name: .customLong("standards-dir"), help: ArgumentHelp("An extra folder of standards, searched before the shipped ones (repeatable).", valueName: "dir"))
    var standardsDirs: [String] = []

    func run() throws {
        let searchPaths = StandardResolver.defaultSearchPaths(extra: standardsDirs)
        let loaded = try loadStandard(standard, searchPaths: searchPaths)
        let old = try since.map { try loadStandard($0, searchPaths: searchPaths) }
        let page = Conform.documentStandard(loaded, format: format, since: old)
        guard let output else {
            FileHandle.standardOutput.write(Data(page.utf8))
            return
        }
        do {
            try Conform.writeAtomically(page, to: output)
        } catch {
            printError("conform: cannot write \(output): \(error.localizedDescription)")
            throw ExitCode(Exit.unreadable)
        }
    }
}
