import Foundation
import Synchronization

/// conform's library entry points. The `conform` executable parses arguments and calls
/// these; nothing here prints or exits.
public enum Conform {
    /// conform's version.
    public static let version = "0.1.0"

    /// A standard loaded, resolved and linted, ready to validate with.
    public struct LoadedStandard: Sendable {
        public let resolved: ResolvedStandard
        /// For a package: its tables, each with its standard loaded (empty for one table).
        public internal(set) var tables: [LoadedPackage.Table] = []
        /// Lint warnings (errors make loading fail).
        public var warnings: [Finding] { resolved.findings.filter { $0.severity != .error } }
        public var id: String { resolved.standard.id }
    }

    /// Why a standard cannot be used (exit code 2).
    public enum StandardError: Error, Sendable {
        /// No file for the id or path; `suggestion` is a near shipped id.
        case notFound(reference: String, searched: [String], suggestion: String?)
        /// The standard has errors; the findings say where.
        case unusable(LintReport)
    }

    /// The result of validating files: the report, and the files that could not be read.
    public struct ValidationOutcome: Sendable {
        public var report: ValidationReport
        /// Files that could not be read at all (exit code 3).
        public var unreadable: [InputError]
    }

    /// Loads the standard `reference` (a path or a shipped id) and lints it; `options` bound
    /// what loading may cost (file size, `uses` depth).
    public static func loadStandard(_ reference: String, searchPaths: [String],
                                    options: StandardLoadOptions = .default) throws(StandardError) -> LoadedStandard {
        let resolver = StandardResolver(searchPaths: searchPaths, options: options)
        guard let resolved = resolver.resolve(reference) else {
            let suggestion = Suggestions.closest(to: reference, in: resolver.shippedStandards().map(\.id))
            throw .notFound(reference: reference, searched: searchPaths, suggestion: suggestion)
        }
        guard resolved.isUsable else {
            throw .unusable(LintReport(tool: "conform \(version)", files: [resolved.standard.sourceFile], findings: resolved.findings))
        }
        var loaded = LoadedStandard(resolved: resolved)
        if !resolved.standard.tables.isEmpty {
            // A package: every table's standard, and the references between them, must be usable too.
            let (package, findings) = assemblePackage(loaded, searchPaths: searchPaths, options: options)
            if findings.contains(where: { $0.severity == .error }) {
                throw .unusable(LintReport(tool: "conform \(version)", files: [resolved.standard.sourceFile], findings: findings))
            }
            loaded.tables = package.tables
        }
        return loaded
    }

    /// Another agency's standard to judge the data against (`--target`), with an optional crosswalk.
    public struct Target: Sendable {
        public var standard: LoadedStandard
        public var crosswalk: Crosswalk?

        public init(standard: LoadedStandard, crosswalk: Crosswalk? = nil) {
            self.standard = standard
            self.crosswalk = crosswalk
        }
    }

    /// Validates each path (`-` is standard input) against `standard`, streaming. With `target`,
    /// each file (not standard input, which cannot be read twice) is read once more to say how its
    /// values would fare under the target standard (`FileReport.target`).
    public static func validate(paths: [String], standard: LoadedStandard, options: ValidationOptions = ValidationOptions(),
                                target: Target? = nil) -> ValidationOutcome {
        if isPackage(standard) {
            // A package: the paths are its tables' files (or their folder, or a datapackage.json).
            let package = LoadedPackage(package: standard, tables: standard.tables)
            let (data, unmatched) = packageData(package, paths: paths)
            var outcome = validatePackage(package, files: data, options: options)
            outcome.unreadable += unmatched.map {
                InputError(.readFailed, file: $0, detail: "it is no table of the package \(standard.id) (tables: \(standard.tables.map(\.name).joined(separator: ", ")))")
            }
            return outcome
        }
        var files: [FileReport] = []
        var unreadable: [InputError] = []
        guard case let .success(compiled) = CompiledStandard.compile(standard.resolved) else {
            preconditionFailure("a loaded standard always compiles")
        }
        for path in paths {
            let display = path == "-" ? "<stdin>" : path
            do throws(InputError) {
                files.append(try validateFile(path: path, display: display, standard: standard, compiled: compiled, options: options,
                                              foreignKeys: ForeignKeyWork.forSingleTable(compiled)))
                if let target, path != "-" {
                    files[files.count - 1].target = try? analyzeTarget(path: path, standard: standard, target: target, options: options)
                }
            } catch {
                unreadable.append(error)
            }
        }
        let report = ValidationReport(tool: "conform \(version)", failOn: options.failOn, files: files)
        return ValidationOutcome(report: report, unreadable: unreadable)
    }

    /// Which way(s) `compare` looks: data made under A used under B, the reverse, or both.
    public enum CompareDirection: String, Sendable, CaseIterable {
        case aToB = "a-to-b"
        case bToA = "b-to-a"
        case both
    }

    /// Compares two loaded standards: which fields match, and the interoperability gaps in the
    /// direction(s) asked for (`docs/interop.md`).
    public static func compare(_ a: LoadedStandard, _ b: LoadedStandard, direction: CompareDirection = .both,
                               failOn: Severity = .error, crosswalk: Crosswalk? = nil) -> ComparisonReport {
        let comparer = StandardComparer(a: a.resolved, b: b.resolved, crosswalk: crosswalk)
        return comparer.compare(direction: StandardComparer.Direction(rawValue: direction.rawValue) ?? .both, failOn: failOn,
                                tool: "conform \(version)")
    }

    /// Loads a crosswalk file and checks it against the two standards it maps between (either way
    /// round): unknown fields are errors (`unusable`), unknown codes warnings.
    public static func loadCrosswalk(_ path: String, between a: LoadedStandard, and b: LoadedStandard) throws(StandardError) -> Crosswalk {
        var diagnostics = Diagnostics()
        guard let crosswalk = CrosswalkLoader.load(path: path, diagnostics: &diagnostics), !diagnostics.hasErrors else {
            throw .unusable(LintReport(tool: "conform \(version)", files: [path], findings: diagnostics.findings))
        }
        let profilesA = FieldProfile.profiles(of: a.resolved), profilesB = FieldProfile.profiles(of: b.resolved)
        let names = { (source: String) in
            StandardComparer.names(source, a.resolved.standard) || StandardComparer.names(source, b.resolved.standard)
        }
        if !names(crosswalk.subjectSource) || !names(crosswalk.objectSource) {
            diagnostics.report(.invalidValue, "the crosswalk maps \(crosswalk.subjectSource) to \(crosswalk.objectSource), not \(a.id) and \(b.id)",
                               at: SourceLocation(file: path, line: 1, column: 1))
        }
        let forward = StandardComparer.names(crosswalk.subjectSource, a.resolved.standard)
            || !StandardComparer.names(crosswalk.subjectSource, b.resolved.standard)
        CrosswalkLoader.check(crosswalk, subject: forward ? profilesA : profilesB, object: forward ? profilesB : profilesA,
                              diagnostics: &diagnostics)
        if diagnostics.hasErrors {
            throw .unusable(LintReport(tool: "conform \(version)", files: [path], findings: diagnostics.findings))
        }
        var checked = crosswalk
        checked.warnings = diagnostics.findings
        return checked
    }

    /// Loads a crosswalk file on its own (for export); unusable when it has errors.
    public static func loadCrosswalk(_ path: String) throws(StandardError) -> Crosswalk {
        var diagnostics = Diagnostics()
        guard let crosswalk = CrosswalkLoader.load(path: path, diagnostics: &diagnostics), !diagnostics.hasErrors else {
            throw .unusable(LintReport(tool: "conform \(version)", files: [path], findings: diagnostics.findings))
        }
        return crosswalk
    }

    /// A crosswalk as an SSSOM mapping set in TSV (transforms, which SSSOM has no column for, in `comment`).
    public static func exportSSSOM(_ crosswalk: Crosswalk) -> String { CrosswalkWriter.sssomTSV(crosswalk) }

    /// A draft crosswalk (YAML) from what the comparison of `a` and `b` suggests, for a person to review.
    public static func suggestCrosswalk(_ report: ComparisonReport, _ a: LoadedStandard, _ b: LoadedStandard) -> String {
        CrosswalkWriter.draft(from: report, a: FieldProfile.profiles(of: a.resolved), b: FieldProfile.profiles(of: b.resolved))
    }

    /// Validates each path against several standards. A CSV file that every standard reads with
    /// the same dialect is read once, each record checked by every standard in turn; other files
    /// (JSON, differing dialects) are read once per standard. The report has one `FileReport` per
    /// file and standard, file by file, in the order of `standards`.
    public static func validate(paths: [String], standards: [LoadedStandard], options: ValidationOptions = ValidationOptions()) -> ValidationOutcome {
        guard standards.count > 1 else {
            return standards.first.map { validate(paths: paths, standard: $0, options: options) }
                ?? ValidationOutcome(report: ValidationReport(tool: "conform \(version)", failOn: options.failOn, files: []), unreadable: [])
        }
        var files: [FileReport] = []
        var unreadable: [InputError] = []
        let compiled = standards.map { standard -> CompiledStandard in
            guard case let .success(compiled) = CompiledStandard.compile(standard.resolved) else { preconditionFailure("a loaded standard always compiles") }
            return compiled
        }
        for path in paths {
            let display = path == "-" ? "<stdin>" : path
            do throws(InputError) {
                var opened = [try InputOpener.open(path: path, dialect: standards[0].resolved.standard.dialect, format: options.inputFormat)]
                if path != "-" {
                    for standard in standards.dropFirst() {
                        opened.append(try InputOpener.open(path: path, dialect: standard.resolved.standard.dialect, format: options.inputFormat))
                    }
                }
                // Standard input is opened once: it is shared only when every standard declares the same dialect.
                let sameDeclared = standards.allSatisfy { $0.resolved.standard.dialect == standards[0].resolved.standard.dialect }
                let shared = opened[0].format == .csv && (path == "-" ? sameDeclared : opened.allSatisfy {
                    $0.format == .csv && $0.dialect == opened[0].dialect && $0.encoding == opened[0].encoding
                })
                if shared {
                    files += try validateShared(opened[0], display: display, compiled: compiled, options: options)
                } else if path == "-" {
                    throw InputError(.readFailed, file: display,
                                     detail: "standard input can be read only once: several standards need CSV they all read alike, or a file")
                } else {
                    for standard in standards {
                        let outcome = validate(paths: [path], standard: standard, options: options)
                        files += outcome.report.files
                        unreadable += outcome.unreadable
                    }
                }
            } catch {
                unreadable.append(error)
            }
        }
        return ValidationOutcome(report: ValidationReport(tool: "conform \(version)", failOn: options.failOn, files: files), unreadable: unreadable)
    }

    /// Validates one file (CSV or JSON, by the options or its content) with `compiled`, and the
    /// foreign-key work given (references within the table, or a package's).
    static func validateFile(path: String, display: String, standard: LoadedStandard, compiled: CompiledStandard,
                             options: ValidationOptions, foreignKeys: ForeignKeyWork?) throws(InputError) -> FileReport {
        let dialect = standard.resolved.standard.dialect
        var opened = try InputOpener.open(path: path, dialect: dialect, format: options.inputFormat)
        let size = opened.compressed ? nil : FileByteSource.regularFileSize(path)
        if opened.format != .csv {
            let counter = options.progress.map { ProgressCounter(size: size, callback: $0) }
            let records = options.records ?? dialect?.records?.value ?? ""
            let layout: JSONLayout = opened.format == .ndjson ? .lines : .document(records: JSONPointer(records) ?? JSONPointer(segments: []))
            let reader = JSONReader(source: opened.source, layout: layout, trie: compiled.jsonTrie, fieldCount: compiled.fields.count,
                                    baseOffset: opened.bomLength,
                                    reportsUnknownMembers: standard.resolved.standard.columns != .subset,
                                    maxRecordSize: options.limits.maxRecordSize)
            let validator = FileValidator(compiled: compiled, file: display, encoding: opened.encoding, options: options,
                                          progressCounter: counter)
            validator.foreignKeyWork = foreignKeys
            return try validator.run(reader, fileSize: size)
        }
        // Foreign keys are checked in one sequential pass.
        if foreignKeys == nil, ParallelValidator.isEligible(path: path, opened: opened) {
            if let report = try ParallelValidator.validate(path: path, display: display, resolved: standard.resolved,
                                                           opened: opened, options: options) {
                return report
            }
            opened = try InputOpener.open(path: path, dialect: dialect, format: .csv)
        }
        let reader = CSVReader(source: opened.source, dialect: opened.dialect, baseOffset: opened.bomLength, limits: options.limits)
        let counter = options.progress.map { ProgressCounter(size: size, callback: $0) }
        let validator = FileValidator(compiled: compiled, file: display, encoding: opened.encoding, options: options,
                                      progressCounter: counter)
        validator.foreignKeyWork = foreignKeys
        return try validator.run(reader)
    }

    /// One pass over a CSV file for several standards: each record is checked by each in turn.
    private static func validateShared(_ opened: InputOpener.Opened, display: String, compiled: [CompiledStandard],
                                       options: ValidationOptions) throws(InputError) -> [FileReport] {
        let reader = CSVReader(source: opened.source, dialect: opened.dialect, baseOffset: opened.bomLength, limits: options.limits)
        let validators = compiled.map { FileValidator(compiled: $0, file: display, encoding: opened.encoding, options: options) }
        for validator in validators { validator.foreignKeyWork = ForeignKeyWork.forSingleTable(validator.compiled) }
        var reading = true
        if opened.dialect.header {
            if try reader.readRecord() {
                for validator in validators { validator.acceptHeader(reader) }
                for _ in 1..<max(opened.dialect.headerRows, 1) where reading { reading = try reader.readRecord() }
            } else {
                reading = false
            }
        } else {
            for validator in validators { validator.assumeNoHeader() }
        }
        while reading {
            guard try reader.readRecord() else { break }
            for validator in validators { validator.checkOneRecord(reader) }
        }
        return validators.map { validator in
            validator.finishForeignKeys()
            return validator.report(reader)
        }
    }

    /// Reads `path` (validated under `standard`) once more and judges its values under `target`.
    static func analyzeTarget(path: String, standard: LoadedStandard, target: Target, options: ValidationOptions) throws(InputError) -> TargetReport {
        var analyzer = TargetAnalyzer(a: standard.resolved, b: target.standard.resolved, crosswalk: target.crosswalk)
        let resolved = standard.resolved
        let dialect = resolved.standard.dialect
        let missing = Set(resolved.standard.missingValues)
        func value(_ bytes: UnsafeRawBufferPointer) -> String? {
            let text = String(decoding: bytes, as: UTF8.self)
            return missing.contains(text) ? nil : text
        }
        let opened = try InputOpener.open(path: path, dialect: dialect, format: options.inputFormat)
        guard case let .success(compiled) = CompiledStandard.compile(resolved) else { preconditionFailure("a loaded standard always compiles") }
        let fields = compiled.fields
        if opened.format == .csv {
            let reader = CSVReader(source: opened.source, dialect: opened.dialect, baseOffset: opened.bomLength)
            var columns = Array(fields.indices)
            if opened.dialect.header {
                guard try reader.readRecord() else { return analyzer.report(standard: target.standard.resolved.standard, crosswalk: target.crosswalk) }
                let names = (0..<reader.cells.count).map { String(decoding: reader.cell($0), as: UTF8.self) }
                columns = fields.map { field in ([field.name] + field.field.aliases).lazy.compactMap { names.firstIndex(of: $0) }.first ?? -1 }
                for _ in 1..<max(opened.dialect.headerRows, 1) { _ = try reader.readRecord() }
            }
            while try reader.readRecord() {
                // A blank row is no record (validation reports it as `blank-row`).
                if (0..<reader.cells.count).allSatisfy({ reader.cells[$0].count == 0 }) { continue }
                analyzer.beginRecord()
                for (f, column) in columns.enumerated() where column >= 0 {
                    analyzer.observe(field: f, value: column < reader.cells.count ? value(reader.cell(column)) : nil)
                }
            }
        } else {
            let records = options.records ?? dialect?.records?.value ?? ""
            let layout: JSONLayout = opened.format == .ndjson ? .lines : .document(records: JSONPointer(records) ?? JSONPointer(segments: []))
            let reader = JSONReader(source: opened.source, layout: layout, trie: compiled.jsonTrie, fieldCount: fields.count,
                                    baseOffset: opened.bomLength, reportsUnknownMembers: false)
            reading: while true {
                switch try reader.readRecord() {
                case .end: break reading
                case let .syntaxError(error): if !error.recovered { break reading }
                case .oversized: continue
                case .record:
                    guard reader.recordKind == .object else { continue }
                    analyzer.beginRecord()
                    for f in fields.indices {
                        var c = reader.firstCell(ofField: f)
                        if c < 0 { analyzer.observe(field: f, value: nil) }
                        while c >= 0 {
                            let cell = reader.cells[c]
                            if cell.item < 0 { analyzer.observe(field: f, value: cell.kind == .null ? nil : value(reader.cell(c))) }
                            c = Int(cell.next)
                        }
                    }
                }
            }
        }
        return analyzer.report(standard: target.standard.resolved.standard, crosswalk: target.crosswalk)
    }

    /// What `conform check` did: one report over every check, and the checks that matched no file.
    public struct CheckOutcome: Sendable {
        public var outcome: ValidationOutcome
        /// Indices of checks whose globs matched no file.
        public var unmatched: [Int]
    }

    /// Runs every check of a project file (`conform.yaml`); `only` restricts them to those files
    /// (paths relative to the project's folder, e.g. changed since a git revision).
    /// `progress` is the options every check starts from (its own settings are applied on top);
    /// `standardOptions` bound what loading its standards may cost.
    public static func check(_ config: ProjectConfig, only: Set<String>? = nil, progress: ValidationOptions? = nil,
                             standardOptions: StandardLoadOptions = .default) throws(StandardError) -> CheckOutcome {
        // Files are named relative to the current folder when the project lies below it (so that, run from a
        // repository's root, reports and annotations name files as the repository does), else in full.
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        let folder = URL(fileURLWithPath: config.folder).standardizedFileURL.path
        let prefix: String? = folder == here ? "" : (folder.hasPrefix(here + "/") ? String(folder.dropFirst(here.count + 1)) + "/" : nil)
        let extra = config.standardsDirs.map { ($0 as NSString).isAbsolutePath ? $0 : (config.folder as NSString).appendingPathComponent($0) }
        let searchPaths = StandardResolver.defaultSearchPaths(extra: extra)
        var files: [FileReport] = []
        var unreadable: [InputError] = []
        var unmatched: [Int] = []
        var strictest = Severity.error
        for (index, check) in config.checks.enumerated() {
            let matched = config.files(of: check, only: only)
            if matched.isEmpty {
                unmatched.append(index)
                continue
            }
            let standards = try check.standards.map { reference throws(StandardError) -> LoadedStandard in
                // A file beside conform.yaml, else an id (a folder named like an id is not a standard).
                let relative = (config.folder as NSString).appendingPathComponent(reference)
                var isDirectory: ObjCBool = false
                let isFile = FileManager.default.fileExists(atPath: relative, isDirectory: &isDirectory) && !isDirectory.boolValue
                return try loadStandard(isFile ? relative : reference, searchPaths: searchPaths, options: standardOptions)
            }
            var options = progress ?? ValidationOptions()
            options.failOn = check.failOn
            options.maxFindings = check.maxFindings
            options.inputFormat = check.inputFormat
            options.records = check.records
            options.severityOverrides = config.severity
            strictest = min(strictest, check.failOn)
            let paths = matched.map { name in prefix.map { $0 + name } ?? (folder as NSString).appendingPathComponent(name) }
            let outcome = standards.count == 1
                ? validate(paths: paths, standard: standards[0], options: options)
                : validate(paths: paths, standards: standards, options: options)
            files += outcome.report.files
            unreadable += outcome.unreadable
        }
        let report = ValidationReport(tool: "conform \(version)", failOn: strictest, files: files)
        return CheckOutcome(outcome: ValidationOutcome(report: report, unreadable: unreadable), unmatched: unmatched)
    }

    /// Lints standard files (paths or shipped ids).
    public static func lint(_ references: [String], searchPaths: [String], options: StandardLoadOptions = .default) -> LintReport {
        let resolver = StandardResolver(searchPaths: searchPaths, options: options)
        var findings: [Finding] = []
        var files: [String] = []
        for reference in references {
            // A crosswalk is linted as one, against the two standards it names.
            if let text = try? String(contentsOfFile: reference, encoding: .utf8),
               text.split(separator: "\n").contains(where: { $0.hasPrefix("mapping_set_id:") }) {
                files.append(reference)
                findings += lintCrosswalk(reference, resolver: resolver)
                continue
            }
            guard let resolved = resolver.resolve(reference) else {
                findings.append(Finding(rule: LintRule.usesNotFound.id, severity: .error,
                                        message: "no standard file for `\(reference)`", file: reference))
                files.append(reference)
                continue
            }
            files.append(resolved.standard.sourceFile)
            findings += resolved.findings
            // A package: its tables' standards and the references between them.
            if !resolved.standard.tables.isEmpty, resolved.isUsable {
                findings += assemblePackage(LoadedStandard(resolved: resolved), searchPaths: searchPaths, options: options).1
            }
        }
        var seen = Set<Finding>()
        findings = findings.filter { seen.insert($0).inserted }
        return LintReport(tool: "conform \(version)", files: files, findings: findings)
    }

    private static func lintCrosswalk(_ path: String, resolver: StandardResolver) -> [Finding] {
        var diagnostics = Diagnostics()
        guard let crosswalk = CrosswalkLoader.load(path: path, diagnostics: &diagnostics) else { return diagnostics.findings }
        let at = SourceLocation(file: path, line: 1, column: 1)
        var profiles: [[FieldProfile]] = []
        for source in [crosswalk.subjectSource, crosswalk.objectSource] {
            // Relative paths are relative to the crosswalk's folder; ids are looked up as usual.
            let relative = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(source).path
            guard let resolved = resolver.resolve(FileManager.default.fileExists(atPath: relative) ? relative : source), resolved.isUsable else {
                diagnostics.report(.usesNotFound, "cannot load the standard `\(source)` the crosswalk maps", at: at)
                continue
            }
            profiles.append(FieldProfile.profiles(of: resolved))
        }
        if profiles.count == 2 { CrosswalkLoader.check(crosswalk, subject: profiles[0], object: profiles[1], diagnostics: &diagnostics) }
        return diagnostics.findings
    }

    /// A shipped or user standard found on the search path.
    public struct StandardSummary: Sendable, Codable {
        public var id: String
        public var version: String?
        public var title: String?
        public var path: String
    }

    /// Every standard on the search path with its version and title.
    public static func listStandards(searchPaths: [String]) -> [StandardSummary] {
        StandardResolver(searchPaths: searchPaths).shippedStandards().map { entry in
            var diagnostics = Diagnostics()
            let text = (try? String(contentsOfFile: entry.path, encoding: .utf8)) ?? ""
            let standard = StandardLoader.parse(text: text, file: entry.path, diagnostics: &diagnostics)
            return StandardSummary(id: entry.id, version: standard?.version, title: standard?.title, path: entry.path)
        }
    }

    /// Why `writeAtomically` could not write a file. `localizedDescription` is the system's
    /// reason alone (`strerror`), e.g. "No space left on device"; `description` adds the path.
    public struct WriteError: LocalizedError, CustomStringConvertible, Sendable {
        public var path: String
        /// The `errno` value.
        public var code: Int32
        public var reason: String { String(cString: strerror(code)) }
        public var errorDescription: String? { reason }
        public var description: String { "cannot write \(path): \(reason)" }
    }

    private static let temporaryFileObserver = Mutex<(@Sendable (_ path: String, _ inFlight: Bool) -> Void)?>(nil)

    /// Tells `observer` of each temporary file `writeAtomically` is about to create (`true`, before
    /// it exists) and is done with (`false`, once it is renamed into place or removed), so that a
    /// signal handler can remove the one a run is stopped in the middle of. The `conform`
    /// executable sets it once, at start.
    public static func observeTemporaryFiles(_ observer: (@Sendable (_ path: String, _ inFlight: Bool) -> Void)?) {
        temporaryFileObserver.withLock { $0 = observer }
    }

    /// Writes `contents` to `path` atomically: a temporary file beside it (`.<name>.<pid>.tmp`),
    /// flushed to disk, then a rename, so a reader never sees half a report and a failed write
    /// (a full disk, a file size limit) leaves the old file intact and no temporary file.
    /// A symbolic link to a file is kept and the file it points to replaced, with the old file's
    /// permissions. What is not a regular file is written to directly, never replaced: a device
    /// (`/dev/full`), a FIFO, and `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` (the open descriptor,
    /// so a shell's `>>` still appends). Throws `WriteError`.
    public static func writeAtomically(_ contents: String, to path: String) throws {
        var contents = contents
        if let descriptor = openDescriptor(named: path) {
            try contents.withUTF8 { try writeAll($0, to: descriptor, path: path) }
            return
        }
        var status = stat()
        let exists = stat(path, &status) == 0
        if exists, status.st_mode & S_IFMT != S_IFREG {
            let descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw WriteError(path: path, code: errno) }
            defer { close(descriptor) }
            try contents.withUTF8 { try writeAll($0, to: descriptor, path: path) }
            return
        }
        var target = path
        var link = stat()
        if lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK, let resolved = realpath(path, nil) {
            target = String(cString: resolved)
            free(resolved)
        }
        let url = URL(fileURLWithPath: target)
        let directory = url.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let observer = temporaryFileObserver.withLock { $0 }
        observer?(temporary, true)
        defer { observer?(temporary, false) }
        // O_EXCL: never write through a link planted at the temporary name; one left by an earlier
        // process with the same id is removed first.
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        if descriptor < 0 && errno == EEXIST {
            unlink(temporary)
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        }
        guard descriptor >= 0 else { throw WriteError(path: path, code: errno) }
        do {
            if exists { _ = fchmod(descriptor, status.st_mode & 0o7777) }
            try contents.withUTF8 { try writeAll($0, to: descriptor, path: path) }
            if fsync(descriptor) != 0 { throw WriteError(path: path, code: errno) }
            let closed = close(descriptor)
            descriptor = -1
            if closed != 0 { throw WriteError(path: path, code: errno) }
            if rename(temporary, target) != 0 { throw WriteError(path: path, code: errno) }
        } catch {
            if descriptor >= 0 { close(descriptor) }
            unlink(temporary)
            throw error
        }
        // The rename is on disk once the folder is.
        let folder = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }

    /// The open descriptor `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` or `/proc/self/fd/N` names.
    private static func openDescriptor(named path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                return Int32(path.dropFirst(prefix.count)).flatMap { fcntl($0, F_GETFD) >= 0 ? $0 : nil }
            }
            return nil
        }
    }

    /// Writes every byte, through short writes and interruptions.
    private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32, path: String) throws(WriteError) {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, min(bytes.count - offset, 1 << 30))
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteError(path: path, code: errno)
            }
            offset += written
        }
    }
}
