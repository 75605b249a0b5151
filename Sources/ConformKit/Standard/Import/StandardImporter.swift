import Foundation
import Yams

/// Reads a standard file of any format conform accepts, told apart by content: conform's own
/// YAML format, a Frictionless Table Schema (JSON or YAML) or a Data Package (a resource's
/// schema, named `datapackage.json#resource`). Imported formats become a `Standard` whose
/// locations point into the publisher's file.
enum StandardImporter {
    /// What a standard file is.
    enum Kind: String, Sendable {
        case conform
        case tableSchema = "table-schema"
        case dataPackage = "data-package"
        case csvw
        case jsonSchema = "json-schema"
    }

    /// The text of a standard file: UTF-8 (a byte-order mark allowed) or, reported as a
    /// tolerance, UTF-16 (with a byte-order mark, or without one when every other byte of the
    /// start is NUL, as some published schemas are). Nil, with the problem reported, otherwise.
    static func decode(_ data: Data, file: String, diagnostics: inout Diagnostics) -> String? {
        let start = SourceLocation(file: file, line: 1, column: 1)
        var encoding: String.Encoding?
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            encoding = .utf16
        } else if data.count >= 4, data.starts(with: [0xEF, 0xBB, 0xBF]) == false {
            let head = data.prefix(64)
            let evenNUL = stride(from: 0, to: head.count - 1, by: 2).filter { head[head.startIndex + $0] == 0 }.count
            let oddNUL = stride(from: 1, to: head.count, by: 2).filter { head[head.startIndex + $0] == 0 }.count
            if oddNUL * 4 >= head.count && evenNUL == 0 { encoding = .utf16LittleEndian }
            if evenNUL * 4 >= head.count && oddNUL == 0 { encoding = .utf16BigEndian }
        }
        if let encoding {
            guard var text = String(data: data, encoding: encoding) else {
                diagnostics.report(.yamlSyntax, "the file looks like UTF-16 but does not decode as UTF-16", at: start)
                return nil
            }
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            diagnostics.report(.importTolerance, "the file is UTF-16, not UTF-8; read as UTF-16", at: start)
            return text
        }
        guard var text = String(data: data, encoding: .utf8) else {
            diagnostics.report(.yamlSyntax, "the file is not UTF-8 text", at: start)
            return nil
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }

    /// Reads `text` (the contents of `file`; `resource` is the Data Package resource named after
    /// `#` in the reference) as a standard of whatever format it is.
    static func parse(text: String, file: String, resource: String?, diagnostics: inout Diagnostics) -> Standard? {
        let trimmed = text.drop { $0.isWhitespace }
        let root: SourceNode
        if trimmed.hasPrefix("{") {
            switch TolerantJSONParser.parse(text, file: file) {
            case let .success((node, tolerances)):
                root = node
                for tolerance in tolerances { diagnostics.report(.importTolerance, tolerance.message, at: tolerance.location) }
            case let .failure(failure):
                for tolerance in failure.tolerances { diagnostics.report(.importTolerance, tolerance.message, at: tolerance.location) }
                diagnostics.report(.yamlSyntax, "not valid JSON: \(failure.message)", at: failure.location)
                return nil
            }
            if root["conform"] != nil {
                // conform's own format written as JSON: JSON is YAML when it has no tabs before keys.
                return StandardLoader.parse(text: text, file: file, diagnostics: &diagnostics)
            }
        } else {
            guard let node = StandardLoader.compose(text: text, file: file, what: "a standard needs `conform`, `id` and `fields`",
                                                    diagnostics: &diagnostics) else { return nil }
            // conform's own format unless it is plainly another: no `conform` and no `id` (which
            // Table Schemas and Data Packages do not have), and the keys of an imported format.
            let keys = node.mapping.map { Set($0.keys.compactMap(\.string)) } ?? []
            if keys.contains("conform") || keys.contains("id") || !isImport(SourceNode(yaml: node, file: file)) {
                var reader = NodeReader(file: file)
                let standard = reader.readStandard(node)
                diagnostics.append(contentsOf: reader.diagnostics)
                return standard
            }
            root = SourceNode(yaml: node, file: file)
        }
        return importStandard(root, file: file, resource: resource, diagnostics: &diagnostics)
    }

    /// What a document is, from its keys.
    static func kind(of root: SourceNode) -> Kind? {
        if root["conform"] != nil { return .conform }
        if root["resources"]?.elements != nil { return .dataPackage }
        if root["tableSchema"] != nil || root["tables"] != nil || contextNamesCSVW(root["@context"]) { return .csvw }
        if root["fields"]?.elements != nil { return .tableSchema }
        if let schema = root["$schema"]?.string, schema.contains("json-schema.org") { return .jsonSchema }
        if root["properties"]?.isObject == true || root["items"]?.isObject == true { return .jsonSchema }
        return nil
    }

    static func isImport(_ root: SourceNode) -> Bool {
        guard let kind = kind(of: root) else { return false }
        return kind != .conform
    }

    private static func contextNamesCSVW(_ node: SourceNode?) -> Bool {
        guard let node else { return false }
        if let text = node.string { return text.contains("csvw") }
        return (node.elements ?? []).contains { $0.string?.contains("csvw") ?? false }
    }

    /// The id an imported standard gets: the schema's `name`, else the file's name without its extensions.
    static func id(for root: SourceNode, file: String) -> String {
        if let name = root["name"]?.string, !name.isEmpty { return name }
        var base = URL(fileURLWithPath: file).lastPathComponent
        for suffix in [".json", ".yaml", ".yml", ".schema", "-metadata", ".csv-metadata"] where base.hasSuffix(suffix) {
            base.removeLast(suffix.count)
        }
        return base
    }

    static func importStandard(_ root: SourceNode, file: String, resource: String?, diagnostics: inout Diagnostics) -> Standard? {
        var standard = Standard(id: id(for: root, file: file), sourceFile: file)
        standard.location = root.location
        switch kind(of: root) {
        case .tableSchema?:
            var importer = TableSchemaImporter(file: file)
            importer.read(root, into: &standard)
            diagnostics.append(contentsOf: importer.diagnostics)
            return standard
        case .dataPackage?:
            return DataPackageImporter.standard(root, file: file, resource: resource, diagnostics: &diagnostics)
        case .csvw?:
            return CSVWImporter.standard(root, file: file, resource: resource, diagnostics: &diagnostics)
        case .jsonSchema?:
            var importer = JSONSchemaImporter(file: file)
            importer.read(root, fragment: resource, into: &standard)
            diagnostics.append(contentsOf: importer.diagnostics)
            return standard
        case .conform?, nil:
            diagnostics.report(.missingKey, "not a standard conform knows: conform's format needs `conform`, `id` and `fields`; "
                               + "a Table Schema needs `fields`; a Data Package needs `resources`", at: root.location)
            return nil
        }
    }
}
