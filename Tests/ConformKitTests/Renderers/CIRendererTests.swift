import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ConformKit

/// The renderers for CI systems: JUnit XML and GitHub workflow commands.
@Suite("JUnit and GitHub renderers")
struct CIRendererTests {
    @Test func storedOutputs() throws {
        try RendererSamples.expectMatchesStored(JUnitRenderer().render(RendererSamples.validation, options: RenderOptions()), "validation.junit.xml")
        try RendererSamples.expectMatchesStored(GitHubRenderer().render(RendererSamples.validation, options: RenderOptions()), "validation.github.txt")
        try RendererSamples.expectMatchesStored(JUnitRenderer().render(RendererSamples.comparison, options: RenderOptions()), "comparison.junit.xml")
    }

    /// The JUnit output parses as XML, and its counts add up.
    @Test func junitParsesAndCounts() throws {
        for text in [JUnitRenderer().render(RendererSamples.validation, options: RenderOptions()),
                     JUnitRenderer().render(RendererSamples.lint, options: RenderOptions()),
                     JUnitRenderer().render(RendererSamples.comparison, options: RenderOptions())] {
            final class Counter: NSObject, XMLParserDelegate {
                var suites: [(tests: Int, failures: Int)] = []
                var cases = 0, failures = 0, root: [String: String] = [:]
                func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                            attributes: [String: String] = [:]) {
                    switch name {
                    case "testsuites": root = attributes
                    case "testsuite": suites.append((Int(attributes["tests"] ?? "") ?? -1, Int(attributes["failures"] ?? "") ?? -1))
                    case "testcase": cases += 1
                    case "failure": failures += 1
                    default: break
                    }
                }
            }
            let parser = XMLParser(data: Data(text.utf8))
            let counter = Counter()
            parser.delegate = counter
            #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
            #expect(counter.suites.reduce(0) { $0 + $1.tests } == counter.cases)
            #expect(counter.suites.reduce(0) { $0 + $1.failures } == counter.failures)
            #expect(counter.root["tests"] == String(counter.cases) && counter.root["failures"] == String(counter.failures))
        }
    }

    /// Workflow commands escape what the runner would misread.
    @Test func githubEscapes() {
        var report = RendererSamples.validation
        report.files[0].findings[0].message = "50% of\nlines"
        report.files[0].findings[0].file = "data/a,b:c.csv"
        let line = GitHubRenderer().render(report, options: RenderOptions()).split(separator: "\n")[0]
        #expect(line == "::warning file=data/a%2Cb%3Ac.csv,line=5,title=blank-row row 4::50%25 of%0Alines")
    }
}
