import Foundation
import Testing
@testable import ConformKit

/// Foreign keys (`keys.foreign`): within one table, and between the tables of a package
/// (conform's `tables:` or a Data Package), with exact findings and row conformance.
struct ForeignKeyTests {
    static let tree = """
    fields:
      - name: id
        type: integer
      - name: parent
        type: integer
      - name: label
        maxLength: 3
    keys:
      primary: id
      foreign:
        - fields: parent
          references: {fields: id}
    """

    /// A reference to a later row passes; a reference to no row fails, at its row, with the place
    /// of the key in the standard; a missing reference is not checked.
    @Test func withinOneTable() throws {
        let report = try TestSupport.validate(standard: Self.tree, csv: """
        id,parent,label
        1,,abc
        2,4,abc
        3,9,toolong
        4,1,abc
        5,7,abc

        """)
        #expect(report.findings.map { "\($0.row ?? 0) \($0.rule) \($0.column ?? "-") \($0.value ?? "")" } == [
            "3 too-long label toolong",
            "3 foreign-key parent 9",
            "5 foreign-key parent 7",
        ])
        // (In file order: the row's cells, then its keys.)
        let first = try #require(report.findings.first { $0.rule == "foreign-key" })
        #expect(first.message == "parent = \"9\" is not a key of this table(id)")
        #expect(first.line == 4 && first.character == 3)
        #expect(first.standardLocation?.line == 13)
        #expect(report.conformingRows == 3 && report.rows == 5)
        #expect(report.counts.contains { $0.rule == "foreign-key" && $0.count == 2 })
        #expect(!report.conforms)
    }

    /// A composite key, and rows where a part of the reference is missing (not checked).
    @Test func compositeKeys() throws {
        let report = try TestSupport.validate(standard: """
        fields:
          - name: region
          - name: code
          - name: parent_region
          - name: parent_code
        keys:
          primary: [region, code]
          foreign:
            - fields: [parent_region, parent_code]
              references: {fields: [region, code]}
        """, csv: "region,code,parent_region,parent_code\nN,1,,\nN,2,N,1\nS,1,N,2\nS,2,S,9\nS,3,X,\n")
        #expect(report.findings.map { "\($0.row ?? 0) \($0.rule) \($0.value ?? "")" } == ["4 foreign-key S, 9"])
        #expect(report.findings.first?.message == "(parent_region, parent_code) = (\"S\", \"9\") is not a key of this table(region, code)")
    }

    /// A reference to a key that several rows hold is ambiguous (CSVW's "multiple referenced rows").
    @Test func ambiguousReferences() throws {
        let report = try TestSupport.validate(standard: """
        fields:
          - name: code
          - name: parent
        keys:
          foreign:
            - fields: parent
              references: {fields: code}
        """, csv: "code,parent\na,\nb,a\nb,\nc,b\n")
        #expect(report.findings.map { "\($0.row ?? 0) \($0.rule) \($0.value ?? "")" } == ["4 foreign-key b"])
        #expect(report.findings.first?.message == "parent = \"b\" is the key of several rows of this table(code): the reference is ambiguous")
    }

    /// `checkMissingMarkers: true`: a value the standard counts as missing (but not an empty cell)
    /// is looked up like any other, as CSVW validators do with `null` markers.
    @Test func missingMarkersAsReferences() throws {
        func findings(_ flag: Bool) throws -> [String] {
            try TestSupport.validate(standard: """
            missingValues: ["", "NA"]
            fields:
              - name: id
              - name: parent
            keys:
              foreign:
                - fields: parent
                  references: {fields: id}
                  checkMissingMarkers: \(flag)
            """, csv: "id,parent\n1,\n2,NA\n3,1\n").findings.map { "\($0.row ?? 0) \($0.value ?? "")" }
        }
        #expect(try findings(false).isEmpty)
        #expect(try findings(true) == ["2 NA"])
    }

    /// JSON records reference each other as CSV rows do.
    @Test func jsonRecords() throws {
        let json = #"[{"id": 1, "parent": null}, {"id": 2, "parent": 1}, {"id": 3, "parent": 5}]"#
        let report = try TestSupport.validate(standard: """
        fields:
          - name: id
            type: integer
          - name: parent
            type: integer
        keys:
          foreign:
            - fields: parent
              references: {fields: id}
        """, data: Array(json.utf8), format: .json)
        #expect(report.findings.map { "\($0.row ?? 0) \($0.rule) \($0.pointer ?? "")" } == ["3 foreign-key /2"])
    }

    // MARK: Packages

    /// A package of two tables written in conform's format, in a folder with its data.
    static func package(in directory: URL, servicesFK: String = "{table: organizations, fields: id}") {
        TestSupport.write("""
        conform: 1
        id: test/package
        tables:
          - name: organizations
            path: organizations.csv
            standard: organizations.yaml
          - name: services
            path: services.csv
            standard: services.yaml
        """, "package.yaml", in: directory)
        TestSupport.write("conform: 1\nid: test/organizations\nfields:\n  - name: id\n  - name: name\nkeys:\n  primary: id\n",
                          "organizations.yaml", in: directory)
        TestSupport.write("""
        conform: 1
        id: test/services
        fields:
          - name: id
          - name: organization_id
            required: true
        keys:
          primary: id
          foreign:
            - fields: organization_id
              references: \(servicesFK)
        """, "services.yaml", in: directory)
    }

    static func loadPackage(_ path: String) throws -> Conform.LoadedPackage {
        let loaded = try Conform.loadStandard(path, searchPaths: TestSupport.searchPaths)
        #expect(Conform.isPackage(loaded))
        return try Conform.loadPackage(loaded, searchPaths: TestSupport.searchPaths)
    }

    @Test func packageChecksReferencesBetweenTables() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        Self.package(in: directory)
        let data = directory.appendingPathComponent("data")
        // services.csv comes first in the folder listing and in the package: the referenced table is still read first.
        TestSupport.write("id,organization_id\ns1,o1\ns2,o3\ns3,o2\n", "data/services.csv", in: directory)
        TestSupport.write("id,name\no1,One\no2,Two\n", "data/organizations.csv", in: directory)
        let package = try Self.loadPackage(directory.appendingPathComponent("package.yaml").path)
        let (files, unmatched) = Conform.packageData(package, paths: [data.path])
        #expect(unmatched.isEmpty && files.count == 2)
        let outcome = Conform.validatePackage(package, files: files)
        let reports = outcome.report.files
        #expect(reports.map { URL(fileURLWithPath: $0.file).lastPathComponent } == ["organizations.csv", "services.csv"])
        #expect(reports[0].findings.isEmpty && reports[0].conforms)
        #expect(reports[1].findings.map { "\($0.row ?? 0) \($0.rule) \($0.value ?? "")" } == ["2 foreign-key o3"])
        #expect(reports[1].findings.first?.message == "organization_id = \"o3\" is not a key of organizations(id)")
        #expect(reports[1].findings.first?.standardLocation?.file.hasSuffix("services.yaml") == true)
        #expect(reports[1].conformingRows == 2)
        #expect(!outcome.report.conforms)
    }

    /// Files given one by one are matched to tables by name; a file matching no table is said.
    @Test func filesAreMatchedToTables() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        Self.package(in: directory)
        let services = TestSupport.write("id,organization_id\ns1,o1\n", "services.csv", in: directory)
        let other = TestSupport.write("a\n1\n", "other.csv", in: directory)
        let package = try Self.loadPackage(directory.appendingPathComponent("package.yaml").path)
        let (files, unmatched) = Conform.packageData(package, paths: [services, other])
        #expect(files == ["services": services])
        #expect(unmatched == [other])
        // organizations.csv was not given: the references to it are not checked, and that is said.
        let report = Conform.validatePackage(package, files: files).report.files[0]
        #expect(report.findings.map(\.rule) == ["reference-not-checked"])
        #expect(report.findings[0].severity == .warning && report.conforms)
        #expect(report.findings[0].message.contains("the data of table organizations was not given"))
    }

    /// Tables that reference each other (a cycle) are both checked.
    @Test func tablesReferencingEachOther() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        TestSupport.write("""
        conform: 1
        id: test/cycle
        tables:
          - {name: a, path: a.csv, standard: a.yaml}
          - {name: b, path: b.csv, standard: b.yaml}
        """, "cycle.yaml", in: directory)
        for (name, other) in [("a", "b"), ("b", "a")] {
            TestSupport.write("""
            conform: 1
            id: test/\(name)
            fields:
              - name: id
              - name: ref
            keys:
              foreign:
                - fields: ref
                  references: {table: \(other), fields: id}
            """, "\(name).yaml", in: directory)
        }
        TestSupport.write("id,ref\na1,b1\na2,b9\n", "a.csv", in: directory)
        TestSupport.write("id,ref\nb1,a2\nb2,a7\n", "b.csv", in: directory)
        let package = try Self.loadPackage(directory.appendingPathComponent("cycle.yaml").path)
        let files = Conform.packageData(package, paths: [directory.path]).files
        let reports = Conform.validatePackage(package, files: files).report.files
        #expect(reports.map { $0.findings.map { "\($0.row ?? 0) \($0.value ?? "")" } } == [["2 b9"], ["2 a7"]])
    }

    /// A package whose references name a table or a field that does not exist cannot be used.
    @Test func brokenReferencesAreLintErrors() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        Self.package(in: directory, servicesFK: "{table: organisations, fields: id}")
        let path = directory.appendingPathComponent("package.yaml").path
        let lint = Conform.lint([path], searchPaths: TestSupport.searchPaths)
        let error = try #require(lint.findings.first { $0.severity == .error })
        #expect(error.message.contains("references the table `organisations`, which the package does not have"))
        #expect(error.hint == "did you mean `organizations`?")
        #expect(error.file.hasSuffix("services.yaml") && error.line == 10)

        Self.package(in: directory, servicesFK: "{table: organizations, fields: ident}")
        let again = Conform.lint([path], searchPaths: TestSupport.searchPaths)
        #expect(again.findings.contains { $0.message.contains("references organizations.ident, which table organizations does not have") })
        // Loading the package loads and checks its tables: it cannot be used.
        #expect(throws: Conform.StandardError.self) { try Conform.loadStandard(path, searchPaths: TestSupport.searchPaths) }
    }

    /// A foreign key whose two sides differ in length is refused where it is written.
    @Test func mismatchedKeyLengthsAreRefused() throws {
        #expect(throws: Conform.StandardError.self) {
            try TestSupport.validate(standard: "fields:\n  - name: a\n  - name: b\nkeys:\n  foreign:\n    - fields: [a, b]\n      references: {fields: a}",
                                     csv: "a,b\n1,2\n")
        }
    }

    /// Foreign keys survive export to Table Schema and import back; CSVW metadata keeps one
    /// within its table and lists one to another table as not expressed.
    @Test func exportedAndImportedAgain() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let phone = try Conform.loadStandard("openreferral/hsds-3.0/phone", searchPaths: TestSupport.searchPaths)
        let exported = Conform.exportStandard(phone, to: .tableSchema)
        let path = TestSupport.write(exported.text, "phone.schema.json", in: directory)
        let again = try Conform.loadStandard(path, searchPaths: TestSupport.searchPaths)
        func keys(_ standard: Conform.LoadedStandard) -> [String] {
            standard.resolved.standard.keys.foreign.map { "\($0.fields.value) \($0.table ?? "-") \($0.referencedFields)" }
        }
        #expect(keys(again) == keys(phone) && keys(phone).count == 5)

        let tree = TestSupport.write("conform: 1\nid: tree\n" + Self.tree + "\n", "tree.yaml", in: directory)
        let csvw = Conform.exportStandard(try Conform.loadStandard(tree, searchPaths: TestSupport.searchPaths), to: .csvw)
        let metadata = TestSupport.write(csvw.text, "tree.csv-metadata.json", in: directory)
        let back = try Conform.loadStandard(metadata, searchPaths: TestSupport.searchPaths)
        #expect(keys(back) == ["[\"parent\"] - [\"id\"]"], "\(csvw.text)")
        let cross = Conform.exportStandard(phone, to: .csvw)
        #expect(cross.notExpressed.filter { $0.contains("foreign key") }.count == 5)
    }

    // MARK: HSDS 3.0

    /// The published HSDS 3.0 Data Package, used directly, and the shipped package give the same
    /// findings on HSDS's own example CSVs: four references to rows the examples do not have
    /// (checked by hand with Python's csv module), and one description with a trailing space.
    @Test func hsdsExamples() throws {
        guard let shared = TestSupport.shared else { return }
        let folder = shared.appendingPathComponent("data/real/hsds-3.0")
        let datapackage = folder.appendingPathComponent("datapackage.json").path
        func findings(_ package: Conform.LoadedPackage, _ paths: [String]) -> [String] {
            let files = Conform.packageData(package, paths: paths).files
            #expect(files.count == 21)
            let outcome = Conform.validatePackage(package, files: files, options: ValidationOptions(maxFindings: 100))
            #expect(outcome.unreadable.isEmpty)
            #expect(outcome.report.files.count == 21)
            return outcome.report.files.flatMap { file in
                file.findings.map { "\(URL(fileURLWithPath: file.file).lastPathComponent) \($0.row ?? 0) \($0.rule) \($0.column ?? "-")" }
            }
        }
        let published = try Self.loadPackage(datapackage)
        #expect(published.tables.count == 21)
        let shipped = try Self.loadPackage("openreferral/hsds-3.0")
        let expected = [
            "services.csv 1 surrounding-whitespace description",
            "locations.csv 1 foreign-key organization_id",
            "contacts.csv 1 foreign-key organization_id",
            "contacts.csv 1 foreign-key service_at_location_id",
            "taxonomy_terms.csv 1 foreign-key taxonomy_id",
        ]
        #expect(findings(published, [datapackage]) == expected)
        #expect(findings(shipped, [folder.path]) == expected)
        // The shipped tables say what the datapackage says.
        for table in published.tables {
            let mine = try #require(shipped.table(table.name))
            #expect(mine.path == table.path)
            let theirs = table.standard.resolved.standard, ours = mine.standard.resolved.standard
            #expect(ours.fields.map(\.name) == theirs.fields.map(\.name), "\(table.name)")
            #expect(ours.fields.map(\.type.value) == theirs.fields.map(\.type.value), "\(table.name)")
            #expect(ours.fields.map(\.isRequired) == theirs.fields.map(\.isRequired), "\(table.name)")
            #expect(ours.keys.primary?.value == theirs.keys.primary?.value, "\(table.name)")
            #expect(ours.keys.foreign.map { "\($0.fields.value) \($0.table ?? "-") \($0.referencedFields)" }
                    == theirs.keys.foreign.map { "\($0.fields.value) \($0.table ?? "-") \($0.referencedFields)" }, "\(table.name)")
        }
    }

    /// The shipped HSDS 3.0 examples: the clean folder conforms; the dirty one has exactly its
    /// seeded errors (examples/hsds-3.0/README.md).
    @Test func shippedExamples() throws {
        let package = try Self.loadPackage("openreferral/hsds-3.0")
        let examples = TestSupport.repositoryRoot.appendingPathComponent("examples/hsds-3.0")
        func findings(_ folder: String) -> [String] {
            let files = Conform.packageData(package, paths: [examples.appendingPathComponent(folder).path]).files
            #expect(files.count == 5)
            return Conform.validatePackage(package, files: files).report.files.flatMap { file in
                file.findings.map { "\(URL(fileURLWithPath: file.file).lastPathComponent):\($0.line ?? 0) \($0.column ?? "-") \($0.rule)" }
            }
        }
        #expect(findings("clean").isEmpty)
        #expect(findings("dirty") == [
            "services.csv:4 organization_id foreign-key",
            "services.csv:5 status missing-value",
            "service_at_location.csv:5 location_id foreign-key",
            "locations.csv:3 latitude type-mismatch",
        ])
    }

    /// `conform validate datapackage.json` (no --standard) and `conform validate FOLDER -s package`.
    @Test func commandLine() throws {
        guard let shared = TestSupport.shared else { return }
        let folder = shared.appendingPathComponent("data/real/hsds-3.0")
        let direct = try CLITests.run(["validate", folder.appendingPathComponent("datapackage.json").path, "--format", "json"])
        #expect(direct.status == 1, "\(direct.stderr)")
        #expect(direct.stdout.components(separatedBy: "\"foreign-key\"").count - 1 >= 4)
        let shipped = try CLITests.run(["validate", folder.path, "-s", "openreferral/hsds-3.0"])
        #expect(shipped.status == 1, "\(shipped.stderr)")
        #expect(shipped.stdout.contains("taxonomy_id = \"07ff6aee-a219-438c-b694-d2fcb6c5373b\" is not a key of taxonomy(id)"))
        #expect(shipped.stdout.contains("17 of 21 files conform") || shipped.stdout.contains("of 21 files conform"))
        let stray = try CLITests.run(["validate", "README.md", "-s", "openreferral/hsds-3.0"])
        #expect(stray.status == 2)
        #expect(stray.stderr.contains("'README.md' is no table of the package 'openreferral/hsds-3.0'"))
    }
}
