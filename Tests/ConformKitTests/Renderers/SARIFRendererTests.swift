import Foundation
import Testing
@testable import ConformKit

@Suite("SARIF renderer")
struct SARIFRendererTests {
    let renderer = SARIFRenderer()

    @Test func validationMatchesStoredOutput() throws {
        try RendererSamples.expectMatchesStored(renderer.render(RendererSamples.validation, options: RenderOptions()), "validation.sarif")
    }

    @Test func comparisonMatchesStoredOutput() throws {
        try RendererSamples.expectMatchesStored(renderer.render(RendererSamples.comparison, options: RenderOptions()), "comparison.sarif")
    }

    /// One rule per id reported, each result pointing at its rule, at the cell, with the standard's place related.
    @Test func resultsAndRules() throws {
        let text = renderer.render(RendererSamples.validation, options: RenderOptions())
        let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == RendererSamples.validation.files.flatMap(\.findings).count)
        #expect(Set(rules.compactMap { $0["id"] as? String }).count == rules.count)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
        let codelist = try #require(results.first { $0["ruleId"] as? String == "not-in-codelist" })
        let region = ((codelist["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Int]
        #expect(region == ["startLine": 14, "startColumn": 8])
        let related = (codelist["relatedLocations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
        #expect((related?["artifactLocation"] as? [String: String])?["uri"] == "standards/uk-gov/brownfield-land-register.yaml")
        #expect(codelist["level"] as? String == "error")
        #expect(results.contains { $0["level"] as? String == "note" }) // info → note
    }

    /// The output validates against the official SARIF 2.1.0 schema (`../shared/data/schemas/`), checked
    /// with Python's jsonschema, which `.ci/run` installs (`CONFORM_REQUIRE_SCHEMA_CHECK=1` makes its
    /// absence a failure; elsewhere the check is skipped when Python or the package is missing).
    @Test func validatesAgainstTheOfficialSchema() throws {
        guard let shared = TestSupport.shared else { return }
        let schema = shared.appendingPathComponent("data/schemas/sarif-schema-2.1.0.json").path
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Real reports too: a dirty CSV, a JSON file with pointers, a lint and a comparison.
        let brownfield = try Conform.loadStandard("uk-gov/brownfield-land-register", searchPaths: TestSupport.searchPaths)
        let grants = try Conform.loadStandard("360giving/grants", searchPaths: TestSupport.searchPaths)
        let planning = try Conform.loadStandard("lga/planning-applications", searchPaths: TestSupport.searchPaths)
        let outputs = [
            renderer.render(RendererSamples.validation, options: RenderOptions()),
            renderer.render(RendererSamples.lint, options: RenderOptions()),
            renderer.render(RendererSamples.comparison, options: RenderOptions()),
            renderer.render(Conform.validate(paths: [ShippedStandardsTests.example("brownfield/dirty.csv")], standard: brownfield).report,
                            options: RenderOptions()),
            renderer.render(Conform.validate(paths: [ShippedStandardsTests.example("360giving/dirty.json")], standard: grants).report,
                            options: RenderOptions()),
            renderer.render(Conform.compare(brownfield, planning), options: RenderOptions()),
        ]
        let paths = outputs.enumerated().map { TestSupport.write($0.element, "out\($0.offset).sarif", in: directory) }
        try SchemaCheck.sarif(paths, schema: schema)
    }
}
