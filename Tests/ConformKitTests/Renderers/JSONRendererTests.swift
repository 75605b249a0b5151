import Foundation
import Testing
@testable import ConformKit

@Suite("JSON renderer")
struct JSONRendererTests {
    let renderer = JSONRenderer()

    @Test func validationMatchesStoredOutput() throws {
        try RendererSamples.expectMatchesStored(
            renderer.render(RendererSamples.validation, options: RenderOptions()), "validation.json")
    }

    @Test func lintMatchesStoredOutput() throws {
        try RendererSamples.expectMatchesStored(
            renderer.render(RendererSamples.lint, options: RenderOptions()), "lint.json")
    }

    @Test func colourIsIgnored() {
        let report = RendererSamples.validation
        let colored = renderer.render(report, options: RenderOptions(color: true))
        #expect(colored == renderer.render(report, options: RenderOptions()))
        #expect(!colored.contains("\u{1B}"))
    }

    @Test func endsWithOneNewline() {
        let text = renderer.render(RendererSamples.validation, options: RenderOptions())
        #expect(text.hasSuffix("}\n"))
        #expect(!text.hasSuffix("\n\n"))
        #expect(renderer.render(RendererSamples.lint, options: RenderOptions()).hasSuffix("}\n"))
    }

    @Test func slashesUnescapedAndNilsOmitted() throws {
        let text = renderer.render(RendererSamples.validation, options: RenderOptions())
        #expect(!text.contains("\\/"))
        #expect(text.contains("\"examples/brownfield/dirty.csv\""))
        #expect(!text.contains("null"))

        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let files = object?["files"] as? [[String: Any]]
        let findings = files?.first?["findings"] as? [[String: Any]]
        let blankRow = try #require(findings?.first)
        #expect(blankRow["rule"] as? String == "blank-row")
        #expect(Set(blankRow.keys) == ["rule", "severity", "message", "file", "line", "row"])
    }

    @Test func decodesToTheSameBytes() throws {
        let text = renderer.render(RendererSamples.validation, options: RenderOptions())
        let decoded = try JSONDecoder().decode(ValidationReport.self, from: Data(text.utf8))
        #expect(renderer.render(decoded, options: RenderOptions()) == text)

        let lint = renderer.render(RendererSamples.lint, options: RenderOptions())
        let decodedLint = try JSONDecoder().decode(LintReport.self, from: Data(lint.utf8))
        #expect(renderer.render(decodedLint, options: RenderOptions()) == lint)
    }
}
