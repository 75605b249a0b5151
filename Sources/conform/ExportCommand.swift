import ArgumentParser
import ConformKit
import Foundation

extension Conform.ExportFormat: ExpressibleByArgument {}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a standard as a Table Schema, a Data Package, a JSON Schema or CSVW metadata.",
        discussion: """
        The standard's named types are resolved (uk-postcode becomes a string with its pattern). What the target \
        format cannot express (row rules, checksums, keys across records, ...) is listed in the output where the \
        format has room for it and on standard error; nothing is dropped silently. `conform import` reads an \
        exported Table Schema or Data Package back as the same standard. Exit codes: 0 written; 2 the standard \
        cannot be found or has errors.
        """)

    @Argument(help: ArgumentHelp("The standard: a shipped id or the path of a standard file.", valueName: "standard"))
    var standard: String

    @Option(name: .customLong("to"), help: ArgumentHelp(
        "The format: \(Conform.ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "format"))
    var format: Conform.ExportFormat

    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("url"), help: ArgumentHelp(
        "The data file a Data Package resource's `path` or CSVW metadata's `url` names (default: the id's last part, .csv).",
        valueName: "url"))
    var url: String?

    @Option(name: .customLong("standards-dir"), help: ArgumentHelp("Also look for standards in this folder.", valueName: "dir"))
    var standardsDirs: [String] = []

    func run() throws {
        let loaded = try loadStandard(standard, searchPaths: StandardResolver.defaultSearchPaths(extra: standardsDirs))
        let outcome = Conform.exportStandard(loaded, to: format, tableURL: url)
        if let output {
            try Conform.writeAtomically(outcome.text, to: output)
        } else {
            FileHandle.standardOutput.write(Data(outcome.text.utf8))
        }
        for line in outcome.notExpressed { printError("conform: not expressed in \(format.rawValue): \(line)") }
        let count = outcome.notExpressed.count
        printError("conform: exported \(loaded.id) as \(format.rawValue)"
                   + (count == 0 ? "" : ": \(count) thing\(count == 1 ? "" : "s") not expressed (listed above and in the output)"))
    }
}
