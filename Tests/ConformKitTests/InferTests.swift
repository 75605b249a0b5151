import Foundation
import Testing
@testable import ConformKit

/// `conform infer`: the type proposed for each kind of column, the YAML it writes, and the round
/// trip every draft must survive (it lints clean, and the file it came from validates against it
/// with no errors).
@Suite struct InferTests {
    // MARK: Helpers

    /// Infers from `csv` written to a temporary file (removed afterwards).
    static func infer(_ csv: String, name: String = "data.csv", options: Conform.InferOptions = options()) throws -> InferredStandard {
        try infer(bytes: Array(csv.utf8), name: name, options: options)
    }

    static func infer(bytes: [UInt8], name: String = "data.csv", options: Conform.InferOptions = options()) throws -> InferredStandard {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        return try Conform.infer(path: TestSupport.write(bytes, name, in: directory), options: options)
    }

    static func options(sample: Int? = nil) -> Conform.InferOptions {
        Conform.InferOptions(sampleRows: sample, searchPaths: TestSupport.searchPaths)
    }

    /// Infers from the file at `path`, writes the draft, lints it (no findings at all) and validates
    /// `path` against it. Returns the draft and the validation report.
    @discardableResult
    static func roundTrip(_ path: String, options: Conform.InferOptions = options(),
                          sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> (InferredStandard, FileReport) {
        let inferred = try Conform.infer(path: path, options: options)
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let standardPath = TestSupport.write(inferred.yaml, "inferred.yaml", in: directory)
        let lint = Conform.lint([standardPath], searchPaths: TestSupport.searchPaths)
        #expect(lint.findings.isEmpty, "lint: \(lint.findings.map(\.message))\n\(inferred.yaml)", sourceLocation: sourceLocation)
        let loaded = try Conform.loadStandard(standardPath, searchPaths: TestSupport.searchPaths)
        let outcome = Conform.validate(paths: [path], standard: loaded, options: ValidationOptions(maxFindings: 1000))
        #expect(outcome.unreadable.isEmpty, sourceLocation: sourceLocation)
        let report = try #require(outcome.report.files.first, sourceLocation: sourceLocation)
        return (inferred, report)
    }

    /// Round trip of in-memory CSV; expects no error findings.
    @discardableResult
    static func roundTrip(csv: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> InferredStandard {
        try roundTrip(bytes: Array(csv.utf8), sourceLocation: sourceLocation)
    }

    @discardableResult
    static func roundTrip(bytes: [UInt8], name: String = "data.csv", sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> InferredStandard {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (inferred, report) = try roundTrip(TestSupport.write(bytes, name, in: directory), sourceLocation: sourceLocation)
        #expect(report.errors == 0, "\(report.findings.filter { $0.severity == .error }.map(\.message))\n\(inferred.yaml)",
                sourceLocation: sourceLocation)
        return inferred
    }

    static func column(_ inferred: InferredStandard, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> InferredColumn {
        try #require(inferred.columns.first { $0.name == name }, "no column \(name)", sourceLocation: sourceLocation)
    }

    /// CSV text of a header and rows of cells.
    static func csv(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    // MARK: Types

    @Test func leadingZeroCodesStayText() throws {
        let data = Self.csv(["Code", "Count", "Mixed"], (0..<12).map { i in [["01", "007", "12", "099"][i % 4], String(i * 3), i == 5 ? "05" : String(i)] })
        let inferred = try Self.roundTrip(csv: data)
        let code = try Self.column(inferred, "Code")
        #expect(code.type == "string")
        #expect(code.notes.contains { $0.contains("leading zeros") && $0.contains("\"01\"") })
        #expect(try Self.column(inferred, "Count").type == "integer")
        // One code with a leading zero among plain integers makes the whole column text.
        #expect(try Self.column(inferred, "Mixed").type == "string")
    }

    @Test func integersAndNumbers() throws {
        let data = "Int,Num,Signed,Grouped,Exp\n" + (0..<10).map { i in
            "\(i * 7),\(Double(i) + 0.25),\(i % 2 == 0 ? "-" : "+")\(i),\"\(i + 1),\(String(format: "%03d", i * 37))\",\(i)e3"
        }.joined(separator: "\n") + "\n"
        let inferred = try Self.roundTrip(csv: data)
        let int = try Self.column(inferred, "Int")
        #expect(int.type == "integer")
        #expect(int.statistics.minimum == "0" && int.statistics.maximum == "63")
        #expect(int.required)
        let number = try Self.column(inferred, "Num")
        #expect(number.type == "number")
        #expect(number.statistics.minimum == "0.25" && number.statistics.maximum == "9.25")
        #expect(try Self.column(inferred, "Signed").type == "integer")
        let grouped = try Self.column(inferred, "Grouped")
        #expect(grouped.type == "integer" && grouped.groupChar == ",")
        #expect(grouped.statistics.minimum == "1000" && grouped.statistics.maximum == "10333")
        #expect(try Self.column(inferred, "Exp").type == "number")
        // Observed bounds are comments, never constraints.
        #expect(!inferred.yaml.contains("minimum:") && !inferred.yaml.contains("maximum:"))
        #expect(inferred.yaml.contains("# 0 missing of 10; 10 distinct values; observed 0 to 63"))
    }

    @Test func listsOfNumbersAreNotGroupedNumbers() throws {
        let inferred = try Self.roundTrip(csv: "Codes\n\"1,2\"\n\"3,4\"\n\"10,12\"\n")
        #expect(try Self.column(inferred, "Codes").type == "string")
    }

    @Test func datesInBothFormats() throws {
        let data = Self.csv(["Iso", "Uk", "UkShort", "Stamp", "Local", "Time", "NotADate"], [
            ["2017-12-31", "21/12/2016", "1/6/2014", "2017-12-31T23:59:00Z", "2017-12-31 23:59", "09:30", "2017-02-29"],
            ["2018-01-01", "01/02/2017", "15/10/2014", "2018-01-01T00:00:00+01:00", "2018-01-01 00:00", "17:45", "2017-03-01"],
            ["2016-02-29", "31/01/2018", "3/11/2015", "2016-02-29T12:00:00.5", "2016-02-29 12:00", "00:00", "2017-03-02"],
        ])
        let inferred = try Self.roundTrip(csv: data)
        let iso = try Self.column(inferred, "Iso")
        #expect(iso.type == "iso-date" && iso.usesCore && iso.format == nil)
        #expect(iso.statistics.minimum == "2016-02-29" && iso.statistics.maximum == "2018-01-01")
        let uk = try Self.column(inferred, "Uk")
        #expect(uk.type == "date" && uk.format == "%d/%m/%Y")
        #expect(uk.statistics.minimum == "21/12/2016" && uk.statistics.maximum == "31/01/2018")
        #expect(try Self.column(inferred, "UkShort").format == "%-d/%-m/%Y")
        #expect(try Self.column(inferred, "Stamp").type == "iso-datetime")
        let local = try Self.column(inferred, "Local")
        #expect(local.type == "datetime" && local.format == "%Y-%m-%d %H:%M")
        let time = try Self.column(inferred, "Time")
        #expect(time.type == "time" && time.format == "%H:%M")
        // 2017-02-29 does not exist: the column is text.
        #expect(try Self.column(inferred, "NotADate").type == "string")
        #expect(inferred.usesCore && inferred.yaml.contains("uses: [uk-gov/core]"))
    }

    @Test func dayFirstIsAssumedAndSaid() throws {
        let inferred = try Self.roundTrip(csv: "When\n01/02/2020\n03/04/2021\n")
        let when = try Self.column(inferred, "When")
        #expect(when.format == "%d/%m/%Y")
        #expect(when.notes.contains { $0.contains("month first") })
        // A day above 12 in second place is month-first (US) data.
        let us = try Self.column(try Self.roundTrip(csv: "When\n12/31/2020\n01/15/2021\n"), "When")
        #expect(us.format == "%m/%d/%Y")
    }

    @Test func booleans() throws {
        let data = Self.csv(["Flag", "Answer", "YN", "OnlyYes", "Bits"], (0..<8).map { i in
            [i % 2 == 0 ? "true" : "FALSE", i % 3 == 0 ? "Yes" : "No", i % 2 == 0 ? "Y" : "N", "yes", String(i % 2)]
        })
        let inferred = try Self.roundTrip(csv: data)
        let flag = try Self.column(inferred, "Flag")
        #expect(flag.type == "boolean" && flag.trueValues == nil && flag.falseValues == nil)
        let answer = try Self.column(inferred, "Answer")
        #expect(answer.type == "boolean" && answer.trueValues == ["Yes"] && answer.falseValues == ["No"])
        let yn = try Self.column(inferred, "YN")
        #expect(yn.type == "boolean" && yn.trueValues == ["Y"] && yn.falseValues == ["N"])
        #expect(inferred.yaml.contains("trueValues: [\"Y\"]"))
        // Only one answer seen: a one-value list, not a boolean.
        let onlyYes = try Self.column(inferred, "OnlyYes")
        #expect(onlyYes.type == "string" && onlyYes.enumValues == ["yes"])
        #expect(inferred.yaml.contains("enum: [\"yes\"]"))
        // 0 and 1 stay integers, with a note.
        let bits = try Self.column(inferred, "Bits")
        #expect(bits.type == "integer" && bits.notes.contains { $0.contains("0 and 1") })
    }

    @Test func ukIdentifiersFromCore() throws {
        let postcodes = ["SO23 9LJ", "EC1A 1BB", "W1A 0AX", "M1 1AE", "GIR 0AA", "SW1A 2AA"]
        let nhs = ["9434765919", "9434765870", "4010232137", "9876543210", "4505577104", "9434765919"]
        let data = Self.csv(["Postcode", "NHSNumber", "NINO", "Company", "UPRN", "Email", "Website", "Country", "LA"], (0..<6).map { i in
            [postcodes[i], nhs[i], ["AB123456C", "CE654321A"][i % 2], ["SC123456", "00445790", "OC300001"][i % 3],
             String(100_000_000_000 + i * 1_234_567), "someone\(i)@example.org", "https://example.org/page/\(i)",
             ["GB", "FR", "DE"][i % 3], "http://opendatacommunities.org/id/district-council/winchester"]
        })
        let inferred = try Self.roundTrip(csv: data)
        #expect(try Self.column(inferred, "Postcode").type == "uk-postcode")
        #expect(try Self.column(inferred, "NHSNumber").type == "nhs-number")
        #expect(try Self.column(inferred, "NINO").type == "national-insurance-number")
        #expect(try Self.column(inferred, "Company").type == "companies-house-number")
        let uprn = try Self.column(inferred, "UPRN")
        #expect(uprn.type == "uprn" && uprn.usesCore)
        #expect(try Self.column(inferred, "Email").type == "email")
        #expect(try Self.column(inferred, "Website").type == "uri")
        #expect(try Self.column(inferred, "Country").type == "country-code")
        #expect(try Self.column(inferred, "LA").type == "local-authority-uri")
        // The draft reuses core's types rather than writing patterns of its own.
        #expect(!inferred.yaml.contains("pattern:"))
    }

    @Test func nearlyPostcodesAreTextWithANote() throws {
        let values = ["SO23 9LJ", "EC1A 1BB", "W1A 0AX", "M1 1AE", "so23 9lj", "SW1A 2AA", "NG1 6AJ", "B1 1AA", "L1 8JQ", "LS1 1UR"]
        let inferred = try Self.roundTrip(csv: "Postcode\n" + values.joined(separator: "\n") + "\n")
        let postcode = try Self.column(inferred, "Postcode")
        #expect(postcode.type == "string")
        #expect(postcode.notes.contains { $0.contains("90.0% of values are UK postcodes") && $0.contains("\"so23 9lj\"") })
    }

    @Test func longNumericIdentifiersGetANote() throws {
        let inferred = try Self.roundTrip(csv: "Ref\n123456789012\n223456789012\n323456789012\n")
        let ref = try Self.column(inferred, "Ref")
        #expect(ref.type == "integer")
        #expect(ref.notes.contains { $0.contains("12 digits") && $0.contains("identifier") })
        let huge = try Self.column(try Self.roundTrip(csv: "Ref\n12345678901234567890123\n22345678901234567890123\n"), "Ref")
        #expect(huge.type == "string" && huge.notes.contains { $0.contains("more than 18 digits") })
    }

    // MARK: Code lists

    @Test func lowCardinalityEnumProposedHighCardinalityNot() throws {
        let statuses = ["open", "closed", "pending decision"]
        let data = Self.csv(["Status", "Name", "Small"], (0..<40).map { i in [statuses[i % 3], "Site number \(i)", i < 3 ? "a\(i)" : ""] })
        let inferred = try Self.roundTrip(csv: data)
        let status = try Self.column(inferred, "Status")
        #expect(status.enumValues == statuses)
        #expect(inferred.yaml.contains("enum: [open, closed, pending decision]"))
        let name = try Self.column(inferred, "Name")
        #expect(name.enumValues == nil && name.statistics.distinct == 40 && name.statistics.distinctIsExact)
        // Three values seen once each: no evidence of a closed list.
        #expect(try Self.column(inferred, "Small").enumValues == nil)
    }

    @Test func enumValuesAreQuotedSoTheyLoadAsWritten() throws {
        let awkward = ["yes", "NO", "007", "a: b", "#hash", "- dash", "\"quoted\"", "Ünïcode", "tab\there", "back\\slash", "null", "1.0"]
        let data = "Code\n" + (0..<(awkward.count * 2)).map { i in
            let value = awkward[i % awkward.count]
            return value.contains("\"") ? "\"\(value.replacingOccurrences(of: "\"", with: "\"\""))\"" : value
        }.joined(separator: "\n") + "\n"
        let inferred = try Self.roundTrip(csv: data)
        #expect(try Self.column(inferred, "Code").enumValues == awkward)
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let loaded = try Conform.loadStandard(TestSupport.write(inferred.yaml, "s.yaml", in: directory), searchPaths: TestSupport.searchPaths)
        #expect(loaded.resolved.standard.fields[0].constraints.enumValues?.value == awkward)
    }

    @Test func distinctValuesStopBeingCountedExactlyPastTheLimit() throws {
        let data = "Id,Letter\n" + (0..<3_000).map { "x\($0),\(["a", "b"][$0 % 2])" }.joined(separator: "\n") + "\n"
        let inferred = try Self.roundTrip(csv: data)
        let id = try Self.column(inferred, "Id")
        #expect(!id.statistics.distinctIsExact)
        #expect(abs(id.statistics.distinct - 3_000) < 150)
        #expect(id.notes.contains { $0.contains("identifier") })
        #expect(inferred.yaml.contains("distinct values (estimated)"))
        #expect(try Self.column(inferred, "Letter").enumValues == ["a", "b"])
    }

    @Test func hyperLogLogEstimatesWithinAFewPercent() {
        for n in [500, 9_000, 50_000, 400_000] {
            let sketch = HyperLogLog()
            for i in 0..<n {
                var text = "value-\(i)"
                text.withUTF8 { sketch.add(byteHash(UnsafeRawBufferPointer($0))) }
            }
            let error = abs(Double(sketch.estimate - n)) / Double(n)
            #expect(error < 0.03, "n = \(n): estimate \(sketch.estimate)")
        }
    }

    // MARK: Missing values, header, structure

    @Test func requiredOnlyWhenNothingIsMissing() throws {
        let inferred = try Self.roundTrip(csv: "A,B,C,Empty\n1,x,,\n2,y,z,\n3,,w,\n")
        #expect(try Self.column(inferred, "A").required)
        #expect(try !Self.column(inferred, "B").required)
        let empty = try Self.column(inferred, "Empty")
        #expect(empty.type == "string" && !empty.required && empty.statistics.missing == 3)
        #expect(empty.notes.contains { $0.contains("every value is missing") })
        #expect(inferred.yaml.contains("# 1 missing of 3; 2 distinct values; observed 1 character each"))
    }

    @Test func naSpellingsBecomeMissingValuesWhereTheyHideNumbers() throws {
        let inferred = try Self.roundTrip(csv: "Amount,Comment\n1.5,NA\nNA,fine\n2.25,\n-,ok\n")
        #expect(inferred.missingValues == ["", "NA", "-"])
        let amount = try Self.column(inferred, "Amount")
        #expect(amount.type == "number" && amount.statistics.missing == 2 && !amount.required)
        #expect(inferred.yaml.contains("missingValues: [\"\", \"NA\", \"-\"]"))
        // Without a typed column to rescue, NA is just text.
        let text = try Self.roundTrip(csv: "Name\nNA\nBob\n")
        #expect(text.missingValues == [""])
        #expect(try Self.column(text, "Name").required)
    }

    @Test func blankAndRepeatedHeaderNamesAreGenerated() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = TestSupport.write("Name,,Name,column_2\na,1,b,c\nd,2,e,f\n", "data.csv", in: directory)
        let (inferred, report) = try Self.roundTrip(path)
        #expect(inferred.columns.map(\.name) == ["Name", "column_2_2", "Name_2", "column_2"])
        #expect(inferred.columns[1].notes.contains { $0.contains("blank") })
        #expect(inferred.columns[2].notes.contains { $0.contains("repeats \"Name\"") })
        // The header itself is wrong whatever the standard says: only those findings remain.
        #expect(Set(report.counts.filter { $0.severity == .error }.map(\.rule)) == ["blank-header", "duplicate-column", "missing-column"])
        #expect(report.count("missing-column") == 2)
    }

    @Test func shortAndLongRowsAndBlankLinesAreNoted() throws {
        let inferred = try Self.infer("A,B\n1,2\n\n3\n4,5,6\n")
        #expect(inferred.rowsRead == 3)
        #expect(try !Self.column(inferred, "B").required)
        #expect(inferred.notes.contains { $0.contains("blank row") })
        #expect(inferred.notes.contains { $0.contains("fewer cells") })
        #expect(inferred.notes.contains { $0.contains("more cells") })
    }

    @Test func headerOnlyFileGivesTextFields() throws {
        let inferred = try Self.roundTrip(csv: "A,B\n")
        #expect(inferred.rowsRead == 0)
        #expect(inferred.columns.allSatisfy { $0.type == "string" && !$0.required })
    }

    @Test func sampleStopsEarly() throws {
        let data = "N\n" + (1...100).map { String($0) }.joined(separator: "\n") + "\nnot a number\n"
        let sampled = try Self.infer(data, options: Self.options(sample: 10))
        #expect(sampled.rowsRead == 10 && !sampled.readWholeFile)
        #expect(try Self.column(sampled, "N").type == "integer")
        #expect(sampled.notes.contains { $0.contains("first 10") })
        let whole = try Self.infer(data)
        #expect(whole.rowsRead == 101 && whole.readWholeFile)
        #expect(try Self.column(whole, "N").type == "string")
        #expect(try Self.infer("N\n1\n2\n", options: Self.options(sample: 2)).readWholeFile)
    }

    @Test func otherDelimitersAndEncodingsRoundTrip() throws {
        let semicolons = try Self.roundTrip(csv: "A;B\n1;x\n2;y\n")
        #expect(semicolons.delimiter == ";" && semicolons.yaml.contains("delimiter: \";\""))
        // Latin-1 / Windows-1252 bytes (é is 0xE9): read again as windows-1252.
        let latin = try Self.roundTrip(bytes: Array("Town,N\nCaf".utf8) + [0xE9] + Array(",1\nParis,2\n".utf8))
        #expect(latin.encoding == "windows-1252")
        #expect(try Self.column(latin, "Town").statistics.maxLength == 5)
        // UTF-16 with a byte order mark.
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "A,B\n1,x\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let wide = try Self.roundTrip(bytes: utf16)
        #expect(wide.encoding == "utf-16")
        #expect(try Self.column(wide, "A").type == "integer")
    }

    @Test func jsonIsRefused() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = TestSupport.write("[{\"a\": 1}]", "data.json", in: directory)
        let error = #expect(throws: Conform.InferError.self) { _ = try Conform.infer(path: path, options: Self.options()) }
        guard case let .notCSV(_, format)? = error else {
            Issue.record("expected notCSV, got \(String(describing: error))")
            return
        }
        #expect(format == .json && "\(error!)".contains("CSV only"))
        #expect(throws: Conform.InferError.self) { _ = try Conform.infer(path: directory.appendingPathComponent("missing.csv").path) }
    }

    @Test func draftIDFromFileName() {
        #expect(StandardInferrer.draftID(for: "data/Planning Applications 2024.csv.gz") == "draft/planning-applications-2024")
        #expect(StandardInferrer.draftID(for: "-") == "draft/stdin")
        #expect(StandardInferrer.draftID(for: "___.csv") == "draft/data")
    }

    // MARK: Real files

    /// Every CSV under examples/ that is meant to be clean (all but the seeded `dirty` ones, see
    /// examples/README.md) survives the round trip with no error and no warning.
    @Test func examplesRoundTrip() throws {
        let examples = TestSupport.repositoryRoot.appendingPathComponent("examples")
        let files = (FileManager.default.enumerator(atPath: examples.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".csv") && !$0.contains("dirty") }.sorted()
        #expect(files.contains("brownfield/clean.csv"))
        for file in files {
            let (inferred, report) = try Self.roundTrip(examples.appendingPathComponent(file).path)
            #expect(report.errors == 0 && report.warnings == 0, "\(file): \(report.findings.map(\.message))")
            #expect(report.rows == inferred.rowsRead)
        }
    }

    /// The seeded `dirty` examples pass their own drafts too, but for what no standard can
    /// accept: rows with too many or too few cells, blank rows, quoting problems, and the
    /// whitespace warning conform gives under any standard.
    @Test func dirtyExamplesPassTheirDraftsButForTheirStructure() throws {
        let examples = TestSupport.repositoryRoot.appendingPathComponent("examples")
        let files = (FileManager.default.enumerator(atPath: examples.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".csv") && $0.contains("dirty") }.sorted()
        #expect(files.count >= 7)
        let structural: Set<String> = ["extra-cell", "missing-cell", "blank-row", "stray-quote", "unclosed-quote", "surrounding-whitespace"]
        for file in files {
            let (inferred, report) = try Self.roundTrip(examples.appendingPathComponent(file).path)
            let other = report.findings.filter { !structural.contains($0.rule) }
            #expect(other.isEmpty, "\(file): \(other.map { "\($0.rule) \($0.message)" })")
            // (A blank row is a row to validation, and no data to inference.)
            #expect(report.rows == inferred.rowsRead + report.findings.filter { $0.rule == "blank-row" }.count)
        }
    }

    @Test func brownfieldCleanExample() throws {
        let path = TestSupport.repositoryRoot.appendingPathComponent("examples/brownfield/clean.csv").path
        let inferred = try Conform.infer(path: path, options: Self.options())
        #expect(inferred.rowsRead == 17 && inferred.columns.count == 28)
        #expect(try Self.column(inferred, "OrganisationURI").type == "local-authority-uri")
        #expect(try Self.column(inferred, "PlanningStatus").enumValues == ["permissioned", "not permissioned", "pending decision"])
        #expect(try Self.column(inferred, "CoordinateReferenceSystem").enumValues == ["OSGB36", "WGS84", "ETRS89"])
        #expect(try Self.column(inferred, "Hectares").type == "number")
        let geoX = try Self.column(inferred, "GeoX")
        #expect(geoX.type == "number" && geoX.statistics.minimum?.hasPrefix("-") == true)
        #expect(try Self.column(inferred, "MinNetDwellings").type == "integer")
        let permission = try Self.column(inferred, "PermissionDate")
        #expect(permission.type == "iso-date" && !permission.required && permission.statistics.missing == 8)
        #expect(try Self.column(inferred, "SiteplanURL").type == "uri")
        #expect(try Self.column(inferred, "SiteReference").enumValues == nil)
    }

    /// LGA planning applications (esd-org-uk/schemas), facts checked by hand against the file.
    @Test(.enabled(if: TestSupport.shared != nil, "../shared is absent"))
    func lgaPlanningApplications() throws {
        let path = try #require(TestSupport.shared).appendingPathComponent("data/real/lga/example-planning-applications.csv").path
        let (inferred, report) = try Self.roundTrip(path)
        #expect(report.errors == 0)
        #expect(report.count("surrounding-whitespace") == 6)
        #expect(inferred.rowsRead == 25 && inferred.columns.count == 36)
        let extract = try Self.column(inferred, "ExtractDate")
        #expect(extract.type == "date" && extract.format == "%d/%m/%Y" && extract.required)
        #expect(try Self.column(inferred, "PublisherURI").type == "local-authority-uri")
        #expect(try Self.column(inferred, "CaseURL").type == "uri")
        let geoX = try Self.column(inferred, "GeoX")
        #expect(geoX.type == "integer" && !geoX.required && geoX.statistics.missing == 3)
        #expect(geoX.statistics.minimum == "410827" && geoX.statistics.maximum == "479912")
        #expect(try Self.column(inferred, "GroundArea").type == "number")
        let uprn = try Self.column(inferred, "UPRN")
        #expect(uprn.type == "string" && uprn.statistics.present == 0 && !uprn.required)
        #expect(try Self.column(inferred, "ServiceTypeLabel").enumValues == ["FUL", "VAR", "NMA"])
        let status = try Self.column(inferred, "Status")
        #expect(status.enumValues?.contains("Live ") == true && status.statistics.surroundingWhitespace == 1)
        let reference = try Self.column(inferred, "CaseReference")
        #expect(reference.type == "string" && reference.required && reference.enumValues == nil)
        // `|`-separated URIs are not one URI.
        #expect(try Self.column(inferred, "ClassificationURI").type == "string")
    }

    /// The digital-land test register: two rows with seeded mistakes, checked by hand.
    @Test(.enabled(if: TestSupport.shared != nil, "../shared is absent"))
    func brownfieldTestRegister() throws {
        let path = try #require(TestSupport.shared).appendingPathComponent("data/real/brownfield/test-brownfield-register.csv").path
        let (inferred, report) = try Self.roundTrip(path)
        #expect(report.errors == 0 && report.warnings == 0)
        #expect(inferred.rowsRead == 2)
        #expect(try Self.column(inferred, "OrganisationURI").type == "local-authority-uri")
        #expect(try Self.column(inferred, "GeoX").type == "string")       // "not-a-geox"
        #expect(try Self.column(inferred, "GeoY").type == "integer")
        #expect(try Self.column(inferred, "SiteplanURL").type == "string") // "not-a-url"
        #expect(try Self.column(inferred, "Hectares").type == "number")
        #expect(try Self.column(inferred, "PermissionDate").type == "iso-date")
        #expect(try Self.column(inferred, "Deliverable").type == "string") // "Y" and "yes": two spellings, no boolean
        #expect(inferred.columns.allSatisfy { $0.enumValues == nil })      // two rows are no evidence of a closed list
        #expect(try !Self.column(inferred, "ProposedForPIP").required)
    }

    // MARK: Command line

    @Test func commandLine() throws {
        let run = try CLITests.run(["infer", "examples/brownfield/clean.csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("id: draft/clean") && run.stdout.contains("type: local-authority-uri"))

        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("draft.yaml").path
        let written = try CLITests.run(["infer", "examples/brownfield/clean.csv", "--output", output, "--id", "my-org/sites", "--sample", "5"])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.isEmpty && written.stderr.contains("wrote"))
        #expect(try String(contentsOfFile: output, encoding: .utf8).contains("id: my-org/sites"))
        #expect(try CLITests.run(["lint", output]).status == 0)

        let json = try CLITests.run(["infer", "examples/360giving/grants.json"])
        #expect(json.status == 2)
        #expect(json.stderr.contains("CSV only"))
        #expect(try CLITests.run(["infer", "no/such/file.csv"]).status == 3)
        #expect(try CLITests.run(["infer", "examples/brownfield/clean.csv", "--sample", "0"]).status == 2)
        let stdin = try CLITests.run(["infer", "-"], stdin: "A,B\n1,2\n")
        #expect(stdin.status == 0 && stdin.stdout.contains("id: draft/stdin"))
    }
}
