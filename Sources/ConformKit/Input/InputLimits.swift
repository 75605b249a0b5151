import Foundation

/// Sizes past which conform stops holding a piece of data in memory: a cell, a record, the
/// cells of a record. Each keeps memory bounded whatever a file holds; what is over a limit is
/// reported (`cell-too-large`, `record-too-large`) and passed over, and reading goes on.
public struct InputLimits: Sendable, Hashable, Codable {
    /// The largest cell (its bytes as written in the file, quotes included) that is read; a
    /// larger one is reported as `cell-too-large` and its record is passed over (CSV).
    public var maxCellSize: Int
    /// The largest record held in memory: a CSV record or a JSON record (one object); a larger
    /// one is reported as `record-too-large` and passed over.
    public var maxRecordSize: Int
    /// The most cells a CSV record may have; a record with more is reported as
    /// `record-too-large` and passed over.
    public var maxColumns: Int

    /// 16 MiB cells, 64 MiB records, 100,000 columns.
    public static let `default` = InputLimits()

    public init(maxCellSize: Int = 16 << 20, maxRecordSize: Int = 64 << 20, maxColumns: Int = 100_000) {
        // (At most a sixteenth of the address space: buffer sizes are computed from them.)
        self.maxCellSize = min(max(maxCellSize, 1), Int.max >> 4)
        self.maxRecordSize = min(max(maxRecordSize, 1), Int.max >> 4)
        self.maxColumns = min(max(maxColumns, 1), Int.max >> 4)
    }

    /// The size past which a CSV record is measured for the limits while it is read.
    var measureThreshold: Int { min(maxCellSize, maxRecordSize) }
}

/// A byte count for messages, in the largest binary unit, with the exact count when the unit
/// rounds it: "64 MiB", "1 GiB (1073741825 bytes)", "2.9 KiB (3009 bytes)", "900 bytes".
func describeBytes(_ count: Int) -> String {
    if count < 1024 { return count == 1 ? "1 byte" : "\(count) bytes" }
    let units = ["KiB", "MiB", "GiB", "TiB"]
    var value = Double(count) / 1024
    var unit = 0
    while value >= 1024, unit < units.count - 1 {
        value /= 1024
        unit += 1
    }
    let rounded = (value * 10).rounded() / 10
    let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    let exact = Double(count) == rounded * Double(1 << (10 * (unit + 1)))
    return exact ? "\(text) \(units[unit])" : "\(text) \(units[unit]) (\(count) bytes)"
}

extension InputLimits {
    /// Reads a size as given on the command line: a number of bytes, optionally followed by a
    /// binary unit (`K`/`KiB`, `M`/`MiB`, `G`/`GiB`; `KB`, `MB` and `GB` are read the same way):
    /// `16MiB`, `500M`, `1048576`. Nil when it is not a positive size.
    public static func parseSize(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let number = Int(digits), number > 0 else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
        let shift: Int
        switch unit {
        case "", "b": shift = 0
        case "k", "kb", "kib": shift = 10
        case "m", "mb", "mib": shift = 20
        case "g", "gb", "gib": shift = 30
        default: return nil
        }
        guard number <= Int.max >> shift else { return nil }
        return number << shift
    }
}
