import Foundation
import Testing
@testable import ConformKit

/// Frictionless Table Schemas and Data Packages as standards (`--standard schema.json`) and
/// `conform import`: every constraint kept with its place in the publisher's file, what cannot
/// be expressed reported, the LGA dialect read leniently and said so.
struct TableSchemaImportTests {
    static let schema = """
    {
      "title": "Sites",
      "missingValues": ["", "NA"],
      "primaryKey": "id",
      "uniqueKeys": [["name", "opened"]],
      "fields": [
        {"name": "id", "type": "integer", "constraints": {"required": true, "minimum": 1}},
        {"name": "name", "type": "string", "title": "Name", "constraints": {"maxLength": 20, "pattern": "[A-Z][a-z]+"}},
        {"name": "opened", "type": "date", "format": "%d/%m/%Y"},
        {"name": "email", "type": "string", "format": "email"},
        {"name": "score", "type": "number", "decimalChar": ",", "constraints": {"exclusiveMaximum": 10}},
        {"name": "status", "type": "string", "categories": [{"value": "o", "label": "Open"}, {"value": "c", "label": "Closed"}]},
        {"name": "month", "type": "yearmonth"},
        {"name": "seen", "type": "date", "format": "any"},
        {"name": "tags", "type": "list", "delimiter": ";"}
      ]
    }
    """

    func load(_ text: String, name: String = "sites.schema.json") throws -> (Conform.LoadedStandard, URL) {
        let directory = TestSupport.temporaryDirectory()
        let path = TestSupport.write(text, name, in: directory)
        return (try Conform.loadStandard(path, searchPaths: TestSupport.searchPaths), directory)
    }

    @Test func typesConstraintsAndKeys() throws {
        let (loaded, directory) = try load(Self.schema)
        defer { try? FileManager.default.removeItem(at: directory) }
        let standard = loaded.resolved.standard
        #expect(standard.id == "sites")
        #expect(standard.title == "Sites")
        #expect(standard.missingValues == ["", "NA"])
        #expect(standard.keys.primary?.value == ["id"])
        #expect(standard.keys.unique.map(\.value) == [["name", "opened"]])
        let fields = Dictionary(uniqueKeysWithValues: standard.fields.map { ($0.name, $0) })
        #expect(standard.fields.map(\.name) == ["id", "name", "opened", "email", "score", "status", "month", "seen", "tags"])
        #expect(fields["id"]?.type.value == "integer" && fields["id"]?.isRequired == true && fields["id"]?.constraints.minimum?.value == "1")
        #expect(fields["name"]?.constraints.maxLength?.value == 20 && fields["name"]?.constraints.pattern?.value == "[A-Z][a-z]+")
        #expect(fields["opened"]?.type.value == "date" && fields["opened"]?.constraints.format?.value == "%d/%m/%Y")
        #expect(fields["email"]?.type.value == "email")
        #expect(fields["score"]?.constraints.decimalChar?.value == "," && fields["score"]?.constraints.exclusiveMaximum?.value == "10")
        #expect(fields["status"]?.type.value == "code" && fields["status"]?.constraints.codelist?.value == "status")
        #expect(standard.codelists.first?.labels == ["o": "Open", "c": "Closed"])
        #expect(fields["month"]?.constraints.pattern != nil)
        #expect(fields["seen"]?.type.value == "string")
        // Each constraint points at the line and column of its key in the JSON file.
        let maxLength = try #require(fields["name"]?.constraints.maxLength?.location)
        #expect(maxLength.file.hasSuffix("sites.schema.json") && maxLength.line == 8 && maxLength.column == 73, "\(maxLength)")
        // What cannot be expressed is said, where it is written.
        let left = loaded.warnings.filter { $0.rule == "import-not-expressed" }
        #expect(left.map { [$0.line ?? 0, $0.character ?? 0] } == [[14, 48]], "\(left.map { "\(String(describing: $0.line)):\(String(describing: $0.character)) \($0.message)" })")
        #expect(left.map(\.message).contains { $0.contains("`format: any`") })
        // A v2 list: an array field whose cell is split at the delimiter.
        #expect(fields["tags"]?.type.value == "array" && fields["tags"]?.separator?.value == ";" && fields["tags"]?.items?.type.value == "string")
    }

    /// The imported standard checks data as the schema says: the same findings a hand-written
    /// standard gives, and the broken rule's place is in the JSON.
    @Test func validatesData() throws {
        let (loaded, directory) = try load(Self.schema)
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = """
        id,name,opened,email,score,status,month,seen,tags
        1,Alpha,31/12/2020,a@example.org,"9,5",o,2020-01,whenever,a;b
        0,beta,2020-12-31,not-an-email,10,x,2020-13,,
        3,NA,NA,,,c,,,

        """
        let path = TestSupport.write(csv, "sites.csv", in: directory)
        let outcome = Conform.validate(paths: [path], standard: loaded, options: ValidationOptions(maxFindings: 100))
        let file = try #require(outcome.report.files.first)
        #expect(file.findings.map { "\($0.row ?? 0) \($0.column ?? "-") \($0.rule)" } == [
            "2 id below-minimum",
            "2 name pattern-mismatch",
            "2 opened type-mismatch",
            "2 email type-mismatch",
            "2 score above-maximum",
            "2 status not-in-codelist",
            "2 month pattern-mismatch",
        ])
        let bound = try #require(file.findings.first { $0.column == "id" }?.standardLocation)
        #expect(bound.file.hasSuffix("sites.schema.json") && bound.line == 7)
    }

    /// The LGA's esd dialect, as published: XML Schema type URIs inside `constraints`, `required`
    /// as a string, patterns that list values. Read, reported, and the example file gives the
    /// known findings (19 "Delegated", 3 "Committee", one "Live ").
    @Test func lgaPlanningApplicationsAsPublished() throws {
        guard let shared = TestSupport.shared else { return }
        let schema = shared.appendingPathComponent("data/real/lga/PlanningApplications.schema.json").path
        let loaded = try Conform.loadStandard(schema, searchPaths: TestSupport.searchPaths)
        let warnings = loaded.warnings
        #expect(warnings.allSatisfy { $0.rule == "import-tolerance" }, "\(Set(warnings.map(\.rule)))")
        #expect(warnings.contains { $0.message.contains("XML Schema type URI") })
        #expect(warnings.contains { $0.message.contains("`required` is the string \"true\"") })
        let decisionType = try #require(warnings.first { $0.message.contains("Delegated powers") })
        #expect(decisionType.message.contains("`Delegated` alone does not pass"))
        #expect(decisionType.file == schema && decisionType.line != nil)

        let data = shared.appendingPathComponent("data/real/lga/example-planning-applications.csv").path
        let outcome = Conform.validate(paths: [data], standard: loaded, options: ValidationOptions(maxFindings: 1000))
        let file = try #require(outcome.report.files.first)
        let counts = Dictionary(uniqueKeysWithValues: file.counts.map { ("\($0.rule) \($0.column ?? "-")", $0.count) })
        #expect(counts["not-in-codelist DecisionType"] == 22)
        #expect(counts["not-in-codelist Status"] == 1)
        let types = file.findings.filter { $0.column == "DecisionType" }
        #expect(types.filter { $0.value == "Delegated" }.count == 19 && types.filter { $0.value == "Committee" }.count == 3)
        #expect(types.allSatisfy { $0.standardLocation?.file == schema })
        // The same findings as the hand-written shipped standard.
        let shipped = try Conform.loadStandard("lga/planning-applications", searchPaths: TestSupport.searchPaths)
        let reference = Conform.validate(paths: [data], standard: shipped, options: ValidationOptions(maxFindings: 1000)).report.files[0]
        #expect(file.findings.map { "\($0.row ?? 0) \($0.column ?? "") \($0.rule) \($0.value ?? "")" }
                == reference.findings.map { "\($0.row ?? 0) \($0.column ?? "") \($0.rule) \($0.value ?? "")" })
    }

    /// Each published schema, used directly as `--standard`, finds the same cells with the same
    /// rules as the shipped standard written from it, on the publisher's own example file. (For
    /// the Brownfield schema that takes its tolerances: prefix patterns read as prefixes, and the
    /// `|`-separated URL lists read as text.)
    @Test(arguments: [
        ("lga/PlanningApplications.schema.json", "lga/planning-applications", "lga/example-planning-applications.csv"),
        ("lga/PublicToilets.schema.json", "lga/public-toilets", "lga/example-public-toilets.csv"),
        ("lga/PremisesLicences.schema.json", "lga/premises-licences", "lga/example-premises-licences.csv"),
        ("brownfield/brownfieldlandregister2017.schema.json", "uk-gov/brownfield-land-register", "brownfield/test-brownfield-register.csv"),
    ])
    func publishedSchemaFindsWhatTheShippedStandardFinds(schema: String, shipped: String, data: String) throws {
        guard let shared = TestSupport.shared else { return }
        let real = shared.appendingPathComponent("data/real")
        let dataPath = real.appendingPathComponent(data).path
        func findings(_ reference: String) throws -> [String] {
            let loaded = try Conform.loadStandard(reference, searchPaths: TestSupport.searchPaths)
            let outcome = Conform.validate(paths: [dataPath], standard: loaded, options: ValidationOptions(maxFindings: 10_000))
            #expect(outcome.unreadable.isEmpty)
            return outcome.report.files.flatMap(\.findings).map { "\($0.row ?? 0) \($0.column ?? "-") \($0.rule) \($0.value ?? "")" }
        }
        let published = try findings(real.appendingPathComponent(schema).path)
        let reference = try findings(shipped)
        #expect(!reference.isEmpty, "the example files all have known findings")
        #expect(published == reference)
    }

    /// v2 per-field `missingValues` and `list` fields (items typed and constrained, lengths as
    /// item counts) are checked on data.
    @Test func listsAndFieldMissingValues() throws {
        let schema = """
        {"missingValues": [""], "fields": [
          {"name": "scores", "type": "list", "delimiter": "|", "itemType": "integer", "itemConstraints": {"minimum": 0},
           "constraints": {"maxLength": 3}},
          {"name": "rating", "type": "integer", "missingValues": ["", "-"]}
        ]}
        """
        let (loaded, directory) = try load(schema)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings.map(\.message))")
        let csv = "scores,rating\n1|2|3,-\n1|x,4\n1|-2,5\n1|2|3|4,-\n"
        let path = TestSupport.write(csv, "scores.csv", in: directory)
        let file = try #require(Conform.validate(paths: [path], standard: loaded, options: ValidationOptions(maxFindings: 100)).report.files.first)
        #expect(file.findings.map { "\($0.row ?? 0) \($0.rule) \($0.value ?? "")" } == [
            "2 type-mismatch x", "3 below-minimum -2", "4 too-many-items 1|2|3|4",
        ], "\(file.findings.map(\.message))")
    }

    /// Patterns read as their authors meant them, each reading reported: a start-anchored prefix,
    /// `^$|^(yes)$` as a closed list (no warning: it is exact), a URI list as text.
    @Test func patternReadings() throws {
        let schema = """
        {"fields": [
          {"name": "org", "type": "string", "constraints": {"pattern": "^http:\\/\\/example.org\\/id\\/"}},
          {"name": "flag", "type": "string", "constraints": {"pattern": "^$|^(yes)$"}},
          {"name": "links", "type": "string", "format": "uri", "constraints": {"pattern": "^(http|https):\\/\\/[^\\\\| ]+(\\\\|(http|https):\\/\\/[^\\\\| ]+)*$"}},
          {"name": "exact", "type": "string", "constraints": {"pattern": "^abc$"}}
        ]}
        """
        let (loaded, directory) = try load(schema)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fields = Dictionary(uniqueKeysWithValues: loaded.resolved.standard.fields.map { ($0.name, $0) })
        #expect(fields["org"]?.constraints.pattern?.value == "^http://example.org/id/.*")
        #expect(fields["flag"]?.constraints.enumValues?.value == ["yes"] && fields["flag"]?.constraints.pattern == nil)
        #expect(fields["links"]?.type.value == "string" && fields["links"]?.constraints.pattern != nil)
        #expect(fields["exact"]?.constraints.enumValues?.value == ["abc"])
        let warnings = loaded.warnings.map { "\($0.line ?? 0) \($0.message)" }
        #expect(warnings.count == 2, "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("2 the pattern is anchored at its start only") })
        #expect(warnings.contains { $0.hasPrefix("4 the field is a URI but its pattern allows several") })
    }

    /// UTF-16 without a byte-order mark, and an invalid JSON escape: read, and said.
    @Test func utf16AndInvalidEscapes() throws {
        guard let shared = TestSupport.shared else { return }
        let spend = try Conform.loadStandard(shared.appendingPathComponent("data/real/lga/Spend.schema.json").path,
                                             searchPaths: TestSupport.searchPaths)
        #expect(spend.warnings.contains { $0.message.contains("UTF-16") && $0.line == 1 })
        #expect(spend.resolved.standard.fields.first?.name == "OrganisationLabel")
        let toilets = try Conform.loadStandard(shared.appendingPathComponent("data/real/lga/PublicToilets.schema.json").path,
                                               searchPaths: TestSupport.searchPaths)
        let escape = try #require(toilets.warnings.first { $0.message.contains("is not a JSON escape") })
        #expect(escape.line == 226)
    }

    /// `conform import` writes YAML that loads as the same standard (a conform standard with
    /// no import warnings), for the LGA schemas, the Brownfield schema and a test schema.
    @Test func importRoundTrips() throws {
        var schemas: [String] = []
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        schemas.append(TestSupport.write(Self.schema, "sites.schema.json", in: directory))
        if let shared = TestSupport.shared {
            for name in ["lga/PlanningApplications", "lga/PremisesLicences", "lga/PublicToilets", "lga/Spend",
                         "brownfield/brownfieldlandregister2017"] {
                schemas.append(shared.appendingPathComponent("data/real/\(name).schema.json").path)
            }
        }
        for schema in schemas {
            let outcome = try Conform.importStandard(schema, searchPaths: TestSupport.searchPaths)
            #expect(outcome.format == "table-schema")
            #expect(outcome.yaml.hasPrefix("# Imported by conform"))
            let path = TestSupport.write(outcome.yaml, URL(fileURLWithPath: schema).lastPathComponent + ".yaml", in: directory)
            let again = try Conform.loadStandard(path, searchPaths: TestSupport.searchPaths)
            #expect(again.resolved.findings.isEmpty, "\(schema): \(again.resolved.findings.map { "\($0.line ?? 0) \($0.message)" })")
            let before = try Conform.loadStandard(schema, searchPaths: TestSupport.searchPaths).resolved.standard
            let after = again.resolved.standard
            #expect(Self.shape(before) == Self.shape(after), "\(schema)")
        }
    }

    /// Everything a standard says, without where it was written.
    static func shape(_ standard: Standard) -> String {
        var lines = ["missing \(standard.missingValues) columns \(standard.columns) keys \(standard.keys.primary?.value ?? []) \(standard.keys.unique.map(\.value))"]
        for field in standard.fields {
            let c = field.constraints
            lines.append([field.name, field.type.value, "\(field.isRequired)", "\(field.isUnique)", c.pattern?.value ?? "-",
                          "\(c.enumValues?.value ?? [])", c.codelist?.value ?? "-", "\(c.minLength?.value ?? -1)", "\(c.maxLength?.value ?? -1)",
                          c.minimum?.value ?? "-", c.maximum?.value ?? "-", c.exclusiveMinimum?.value ?? "-", c.exclusiveMaximum?.value ?? "-",
                          c.format?.value ?? "-", c.decimalChar?.value ?? "-", field.title ?? "-", field.description ?? "-"].joined(separator: "|"))
        }
        for list in standard.codelists { lines.append("\(list.name) \(list.values) \(list.labels.sorted { $0.key < $1.key })") }
        return lines.joined(separator: "\n")
    }

    /// A Data Package's resource, by name after `#`; a package of several needs one named.
    @Test func dataPackageResources() throws {
        guard let shared = TestSupport.shared else { return }
        let package = shared.appendingPathComponent("data/real/hsds-3.0/datapackage.json").path
        let organization = try Conform.loadStandard(package + "#organization", searchPaths: TestSupport.searchPaths)
        #expect(organization.id.hasSuffix("/organization"))
        #expect(organization.resolved.standard.fields.map(\.name).contains("id"))
        #expect(organization.resolved.standard.keys.primary?.value == ["id"])
        // Without a resource named, the package is a package of tables, one per resource.
        let whole = try Conform.loadStandard(package, searchPaths: TestSupport.searchPaths)
        #expect(Conform.isPackage(whole) && whole.resolved.standard.tables.count == 21)
        #expect(whole.resolved.standard.tables.first.map { "\($0.name) \($0.path ?? "-") \($0.standard)" }
                == "organization organizations.csv ./datapackage.json#organization")
        let missing = try #require(Self.refusal(package + "#organisation"))
        #expect(missing.contains { $0.hint == "did you mean `organization`?" })
        // Its example CSV validates (HSDS 3.0's own examples conform, apart from what the importer reports).
        let csv = shared.appendingPathComponent("data/real/hsds-3.0/organizations.csv").path
        if FileManager.default.fileExists(atPath: csv) {
            let outcome = Conform.validate(paths: [csv], standard: organization, options: ValidationOptions(maxFindings: 100))
            #expect(outcome.unreadable.isEmpty)
            #expect(outcome.report.files.first?.errors == 0, "\(outcome.report.files.first?.findings.map(\.message) ?? [])")
        }
    }

    /// The findings that make `reference` unusable; nil when it loads.
    static func refusal(_ reference: String) -> [Finding]? {
        let result = Result { () throws(Conform.StandardError) -> Conform.LoadedStandard in
            try Conform.loadStandard(reference, searchPaths: TestSupport.searchPaths)
        }
        switch result {
        case .success: return nil
        case .failure(.unusable(let lint)): return lint.findings
        case .failure: return []
        }
    }

    /// Not a standard of any kind: a clear error naming what each format needs.
    @Test func notAStandard() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = TestSupport.write("{\"hello\": [1, 2]}", "x.json", in: directory)
        let refused = try #require(Self.refusal(path))
        #expect(refused.first?.message.contains("a Table Schema needs `fields`") == true)
        let broken = TestSupport.write("{\"fields\": [\n  {\"name\": \"a\",}\n  {\"name\": \"b\"}\n]}", "y.json", in: directory)
        let syntax = try #require(Self.refusal(broken))
        #expect(syntax.contains { $0.rule == "yaml-syntax" && $0.line == 3 && $0.message.contains("expected `,` or `]`") }, "\(syntax)")
        #expect(syntax.contains { $0.rule == "import-tolerance" && $0.line == 2 }, "\(syntax)")
    }
}
