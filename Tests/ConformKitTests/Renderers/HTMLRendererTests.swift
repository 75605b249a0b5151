import Foundation
import Testing
@testable import ConformKit

@Suite("HTML renderer")
struct HTMLRendererTests {
    let renderer = HTMLRenderer()

    @Test func storedOutputs() throws {
        try RendererSamples.expectMatchesStored(renderer.render(RendererSamples.validation, options: RenderOptions()), "validation.html")
        try RendererSamples.expectMatchesStored(renderer.render(RendererSamples.comparison, options: RenderOptions()), "comparison.html")
    }

    /// One file, nothing fetched, every value escaped.
    @Test func selfContainedAndEscaped() {
        var report = RendererSamples.validation
        report.files[0].findings[0].message = "<script>alert(1)</script>"
        report.files[0].findings[1].value = "a & \"b\" <c>"
        let html = renderer.render(report, options: RenderOptions())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script>alert(1)</script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<mark>a &amp; &quot;b&quot; &lt;c&gt;</mark>"))
        #expect(!html.contains("<link") && !html.contains(" src=") && !html.contains("@import"))
    }

    /// The page opens in a real browser (headless Chromium) without console errors and shows the
    /// report's numbers; a screenshot is left in .build/reports/report.png. `.ci/run` installs
    /// Chromium and sets `CONFORM_REQUIRE_BROWSER=1`, which makes its absence a failure.
    @Test func rendersInHeadlessChromium() throws {
        let standards = try ["uk-gov/brownfield-land-register", "lga/planning-applications"].map {
            try Conform.loadStandard($0, searchPaths: TestSupport.searchPaths)
        }
        let report = Conform.validate(paths: [ShippedStandardsTests.example("brownfield/dirty.csv")], standards: standards).report
        let reports = TestSupport.repositoryRoot.appendingPathComponent(".build/reports")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        let page = reports.appendingPathComponent("report.html")
        try Data(renderer.render(report, options: RenderOptions()).utf8).write(to: page)
        guard let dom = try Browser.dumpDOM(page) else { return }
        #expect(dom.contains("<span class=\"errors\">\(report.files[0].errors)</span>"))
        #expect(dom.contains("<span class=\"errors\">\(report.files[1].errors)</span>"))
        #expect(dom.contains("\(report.files[0].conformingRows) of \(report.files[0].rows) rows conform"))
        #expect(dom.contains("Conformance matrix"))
        let shot = reports.appendingPathComponent("report.png")
        _ = try Browser.run(page, ["--screenshot=\(shot.path)", "--window-size=1280,1600"])
        #expect(FileManager.default.fileExists(atPath: shot.path))
    }
}
