/// Writes a standard as CSV on the Web table metadata (W3C, "Metadata Vocabulary for Tabular
/// Data"): a table description with its `url`, `dialect` and `tableSchema` of columns.
///
/// Each column has a `name` (the field's name made a URI template variable name), `titles`
/// (the header names: the field's name and its aliases), `datatype` (the XML Schema base, with
/// a `format`: a CSVW date pattern, a number format, or an anchored ECMAScript regular
/// expression that also carries code lists and `uri`/`email`/`uuid` shapes), `required`, and
/// the missing values as `null`. What CSVW cannot say is listed in the table's `rdfs:comment`.
struct CSVWExporter {
    let resolved: ResolvedStandard
    let fields: [ExportField]
    var notes = ExportNotes()

    init(_ resolved: ResolvedStandard) {
        self.resolved = resolved
        self.fields = ExportField.fields(of: resolved)
    }

    var standard: Standard { resolved.standard }

    mutating func metadata(url: String) -> JSONOut {
        var schema: [(String, JSONOut)] = [("columns", .array(fields.map { column($0) }))]
        if let primary = standard.keys.primary {
            let names = primary.value.map { Self.name($0) }
            schema.append(("primaryKey", names.count == 1 ? .string(names[0]) : .array(names.map { .string($0) })))
        }
        if standard.missingValues.isEmpty {
            notes.add("`missingValues: []` (conform checks an empty cell as a value; in CSVW it is null)")
        } else if standard.missingValues != [""] {
            schema.append(("null", .array(standard.missingValues.map { .string($0) })))
        }
        for unique in standard.keys.unique {
            notes.add("unique key \(unique.value.map { "`\($0)`" }.joined(separator: ", ")) (CSVW has a primary key only)")
        }
        var foreignKeys: [JSONOut] = []
        for foreign in standard.keys.foreign {
            guard foreign.table == nil else {
                notes.add("foreign key \(foreign.fields.value.map { "`\($0)`" }.joined(separator: ", ")) to table `\(foreign.table!)` (a single table's metadata cannot name another table)")
                continue
            }
            func names(_ list: [String]) -> JSONOut { list.count == 1 ? .string(Self.name(list[0])) : .array(list.map { .string(Self.name($0)) }) }
            foreignKeys.append(.object([("columnReference", names(foreign.fields.value)),
                                        ("reference", .object([("resource", .string(url)), ("columnReference", names(foreign.referencedFields))]))]))
            if !foreign.checksMissingMarkers, !standard.missingValues.allSatisfy(\.isEmpty) {
                notes.add("foreign key \(foreign.fields.value.map { "`\($0)`" }.joined(separator: ", ")): CSVW validators look up `null` markers as references; conform does not here")
            }
        }
        if !foreignKeys.isEmpty { schema.append(("foreignKeys", .array(foreignKeys))) }
        switch standard.columns {
        case .exact: break
        case .anyOrder: notes.add("`columns: any-order` (CSVW columns are in order)")
        case .subset: notes.add("`columns: subset` (CSVW describes every column, in order)")
        }
        if let records = standard.dialect?.records {
            notes.add("`dialect.records` \(records.value): the records of a JSON document are not a table")
        }
        let dialect = dialectDescription()
        notes.addCommon(standard, fields: fields, target: "CSVW")

        var out: [(String, JSONOut)] = [("@context", .string("http://www.w3.org/ns/csvw")), ("url", .string(url))]
        out.append(("dc:identifier", .string(standard.id)))
        if let title = standard.title { out.append(("dc:title", .string(title))) }
        if let description = standard.description { out.append(("dc:description", .string(description.trimmingTrailingNewlinesForExport))) }
        if let publisher = standard.publisher { out.append(("dc:publisher", .string(publisher))) }
        if let licence = standard.licence { out.append(("dc:license", .string(licence))) }
        if let version = standard.version { out.append(("schema:version", .string(version))) }
        if !notes.lines.isEmpty {
            out.append(("rdfs:comment", .array([.string("Exported by conform \(Conform.version). Not expressed in this CSVW metadata:")]
                                               + notes.lines.map { .string($0) })))
        }
        out.append(("dialect", .object(dialect)))
        out.append(("tableSchema", .object(schema)))
        return .object(out)
    }

    /// The dialect: conform reads cells as written (`trim: false`), and what the standard says.
    private mutating func dialectDescription() -> [(String, JSONOut)] {
        var out: [(String, JSONOut)] = []
        let dialect = standard.dialect ?? Dialect()
        if let delimiter = dialect.delimiter, delimiter != UInt8(ascii: ",") {
            out.append(("delimiter", .string(String(decoding: [delimiter], as: UTF8.self))))
        }
        if let quote = dialect.quoteChar, quote != UInt8(ascii: "\"") {
            out.append(("quoteChar", .string(String(decoding: [quote], as: UTF8.self))))
        }
        switch (dialect.escapeChar, dialect.doubleQuote) {
        case (UInt8(ascii: "\\")?, _): out.append(("doubleQuote", .bool(false)))
        case let (escape?, _):
            notes.add("the escape character `\(String(decoding: [escape], as: UTF8.self))` (CSVW escapes quotes by doubling them or with `\\`)")
        case (nil, false?):
            notes.add("`doubleQuote: false` without an escape character (CSVW's `doubleQuote: false` means `\\` escapes)")
        case (nil, _): break
        }
        if let encoding = dialect.encoding, encoding.lowercased() != "utf-8" { out.append(("encoding", .string(encoding))) }
        if dialect.header == false { out.append(("header", .bool(false))) }
        if let rows = dialect.headerRows, rows != 1 {
            out.append(("headerRowCount", .number(String(rows))))
            if rows > 1 { notes.add("`headerRows` \(rows): conform takes the column names from the first header row only") }
        }
        out.append(("trim", .bool(false)))
        notes.add("rows starting with `#`: CSVW's default dialect reads them as comments, conform as data")
        return out
    }

    /// `Site Reference` → `Site%20Reference`: CSVW column names are URI template variable names
    /// (letters, digits, `_`, percent-encoded bytes; not starting with `_`).
    static func name(_ text: String) -> String {
        var out = ""
        for (index, byte) in text.utf8.enumerated() {
            let isWord = (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) || byte == 0x5F
            if isWord && !(index == 0 && byte == 0x5F) {
                out.append(Character(Unicode.Scalar(byte)))
            } else {
                out += "%" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    private mutating func column(_ field: ExportField) -> JSONOut {
        let source = field.field
        var out: [(String, JSONOut)] = [("name", .string(Self.name(field.name)))]
        out.append(("titles", source.aliases.isEmpty ? .string(field.name) : .array(([field.name] + source.aliases).map { .string($0) })))
        if let title = source.title { out.append(("dc:title", .string(title))) }
        if let description = source.description { out.append(("dc:description", .string(description.trimmingTrailingNewlinesForExport))) }
        if let concept = source.concept { out.append(("propertyUrl", .string(concept))) }
        if source.isRequired { out.append(("required", .bool(true))) }
        out.append(("datatype", datatype(field)))

        if source.isUnique { notes.add("field `\(field.name)`: unique (CSVW has a primary key only)") }
        if let path = source.path { notes.add("field `\(field.name)`: JSON path `\(path.value)` (a table column has no path)") }
        if source.coerce { notes.add("field `\(field.name)`: `coerce` (JSON strings read as numbers)") }
        if field.base == .array { notes.add("field `\(field.name)`: an array (a CSV cell is read as text)") }
        if let codelist = field.codelist, !codelist.labels.isEmpty {
            notes.add("the labels of code list `\(codelist.name)` (its codes are in the format of each column that uses it)")
        }
        return .object(out)
    }

    private mutating func datatype(_ field: ExportField) -> JSONOut {
        let c = field.constraints
        let name = field.name
        var base: String
        var format: JSONOut?
        var regexes: [String] = []
        switch field.base {
        case .string, .code, .any, .array: base = "string"
        case .uri:
            base = "anyURI"
            regexes.append("[A-Za-z][A-Za-z0-9+.-]*:[^\\s\"<>\\\\^`{|}]+")
        case .email:
            base = "string"
            regexes.append("[^@\\s]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}")
        case .uuid:
            base = "string"
            regexes.append("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")
        case .integer: base = "integer"
        case .number: base = "number"
        case .year: base = "gYear"
        case .boolean:
            base = "boolean"
            let trueValues = c.trueValues?.value, falseValues = c.falseValues?.value
            if trueValues == nil && falseValues == nil {
                notes.add("field `\(name)`: the booleans `True`, `TRUE`, `False`, `FALSE` (CSVW's boolean is `true`, `false`, `1`, `0`)")
            } else {
                let yes = trueValues ?? BooleanValues.defaultTrueValues, no = falseValues ?? BooleanValues.defaultFalseValues
                format = .string(yes[0] + "|" + no[0])
                if yes.count > 1 || no.count > 1 {
                    notes.add("field `\(name)`: the booleans other than `\(yes[0])` and `\(no[0])` (a CSVW boolean format has one word each)")
                }
            }
        case .date, .datetime, .time:
            base = field.base == .date ? "date" : (field.base == .datetime ? "dateTime" : "time")
            if let written = c.format?.value {
                if let pattern = TemporalPatterns.csvwPattern(written, base: field.base) {
                    format = .string(pattern)
                    if written.contains("%z") {
                        notes.add("field `\(name)`: a UTC offset written ±hhmm (CSVW's `XXX` is ±hh:mm or Z)")
                    }
                } else {
                    base = "string"
                    regexes.append(TemporalPatterns.regex(written))
                    notes.add("field `\(name)`: the \(field.base.rawValue) format `\(written)`, which is not one of CSVW's date patterns "
                              + "(written as a regular expression on text: the date's existence and its bounds are not checked)")
                }
            }
        }
        if field.isNumeric, c.decimalChar != nil || c.groupChar != nil {
            var number: [(String, JSONOut)] = []
            if let decimal = c.decimalChar { number.append(("decimalChar", .string(decimal.value))) }
            if let group = c.groupChar { number.append(("groupChar", .string(group.value))) }
            format = .object(number)
        }
        let isText = base == "string" || base == "anyURI"
        if let pattern = c.pattern?.value {
            if isText { regexes.append(pattern) } else {
                notes.add("field `\(name)`: its pattern (a CSVW format on a \(base) is not a regular expression)")
            }
        }
        if let allowed = field.allowed {
            if isText {
                regexes.append(allowed.map(JSONSchemaExporter.escapeRegex).joined(separator: "|"))
            } else {
                notes.add("field `\(name)`: its allowed values \(allowed.prefix(5).map { "`\($0)`" }.joined(separator: ", "))"
                          + (allowed.count > 5 ? ", …" : "") + " (CSVW has no list of values)")
            }
        }
        if !regexes.isEmpty {
            let last = regexes.removeLast()
            format = .string("^" + regexes.map { "(?=(?:\($0))$)" }.joined() + "(?:\(last))$")
        }

        var out: [(String, JSONOut)] = [("base", .string(base))]
        if let format { out.append(("format", format)) }
        if isText || field.base == .email || field.base == .uuid {
            if let value = c.minLength { out.append(("minLength", .number(String(value.value)))) }
            if let value = c.maxLength { out.append(("maxLength", .number(String(value.value)))) }
        }
        if base != "string" {
            for (key, bound) in [("minimum", c.minimum), ("maximum", c.maximum), ("minExclusive", c.exclusiveMinimum),
                                 ("maxExclusive", c.exclusiveMaximum)] {
                guard let bound else { continue }
                out.append((key, JSONOut.typed(bound.value, numeric: field.base == .integer || field.base == .number)))
            }
        }
        return out.count == 1 ? .string(base) : .object(out)
    }
}
