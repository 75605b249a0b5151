/// What `conform infer` observed in one column, in numbers.
public struct ColumnStatistics: Sendable, Hashable {
    /// Data rows read (blank rows left out).
    public var rows: Int
    /// Cells with a value (not missing).
    public var present: Int
    /// Cells that are missing: empty, absent from a short row, or a declared missing value (`NA`, ...).
    public var missing: Int
    /// Distinct values among the present ones: exact when `distinctIsExact`, else a HyperLogLog
    /// estimate (to within a few percent).
    public var distinct: Int
    /// Whether `distinct` was counted exactly (at most 1,000 distinct values).
    public var distinctIsExact: Bool
    /// Fewest and most characters of a value (nil when no value was present).
    public var minLength: Int?
    public var maxLength: Int?
    /// Smallest and largest value, written as the column writes them (numbers, dates, times); nil for text.
    public var minimum: String?
    public var maximum: String?
    /// Values with a leading or trailing space or tab.
    public var surroundingWhitespace: Int
}

/// One field of an inferred standard: the type proposed for a column and why.
public struct InferredColumn: Sendable, Hashable {
    /// The field's name in the standard: the header's, or a generated one when the header cell is
    /// blank or repeats an earlier column's name.
    public var name: String
    /// The header cell as written.
    public var header: String
    /// 1-based column position.
    public var position: Int
    /// The type as the standard writes it: a built-in (`integer`, `string`, `date`, ...) or a
    /// named type of `uk-gov/core` (`uk-postcode`, `iso-date`, ...).
    public var type: String
    /// `format:` for a date, datetime or time not written in ISO 8601 (e.g. `%d/%m/%Y`).
    public var format: String?
    /// `groupChar:` for numbers written with thousands separators.
    public var groupChar: String?
    /// `trueValues:` / `falseValues:` for booleans written other than `true`/`false`.
    public var trueValues: [String]?
    public var falseValues: [String]?
    /// Proposed `required: true`: no value was missing.
    public var required: Bool
    /// Proposed `enum:` for a low-cardinality text column, in order of first appearance.
    public var enumValues: [String]?
    /// True when the type comes from `uk-gov/core`.
    public var usesCore: Bool
    /// What was seen.
    public var statistics: ColumnStatistics
    /// Observations written as comments: the evidence for the type, and what a reviewer should check.
    public var notes: [String]
}

/// A draft standard inferred from a CSV file by `conform infer`, with the YAML that states it.
public struct InferredStandard: Sendable {
    /// The file as named in messages (`<stdin>` for standard input).
    public var source: String
    /// The id given to the draft (e.g. `draft/planning-applications`).
    public var id: String
    /// Data rows read.
    public var rowsRead: Int
    /// False when `--sample` stopped reading before the end of the file.
    public var readWholeFile: Bool
    /// The delimiter the file was read with (sniffed).
    public var delimiter: String
    /// The encoding to declare (`utf-16`, `windows-1252`), or nil for UTF-8.
    public var encoding: String?
    /// `missingValues` to declare: `[""]`, plus spellings such as `NA` when columns use them for "no value".
    public var missingValues: [String]
    /// One entry per header column, in order.
    public var columns: [InferredColumn]
    /// Observations about the whole file (written as comments at the top).
    public var notes: [String]
    /// The draft standard, as conform YAML with comments.
    public var yaml: String

    /// True when a field uses a type of `uk-gov/core` (the draft then says `uses: [uk-gov/core]`).
    public var usesCore: Bool { columns.contains { $0.usesCore } }
}
