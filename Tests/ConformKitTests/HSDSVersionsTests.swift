import Foundation
import Testing
@testable import ConformKit

/// Two versions of one real standard: Open Referral HSDS 1.1 and 3.0, the organization table
/// (`standards/openreferral/hsds-1.1/organization.yaml`, `standards/openreferral/hsds-3.0/organization.yaml`),
/// with the crosswalk `standards/crosswalks/hsds-1.1-to-3.0-organization.yaml`.
/// The changes cited are those of the HSDS changelog (openreferral/specification, docs/hsds/changelog.md).
struct HSDSVersionsTests {
    static let old = "openreferral/hsds-1.1/organization"
    static let new = "openreferral/hsds-3.0/organization"
    static let crosswalk = TestSupport.repositoryRoot
        .appendingPathComponent("standards/crosswalks/hsds-1.1-to-3.0-organization.yaml").path

    /// One gap as (rule, severity, fromField, toField).
    struct G: Equatable, CustomStringConvertible {
        var rule: String, severity: Severity, from: String?, to: String?
        init(_ rule: String, _ severity: Severity, _ from: String?, _ to: String?) {
            self.rule = rule; self.severity = severity; self.from = from; self.to = to
        }
        init(_ gap: Gap) { self.init(gap.rule, gap.severity, gap.fromField, gap.toField) }
        var description: String { "\(rule) \(severity) \(from ?? "-") → \(to ?? "-")" }
    }

    func compare(crosswalk: Bool) throws -> ComparisonReport {
        let a = try Conform.loadStandard(Self.old, searchPaths: TestSupport.searchPaths)
        let b = try Conform.loadStandard(Self.new, searchPaths: TestSupport.searchPaths)
        let mappings = crosswalk ? try Conform.loadCrosswalk(Self.crosswalk, between: a, and: b) : nil
        return Conform.compare(a, b, direction: .aToB, crosswalk: mappings)
    }

    @Test func bothStandardsLintClean() {
        let paths = [Self.old, Self.new].map {
            TestSupport.repositoryRoot.appendingPathComponent("standards/\($0).yaml").path
        }
        #expect(Conform.lint(paths, searchPaths: TestSupport.searchPaths).findings.isEmpty)
    }

    @Test func oldToNewWithoutTheCrosswalk() throws {
        let report = try compare(crosswalk: false)
        // Every 1.1 field but url keeps its name in 3.0 (tax_status and tax_id are deprecated, not removed).
        #expect(report.matches.map(\.a) == ["id", "name", "alternate_name", "description", "email",
                                             "tax_status", "tax_id", "year_incorporated", "legal_status"])
        #expect(report.matches.allSatisfy { $0.a == $0.b && $0.by == "name" })
        let direction = report.directions[0]
        #expect(direction.gaps.map(G.init) == [
            // 1.1's url is 3.0's website (changelog v3.0: organization "added website"; same description
            // "The URL (website address) of the organization."). Matched by name only, url has no counterpart.
            G("field-missing", .warning, "url", nil),
            // 1.1 "date (%Y)" (a four-digit year) became 3.0 "number": every year is a number.
            G("type-widened", .info, "year_incorporated", "year_incorporated"),
        ])
        // The 3.0 additions (logo, uri, parent_organization_id, website) are optional: no required-not-provided.
        // id: required, unique and the primary key in both versions: no key-differs.
        #expect(direction.compatible)
    }

    @Test func oldToNewWithTheCrosswalk() throws {
        let report = try compare(crosswalk: true)
        // The crosswalk's curated exactMatch url → website (the rename) matches the two fields.
        #expect(report.matches.contains { $0.a == "url" && $0.b == "website" && $0.by == "crosswalk" })
        #expect(report.matches.count == 10)
        let direction = report.directions[0]
        #expect(direction.gaps.map(G.init) == [
            // Still: 1.1 "date (%Y)" → 3.0 "number" widens the type. url (uri) → website (uri) gives no gap.
            G("type-widened", .info, "year_incorporated", "year_incorporated"),
        ])
        #expect(direction.compatible && direction.errors == 0 && direction.warnings == 0 && direction.infos == 1)
    }

    @Test func theCrosswalkMapsOnlyTheRename() throws {
        let a = try Conform.loadStandard(Self.old, searchPaths: TestSupport.searchPaths)
        let b = try Conform.loadStandard(Self.new, searchPaths: TestSupport.searchPaths)
        let crosswalk = try Conform.loadCrosswalk(Self.crosswalk, between: a, and: b)
        // No 1.1 organization field was dropped in 3.0, so nothing maps to sssom:NoTermFound.
        #expect(crosswalk.mappings.map(\.subjectID) == ["url"])
        #expect(crosswalk.mappings.map(\.objectID) == ["website"])
    }

    /// The example organizations.csv published with HSDS 3.0 (openreferral/specification @ 279fd2eb,
    /// examples/csv/): one organization, every column filled.
    @Test func publishedExampleUnderBothVersions() throws {
        guard let shared = TestSupport.shared else { return }
        let path = shared.appendingPathComponent("data/real/hsds-3.0/organizations.csv").path
        guard FileManager.default.fileExists(atPath: path) else { return }
        let options = ValidationOptions(maxFindings: 1000)

        // Under 3.0: conforms, with no finding at all. Checked by hand: id and parent_organization_id are
        // UUIDs, email an address, website and uri absolute URIs, year_incorporated (2011) a number, the
        // required id, name and description are filled. parent_organization_id names an organization not
        // in the file, but the datapackage declares no foreign key for it.
        let new = try Conform.loadStandard(Self.new, searchPaths: TestSupport.searchPaths)
        let outcome = Conform.validate(paths: [path], standard: new, options: options)
        #expect(outcome.unreadable.isEmpty)
        let report = try #require(outcome.report.files.first)
        #expect(report.rows == 1 && report.conformingRows == 1 && report.conforms)
        #expect(report.findings.map(\.rule) == [])
        #expect(report.errors == 0 && report.warnings == 0 && report.infos == 0)

        // Under 1.1 (extra columns allowed, as in 3.0): the one finding is the renamed column. The 3.0
        // header has website where 1.1 has url; logo, uri and parent_organization_id are extra, and
        // 2011 is a year.
        let old = try Conform.loadStandard(Self.old, searchPaths: TestSupport.searchPaths)
        let oldReport = try #require(Conform.validate(paths: [path], standard: old, options: options).report.files.first)
        #expect(oldReport.findings.map { "\($0.rule) \($0.severity) \($0.column ?? "-")" } == ["missing-column warning url"])
        #expect(oldReport.conforms && oldReport.errors == 0 && oldReport.warnings == 1)
    }
}
