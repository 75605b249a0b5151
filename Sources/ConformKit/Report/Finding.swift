/// One violation (or observation) found in a dataset or a standard.
///
/// Every finding carries a stable rule id (see `docs/rules.md`), a severity, and
/// as much of its location as exists: the file, the physical line and the
/// character on that line, the record number, the column, the offending value,
/// and where in the standard's YAML the broken rule was written.
public struct Finding: Sendable, Codable, Hashable {
    /// Stable kebab-case rule id, e.g. `not-in-codelist`.
    public var rule: String
    public var severity: Severity
    /// One sentence saying what is wrong.
    public var message: String
    /// The data file (or, for lint findings, the standard file).
    public var file: String
    /// 1-based physical line where the offending cell (or record) starts.
    public var line: Int?
    /// 1-based character position of the cell on that line.
    public var character: Int?
    /// 1-based record number among data rows (the header is row 0).
    public var row: Int?
    /// Column name, as in the header (or the standard's field name when the column is absent).
    public var column: String?
    /// 1-based column position in the file.
    public var columnNumber: Int?
    /// The offending value, shortened if long.
    public var value: String?
    /// What would have been accepted.
    public var expected: String?
    /// A suggestion that may fix it ("differs only by case from ...").
    public var hint: String?
    /// Where the broken constraint is written in the standard.
    public var standardLocation: SourceLocation?
    /// Byte offset in the file, where it matters (encoding errors).
    public var byteOffset: Int?
    /// For JSON input: the JSON Pointer of the value (`/3/amountAwarded`), or of the record.
    public var pointer: String?

    public init(rule: String, severity: Severity, message: String, file: String,
                line: Int? = nil, character: Int? = nil, row: Int? = nil,
                column: String? = nil, columnNumber: Int? = nil, value: String? = nil,
                expected: String? = nil, hint: String? = nil,
                standardLocation: SourceLocation? = nil, byteOffset: Int? = nil, pointer: String? = nil) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.character = character
        self.row = row
        self.column = column
        self.columnNumber = columnNumber
        self.value = value
        self.expected = expected
        self.hint = hint
        self.standardLocation = standardLocation
        self.byteOffset = byteOffset
        self.pointer = pointer
    }
}
