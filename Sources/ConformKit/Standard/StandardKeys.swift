/// The keys the standard format (version 1) defines at each level, for unknown-key checks.
enum StandardKeys {
    static let document: [String] = [
        "conform", "id", "version", "title", "publisher", "licence", "description", "uses",
        "dialect", "missingValues", "types", "codelists", "fields", "keys", "columns", "rules",
        "tables",
    ]
    static let table: [String] = ["name", "path", "standard"]
    static let dialect: [String] = [
        "delimiter", "quoteChar", "doubleQuote", "escapeChar", "header", "headerRows", "encoding",
        "lineTerminator", "records", "skipRows", "skipColumns", "commentPrefix", "trim", "skipBlankRows",
    ]
    static let constraints: [String] = [
        "pattern", "enum", "codelist", "minLength", "maxLength", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "format", "decimalChar", "groupChar", "trueValues",
        "falseValues", "checksum", "xsdType", "numberFormat",
    ]
    static let type: [String] = ["type", "description"] + constraints
    static let field: [String] = [
        "name", "title", "description", "type", "required", "unique", "severity", "aliases",
        "concept", "unit", "example", "path", "coerce", "items", "minItems", "maxItems",
        "missingValues", "default", "separator",
    ] + constraints
    static let items: [String] = ["type"] + constraints
    static let codelist: [String] = ["description", "values", "file", "column", "labelColumn"]
    static let keys: [String] = ["primary", "unique", "foreign"]
    static let foreignKey: [String] = ["fields", "references", "checkMissingMarkers"]
    static let reference: [String] = ["table", "fields"]
    static let rule: [String] = ["id", "assert", "when", "severity", "message"]
    static let encodings: [String] = ["utf-8", "utf-16", "utf-16le", "utf-16be", "latin-1", "iso-8859-1", "windows-1252", "cp1252"]
}
