import Foundation

/// A standard together with everything it draws on through `uses`, ready to compile or lint.
public struct ResolvedStandard: Sendable {
    /// The standard named by the user.
    public var standard: Standard
    /// Every standard reached through `uses`, depth first, without duplicates.
    public var dependencies: [Standard]
    /// Types visible to the standard's fields: its own, then those of `uses` (own definitions win).
    public var types: [String: NamedType]
    /// Code lists visible to the standard's fields, with values loaded from files.
    public var codelists: [String: Codelist]
    /// Everything found while loading and checking, errors and warnings.
    public var findings: [Finding]

    /// True when nothing at error level was found: the standard may be used to validate.
    public var isUsable: Bool { !findings.contains { $0.severity == .error } }
}

/// Finds standards by id or path and resolves their `uses`.
public struct StandardResolver: Sendable {
    /// Folders searched for `<id>.yaml`, in order.
    public var searchPaths: [String]
    /// Limits on the size of a standard file and the depth of `uses`.
    public var options: StandardLoadOptions

    public init(searchPaths: [String], options: StandardLoadOptions = .default) {
        self.searchPaths = searchPaths
        self.options = options
    }

    /// The default search path: `CONFORM_STANDARDS_PATH` (colon-separated), then the standards
    /// installed beside the executable (`<prefix>/share/conform/standards`), then the source tree's
    /// `standards/` folder this build was made from.
    public static func defaultSearchPaths(extra: [String] = [], executablePath: String? = CommandLine.arguments.first) -> [String] {
        var paths = extra
        if let env = ProcessInfo.processInfo.environment["CONFORM_STANDARDS_PATH"] {
            paths += env.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        if let executablePath {
            let executable = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
            let prefix = executable.deletingLastPathComponent().deletingLastPathComponent()
            paths.append(prefix.appendingPathComponent("share/conform/standards").path)
        }
        paths.append(sourceTreeStandards)
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }
    }

    /// `standards/` in the source tree this library was compiled from.
    static let sourceTreeStandards: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() } // Standard, ConformKit, Sources, repository
        return url.appendingPathComponent("standards").path
    }()

    /// True when `reference` is written as a path rather than an id.
    static func isPath(_ reference: String) -> Bool {
        let file = splitResource(reference).file
        return file.hasSuffix(".yaml") || file.hasSuffix(".yml") || file.hasSuffix(".json") || file.hasPrefix("/") || file.hasPrefix(".")
    }

    /// `datapackage.json#organization` → the file and the Data Package resource named after `#`.
    static func splitResource(_ reference: String) -> (file: String, resource: String?) {
        guard let hash = reference.lastIndex(of: "#"), !FileManager.default.fileExists(atPath: reference) else { return (reference, nil) }
        return (String(reference[..<hash]), String(reference[reference.index(after: hash)...]))
    }

    /// The file a reference names: a path (relative to `relativeTo`'s folder, or the working directory),
    /// or an id looked up in the search paths.
    public func locate(_ reference: String, relativeTo: String? = nil) -> String? {
        let fileManager = FileManager.default
        if StandardResolver.isPath(reference) {
            let path: String
            if reference.hasPrefix("/") || relativeTo == nil {
                path = reference
            } else {
                path = URL(fileURLWithPath: relativeTo!).deletingLastPathComponent().appendingPathComponent(reference).path
            }
            let (file, resource) = StandardResolver.splitResource(path)
            return fileManager.fileExists(atPath: file) ? StandardResolver.tidy(file) + (resource.map { "#\($0)" } ?? "") : nil
        }
        for folder in searchPaths {
            for ext in ["yaml", "yml"] {
                let path = URL(fileURLWithPath: folder).appendingPathComponent("\(reference).\(ext)").path
                if fileManager.fileExists(atPath: path) { return StandardResolver.tidy(path) }
            }
        }
        return nil
    }

    /// Makes a path relative to the working directory when it lies below it, for shorter locations.
    static func tidy(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let cwd = FileManager.default.currentDirectoryPath
        if absolute.hasPrefix(cwd + "/") { return String(absolute.dropFirst(cwd.count + 1)) }
        return absolute
    }

    /// Every standard file found in the search paths: (id, path), first found wins.
    public func shippedStandards() -> [(id: String, path: String)] {
        var found: [(String, String)] = []
        var seen = Set<String>()
        for folder in searchPaths {
            guard let enumerator = FileManager.default.enumerator(atPath: folder) else { continue }
            var local: [(String, String)] = []
            // `crosswalks/` holds mapping sets between standards, not standards.
            for case let relative as String in enumerator
            where (relative.hasSuffix(".yaml") || relative.hasSuffix(".yml")) && !relative.hasPrefix("crosswalks/") {
                let id = relative.replacingOccurrences(of: ".yaml", with: "").replacingOccurrences(of: ".yml", with: "")
                let path = URL(fileURLWithPath: folder).appendingPathComponent(relative).path
                local.append((id, StandardResolver.tidy(path)))
            }
            for entry in local.sorted(by: { $0.0 < $1.0 }) where seen.insert(entry.0).inserted {
                found.append(entry)
            }
        }
        return found
    }

    /// Loads the standard `reference` and everything it uses, and lints the result.
    public func resolve(_ reference: String) -> ResolvedStandard? {
        var diagnostics = Diagnostics()
        guard let path = locate(reference) else { return nil }
        var loaded: [String: Standard] = [:]
        var order: [String] = []
        let root = loadAll(path: path, loaded: &loaded, order: &order, diagnostics: &diagnostics)
        guard let root else {
            var empty = Standard(id: reference, sourceFile: path)
            empty.fields = []
            return ResolvedStandard(standard: empty, dependencies: [], types: [:], codelists: [:], findings: diagnostics.findings)
        }
        // `order` is depth-first pre-order: the standard itself, then each of its `uses` (with what
        // those use) in the order listed. The first definition of a name in that order wins.
        let dependencies = order.filter { $0 != path }.compactMap { loaded[$0] }
        var types: [String: NamedType] = [:]
        var codelists: [String: Codelist] = [:]
        for standard in [root] + dependencies {
            for type in standard.types where types[type.name] == nil { types[type.name] = type }
            for list in standard.codelists where codelists[list.name] == nil { codelists[list.name] = list }
        }
        for (name, list) in codelists where list.file != nil {
            codelists[name] = CodelistFileLoader.load(list, diagnostics: &diagnostics)
        }
        var resolved = ResolvedStandard(standard: root, dependencies: dependencies, types: types, codelists: codelists,
                                        findings: diagnostics.findings)
        resolved.findings += Linter.check(resolved)
        resolved.findings = Self.deduplicated(resolved.findings)
        return resolved
    }

    private static func deduplicated(_ findings: [Finding]) -> [Finding] {
        var seen = Set<Finding>()
        return findings.filter { seen.insert($0).inserted }
    }

    /// A standard being read, and the next of its `uses` to follow.
    private struct Frame {
        var path: String
        var standard: Standard
        var next = 0
    }

    /// Reads the standard at `path` and, depth first, everything it uses, into `loaded` (by path)
    /// and `order` (pre-order). Iterative, so that no chain of `uses` can exhaust the stack; a
    /// chain deeper than `options.maxUsesDepth` is cut where it goes too deep.
    private func loadAll(path: String, loaded: inout [String: Standard], order: inout [String],
                         diagnostics: inout Diagnostics) -> Standard? {
        guard let root = read(path: path, diagnostics: &diagnostics) else { return nil }
        loaded[path] = root
        order.append(path)
        var stack = [Frame(path: path, standard: root)]
        var onChain: Set<String> = [path]
        while let frame = stack.last {
            guard frame.next < frame.standard.uses.count else {
                onChain.remove(frame.path)
                stack.removeLast()
                continue
            }
            let index = frame.next
            stack[stack.count - 1].next += 1
            let reference = frame.standard.uses[index]
            let at = index < frame.standard.usesLocations.count ? frame.standard.usesLocations[index] : frame.standard.location
            guard let usedPath = locate(reference, relativeTo: frame.path) else {
                let known = shippedStandards().map(\.id)
                diagnostics.report(.usesNotFound, "cannot find the standard `\(reference)` (searched \(searchPaths.joined(separator: ", ")))",
                                   at: at, hint: Suggestions.closest(to: reference, in: known).map { "did you mean `\($0)`?" })
                continue
            }
            if onChain.contains(usedPath) {
                let cycle = (stack.map(\.path) + [usedPath]).map(Self.fileName)
                diagnostics.report(.usesCycle, "`uses` forms a cycle: \(cycle.joined(separator: " → "))", at: at)
                continue
            }
            if loaded[usedPath] != nil { continue }
            // `stack.count` standards lead here: the one named is at depth 0, so this one is at depth `stack.count`.
            if stack.count > options.maxUsesDepth {
                let chain = (stack.map(\.path) + [usedPath]).map(Self.fileName)
                let shown = chain.count <= 6 ? chain : Array(chain.prefix(2)) + ["…"] + Array(chain.suffix(3))
                diagnostics.report(.invalidValue,
                                   "`uses` goes deeper than \(options.maxUsesDepth) levels (\(shown.joined(separator: " → "))); \(chain.last!) is not read",
                                   at: at, value: reference)
                continue
            }
            guard let used = read(path: usedPath, diagnostics: &diagnostics) else { continue }
            loaded[usedPath] = used
            order.append(usedPath)
            onChain.insert(usedPath)
            stack.append(Frame(path: usedPath, standard: used))
        }
        return root
    }

    private static func fileName(_ path: String) -> String {
        URL(fileURLWithPath: path).lastPathComponent
    }

    /// Reads and parses one standard file (`path` may name a Data Package resource after `#`).
    /// A file larger than `options.maxStandardSize` is refused before it is read.
    private func read(path: String, diagnostics: inout Diagnostics) -> Standard? {
        let text: String
        let (file, resource) = Self.splitResource(path)
        let start = SourceLocation(file: file, line: 1, column: 1)
        if let size = FileByteSource.regularFileSize(file), size > options.maxStandardSize {
            diagnostics.report(.invalidValue,
                               "the file is \(describeBytes(size)), over the \(describeBytes(options.maxStandardSize)) limit for a standard; refused",
                               at: start)
            return nil
        }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            guard let decoded = StandardImporter.decode(data, file: file, diagnostics: &diagnostics) else { return nil }
            text = decoded
        } catch {
            // The system's reason in its usual words, as for data files.
            let reason: String
            switch (error as? CocoaError)?.code {
            case .fileReadNoPermission?: reason = "permission denied"
            case .fileReadNoSuchFile?: reason = "no such file"
            default: reason = error.localizedDescription
            }
            diagnostics.report(.yamlSyntax, "cannot read the file: \(reason)", at: start)
            return nil
        }
        return StandardImporter.parse(text: text, file: file, resource: resource, diagnostics: &diagnostics)
    }
}
