/// Validates the tables of a package together. Each table's file is validated with its own
/// standard, as `conform validate` would; foreign keys between tables are checked in the same
/// pass: tables are read so that a referenced table comes before the tables that reference it,
/// and while it is read, the key combinations others reference are collected (as hashes). A
/// reference within one table waits for the end of its file. Tables referencing each other in
/// a cycle have the keys of the table read later collected by an extra pass over its file first.
struct PackageValidator {
    let package: Conform.LoadedPackage
    let files: [String: String]
    let options: ValidationOptions

    func run() -> Conform.ValidationOutcome {
        var compiled: [String: CompiledStandard] = [:]
        for table in package.tables where files[table.name] != nil {
            guard case let .success(standard) = CompiledStandard.compile(table.standard.resolved) else {
                preconditionFailure("a loaded standard always compiles")
            }
            compiled[table.name] = standard
        }
        let present = package.tables.filter { compiled[$0.name] != nil }

        // One set of keys per referenced (table, fields), shared by every reference to it.
        var keySets: [String: ReferencedKeys] = [:]
        func keySetID(_ table: String, _ fields: [String]) -> String { table + "\u{1F}" + fields.joined(separator: "\u{1F}") }
        var dependencies: [String: Set<String>] = [:]
        for table in present {
            for foreign in compiled[table.name]!.foreignKeys {
                let target = foreign.key.table ?? table.name
                guard compiled[target] != nil else { continue }
                let id = keySetID(target, foreign.key.referencedFields)
                if keySets[id] == nil {
                    keySets[id] = ReferencedKeys(reference: "\(target)(\(foreign.key.referencedFields.joined(separator: ", ")))")
                }
                if target != table.name { dependencies[table.name, default: []].insert(target) }
            }
        }

        // Referenced tables first; in a cycle, the first table left in package order goes next.
        var order: [String] = []
        var done = Set<String>()
        while order.count < present.count {
            let ready = present.first { !done.contains($0.name) && (dependencies[$0.name] ?? []).isSubset(of: done) }
                ?? present.first { !done.contains($0.name) }!
            order.append(ready.name)
            done.insert(ready.name)
        }

        var reports: [String: FileReport] = [:]
        var unreadable: [InputError] = []
        for name in order {
            let table = package.table(name)!
            let standard = compiled[name]!
            let path = files[name]!
            // Keys this table's references need from tables not read yet (a cycle): collect them now.
            for foreign in standard.foreignKeys {
                guard let target = foreign.key.table, target != name, compiled[target] != nil,
                      let keys = keySets[keySetID(target, foreign.key.referencedFields)], !keys.isComplete else { continue }
                collectKeys(table: package.table(target)!, compiled: compiled[target]!, path: files[target]!, keySets: keySets)
                keys.isComplete = true
            }
            let collectors = Self.collectors(table: name, compiled: standard, keySets: keySets)
            var checks: [ForeignKeyWork.Check] = []
            for foreign in standard.foreignKeys {
                let target = foreign.key.table ?? name
                guard let keys = keySets[keySetID(target, foreign.key.referencedFields)] else { continue }
                checks.append(ForeignKeyWork.Check(key: foreign.key, fields: foreign.fields, keys: keys))
            }
            let work = collectors.isEmpty && checks.isEmpty ? nil : ForeignKeyWork(collectors: collectors, checks: checks)
            do throws(InputError) {
                var report = try Conform.validateFile(path: path, display: path == "-" ? "<stdin>" : path, standard: table.standard,
                                                      compiled: standard, options: options, foreignKeys: work)
                addUncheckedReferences(&report, standard: standard, table: name)
                reports[name] = report
            } catch {
                unreadable.append(error)
                // Its keys are unknown: references to it are reported as not checked.
                for collector in collectors { collector.keys.isComplete = true }
                compiled[name] = nil
            }
        }
        // Reports in the package's order; references to a table that could not be read are noted.
        var ordered: [FileReport] = []
        for table in package.tables {
            guard var report = reports[table.name] else { continue }
            if let standard = compiled[table.name] {
                for foreign in standard.foreignKeys {
                    if let target = foreign.key.table, target != table.name, files[target] != nil, compiled[target] == nil {
                        addUnchecked(&report, foreign: foreign.key, target: target)
                    }
                }
            }
            ordered.append(report)
        }
        let report = ValidationReport(tool: "conform \(Conform.version)", failOn: options.failOn, files: ordered)
        return Conform.ValidationOutcome(report: report, unreadable: unreadable)
    }

    /// Reads `path` only to collect the keys references need from it.
    private func collectKeys(table: Conform.LoadedPackage.Table, compiled: CompiledStandard, path: String,
                             keySets: [String: ReferencedKeys]) {
        let collectors = Self.collectors(table: table.name, compiled: compiled, keySets: keySets)
        var quiet = options
        quiet.maxFindings = 0
        quiet.progress = nil
        _ = try? Conform.validateFile(path: path, display: path, standard: table.standard, compiled: compiled, options: quiet,
                                      foreignKeys: ForeignKeyWork(collectors: collectors, checks: []))
    }

    /// The key sets of `table` still to be filled, as collectors over its field indices.
    private static func collectors(table: String, compiled: CompiledStandard, keySets: [String: ReferencedKeys]) -> [ForeignKeyWork.Collector] {
        var collectors: [ForeignKeyWork.Collector] = []
        for (id, keys) in keySets where id.hasPrefix(table + "\u{1F}") && !keys.isComplete {
            let fields = id.split(separator: "\u{1F}", omittingEmptySubsequences: false).dropFirst().map(String.init)
            let indices = fields.compactMap { field in compiled.fields.firstIndex { $0.name == field } }
            if indices.count == fields.count { collectors.append(ForeignKeyWork.Collector(fields: indices, keys: keys)) }
        }
        return collectors
    }

    /// References to tables of the package whose data was not given.
    private func addUncheckedReferences(_ report: inout FileReport, standard: CompiledStandard, table: String) {
        for foreign in standard.foreignKeys {
            guard let target = foreign.key.table, target != table, files[target] == nil else { continue }
            addUnchecked(&report, foreign: foreign.key, target: target)
        }
    }

    private func addUnchecked(_ report: inout FileReport, foreign: ForeignKey, target: String) {
        guard let severity = options.severityOverrides.apply(ReferenceNotChecked.rule.id, ReferenceNotChecked.rule.severity) else { return }
        let finding = Finding(rule: ReferenceNotChecked.rule.id, severity: severity,
                              message: ReferenceNotChecked.message(fields: foreign.fields.value, reference: foreign.referenceDescription, table: target),
                              file: report.file, column: foreign.fields.value.joined(separator: "+"), standardLocation: foreign.fields.location)
        report.add(finding, failOn: options.failOn, keepExample: options.maxFindings > 0)
    }
}
