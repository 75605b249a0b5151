import Foundation
import Testing
@testable import ConformKit

/// Documentation generated from the code stays in step with it.
struct DocumentationTests {
    @Test func rulesReferenceIsCurrent() throws {
        let path = TestSupport.repositoryRoot.appendingPathComponent("docs/rules.md").path
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written == RuleDocumentation.markdown(), "docs/rules.md is stale: run `swift run conform rules --markdown > docs/rules.md`")
    }
}
