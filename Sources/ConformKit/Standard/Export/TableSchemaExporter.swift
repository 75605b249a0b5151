/// Writes a standard as a Frictionless Table Schema (v1, with the v2 additions `uniqueKeys`,
/// `exclusiveMinimum`/`exclusiveMaximum`, `categories` and `fieldsMatch` where the standard
/// needs them), or as a Data Package with one resource carrying the schema and the CSV dialect.
///
/// Named types are resolved: `uk-postcode` is a string with its pattern, `iso-date` a date.
/// Patterns are written as conform has them (PCRE2 syntax, matching the whole value, as Table
/// Schema's do). What a Table Schema cannot say is listed in `notes` and at the end of the
/// schema's `description`. `conform import` reads the result back as the same standard.
struct TableSchemaExporter {
    let resolved: ResolvedStandard
    let fields: [ExportField]
    var notes = ExportNotes()
    /// Whether a v2 property was written (the schema then names the v2 profile).
    private var usesV2 = false

    init(_ resolved: ResolvedStandard) {
        self.resolved = resolved
        self.fields = ExportField.fields(of: resolved)
    }

    var standard: Standard { resolved.standard }

    /// The Table Schema on its own.
    mutating func tableSchema() -> JSONOut {
        let body = schemaBody()
        var dialect = dialectMembers().map { "\($0.0) \(Self.display($0.1))" }
        if let encoding = standard.dialect?.encoding, encoding.lowercased() != "utf-8" { dialect.append("encoding `\(encoding)`") }
        if !dialect.isEmpty {
            notes.add("the CSV dialect (\(dialect.joined(separator: ", "))) belongs to a Data Package resource, not a Table Schema (`--to data-package` writes it)")
        }
        if let publisher = standard.publisher { notes.add("publisher `\(publisher)` (a Data Package property)") }
        if let licence = standard.licence { notes.add("licence `\(licence)` (a Data Package property)") }
        noteDialectLeftOut()
        var root: [(String, JSONOut)] = []
        if usesV2 { root.append(("$schema", .string("https://datapackage.org/profiles/2.0/tableschema.json"))) }
        root.append(("name", .string(standard.id)))
        if let title = standard.title { root.append(("title", .string(title))) }
        if let description = described(standard.description) { root.append(("description", .string(description))) }
        if let version = standard.version { root.append(("version", .string(version))) }
        return .object(root + body)
    }

    /// A Data Package (`datapackage.json`) with one resource, `path` its data file: the schema,
    /// the dialect and encoding, the licence. `conform import datapackage.json` reads it back.
    mutating func dataPackage(path: String) -> JSONOut {
        let body = schemaBody()
        let parts = standard.id.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let resourceName = parts.last ?? standard.id
        let packageName = parts.count > 1 ? parts.dropLast().joined(separator: "/") : standard.id
        noteDialectLeftOut()
        let dialect = dialectMembers()
        var package: [(String, JSONOut)] = [("name", .string(packageName))]
        if let title = standard.title { package.append(("title", .string(title))) }
        if let version = standard.version { package.append(("version", .string(version))) }
        if let licence = standard.licence { package.append(("licenses", .array([.object([("name", .string(licence))])]))) }
        if let publisher = standard.publisher {
            package.append(("contributors", .array([.object([("title", .string(publisher)), ("role", .string("publisher"))])])))
        }
        var resource: [(String, JSONOut)] = [("name", .string(resourceName)), ("path", .string(path)),
                                             ("profile", .string("tabular-data-resource")), ("format", .string("csv")),
                                             ("mediatype", .string("text/csv"))]
        if let encoding = standard.dialect?.encoding, encoding.lowercased() != "utf-8" {
            resource.append(("encoding", .string(encoding)))
        }
        if let title = standard.title { resource.append(("title", .string(title))) }
        if let description = described(standard.description) { resource.append(("description", .string(description))) }
        if !dialect.isEmpty { resource.append(("dialect", .object(dialect))) }
        var schema: [(String, JSONOut)] = []
        if usesV2 { schema.append(("$schema", .string("https://datapackage.org/profiles/2.0/tableschema.json"))) }
        resource.append(("schema", .object(schema + body)))
        package.append(("resources", .array([.object(resource)])))
        return .object(package)
    }

    /// What no Frictionless dialect says: where a JSON document's records are, extra header rows.
    private mutating func noteDialectLeftOut() {
        if let records = standard.dialect?.records {
            notes.add("`dialect.records` \(records.value): the records of a JSON document are not a table")
        }
        if let rows = standard.dialect?.headerRows, rows > 1 {
            notes.add("`dialect.headerRows` \(rows): the rows after the first header row are not data")
        }
    }

    /// `description` with the notes appended (or the notes alone), nil when both are empty.
    private func described(_ description: String?) -> String? {
        guard !notes.lines.isEmpty else { return description }
        let list = "Not expressed in this Table Schema (conform export):\n" + notes.lines.map { "- " + $0 }.joined(separator: "\n")
        guard let description, !description.isEmpty else { return list }
        return description.trimmingTrailingNewlinesForExport + "\n\n" + list
    }

    /// The schema's own properties: fields, missing values, keys, the column policy.
    private mutating func schemaBody() -> [(String, JSONOut)] {
        var body: [(String, JSONOut)] = [("fields", .array(fields.map { descriptor($0) }))]
        if standard.missingValues != [""] { body.append(("missingValues", .array(standard.missingValues.map { .string($0) }))) }
        if let primary = standard.keys.primary {
            body.append(("primaryKey", primary.value.count == 1 ? .string(primary.value[0]) : .array(primary.value.map { .string($0) })))
        }
        if !standard.keys.unique.isEmpty {
            usesV2 = true
            body.append(("uniqueKeys", .array(standard.keys.unique.map { .array($0.value.map { .string($0) }) })))
        }
        if !standard.keys.foreign.isEmpty {
            // `reference.resource`: "" for this table, else the referenced resource's name in the package.
            body.append(("foreignKeys", .array(standard.keys.foreign.map { foreign in
                func names(_ list: [String]) -> JSONOut { list.count == 1 ? .string(list[0]) : .array(list.map { .string($0) }) }
                return .object([("fields", names(foreign.fields.value)),
                                ("reference", .object([("resource", .string(foreign.table ?? "")), ("fields", names(foreign.referencedFields))]))])
            })))
            for foreign in standard.keys.foreign where foreign.checksMissingMarkers {
                notes.add("foreign key \(foreign.fields.value.map { "`\($0)`" }.joined(separator: ", ")): `checkMissingMarkers` (Table Schema never checks a missing value as a reference)")
            }
        }
        switch standard.columns {
        case .exact: break
        case .anyOrder:
            usesV2 = true
            body.append(("fieldsMatch", .string("equal")))
        case .subset:
            usesV2 = true
            body.append(("fieldsMatch", .string("subset")))
        }
        if !standard.codelists.isEmpty || fields.contains(where: { $0.codelist != nil }) {
            notes.add("code lists are written as each field's values (`enum`, and `categories` where they have labels); their names and descriptions are not kept")
        }
        notes.addCommon(standard, fields: fields, target: "Table Schema")
        return body
    }

    /// One field descriptor.
    private mutating func descriptor(_ field: ExportField) -> JSONOut {
        let source = field.field
        var out: [(String, JSONOut)] = [("name", .string(field.name))]
        if let title = source.title { out.append(("title", .string(title))) }
        if let description = source.description { out.append(("description", .string(description))) }
        let (type, format) = Self.type(of: field)
        out.append(("type", .string(type)))
        if let format { out.append(("format", .string(format))) }
        if let concept = source.concept { out.append(("rdfType", .string(concept))) }
        if let example = source.example { out.append(("example", .string(example))) }
        let c = field.constraints
        if field.base == .boolean {
            if let values = c.trueValues { out.append(("trueValues", .array(values.value.map { .string($0) }))) }
            if let values = c.falseValues { out.append(("falseValues", .array(values.value.map { .string($0) }))) }
        }
        if field.base == .number, let decimal = c.decimalChar { out.append(("decimalChar", .string(decimal.value))) }
        if field.base == .number || field.base == .integer, let group = c.groupChar { out.append(("groupChar", .string(group.value))) }
        let allowed = field.allowed
        if let allowed, let codelist = field.codelist, !codelist.labels.isEmpty {
            usesV2 = true
            out.append(("categories", .array(allowed.map { value in
                codelist.labels[value].map { .object([("value", .string(value)), ("label", .string($0))]) } ?? .string(value)
            })))
        }

        var constraints: [(String, JSONOut)] = []
        if source.isRequired { constraints.append(("required", .bool(true))) }
        if source.isUnique { constraints.append(("unique", .bool(true))) }
        if let value = c.minLength { constraints.append(("minLength", .number(String(value.value)))) }
        if let value = c.maxLength { constraints.append(("maxLength", .number(String(value.value)))) }
        let numeric = field.isNumeric
        for (key, bound) in [("minimum", c.minimum), ("maximum", c.maximum), ("exclusiveMinimum", c.exclusiveMinimum),
                             ("exclusiveMaximum", c.exclusiveMaximum)] {
            guard let bound else { continue }
            if key.hasPrefix("exclusive") { usesV2 = true }
            constraints.append((key, JSONOut.typed(bound.value, numeric: numeric)))
        }
        if let pattern = c.pattern { constraints.append(("pattern", .string(pattern.value))) }
        if let allowed { constraints.append(("enum", .array(allowed.map { JSONOut.typed($0, numeric: numeric) }))) }
        if !constraints.isEmpty { out.append(("constraints", .object(constraints))) }

        // What a field descriptor has no room for.
        if !source.aliases.isEmpty {
            notes.add("field `\(field.name)`: aliases \(source.aliases.map { "`\($0)`" }.joined(separator: ", ")) (a Table Schema field has one name)")
        }
        if let path = source.path { notes.add("field `\(field.name)`: JSON path `\(path.value)` (a table column has no path)") }
        if source.coerce { notes.add("field `\(field.name)`: `coerce` (JSON strings read as numbers)") }
        if field.base == .array {
            if source.items != nil || source.minItems != nil || source.maxItems != nil {
                notes.add("field `\(field.name)`: the array's `items`, `minItems` and `maxItems`")
            }
        }
        if let format = c.format?.value, format.contains("%-") {
            notes.add("field `\(field.name)`: format `\(format)` uses conform's `%-d`/`%-m` (one or two digits), which Python's strptime does not know")
        }
        return .object(out)
    }

    /// conform's built-in type → Table Schema type and format.
    static func type(of field: ExportField) -> (String, String?) {
        switch field.base {
        case .string, .code: ("string", nil)
        case .uri, .email, .uuid: ("string", field.base.rawValue)
        case .integer, .number, .boolean, .year, .any, .array: (field.base.rawValue, nil)
        case .date, .datetime, .time: (field.base.rawValue, field.constraints.format?.value)
        }
    }

    /// The Frictionless CSV dialect members that differ from the defaults.
    private func dialectMembers() -> [(String, JSONOut)] {
        guard let dialect = standard.dialect else { return [] }
        var out: [(String, JSONOut)] = []
        func byte(_ key: String, _ value: UInt8?, _ defaultValue: UInt8?) {
            if let value, value != defaultValue { out.append((key, .string(String(decoding: [value], as: UTF8.self)))) }
        }
        byte("delimiter", dialect.delimiter, UInt8(ascii: ","))
        byte("quoteChar", dialect.quoteChar, UInt8(ascii: "\""))
        if let flag = dialect.doubleQuote, !flag { out.append(("doubleQuote", .bool(false))) }
        byte("escapeChar", dialect.escapeChar, nil)
        if let flag = dialect.header, !flag { out.append(("header", .bool(false))) }
        if let terminator = dialect.lineTerminator, terminator != "\r\n" { out.append(("lineTerminator", .string(terminator))) }
        return out
    }

    private static func display(_ value: JSONOut) -> String {
        switch value {
        case let .string(text): "`\(text.debugDescription.dropFirst().dropLast())`"
        case let .bool(flag): "\(flag)"
        default: "…"
        }
    }
}
