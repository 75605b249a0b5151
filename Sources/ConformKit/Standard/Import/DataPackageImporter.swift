import Foundation

/// A Frictionless Data Package (`datapackage.json`): one of its resources, named after `#`
/// (`hsds/datapackage.json#organization`), or its only one, becomes a standard from the
/// resource's Table Schema (inline, or a path beside the package) and CSV dialect.
enum DataPackageImporter {
    static func standard(_ package: SourceNode, file: String, resource name: String?, diagnostics: inout Diagnostics) -> Standard? {
        let resources = package["resources"]?.elements ?? []
        let names = resources.compactMap { $0["name"]?.string }
        let chosen: SourceNode
        if let name {
            guard let found = resources.first(where: { $0["name"]?.string == name }) else {
                diagnostics.report(.invalidValue, "the Data Package has no resource named \"\(name)\" (it has: \(names.joined(separator: ", ")))",
                                   at: package["resources"]?.location ?? package.location,
                                   hint: Suggestions.closest(to: name, in: names).map { "did you mean `\($0)`?" })
                return nil
            }
            chosen = found
        } else if resources.count == 1 {
            chosen = resources[0]
        } else {
            return packageStandard(package, file: file, resources: resources, diagnostics: &diagnostics)
        }
        // The schema: inline, or a relative path to a Table Schema file.
        var schemaNode: SourceNode
        var schemaFile = file
        switch chosen["schema"]?.value {
        case .object?:
            schemaNode = chosen["schema"]!
        case let .string(path)?:
            if path.contains("://") {
                diagnostics.report(.invalidValue, "the resource's schema is at a URL (\(path)); conform reads no network: download it beside the package",
                                   at: chosen["schema"]!.location)
                return nil
            }
            schemaFile = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(path).path
            guard let data = FileManager.default.contents(atPath: schemaFile),
                  let text = StandardImporter.decode(data, file: schemaFile, diagnostics: &diagnostics) else {
                diagnostics.report(.invalidValue, "cannot read the resource's schema \(path)", at: chosen["schema"]!.location)
                return nil
            }
            switch TolerantJSONParser.parse(text, file: schemaFile) {
            case let .success((node, tolerances)):
                schemaNode = node
                for tolerance in tolerances { diagnostics.report(.importTolerance, tolerance.message, at: tolerance.location) }
            case let .failure(failure):
                for tolerance in failure.tolerances { diagnostics.report(.importTolerance, tolerance.message, at: tolerance.location) }
                diagnostics.report(.yamlSyntax, "not valid JSON: \(failure.message)", at: failure.location)
                return nil
            }
        default:
            diagnostics.report(.missingKey, "the resource has no `schema`", at: chosen.location)
            return nil
        }
        let resourceName = chosen["name"]?.string ?? "resource"
        let packageName = package["name"]?.string ?? StandardImporter.id(for: SourceNode(value: .object([]), location: package.location), file: file)
        var standard = Standard(id: "\(packageName)/\(resourceName)", sourceFile: schemaFile)
        standard.location = schemaNode.location
        standard.title = chosen["title"]?.string ?? package["title"]?.string
        standard.description = chosen["description"]?.string
        standard.version = package["version"]?.text
        if let licences = package["licenses"]?.elements, let first = licences.first {
            standard.licence = first["name"]?.string ?? first["path"]?.string
        }
        var importer = TableSchemaImporter(file: schemaFile)
        importer.read(schemaNode, into: &standard)
        diagnostics.append(contentsOf: importer.diagnostics)
        if let dialect = chosen["dialect"] { standard.dialect = readDialect(dialect, encoding: chosen["encoding"], diagnostics: &diagnostics) }
        else if let encoding = chosen["encoding"]?.string { standard.dialect = Dialect(encoding: encoding.lowercased()) }
        return standard
    }

    /// The whole package as a package standard: one table per resource, each table's standard
    /// being that resource (`datapackage.json#name`), its data the resource's `path`.
    static func packageStandard(_ package: SourceNode, file: String, resources: [SourceNode], diagnostics: inout Diagnostics) -> Standard? {
        let name = package["name"]?.string ?? StandardImporter.id(for: SourceNode(value: .object([]), location: package.location), file: file)
        var standard = Standard(id: name, sourceFile: file)
        standard.location = package.location
        standard.title = package["title"]?.string
        standard.description = package["description"]?.string
        standard.version = package["version"]?.text
        if let licence = package["license"] ?? package["licenses"]?.elements?.first {
            standard.licence = licence["type"]?.string ?? licence["name"]?.string ?? licence["path"]?.string
        }
        let fileName = URL(fileURLWithPath: file).lastPathComponent
        for resource in resources {
            guard let resourceName = resource["name"]?.string else {
                diagnostics.report(.missingKey, "a resource has no `name`", at: resource.location)
                continue
            }
            standard.tables.append(TableReference(name: resourceName, path: dataPath(resource), standard: "./\(fileName)#\(resourceName)",
                                                  location: resource.location))
        }
        if standard.tables.isEmpty {
            diagnostics.report(.missingKey, "the Data Package has no resources", at: package.location)
            return nil
        }
        return standard
    }

    /// A resource's data path (the first, when `path` is a list), when it is a local file.
    static func dataPath(_ resource: SourceNode) -> String? {
        let path = resource["path"]?.string ?? resource["path"]?.elements?.first?.string
        guard let path, !path.contains("://") else { return nil }
        return path
    }

    /// For a Data Package file: each resource's name → its data file (relative to the package's
    /// folder). Nil when `path` is not a Data Package.
    static func resourcePaths(_ path: String) -> [String: String]? {
        guard path.hasSuffix(".json"), let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8), text.contains("\"resources\""),
              case let .success((root, _)) = TolerantJSONParser.parse(text, file: path),
              let resources = root["resources"]?.elements else { return nil }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        var paths: [String: String] = [:]
        for resource in resources {
            guard let name = resource["name"]?.string, let relative = dataPath(resource) else { continue }
            paths[name] = StandardResolver.tidy(folder.appendingPathComponent(relative).path)
        }
        return paths
    }

    /// A CSV Dialect (Frictionless) → conform's dialect.
    static func readDialect(_ node: SourceNode, encoding: SourceNode?, diagnostics: inout Diagnostics) -> Dialect {
        var dialect = Dialect()
        func byte(_ key: String) -> UInt8? {
            guard let text = node[key]?.string else { return nil }
            guard text.utf8.count == 1 else {
                diagnostics.report(.importNotExpressed, "`\(key)` \"\(text)\" is not one byte; left out", at: node[key]!.location)
                return nil
            }
            return text.utf8.first
        }
        dialect.delimiter = byte("delimiter")
        dialect.quoteChar = byte("quoteChar")
        dialect.escapeChar = byte("escapeChar")
        if case let .bool(flag)? = node["doubleQuote"]?.value { dialect.doubleQuote = flag }
        if case let .bool(flag)? = node["header"]?.value { dialect.header = flag }
        dialect.lineTerminator = node["lineTerminator"]?.string
        dialect.encoding = encoding?.string?.lowercased()
        for key in ["skipInitialSpace", "commentChar", "caseSensitiveHeader", "nullSequence", "headerJoin", "commentRows"] {
            if let value = node[key] { diagnostics.report(.importNotExpressed, "the dialect's `\(key)` is not read; left out", at: value.location) }
        }
        return dialect
    }
}
