import Foundation
import Testing
@testable import ConformKit

/// The shipped standards and their example datasets, driven by `examples/conform.yaml` (the project
/// file `conform check` runs on the examples): which files are checked against which standard is read
/// from its checks, not repeated here.
///
/// - every shipped standard lints without a finding (`openreferral/hsds-3.0`, being reworked, is left
///   to `ShippedStandardsTests`);
/// - every shipped standard except the type library `uk-gov/core` (and `openreferral/hsds-3.0`) has
///   a check in `examples/conform.yaml` matching a clean and a dirty file;
/// - each clean file gives no finding at all, and each dirty file (`dirty.*`) exactly the seeded
///   findings below, in order: line, row, column (or JSON Pointer), rule id (with the row rule's id
///   for `rule-failed`) and severity;
/// - each example folder's README table lists the same findings.
struct ShippedExamplesTests {
    static let examples = TestSupport.repositoryRoot.appendingPathComponent("examples")

    /// Standards without examples: a library of types, and a standard someone else is rewriting.
    static func exempt(_ id: String) -> Bool {
        id == "uk-gov/core" || id == "openreferral/hsds-3.0" || id.hasPrefix("openreferral/hsds-3.0/")
    }

    /// Every (file relative to `examples/`, standard reference) that `examples/conform.yaml` checks.
    static func checkedFiles() throws -> [(file: String, standard: String)] {
        let project = try ProjectConfig.load(examples.appendingPathComponent("conform.yaml").path)
        var files: [(file: String, standard: String)] = []
        for check in project.checks {
            #expect(check.standards.count == 1, "a check of examples/conform.yaml names \(check.standards.count) standards")
            for file in project.files(of: check) {
                files.append((file, check.standards[0]))
            }
        }
        return files
    }

    static func isDirty(_ file: String) -> Bool {
        URL(fileURLWithPath: file).lastPathComponent.hasPrefix("dirty.")
    }

    /// A finding as the expectations below write it.
    static func describe(_ finding: Finding) -> String {
        var rule = finding.rule
        if finding.rule == "rule-failed" {
            // RuleFailed.message: "<id>: <message>", or "rule <id> failed: <assert>" without a message.
            let message = finding.message
            let id = message.hasPrefix("rule ") ? message.dropFirst(5).prefix { $0 != " " } : message.prefix { $0 != ":" }
            rule += "/\(id)"
        }
        return "\(finding.line ?? 0) \(finding.row ?? -1) \(finding.pointer ?? finding.column ?? "-") \(rule) \(finding.severity.rawValue)"
    }

    /// The seeded findings of every dirty file, by its path under `examples/`. The brownfield and
    /// 360Giving JSON lists are those of `examples/README.md` and `examples/360giving/README.md`
    /// (also asserted, with other details, by `ShippedStandardsTests` and `ThreeSixtyGivingTests`).
    static let seeded: [String: [String]] = [
        "brownfield/dirty.csv": [
            "5 3 SiteplanURL type-mismatch error",
            "7 5 GeoX type-mismatch error",
            "8 6 PlanningStatus not-in-codelist error",
            "9 7 Deliverable not-in-codelist error",
            "11 9 PermissionDate type-mismatch error",
            "13 11 OrganisationLabel missing-value error",
            "14 12 SiteReference too-long error",
            "16 14 Hectares pattern-mismatch error",
            "17 15 Hectares pattern-mismatch error",
            "17 15 Hectares below-minimum error",
            "19 17 CoordinateReferenceSystem not-in-codelist error",
            "20 18 PlanningHistory pattern-mismatch error",
            "22 20 OrganisationURI+SiteReference duplicate-key error",
            "25 22 - rule-failed/updated-not-before-added error",
            "27 24 - rule-failed/permission-date-with-type error",
            "28 25 - rule-failed/dwellings-range-in-order error",
            "30 27 - extra-cell error",
            "32 29 LastUpdatedDate missing-cell error",
            "33 30 - blank-row warning",
            "35 32 PlanningStatus surrounding-whitespace warning",
            "35 32 PlanningStatus not-in-codelist error",
        ],
        "360giving/dirty.json": [
            "66 2 /grants/1/currency not-in-codelist error",
            "111 3 /grants/2/description missing-value error",
            "167 4 /grants/3/awardDate pattern-mismatch error",
            "257 5 /grants/4/beneficiaryLocation/2/geoCodeType not-in-codelist error",
            "344 7 /grants/6/recipientOrganization/0/id pattern-mismatch error",
            "378 8 /grants/7/title missing-value error",
            "431 9 /grants/8/amountAwarded type-mismatch error",
            "475 10 /grants/9/id duplicate-value error",
            "523 11 /grants/10 rule-failed/not-both-recipient-kinds error",
        ],
        "hmt-spend-over-25k/dirty.csv": [
            "3 2 Date type-mismatch error",
            "6 5 Amount type-mismatch error",
            "7 6 Date type-mismatch error",
            "8 7 Supplier missing-value error",
            "9 8 Supplier postcode pattern-mismatch warning",
            "11 10 Amount type-mismatch error",
            "12 11 Date type-mismatch error",
            "14 13 Entity missing-value error",
            "16 15 Supplier postcode pattern-mismatch warning",
            "17 16 Expenditure type missing-cell error",
        ],
        "360giving-flat/dirty.csv": [
            "2 1 Currency not-in-codelist error",
            "3 2 Amount Awarded type-mismatch error",
            "4 3 Award Date pattern-mismatch error",
            "5 4 Recipient Org:Identifier pattern-mismatch error",
            "6 5 Title missing-value error",
            "7 6 Beneficiary Location:Geographic Code Type not-in-codelist error",
            "8 7 From an open call? not-in-codelist error",
            "9 8 Last modified pattern-mismatch error",
            "10 9 - rule-failed/not-both-recipient-kinds error",
            "11 10 - rule-failed/recipient-individual-identifier error",
            "12 11 - rule-failed/grant-reasons-for-individuals-only warning",
        ],
        "lga-planning-applications/dirty.csv": [
            "4 1 DecisionType not-in-codelist error",
            "5 2 CaseDate pattern-mismatch error",
            "6 3 CaseURL type-mismatch error",
            "8 4 CaseText missing-value error",
            "9 5 GeoX type-mismatch error",
            "11 7 Status surrounding-whitespace warning",
            "11 7 Status not-in-codelist error",
            "12 8 CoordinateReferenceSystem not-in-codelist error",
            "13 9 ResponsesAgainst below-minimum error",
            "14 10 OrganisationURI+CaseReference duplicate-key error",
            "16 12 - rule-failed/appeal-decision-needs-appeal warning",
        ],
        "lga-public-toilets/dirty.csv": [
            "2 1 ExtractDate pattern-mismatch error",
            "5 2 Category not-in-codelist error",
            "7 3 BabyChange not-in-codelist error",
            "8 4 GeoY missing-value error",
            "9 5 ChargeAmount below-minimum error",
            "11 7 ReportEmail pattern-mismatch error",
            "13 8 Postcode pattern-mismatch error",
            "14 9 InfoURL type-mismatch error",
            "15 10 CoordinateReferenceSystem not-in-codelist error",
            "17 12 LocationText missing-value error",
        ],
        "lga-premises-licences/dirty.csv": [
            "2 1 SupervisorPostcode pattern-mismatch error",
            "4 2 LateNightRefreshment missing-value error",
            "5 3 AlcoholSupply not-in-codelist error",
            "6 4 CaseDate pattern-mismatch error",
            "7 5 OnPremisesAlcoholSale not-in-codelist error",
            "9 7 StatusLabel missing-value error",
            "10 8 LicenceURL type-mismatch error",
            "12 10 ExtractDate pattern-mismatch error",
            "13 11 - extra-cell error",
        ],
        "hsds-1.1-organization/dirty.csv": [
            "3 2 email type-mismatch error",
            "4 3 id type-mismatch error",
            "5 4 url type-mismatch error",
            "6 5 year_incorporated type-mismatch error",
            "7 6 description missing-value error",
            "9 8 id duplicate-value error",
            "9 8 id duplicate-key error",
            "10 9 name missing-value error",
        ],
    ]

    @Test func everyShippedStandardLintsClean() {
        let shipped = StandardResolver(searchPaths: TestSupport.searchPaths).shippedStandards()
            .filter { !$0.id.hasPrefix("openreferral/hsds-3.0") }
        #expect(shipped.contains { $0.id == "hmt/spend-over-25k" })
        #expect(shipped.contains { $0.id == "360giving/grants-flat" })
        let report = Conform.lint(shipped.map(\.path), searchPaths: TestSupport.searchPaths)
        #expect(report.findings.isEmpty, "\(report.findings.map { "\($0.file):\($0.line ?? 0) \($0.severity.rawValue)[\($0.rule)] \($0.message)" })")
    }

    @Test func everyShippedStandardHasACleanAndADirtyExample() throws {
        let files = try Self.checkedFiles()
        let shipped = StandardResolver(searchPaths: TestSupport.searchPaths).shippedStandards().map(\.id).filter { !Self.exempt($0) }
        #expect(shipped.count >= 8)
        for id in shipped {
            let mine = files.filter { $0.standard == id }.map(\.file)
            #expect(mine.contains { !Self.isDirty($0) }, "\(id): no clean example in examples/conform.yaml")
            #expect(mine.contains { Self.isDirty($0) }, "\(id): no dirty example in examples/conform.yaml")
        }
        // Every dirty file has its list of seeded findings, and every list its file.
        #expect(Set(files.map(\.file).filter(Self.isDirty)) == Set(Self.seeded.keys))
    }

    @Test func cleanExamplesGiveNoFinding() throws {
        let files = try Self.checkedFiles().filter { !Self.isDirty($0.file) }
        #expect(files.count >= 8)
        for (file, id) in files {
            let standard = try Conform.loadStandard(id, searchPaths: TestSupport.searchPaths)
            let outcome = Conform.validate(paths: [Self.examples.appendingPathComponent(file).path], standard: standard,
                                           options: ValidationOptions(maxFindings: 1000))
            #expect(outcome.unreadable.isEmpty, "\(file)")
            let report = try #require(outcome.report.files.first, "\(file)")
            #expect(report.findings.map(Self.describe) == [], "\(file) against \(id)")
            #expect(report.rows > 0 && report.conformingRows == report.rows, "\(file)")
        }
    }

    @Test func dirtyExamplesGiveExactlyTheSeededFindings() throws {
        let files = try Self.checkedFiles().filter { Self.isDirty($0.file) }
        #expect(files.count >= 8)
        for (file, id) in files {
            let standard = try Conform.loadStandard(id, searchPaths: TestSupport.searchPaths)
            let outcome = Conform.validate(paths: [Self.examples.appendingPathComponent(file).path], standard: standard,
                                           options: ValidationOptions(maxFindings: 1000))
            #expect(outcome.unreadable.isEmpty, "\(file)")
            let report = try #require(outcome.report.files.first, "\(file)")
            #expect(report.findingsOmitted == 0, "\(file)")
            #expect(report.findings.map(Self.describe) == Self.seeded[file] ?? ["(no list for \(file))"], "\(file) against \(id)")
            #expect(!outcome.report.conforms, "\(file)")
            // Every finding about a value or a row rule says where in the standard its rule is written.
            for finding in report.findings where finding.rule != "missing-cell" && finding.rule != "extra-cell" && finding.rule != "blank-row"
                && finding.rule != "surrounding-whitespace" {
                #expect(finding.standardLocation != nil, "\(file): \(Self.describe(finding)) has no place in the standard")
            }
        }
    }

    /// The README of each example folder lists the seeded findings in a table
    /// `| # | line | row | column | value | rule | severity | note |`: the same ones, in the same order.
    @Test func readmesListTheSeededFindings() throws {
        let dirty = try Self.checkedFiles().map(\.file).filter(Self.isDirty)
        var checked = 0
        for file in dirty {
            let folder = (file as NSString).deletingLastPathComponent
            let readme = Self.examples.appendingPathComponent(folder).appendingPathComponent("README.md")
            guard let text = try? String(contentsOf: readme, encoding: .utf8),
                  text.contains("| # | line | row | column | value | rule | severity | note |") else { continue }
            checked += 1
            let cells = try NSRegularExpression(pattern: #"(?<!\\)\|"#)
            let rows: [String] = text.split(separator: "\n").compactMap { line -> String? in
                let line = String(line)
                guard line.hasPrefix("| "), let first = line.dropFirst(2).first, first.isNumber else { return nil }
                var parts: [String] = []
                var start = line.startIndex
                for match in cells.matches(in: line, range: NSRange(line.startIndex..., in: line)) {
                    let bar = Range(match.range, in: line)!
                    parts.append(line[start..<bar.lowerBound].trimmingCharacters(in: .whitespaces))
                    start = bar.upperBound
                }
                // parts: "", #, line, row, column, value, rule, severity, note
                guard parts.count >= 9 else { return "malformed: \(line)" }
                let column = parts[4] == "— (row)" ? "-" : parts[4]
                let rule = parts[6].replacingOccurrences(of: "`", with: "")
                    .replacingOccurrences(of: " (", with: "/").replacingOccurrences(of: ")", with: "")
                return "\(parts[2]) \(parts[3]) \(column) \(rule) \(parts[7])"
            }
            #expect(rows == Self.seeded[file] ?? [], "\(folder)/README.md")
        }
        #expect(checked >= 6)
    }
}
