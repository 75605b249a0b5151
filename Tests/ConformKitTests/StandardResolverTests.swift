import Foundation
import Testing
@testable import ConformKit

/// How `uses` builds the names a standard can see, and how ids are found.
struct StandardResolverTests {
    @Test func firstDefinitionInDepthFirstOrderWins() throws {
        let directory = TestSupport.temporaryDirectory()
        TestSupport.write("conform: 1\nid: c\ntypes:\n  ref:\n    type: string\n    pattern: 'C[0-9]'\n", "c.yaml", in: directory)
        TestSupport.write("conform: 1\nid: a\nuses: [c.yaml]\ntypes:\n  mine:\n    type: string\n    pattern: 'A'\n", "a.yaml", in: directory)
        TestSupport.write("conform: 1\nid: b\ntypes:\n  ref:\n    type: string\n    pattern: 'B[0-9]'\n  mine:\n    type: string\n    pattern: 'B'\n", "b.yaml", in: directory)
        let root = TestSupport.write("conform: 1\nid: root\nuses: [a.yaml, b.yaml]\ntypes:\n  mine:\n    type: string\n    pattern: 'R'\nfields:\n  - name: x\n    type: ref\n  - name: y\n    type: mine\n",
                                     "root.yaml", in: directory)
        let loaded = try Conform.loadStandard(root, searchPaths: [])
        #expect(loaded.resolved.types["ref"]?.constraints.pattern?.value == "C[0-9]")
        #expect(loaded.resolved.types["mine"]?.constraints.pattern?.value == "R")
        #expect(loaded.resolved.dependencies.map(\.id) == ["a", "c", "b"])
    }

    @Test func shippedIdsResolveThroughSearchPaths() throws {
        let resolver = StandardResolver(searchPaths: TestSupport.searchPaths)
        let path = try #require(resolver.locate("uk-gov/core"))
        #expect(path.hasSuffix("standards/uk-gov/core.yaml"))
        #expect(resolver.locate("uk-gov/nope") == nil)
    }

    @Test func userFolderComesFirst() throws {
        let directory = TestSupport.temporaryDirectory()
        TestSupport.write("conform: 1\nid: uk-gov/core\nfields: []\n", "uk-gov/core.yaml", in: directory)
        let resolver = StandardResolver(searchPaths: [directory.path] + TestSupport.searchPaths)
        let path = try #require(resolver.locate("uk-gov/core"))
        #expect(path.hasPrefix(directory.path) || path.contains(directory.lastPathComponent))
    }

    @Test func defaultSearchPathEndsWithTheSourceTree() {
        let paths = StandardResolver.defaultSearchPaths(extra: ["/x"], executablePath: "/opt/conform/bin/conform")
        #expect(paths.first == "/x")
        #expect(paths.contains("/opt/conform/share/conform/standards"))
        #expect(paths.last == TestSupport.repositoryRoot.appendingPathComponent("standards").path)
    }
}
