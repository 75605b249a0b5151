/// Turns a Frictionless Table Schema (v1, with the v2 additions) into a conform `Standard`,
/// keeping the location of every constraint in the publisher's file.
///
/// What conform cannot express is left out and reported (`import-not-expressed`); what the
/// schema writes in a known non-standard way (the LGA "esd" dialect: an XML Schema type URI
/// inside `constraints`, `"required": "true"`, patterns that only list values as an
/// alternation) is read and reported (`import-tolerance`). Nothing is dropped silently.
struct TableSchemaImporter {
    let file: String
    var diagnostics = Diagnostics()
    /// Tolerances that recur field after field (the same XML Schema type URI, `"required":
    /// "true"`): reported once, at the first place, with the lines of the others.
    private var repeats: [String: (index: Int, lines: [Int])] = [:]

    init(file: String) { self.file = file }

    /// The keys of a Table Schema field that are read (the rest are reported).
    static let fieldKeys: Set<String> = [
        "name", "title", "description", "type", "format", "constraints", "rdfType", "example", "trueValues",
        "falseValues", "decimalChar", "groupChar", "bareNumber", "missingValues", "categories", "categoriesOrdered",
        "delimiter", "itemType", "itemConstraints",
    ]
    static let schemaKeys: Set<String> = [
        "fields", "primaryKey", "foreignKeys", "missingValues", "uniqueKeys", "fieldsMatch", "$schema", "name", "title",
        "description", "version",
    ]

    /// Fills `standard` from the schema object `schema`.
    mutating func read(_ schema: SourceNode, into standard: inout Standard) {
        guard schema.isObject else {
            diagnostics.report(.invalidValue, "a Table Schema is an object, not \(schema.kind)", at: schema.location)
            return
        }
        for member in schema.members where !Self.schemaKeys.contains(member.key) {
            notExpressed("the schema's `\(member.key)` is not a Table Schema property conform reads; left out", at: member.keyLocation)
        }
        if let title = schema["title"]?.string { standard.title = title }
        if let description = schema["description"]?.string { standard.description = description }
        if let version = schema["version"]?.text { standard.version = version }
        if let missing = schema["missingValues"] {
            standard.missingValues = strings(missing, "missingValues") ?? [""]
        }
        if let match = schema["fieldsMatch"] {
            switch match.string {
            case "exact"?: standard.columns = .exact
            case "equal"?: standard.columns = .anyOrder
            case "subset"?, "superset"?, "partial"?:
                standard.columns = .subset
                if match.string != "subset" {
                    notExpressed("`fieldsMatch: \(match.string!)` is read as `columns: subset` (extra columns allowed, every field required as a column)",
                                 at: match.location)
                }
            default: invalid("`fieldsMatch` must be exact, equal, subset, superset or partial", at: match.location)
            }
        }
        guard let fields = schema["fields"]?.elements else {
            diagnostics.report(.missingKey, "a Table Schema needs `fields`, a list of field descriptors", at: schema.location)
            return
        }
        for node in fields {
            if let field = readField(node, missingValues: standard.missingValues, into: &standard) { standard.fields.append(field) }
        }
        if let primary = schema["primaryKey"] {
            standard.keys.primary = strings(primary, "primaryKey", allowSingle: true).map { Located($0, at: primary.location) }
        }
        for unique in schema["uniqueKeys"]?.elements ?? [] {
            if let names = strings(unique, "uniqueKeys", allowSingle: true) { standard.keys.unique.append(Located(names, at: unique.location)) }
        }
        if let foreign = schema["foreignKeys"] {
            readForeignKeys(foreign, into: &standard)
        }
        foldRepeats()
    }

    /// `foreignKeys`: `reference.resource` empty or absent is this table; another names a
    /// resource of the same Data Package (checked when the package is validated).
    mutating func readForeignKeys(_ node: SourceNode, into standard: inout Standard) {
        guard let items = node.elements else {
            invalid("`foreignKeys` must be a list", at: node.location)
            return
        }
        for item in items {
            guard let fieldsNode = item["fields"], let fields = strings(fieldsNode, "foreignKeys.fields", allowSingle: true) else {
                invalid("a foreign key needs `fields`", at: item.location)
                continue
            }
            guard let reference = item["reference"], let referencedNode = reference["fields"],
                  let referenced = strings(referencedNode, "reference.fields", allowSingle: true) else {
                invalid("a foreign key needs `reference` with `fields`", at: item.location)
                continue
            }
            guard referenced.count == fields.count else {
                invalid("a foreign key of \(fields.count) field(s) references \(referenced.count)", at: reference.location)
                continue
            }
            let resource = reference["resource"]?.string ?? ""
            standard.keys.foreign.append(ForeignKey(fields: Located(fields, at: fieldsNode.location),
                                                    table: resource.isEmpty ? nil : resource, referencedFields: referenced))
        }
    }

    /// Appends to each recurring tolerance where else it was found.
    private mutating func foldRepeats() {
        for (_, seen) in repeats.sorted(by: { $0.value.index < $1.value.index }) where !seen.lines.isEmpty {
            let shown = seen.lines.prefix(12).map(String.init).joined(separator: ", ") + (seen.lines.count > 12 ? ", …" : "")
            diagnostics.amendMessage(at: seen.index, appending: " (the same in \(seen.lines.count) more place\(seen.lines.count == 1 ? "" : "s"): line\(seen.lines.count == 1 ? "" : "s") \(shown))")
        }
        repeats = [:]
    }

    // MARK: Fields

    mutating func readField(_ node: SourceNode, missingValues: [String], into standard: inout Standard) -> Field? {
        guard node.isObject else {
            invalid("a field descriptor is an object, not \(node.kind)", at: node.location)
            return nil
        }
        guard let name = node["name"]?.string else {
            diagnostics.report(.missingKey, "a field needs `name`", at: node.location)
            return nil
        }
        var field = Field(name: name, type: Located("string", at: node.location), constraints: Constraints(),
                          severity: .error, aliases: [], location: node.location)
        field.title = node["title"]?.string
        field.description = node["description"]?.string
        field.concept = node["rdfType"]?.string
        field.example = node["example"]?.text
        for member in node.members where !Self.fieldKeys.contains(member.key) {
            notExpressed("`\(member.key)` of field \(name) is not a Table Schema property conform reads; left out", at: member.keyLocation)
        }
        let constraints = node["constraints"]
        if let constraints, !constraints.isObject { invalid("`constraints` of field \(name) must be an object", at: constraints.location) }

        // The type: Table Schema's, or (esd dialect) an XML Schema type URI inside constraints.
        var type = node["type"]?.string ?? "string"
        let typeLocation = node["type"]?.location ?? node.location
        if let typeNode = constraints?["type"], let uri = typeNode.string {
            if node["type"] == nil, let mapped = Self.xsdType(uri) {
                tolerance("an XML Schema type URI inside `constraints` (the old esd dialect) is read as Table Schema type `\(mapped.type)`"
                          + (mapped.minimum.map { " with minimum \($0)" } ?? ""), at: typeNode.location, kind: "xsd \(uri)")
                type = mapped.type
                if let minimum = mapped.minimum { field.constraints.minimum = Located(minimum, at: typeNode.location) }
            } else {
                notExpressed("`constraints.type` \"\(uri)\" of field \(name) is not understood; left out", at: typeNode.location)
            }
        }
        let format = node["format"]
        if type == "uri" {
            // xsd:anyURI: Table Schema's string with format uri.
            field.type = Located("uri", at: typeLocation)
        } else {
            mapType(type, format: format, at: typeLocation, field: &field, standard: &standard)
        }

        // Lexical options.
        if let values = node["trueValues"] { field.constraints.trueValues = strings(values, "trueValues").map { Located($0, at: values.location) } }
        if let values = node["falseValues"] { field.constraints.falseValues = strings(values, "falseValues").map { Located($0, at: values.location) } }
        if let decimal = node["decimalChar"]?.string, let at = node["decimalChar"]?.location { field.constraints.decimalChar = Located(decimal, at: at) }
        if let group = node["groupChar"]?.string, let at = node["groupChar"]?.location { field.constraints.groupChar = Located(group, at: at) }
        if let bare = node["bareNumber"], case .bool(false) = bare.value {
            notExpressed("`bareNumber: false` (numbers with text around them, such as `€ 12`) is not read by conform; such values are type mismatches",
                         at: bare.location)
        }
        if let own = node["missingValues"], let values = strings(own, "missingValues"), values != missingValues {
            // v2: the field's own list replaces the table's.
            field.missingValues = values
        }
        if let categories = node["categories"] { readCategories(categories, field: &field, standard: &standard) }
        if type == "list" {
            readList(node, name: name, field: &field, standard: &standard)
        } else {
            for key in ["delimiter", "itemType", "itemConstraints"] {
                if let item = node[key] { notExpressed("`\(key)` belongs to a `list` field; field \(name) is a \(type): left out", at: item.location) }
            }
        }
        if let constraints, constraints.isObject { readConstraints(constraints, field: &field, type: type) }
        if type == "list" {
            // A list's lengths count its items.
            field.minItems = field.constraints.minLength
            field.maxItems = field.constraints.maxLength
            field.constraints.minLength = nil
            field.constraints.maxLength = nil
        }
        return field
    }

    /// v2 `list`: a cell of items separated by `delimiter` (default `,`), each an `itemType`
    /// (default string) with `itemConstraints`: conform's array field with a `separator`.
    mutating func readList(_ node: SourceNode, name: String, field: inout Field, standard: inout Standard) {
        let location = node["type"]?.location ?? node.location
        var item = Field(name: name, type: Located("string", at: location), constraints: Constraints(), severity: .error, aliases: [],
                         location: location)
        let itemType = node["itemType"]?.string ?? "string"
        if ["list", "object", "array", "geojson"].contains(itemType) {
            invalid("`itemType` of a list must be a simple type, not \(itemType)", at: node["itemType"]!.location)
        } else {
            mapType(itemType, format: nil, at: node["itemType"]?.location ?? location, field: &item, standard: &standard)
        }
        if let constraints = node["itemConstraints"] {
            if constraints.isObject { readConstraints(constraints, field: &item, type: itemType) } else {
                invalid("`itemConstraints` must be an object", at: constraints.location)
            }
        }
        field.items = Items(type: item.type, constraints: item.constraints, location: item.type.location)
        field.type = Located("array", at: location)
        field.separator = Located(node["delimiter"]?.string ?? ",", at: node["delimiter"]?.location ?? location)
    }

    /// Table Schema type (and format) → a conform type and constraints.
    mutating func mapType(_ type: String, format node: SourceNode?, at location: SourceLocation, field: inout Field, standard: inout Standard) {
        let format = node?.string ?? "default"
        let formatLocation = node?.location ?? location
        func set(_ base: String) { field.type = Located(base, at: location) }
        switch type {
        case "string":
            switch format {
            case "default": set("string")
            case "email", "uri", "uuid": set(format)
            case "binary":
                set("string")
                notExpressed("`format: binary` (base64) is not checked; the field is a string", at: formatLocation)
            default:
                set("string")
                notExpressed("string `format: \(format)` is not a Table Schema format conform knows; left out", at: formatLocation)
            }
        case "number", "integer", "boolean", "year", "any":
            set(type)
        case "date", "time", "datetime":
            switch format {
            case "default": set(type)
            case "any":
                set("string")
                notExpressed("`format: any` (any \(type) a parser can guess) cannot be checked: the field is read as a string", at: formatLocation)
            default:
                set(type)
                var pattern = format
                if pattern.hasPrefix("fmt:") {
                    pattern.removeFirst(4)
                    tolerance("the `fmt:` prefix of an early Table Schema date format is dropped", at: formatLocation)
                }
                field.constraints.format = Located(pattern, at: formatLocation)
            }
        case "yearmonth":
            set("string")
            field.constraints.pattern = Located("[0-9]{4}-(?:0[1-9]|1[0-2])", at: location)
        case "duration":
            set("string")
            field.constraints.pattern = Located(
                "P(?!$)(?:[0-9]+(?:[.,][0-9]+)?Y)?(?:[0-9]+(?:[.,][0-9]+)?M)?(?:[0-9]+(?:[.,][0-9]+)?W)?(?:[0-9]+(?:[.,][0-9]+)?D)?"
                    + "(?:T(?=[0-9])(?:[0-9]+(?:[.,][0-9]+)?H)?(?:[0-9]+(?:[.,][0-9]+)?M)?(?:[0-9]+(?:[.,][0-9]+)?S)?)?",
                at: location)
        case "geopoint":
            set("string")
            notExpressed("`geopoint` is read as a string: its form (\(format)) and ranges are not checked", at: location)
        case "geojson", "object", "array":
            set(type == "array" ? "array" : "any")
            notExpressed("`\(type)` values are not checked against \(type == "geojson" ? "GeoJSON" : "a JSON \(type)") in a CSV cell", at: location)
        case "list":
            set("string") // the items are read by readList
        default:
            set("string")
            invalid("unknown Table Schema type \"\(type)\"; read as string", at: location)
        }
    }

    mutating func readConstraints(_ node: SourceNode, field: inout Field, type: String) {
        for member in node.members {
            let value = member.value, at = member.keyLocation
            switch member.key {
            case "required":
                switch value.value {
                case let .bool(flag): field.required = Located(flag, at: at)
                case let .string(text) where text == "true" || text == "false":
                    tolerance("`required` is the string \"\(text)\", not a boolean; read as \(text)", at: value.location, kind: "required \(text)")
                    field.required = Located(text == "true", at: at)
                default: invalid("`required` must be true or false", at: value.location)
                }
            case "unique":
                if case let .bool(flag) = value.value { field.unique = Located(flag, at: at) } else { invalid("`unique` must be true or false", at: value.location) }
            case "minLength", "maxLength":
                guard let text = value.text, let number = Int(text), number >= 0 else {
                    invalid("`\(member.key)` must be a whole number", at: value.location)
                    continue
                }
                if member.key == "minLength" { field.constraints.minLength = Located(number, at: at) } else { field.constraints.maxLength = Located(number, at: at) }
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
                guard let text = value.text else {
                    invalid("`\(member.key)` must be a value", at: value.location)
                    continue
                }
                switch member.key {
                case "minimum": field.constraints.minimum = Located(text, at: at)
                case "maximum": field.constraints.maximum = Located(text, at: at)
                case "exclusiveMinimum": field.constraints.exclusiveMinimum = Located(text, at: at)
                default: field.constraints.exclusiveMaximum = Located(text, at: at)
                }
            case "pattern":
                guard let pattern = value.string else {
                    invalid("`pattern` must be a string", at: value.location)
                    continue
                }
                readPattern(pattern, at: at, valueLocation: value.location, field: &field)
            case "enum":
                guard let values = value.elements else {
                    invalid("`enum` must be a list", at: value.location)
                    continue
                }
                field.constraints.enumValues = Located(values.compactMap(\.text), at: at)
            case "type":
                break // read with the type
            case "jsonSchema":
                notExpressed("`jsonSchema` constraints of an object or array field are not checked", at: at)
            default:
                notExpressed("the constraint `\(member.key)` is not a Table Schema constraint conform reads; left out", at: at)
            }
        }
    }

    /// A pattern, matched against the whole value (Table Schema's rule, and conform's). One
    /// that only lists values, `(A|B|)` or `^$|^(A|B)$`, becomes an `enum` (an empty
    /// alternative means the cell may be empty, which an optional field allows anyway); written
    /// unanchored, that is reported, so a publisher who meant a substring match sees that
    /// `Delegated` does not pass `(Delegated powers|Case officer|)`. One anchored at its start
    /// only (`^http://`), written for a search, is read as the prefix it was meant as, and
    /// reported. A URI field whose pattern allows `|`-separated lists becomes text.
    mutating func readPattern(_ pattern: String, at: SourceLocation, valueLocation: SourceLocation, field: inout Field) {
        if let list = PatternShape.literalAlternatives(pattern), list.contains(where: { !$0.isEmpty }), field.constraints.enumValues == nil {
            let values = list.filter { !$0.isEmpty }
            // Anchored (`^(a|b)$`), the list is plainly a closed list: the same rule, said as `enum`.
            // Unanchored, it may have been written for a search: say what a whole-value match means.
            if !pattern.hasPrefix("^") {
                let example = values.first.map { value in
                    let word = value.split(separator: " ").first.map(String.init) ?? value
                    return word != value ? "; `\(word)` alone does not pass" : ""
                } ?? ""
                tolerance("the pattern only lists values; patterns match the whole value, so exactly these are allowed"
                          + (list.contains("") ? " (or an empty cell)" : "") + example + ": read as `enum` \(values)", at: valueLocation)
            }
            field.constraints.enumValues = Located(values, at: at)
            return
        }
        if let prefix = PatternShape.searchPrefix(pattern) {
            tolerance("the pattern is anchored at its start only, as a search is written; a pattern matches the whole value, "
                      + "so as written only the bare prefix would pass: read as a prefix, `\(prefix)`", at: valueLocation)
            field.constraints.pattern = Located(prefix, at: at)
            return
        }
        if field.type.value == "uri", pattern.contains("\\|") {
            tolerance("the field is a URI but its pattern allows several separated by `|`, which no single URI may hold: "
                      + "read as text with the pattern", at: valueLocation)
            field.type = Located("string", at: field.type.location)
        }
        field.constraints.pattern = Located(pattern, at: at)
    }

    /// v2 `categories`: a list of values, or of `{value, label}` (the labels become a code list's).
    mutating func readCategories(_ node: SourceNode, field: inout Field, standard: inout Standard) {
        guard let items = node.elements else {
            invalid("`categories` must be a list", at: node.location)
            return
        }
        var values: [String] = [], labels: [String: String] = [:]
        for item in items {
            if let text = item.text {
                values.append(text)
            } else if let value = item["value"]?.text {
                values.append(value)
                if let label = item["label"]?.string { labels[value] = label }
            } else {
                invalid("a category is a value or an object with `value`", at: item.location)
            }
        }
        if labels.isEmpty {
            field.constraints.enumValues = Located(values, at: node.location)
        } else {
            let name = field.name
            standard.codelists.append(Codelist(name: name, description: "The categories of \(name).", values: values, labels: labels,
                                               definedIn: file, location: node.location))
            field.constraints.codelist = Located(name, at: node.location)
            if field.type.value == "string" { field.type = Located("code", at: field.type.location) }
        }
    }

    // MARK: Helpers

    /// XML Schema datatype URIs (the esd dialect) → Table Schema type (`uri` standing for string
    /// with format uri), with the minimum their value space implies.
    static func xsdType(_ uri: String) -> (type: String, minimum: String?)? {
        guard let hash = uri.lastIndex(of: "#") ?? uri.lastIndex(of: ":") else { return nil }
        switch uri[uri.index(after: hash)...] {
        case "string", "normalizedString", "token": return ("string", nil)
        case "anyURI": return ("uri", nil)
        case "float", "double", "decimal": return ("number", nil)
        case "integer", "int", "long", "short": return ("integer", nil)
        case "nonNegativeInteger", "unsignedInt", "unsignedLong", "unsignedShort": return ("integer", "0")
        case "positiveInteger": return ("integer", "1")
        case "boolean": return ("boolean", nil)
        case "date": return ("date", nil)
        case "dateTime": return ("datetime", nil)
        case "time": return ("time", nil)
        case "gYear": return ("year", nil)
        default: return nil
        }
    }

    mutating func strings(_ node: SourceNode, _ key: String, allowSingle: Bool = false) -> [String]? {
        if let elements = node.elements {
            let texts = elements.compactMap(\.text)
            if texts.count == elements.count { return texts }
        } else if allowSingle, let text = node.text {
            return [text]
        }
        invalid("`\(key)` must be a list of strings", at: node.location)
        return nil
    }

    /// Reports a deviation read leniently; one with a `kind` is reported once per kind (see `foldRepeats`).
    mutating func tolerance(_ message: String, at location: SourceLocation, kind: String? = nil) {
        if let kind {
            if repeats[kind] != nil {
                repeats[kind]!.lines.append(location.line)
                return
            }
            repeats[kind] = (diagnostics.findings.count, [])
        }
        diagnostics.report(.importTolerance, message, at: location)
    }

    mutating func notExpressed(_ message: String, at location: SourceLocation) {
        diagnostics.report(.importNotExpressed, message, at: location)
    }

    mutating func invalid(_ message: String, at location: SourceLocation) {
        diagnostics.report(.invalidValue, message, at: location)
    }
}
