import Foundation

extension Conform {
    /// A package (`tables:` in conform's format, or a Data Package) with each table's standard loaded.
    public struct LoadedPackage: Sendable {
        /// The package document itself.
        public var package: LoadedStandard
        /// Its tables, in the order written.
        public var tables: [Table]

        /// One table of a package.
        public struct Table: Sendable {
            /// The name foreign keys use for it.
            public var name: String
            /// Its data file's path relative to the data folder, if the package gives one.
            public var path: String?
            public var standard: LoadedStandard
        }

        public var id: String { package.id }

        /// The table named `name`.
        public func table(_ name: String) -> Table? { tables.first { $0.name == name } }
    }

    /// True when `path` describes several tables and where their data is: a Frictionless Data
    /// Package (`resources`) or a CSVW table group (`tables`), so that it can be validated as
    /// it is (`conform validate datapackage.json`).
    public static func isDataPackage(_ path: String) -> Bool {
        guard path.hasSuffix(".json"), let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8), text.contains("\"resources\"") || text.contains("\"tables\""),
              case let .success((root, _)) = TolerantJSONParser.parse(text, file: path) else { return false }
        return (root["resources"]?.elements?.count ?? 0) > 0 || (root["tables"]?.elements?.count ?? 0) > 1
    }

    /// True when `standard` is a package of tables rather than one table.
    public static func isPackage(_ standard: LoadedStandard) -> Bool { !standard.resolved.standard.tables.isEmpty }

    /// Loads every table's standard of a package and checks that its foreign keys name tables and
    /// fields that exist. Table standards are found relative to the package file, or by id.
    public static func loadPackage(_ package: LoadedStandard, searchPaths: [String],
                                   options: StandardLoadOptions = .default) throws(StandardError) -> LoadedPackage {
        if !package.tables.isEmpty { return LoadedPackage(package: package, tables: package.tables) }
        let (loaded, findings) = assemblePackage(package, searchPaths: searchPaths, options: options)
        if findings.contains(where: { $0.severity == .error }) {
            throw .unusable(LintReport(tool: "conform \(version)", files: [package.resolved.standard.sourceFile], findings: findings))
        }
        return loaded
    }

    /// The package's tables that load, and every finding about the tables and the references
    /// between them (for `loadPackage` and `lint`).
    static func assemblePackage(_ package: LoadedStandard, searchPaths: [String],
                                options: StandardLoadOptions = .default) -> (LoadedPackage, [Finding]) {
        let standard = package.resolved.standard
        let resolver = StandardResolver(searchPaths: searchPaths, options: options)
        var diagnostics = Diagnostics()
        var tables: [LoadedPackage.Table] = []
        var tableFindings: [Finding] = []
        for table in standard.tables {
            guard let path = resolver.locate(table.standard, relativeTo: standard.sourceFile),
                  let resolved = resolver.resolve(path) else {
                diagnostics.report(.usesNotFound, "table \(table.name): cannot find its standard `\(table.standard)`", at: table.location)
                continue
            }
            tableFindings += resolved.findings
            if resolved.isUsable {
                tables.append(LoadedPackage.Table(name: table.name, path: table.path, standard: LoadedStandard(resolved: resolved)))
            }
        }
        // Foreign keys name tables of the package, and fields those tables have.
        for table in tables {
            for foreign in table.standard.resolved.standard.keys.foreign {
                guard let name = foreign.table else { continue }
                guard let target = tables.first(where: { $0.name == name }) else {
                    diagnostics.report(.unknownField, "a foreign key of table \(table.name) references the table `\(name)`, which the package does not have",
                                       at: foreign.fields.location,
                                       hint: Suggestions.closest(to: name, in: tables.map(\.name)).map { "did you mean `\($0)`?" })
                    continue
                }
                let names = target.standard.resolved.standard.fields.map(\.name)
                for field in foreign.referencedFields where !names.contains(field) {
                    diagnostics.report(.unknownField, "a foreign key of table \(table.name) references \(name).\(field), which table \(name) does not have",
                                       at: foreign.fields.location,
                                       hint: Suggestions.closest(to: field, in: names).map { "did you mean `\($0)`?" })
                }
            }
        }
        var seen = Set<Finding>()
        let findings = (tableFindings + diagnostics.findings).filter { seen.insert($0).inserted }
        return (LoadedPackage(package: package, tables: tables), findings)
    }

    /// Which file holds each table's data: `paths` may name the data folder (each table's `path`
    /// in it), a Data Package (its resources' paths, matched by table name), or the files
    /// themselves (matched by their name to a table's `path`, or to the table's name). Returns
    /// table name → file, and the paths that match no table.
    public static func packageData(_ package: LoadedPackage, paths: [String]) -> (files: [String: String], unmatched: [String]) {
        var files: [String: String] = [:]
        var unmatched: [String] = []
        let fileManager = FileManager.default
        let packageFile = URL(fileURLWithPath: package.package.resolved.standard.sourceFile).standardizedFileURL.path
        for path in paths {
            // The package's own file (a Data Package or a CSVW table group): its tables' paths, from its folder.
            if URL(fileURLWithPath: path).standardizedFileURL.path == packageFile {
                let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
                for table in package.tables {
                    guard let relative = table.path else { continue }
                    let candidate = relative.hasPrefix("/") ? relative : folder.appendingPathComponent(relative).path
                    if fileManager.fileExists(atPath: candidate) { files[table.name] = StandardResolver.tidy(candidate) }
                }
                continue
            }
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                for table in package.tables {
                    guard let relative = table.path, !relative.hasPrefix("/") else { continue }
                    let candidate = URL(fileURLWithPath: path).appendingPathComponent(relative).path
                    if fileManager.fileExists(atPath: candidate) { files[table.name] = StandardResolver.tidy(candidate) }
                }
                continue
            }
            if let resources = DataPackageImporter.resourcePaths(path) {
                for table in package.tables {
                    if let file = resources[table.name], fileManager.fileExists(atPath: file) { files[table.name] = file }
                }
                continue
            }
            let name = URL(fileURLWithPath: path).lastPathComponent
            let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            if let table = package.tables.first(where: { $0.path.map { URL(fileURLWithPath: $0).lastPathComponent } == name })
                ?? package.tables.first(where: { $0.name == stem }) {
                files[table.name] = path
            } else {
                unmatched.append(path)
            }
        }
        return (files, unmatched)
    }

    /// Validates a package's tables together: each file with its table's standard, and the
    /// foreign keys between tables (the referenced table's keys are collected first). `files`
    /// maps table names to data files (see `packageData`); tables without a file are skipped,
    /// and references to them are reported as not checked.
    public static func validatePackage(_ package: LoadedPackage, files: [String: String],
                                       options: ValidationOptions = ValidationOptions()) -> ValidationOutcome {
        PackageValidator(package: package, files: files, options: options).run()
    }
}
