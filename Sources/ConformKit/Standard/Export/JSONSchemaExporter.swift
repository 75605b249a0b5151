/// Writes a standard as a JSON Schema (draft 2020-12) of one record: an object with a property
/// per field, nested objects and arrays built from the fields' `path` pointers (`*` is every
/// element: `items`; an index: `prefixItems`), required members in `required`.
///
/// It describes the record as conform reads JSON: an absent member, `null`, or a string of
/// `missingValues` is a missing value, allowed in an optional field (`anyOf` with
/// `$defs/missingValue`) and not in a required one (`not`). Code lists are `$defs` (an `enum`,
/// or a `oneOf` of `const`s with their labels as titles). Patterns are anchored (`^(?:…)$`),
/// since JSON Schema patterns search. What a record schema cannot say (row rules, keys and
/// unique values across records, checksums, bounds on dates) is listed in the root `$comment`.
struct JSONSchemaExporter {
    let resolved: ResolvedStandard
    let fields: [ExportField]
    var notes = ExportNotes()
    /// The `$defs` entry of the missing values, and of each code list used (by code list name).
    private let missingDef: String
    private var codelistDefs: [(name: String, def: String, codelist: Codelist)] = []

    init(_ resolved: ResolvedStandard) {
        self.resolved = resolved
        self.fields = ExportField.fields(of: resolved)
        var missing = "missingValue"
        while resolved.codelists[missing] != nil { missing += "_" }
        self.missingDef = missing
    }

    var standard: Standard { resolved.standard }

    /// Whether the standard is written for JSON data (records pointer, paths, arrays, `coerce`).
    var isJSONOriented: Bool {
        standard.dialect?.records != nil || fields.contains { $0.field.path != nil || $0.base == .array || $0.field.coerce }
    }

    mutating func schema() -> JSONOut {
        // The tree of members, from each field's pointer (or its name).
        let root = Node()
        root.isObject = true
        var alternatives: [[String]] = []
        for (index, field) in fields.enumerated() {
            let source = field.field
            let segments = source.path.flatMap { JSONPointer($0.value)?.segments } ?? [field.name]
            var node = root
            for (depth, segment) in segments.enumerated() {
                let required = source.isRequired && !(depth == 0 && source.path == nil && !source.aliases.isEmpty)
                if segment == "*" {
                    if required { node.isArray = true; node.minItems = max(node.minItems, 1) }
                    node = node.wildcard()
                } else if source.path != nil, let position = JSONPointer.index(of: segment) {
                    if required { node.isArray = true; node.minItems = max(node.minItems, position + 1) }
                    node = node.element(position)
                } else {
                    if required {
                        node.isObject = true
                        if !node.required.contains(segment) { node.required.append(segment) }
                    }
                    node = node.member(segment)
                }
            }
            node.fields.append(index)
            if source.path == nil, !source.aliases.isEmpty {
                for alias in source.aliases { root.member(alias).fields.append(index) }
                if source.isRequired { alternatives.append([field.name] + source.aliases) }
            }
            if let path = source.path, field.name != String(path.value.dropFirst()) {
                notes.add("field `\(field.name)`: its name (the member is reached by the path `\(path.value)`)")
            }
        }

        var body = render(root)
        if standard.columns != .subset { body.append(("additionalProperties", .bool(false))) }
        if !alternatives.isEmpty {
            body.append(("allOf", .array(alternatives.map { names in
                .object([("anyOf", .array(names.map { .object([("required", .array([.string($0)]))]) }))])
            })))
        }
        var defs: [(String, JSONOut)] = []
        if !standard.missingValues.isEmpty {
            defs.append((missingDef, .object([
                ("description", .string("A missing value as conform reads it: an absent member, null, or one of the standard's missingValues.")),
                ("enum", .array([.null] + standard.missingValues.map { .string($0) })),
            ])))
        }
        for entry in codelistDefs { defs.append((entry.def, codelistSchema(entry.codelist))) }

        // What a record schema cannot say.
        for field in fields {
            if field.field.isUnique { notes.add("field `\(field.name)`: unique (a JSON Schema describes one record, not the file)") }
        }
        if let primary = standard.keys.primary {
            notes.add("primary key \(primary.value.map { "`\($0)`" }.joined(separator: ", ")) (unique across records)")
        }
        for unique in standard.keys.unique {
            notes.add("unique key \(unique.value.map { "`\($0)`" }.joined(separator: ", ")) (unique across records)")
        }
        for foreign in standard.keys.foreign {
            notes.add("foreign key \(foreign.fields.value.map { "`\($0)`" }.joined(separator: ", ")) → \(foreign.referenceDescription) (a reference to other records)")
        }
        if let dialect = standard.dialect, dialect.delimiter != nil || dialect.quoteChar != nil || dialect.escapeChar != nil
            || dialect.doubleQuote != nil || dialect.header != nil || dialect.headerRows != nil || dialect.encoding != nil {
            notes.add("the CSV dialect (it applies to CSV files)")
        }
        notes.addCommon(standard, fields: fields, target: "JSON Schema")

        var out: [(String, JSONOut)] = [("$schema", .string("https://json-schema.org/draft/2020-12/schema"))]
        if let title = standard.title { out.append(("title", .string(title))) }
        if let description = standard.description { out.append(("description", .string(description.trimmingTrailingNewlinesForExport))) }
        out.append(("$comment", .string(comment())))
        out += body
        if !defs.isEmpty { out.append(("$defs", .object(defs))) }
        return .object(out)
    }

    /// The root `$comment`: what the schema describes, how conform reads a record, what is left out.
    private func comment() -> String {
        var lines = ["Exported by conform \(Conform.version) from the standard \(standard.id)"
                     + (standard.version.map { " version \($0)" } ?? "") + ": one record."]
        if let records = standard.dialect?.records?.value, !records.isEmpty {
            lines.append("The records are the elements of the array at \(records) in a JSON document, or the lines of an NDJSON file.")
        } else {
            lines.append("The records are the elements of a JSON array, or the lines of an NDJSON file.")
        }
        if !isJSONOriented {
            lines.append("This standard describes CSV files, where every cell is a string: this schema describes a row as conform reads it "
                         + "from JSON, with numbers and booleans as JSON numbers and booleans (a CSV row converted with every cell as a string "
                         + "does not pass it).")
        }
        if !standard.missingValues.isEmpty {
            lines.append("An absent member, null, or a string of $defs/\(missingDef) is a missing value: allowed in an optional member, not in a required one.")
        } else {
            lines.append("An absent member or null is a missing value: allowed in an optional member, not in a required one.")
        }
        lines.append("Patterns are conform's (PCRE2 syntax), anchored with ^ and $; JSON Schema validators use ECMA-262 regular expressions.")
        if !notes.lines.isEmpty {
            lines.append("Not expressed in this JSON Schema:")
            lines += notes.lines.map { "- " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    // MARK: The tree

    /// A member, element or wildcard of the record, with the fields mapped to it.
    private final class Node {
        var fields: [Int] = []
        var members: [(key: String, node: Node)] = []
        var elements: [Int: Node] = [:]
        var star: Node?
        var required: [String] = []
        var minItems = 0
        var isObject = false
        var isArray = false

        func member(_ key: String) -> Node {
            if let found = members.first(where: { $0.key == key }) { return found.node }
            let node = Node()
            members.append((key, node))
            return node
        }

        func element(_ position: Int) -> Node {
            if let found = elements[position] { return found }
            let node = Node()
            elements[position] = node
            return node
        }

        func wildcard() -> Node {
            if let star { return star }
            let node = Node()
            star = node
            return node
        }
    }

    private mutating func render(_ node: Node) -> [(String, JSONOut)] {
        var structure: [(String, JSONOut)] = []
        if node.isObject { structure.append(("type", .string("object"))) } else if node.isArray { structure.append(("type", .string("array"))) }
        if !node.members.isEmpty {
            var properties: [(String, JSONOut)] = []
            for member in node.members { properties.append((member.key, .object(render(member.node)))) }
            structure.append(("properties", .object(properties)))
        }
        if !node.required.isEmpty { structure.append(("required", .array(node.required.map { .string($0) }))) }
        if node.minItems > 0 { structure.append(("minItems", .number(String(node.minItems)))) }
        let star = node.star.map { render($0) }
        if let last = node.elements.keys.max() {
            var prefix: [JSONOut] = []
            for position in 0...last {
                if let element = node.elements[position] {
                    let schema = render(element)
                    prefix.append(star.map { .object([("allOf", .array([.object(schema), .object($0)]))]) } ?? .object(schema))
                } else {
                    prefix.append(.object(star ?? []))
                }
            }
            structure.append(("prefixItems", .array(prefix)))
        }
        if let star { structure.append(("items", .object(star))) }

        var own: [(String, JSONOut)]
        switch node.fields.count {
        case 0: own = []
        case 1: own = fieldSchema(fields[node.fields[0]])
        default: own = [("allOf", .array(node.fields.map { .object(fieldSchema(fields[$0])) }))]
        }
        if own.isEmpty { return structure }
        if structure.isEmpty { return own }
        if let index = own.firstIndex(where: { $0.0 == "allOf" }), case let .array(list) = own[index].1 {
            own[index].1 = .array(list + [.object(structure)])
            return own
        }
        return own + [("allOf", .array([.object(structure)]))]
    }

    // MARK: Fields

    /// A field's schema: its annotations, its values, and what a missing value may be.
    private mutating func fieldSchema(_ field: ExportField) -> [(String, JSONOut)] {
        let source = field.field
        var out: [(String, JSONOut)] = []
        if let title = source.title { out.append(("title", .string(title))) }
        if let description = source.description { out.append(("description", .string(description.trimmingTrailingNewlinesForExport))) }
        if let example = source.example { out.append(("examples", .array([JSONOut.typed(example, numeric: field.isNumeric)]))) }
        let value = valueSchema(base: field.base, constraints: field.constraints, codelist: field.codelist, field: field)
        let missingRef: JSONOut = .object([("$ref", .string("#/$defs/" + Self.fragment(missingDef)))])
        if source.isRequired {
            out += value
            if !standard.missingValues.isEmpty { out.append(("not", missingRef)) }
            return out
        }
        guard !value.isEmpty else { return out }
        if standard.missingValues.isEmpty {
            let keys = Set(value.map(\.0))
            if case let .string(type)? = value.first(where: { $0.0 == "type" })?.1,
               keys.isDisjoint(with: ["enum", "const", "$ref", "anyOf", "oneOf", "allOf", "not"]) {
                return out + value.map { $0.0 == "type" ? ("type", .array([.string(type), .string("null")])) : $0 }
            }
            return out + [("anyOf", .array([.object([("type", .string("null"))]), .object(value)]))]
        }
        return out + [("anyOf", .array([missingRef, .object(value)]))]
    }

    /// The schema of a value of `base` with `constraints` (a field's, or an array's elements').
    private mutating func valueSchema(base: BaseType, constraints c: Constraints, codelist: Codelist?, field: ExportField) -> [(String, JSONOut)] {
        let name = field.name
        var out: [(String, JSONOut)] = []
        var patterns: [String] = []
        let numeric = [.integer, .number, .year].contains(base)
        let coerce = field.field.coerce && [.integer, .number, .boolean].contains(base) && base == field.base
        switch base {
        case .string, .code: out.append(("type", .string("string")))
        case .uri, .email, .uuid:
            out.append(("type", .string("string")))
            out.append(("format", .string(base.rawValue)))
        case .date, .datetime, .time:
            out.append(("type", .string("string")))
            if let format = c.format?.value {
                patterns.append(TemporalPatterns.regex(format))
                notes.add("field `\(name)`: that a \(base.rawValue) written `\(format)` exists in the calendar (its pattern only checks the digits)")
            } else {
                out.append(("format", .string(base == .date ? "date" : (base == .datetime ? "date-time" : "time"))))
                if base != .date {
                    notes.add("field `\(name)`: conform's \(base.rawValue) also accepts a value without a UTC offset, which JSON Schema's "
                              + "`\(base == .datetime ? "date-time" : "time")` (RFC 3339) requires")
                }
            }
        case .integer, .number, .boolean:
            if coerce {
                out.append(("type", .array([.string(base == .boolean ? "boolean" : (base == .integer ? "integer" : "number")), .string("string")])))
                switch base {
                case .integer: patterns.append("[+-]?[0-9]+")
                case .number: patterns.append("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
                default:
                    let words = (c.trueValues?.value ?? BooleanValues.defaultTrueValues) + (c.falseValues?.value ?? BooleanValues.defaultFalseValues)
                    patterns.append(words.map(Self.escapeRegex).joined(separator: "|"))
                }
                if base != .boolean, c.minimum != nil || c.maximum != nil || c.exclusiveMinimum != nil || c.exclusiveMaximum != nil {
                    notes.add("field `\(name)`: its bounds on a number written as a string (`coerce`)")
                }
            } else {
                out.append(("type", .string(base == .boolean ? "boolean" : base.rawValue)))
            }
        case .year:
            out.append(("type", .array([.string("integer"), .string("string")])))
            patterns.append("-?[0-9]{4}")
            notes.add("field `\(name)`: a year written as a JSON number is not held to four digits\(c.minimum != nil || c.maximum != nil ? ", and its bounds do not apply to a year written as a string" : "")")
        case .any: break
        case .array:
            out.append(("type", .string("array")))
            if let items = field.items {
                let element = valueSchema(base: items.base, constraints: items.constraints, codelist: items.codelist, field: field)
                if !element.isEmpty { out.append(("items", .object(element))) }
            }
            if let value = field.field.minItems { out.append(("minItems", .number(String(value.value)))) }
            if let value = field.field.maxItems { out.append(("maxItems", .number(String(value.value)))) }
        }
        if !coerce, base == field.base, c.decimalChar != nil || c.groupChar != nil || c.trueValues != nil || c.falseValues != nil {
            notes.add("field `\(name)`: how numbers or booleans are written in a CSV cell (decimalChar, groupChar, trueValues, falseValues)")
        }

        if let pattern = c.pattern?.value {
            if numeric && base != .year || base == .boolean {
                notes.add("field `\(name)`: its pattern, which conform applies to the number as written (JSON Schema patterns apply to strings)")
            } else {
                patterns.append(pattern)
            }
        }
        if let first = patterns.first {
            out.append(("pattern", .string("^(?:\(first))$")))
            if patterns.count > 1 {
                out.append(("allOf", .array(patterns.dropFirst().map { .object([("pattern", .string("^(?:\($0))$"))]) })))
            }
        }
        let textual = [.string, .code, .uri, .email, .uuid, .any].contains(base)
        if let allowed = ExportField.allowed(c, codelist) {
            if let codelist, allowed == codelist.values, textual || base == .code {
                out.append(("$ref", .string("#/$defs/" + Self.fragment(codelistDef(codelist)))))
            } else if base == .year {
                out.append(("enum", .array(allowed.flatMap { value -> [JSONOut] in
                    JSONOut.isNumber(value) ? [.number(value), .string(value)] : [.string(value)]
                })))
            } else {
                out.append(("enum", .array(allowed.map { JSONOut.typed($0, numeric: numeric) })))
            }
        }
        if textual || [.date, .datetime, .time, .year].contains(base) {
            if let value = c.minLength { out.append(("minLength", .number(String(value.value)))) }
            if let value = c.maxLength { out.append(("maxLength", .number(String(value.value)))) }
        }
        for (key, bound) in [("minimum", c.minimum), ("maximum", c.maximum), ("exclusiveMinimum", c.exclusiveMinimum),
                             ("exclusiveMaximum", c.exclusiveMaximum)] {
            guard let bound else { continue }
            if numeric, JSONOut.isNumber(bound.value) {
                out.append((key, .number(bound.value)))
            } else {
                notes.add("field `\(name)`: \(key) \(bound.value) (JSON Schema bounds apply to numbers only)")
            }
        }
        return out
    }

    /// The `$defs` name of a code list, added on first use.
    private mutating func codelistDef(_ codelist: Codelist) -> String {
        if let found = codelistDefs.first(where: { $0.name == codelist.name }) { return found.def }
        var def = codelist.name
        while def == missingDef || codelistDefs.contains(where: { $0.def == def }) { def += "_" }
        codelistDefs.append((codelist.name, def, codelist))
        return def
    }

    private func codelistSchema(_ codelist: Codelist) -> JSONOut {
        var out: [(String, JSONOut)] = [("title", .string(codelist.name))]
        if let description = codelist.description { out.append(("description", .string(description.trimmingTrailingNewlinesForExport))) }
        out.append(("type", .string("string")))
        if codelist.labels.isEmpty {
            out.append(("enum", .array(codelist.values.map { .string($0) })))
        } else {
            out.append(("oneOf", .array(codelist.values.map { value in
                var branch: [(String, JSONOut)] = [("const", .string(value))]
                if let label = codelist.labels[value] { branch.append(("title", .string(label))) }
                return .object(branch)
            })))
        }
        return .object(out)
    }

    /// A `$defs` name as a URI fragment's JSON Pointer token: `~` and `/` escaped, and
    /// characters a URI may not hold percent-encoded.
    static func fragment(_ name: String) -> String {
        var out = ""
        for byte in JSONPointer.escape(name).utf8 {
            let character = Character(Unicode.Scalar(byte))
            if byte < 0x80, character.isLetter || character.isNumber || "-._~!$&'()*+,;=:@".contains(character) {
                out.append(character)
            } else {
                out += "%" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    static func escapeRegex(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\^$.|?*+()[]{}/".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
