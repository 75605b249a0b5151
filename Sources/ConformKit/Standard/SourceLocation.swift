/// A position in a text file: the file's path as given, a 1-based line and a 1-based column.
///
/// Used both for places in a standard's YAML (where a rule was written) and
/// for places in a dataset (where a violation was found).
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file's path, as the user or the standard named it.
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column number (in Unicode scalars for YAML, in characters for data).
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form compilers and editors understand.
    public var description: String { "\(file):\(line):\(column)" }
}
