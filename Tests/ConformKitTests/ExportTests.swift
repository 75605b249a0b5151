import Foundation
import Testing
@testable import ConformKit

/// `conform export`: Table Schema, Data Package, JSON Schema and CSVW written from a standard;
/// what each cannot express listed; an exported Table Schema imported back gives the same
/// standard; an exported JSON Schema is a valid draft 2020-12 schema that passes the records
/// conform passes.
struct ExportTests {
    static func load(_ reference: String) throws -> Conform.LoadedStandard {
        try Conform.loadStandard(reference, searchPaths: TestSupport.searchPaths)
    }

    /// Writes `text` as `name` in `directory` and loads it as a standard.
    static func reload(_ text: String, _ name: String, in directory: URL) throws -> Conform.LoadedStandard {
        try Conform.loadStandard(TestSupport.write(text, name, in: directory), searchPaths: TestSupport.searchPaths)
    }

    /// What a standard says that a Table Schema can say too, after its named types are resolved:
    /// per field its name, Table Schema type, flags, pattern, allowed values (with labels),
    /// lengths, bounds, format and lexical options; the keys, missing values and column policy.
    static func shape(_ loaded: Conform.LoadedStandard, titles: Bool = true) -> [String] {
        let standard = loaded.resolved.standard
        var lines = ["id \(standard.id) version \(standard.version ?? "-") title \(standard.title ?? "-")",
                     "missing \(standard.missingValues) columns \(standard.columns.rawValue)",
                     "keys \(standard.keys.primary?.value ?? []) \(standard.keys.unique.map(\.value))"]
        for field in ExportField.fields(of: loaded.resolved) {
            let c = field.constraints
            var pattern = c.pattern?.value ?? "-"
            var allowed = field.allowed
            // A pattern that only lists values is a list of values (the importer reads it so).
            if let list = c.pattern.flatMap({ PatternShape.literalAlternatives($0.value) }), allowed == nil {
                allowed = list.filter { !$0.isEmpty }
                pattern = "-"
            }
            let labels = field.codelist.map { list in (allowed ?? []).compactMap { list.labels[$0].map { "\($0)" } } } ?? []
            var line = [field.name, TableSchemaExporter.type(of: field).0, TableSchemaExporter.type(of: field).1 ?? "-",
                        "required \(field.field.isRequired)", "unique \(field.field.isUnique)", pattern,
                        "\(allowed ?? [])", "\(labels)", "\(c.minLength?.value ?? -1)..\(c.maxLength?.value ?? -1)",
                        "[\(c.minimum?.value ?? "-") \(c.exclusiveMinimum?.value ?? "-") \(c.maximum?.value ?? "-") \(c.exclusiveMaximum?.value ?? "-")]",
                        c.decimalChar?.value ?? "-", c.groupChar?.value ?? "-", "\(c.trueValues?.value ?? []) \(c.falseValues?.value ?? [])",
                        field.field.concept ?? "-", field.field.example ?? "-"]
            if titles { line += [field.field.title ?? "-", field.field.description ?? "-"] }
            lines.append(line.joined(separator: " | "))
        }
        return lines
    }

    /// The shipped standards that describe a table. Left out: those without fields (the type
    /// library `uk-gov/core`, packages of tables), and those written for JSON documents, whose
    /// `path` fields (`recipientOrganization/0/id`, `beneficiaryLocation/*/geoCode`: several
    /// values per record) a table column cannot be.
    static func tabularShippedStandards() throws -> (tabular: [String], skipped: [String]) {
        var tabular: [String] = [], skipped: [String] = []
        for (id, _) in StandardResolver(searchPaths: TestSupport.searchPaths).shippedStandards() {
            guard let loaded = try? load(id) else { continue }
            let standard = loaded.resolved.standard
            if standard.fields.isEmpty || standard.dialect?.records != nil || standard.fields.contains(where: { $0.path != nil }) {
                skipped.append(id)
            } else {
                tabular.append(id)
            }
        }
        return (tabular, skipped)
    }

    @Test func tableSchemaRoundTripsEveryTabularShippedStandard() throws {
        let (tabular, skipped) = try Self.tabularShippedStandards()
        #expect(tabular.contains("uk-gov/brownfield-land-register") && tabular.contains("lga/planning-applications"))
        #expect(skipped.contains("uk-gov/core") && skipped.contains("360giving/grants"))
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for id in tabular {
            let original = try Self.load(id)
            let exported = Conform.exportStandard(original, to: .tableSchema)
            let name = id.replacingOccurrences(of: "/", with: "_") + ".schema.json"
            let imported = try Self.reload(exported.text, name, in: directory)
            JSONSchemaImportTests.expectSameShape(Self.shape(imported), Self.shape(original), id)
            // Nothing the import finds but what the export says it left out (`array` fields are read as such, with a note).
            let errors = imported.resolved.findings.filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(id): \(errors.map(\.message))")
            // The YAML `conform import` writes loads as the same standard too.
            let yaml = try Conform.importStandard(TestSupport.write(exported.text, name, in: directory), searchPaths: TestSupport.searchPaths)
            let again = try Self.reload(yaml.yaml, name + ".yaml", in: directory)
            JSONSchemaImportTests.expectSameShape(Self.shape(again), Self.shape(original), id + " through YAML")
        }
    }

    /// The LGA and Brownfield schemas as published: imported, exported, imported again, the same.
    @Test func publishedSchemasImportExportImport() throws {
        guard let shared = TestSupport.shared else { return }
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["lga/PlanningApplications", "lga/PremisesLicences", "lga/PublicToilets", "lga/Spend", "brownfield/brownfieldlandregister2017"] {
            let published = try Self.load(shared.appendingPathComponent("data/real/\(name).schema.json").path)
            let exported = Conform.exportStandard(published, to: .tableSchema)
            let again = try Self.reload(exported.text, URL(fileURLWithPath: name).lastPathComponent + ".schema.json", in: directory)
            JSONSchemaImportTests.expectSameShape(Self.shape(again), Self.shape(published), name)
            #expect(again.warnings.filter { $0.rule == "import-tolerance" }.isEmpty, "\(name): the export is strict Table Schema")
        }
    }

    @Test func tableSchemaContent() throws {
        let outcome = Conform.exportStandard(try Self.load("uk-gov/brownfield-land-register"), to: .tableSchema)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(outcome.text.utf8)) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://datapackage.org/profiles/2.0/tableschema.json")
        #expect(schema["name"] as? String == "uk-gov/brownfield-land-register")
        #expect(schema["uniqueKeys"] as? [[String]] == [["OrganisationURI", "SiteReference"]])
        let fields = try #require(schema["fields"] as? [[String: Any]])
        func field(_ name: String) -> [String: Any] { fields.first { $0["name"] as? String == name } ?? [:] }
        // uk-gov/core types resolved: iso-date is a date; the local-authority-uri its base and pattern.
        #expect(field("FirstAddedDate")["type"] as? String == "date")
        #expect((field("OrganisationURI")["constraints"] as? [String: Any])?["pattern"] != nil)
        // Code lists with labels are categories (and an enum for v1 readers).
        let crs = field("CoordinateReferenceSystem")
        #expect((crs["categories"] as? [[String: String]])?.first == ["value": "WGS84", "label": "World Geodetic System 1984 (longitude and latitude in decimal degrees)"])
        #expect((crs["constraints"] as? [String: Any])?["enum"] as? [String] == ["WGS84", "OSGB36", "ETRS89"])
        #expect((field("Hectares")["constraints"] as? [String: Any])?["minimum"] as? Int == 0)
        // What a Table Schema cannot say: listed, and at the end of the description.
        #expect(outcome.notExpressed.contains { $0.hasPrefix("row rule `updated-not-before-added`") })
        #expect(outcome.notExpressed.contains { $0 == "field `Hectares`: unit `hectare` (informational)" })
        #expect((schema["description"] as? String)?.contains("Not expressed in this Table Schema (conform export):\n- ") == true)
    }

    /// A dialect that is not the default goes into a Data Package resource, which imports back
    /// with it; a Table Schema alone says it cannot carry it.
    @Test func dataPackageCarriesTheDialect() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let standard = """
        conform: 1
        id: example/sites
        version: "2"
        title: Sites
        licence: OGL-UK-3.0
        dialect:
          delimiter: ";"
          encoding: latin-1
        missingValues: ["", "n/a"]
        fields:
          - name: id
            type: integer
            required: true
          - name: opened
            type: date
            format: '%d/%m/%Y'
        keys:
          primary: id
        """
        let loaded = try Self.reload(standard, "sites.yaml", in: directory)
        let table = Conform.exportStandard(loaded, to: .tableSchema)
        #expect(table.notExpressed.contains { $0.hasPrefix("the CSV dialect (delimiter `;`, encoding `latin-1`) belongs to a Data Package resource") })
        let package = Conform.exportStandard(loaded, to: .dataPackage, tableURL: "data/sites.csv")
        TestSupport.write("id;opened\n1;31/12/2020\n2;n/a\n", "data/sites.csv", in: directory)
        let imported = try Self.reload(package.text, "datapackage.json", in: directory)
        #expect(imported.id == "example/sites")
        #expect(imported.resolved.standard.dialect?.delimiter == UInt8(ascii: ";"))
        #expect(imported.resolved.standard.dialect?.encoding == "latin-1")
        #expect(imported.resolved.standard.licence == "OGL-UK-3.0")
        JSONSchemaImportTests.expectSameShape(Self.shape(imported), Self.shape(loaded), "sites")
        let outcome = Conform.validate(paths: [directory.appendingPathComponent("data/sites.csv").path], standard: imported)
        #expect(outcome.report.files.first?.errors == 0)
    }

    // MARK: JSON Schema

    /// The JSON Schema of every shipped standard is a valid draft 2020-12 schema.
    @Test func jsonSchemasAreValidDraft202012() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        guard let metaschema = Self.metaschema(in: directory) else { return }
        var paths: [String] = []
        for (id, _) in StandardResolver(searchPaths: TestSupport.searchPaths).shippedStandards() {
            guard let loaded = try? Self.load(id), !loaded.resolved.standard.fields.isEmpty else { continue }
            let outcome = Conform.exportStandard(loaded, to: .jsonSchema)
            paths.append(TestSupport.write(outcome.text, id.replacingOccurrences(of: "/", with: "_") + ".json", in: directory))
        }
        #expect(paths.count >= 6)
        try SchemaCheck.validate(paths, schema: metaschema, validator: "Draft202012Validator")
    }

    /// 360Giving's example grants pass the exported schema, record by record; a dirty grant fails
    /// it and conform alike.
    @Test func grantsPassTheExportedJSONSchema() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let loaded = try Self.load("360giving/grants")
        let outcome = Conform.exportStandard(loaded, to: .jsonSchema)
        let schemaPath = TestSupport.write(outcome.text, "grants.schema.json", in: directory)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(outcome.text.utf8)) as? [String: Any])
        #expect((schema["$comment"] as? String)?.contains("The records are the elements of the array at /grants") == true)
        #expect((schema["$comment"] as? String)?.contains("every cell is a string") == false)
        #expect((schema["required"] as? [String])?.contains("amountAwarded") == true)
        let properties = try #require(schema["properties"] as? [String: Any])
        // `/recipientOrganization/0/id`: the first element's member, through prefixItems.
        let organisation = try #require(properties["recipientOrganization"] as? [String: Any])
        #expect(String(describing: organisation).contains("prefixItems"))

        let examples = TestSupport.repositoryRoot.appendingPathComponent("examples/360giving/grants.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: examples)) as? [String: Any])
        let grants = try #require(document["grants"] as? [Any])
        #expect(Conform.validate(paths: [examples.path], standard: loaded).report.files.first?.errors == 0)
        let records = try grants.enumerated().map { index, grant in
            TestSupport.write(Array(try JSONSerialization.data(withJSONObject: grant)), "grant-\(index).json", in: directory)
        }
        #expect(records.count == grants.count && !records.isEmpty)
        try SchemaCheck.validate(records, schema: schemaPath, validator: "Draft202012Validator")

        // A dirty grant: an amount written as a string, a currency not in the list, a bad identifier.
        var dirty = try #require(grants.first as? [String: Any])
        dirty["amountAwarded"] = "5000"
        dirty["currency"] = "POUNDS"
        dirty["id"] = "1234"
        let dirtyPath = TestSupport.write(Array(try JSONSerialization.data(withJSONObject: ["grants": [dirty]])), "dirty.json", in: directory)
        let rules = Set(Conform.validate(paths: [dirtyPath], standard: loaded).report.files[0].findings.map(\.rule))
        #expect(rules.isSuperset(of: ["type-mismatch", "not-in-codelist", "pattern-mismatch"]), "\(rules)")
        let record = TestSupport.write(Array(try JSONSerialization.data(withJSONObject: dirty)), "dirty-record.json", in: directory)
        if let errors = Self.schemaErrors(record, schema: schemaPath) {
            #expect(errors.count == 3, "\(errors)")
            #expect(errors.contains { $0.hasPrefix("['amountAwarded']") } && errors.contains { $0.hasPrefix("['currency']") }
                    && errors.contains { $0.hasPrefix("['id']") }, "\(errors)")
        }
    }

    @Test func jsonSchemaOfACSVStandard() throws {
        let outcome = Conform.exportStandard(try Self.load("uk-gov/brownfield-land-register"), to: .jsonSchema)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(outcome.text.utf8)) as? [String: Any])
        let comment = try #require(schema["$comment"] as? String)
        #expect(comment.contains("This standard describes CSV files, where every cell is a string"))
        #expect(comment.contains("- row rule `updated-not-before-added`"))
        #expect(schema["additionalProperties"] as? Bool == false)
        let properties = try #require(schema["properties"] as? [String: [String: Any]])
        // Optional: a missing value, or a value; required: not a missing value.
        let dwellings = try #require(properties["NetDwellingsRangeFrom"])
        let branches = try #require(dwellings["anyOf"] as? [[String: Any]])
        #expect(branches.first?["$ref"] as? String == "#/$defs/missingValue")
        #expect(branches.last?["type"] as? String == "number" && branches.last?["minimum"] as? Int == 0)
        let reference = try #require(properties["SiteReference"])
        #expect(reference["type"] as? String == "string" && reference["maxLength"] as? Int == 50)
        #expect((reference["not"] as? [String: String]) == ["$ref": "#/$defs/missingValue"])
        #expect(properties["FirstAddedDate"]?["format"] as? String == "date")
        let status = try #require(properties["PlanningStatus"])
        #expect(status["$ref"] as? String == "#/$defs/planning-status")
        #expect(outcome.notExpressed.contains("unique key `OrganisationURI`, `SiteReference` (unique across records)"))
    }

    // MARK: CSVW

    @Test func csvwMetadata() throws {
        let outcome = Conform.exportStandard(try Self.load("uk-gov/brownfield-land-register"), to: .csvw, tableURL: "brownfield.csv")
        let metadata = try #require(try JSONSerialization.jsonObject(with: Data(outcome.text.utf8)) as? [String: Any])
        #expect(metadata["@context"] as? String == "http://www.w3.org/ns/csvw")
        #expect(metadata["url"] as? String == "brownfield.csv")
        #expect((metadata["dialect"] as? [String: Any])?["trim"] as? Bool == false)
        let comments = try #require(metadata["rdfs:comment"] as? [String])
        #expect(comments.contains { $0.hasPrefix("row rule `updated-not-before-added`") })
        #expect(comments.contains("unique key `OrganisationURI`, `SiteReference` (CSVW has a primary key only)"))
        let table = try #require(metadata["tableSchema"] as? [String: Any])
        let columns = try #require(table["columns"] as? [[String: Any]])
        func column(_ name: String) -> [String: Any] { columns.first { $0["titles"] as? String == name } ?? [:] }
        #expect(columns.count == 28)
        #expect(column("SiteReference")["name"] as? String == "SiteReference" && column("SiteReference")["required"] as? Bool == true)
        let reference = try #require(column("SiteReference")["datatype"] as? [String: Any])
        #expect(reference.count == 2 && reference["base"] as? String == "string" && reference["maxLength"] as? Int == 50)
        #expect(column("FirstAddedDate")["datatype"] as? String == "date")
        #expect((column("Hectares")["datatype"] as? [String: Any])?["minimum"] as? Int == 0)
        // A code list is a regular expression of its codes, anchored.
        #expect((column("PlanningStatus")["datatype"] as? [String: String])?["format"] == "^(?:permissioned|not permissioned|pending decision)$")
        #expect(CSVWExporter.name("Site Reference") == "Site%20Reference" && CSVWExporter.name("_x") == "%5Fx")
    }

    @Test func dateFormatsInOtherTerms() {
        #expect(TemporalPatterns.csvwPattern("%d/%m/%Y", base: .date) == "dd/MM/yyyy")
        #expect(TemporalPatterns.csvwPattern("%-d/%-m/%Y %H:%M", base: .datetime) == "d/M/yyyy HH:mm")
        #expect(TemporalPatterns.csvwPattern("%Y-%m-%d %H:%M:%S %z", base: .datetime) == "yyyy-MM-dd HH:mm:ss XXX")
        #expect(TemporalPatterns.csvwPattern("%d %B %Y", base: .date) == nil)
        let regex = TemporalPatterns.regex("%d/%m/%Y")
        #expect(regex == "(?:0[1-9]|[12][0-9]|3[01])\\/(?:0[1-9]|1[0-2])\\/[0-9]{4}")
    }

    /// The CLI writes the document to standard output and what is not expressed to standard error.
    @Test func exportCommand() throws {
        let run = try CLITests.run(["export", "uk-gov/brownfield-land-register", "--to", "csvw"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("{\n  \"@context\": \"http://www.w3.org/ns/csvw\""))
        #expect(run.stderr.contains("conform: not expressed in csvw: row rule `updated-not-before-added`"))
        #expect(run.stderr.contains("conform: exported uk-gov/brownfield-land-register as csvw: "))
        let missing = try CLITests.run(["export", "no/such-standard", "--to", "json-schema"])
        #expect(missing.status == 2)
    }

    // MARK: Helpers

    /// The draft 2020-12 metaschema, written by Python's jsonschema (nil when it is not installed).
    static func metaschema(in directory: URL) -> String? {
        let path = directory.appendingPathComponent("metaschema-2020-12.json").path
        let script = "import json, sys\ntry:\n    import jsonschema\nexcept ImportError:\n    sys.exit(3)\n"
            + "json.dump(jsonschema.Draft202012Validator.META_SCHEMA, open(sys.argv[1], 'w'))\n"
        guard python(script, [path]) != nil else { return nil }
        return path
    }

    /// The errors of `instance` against `schema` with Python's jsonschema, as `[path] message`
    /// lines; nil when it is not installed.
    static func schemaErrors(_ instance: String, schema: String) -> [String]? {
        let script = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            sys.exit(3)
        cls = jsonschema.Draft202012Validator
        validator = cls(json.load(open(sys.argv[1])), format_checker=cls.FORMAT_CHECKER)
        for error in validator.iter_errors(json.load(open(sys.argv[2]))):
            print(list(error.absolute_path), error.message[:200])
        """
        return python(script, [schema, instance]).map { $0.split(separator: "\n").map(String.init) }
    }

    private static func python(_ script: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        guard (try? process.run()) != nil else {
            if ProcessInfo.processInfo.environment["CONFORM_REQUIRE_SCHEMA_CHECK"] == "1" { Issue.record("python3 cannot run") }
            return nil
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            if ProcessInfo.processInfo.environment["CONFORM_REQUIRE_SCHEMA_CHECK"] == "1" || process.terminationStatus != 3 {
                Issue.record("python3 failed: \(text)")
            }
            return nil
        }
        return text
    }
}
