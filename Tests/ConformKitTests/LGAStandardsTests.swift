import Foundation
import Testing
@testable import ConformKit

/// The LGA (esd) Planning Applications standard, `standards/lga/planning-applications.yaml`,
/// on the example file published with the schema, and on a few made-up rows.
struct LGAStandardsTests {
    static let id = "lga/planning-applications"

    /// `../shared/data/real/lga/example-planning-applications.csv` (esd-org-uk/schemas @ 3e8f808b):
    /// 25 applications of Hampshire County Council. Every finding below was checked by hand
    /// against the CSV and PlanningApplications.schema.json.
    @Test func examplePlanningApplications() throws {
        guard let shared = TestSupport.shared else { return } // ../shared is absent: nothing to check
        let path = shared.appendingPathComponent("data/real/lga/example-planning-applications.csv").path
        let standard = try Conform.loadStandard(Self.id, searchPaths: TestSupport.searchPaths)
        #expect(standard.warnings.isEmpty, "\(standard.warnings.map(\.message))")
        let outcome = Conform.validate(paths: [path], standard: standard, options: ValidationOptions(maxFindings: 1000))
        #expect(outcome.unreadable.isEmpty)
        let file = try #require(outcome.report.files.first)
        #expect(file.findingsOmitted == 0)
        #expect(file.rows == 25)

        // Counts per (rule, column): nothing else is found. In particular the header
        // matches the schema's 36 fields in order (no column finding under `columns: exact`),
        // every date matches the DD/MM/YYYY[ hh:mm[:ss]] pattern, every URI is absolute,
        // GeoX/GeoY/GroundArea are numbers, and no required cell is empty.
        let counts = Dictionary(uniqueKeysWithValues: file.counts.map { ("\($0.rule) \($0.column ?? "-")", $0.count) })
        #expect(counts == [
            // "Delegated" (19 rows) and "Committee" (3 rows): the schema's pattern
            // (Delegated powers|Case officer|Planning committee|) must match the whole value.
            "not-in-codelist DecisionType": 22,
            // "Live " (row 21) is not one of Pending, Withdrawn, Decided, Appealed, trimmed or not.
            "not-in-codelist Status": 1,
            // The same "Live ": its trailing space.
            "surrounding-whitespace Status": 1,
            // Rows 3, 9, 10, 14 and 20 end their "|"-separated classification URIs with a
            // space. The schema types the field xsd:string, which allows it, so this is
            // only conform's usual warning about surrounding spaces, and it is right:
            // the value is "...6000/6006 " with a stray trailing space.
            "surrounding-whitespace ClassificationURI": 5,
        ])
        #expect(file.errors == 23)
        #expect(file.warnings == 6)
        // Rows 11 and 25 are the only ones with an empty DecisionType and a valid Status.
        #expect(file.conformingRows == 2)

        let decisionTypes = file.findings.filter { $0.rule == "not-in-codelist" && $0.column == "DecisionType" }
        #expect(decisionTypes.filter { $0.value == "Delegated" }.count == 19)
        #expect(decisionTypes.filter { $0.value == "Committee" }.map(\.row) == [10, 19, 20])
        #expect(decisionTypes.allSatisfy { $0.severity == .error })
        #expect(decisionTypes.allSatisfy { $0.expected == "one of: Delegated powers, Case officer, Planning committee" })
        #expect(decisionTypes.allSatisfy { $0.standardLocation?.file.hasSuffix("lga/planning-applications.yaml") == true })

        let status = file.findings.filter { $0.column == "Status" }
        #expect(status.map { "\($0.row ?? 0) \($0.rule) \($0.severity) \($0.value ?? "")" } == [
            "21 surrounding-whitespace warning Live ",
            "21 not-in-codelist error Live ",
        ])

        let classification = file.findings.filter { $0.column == "ClassificationURI" }
        #expect(classification.map(\.rule) == Array(repeating: "surrounding-whitespace", count: 5))
        #expect(classification.map(\.row) == [3, 9, 10, 14, 20])
        #expect(classification.allSatisfy { $0.severity == .warning })

        // One header row and no quoted line breaks: each finding's line is its row plus 1.
        #expect(file.findings.allSatisfy { $0.line == ($0.row ?? -1) + 1 })
    }

    /// The date-time pattern, the optional code lists and the appeal rules, on made-up rows.
    @Test func datesCodesAndAppealRules() throws {
        let standard = try Conform.loadStandard(Self.id, searchPaths: TestSupport.searchPaths)
        let names = standard.resolved.standard.fields.map(\.name)
        #expect(names.count == 36)
        // A valid row: only what is required, plus whatever the case gives.
        func row(_ values: [String: String]) -> String {
            let base = [
                "ExtractDate": "01/06/2014", "PublisherLabel": "Hampshire County Council",
                "CaseURL": "http://www3.hants.gov.uk/a?id=1", "ServiceTypeLabel": "FUL",
                "CaseText": "Extension", "LocationText": "Tavistock School Fleet",
            ]
            let cells = base.merging(values) { $1 }  // no cell holds a comma or a quote
            return names.map { cells[$0] ?? "" }.joined(separator: ",")
        }
        let rows = [
            row(["CaseReference": "A1"]),                                                  // 1 fine
            row(["CaseReference": "A2", "CaseDate": "09/08/2013 14:30"]),                  // 2 fine: time allowed
            row(["CaseReference": "A3", "CaseDate": "09/08/2013 14:30:15"]),               // 3 fine: seconds allowed
            row(["CaseReference": "A4", "CaseDate": "2013-08-09"]),                        // 4 pattern-mismatch
            row(["CaseReference": "A5", "ExtractDate": ""]),                               // 5 missing-value: required wins over "|)"
            row(["CaseReference": "A6", "Status": "Decided", "AppealDecision": "Upheld"]), // 6 rule warning
            row(["CaseReference": "A7", "Status": "Appealed", "AppealDecision": "Upheld",
                 "AppealDecisionDate": "01/02/2014"]),                                      // 7 fine
            row(["CaseReference": "A8", "AppealDecisionDate": "01/02/2014"]),              // 8 rule warning: no Status
            row(["CaseReference": "A9", "CoordinateReferenceSystem": "ETRS89",
                 "ResponsesFor": "-1", "Decision": "Granted"]),                            // 9 two codes, a bound
            row(["CaseReference": "A1", "OrganisationURI": ""]),                          // 10 no key compared without OrganisationURI
            row(["CaseReference": "B1", "OrganisationURI": "http://opendatacommunities.org/id/county-council/hampshire"]),
            row(["CaseReference": "B1", "OrganisationURI": "http://opendatacommunities.org/id/county-council/hampshire"]), // 12 duplicate-key
        ]
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = TestSupport.write(([names.joined(separator: ",")] + rows).joined(separator: "\n") + "\n", "made-up.csv", in: directory)
        let file = Conform.validate(paths: [path], standard: standard, options: ValidationOptions(maxFindings: 1000)).report.files[0]
        let found = file.findings.map { "\($0.row ?? 0) \($0.column ?? "-") \($0.rule)" }
        #expect(found == [
            "4 CaseDate pattern-mismatch",
            "5 ExtractDate missing-value",
            "6 - rule-failed",
            "8 - rule-failed",
            "9 CoordinateReferenceSystem not-in-codelist",
            "9 Decision not-in-codelist",
            "9 ResponsesFor below-minimum",
            "12 OrganisationURI+CaseReference duplicate-key",
        ])
        #expect(file.findings.filter { $0.rule == "rule-failed" }.allSatisfy { $0.severity == .warning })
    }
}
