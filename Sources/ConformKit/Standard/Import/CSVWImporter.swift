import Foundation

/// Turns CSV on the Web metadata (https://www.w3.org/TR/tabular-metadata/) into a conform
/// `Standard`: a table description, or one table of a table group chosen by its `url`
/// (`csv-metadata.json#tree-ops.csv`), with its schema (inline or a file), dialect and the
/// properties it inherits from the group.
///
/// The whole document is checked as a CSVW validator checks metadata, whichever table is
/// chosen: what the specification says is an error (a blank-node `@id`, a wrong `@type`,
/// `tables` missing or empty, a `url` missing, columns with the same name, a virtual column
/// before a real one, conflicting bounds or lengths, common properties outside CSVW's JSON-LD
/// subset, foreign keys naming columns or tables that do not exist) is an error
/// (`invalid-value`, `missing-key`); what it says to ignore with a warning (a value of the wrong
/// kind, an unknown property, an unknown datatype, a format that cannot be read) is a warning
/// (`invalid-value` or `unknown-key` at warning level) and the value is left out. What conform
/// cannot check is `import-not-expressed`. Locations point into the metadata file (or the
/// schema file a `tableSchema` URL names).
struct CSVWImporter {
    var diagnostics = Diagnostics()
    /// The metadata file, as given.
    let file: String
    /// The base URL of the document: the metadata file's URL, or `@base` resolved against it.
    private(set) var base: URL
    /// The default language of titles and other natural-language values (`@language`).
    private(set) var defaultLanguage: String?

    init(file: String) {
        self.file = file
        self.base = URL(fileURLWithPath: file).standardizedFileURL
    }

    // MARK: The model read from the metadata

    /// The inherited properties in force at a level, each as written (valid ones only).
    struct Inherited {
        var values: [String: SourceNode] = [:]
        subscript(key: String) -> SourceNode? { values[key] }
    }

    /// A column description, as read.
    struct Column {
        var node: SourceNode
        /// 1-based number among the schema's columns.
        var number: Int
        /// The `name` property, when valid.
        var name: String?
        /// The name annotation: `name`, else derived from the first title, else `_col.N`.
        var effectiveName: String
        /// Titles with their languages, in order.
        var titles: [(text: String, language: String)]
        var virtual: Bool
        var inherited: Inherited
    }

    /// A schema, as read.
    struct Schema {
        var node: SourceNode
        var id: String?
        var columns: [Column]
        var present: Bool
        /// The primary key's column names, when it names columns that have a `name`.
        var primaryKey: [String]? = nil
    }

    /// A table description, as read.
    struct Table {
        var node: SourceNode
        /// `url` as written, and resolved against the base.
        var url: String
        var resolved: URL?
        var schema: Schema
        var dialect: SourceNode?
        var inherited: Inherited
        var lang: String
    }

    private(set) var tables: [Table] = []

    /// A valid foreign key of a table, by column names: checked when the group is validated as
    /// a package (or, within one table, whenever the table is).
    struct CSVWForeignKey {
        var columns: [String]
        var target: Int
        var referenced: [String]
        var location: SourceLocation
    }

    /// Valid foreign keys by table index.
    private(set) var foreignKeys: [Int: [CSVWForeignKey]] = [:]

    // MARK: Entry

    /// The standard for the table `resource` (a table's `url`, as written or resolved; nil when
    /// the document describes one table) of the CSVW metadata `root`, read from `file`.
    static func standard(_ root: SourceNode, file: String, resource: String?, diagnostics: inout Diagnostics) -> Standard? {
        var importer = CSVWImporter(file: file)
        let standard = importer.read(root, resource: resource)
        diagnostics.append(contentsOf: importer.diagnostics)
        return standard
    }

    mutating func read(_ root: SourceNode, resource: String?) -> Standard? {
        guard root.isObject else {
            error("CSVW metadata is a JSON object, not \(root.kind)", at: root.location)
            return nil
        }
        readContext(root)
        let typeName = root["@type"]?.string
        let isGroup = root["tables"] != nil || (typeName == "TableGroup" && root["url"] == nil)
        var groupInherited = Inherited()
        var tableNodes: [SourceNode] = []
        if isGroup {
            checkDescription(root, as: .tableGroup)
            groupInherited = readInherited(root, parent: Inherited(), at: "the table group")
            if let tablesNode = root["tables"] {
                if let elements = tablesNode.elements {
                    for element in elements {
                        if element.isObject { tableNodes.append(element) } else {
                            warn("an item of `tables` is \(element.kind), not a table description; ignored", at: element.location)
                        }
                    }
                } else {
                    warn("`tables` must be an array of table descriptions, not \(tablesNode.kind); read as empty", at: tablesNode.location)
                }
                if tableNodes.isEmpty { error("a table group needs at least one table in `tables`", at: tablesNode.location) }
            } else {
                missing("a table group needs `tables`, an array of table descriptions", at: root.location)
            }
        } else {
            tableNodes = [root]
        }
        for node in tableNodes {
            if let table = readTable(node, group: isGroup ? root : nil, groupInherited: groupInherited) { tables.append(table) }
        }
        for index in tables.indices { checkForeignKeys(tables[index], index: index) }
        return standard(for: resource, root: root)
    }

    // MARK: Context

    private mutating func readContext(_ root: SourceNode) {
        guard let context = root["@context"] else {
            warn("CSVW metadata needs `@context: \"http://www.w3.org/ns/csvw\"`; read as CSVW anyway", at: root.location)
            return
        }
        let csvw = "http://www.w3.org/ns/csvw"
        var local: SourceNode?
        switch context.value {
        case let .string(text):
            if text != csvw { error("`@context` must be \"\(csvw)\", not \"\(text)\"", at: context.location) }
        case let .array(elements):
            if elements.first?.string != csvw { error("`@context` must start with \"\(csvw)\"", at: context.location) }
            for element in elements.dropFirst() {
                if element.isObject { local = element } else { error("`@context` may hold only \"\(csvw)\" and an object", at: element.location) }
            }
        default:
            error("`@context` must be \"\(csvw)\" or an array of it and an object with `@base` and `@language`", at: context.location)
        }
        guard let local else { return }
        for member in local.members {
            switch member.key {
            case "@base":
                if let text = member.value.string, let url = URL(string: text, relativeTo: base) {
                    base = url.absoluteURL
                } else {
                    warn("`@base` must be a URL; ignored", at: member.value.location)
                }
            case "@language":
                if let text = member.value.string, CSVWVocabulary.isLanguageTag(text) {
                    defaultLanguage = text
                } else {
                    warn("`@language` must be a BCP 47 language tag, not \(member.value.text.map { "\"\($0)\"" } ?? member.value.kind); ignored",
                         at: member.value.location)
                }
            default:
                error("the `@context` object may hold only `@base` and `@language`, not `\(member.key)`", at: member.keyLocation)
            }
        }
    }

    // MARK: Descriptions

    /// Checks the properties of a description of `kind`: its own, inherited ones where it has
    /// them, and common properties (checked as JSON-LD); anything else is a warning. Checks
    /// `@id` (not a blank node) and `@type` (the kind's name).
    mutating func checkDescription(_ node: SourceNode, as kind: CSVWVocabulary.Kind) {
        let allowed = CSVWVocabulary.properties(of: kind)
        let inherits = CSVWVocabulary.inherits(kind)
        for member in node.members {
            if allowed.contains(member.key) || (inherits && CSVWVocabulary.inherited.contains(member.key)) { continue }
            if member.key == "notes" && (kind == .tableGroup || kind == .table) { continue }
            if CSVWVocabulary.isCommonProperty(member.key) && kind != .dialect {
                for (message, location) in CSVWVocabulary.jsonLDProblems(member.value) { error("`\(member.key)`: \(message)", at: location) }
                continue
            }
            diagnostics.report(.unknownKey, "`\(member.key)` is not a property of a \(describe(kind)) in CSVW; ignored", at: member.keyLocation,
                               hint: Suggestions.closest(to: member.key, in: Array(allowed.filter { !$0.hasPrefix("@") })).map { "did you mean `\($0)`?" },
                               severity: .warning)
        }
        if let id = node["@id"] {
            if let text = id.string {
                if text.hasPrefix("_:") { error("`@id` may not be a blank node (`\(text)`)", at: id.location) }
                if kind == .datatype && CSVWVocabulary.datatypeURLs.contains(text) {
                    error("a datatype's `@id` may not be the URL of a built-in datatype (\(text))", at: id.location)
                }
            } else {
                warn("`@id` must be a string, not \(id.kind); ignored", at: id.location)
            }
        }
        if let type = node["@type"], type.string != kind.rawValue {
            error("`@type` of a \(describe(kind)) must be \"\(kind.rawValue)\", not \(type.text.map { "\"\($0)\"" } ?? type.kind)", at: type.location)
        }
        if let notes = node["notes"], kind == .tableGroup || kind == .table {
            if notes.elements == nil && !notes.isObject {
                error("`notes` must be an array or an object, not \(notes.kind)", at: notes.location)
            } else {
                for (message, location) in CSVWVocabulary.jsonLDProblems(notes) { error("`notes`: \(message)", at: location) }
            }
        }
    }

    private func describe(_ kind: CSVWVocabulary.Kind) -> String {
        switch kind {
        case .tableGroup: "table group"
        case .table: "table"
        case .schema: "schema"
        case .column: "column"
        case .dialect: "dialect"
        case .transformation: "transformation"
        case .datatype: "datatype"
        case .foreignKey: "foreign key"
        case .reference: "foreign key reference"
        }
    }

    /// The inherited properties at a level: the parent's, overridden by valid ones written here.
    private mutating func readInherited(_ node: SourceNode, parent: Inherited, at place: String) -> Inherited {
        var inherited = parent
        for member in node.members where CSVWVocabulary.inherited.contains(member.key) {
            let value = member.value
            let problem: String?
            switch member.key {
            case "aboutUrl", "propertyUrl", "valueUrl", "default":
                problem = value.string == nil ? "a string" : nil
            case "lang":
                problem = value.string.map(CSVWVocabulary.isLanguageTag) == true ? nil : "a BCP 47 language tag"
            case "null":
                if value.string != nil {
                    problem = nil
                } else if let elements = value.elements, elements.allSatisfy({ $0.string != nil }) {
                    problem = nil
                } else {
                    problem = "a string or an array of strings"
                }
            case "ordered", "required":
                if case .bool = value.value { problem = nil } else { problem = "true or false" }
            case "separator":
                if case .null = value.value { problem = nil } else { problem = value.string == nil ? "a string or null" : nil }
            case "textDirection":
                problem = ["ltr", "rtl", "auto", "inherit"].contains(value.string ?? "") ? nil : "ltr, rtl, auto or inherit"
            case "datatype":
                problem = nil
                if let name = value.string {
                    if CSVWVocabulary.datatypes[name] == nil {
                        warn("`datatype` \"\(name)\" (in \(place)) is not a built-in datatype of CSVW; ignored", at: value.location)
                        continue
                    }
                } else if !value.isObject {
                    warn("`datatype` must be the name of a built-in datatype or a datatype description, not \(value.kind); ignored",
                         at: value.location)
                    continue
                }
            default:
                problem = nil
            }
            if let problem {
                warn("`\(member.key)` must be \(problem), not \(value.text.map { "\"\($0)\"" } ?? value.kind); ignored", at: value.location)
                continue
            }
            inherited.values[member.key] = value
        }
        return inherited
    }

    // MARK: Tables

    private mutating func readTable(_ node: SourceNode, group: SourceNode?, groupInherited: Inherited) -> Table? {
        checkDescription(node, as: .table)
        var url = ""
        var resolved: URL?
        if let urlNode = node["url"] {
            if let text = urlNode.string {
                url = text
                resolved = URL(string: text, relativeTo: base)?.absoluteURL
                if resolved == nil { error("`url` \"\(text)\" is not a URL", at: urlNode.location) }
            } else {
                error("`url` must be a string (the table's URL), not \(urlNode.kind)", at: urlNode.location)
            }
        } else {
            missing("a table needs `url`, the URL of its CSV file", at: node.location)
        }
        if let flag = node["suppressOutput"], !Self.isBool(flag) {
            warn("`suppressOutput` must be true or false, not \(flag.kind); ignored", at: flag.location)
        }
        for owner in [group, node].compactMap({ $0 }) {
            if let direction = owner["tableDirection"], !["rtl", "ltr", "auto"].contains(direction.string ?? "") {
                warn("`tableDirection` must be rtl, ltr or auto; ignored", at: direction.location)
            }
            if let transformations = owner["transformations"] { readTransformations(transformations) }
        }
        let inherited = readInherited(node, parent: groupInherited, at: "the table")
        // The dialect: the table's, else the group's.
        var dialect: SourceNode?
        for candidate in [node["dialect"], group?["dialect"]] {
            guard let candidate else { continue }
            if let loaded = loadDescription(candidate, what: "dialect") {
                checkDescription(loaded, as: .dialect)
                dialect = loaded
            }
            break
        }
        // The schema: the table's, else the group's.
        var schema = Schema(node: node, id: nil, columns: [], present: false)
        if let schemaNode = node["tableSchema"] ?? group?["tableSchema"] {
            schema.present = true
            if let loaded = loadDescription(schemaNode, what: "tableSchema") {
                schema = readSchema(loaded, inherited: inherited)
                if schema.id == nil, let link = schemaNode.string { schema.id = URL(string: link, relativeTo: base)?.absoluteString }
            }
        }
        return Table(node: node, url: url, resolved: resolved, schema: schema, dialect: dialect, inherited: inherited,
                     lang: inherited["lang"]?.string ?? "und")
    }

    /// An object property given inline or as the URL of a JSON file (read from disk, relative
    /// to the base); nil, with a warning, for anything else.
    private mutating func loadDescription(_ node: SourceNode, what: String) -> SourceNode? {
        if node.isObject { return node }
        guard let link = node.string else {
            warn("`\(what)` must be an object or the URL of one, not \(node.kind); read as an empty \(what)", at: node.location)
            return what == "tableSchema" ? SourceNode(value: .object([]), location: node.location) : nil
        }
        guard let url = URL(string: link, relativeTo: base)?.absoluteURL, url.isFileURL else {
            error("`\(what)` is at \(link); conform reads no network: save it beside the metadata", at: node.location)
            return nil
        }
        let path = StandardResolver.tidy(url.path)
        guard let data = FileManager.default.contents(atPath: url.path),
              let text = StandardImporter.decode(data, file: path, diagnostics: &diagnostics) else {
            error("cannot read `\(what)` \(link) (\(path))", at: node.location)
            return nil
        }
        switch TolerantJSONParser.parse(text, file: path) {
        case let .success((loaded, tolerances)):
            for tolerance in tolerances { diagnostics.report(.importTolerance, tolerance.message, at: tolerance.location) }
            guard loaded.isObject else {
                error("`\(what)` \(link) is not a JSON object", at: loaded.location)
                return nil
            }
            return loaded
        case let .failure(failure):
            for tolerance in failure.tolerances { diagnostics.report(.importTolerance, tolerance.message, at: tolerance.location) }
            error("`\(what)` \(link) is not valid JSON: \(failure.message)", at: failure.location)
            return nil
        }
    }

    private mutating func readTransformations(_ node: SourceNode) {
        guard let elements = node.elements else {
            warn("`transformations` must be an array of transformation descriptions, not \(node.kind); ignored", at: node.location)
            return
        }
        for element in elements {
            guard element.isObject else {
                warn("an item of `transformations` is \(element.kind), not a transformation description; ignored", at: element.location)
                continue
            }
            checkDescription(element, as: .transformation)
            for key in ["url", "targetFormat", "scriptFormat"] where element[key] == nil {
                missing("a transformation needs `\(key)`", at: element.location)
            }
            if let source = element["source"], !["json", "rdf"].contains(source.string ?? "") {
                warn("a transformation's `source` must be json or rdf; ignored", at: source.location)
            }
        }
    }

    // MARK: Schemas and columns

    private mutating func readSchema(_ node: SourceNode, inherited tableInherited: Inherited) -> Schema {
        checkDescription(node, as: .schema)
        let inherited = readInherited(node, parent: tableInherited, at: "the schema")
        var schema = Schema(node: node, id: node["@id"]?.string.map { URL(string: $0, relativeTo: base)?.absoluteString ?? $0 },
                            columns: [], present: true)
        guard let columnsNode = node["columns"] else { return schema }
        guard let elements = columnsNode.elements else {
            warn("`columns` must be an array of column descriptions, not \(columnsNode.kind); read as empty", at: columnsNode.location)
            return schema
        }
        var number = 0
        for element in elements {
            guard element.isObject else {
                warn("an item of `columns` is \(element.kind), not a column description; ignored", at: element.location)
                continue
            }
            number += 1
            schema.columns.append(readColumn(element, number: number, inherited: inherited))
        }
        // Names are unique; virtual columns come after the others.
        var seen: [String: Int] = [:]
        for column in schema.columns {
            if let first = seen[column.effectiveName] {
                error("columns \(first) and \(column.number) have the same name `\(column.effectiveName)`", at: column.node.location)
            } else {
                seen[column.effectiveName] = column.number
            }
        }
        let names = schema.columns.compactMap(\.name)
        for key in ["primaryKey", "rowTitles"] {
            guard let value = node[key] else { continue }
            guard let referenced = columnReference(value) else {
                warn("`\(key)` must be a column name or an array of them; ignored", at: value.location)
                continue
            }
            if let unknown = referenced.first(where: { !names.contains($0) }) {
                warn("`\(key)` names `\(unknown)`, which no column has as its `name`; ignored", at: value.location)
                continue
            }
            if key == "primaryKey" { schema.primaryKey = referenced }
        }
        if let firstVirtual = schema.columns.firstIndex(where: \.virtual),
           let late = schema.columns[firstVirtual...].first(where: { !$0.virtual }) {
            error("column \(late.number) comes after the virtual column \(schema.columns[firstVirtual].number); virtual columns must come last",
                  at: late.node.location)
        }
        return schema
    }

    private mutating func readColumn(_ node: SourceNode, number: Int, inherited schemaInherited: Inherited) -> Column {
        checkDescription(node, as: .column)
        var name: String?
        if let nameNode = node["name"] {
            if let text = nameNode.string, CSVWVocabulary.isColumnName(text) {
                name = text
            } else if let text = nameNode.string {
                warn("`name` \"\(text)\" is not a valid column name (letters, digits, `_`, `.` and %-escapes, not starting with `_`); ignored",
                     at: nameNode.location)
            } else {
                warn("`name` must be a string, not \(nameNode.kind); ignored", at: nameNode.location)
            }
        }
        var titles: [(text: String, language: String)] = []
        if let titlesNode = node["titles"] { titles = readTitles(titlesNode) }
        var virtual = false
        if let flag = node["virtual"] {
            if case let .bool(value) = flag.value { virtual = value } else { warn("`virtual` must be true or false; ignored", at: flag.location) }
        }
        if let flag = node["suppressOutput"], !Self.isBool(flag) {
            warn("`suppressOutput` must be true or false; ignored", at: flag.location)
        }
        let inherited = readInherited(node, parent: schemaInherited, at: "column \(number)")
        let language = defaultLanguage ?? "und"
        let derived = (titles.first { CSVWVocabulary.languagesMatch($0.language, language) } ?? titles.first)
            .map { CSVWVocabulary.derivedName(fromTitle: $0.text) }
        return Column(node: node, number: number, name: name, effectiveName: name ?? derived ?? "_col.\(number)", titles: titles,
                      virtual: virtual, inherited: inherited)
    }

    /// A natural-language property: a string, an array of strings, or an object from language
    /// tags to those. Items of the wrong kind and invalid language tags are warnings, left out.
    private mutating func readTitles(_ node: SourceNode) -> [(text: String, language: String)] {
        let language = defaultLanguage ?? "und"
        func strings(_ node: SourceNode) -> [String] {
            if let text = node.string { return [text] }
            if let elements = node.elements {
                var out: [String] = []
                for element in elements {
                    if let text = element.string { out.append(text) } else {
                        warn("a title is \(element.kind), not a string; ignored", at: element.location)
                    }
                }
                return out
            }
            warn("`titles` must be a string, an array of strings or an object of them by language, not \(node.kind); ignored",
                 at: node.location)
            return []
        }
        if node.isObject {
            var out: [(String, String)] = []
            for member in node.members {
                guard CSVWVocabulary.isLanguageTag(member.key) else {
                    warn("`\(member.key)` is not a BCP 47 language tag; its titles are ignored", at: member.keyLocation)
                    continue
                }
                out += strings(member.value).map { ($0, member.key) }
            }
            return out
        }
        return strings(node).map { ($0, language) }
    }

    // MARK: Foreign keys

    /// The names a column reference property (`primaryKey`, `rowTitles`, `columnReference`)
    /// gives: a string or an array of strings; nil when it is neither.
    private func columnReference(_ node: SourceNode?) -> [String]? {
        guard let node else { return nil }
        if let text = node.string { return [text] }
        if let elements = node.elements, !elements.isEmpty, elements.allSatisfy({ $0.string != nil }) { return elements.compactMap(\.string) }
        return nil
    }

    /// Checks a table's foreign keys against the document (errors, as CSVW says); valid ones
    /// are then reported as not expressed, once per table.
    private mutating func checkForeignKeys(_ table: Table, index: Int) {
        guard let keysNode = table.schema.present ? table.schema.node["foreignKeys"] : nil else { return }
        guard let elements = keysNode.elements else {
            warn("`foreignKeys` must be an array of foreign key definitions, not \(keysNode.kind); read as empty", at: keysNode.location)
            return
        }
        for element in elements {
            guard element.isObject else {
                warn("an item of `foreignKeys` is \(element.kind), not a foreign key definition; ignored", at: element.location)
                continue
            }
            let before = diagnostics.findings.filter { $0.severity == .error }.count
            for member in element.members where !["columnReference", "reference"].contains(member.key) {
                error("a foreign key may hold only `columnReference` and `reference`, not `\(member.key)`", at: member.keyLocation)
            }
            let names = table.schema.columns.compactMap(\.name)
            if let columns = columnReference(element["columnReference"]) {
                for column in columns where !names.contains(column) {
                    error("the foreign key's `columnReference` names `\(column)`, which no column of this table has as its `name`",
                          at: element["columnReference"]!.location)
                }
            } else {
                error("a foreign key needs `columnReference`, a column name or an array of them", at: element.location)
            }
            var target: Int?
            if let reference = element["reference"], reference.isObject {
                target = checkReference(reference, from: table)
            } else {
                error("a foreign key needs `reference`, an object with `resource` or `schemaReference` and `columnReference`",
                      at: element["reference"]?.location ?? element.location)
            }
            if diagnostics.findings.filter({ $0.severity == .error }).count == before, let target,
               let columns = columnReference(element["columnReference"]),
               let referenced = columnReference(element["reference"]?["columnReference"]) {
                let virtual = Set(table.schema.columns.filter(\.virtual).compactMap(\.name))
                    .union(tables[target].schema.columns.filter(\.virtual).compactMap(\.name))
                if columns.contains(where: virtual.contains) || referenced.contains(where: virtual.contains) {
                    notExpressed("a foreign key over a virtual column (which has no cells) is not checked", at: element.location)
                } else {
                    foreignKeys[index, default: []].append(CSVWForeignKey(columns: columns, target: target, referenced: referenced,
                                                                          location: element["columnReference"]!.location))
                }
            }
        }
    }

    /// Checks a foreign key's `reference`; returns the referenced table's index when it is found.
    private mutating func checkReference(_ reference: SourceNode, from table: Table) -> Int? {
        for member in reference.members where !["resource", "schemaReference", "columnReference"].contains(member.key) {
            error("a foreign key's `reference` may hold only `resource`, `schemaReference` and `columnReference`, not `\(member.key)`",
                  at: member.keyLocation)
        }
        var target: Schema?
        var targetIndex: Int?
        if let resource = reference["resource"] {
            if reference["schemaReference"] != nil {
                error("a foreign key's `reference` has both `resource` and `schemaReference`", at: reference.location)
            }
            let url = resource.string.flatMap { URL(string: $0, relativeTo: base)?.absoluteURL }
            if let found = tables.firstIndex(where: { url != nil && $0.resolved?.absoluteString == url!.absoluteString }) {
                target = tables[found].schema
                targetIndex = found
            } else {
                error("the foreign key references the table \(resource.text ?? "?"), which is not in this table group", at: resource.location)
            }
        } else if let schemaReference = reference["schemaReference"] {
            let url = schemaReference.string.flatMap { URL(string: $0, relativeTo: base)?.absoluteString }
            let found = tables.indices.filter { url != nil && tables[$0].schema.id == url }
            if found.count == 1 {
                target = tables[found[0]].schema
                targetIndex = found[0]
            } else {
                error("the foreign key's `schemaReference` \(schemaReference.text ?? "?") names \(found.isEmpty ? "no" : "several") schema\(found.isEmpty ? "" : "s") of this group",
                      at: schemaReference.location)
            }
        } else {
            error("a foreign key's `reference` needs `resource` (a table's url) or `schemaReference`", at: reference.location)
        }
        guard let target else { return nil }
        if let columns = columnReference(reference["columnReference"]) {
            let names = target.columns.compactMap(\.name)
            for column in columns where !names.contains(column) {
                error("the foreign key references the column `\(column)`, which the referenced table does not have",
                      at: reference["columnReference"]!.location)
            }
        } else {
            error("a foreign key's `reference` needs `columnReference`", at: reference.location)
        }
        return targetIndex
    }

    // MARK: The standard

    /// The standard for the chosen table. Every table's columns are read (so that the whole
    /// document is checked), the chosen one's kept.
    private mutating func standard(for resource: String?, root: SourceNode) -> Standard? {
        guard !tables.isEmpty else { return nil }
        var built: [Standard] = []
        var names: [[String: String]] = []
        for table in tables {
            var standard = Standard(id: "", sourceFile: file)
            standard.location = table.node.location
            standard.dialect = readDialect(table.dialect)
            let headerRows = (standard.dialect?.header ?? true) ? max(standard.dialect?.headerRows ?? 1, 1) : 0
            names.append(fill(&standard, from: table, hasHeader: headerRows > 0))
            built.append(standard)
        }
        // Foreign keys, by field names: within a table, or to another table of the group.
        for (index, keys) in foreignKeys {
            for key in keys {
                built[index].keys.foreign.append(ForeignKey(
                    fields: Located(key.columns.map { names[index][$0] ?? $0 }, at: key.location),
                    table: key.target == index ? nil : tables[key.target].url,
                    referencedFields: key.referenced.map { names[key.target][$0] ?? $0 },
                    // CSVW validators compare the cells' string values: a `null` marker is a value to look up.
                    checksMissingMarkers: true))
            }
        }
        if resource == nil, tables.count > 1 { return packageStandard(root: root) }
        let index: Int
        if let resource {
            let wanted = URL(string: resource, relativeTo: URL(fileURLWithPath: file).standardizedFileURL)?.absoluteURL.absoluteString
            guard let found = tables.firstIndex(where: { $0.url == resource || ($0.resolved?.absoluteString == wanted && wanted != nil) })
                    ?? tables.firstIndex(where: { $0.resolved?.lastPathComponent == resource }) else {
                error("the metadata describes no table \"\(resource)\" (it has: \(tables.map(\.url).joined(separator: ", ")))",
                      at: root["tables"]?.location ?? root.location)
                return nil
            }
            index = found
        } else if tables.count == 1 {
            index = 0
        } else {
            error("the table group has \(tables.count) tables; name one after `#`, e.g. `\(file)#\(tables[0].url)` "
                  + "(tables: \(tables.map(\.url).joined(separator: ", ")))", at: root["tables"]?.location ?? root.location)
            return nil
        }
        let table = tables[index]
        var standard = built[index]
        // The id: the metadata file's name, with the table's when the name says nothing (csv-metadata.json) or there are several.
        var id = StandardImporter.id(for: SourceNode(value: .object([]), location: root.location), file: file)
        let tableName = table.resolved.map { $0.deletingPathExtension().lastPathComponent } ?? table.url
        if id.hasSuffix(".csv") { id.removeLast(4) }
        if id == "csv" || id == "csvm" || id.isEmpty { id = tableName } else if tables.count > 1 { id += "/" + table.url }
        standard.id = id
        standard.title = commonText(table.node, "dc:title") ?? commonText(root, "dc:title")
        standard.description = commonText(table.node, "dc:description") ?? (tables.count == 1 ? commonText(root, "dc:description") : nil)
        return standard
    }

    /// The whole table group as a package: one table per table description, named by its `url`
    /// as written, each table's standard being `metadata.json#url`.
    private mutating func packageStandard(root: SourceNode) -> Standard {
        var package = Standard(id: StandardImporter.id(for: SourceNode(value: .object([]), location: root.location), file: file),
                               sourceFile: file)
        package.location = root.location
        package.title = commonText(root, "dc:title")
        package.description = commonText(root, "dc:description")
        let fileName = URL(fileURLWithPath: file).lastPathComponent
        for table in tables {
            let path = table.resolved.flatMap { $0.isFileURL ? $0.path : nil }
            package.tables.append(TableReference(name: table.url, path: path, standard: "./\(fileName)#\(table.url)",
                                                 location: table.node.location))
        }
        return package
    }

    /// A common property's text: a string, or a value object's `@value`.
    private func commonText(_ node: SourceNode, _ key: String) -> String? {
        guard let value = node[key] else { return nil }
        if let text = value.string { return text }
        if let first = value.elements?.first { return first.string ?? first["@value"]?.string }
        return value["@value"]?.string
    }
}

// MARK: - Helpers

extension CSVWImporter {
    mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.report(.invalidValue, message, at: location)
    }

    mutating func missing(_ message: String, at location: SourceLocation) {
        diagnostics.report(.missingKey, message, at: location)
    }

    /// A value CSVW says to ignore with a warning.
    mutating func warn(_ message: String, at location: SourceLocation) {
        diagnostics.report(.invalidValue, message, at: location, severity: .warning)
    }

    mutating func notExpressed(_ message: String, at location: SourceLocation) {
        diagnostics.report(.importNotExpressed, message, at: location)
    }

    static func isBool(_ node: SourceNode) -> Bool {
        if case .bool = node.value { return true }
        return false
    }
}
