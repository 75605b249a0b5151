import Foundation
import Testing
@testable import ConformKit

/// `--severity-overrides`: a project's own levels for rule ids, applied wherever findings are counted.
struct SeverityOverridesTests {
    @Test func overridesApplyOnEveryPath() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let overrides = try SeverityOverrides.parse(yaml: "not-in-codelist: warning\nsurrounding-whitespace: \"off\"\nduplicate-key: info\n",
                                                    file: "overrides.yaml")
        let standard = try Conform.loadStandard("uk-gov/brownfield-land-register", searchPaths: TestSupport.searchPaths)
        let plain = ShippedStandardsTests.example("brownfield/dirty.csv")
        let compressed = directory.appendingPathComponent("dirty.csv.gz").path
        try GzipInputTests.gzip(plain, into: compressed) // read as a stream, not by byte ranges
        var options = ValidationOptions(maxFindings: 1000)
        options.severityOverrides = overrides
        let reports = [plain, compressed].map { Conform.validate(paths: [$0], standard: standard, options: options).report.files[0] }
        for report in reports {
            #expect(report.counts.filter { $0.rule == "not-in-codelist" }.allSatisfy { $0.severity == .warning })
            #expect(report.findings.filter { $0.rule == "not-in-codelist" }.allSatisfy { $0.severity == .warning })
            #expect(!report.counts.contains { $0.rule == "surrounding-whitespace" })
            #expect(report.findings.filter { $0.rule == "duplicate-key" }.map(\.severity) == [.info])
        }
        #expect(reports[0].errors == reports[1].errors && reports[0].warnings == reports[1].warnings
            && reports[0].infos == reports[1].infos && reports[0].conformingRows == reports[1].conformingRows)
        let baseline = Conform.validate(paths: [plain], standard: standard).report.files[0]
        #expect(reports[0].conformingRows > baseline.conformingRows) // rows that failed only on those rules now conform
    }

    @Test func unknownRulesAndLevelsAreRefused() {
        #expect(throws: Conform.StandardError.self) { try SeverityOverrides.parse(yaml: "not-in-codlist: warning\n", file: "o.yaml") }
        #expect(throws: Conform.StandardError.self) { try SeverityOverrides.parse(yaml: "not-in-codelist: fatal\n", file: "o.yaml") }
    }
}
