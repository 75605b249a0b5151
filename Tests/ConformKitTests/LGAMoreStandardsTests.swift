import Foundation
import Testing
@testable import ConformKit

/// The LGA (esd) Public Toilets and Premises Licences standards,
/// `standards/lga/public-toilets.yaml` and `standards/lga/premises-licences.yaml`: they lint
/// clean, they give exactly the findings worked out by hand on the example files published
/// with their schemas, and they read made-up rows as the schemas say.
struct LGAMoreStandardsTests {
    static let toilets = "lga/public-toilets"
    static let premises = "lga/premises-licences"

    static func path(of id: String) -> String {
        TestSupport.repositoryRoot.appendingPathComponent("standards/\(id).yaml").path
    }

    /// A finding as "rule row line column value" (the value is "-" when there is none).
    static func describe(_ finding: Finding) -> String {
        "\(finding.rule) \(finding.row ?? -1) \(finding.line ?? -1) \(finding.column ?? "-") \(finding.value ?? "-")"
    }

    @Test func bothStandardsLintClean() throws {
        let report = Conform.lint([Self.path(of: Self.toilets), Self.path(of: Self.premises)], searchPaths: TestSupport.searchPaths)
        #expect(report.findings.isEmpty, "\(report.findings.map { "\($0.file):\($0.line ?? 0) \($0.rule) \($0.message)" })")
        for id in [Self.toilets, Self.premises] {
            let standard = try Conform.loadStandard(id, searchPaths: TestSupport.searchPaths)
            #expect(standard.warnings.isEmpty, "\(id): \(standard.warnings.map(\.message))")
            #expect(standard.resolved.standard.id == id)
        }
        // Every field of each schema, in the schema's order.
        let toilets = try Conform.loadStandard(Self.toilets, searchPaths: TestSupport.searchPaths)
        #expect(toilets.resolved.standard.fields.map(\.name) == [
            "ExtractDate", "OrganisationURI", "OrganisationLabel", "ServiceTypeURI", "ServiceTypeLabel",
            "LocationText", "CoordinateReferenceSystem", "GeoX", "GeoY", "GeoPointLicensingURL", "Category",
            "AccessibleCategory", "RADARKeyNeeded", "BabyChange", "FamilyToilet", "ChangingPlace",
            "AutomaticPublicConvenience", "FullTimeStaffing", "PartOfCommunityScheme", "CommunitySchemeName",
            "ChargeAmount", "InfoURL", "OpeningHours", "ManagedBy", "ReportEmail", "ReportTel", "Notes", "UPRN",
            "Postcode", "StreetAddress", "GeoAreaURI", "GeoAreaLabel",
        ])
        let premises = try Conform.loadStandard(Self.premises, searchPaths: TestSupport.searchPaths)
        #expect(premises.resolved.standard.fields.map(\.name) == [
            "ExtractDate", "OrganisationURI", "OrganisationLabel", "CaseReference", "CaseDate", "ServiceTypeURI",
            "ServiceTypeLabel", "PremisesName", "LocationText", "Postcode", "EntertainmentTypeURI",
            "EntertainmentTypeLabel", "LateNightRefreshment", "AlcoholSupply", "OpeningHours", "StatusURI",
            "StatusLabel", "LicenceStartDate", "LicenceEndDate", "OnPremisesAlcoholSale", "OffPremisesAlcoholSale",
            "LicenceHolder", "LicenceHolderAddress", "LicenceHolderPostcode", "ApplicantTypeURI",
            "ApplicantTypeLabel", "DesignatedPremisesSupervisor", "SupervisorLicenceNo", "SupervisorAddress",
            "SupervisorPostcode", "Conditions", "DecisionDate", "DecidedBy", "LicenceURL", "UPRN",
            "GeoPointLicensingURL",
        ])
    }

    /// `../shared/data/real/lga/example-public-toilets.csv` (esd-org-uk/schemas @ 3e8f808b):
    /// 21 toilets of the Royal Borough of Kensington and Chelsea, UTF-8, LF line ends, with
    /// LocationText and OpeningHours cells that span several lines. Every finding below was
    /// worked out by hand from the CSV and PublicToilets.schema.json (a Python csv reading
    /// checked against the schema's own patterns and the XML's lengths) before running conform.
    @Test func examplePublicToilets() throws {
        guard let shared = TestSupport.shared else { return } // ../shared is absent: nothing to check
        let path = shared.appendingPathComponent("data/real/lga/example-public-toilets.csv").path
        let standard = try Conform.loadStandard(Self.toilets, searchPaths: TestSupport.searchPaths)
        let outcome = Conform.validate(paths: [path], standard: standard, options: ValidationOptions(maxFindings: 1000))
        #expect(outcome.unreadable.isEmpty)
        let file = try #require(outcome.report.files.first)
        #expect(file.findingsOmitted == 0)
        #expect(file.rows == 21)

        // The schema requires GeoX and GeoY; the file leaves both empty in every row (and
        // CoordinateReferenceSystem too). Nothing else breaks the schema: the header is the
        // schema's 32 fields in order, every ExtractDate is 24/06/2014, Category and
        // AccessibleCategory are "Female and Male" or "Unisex", the flags are "true"/"false",
        // ChargeAmount is 0.00 or 0.20, the URIs are absolute, the e-mail matches, and no cell
        // is longer than the XML's MaxSize (the longest LocationText is 77 characters).
        // The physical line is where the GeoX/GeoY cell starts: rows 1 to 13 have multi-line
        // LocationText and OpeningHours cells, so their lines run ahead.
        let lines = [4, 8, 11, 14, 19, 21, 26, 31, 34, 36, 40, 44, 49, 50, 51, 52, 53, 54, 55, 56, 57]
        var expected: [String] = []
        for (index, line) in lines.enumerated() {
            let row = index + 1
            if row == 15 {
                // "Cremorne Gardens, SW10 ": a trailing space (xsd:string allows it; conform warns).
                expected.append("surrounding-whitespace 15 51 LocationText Cremorne Gardens, SW10 ")
            }
            expected.append("missing-value \(row) \(line) GeoX -")
            expected.append("missing-value \(row) \(line) GeoY -")
        }
        #expect(file.findings.map(Self.describe) == expected)

        let counts = Dictionary(uniqueKeysWithValues: file.counts.map { ("\($0.rule) \($0.column ?? "-")", $0.count) })
        #expect(counts == [
            "missing-value GeoX": 21,
            "missing-value GeoY": 21,
            "surrounding-whitespace LocationText": 1,
        ])
        #expect(file.errors == 42)
        #expect(file.warnings == 1)
        #expect(file.conformingRows == 0)
        #expect(file.findings.filter { $0.rule == "missing-value" }.allSatisfy { $0.severity == .error })
        #expect(file.findings.filter { $0.rule == "surrounding-whitespace" }.allSatisfy { $0.severity == .warning })
        // Row 1's GeoX: line 4 is `W10",,,,,Female and Male,...`; GeoX is its 7th character.
        let first = try #require(file.findings.first)
        #expect(first.character == 7)
        #expect(first.standardLocation?.file.hasSuffix("lga/public-toilets.yaml") == true)
    }

    /// `../shared/data/real/lga/example-premises-licences.csv` (esd-org-uk/schemas @ 3e8f808b):
    /// 1,256 premises licences of Nottinghamshire. The file is written in Windows-1252, not
    /// UTF-8 (é is byte E9 and ’ byte 92 in 24 cells); the schema names no encoding and neither
    /// does the standard, so conform reads UTF-8 and each of those cells is invalid-encoding.
    /// Every finding below was worked out by hand before running conform.
    @Test func examplePremisesLicences() throws {
        guard let shared = TestSupport.shared else { return } // ../shared is absent: nothing to check
        let path = shared.appendingPathComponent("data/real/lga/example-premises-licences.csv").path
        let standard = try Conform.loadStandard(Self.premises, searchPaths: TestSupport.searchPaths)
        let outcome = Conform.validate(paths: [path], standard: standard, options: ValidationOptions(maxFindings: 1000))
        #expect(outcome.unreadable.isEmpty)
        let file = try #require(outcome.report.files.first)
        #expect(file.findingsOmitted == 0)
        #expect(file.rows == 1256)

        // Nothing else breaks the schema: the header is its 36 fields in order; every
        // required cell is filled; every date matches DD/MM/YYYY; the four flags are all
        // "true"/"false"; the URIs are absolute; no cell is longer than the XML's MaxSize
        // (Postcode at most 9 characters, OpeningHours at most 93). CaseReference repeats
        // (1,251 values in 1,256 rows), which the schema allows ("Same licence might apply to
        // multiple entries"). The value of an invalid-encoding finding shows each bad byte as
        // U+FFFD. "WIRED, Café Bar" (row 288) is the only quoted one.
        let bad = "\u{FFFD}"
        let expected = [
            "invalid-encoding 32 33 PremisesName Caf\(bad) Sutra",
            "invalid-encoding 52 53 PremisesName O\(bad)Rourkes",
            "surrounding-whitespace 161 162 PremisesName  no name yet",
            "invalid-encoding 163 164 PremisesName Wax Caf\(bad) Bar",
            "invalid-encoding 273 274 LocationText 46 St Mary\(bad)s Gate The Lace Market Nottingham",
            "invalid-encoding 288 289 PremisesName WIRED, Caf\(bad) Bar",
            "invalid-encoding 329 330 PremisesName Scruffy\(bad)s",
            "invalid-encoding 379 380 PremisesName Caf\(bad) Bistro",
            "invalid-encoding 383 384 PremisesName City Chicken Caf\(bad)",
            "invalid-encoding 395 396 PremisesName Caf\(bad) Del Bar",
            "surrounding-whitespace 422 423 PremisesName  no name yet",
            "invalid-encoding 464 465 PremisesName Alley Caf\(bad) Bar",
            "invalid-encoding 618 619 PremisesName Hard to Find Caf\(bad) Limited",
            "invalid-encoding 749 750 PremisesName Mr T\(bad)s Pizza",
            "invalid-encoding 785 786 PremisesName Caf\(bad) Aspire",
            "invalid-encoding 793 794 PremisesName Jass Interiors Caf\(bad)",
            "invalid-encoding 850 851 PremisesName Fat Cat Caf\(bad) Bar",
            "surrounding-whitespace 860 861 PremisesName  no name yet",
            "invalid-encoding 919 920 PremisesName Bag O\(bad) Nails",
            "invalid-encoding 943 944 PremisesName LOK\(bad)s",
            "invalid-encoding 975 976 PremisesName Caf\(bad) Rouge",
            "invalid-encoding 984 985 PremisesName White Horse Caf\(bad)",
            "invalid-encoding 1025 1026 PremisesName Shah\(bad)s Fast Food",
            "invalid-encoding 1066 1067 LocationText 41-45 St Mary\(bad)s Gate The Lace Market Nottingham",
            "invalid-encoding 1162 1163 PremisesName St Ann\(bad)s Inn",
            "invalid-encoding 1196 1197 PremisesName Colin\(bad)s Cod",
            "invalid-encoding 1217 1218 PremisesName Alcazar beer shop & caf\(bad)",
        ]
        #expect(file.findings.map(Self.describe) == expected)

        let counts = Dictionary(uniqueKeysWithValues: file.counts.map { ("\($0.rule) \($0.column ?? "-")", $0.count) })
        #expect(counts == [
            "invalid-encoding PremisesName": 22,
            "invalid-encoding LocationText": 2,
            // " no name yet", with a leading space, three times.
            "surrounding-whitespace PremisesName": 3,
        ])
        #expect(file.errors == 24)
        #expect(file.warnings == 3)
        // Warnings do not stop a row conforming: 1,256 rows less the 24 with a bad byte.
        #expect(file.conformingRows == 1232)
        // One header row and no quoted line breaks: each finding's line is its row plus 1.
        #expect(file.findings.allSatisfy { $0.line == ($0.row ?? -1) + 1 })

        // The byte offset (from 0) of the first bad byte, worked out from the raw file.
        let encoding = file.findings.filter { $0.rule == "invalid-encoding" }
        let offsets = Dictionary(uniqueKeysWithValues: encoding.map { ($0.row ?? -1, $0.byteOffset ?? -1) })
        let unquoted: [Int: Int] = [
            32: 11764, 52: 18451, 163: 56911, 273: 93758, 329: 112841, 379: 129518, 383: 130801,
            395: 134827, 464: 157920, 618: 210481, 749: 256182, 785: 268115, 793: 271025, 850: 289842,
            919: 313490, 943: 321436, 975: 332611, 984: 335788, 1025: 350209, 1066: 364783,
            1162: 397839, 1196: 409199, 1217: 416219,
        ]
        for (row, offset) in unquoted { #expect(offsets[row] == offset, "row \(row)") }
        // Row 288's cell is quoted ("WIRED, Caf\xE9 Bar" starts at byte 98655), so its é is
        // byte 98666: the offset counts the opening quote.
        #expect(offsets[288] == 98666)
    }

    /// Made-up rows: the code lists, the patterns, the XML's lengths and the bounds.
    @Test func publicToiletsMadeUpRows() throws {
        let standard = try Conform.loadStandard(Self.toilets, searchPaths: TestSupport.searchPaths)
        let names = standard.resolved.standard.fields.map(\.name)
        func row(_ values: [String: String]) -> String {
            let base = [
                "ExtractDate": "24/06/2014", "OrganisationLabel": "Kensington and Chelsea",
                "ServiceTypeLabel": "Public toilets", "LocationText": "Courtfield Road SW7",
                "GeoX": "-0.19", "GeoY": "51.49",
            ]
            let cells = base.merging(values) { $1 } // no cell holds a comma or a quote
            return names.map { cells[$0] ?? "" }.joined(separator: ",")
        }
        let rows = [
            row([:]),                                                                // 1 fine
            row(["RADARKeyNeeded": "Y"]),                                            // 2 not a flag
            row(["BabyChange": "tRue"]),                                             // 3 case counts
            row(["FamilyToilet": "YES", "ChangingPlace": "no", "Category": "Children only",
                 "AccessibleCategory": "None"]),                                     // 4 fine
            row(["Category": "female"]),                                             // 5 case counts
            row(["Postcode": "SW1A  1AA"]),                                          // 6 fine: two spaces, 9 characters
            row(["Postcode": "sw1a 1aa"]),                                           // 7 lower case
            row(["ReportEmail": "streetline@localhost"]),                            // 8 fine: the schema needs no dot
            row(["ReportEmail": "streetline@rbkc..gov.uk"]),                         // 9 empty domain label
            row(["ChargeAmount": "-0.20"]),                                          // 10 MinCurrency 0
            row(["ChargeAmount": "£0.20"]),                                          // 11 "Omit the currency symbol"
            row(["GeoX": "123456789012345678901"]),                                  // 12 21 characters: MaxSize 20
            row(["CoordinateReferenceSystem": "OSGB36", "GeoX": "526500", "GeoY": "178500"]), // 13 fine
            row(["CoordinateReferenceSystem": "ETRS89"]),                            // 14 not in the list
            row(["ExtractDate": "24/06/2014 14:30"]),                                // 15 fine: time allowed
            row(["ExtractDate": "2014-06-24"]),                                      // 16 not DD/MM/YYYY
            row(["GeoX": ""]),                                                       // 17 required
            row(["OrganisationURI": "opendatacommunities.org/id/x"]),                // 18 not absolute
        ]
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = TestSupport.write(([names.joined(separator: ",")] + rows).joined(separator: "\n") + "\n", "made-up.csv", in: directory)
        let file = Conform.validate(paths: [path], standard: standard, options: ValidationOptions(maxFindings: 1000)).report.files[0]
        #expect(file.findings.map { "\($0.row ?? 0) \($0.column ?? "-") \($0.rule)" } == [
            "2 RADARKeyNeeded not-in-codelist",
            "3 BabyChange not-in-codelist",
            "5 Category not-in-codelist",
            "7 Postcode pattern-mismatch",
            "9 ReportEmail pattern-mismatch",
            "10 ChargeAmount below-minimum",
            "11 ChargeAmount type-mismatch",
            "12 GeoX too-long",
            "14 CoordinateReferenceSystem not-in-codelist",
            "16 ExtractDate pattern-mismatch",
            "17 GeoX missing-value",
            "18 OrganisationURI type-mismatch",
        ])
        let category = try #require(file.findings.first { $0.column == "Category" })
        #expect(category.hint == "differs only by case from \"Female\"")
    }

    /// Made-up rows: required flags without an empty alternative, optional ones with, the
    /// supervisor's postcode without the XML's conflicting MaxSize, and what is not a key.
    @Test func premisesLicencesMadeUpRows() throws {
        let standard = try Conform.loadStandard(Self.premises, searchPaths: TestSupport.searchPaths)
        let names = standard.resolved.standard.fields.map(\.name)
        func row(_ values: [String: String]) -> String {
            let base = [
                "ExtractDate": "25/05/2014", "OrganisationLabel": "Nottinghamshire",
                "ServiceTypeLabel": "Premises licence", "LocationText": "Burton Street Nottingham",
                "LateNightRefreshment": "true", "AlcoholSupply": "No", "StatusLabel": "Approved",
            ]
            let cells = base.merging(values) { $1 } // no cell holds a comma or a quote
            return names.map { cells[$0] ?? "" }.joined(separator: ",")
        }
        let rows = [
            row([:]),                                                           // 1 fine
            row(["LateNightRefreshment": ""]),                                  // 2 required
            row(["AlcoholSupply": "Y"]),                                        // 3 not a flag
            row(["OnPremisesAlcoholSale": "", "OffPremisesAlcoholSale": "yes"]), // 4 fine: optional flags
            row(["SupervisorPostcode": "EC1A  1BB"]),                           // 5 fine: 9 characters, XML's 8 not kept
            row(["SupervisorPostcode": "EC1A1BB"]),                             // 6 no space
            row(["Postcode": "NG1 4BT XX"]),                                    // 7 10 characters: MaxSize 9
            row(["LicenceEndDate": "2014-05-25"]),                              // 8 not DD/MM/YYYY
            row(["DecisionDate": "31/02/2014 23:59:59"]),                       // 9 fine: the pattern does not check the date exists
            row(["GeoPointLicensingURL": "not a url"]),                         // 10 fine: xsd:string in the schema
            row(["LicenceURL": "www.example.org"]),                             // 11 not absolute
            row(["StatusLabel": ""]),                                           // 12 required
            row(["CaseReference": "55818"]),                                    // 13
            row(["CaseReference": "55818"]),                                    // 14 fine: not a key
        ]
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = TestSupport.write(([names.joined(separator: ",")] + rows).joined(separator: "\n") + "\n", "made-up.csv", in: directory)
        let file = Conform.validate(paths: [path], standard: standard, options: ValidationOptions(maxFindings: 1000)).report.files[0]
        #expect(file.findings.map { "\($0.row ?? 0) \($0.column ?? "-") \($0.rule)" } == [
            "2 LateNightRefreshment missing-value",
            "3 AlcoholSupply not-in-codelist",
            "6 SupervisorPostcode pattern-mismatch",
            "7 Postcode too-long",
            "8 LicenceEndDate pattern-mismatch",
            "11 LicenceURL type-mismatch",
            "12 StatusLabel missing-value",
        ])
    }
}
