import ArgumentParser
import ConformKit
import Foundation

struct Infer: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draft a standard (conform YAML) from a CSV file.",
        discussion: """
        Reads every row (or the first --sample N) and proposes a type per column, required where no value \
        is missing, enum lists for columns with few distinct values, and the types of uk-gov/core (postcodes, \
        NHS numbers, UPRNs, ISO dates, ...) where every value matches one. What was seen (counts, lengths, \
        ranges) is written as comments. Review the draft before use. CSV only for now.
        """)

    @Argument(help: ArgumentHelp("The CSV file to infer from; '-' reads standard input.", valueName: "file"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("Write the draft to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Read only the first N data rows (default: the whole file).", valueName: "n"))
    var sample: Int?

    @Option(name: .long, help: ArgumentHelp("The draft's id (default: draft/<file name>).", valueName: "id"))
    var id: String?

    @Option(name: .customLong("max-enum"), help: ArgumentHelp("The most distinct values a text column may have to be proposed as an enum.", valueName: "n"))
    var maxEnum: Int = 20

    @Option(name: .customLong("standards-dir"), help: ArgumentHelp("An extra folder of standards, searched first for uk-gov/core (repeatable).", valueName: "dir"))
    var standardsDirs: [String] = []

    func validate() throws {
        if let sample, sample < 1 { throw ValidationError("--sample must be 1 or more") }
        if maxEnum < 0 { throw ValidationError("--max-enum must be 0 or more") }
        if let id, id.isEmpty { throw ValidationError("--id must not be empty") }
    }

    func run() throws {
        let options = Conform.InferOptions(sampleRows: sample, id: id, maxEnumValues: maxEnum,
                                           searchPaths: StandardResolver.defaultSearchPaths(extra: standardsDirs))
        let inferred: InferredStandard
        do {
            inferred = try Conform.infer(path: file, options: options)
        } catch {
            printError("conform: \(error.description)")
            switch error {
            case .notCSV:
                printError("  help: JSON and NDJSON are not supported by infer yet; convert the records to CSV first")
                throw ExitCode(Exit.usageOrStandard)
            case .unreadable, .noHeader:
                throw ExitCode(Exit.unreadable)
            }
        }
        guard let output else {
            FileHandle.standardOutput.write(Data(inferred.yaml.utf8))
            return
        }
        do {
            try Conform.writeAtomically(inferred.yaml, to: output)
        } catch {
            printError("conform: cannot write \(output): \(error.localizedDescription)")
            throw ExitCode(Exit.unreadable)
        }
        let extent = inferred.readWholeFile ? "" : " (a sample)"
        printError("conform: wrote \(output): \(inferred.columns.count) fields from \(inferred.rowsRead) rows\(extent); check it with 'conform lint \(output)'")
    }
}
