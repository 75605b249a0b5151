extension Conform {
    /// How `conform infer` reads a file and what it proposes.
    public struct InferOptions: Sendable {
        /// Stop after this many data rows (`--sample N`); nil reads the whole file.
        public var sampleRows: Int?
        /// The draft's `id`; nil makes one from the file name (`draft/<name>`).
        public var id: String?
        /// The most distinct values a text column may have to be proposed an `enum`.
        public var maxEnumValues: Int
        /// Where `uk-gov/core` is looked for (its types are proposed for columns that match them).
        public var searchPaths: [String]

        public init(sampleRows: Int? = nil, id: String? = nil, maxEnumValues: Int = 20,
                    searchPaths: [String] = StandardResolver.defaultSearchPaths()) {
            self.sampleRows = sampleRows
            self.id = id
            self.maxEnumValues = maxEnumValues
            self.searchPaths = searchPaths
        }
    }

    /// Why `conform infer` could not draft a standard.
    public enum InferError: Error, Sendable, CustomStringConvertible {
        /// The data is JSON or NDJSON: infer reads CSV only for now (exit code 2).
        case notCSV(file: String, format: InputFormat)
        /// The file could not be read (exit code 3).
        case unreadable(InputError)
        /// The file has no header row (it is empty), so there is nothing to name fields after (exit code 3).
        case noHeader(file: String)

        public var description: String {
            switch self {
            case let .notCSV(file, format):
                "\(file) is \(format == .ndjson ? "NDJSON" : "JSON"): conform infer reads CSV only for now"
            case let .unreadable(error):
                error.description
            case let .noHeader(file):
                "\(file): no header row (the file is empty), so there are no columns to infer"
            }
        }
    }

    /// Reads the CSV file at `path` (`-` for standard input; gzip is decompressed) and drafts a
    /// standard for it: a type per column from every value (or the first `sampleRows` rows),
    /// `required` where no value is missing, `enum` for low-cardinality text, and the types of
    /// `uk-gov/core` for columns whose values all match one. Memory stays bounded whatever the
    /// file's size. The result's `yaml` lints clean and the file validates against it.
    public static func infer(path: String, options: InferOptions = InferOptions()) throws(InferError) -> InferredStandard {
        try StandardInferrer(options: options).infer(path: path)
    }
}
