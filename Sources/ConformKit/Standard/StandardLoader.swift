import CYaml
import Foundation
import Yams

/// Reads one standard file (YAML, format version 1) into a `Standard`, keeping the
/// location of every key, and reporting problems of shape as lint findings.
///
/// Semantic checks that need the whole set of standards (`uses`, unknown types,
/// patterns) are done by `StandardResolver` and `Linter`.
struct StandardLoader {
    /// The most YAML nodes one standard may expand to; guards against alias bombs.
    static let maxNodes = 2_000_000

    /// Parses `text` as the contents of `file`. Returns nil when it is not a standard at all.
    static func parse(text: String, file: String, diagnostics: inout Diagnostics) -> Standard? {
        guard let root = compose(text: text, file: file, what: "a standard needs `conform`, `id` and `fields`", diagnostics: &diagnostics) else {
            return nil
        }
        var reader = NodeReader(file: file)
        let standard = reader.readStandard(root)
        diagnostics.append(contentsOf: reader.diagnostics)
        return standard
    }

    /// The YAML node tree of `text`, or nil with the problem reported: a syntax error, an empty
    /// file (`what` says what it needs), or more than `maxNodes` nodes as written or once aliases
    /// are expanded.
    static func compose(text: String, file: String, what: String, diagnostics: inout Diagnostics) -> Node? {
        // Yams builds the whole tree before it can be counted (about 130 bytes a node: a 60 MiB
        // flow list of one-letter items took 4 GB), so the nodes as written are counted first,
        // from libyaml's events, in constant memory.
        if let mark = firstNodeBeyond(maxNodes, in: text) {
            diagnostics.report(.invalidValue, "the document has more than \(maxNodes) YAML nodes; refused",
                               at: SourceLocation(file: file, line: mark.line, column: mark.column))
            return nil
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            diagnostics.report(.yamlSyntax, yamlErrorMessage(error), at: yamlErrorLocation(error, file: file))
            return nil
        } catch {
            diagnostics.report(.yamlSyntax, "\(error)", at: SourceLocation(file: file, line: 1, column: 1))
            return nil
        }
        guard let root else {
            diagnostics.report(.missingKey, "the file is empty; \(what)", at: SourceLocation(file: file, line: 1, column: 1))
            return nil
        }
        let reader = NodeReader(file: file)
        var budget = maxNodes
        guard reader.countNodes(root, budget: &budget) else {
            diagnostics.report(.invalidValue, "the document expands to more than \(maxNodes) YAML nodes (alias expansion?); refused",
                               at: reader.location(root))
            return nil
        }
        return root
    }

    /// Where the node after the first `limit` nodes of `text` starts (1-based), counting each
    /// scalar, list, mapping and alias once as written; nil when there are no more than `limit`,
    /// or when libyaml stops at a syntax error first (Yams then reports it, having built no more
    /// than `limit` nodes).
    static func firstNodeBeyond(_ limit: Int, in text: String) -> (line: Int, column: Int)? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> (line: Int, column: Int)? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var count = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SCALAR_EVENT, YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT, YAML_ALIAS_EVENT:
                    count += 1
                    if count > limit { return (Int(event.start_mark.line) + 1, Int(event.start_mark.column) + 1) }
                default:
                    break
                }
            }
        }
    }

    private static func yamlErrorMessage(_ error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, _, _), let .parser(context, problem, _, _), let .composer(context, problem, _, _):
            if let context { return "\(problem) \(context.text)".trimmingCharacters(in: .whitespaces) }
            return problem
        case let .reader(problem, _, _, _):
            return problem
        default:
            return "\(error)"
        }
    }

    private static func yamlErrorLocation(_ error: YamlError, file: String) -> SourceLocation {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return SourceLocation(file: file, line: mark.line, column: mark.column)
        default:
            return SourceLocation(file: file, line: 1, column: 1)
        }
    }
}

/// Walks a Yams node tree, turning it into the model and reporting shape problems.
struct NodeReader {
    let file: String
    var diagnostics = Diagnostics()

    init(file: String) { self.file = file }

    func location(_ node: Node) -> SourceLocation {
        if let mark = node.mark { return SourceLocation(file: file, line: mark.line, column: mark.column) }
        return SourceLocation(file: file, line: 1, column: 1)
    }

    func countNodes(_ node: Node, budget: inout Int) -> Bool {
        budget -= 1
        if budget < 0 { return false }
        switch node {
        case .scalar, .alias: return true
        case let .mapping(mapping):
            for (key, value) in mapping {
                guard countNodes(key, budget: &budget), countNodes(value, budget: &budget) else { return false }
            }
            return true
        case let .sequence(sequence):
            for item in sequence where !countNodes(item, budget: &budget) { return false }
            return true
        }
    }

    // MARK: Scalars

    mutating func string(_ node: Node, _ key: String) -> String? {
        if case let .scalar(scalar) = node { return scalar.string }
        diagnostics.report(.invalidValue, "`\(key)` must be a single value, not a \(kind(node))", at: location(node))
        return nil
    }

    mutating func int(_ node: Node, _ key: String) -> Int? {
        guard let text = string(node, key) else { return nil }
        if let value = Int(text) { return value }
        diagnostics.report(.invalidValue, "`\(key)` must be a whole number, not \"\(text)\"", at: location(node), value: text)
        return nil
    }

    mutating func bool(_ node: Node, _ key: String) -> Bool? {
        guard let text = string(node, key) else { return nil }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            diagnostics.report(.invalidValue, "`\(key)` must be true or false, not \"\(text)\"", at: location(node), value: text)
            return nil
        }
    }

    mutating func byte(_ node: Node, _ key: String) -> UInt8? {
        guard let text = string(node, key) else { return nil }
        let bytes = Array(text.utf8)
        if bytes.count == 1, bytes[0] < 0x80 { return bytes[0] }
        diagnostics.report(.invalidValue, "`\(key)` must be one ASCII character, not \"\(text)\"", at: location(node), value: text)
        return nil
    }

    /// A list of scalars; a single scalar is accepted as a list of one when `allowSingle`.
    mutating func strings(_ node: Node, _ key: String, allowSingle: Bool = false) -> [String]? {
        switch node {
        case let .sequence(sequence):
            var values: [String] = []
            for item in sequence {
                guard let value = string(item, key) else { return nil }
                values.append(value)
            }
            return values
        case let .scalar(scalar) where allowSingle:
            return [scalar.string]
        default:
            diagnostics.report(.invalidValue, "`\(key)` must be a list, not a \(kind(node))", at: location(node))
            return nil
        }
    }

    mutating func severity(_ node: Node, _ key: String) -> Severity? {
        guard let text = string(node, key) else { return nil }
        if let severity = Severity(rawValue: text) { return severity }
        diagnostics.report(.invalidValue, "`\(key)` must be error, warning or info, not \"\(text)\"", at: location(node),
                           hint: Suggestions.closest(to: text, in: Severity.allCases.map(\.rawValue)).map { "did you mean `\($0)`?" },
                           value: text)
        return nil
    }

    func kind(_ node: Node) -> String {
        switch node {
        case .scalar: "value"
        case .mapping: "mapping"
        case .sequence: "list"
        case .alias: "alias"
        }
    }

    /// The pairs of a mapping with scalar keys, reporting unknown keys against `known`.
    mutating func pairs(_ node: Node, _ what: String, known: [String]) -> [(key: String, keyNode: Node, value: Node)]? {
        guard case let .mapping(mapping) = node else {
            diagnostics.report(.invalidValue, "\(what) must be a mapping of keys to values, not a \(kind(node))", at: location(node))
            return nil
        }
        var result: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case let .scalar(scalar) = keyNode else {
                diagnostics.report(.invalidValue, "keys in \(what) must be plain names", at: location(keyNode))
                continue
            }
            let key = scalar.string
            if !known.isEmpty, !known.contains(key) {
                let suggestion = Suggestions.closest(to: key, in: known)
                diagnostics.report(.unknownKey, "unknown key `\(key)` in \(what)", at: location(keyNode),
                                   hint: suggestion.map { "did you mean `\($0)`?" })
                continue
            }
            result.append((key, keyNode, value))
        }
        return result
    }

    // MARK: Document

    mutating func readStandard(_ root: Node) -> Standard? {
        guard let pairs = pairs(root, "the standard", known: StandardKeys.document) else { return nil }
        var standard = Standard(id: "", sourceFile: file)
        standard.location = location(root)
        var sawVersion = false, sawID = false
        for (key, keyNode, value) in pairs {
            switch key {
            case "conform":
                sawVersion = true
                if let version = int(value, key) {
                    standard.formatVersion = version
                    if version != 1 {
                        diagnostics.report(.unsupportedVersion, "format version \(version) is not supported; this conform reads version 1",
                                           at: location(value))
                    }
                }
            case "id":
                sawID = true
                standard.id = string(value, key) ?? ""
            case "version": standard.version = string(value, key)
            case "title": standard.title = string(value, key)
            case "publisher": standard.publisher = string(value, key)
            case "licence": standard.licence = string(value, key)
            case "description": standard.description = string(value, key)
            case "uses":
                standard.uses = strings(value, key, allowSingle: true) ?? []
                standard.usesLocations = usesLocations(value)
            case "dialect": standard.dialect = readDialect(value)
            case "missingValues": standard.missingValues = strings(value, key, allowSingle: true) ?? [""]
            case "types": standard.types = readTypes(value)
            case "codelists": standard.codelists = readCodelists(value)
            case "fields":
                standard.fields = readFields(value)
            case "keys": standard.keys = readKeys(value)
            case "columns":
                standard.columnsLocation = location(keyNode)
                if let text = string(value, key) {
                    if let policy = ColumnPolicy(rawValue: text) {
                        standard.columns = policy
                    } else {
                        diagnostics.report(.invalidValue, "`columns` must be exact, any-order or subset, not \"\(text)\"",
                                           at: location(value),
                                           hint: Suggestions.closest(to: text, in: ColumnPolicy.allCases.map(\.rawValue)).map { "did you mean `\($0)`?" },
                                           value: text)
                    }
                }
            case "rules": standard.rules = readRules(value)
            case "tables": standard.tables = readTables(value)
            default: break
            }
        }
        let start = location(root)
        if !standard.tables.isEmpty, !standard.fields.isEmpty {
            diagnostics.report(.invalidValue, "a package (`tables`) has no `fields` of its own: give each table its standard",
                               at: start)
        }
        if !sawVersion { diagnostics.report(.missingKey, "missing `conform: 1` (the format version)", at: start) }
        if !sawID { diagnostics.report(.missingKey, "missing `id`", at: start) }
        return standard
    }

    func usesLocations(_ node: Node) -> [SourceLocation] {
        switch node {
        case let .sequence(sequence): sequence.map(location)
        default: [location(node)]
        }
    }

    mutating func readDialect(_ node: Node) -> Dialect? {
        guard let pairs = pairs(node, "`dialect`", known: StandardKeys.dialect) else { return nil }
        var dialect = Dialect()
        for (key, _, value) in pairs {
            switch key {
            case "delimiter":
                if let text = string(value, key) {
                    if text == "\\t" { dialect.delimiter = 0x09 } else { dialect.delimiter = byte(value, key) }
                }
            case "quoteChar": dialect.quoteChar = byte(value, key)
            case "doubleQuote": dialect.doubleQuote = bool(value, key)
            case "escapeChar": dialect.escapeChar = byte(value, key)
            case "header": dialect.header = bool(value, key)
            case "headerRows": dialect.headerRows = int(value, key)
            case "encoding":
                if let text = string(value, key) {
                    if StandardKeys.encodings.contains(text.lowercased()) {
                        dialect.encoding = text.lowercased()
                    } else {
                        diagnostics.report(.invalidValue, "unsupported encoding \"\(text)\"; use one of \(StandardKeys.encodings.joined(separator: ", "))",
                                           at: location(value), value: text)
                    }
                }
            case "lineTerminator": dialect.lineTerminator = string(value, key)
            case "skipRows": dialect.skipRows = int(value, key)
            case "skipColumns": dialect.skipColumns = int(value, key)
            case "commentPrefix": dialect.commentPrefix = string(value, key)
            case "skipBlankRows": dialect.skipBlankRows = bool(value, key)
            case "trim":
                if let text = string(value, key) {
                    if let trim = CellTrim(rawValue: text.lowercased()) {
                        dialect.trim = trim
                    } else {
                        diagnostics.report(.invalidValue, "`trim` must be true, false, start or end, not \"\(text)\"", at: location(value), value: text)
                    }
                }
            case "records":
                if let text = string(value, key) {
                    if JSONPointer(text) == nil {
                        diagnostics.report(.invalidValue, "`records` must be a JSON Pointer such as /grants, not \"\(text)\"",
                                           at: location(value), value: text)
                    } else {
                        dialect.records = Located(text, at: location(value))
                    }
                }
            default: break
            }
        }
        return dialect
    }

    /// Reads a constraint key into `constraints`. Returns false when `key` is not a constraint.
    mutating func readConstraint(_ key: String, _ keyNode: Node, _ value: Node, into constraints: inout Constraints) -> Bool {
        let at = location(keyNode)
        switch key {
        case "pattern": constraints.pattern = string(value, key).map { Located($0, at: at) }
        case "enum": constraints.enumValues = strings(value, key).map { Located($0, at: at) }
        case "codelist": constraints.codelist = string(value, key).map { Located($0, at: at) }
        case "minLength": constraints.minLength = int(value, key).map { Located($0, at: at) }
        case "maxLength": constraints.maxLength = int(value, key).map { Located($0, at: at) }
        case "minimum": constraints.minimum = string(value, key).map { Located($0, at: at) }
        case "maximum": constraints.maximum = string(value, key).map { Located($0, at: at) }
        case "exclusiveMinimum": constraints.exclusiveMinimum = string(value, key).map { Located($0, at: at) }
        case "exclusiveMaximum": constraints.exclusiveMaximum = string(value, key).map { Located($0, at: at) }
        case "format": constraints.format = string(value, key).map { Located($0, at: at) }
        case "decimalChar": constraints.decimalChar = string(value, key).map { Located($0, at: at) }
        case "groupChar": constraints.groupChar = string(value, key).map { Located($0, at: at) }
        case "trueValues": constraints.trueValues = strings(value, key).map { Located($0, at: at) }
        case "falseValues": constraints.falseValues = strings(value, key).map { Located($0, at: at) }
        case "numberFormat": constraints.numberFormat = string(value, key).map { Located($0, at: at) }
        case "xsdType":
            if let text = string(value, key) {
                if XSDType(rawValue: text) != nil {
                    constraints.xsdType = Located(text, at: at)
                } else {
                    diagnostics.report(.invalidValue, "unknown XML Schema datatype \"\(text)\"", at: location(value),
                                       hint: Suggestions.closest(to: text, in: XSDType.allCases.map(\.rawValue)).map { "did you mean `\($0)`?" },
                                       value: text)
                }
            }
        case "checksum":
            if let text = string(value, key) {
                if let algorithm = ChecksumAlgorithm(rawValue: text) {
                    constraints.checksum = Located(algorithm, at: at)
                } else {
                    diagnostics.report(.invalidValue, "unknown checksum \"\(text)\"; known: \(ChecksumAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))",
                                       at: location(value),
                                       hint: Suggestions.closest(to: text, in: ChecksumAlgorithm.allCases.map(\.rawValue)).map { "did you mean `\($0)`?" },
                                       value: text)
                }
            }
        default: return false
        }
        return true
    }

    mutating func readTypes(_ node: Node) -> [NamedType] {
        guard let entries = pairs(node, "`types`", known: []) else { return [] }
        var types: [NamedType] = []
        for (name, keyNode, value) in entries {
            guard let pairs = pairs(value, "type `\(name)`", known: StandardKeys.type) else { continue }
            var type = NamedType(name: name, base: Located("string", at: location(keyNode)), description: nil,
                                 constraints: Constraints(), definedIn: file, location: location(keyNode))
            var sawBase = false
            for (key, keyNode, value) in pairs {
                if readConstraint(key, keyNode, value, into: &type.constraints) { continue }
                switch key {
                case "type":
                    if let base = string(value, key) {
                        type.base = Located(base, at: location(value))
                        sawBase = true
                    }
                case "description": type.description = string(value, key)
                default: break
                }
            }
            if !sawBase {
                diagnostics.report(.missingKey, "type `\(name)` needs `type:` (the type it builds on)", at: location(keyNode))
            }
            types.append(type)
        }
        return types
    }

    mutating func readCodelists(_ node: Node) -> [Codelist] {
        guard let entries = pairs(node, "`codelists`", known: []) else { return [] }
        var lists: [Codelist] = []
        for (name, keyNode, value) in entries {
            var list = Codelist(name: name, description: nil, values: [], labels: [:], file: nil, column: nil,
                                definedIn: file, location: location(keyNode))
            // A bare list is accepted as shorthand for `values:`.
            if case .sequence = value {
                list.values = strings(value, name) ?? []
                lists.append(list)
                continue
            }
            guard let pairs = pairs(value, "code list `\(name)`", known: StandardKeys.codelist) else { continue }
            var sawValues = false
            for (key, _, value) in pairs {
                switch key {
                case "description": list.description = string(value, key)
                case "values":
                    sawValues = true
                    switch value {
                    case .sequence:
                        list.values = strings(value, key) ?? []
                    case let .mapping(mapping):
                        for (code, label) in mapping {
                            guard let code = string(code, key) else { continue }
                            list.values.append(code)
                            if let label = string(label, key) { list.labels[code] = label }
                        }
                    default:
                        diagnostics.report(.invalidValue, "`values` must be a list or a mapping of code to label", at: location(value))
                    }
                case "file":
                    sawValues = true
                    list.file = string(value, key)
                case "column": list.column = string(value, key)
                case "labelColumn": list.labelColumn = string(value, key)
                default: break
                }
            }
            if !sawValues {
                diagnostics.report(.missingKey, "code list `\(name)` needs `values:` or `file:`", at: location(keyNode))
            }
            lists.append(list)
        }
        return lists
    }

    mutating func readFields(_ node: Node) -> [Field] {
        guard case let .sequence(sequence) = node else {
            diagnostics.report(.invalidValue, "`fields` must be a list of fields", at: location(node))
            return []
        }
        var fields: [Field] = []
        for item in sequence {
            guard let pairs = pairs(item, "a field", known: StandardKeys.field) else { continue }
            var field = Field(name: "", type: Located("string", at: location(item)), constraints: Constraints(),
                              severity: .error, aliases: [], location: location(item))
            var sawName = false
            for (key, keyNode, value) in pairs {
                if readConstraint(key, keyNode, value, into: &field.constraints) { continue }
                let at = location(keyNode)
                switch key {
                case "name":
                    if let name = string(value, key) {
                        field.name = name
                        sawName = true
                    }
                case "title": field.title = string(value, key)
                case "description": field.description = string(value, key)
                case "type": field.type = string(value, key).map { Located($0, at: location(value)) } ?? field.type
                case "required": field.required = bool(value, key).map { Located($0, at: at) }
                case "unique": field.unique = bool(value, key).map { Located($0, at: at) }
                case "severity": field.severity = severity(value, key) ?? .error
                case "aliases": field.aliases = strings(value, key, allowSingle: true) ?? []
                case "concept": field.concept = string(value, key)
                case "unit": field.unit = string(value, key)
                case "example": field.example = string(value, key)
                case "path":
                    if let text = string(value, key) {
                        if JSONPointer(text) == nil || text.isEmpty {
                            diagnostics.report(.invalidValue, "`path` must be a JSON Pointer such as /recipientOrganization/0/name, not \"\(text)\"",
                                               at: location(value), value: text)
                        } else {
                            field.path = Located(text, at: location(value))
                        }
                    }
                case "coerce": field.coerce = bool(value, key) ?? false
                case "items": field.items = readItems(value, field: field.name)
                case "minItems": field.minItems = int(value, key).map { Located($0, at: at) }
                case "maxItems": field.maxItems = int(value, key).map { Located($0, at: at) }
                case "missingValues": field.missingValues = strings(value, key, allowSingle: true)
                case "default": field.defaultValue = string(value, key).map { Located($0, at: at) }
                case "separator": field.separator = string(value, key).map { Located($0, at: at) }
                default: break
                }
            }
            if !sawName {
                diagnostics.report(.missingKey, "a field needs `name:`", at: location(item))
                continue
            }
            fields.append(field)
        }
        return fields
    }

    /// Reads `items:` of an array field: `type` and constraints.
    mutating func readItems(_ node: Node, field: String) -> Items? {
        guard let pairs = pairs(node, "`items` of field \(field)", known: StandardKeys.items) else { return nil }
        var items = Items(type: Located("string", at: location(node)), constraints: Constraints(), location: location(node))
        for (key, keyNode, value) in pairs {
            if readConstraint(key, keyNode, value, into: &items.constraints) { continue }
            if key == "type", let type = string(value, key) { items.type = Located(type, at: location(value)) }
        }
        return items
    }

    mutating func readKeys(_ node: Node) -> Keys {
        var keys = Keys()
        guard let pairs = pairs(node, "`keys`", known: StandardKeys.keys) else { return keys }
        for (key, keyNode, value) in pairs {
            switch key {
            case "primary":
                keys.primary = strings(value, key, allowSingle: true).map { Located($0, at: location(keyNode)) }
            case "unique":
                guard case let .sequence(sets) = value else {
                    diagnostics.report(.invalidValue, "`unique` must be a list of field lists, e.g. [[A, B]]", at: location(value))
                    continue
                }
                for set in sets {
                    if let names = strings(set, key, allowSingle: true) {
                        keys.unique.append(Located(names, at: location(set)))
                    }
                }
            case "foreign":
                guard case let .sequence(items) = value else {
                    diagnostics.report(.invalidValue, "`foreign` must be a list of foreign keys, each with `fields` and `references`",
                                       at: location(value))
                    continue
                }
                for item in items {
                    if let foreign = readForeignKey(item) { keys.foreign.append(foreign) }
                }
            default: break
            }
        }
        return keys
    }

    /// A package's `tables`: each with `name`, `standard` and an optional data `path`.
    mutating func readTables(_ node: Node) -> [TableReference] {
        guard case let .sequence(items) = node else {
            diagnostics.report(.invalidValue, "`tables` must be a list of tables, each with `name` and `standard`", at: location(node))
            return []
        }
        var tables: [TableReference] = []
        var names = Set<String>()
        for item in items {
            guard let pairs = pairs(item, "a table", known: StandardKeys.table) else { continue }
            var name: String?, path: String?, standard: String?
            for (key, _, value) in pairs {
                switch key {
                case "name": name = string(value, key)
                case "path": path = string(value, key)
                case "standard": standard = string(value, key)
                default: break
                }
            }
            guard let name, let standard else {
                diagnostics.report(.missingKey, "a table needs `name` and `standard`", at: location(item))
                continue
            }
            if !names.insert(name).inserted {
                diagnostics.report(.duplicateName, "two tables are named `\(name)`", at: location(item))
            }
            tables.append(TableReference(name: name, path: path, standard: standard, location: location(item)))
        }
        return tables
    }

    /// `{fields: [a], references: {table: t, fields: [b]}}`; `table` omitted: this table.
    mutating func readForeignKey(_ node: Node) -> ForeignKey? {
        guard let pairs = pairs(node, "a foreign key", known: StandardKeys.foreignKey) else { return nil }
        var fields: Located<[String]>?, table: String?, referenced: [String]?
        var referencesNode: Node?
        var checksMissingMarkers = false
        for (key, keyNode, value) in pairs {
            switch key {
            case "fields": fields = strings(value, key, allowSingle: true).map { Located($0, at: location(keyNode)) }
            case "checkMissingMarkers": checksMissingMarkers = bool(value, key) ?? false
            case "references":
                referencesNode = value
                guard let inner = self.pairs(value, "`references`", known: StandardKeys.reference) else { continue }
                for (innerKey, _, innerValue) in inner {
                    switch innerKey {
                    case "table": table = string(innerValue, innerKey)
                    case "fields": referenced = strings(innerValue, innerKey, allowSingle: true)
                    default: break
                    }
                }
            default: break
            }
        }
        guard let fields else {
            diagnostics.report(.missingKey, "a foreign key needs `fields`", at: location(node))
            return nil
        }
        guard let referenced else {
            diagnostics.report(.missingKey, "a foreign key needs `references` with `fields`", at: location(referencesNode ?? node))
            return nil
        }
        guard referenced.count == fields.value.count else {
            diagnostics.report(.invalidValue, "a foreign key of \(fields.value.count) field(s) references \(referenced.count)",
                               at: location(referencesNode ?? node))
            return nil
        }
        return ForeignKey(fields: fields, table: table, referencedFields: referenced, checksMissingMarkers: checksMissingMarkers)
    }

    mutating func readRules(_ node: Node) -> [RowRule] {
        guard case let .sequence(sequence) = node else {
            diagnostics.report(.invalidValue, "`rules` must be a list of rules", at: location(node))
            return []
        }
        var rules: [RowRule] = []
        for item in sequence {
            guard let pairs = pairs(item, "a rule", known: StandardKeys.rule) else { continue }
            var id: String?
            var assertion: Located<String>?
            var rule = RowRule(id: "", assert: Located("", at: location(item)), when: nil, severity: .error,
                               message: nil, location: location(item))
            for (key, _, value) in pairs {
                switch key {
                case "id": id = string(value, key)
                case "assert": assertion = string(value, key).map { Located($0, at: location(value)) }
                case "when": rule.when = string(value, key).map { Located($0, at: location(value)) }
                case "severity": rule.severity = severity(value, key) ?? .error
                case "message": rule.message = string(value, key)
                default: break
                }
            }
            guard let assertion else {
                diagnostics.report(.missingKey, "a rule needs `assert:`", at: location(item))
                continue
            }
            rule.assert = assertion
            rule.id = id ?? "rule-\(rules.count + 1)"
            if id == nil {
                diagnostics.report(.missingKey, "a rule should have an `id`; using \(rule.id)", at: location(item), severity: .warning)
            }
            rules.append(rule)
        }
        return rules
    }
}
