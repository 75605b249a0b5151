import Foundation
import Testing
@testable import ConformKit

/// CSV on the Web metadata as standards (`--standard csv-metadata.json#table.csv`): the
/// mapping of tables, columns, datatypes, formats and dialects to conform's model, the
/// metadata errors and warnings CSVW defines, the findings on data, and a selection of the W3C
/// validation suite (`../shared/data/w3c-csvw`, skipped when absent).
struct CSVWImportTests {
    static let metadata = """
    {
      "@context": ["http://www.w3.org/ns/csvw", {"@language": "en"}],
      "url": "sites.csv",
      "dc:title": "Sites",
      "null": ["", "n/a"],
      "dialect": {"delimiter": ";", "skipRows": 1, "commentPrefix": "#"},
      "tableSchema": {
        "columns": [
          {"name": "id", "titles": ["Site ID", "ID"], "datatype": {"base": "integer", "minimum": 1}, "required": true},
          {"name": "area", "titles": "Area", "datatype": {"base": "decimal", "format": {"pattern": "#,##0.0#", "groupChar": ",", "decimalChar": "."}}},
          {"name": "open", "titles": "Open", "datatype": {"base": "boolean", "format": "Y|N"}},
          {"name": "surveyed", "titles": "Surveyed", "datatype": {"base": "date", "format": "dd.MM.yyyy"}},
          {"name": "code", "titles": "Code", "datatype": {"base": "string", "format": "^[A-Z]{2}$", "length": 2}, "null": "-"},
          {"name": "month", "titles": "Month", "datatype": "gYearMonth"},
          {"name": "small", "titles": "Small", "datatype": "unsignedByte", "default": "0"},
          {"name": "tags", "titles": "Tags", "separator": " ", "datatype": {"base": "NMTOKEN", "maxLength": 3}},
          {"name": "kind", "virtual": true, "valueUrl": "schema:Place"}
        ],
        "primaryKey": "id",
        "foreignKeys": [{"columnReference": "code", "reference": {"resource": "sites.csv", "columnReference": "id"}}]
      }
    }
    """

    func load(_ text: String, name: String = "sites.csv-metadata.json", extraFiles: [String: String] = [:],
              reference: String? = nil) throws -> (Conform.LoadedStandard, URL) {
        let directory = TestSupport.temporaryDirectory()
        for (file, contents) in extraFiles { TestSupport.write(contents, file, in: directory) }
        let path = TestSupport.write(text, name, in: directory)
        return (try Conform.loadStandard(path + (reference.map { "#\($0)" } ?? ""), searchPaths: TestSupport.searchPaths), directory)
    }

    /// Every finding of loading `text` (errors and warnings), as "rule severity line:column".
    func lint(_ text: String, reference: String? = nil, extraFiles: [String: String] = [:]) -> [Finding] {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (file, contents) in extraFiles { TestSupport.write(contents, file, in: directory) }
        let path = TestSupport.write(text, "metadata.json", in: directory)
        return Conform.lint([path + (reference.map { "#\($0)" } ?? "")], searchPaths: TestSupport.searchPaths).findings
    }

    @Test func mapsColumnsDatatypesDialectAndKeys() throws {
        let (loaded, directory) = try load(Self.metadata)
        defer { try? FileManager.default.removeItem(at: directory) }
        let standard = loaded.resolved.standard
        #expect(standard.id == "sites")
        #expect(standard.title == "Sites")
        #expect(standard.columns == .exact)
        let fields = Dictionary(uniqueKeysWithValues: standard.fields.map { ($0.name, $0) })
        // Titles name the header (the first is the name, the others aliases); virtual columns have no cells.
        #expect(standard.fields.map(\.name) == ["Site ID", "Area", "Open", "Surveyed", "Code", "Month", "Small", "Tags"])
        #expect(fields["Site ID"]?.aliases == ["ID"])
        #expect(fields["Site ID"]?.type.value == "integer" && fields["Site ID"]?.isRequired == true)
        #expect(fields["Site ID"]?.constraints.xsdType?.value == "integer" && fields["Site ID"]?.constraints.minimum?.value == "1")
        #expect(fields["Area"]?.type.value == "number" && fields["Area"]?.constraints.numberFormat?.value == "#,##0.0#")
        #expect(fields["Area"]?.constraints.groupChar?.value == "," && fields["Area"]?.constraints.xsdType?.value == "decimal")
        #expect(fields["Open"]?.constraints.trueValues?.value == ["Y"] && fields["Open"]?.constraints.falseValues?.value == ["N"])
        #expect(fields["Surveyed"]?.type.value == "date" && fields["Surveyed"]?.constraints.format?.value == "%d.%m.%Y")
        #expect(fields["Code"]?.constraints.pattern?.value == "(?s:.*?)(?:^[A-Z]{2}$)(?s:.*)")
        #expect(fields["Code"]?.constraints.minLength?.value == 2 && fields["Code"]?.constraints.maxLength?.value == 2)
        #expect(fields["Month"]?.type.value == "string" && fields["Month"]?.constraints.xsdType?.value == "gYearMonth")
        #expect(fields["Small"]?.constraints.xsdType?.value == "unsignedByte" && fields["Small"]?.defaultValue?.value == "0")
        #expect(fields["Tags"]?.type.value == "array" && fields["Tags"]?.separator?.value == " ")
        #expect(fields["Tags"]?.items?.constraints.xsdType?.value == "NMTOKEN" && fields["Tags"]?.items?.constraints.maxLength?.value == 3)
        // `null` differs between columns: each field has its own list.
        #expect(fields["Code"]?.missingValues == ["-"] && fields["Area"]?.missingValues == ["", "n/a"])
        #expect(standard.keys.primary?.value == ["Site ID"])
        // The dialect, read without sniffing; cells trimmed as CSVW says by default.
        let dialect = try #require(standard.dialect)
        #expect(dialect.delimiter == UInt8(ascii: ";") && dialect.quoteChar == UInt8(ascii: "\"") && dialect.header == true)
        #expect(dialect.skipRows == 1 && dialect.commentPrefix == "#" && dialect.trim == .both)
        // Places point into the metadata file.
        let minimum = try #require(fields["Site ID"]?.constraints.minimum?.location)
        #expect(minimum.file.hasSuffix("sites.csv-metadata.json") && minimum.line == 9, "\(minimum)")
        // The foreign key, by field names, within the table; a `null` marker is looked up as CSVW validators do.
        let foreign = try #require(standard.keys.foreign.first)
        #expect(foreign.fields.value == ["Code"] && foreign.table == nil && foreign.referencedFields == ["Site ID"])
        #expect(foreign.checksMissingMarkers && foreign.fields.location.line == 20)
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings.map(\.message))")
    }

    /// The imported standard checks data as the metadata says, with CSVW's cell handling:
    /// rows skipped and comments, trimmed cells, per-column null values, defaults, lists.
    @Test func findingsOnData() throws {
        let (loaded, directory) = try load(Self.metadata)
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = """
        A report, not part of the table
        Site ID;Area;Open;Surveyed;Code;Month;Small;Tags
        1;"1,234.5";Y;31.12.2020;GB;2020-01;;a bb
        # a comment line
        0;1234.5;yes;31.02.2020;gbr;2020-13;256;a toolong
         3 ; n/a ;N;01.01.2021;-;2021-12;255;
        """
        let path = TestSupport.write(csv, "sites.csv", in: directory)
        let outcome = Conform.validate(paths: [path], standard: loaded, options: ValidationOptions(maxFindings: 100))
        let file = try #require(outcome.report.files.first)
        #expect(file.rows == 3)
        // (Code references Site ID of the same table: no code is a site id, and `-`, a null marker, is looked up too.)
        #expect(file.findings.map { "\($0.row ?? -1) \($0.line ?? -1) \($0.column ?? "-") \($0.rule) \($0.value ?? "")" } == [
            "1 3 Code foreign-key GB",
            "2 5 Site ID below-minimum 0",
            "2 5 Area type-mismatch 1234.5",
            "2 5 Open type-mismatch yes",
            "2 5 Surveyed type-mismatch 31.02.2020",
            "2 5 Code pattern-mismatch gbr",
            "2 5 Code too-long gbr",
            "2 5 Month type-mismatch 2020-13",
            "2 5 Small type-mismatch 256",
            "2 5 Tags too-long toolong",
            "2 5 Code foreign-key gbr",
            "3 6 Code foreign-key -",
        ], "\(file.findings.map { "\($0.row ?? -1) \($0.line ?? -1) \($0.column ?? "-") \($0.rule) \($0.value ?? "") \($0.message)" })")
        // Each finding points at the constraint in the metadata.
        let below = try #require(file.findings.first { $0.rule == "below-minimum" })
        #expect(below.standardLocation?.line == 9 && below.standardLocation?.file.hasSuffix("sites.csv-metadata.json") == true)
        let month = try #require(file.findings.first { $0.column == "Month" })
        #expect(month.message.contains("gYearMonth") && month.expected?.contains("YYYY-MM") == true, "\(month.message) \(month.expected ?? "")")
    }

    /// What CSVW says is an error in metadata is an error; what it says to ignore is a warning.
    @Test func metadataErrorsAndWarnings() {
        func findings(_ json: String, reference: String? = nil) -> [String] {
            lint(json, reference: reference).map { "\($0.rule) \($0.severity.rawValue) \($0.line ?? 0)" }
        }
        let head = #""@context": "http://www.w3.org/ns/csvw", "url": "t.csv""#
        #expect(findings("{\(head), \"@id\": \"_:b\", \"tableSchema\": {\"columns\": [{\"titles\": \"a\"}]}}") == ["invalid-value error 1"])
        #expect(findings("{\(head), \"foo\": 1, \"tableSchema\": {\"columns\": [{\"titles\": \"a\"}]}}") == ["unknown-key warning 1"])
        #expect(findings("{\(head), \"null\": true, \"tableSchema\": {\"columns\": [{\"titles\": \"a\"}]}}") == ["invalid-value warning 1"])
        let columns = { (columns: String) in findings("{\(head),\n\"tableSchema\": {\"columns\": [\n\(columns)]}}") }
        #expect(columns("{\"titles\": \"a\", \"virtual\": true},\n{\"titles\": \"b\"}") == ["invalid-value error 4"])
        #expect(columns("{\"name\": \"a\", \"titles\": \"a\"},\n{\"name\": \"a\", \"titles\": \"b\"}") == ["invalid-value error 4"])
        #expect(columns("{\"titles\": \"d\", \"datatype\": {\"base\": \"date\", \"length\": 2}}") == ["invalid-value error 3"])
        #expect(columns("{\"titles\": \"s\", \"datatype\": {\"base\": \"string\", \"minimum\": 2}}") == ["invalid-value error 3"])
        #expect(columns("{\"titles\": \"s\", \"datatype\": {\"base\": \"string\", \"format\": \"+\"}}") == ["invalid-value warning 3"])
        #expect(columns("{\"titles\": \"s\", \"datatype\": \"foo\"}") == ["invalid-value warning 3"])
        // With a header, a column is matched by its titles: one with a name only can never match.
        #expect(columns("{\"name\": \"a\"}") == ["invalid-value error 3"])
        // Common properties must stay inside CSVW's JSON-LD subset.
        #expect(findings("{\(head), \"dc:x\": {\"@list\": [1]}, \"tableSchema\": {\"columns\": [{\"titles\": \"a\"}]}}") == ["invalid-value error 1"])
        #expect(findings("{\(head), \"dc:x\": {\"@type\": \"schema:Thing\"}, \"tableSchema\": {\"columns\": [{\"titles\": \"a\"}]}}") == [])
        // Foreign keys: checked against the document, and reported as not checked on data.
        let group = """
        {"@context": "http://www.w3.org/ns/csvw", "tables": [
          {"url": "a.csv", "tableSchema": {"columns": [{"name": "x", "titles": "x"}],
            "foreignKeys": [{"columnReference": "x", "reference": {"resource": "b.csv", "columnReference": "nope"}}]}},
          {"url": "b.csv", "tableSchema": {"columns": [{"name": "y", "titles": "y"}]}}
        ]}
        """
        #expect(findings(group, reference: "b.csv") == ["invalid-value error 3"])
    }

    /// A table group: a table is chosen by its url; without one, the group's tables are listed.
    @Test func tableGroupsAndSchemaFiles() throws {
        let group = """
        {
          "@context": ["http://www.w3.org/ns/csvw", {"@base": "data/"}],
          "lang": "en",
          "tables": [
            {"url": "people.csv", "tableSchema": "people.schema.json"},
            {"url": "places.csv", "tableSchema": {"columns": [{"titles": {"en-GB": "Place", "fr": "Lieu"}}]}, "dialect": {"header": false}}
          ]
        }
        """
        let schema = #"{"columns": [{"name": "n", "titles": "Name", "datatype": "string"}]}"#
        let (people, directory) = try load(group, name: "group.json", extraFiles: ["data/people.schema.json": schema], reference: "people.csv")
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(people.resolved.standard.id == "group/people.csv")
        #expect(people.resolved.standard.fields.map(\.name) == ["Name"])
        #expect(people.resolved.standard.fields[0].type.location.file.hasSuffix("data/people.schema.json"))
        let places = try Conform.loadStandard(directory.appendingPathComponent("group.json").path + "#data/places.csv",
                                              searchPaths: TestSupport.searchPaths)
        // No header: columns by position, named by their (derived) names.
        #expect(places.resolved.standard.dialect?.header == false)
        #expect(places.resolved.standard.fields.map(\.name) == ["Place"])
        // Without a table named, the group is a package of its tables, named by their urls.
        let whole = try Conform.loadStandard(directory.appendingPathComponent("group.json").path, searchPaths: TestSupport.searchPaths)
        #expect(Conform.isPackage(whole) && whole.tables.map(\.name) == ["people.csv", "places.csv"], "\(whole.tables.map(\.name))")
        // Titles in a language the header's (the table's `lang`) does not match cannot match a header.
        let german = #"{"@context": "http://www.w3.org/ns/csvw", "url": "t.csv", "lang": "de", "tableSchema": {"columns": [{"titles": {"en": "A"}}]}}"#
        #expect(lint(german).map(\.rule) == ["invalid-value"])
        let english = #"{"@context": "http://www.w3.org/ns/csvw", "url": "t.csv", "lang": "en", "tableSchema": {"columns": [{"titles": {"en-US": "A"}}]}}"#
        #expect(lint(english).isEmpty)
    }

    /// Without a schema a table is its header as it is (CSVW's embedded metadata): only the
    /// structure of the CSV is checked.
    @Test func tableWithoutSchema() throws {
        let (loaded, directory) = try load(#"{"@context": "http://www.w3.org/ns/csvw", "url": "any.csv"}"#)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(loaded.resolved.standard.fields.isEmpty && loaded.resolved.standard.columns == .subset)
        let path = TestSupport.write("a,b\n1,2\n3\n", "any.csv", in: directory)
        let file = try #require(Conform.validate(paths: [path], standard: loaded).report.files.first)
        #expect(file.findings.map(\.rule) == ["missing-cell"])
    }

    /// Rows skipped at the start, comments, trimmed cells, lists and per-column nulls give the
    /// same report on any number of cores as on one, and as the streaming path.
    @Test func sameReportOnAnyNumberOfCores() throws {
        let (loaded, directory) = try load(Self.metadata)
        defer { try? FileManager.default.removeItem(at: directory) }
        var csv = "Report of 2024\nSite ID;Area;Open;Surveyed;Code;Month;Small;Tags\n"
        for row in 1...3000 {
            if row % 97 == 0 { csv += "# checked on \(row)\n" }
            let id = row % 500 == 0 ? "7" : String(row)
            let area = row % 61 == 0 ? "12.345" : " 1,234.5 "
            let code = row % 43 == 0 ? "abc" : (row % 7 == 0 ? "-" : "GB")
            let tags = row % 53 == 0 ? "a toolong" : "a bb c"
            csv += "\(id);\(area);\(row % 2 == 0 ? "Y" : "N");31.12.2020;\(code);2020-0\(row % 9 + 1);\(row % 300);\(tags)\n"
        }
        let path = TestSupport.write(csv, "sites.csv", in: directory)
        func report(jobs: Int) -> String {
            var options = ValidationOptions(maxFindings: 1000, jobs: jobs)
            options.minimumParallelBytes = 4096
            return JSONRenderer().render(Conform.validate(paths: [path], standard: loaded, options: options).report, options: RenderOptions())
        }
        let sequential = report(jobs: 1)
        for rule in ["duplicate-key", "type-mismatch", "too-long", "pattern-mismatch"] { #expect(sequential.contains(rule), "\(rule)") }
        for jobs in [2, 3, 4] { #expect(report(jobs: jobs) == sequential, "jobs \(jobs)") }
        guard case let .success(compiled) = CompiledStandard.compile(loaded.resolved) else { throw CancellationError() }
        let opened = try InputOpener.open(path: path, dialect: loaded.resolved.standard.dialect, format: .csv)
        let reader = CSVReader(source: MemoryByteSource(Array(try Data(contentsOf: URL(fileURLWithPath: path)))), dialect: opened.dialect)
        let validator = FileValidator(compiled: compiled, file: path, encoding: .utf8, options: ValidationOptions(maxFindings: 1000))
        validator.foreignKeyWork = ForeignKeyWork.forSingleTable(compiled)
        let streamed = ValidationReport(tool: "conform \(Conform.version)", failOn: .error, files: [try validator.run(reader)])
        #expect(JSONRenderer().render(streamed, options: RenderOptions()) == sequential)
    }

    // MARK: Values

    /// UAX #35 number patterns as the W3C suite writes them (tests 282 to 304).
    @Test func numberPatterns() throws {
        func accepts(_ pattern: String, _ value: String, kind: NumberFormat.Kind = .decimal) throws -> Bool {
            let format = try NumberFormat(pattern: pattern, kind: kind, groupChar: nil)
            var copy = value
            return copy.withUTF8 { format.parse(UnsafeRawBufferPointer($0)) } != nil
        }
        for (pattern, good, bad) in [
            ("##0", ["1", "12", "1234"], ["1,234", "123.4"]),
            ("#,#00", ["12", "123", "1,234", "1,234,567"], ["1", "1234", "12,34", "12,34,567"]),
            ("#,##,#00", ["12", "1,234", "12,34,567"], ["1", "1234", "12,34", "1,234,567"]),
            ("#0.#", ["1", "1.2", "1234.5"], ["12.34", "1,234.5"]),
            ("#0.0#", ["1.2", "12.34"], ["1", "12.345"]),
            ("#0.0#,#", ["12.3", "12.34", "12.24,5"], ["1", "12.345", "12.34,567"]),
            ("0.000,0##", ["1.199,9", "1.123,456"], ["1.123"]),
            ("+0", ["+1", "-1"], ["a"]),
            ("000%", ["123%", "-123%"], ["123"]),
            ("#0.###E#0", ["0.0E0", "10.10E1"], ["10.10"]),
        ] as [(String, [String], [String])] {
            let kind: NumberFormat.Kind = pattern.contains("E") ? .double : .decimal
            for value in good { #expect(try accepts(pattern, value, kind: kind), "\(pattern) should accept \(value)") }
            for value in bad { #expect(try !accepts(pattern, value, kind: kind), "\(pattern) should refuse \(value)") }
        }
        #expect(throws: NumberFormatError.self) { _ = try NumberFormat(pattern: "[", kind: .double, groupChar: nil) }
        // Without a pattern: CSVW's lexical forms, percent and per-mille, implied ranges.
        func value(_ text: String, _ kind: NumberFormat.Kind, group: UInt8? = nil) throws -> ParsedValue? {
            let format = try NumberFormat(pattern: nil, kind: kind, groupChar: group)
            var copy = text
            return copy.withUTF8 { format.parse(UnsafeRawBufferPointer($0)) }
        }
        #expect(try value("123456.789%", .decimal)?.compare(.number(1234.56789)) == 0)
        #expect(try value("123456.789‰", .decimal)?.compare(.number(123.456789)) == 0)
        #expect(try value("123,456.789", .decimal, group: UInt8(ascii: ","))?.compare(.number(123456.789)) == 0)
        #expect(try value("123,,456.789", .decimal, group: UInt8(ascii: ",")) == nil)
        #expect(try value("1.5E3", .decimal) == nil && value("NaN", .decimal) == nil && value("1.5E3", .double) != nil)
        #expect(try value("-INF", .double) != nil && value("3.2", .integer(range: nil)) == nil)
        #expect(try value("255", .integer(range: XSDType.unsignedByte.integerRange)) != nil)
        #expect(try value("256", .integer(range: XSDType.unsignedByte.integerRange)) == nil)
        #expect(try value("-1", .integer(range: XSDType.nonNegativeInteger.integerRange)) == nil)
    }

    /// UAX #35 date and time formats to conform's, and the directives they need.
    @Test func temporalFormats() throws {
        #expect(CSVWImporter.temporalFormat(fromUAX35: "M/d/yyyy", kind: .date) == "%-m/%-d/%Y")
        #expect(CSVWImporter.temporalFormat(fromUAX35: "yyyy-MM-ddX", kind: .date) == "%Y-%m-%d%Ez")
        #expect(CSVWImporter.temporalFormat(fromUAX35: "HH:mm:ss.SS", kind: .time) == "%H:%M:%S.%2f")
        #expect(CSVWImporter.temporalFormat(fromUAX35: "yyyy-MM-dd HH:mm:ss XXX", kind: .datetime) == "%Y-%m-%d %H:%M:%S %z")
        #expect(CSVWImporter.temporalFormat(fromUAX35: "yy-MM-dd", kind: .date) == nil)
        #expect(CSVWImporter.temporalFormat(fromUAX35: "HH:mm", kind: .date) == nil)
        func parses(_ kind: TemporalKind, _ pattern: String, _ value: String) throws -> Bool {
            let format = try TemporalFormat(kind: kind, pattern: pattern)
            var copy = value
            return copy.withUTF8 { format.parse(UnsafeRawBufferPointer($0)) } != nil
        }
        #expect(try parses(.time, "%H:%M:%S%Ez", "15:02:37-05") && parses(.time, "%H%M %Ez", "1502 +0800"))
        #expect(try parses(.time, "%H:%M:%S.%1f", "15:02:37.1") && !parses(.time, "%H:%M:%S.%1f", "15:02:37.143"))
        #expect(try parses(.date, "%Y-%m-%d%?z", "2015-03-22") && parses(.date, "%Y-%m-%d%?z", "2015-03-22-08:00"))
        #expect(try !parses(.date, "%Y-%m-%d%?z", "2015-03-22 "))
    }

    /// XML Schema lexical spaces and binary lengths, through standards written in YAML.
    @Test func xsdTypes() throws {
        let body = """
        fields:
          - name: ym
            xsdType: gYearMonth
          - name: hex
            xsdType: hexBinary
            minLength: 2
          - name: b64
            xsdType: base64Binary
            maxLength: 3
          - name: d
            xsdType: duration
          - name: n
            type: integer
            xsdType: byte
          - name: when
            type: date
            xsdType: date
        """
        let file = try TestSupport.validate(standard: body, csv: """
        ym,hex,b64,d,n,when
        2024-03,0FB7,U2Vu,P1DT2H,-128,2024-02-29Z
        2024-3,0FB,U2VuZA==,PT,128,2024-02-30
        """)
        #expect(file.findings.map { "\($0.column ?? "-") \($0.rule)" } == [
            "ym type-mismatch", "hex type-mismatch", "b64 too-long", "d type-mismatch", "n type-mismatch", "when type-mismatch",
        ], "\(file.findings.map(\.message))")
        let lint = TestSupport.lint("conform: 1\nid: t\nfields:\n  - name: a\n    type: string\n    xsdType: byte\n")
        #expect(lint.map(\.rule) == ["invalid-value"])
    }

    /// A YAML standard written by `conform import` from CSVW metadata loads back as the same standard.
    @Test func importWritesYAMLThatLoadsBack() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = TestSupport.write(Self.metadata, "sites.csv-metadata.json", in: directory)
        let outcome = try Conform.importStandard(path, searchPaths: TestSupport.searchPaths)
        #expect(outcome.format == "csvw")
        let yaml = TestSupport.write(outcome.yaml, "sites.yaml", in: directory)
        let reloaded = try Conform.loadStandard(yaml, searchPaths: TestSupport.searchPaths)
        let original = try Conform.loadStandard(path, searchPaths: TestSupport.searchPaths)
        #expect(reloaded.resolved.standard.fields.map(\.name) == original.resolved.standard.fields.map(\.name))
        for (a, b) in zip(reloaded.resolved.standard.fields, original.resolved.standard.fields) {
            #expect(a.type.value == b.type.value && a.aliases == b.aliases && a.missingValues == b.missingValues, "\(a.name)")
            #expect(a.constraints.xsdType?.value == b.constraints.xsdType?.value && a.constraints.pattern?.value == b.constraints.pattern?.value)
            #expect(a.constraints.numberFormat?.value == b.constraints.numberFormat?.value && a.separator?.value == b.separator?.value)
            #expect(a.items?.constraints.xsdType?.value == b.items?.constraints.xsdType?.value && a.defaultValue?.value == b.defaultValue?.value)
        }
        #expect(reloaded.resolved.standard.dialect == original.resolved.standard.dialect)
        #expect(reloaded.resolved.standard.keys.primary?.value == original.resolved.standard.keys.primary?.value)
    }

    // MARK: The W3C suite

    /// A fixed selection of the W3C CSVW validation suite, each with the outcome it expects:
    /// its metadata (the case's action) imported, every table's CSV validated.
    @Test(arguments: [
        ("test125", "errors"), ("test126", "errors"), ("test127", "errors"), ("test152", "valid"), ("test154", "errors"),
        ("test155", "valid"), ("test158", "valid"), ("test162", "errors"), ("test164", "errors"), ("test168", "valid"),
        ("test170", "valid"), ("test172", "errors"), ("test183", "valid"), ("test185", "errors"), ("test187", "valid"),
        ("test188", "valid"), ("test189", "valid"), ("test190", "valid"), ("test192", "errors"), ("test193", "valid"),
        ("test195", "valid"), ("test196", "errors"), ("test209", "valid"), ("test216", "errors"), ("test228", "valid"),
        ("test230", "errors"), ("test232", "errors"), ("test247", "errors"), ("test251", "errors"), ("test269", "errors"),
        ("test273", "valid"), ("test282", "valid"), ("test283", "valid"), ("test284", "valid"), ("test285", "valid"),
        ("test295", "errors"), ("test304", "errors"), ("test040", "warnings"), ("test153", "warnings"), ("test184", "warnings"),
    ])
    func w3cCase(id: String, expected: String) throws {
        guard let shared = TestSupport.shared else { return }
        let suite = shared.appendingPathComponent("data/w3c-csvw")
        guard FileManager.default.fileExists(atPath: suite.appendingPathComponent("manifest-validation.jsonld").path) else { return }
        let metadata = suite.appendingPathComponent("\(id)-metadata.json")
        let data = try Data(contentsOf: metadata)
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var base = metadata
        if let context = document["@context"] as? [Any], let local = context.compactMap({ $0 as? [String: Any] }).first,
           let relative = local["@base"] as? String {
            base = URL(string: relative, relativeTo: metadata)!.appendingPathComponent("x")
        }
        let tables = (document["tables"] as? [[String: Any]]) ?? [document]
        var errors = 0, warnings = 0
        for table in tables {
            let url = try #require(table["url"] as? String)
            let reference = metadata.path + "#" + url
            do {
                let loaded = try Conform.loadStandard(reference, searchPaths: TestSupport.searchPaths)
                warnings += loaded.warnings.count
                let csv = URL(string: url, relativeTo: base.deletingLastPathComponent())!.path
                let report = Conform.validate(paths: [csv], standard: loaded).report.files[0]
                errors += report.errors
                warnings += report.warnings
            } catch {
                errors += 1
            }
        }
        let got = errors > 0 ? "errors" : (warnings > 0 ? "warnings" : "valid")
        #expect(got == expected, "\(id): expected \(expected), got \(got)")
    }
}
