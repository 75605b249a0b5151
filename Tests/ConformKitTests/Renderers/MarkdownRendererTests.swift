import Foundation
import Testing
@testable import ConformKit

@Suite("Markdown renderer")
struct MarkdownRendererTests {
    let renderer = MarkdownRenderer()

    @Test func validationMatchesStoredOutput() throws {
        try RendererSamples.expectMatchesStored(renderer.render(RendererSamples.validation, options: RenderOptions()), "validation.md")
    }

    @Test func lintMatchesStoredOutput() throws {
        try RendererSamples.expectMatchesStored(renderer.render(RendererSamples.lint, options: RenderOptions()), "lint.md")
    }

    @Test func comparisonMatchesStoredOutput() throws {
        try RendererSamples.expectMatchesStored(renderer.render(RendererSamples.comparison, options: RenderOptions()), "comparison.md")
    }

    /// Every table row has as many cells as its header, whatever the messages hold (pipes, line breaks).
    @Test func tablesStayTables() {
        var report = RendererSamples.validation
        report.files[0].findings[0].message = "a | b\nc"
        let text = renderer.render(report, options: RenderOptions())
        var columns = 0
        for line in text.split(separator: "\n") {
            guard line.hasPrefix("|") else {
                columns = 0
                continue
            }
            let cells = line.replacingOccurrences(of: "\\|", with: "").split(separator: "|", omittingEmptySubsequences: false).count - 2
            if columns == 0 { columns = cells } else { #expect(cells == columns, "\(line)") }
        }
        #expect(text.contains("a \\| b c"))
    }

    @Test func comparisonToo() throws {
        try RendererSamples.expectMatchesStored(TextRenderer().render(RendererSamples.comparison, options: RenderOptions()), "comparison.txt")
        try RendererSamples.expectMatchesStored(JSONRenderer().render(RendererSamples.comparison, options: RenderOptions()), "comparison.json")
    }
}
