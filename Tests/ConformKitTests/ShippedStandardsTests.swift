import Foundation
import Testing
@testable import ConformKit

/// The shipped standards lint clean, and the examples give exactly the findings
/// `examples/README.md` lists.
struct ShippedStandardsTests {
    static let brownfield = "uk-gov/brownfield-land-register"

    static func example(_ name: String) -> String {
        TestSupport.repositoryRoot.appendingPathComponent("examples/\(name)").path
    }

    @Test func everyShippedStandardLintsClean() {
        let resolver = StandardResolver(searchPaths: TestSupport.searchPaths)
        let shipped = resolver.shippedStandards()
        #expect(shipped.count >= 2)
        let report = Conform.lint(shipped.map(\.path), searchPaths: TestSupport.searchPaths)
        #expect(report.findings.isEmpty, "\(report.findings.map { "\($0.file):\($0.line ?? 0) \($0.rule) \($0.message)" })")
    }

    @Test func cleanExampleConforms() throws {
        let standard = try Conform.loadStandard(Self.brownfield, searchPaths: TestSupport.searchPaths)
        let report = Conform.validate(paths: [Self.example("brownfield/clean.csv")], standard: standard).report
        let file = try #require(report.files.first)
        #expect(report.conforms)
        #expect(file.findings.isEmpty, "\(file.findings.map(\.message))")
        #expect(file.rows == 17)
        #expect(file.conformingRows == 17)
    }

    /// Every seeded error of dirty.csv, as (line, row, column, rule), in file order.
    static let seeded: [(Int, Int, String?, String)] = [
        (5, 3, "SiteplanURL", "type-mismatch"),
        (7, 5, "GeoX", "type-mismatch"),
        (8, 6, "PlanningStatus", "not-in-codelist"),
        (9, 7, "Deliverable", "not-in-codelist"),
        (11, 9, "PermissionDate", "type-mismatch"),
        (13, 11, "OrganisationLabel", "missing-value"),
        (14, 12, "SiteReference", "too-long"),
        (16, 14, "Hectares", "pattern-mismatch"),
        (17, 15, "Hectares", "pattern-mismatch"),
        (17, 15, "Hectares", "below-minimum"),
        (19, 17, "CoordinateReferenceSystem", "not-in-codelist"),
        (20, 18, "PlanningHistory", "pattern-mismatch"),
        (22, 20, "OrganisationURI+SiteReference", "duplicate-key"),
        (25, 22, nil, "rule-failed"),
        (27, 24, nil, "rule-failed"),
        (28, 25, nil, "rule-failed"),
        (30, 27, nil, "extra-cell"),
        (32, 29, "LastUpdatedDate", "missing-cell"),
        (33, 30, nil, "blank-row"),
        (35, 32, "PlanningStatus", "surrounding-whitespace"),
        (35, 32, "PlanningStatus", "not-in-codelist"),
    ]

    @Test func dirtyExampleGivesEverySeededError() throws {
        let standard = try Conform.loadStandard(Self.brownfield, searchPaths: TestSupport.searchPaths)
        let report = Conform.validate(paths: [Self.example("brownfield/dirty.csv")], standard: standard).report
        let file = try #require(report.files.first)
        #expect(!report.conforms)
        let found = file.findings.map { "\($0.line ?? 0) \($0.row ?? -1) \($0.column ?? "-") \($0.rule)" }
        let expected = Self.seeded.map { "\($0.0) \($0.1) \($0.2 ?? "-") \($0.3)" }
        #expect(found == expected)
        #expect(file.errors == 19)
        #expect(file.warnings == 2)
        #expect(file.rows == 40)
        #expect(file.conformingRows == 22)
        // Every finding about a cell says where in the standard its rule is written.
        for finding in file.findings where ["type-mismatch", "not-in-codelist", "pattern-mismatch", "too-long", "below-minimum", "missing-value", "duplicate-key", "rule-failed"].contains(finding.rule) {
            let location = try #require(finding.standardLocation, "\(finding.rule) has no standard location")
            #expect(location.file.hasSuffix(".yaml"))
            #expect(location.line > 0)
        }
        let permissioned = try #require(file.findings.first { $0.value == "Permissioned" })
        #expect(permissioned.hint == "differs only by case from \"permissioned\"")
        #expect(permissioned.expected == "one of: permissioned, not permissioned, pending decision")
        let date = try #require(file.findings.first { $0.value == "21/12/2016" })
        #expect(date.hint?.contains("%d/%m/%Y") == true)
    }

    /// The real test register from digital-land's brownfield validator, with its seeded errors.
    @Test(.enabled(if: TestSupport.shared != nil, "../shared is absent"))
    func realBrownfieldRegister() throws {
        let path = TestSupport.shared!.appendingPathComponent("data/real/brownfield/test-brownfield-register.csv").path
        let standard = try Conform.loadStandard(Self.brownfield, searchPaths: TestSupport.searchPaths)
        let report = Conform.validate(paths: [path], standard: standard).report
        let file = try #require(report.files.first)
        let found = Set(file.findings.map { "\($0.row ?? 0) \($0.column ?? "-") \($0.rule)" })
        #expect(found == [
            "1 SiteplanURL type-mismatch", "1 GeoX type-mismatch", "1 Deliverable not-in-codelist",
            "1 PlanningHistory pattern-mismatch", "2 PlanningStatus not-in-codelist",
        ])
        #expect(file.findings.contains { $0.value == "Permissioned" && $0.hint?.contains("differs only by case") == true })
        #expect(file.findings.contains { $0.value?.hasSuffix("this-item-is-not-a-url") == true })
    }

    @Test func corePostcodeAndNHSNumberTypes() throws {
        let report = try TestSupport.validate(standard: """
        uses: [uk-gov/core]
        fields:
          - name: postcode
            type: uk-postcode
          - name: nhs
            type: nhs-number
          - name: country
            type: country-code
        """, csv: "postcode,nhs,country\nSW1A 1AA,9434765919,GB\nsw1a1aa,9434765918,XX\nGIR 0AA,9434765919,GB-WLS\n")
        #expect(report.findings.map(\.rule) == ["pattern-mismatch", "checksum-failed", "not-in-codelist"])
        #expect(report.findings.allSatisfy { $0.row == 2 })
        #expect(report.findings.allSatisfy { $0.standardLocation?.file.hasSuffix("core.yaml") == true })
    }
}

/// The 360Giving standard (JSON, records at /grants) on its examples: the table in
/// `examples/360giving/README.md`, pointer by pointer.
struct ThreeSixtyGivingTests {
    static let id = "360giving/grants"

    @Test func cleanGrantsConform() throws {
        let standard = try Conform.loadStandard(Self.id, searchPaths: TestSupport.searchPaths)
        let report = Conform.validate(paths: [ShippedStandardsTests.example("360giving/grants.json")], standard: standard).report
        let file = try #require(report.files.first)
        #expect(file.findings.isEmpty, "\(file.findings.map(\.message))")
        #expect(file.rows == 12 && file.conformingRows == 12)
    }

    /// (line, JSON Pointer, rule) of every seeded error of dirty.json.
    static let seeded: [(Int, String, String)] = [
        (66, "/grants/1/currency", "not-in-codelist"),
        (111, "/grants/2/description", "missing-value"),
        (167, "/grants/3/awardDate", "pattern-mismatch"),
        (257, "/grants/4/beneficiaryLocation/2/geoCodeType", "not-in-codelist"),
        (344, "/grants/6/recipientOrganization/0/id", "pattern-mismatch"),
        (378, "/grants/7/title", "missing-value"),
        (431, "/grants/8/amountAwarded", "type-mismatch"),
        (475, "/grants/9/id", "duplicate-value"),
        (523, "/grants/10", "rule-failed"),
    ]

    @Test func dirtyGrantsGiveEverySeededError() throws {
        let standard = try Conform.loadStandard(Self.id, searchPaths: TestSupport.searchPaths)
        let report = Conform.validate(paths: [ShippedStandardsTests.example("360giving/dirty.json")], standard: standard).report
        let file = try #require(report.files.first)
        let seen = file.findings.map { "\($0.line ?? 0) \($0.pointer ?? "-") \($0.rule)" }
        #expect(seen == Self.seeded.map { "\($0.0) \($0.1) \($0.2)" })
        #expect(file.rows == 12 && file.conformingRows == 3)
        #expect(file.findings.allSatisfy { $0.severity == .error && $0.standardLocation != nil })
    }

    /// The same grants as NDJSON (one grant per line) give the same findings, with pointers within each line's record.
    @Test func sameFindingsAsNDJSON() throws {
        let standard = try Conform.loadStandard(Self.id, searchPaths: TestSupport.searchPaths)
        let path = ShippedStandardsTests.example("360giving/dirty.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let grants = try #require(document["grants"] as? [Any])
        let lines = try grants.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ndjson = TestSupport.write(lines.joined(separator: "\n") + "\n", "grants.ndjson", in: directory)
        let expected = Conform.validate(paths: [path], standard: standard).report.files[0].findings
        let actual = Conform.validate(paths: [ndjson], standard: standard).report.files[0].findings
        #expect(actual.map(\.rule) == expected.map(\.rule))
        #expect(actual.map(\.row) == expected.map(\.row))
        #expect(actual.map(\.line) == expected.map(\.row)) // one record per line
        #expect(actual.map { "/grants/\(($0.row ?? 0) - 1)" + ($0.pointer ?? "?") } == expected.map { $0.pointer ?? "-" })
    }
}
