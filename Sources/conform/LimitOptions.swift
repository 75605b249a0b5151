import ArgumentParser
import ConformKit

/// A size on the command line: bytes, or with a binary unit (`16MiB`, `500M`).
struct ByteSize: ExpressibleByArgument {
    var bytes: Int

    init?(argument: String) {
        guard let bytes = InputLimits.parseSize(argument) else { return nil }
        self.bytes = bytes
    }

    var defaultValueDescription: String { "\(bytes)" }
}

/// The limits that keep memory bounded whatever a file holds (docs/reliability.md).
struct LimitOptions: ParsableArguments {
    @Option(name: .customLong("max-cell-size"), help: ArgumentHelp("The largest CSV cell read, e.g. 16MiB (the default) or 500M; a larger one is reported as cell-too-large and its row passed over.", valueName: "size"))
    var maxCellSize: ByteSize?

    @Option(name: .customLong("max-record-size"), help: ArgumentHelp("The largest record held in memory (a CSV row or a JSON record), e.g. 64MiB (the default); a larger one is reported as record-too-large and passed over.", valueName: "size"))
    var maxRecordSize: ByteSize?

    @Option(name: .customLong("max-columns"), help: ArgumentHelp("The most cells a CSV row may have (default 100000); a row with more is reported as record-too-large and passed over.", valueName: "n"))
    var maxColumns: Int?

    func validate() throws {
        if let maxColumns, maxColumns < 1 { throw ValidationError("--max-columns must be 1 or more") }
    }

    /// The limits asked for, the defaults elsewhere.
    var limits: InputLimits {
        let standard = InputLimits.default
        return InputLimits(maxCellSize: maxCellSize?.bytes ?? standard.maxCellSize,
                           maxRecordSize: maxRecordSize?.bytes ?? standard.maxRecordSize,
                           maxColumns: maxColumns ?? standard.maxColumns)
    }
}
