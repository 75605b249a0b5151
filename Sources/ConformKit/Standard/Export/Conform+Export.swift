extension Conform {
    /// The formats `conform export` writes a standard in.
    public enum ExportFormat: String, Sendable, CaseIterable {
        /// A Frictionless Table Schema (v1, with the v2 additions where the standard needs them).
        case tableSchema = "table-schema"
        /// A Frictionless Data Package with one resource: the Table Schema with its CSV dialect.
        case dataPackage = "data-package"
        /// A JSON Schema (draft 2020-12) of one record.
        case jsonSchema = "json-schema"
        /// CSV on the Web (W3C) table metadata.
        case csvw
    }

    /// What `conform export` gives: the document, and what the format cannot express.
    public struct ExportOutcome: Sendable {
        /// The standard in the target format (JSON), ending with a newline.
        public var text: String
        /// What the standard says that the target cannot express, one line each, also written
        /// into the document where the format has room for it (`$comment`, `rdfs:comment`,
        /// `description`).
        public var notExpressed: [String]
        /// The format written.
        public var format: ExportFormat
    }

    /// Writes the loaded standard (with its `uses` types resolved) in `format`. `tableURL` is the
    /// data file a Data Package resource's `path` or CSVW metadata's `url` names (default: the
    /// last part of the standard's id, with `.csv`).
    public static func exportStandard(_ loaded: LoadedStandard, to format: ExportFormat, tableURL: String? = nil) -> ExportOutcome {
        let resolved = loaded.resolved
        let url = tableURL ?? defaultTableURL(resolved.standard)
        let document: JSONOut
        let notes: [String]
        switch format {
        case .tableSchema:
            var exporter = TableSchemaExporter(resolved)
            document = exporter.tableSchema()
            notes = exporter.notes.lines
        case .dataPackage:
            var exporter = TableSchemaExporter(resolved)
            document = exporter.dataPackage(path: url)
            notes = exporter.notes.lines
        case .jsonSchema:
            var exporter = JSONSchemaExporter(resolved)
            document = exporter.schema()
            notes = exporter.notes.lines
        case .csvw:
            var exporter = CSVWExporter(resolved)
            document = exporter.metadata(url: url)
            notes = exporter.notes.lines
        }
        return ExportOutcome(text: document.text, notExpressed: notes, format: format)
    }

    /// `uk-gov/brownfield-land-register` → `brownfield-land-register.csv`.
    static func defaultTableURL(_ standard: Standard) -> String {
        let last = standard.id.split(separator: "/").last.map(String.init) ?? standard.id
        return (last.isEmpty ? "data" : last) + ".csv"
    }
}
