import Foundation

/// What the CSV on the Web metadata vocabulary (https://www.w3.org/TR/tabular-metadata/) allows
/// where: the properties of each kind of description, the built-in datatypes, and the checks
/// on values that are not CSVW's own (common properties, a subset of JSON-LD).
enum CSVWVocabulary {
    /// The kinds of description a metadata document is made of.
    enum Kind: String {
        case tableGroup = "TableGroup", table = "Table", schema = "Schema", column = "Column"
        case dialect = "Dialect", transformation = "Template", datatype = "Datatype"
        case foreignKey = "ForeignKey", reference = "TableReference"
    }

    /// Properties every description inherits down to its columns.
    static let inherited: Set<String> = [
        "aboutUrl", "datatype", "default", "lang", "null", "ordered", "propertyUrl", "required", "separator",
        "textDirection", "valueUrl",
    ]

    /// The properties of each kind of description (besides inherited and common properties).
    static func properties(of kind: Kind) -> Set<String> {
        switch kind {
        case .tableGroup: ["@id", "@type", "@context", "notes", "tables", "tableSchema", "tableDirection", "dialect", "transformations"]
        case .table: ["@id", "@type", "@context", "dialect", "notes", "suppressOutput", "tableDirection", "tableSchema", "transformations", "url"]
        case .schema: ["@id", "@type", "@context", "columns", "foreignKeys", "primaryKey", "rowTitles"]
        case .column: ["@id", "@type", "name", "suppressOutput", "titles", "virtual"]
        case .dialect: ["@id", "@type", "commentPrefix", "delimiter", "doubleQuote", "encoding", "header", "headerRowCount",
                        "lineTerminators", "quoteChar", "skipBlankRows", "skipColumns", "skipInitialSpace", "skipRows", "trim"]
        case .transformation: ["@id", "@type", "url", "targetFormat", "scriptFormat", "titles", "source"]
        case .datatype: ["@id", "@type", "base", "format", "length", "minLength", "maxLength", "minimum", "maximum",
                         "minInclusive", "maxInclusive", "minExclusive", "maxExclusive"]
        case .foreignKey: ["columnReference", "reference"]
        case .reference: ["resource", "schemaReference", "columnReference"]
        }
    }

    /// Whether the kind takes the inherited properties.
    static func inherits(_ kind: Kind) -> Bool {
        [.tableGroup, .table, .schema, .column].contains(kind)
    }

    /// The built-in datatypes by name (aliases included), with the XML Schema type each is.
    static let datatypes: [String: String] = {
        var names: [String: String] = [:]
        for type in XSDType.allCases { names[type.rawValue] = type.rawValue }
        names["number"] = "double"
        names["binary"] = "base64Binary"
        names["datetime"] = "dateTime"
        names["any"] = "anyAtomicType"
        names["xml"] = "xml"
        names["html"] = "html"
        names["json"] = "json"
        return names
    }()

    /// The URLs of the built-in datatypes (a datatype's `@id` must not be one of them).
    static let datatypeURLs: Set<String> = Set(XSDType.allCases.map { "http://www.w3.org/2001/XMLSchema#\($0.rawValue)" }
        + ["http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral", "http://www.w3.org/1999/02/22-rdf-syntax-ns#HTML",
           "http://www.w3.org/ns/csvw#JSON"])

    /// The prefixes the CSVW context defines (RDFa initial context).
    static let prefixes: Set<String> = [
        "as", "cc", "csvw", "ctag", "dc", "dc11", "dcat", "dcterms", "dctypes", "dqv", "duv", "foaf", "gr", "grddl", "ical",
        "jsonld", "ldp", "ma", "oa", "odrl", "og", "org", "owl", "prov", "qb", "rdf", "rdfa", "rdfs", "rev", "rif", "rr",
        "schema", "sd", "sioc", "skos", "skosxl", "sosa", "ssn", "time", "v", "vcard", "void", "wdr", "wrds", "xhv", "xml", "xsd",
    ]

    /// Terms the CSVW context defines that may stand alone as a type (classes and datatypes).
    static let terms: Set<String> = {
        var terms: Set<String> = [
            "Cell", "Column", "Datatype", "Dialect", "Direction", "ForeignKey", "JSON", "NCName", "NMTOKEN", "Name", "NumericFormat",
            "QName", "Row", "Schema", "Table", "TableGroup", "TableReference", "Transformation", "Template", "HTML", "XMLLiteral",
        ]
        terms.formUnion(datatypes.keys)
        terms.formUnion(properties(of: .tableGroup)); terms.formUnion(properties(of: .table)); terms.formUnion(properties(of: .schema))
        terms.formUnion(properties(of: .column)); terms.formUnion(properties(of: .dialect)); terms.formUnion(inherited)
        return terms
    }()

    /// True for a common property's name: a prefixed name (`dc:title`) or an absolute URL.
    static func isCommonProperty(_ key: String) -> Bool {
        key.contains(":") && !key.hasPrefix("@") && !key.hasPrefix("_:")
    }

    /// Whether `tag` is a well-formed BCP 47 language tag (the shape, not the registry).
    static func isLanguageTag(_ tag: String) -> Bool {
        if tag == "und" { return true }
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count) || (5...8).contains(first.count) || first.lowercased() == "x" || first.lowercased() == "i",
              first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }

    /// Whether two language tags match, as CSVW compares titles: `und` matches anything, and
    /// tags match when one is the other or a prefix of it by whole subtags.
    static func languagesMatch(_ a: String, _ b: String) -> Bool {
        let x = a.lowercased(), y = b.lowercased()
        if x == "und" || y == "und" || x == y { return true }
        return x.hasPrefix(y + "-") || y.hasPrefix(x + "-")
    }

    /// Whether `name` is a valid column name: URI template variable characters (letters,
    /// digits, `_`, `.`, percent-encoded octets), not starting with `_` (reserved).
    static func isColumnName(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("_") else { return false }
        var bytes = Array(name.utf8)[...]
        var first = true
        while let byte = bytes.first {
            if byte == UInt8(ascii: "%") {
                guard bytes.count >= 3, bytes.dropFirst().prefix(2).allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }) else { return false }
                bytes = bytes.dropFirst(3)
            } else {
                let ok = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: "_") || (!first && byte == UInt8(ascii: "."))
                guard ok else { return false }
                bytes = bytes.dropFirst()
            }
            first = false
        }
        return true
    }

    /// The name CSVW derives from a title: percent-encoded where a name may not hold a character.
    static func derivedName(fromTitle title: String) -> String {
        var out = ""
        for (index, byte) in title.utf8.enumerated() {
            let letterOrDigit = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            if letterOrDigit || (index > 0 && (byte == UInt8(ascii: "_") || byte == UInt8(ascii: "."))) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    // MARK: Common properties (JSON-LD)

    /// The problems of a common property's value, which CSVW restricts to a subset of JSON-LD:
    /// no `@context`, `@list` or `@set`; value objects with only `@value` and one of `@type` or
    /// `@language`; `@id` and `@type` that are not blank nodes; `@type` a term, a prefixed name
    /// or an absolute URL; no other keys starting with `@`. Each is an error.
    static func jsonLDProblems(_ node: SourceNode) -> [(String, SourceLocation)] {
        var problems: [(String, SourceLocation)] = []
        check(node, into: &problems)
        return problems
    }

    private static func check(_ node: SourceNode, into problems: inout [(String, SourceLocation)]) {
        switch node.value {
        case let .array(elements):
            for element in elements { check(element, into: &problems) }
        case let .object(members):
            let keys = Set(members.map(\.key))
            if keys.contains("@value") {
                if !keys.subtracting(["@value", "@type", "@language"]).isEmpty {
                    problems.append(("a value object (with `@value`) may hold only `@type` or `@language` besides", node.location))
                } else if keys.contains("@type") && keys.contains("@language") {
                    problems.append(("a value object may not have both `@type` and `@language`", node.location))
                }
                if let value = node["@value"], value.isObject || value.elements != nil {
                    problems.append(("`@value` must be a string, a number or a boolean", value.location))
                }
                if let language = node["@language"], !(language.string.map(isLanguageTag) ?? false) {
                    problems.append(("`@language` must be a BCP 47 language tag", language.location))
                }
                if let type = node["@type"], !isTypeReference(type.string) {
                    problems.append(("`@type` must be a CSVW term, a prefixed name or an absolute URL, and not a blank node", type.location))
                }
                return
            }
            for member in members {
                switch member.key {
                case "@id":
                    if member.value.string == nil || member.value.string!.hasPrefix("_:") {
                        problems.append(("`@id` must be a string that is not a blank node (`_:`)", member.value.location))
                    }
                case "@type":
                    let types = member.value.elements ?? [member.value]
                    for type in types where !isTypeReference(type.string) {
                        problems.append(("`@type` must be a CSVW term, a prefixed name or an absolute URL, and not a blank node", type.location))
                    }
                case "@language":
                    problems.append(("`@language` may only be used with `@value`", member.keyLocation))
                case "@context":
                    problems.append(("a metadata document may not add a context (`@context`) inside a common property", member.keyLocation))
                case "@list", "@set":
                    problems.append(("`\(member.key)` may not be used in CSVW metadata", member.keyLocation))
                default:
                    if member.key.hasPrefix("@") || member.key.hasPrefix("_:") {
                        problems.append(("`\(member.key)` is not allowed: besides `@id`, `@type`, `@value` and `@language`, keys may not start with `@`",
                                         member.keyLocation))
                    } else {
                        check(member.value, into: &problems)
                    }
                }
            }
        default:
            break
        }
    }

    /// A CSVW term, a prefixed name or an absolute URL, not a blank node.
    private static func isTypeReference(_ text: String?) -> Bool {
        guard let text, !text.isEmpty, !text.hasPrefix("_:") else { return false }
        if terms.contains(text) { return true }
        guard let colon = text.firstIndex(of: ":") else { return false }
        let prefix = text[..<colon]
        return !prefix.isEmpty && prefix.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }
}
