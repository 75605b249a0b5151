import Foundation
import Testing
@testable import ConformKit

/// Hostile standards answered with an exact finding, in bounded time and memory (issue 8; the
/// limits are in docs/reliability.md): a 100 MiB standard, a standard of millions of YAML nodes,
/// deep and wide `uses`, and code list files that are not files.
struct HostileStandardTests {
    /// `rule line:character message` of each finding.
    static func described(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.rule) \(URL(fileURLWithPath: $0.file).lastPathComponent) \($0.line ?? 0):\($0.character ?? 0) \($0.message)" }
    }

    /// Writes a standard of exactly `size` bytes: one code list of `C000000001`-style codes (a
    /// mebibyte of distinct codes, repeated), a field using it, and a comment filling the rest.
    static func writeLargeStandard(size: Int, at path: String) throws {
        let head = Array("conform: 1\nid: big\nfields:\n  - name: a\n    codelist: x\ncodelists:\n  x:\n".utf8)
        let line = Array("    - C000000000\n".utf8)
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 20)
        var code = 0
        while chunk.count + line.count <= 1 << 20 {
            chunk.append(contentsOf: line)
            var value = code
            for index in stride(from: chunk.count - 2, through: chunk.count - 10, by: -1) {
                chunk[index] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
            code += 1
        }
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.write(contentsOf: head)
        var written = head.count
        while written + chunk.count + 64 <= size {
            try handle.write(contentsOf: chunk)
            written += chunk.count
        }
        let padding = size - written
        try handle.write(contentsOf: Array(("#" + String(repeating: "x", count: padding - 2) + "\n").utf8))
    }

    // MARK: Size

    /// A 100 MiB standard (6.2 million codes) is refused before it is read: a `stat`, no parsing.
    /// Before the limit it was parsed for 9.6 s to 980 MB and then refused for its nodes.
    @Test func hundredMebibyteStandardIsRefused() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("big.yaml").path
        try Self.writeLargeStandard(size: 100 << 20, at: path)
        #expect(FileByteSource.regularFileSize(path) == 100 << 20)
        let started = Date()
        let resolved = try #require(StandardResolver(searchPaths: []).resolve(path))
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(Self.described(resolved.findings)
                == ["invalid-value big.yaml 1:1 the file is 100 MiB, over the 64 MiB limit for a standard; refused"])
        #expect(!resolved.isUsable)
        // Through the command line: the standard cannot be used, exit 2.
        let data = TestSupport.write("a\nC000000001\n", "data.csv", in: directory)
        let run = try CLITests.run(["validate", data, "-s", path])
        #expect(run.status == 2)
        #expect((run.stdout + run.stderr).contains("the file is 100 MiB, over the 64 MiB limit for a standard; refused"),
                "\(run.stdout.prefix(500)) \(run.stderr.prefix(500))")
    }

    /// The limit is a property of the load options: a 2 MiB standard loads by default, and is
    /// refused under a 1 MiB limit, with the sizes said.
    @Test func standardSizeLimitCanBeChanged() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("mid.yaml").path
        // Long codes, so that 2 MiB is few nodes and quick to load in a debug build.
        var text = "conform: 1\nid: mid\nfields:\n  - name: a\n    codelist: x\ncodelists:\n  x:\n"
        var code = 0
        while text.utf8.count < 2 << 20 {
            text += "    - C\(code)-" + String(repeating: "y", count: 200) + "\n"
            code += 1
        }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let size = text.utf8.count
        let loaded = try #require(StandardResolver(searchPaths: []).resolve(path))
        #expect(loaded.findings.isEmpty && loaded.codelists["x"]?.values.count == code)
        let limited = StandardResolver(searchPaths: [], options: StandardLoadOptions(maxStandardSize: 1 << 20))
        let refused = try #require(limited.resolve(path))
        #expect(Self.described(refused.findings)
                == ["invalid-value mid.yaml 1:1 the file is 2 MiB (\(size) bytes), over the 1 MiB limit for a standard; refused"])
        #expect(StandardLoadOptions.default.maxStandardSize == 64 << 20 && StandardLoadOptions.default.maxUsesDepth == 64)
    }

    /// Two million and one nodes as written (a 4 MiB flow list of one-letter codes) are refused
    /// at the node past the limit, before Yams builds the tree (a 60 MiB one took 34 s and 4.3 GB).
    @Test func twoMillionNodesAreRefusedBeforeComposing() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Nodes: the document, conform, 1, id, many, codelists, its mapping, x, the list: 9, then
        // the codes, then fields and [].
        let codes = StandardLoader.maxNodes - 9 + 1
        let path = TestSupport.write("conform: 1\nid: many\ncodelists:\n  x: [" + String(repeating: "a,", count: codes - 1) + "a]\nfields: []\n",
                                     "many.yaml", in: directory)
        let started = Date()
        let findings = Conform.lint([path], searchPaths: []).findings
        #expect(Date().timeIntervalSince(started) < 10)
        // The last code is the 2,000,001st node: on line 4, after "  x: [" and 1,999,991 "a,".
        #expect(Self.described(findings)
                == ["invalid-value many.yaml 4:\(6 + 2 * (codes - 1) + 1) the document has more than 2000000 YAML nodes; refused"])
        // Three codes fewer is exactly at the limit, and passes the count.
        let fewer = TestSupport.write("conform: 1\nid: many\ncodelists:\n  x: [" + String(repeating: "a,", count: codes - 4) + "a]\nfields: []\n",
                                      "fewer.yaml", in: directory)
        #expect(StandardLoader.firstNodeBeyond(StandardLoader.maxNodes, in: try String(contentsOfFile: fewer, encoding: .utf8)) == nil)
    }

    /// A minified JSON standard (Table Schema) on one 1.9 MB line, 200,000 enum values: read in
    /// linear time (each value's column was counted from the line's start: quadratic, and a
    /// 60 MiB one ran for over 11 minutes), with the column of the finding exact.
    @Test func minifiedJSONStandardOnOneLine() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = "{\"fields\": [{\"name\": \"a\", \"constraints\": {\"enum\": [" + (0..<200_000).map { "\"c\($0)\"" }.joined(separator: ",")
            + "]}}, {\"name\": \"b\", \"type\": \"nope\"}]}"
        let path = TestSupport.write(text, "mini.json", in: directory)
        let column = Array(text.utf8).count - "\"nope\"}]}".utf8.count + 1
        let started = Date()
        let findings = Conform.lint([path], searchPaths: []).findings
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(Self.described(findings) == ["invalid-value mini.json 1:\(column) unknown Table Schema type \"nope\"; read as string"])
    }

    // MARK: uses

    /// Writes `count` standards `s0.yaml` … each using the next, and returns the first's path.
    static func writeChain(_ count: Int, in directory: URL) -> String {
        for index in 0..<count {
            let uses = index + 1 < count ? "uses: [s\(index + 1).yaml]\n" : ""
            TestSupport.write("conform: 1\nid: s\(index)\n\(uses)types:\n  t\(index):\n    type: string\nfields: []\n",
                              "s\(index).yaml", in: directory)
        }
        return directory.appendingPathComponent("s0.yaml").path
    }

    /// 64 levels of `uses` (65 standards) load; a 65th level is refused where it is named.
    @Test func usesChainAtAndOverTheLimit() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let atLimit = try #require(StandardResolver(searchPaths: []).resolve(Self.writeChain(65, in: directory)))
        #expect(atLimit.findings.isEmpty && atLimit.dependencies.count == 64 && atLimit.types["t64"] != nil)
        let over = try #require(StandardResolver(searchPaths: []).resolve(Self.writeChain(66, in: directory)))
        #expect(Self.described(over.findings)
                == ["invalid-value s64.yaml 3:8 `uses` goes deeper than 64 levels (s0.yaml → s1.yaml → … → s63.yaml → s64.yaml → s65.yaml); s65.yaml is not read"])
        #expect(over.dependencies.count == 64 && !over.isUsable)
    }

    /// 1,000 standards each using the next: cut at the 65th level, quickly. Raised to 1,000 levels
    /// the whole chain loads without recursion (it overflowed the stack at about 2,300 before).
    @Test func thousandDeepUsesChain() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = Self.writeChain(1000, in: directory)
        var started = Date()
        let cut = try #require(StandardResolver(searchPaths: []).resolve(first))
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(Self.described(cut.findings)
                == ["invalid-value s64.yaml 3:8 `uses` goes deeper than 64 levels (s0.yaml → s1.yaml → … → s63.yaml → s64.yaml → s65.yaml); s65.yaml is not read"])
        // The command line's lint says the same: an error, so exit 2 there.
        #expect(Self.described(Conform.lint([first], searchPaths: []).findings) == Self.described(cut.findings))
        started = Date()
        let whole = try #require(StandardResolver(searchPaths: [], options: StandardLoadOptions(maxUsesDepth: 999)).resolve(first))
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(whole.findings.isEmpty && whole.dependencies.count == 999 && whole.types["t999"] != nil)
        // A cycle at the end of a long chain is still reported as one, whatever the limit.
        TestSupport.write("conform: 1\nid: s999\nuses: [s998.yaml]\nfields: []\n", "s999.yaml", in: directory)
        let cycle = try #require(StandardResolver(searchPaths: [], options: StandardLoadOptions(maxUsesDepth: 10_000)).resolve(first))
        #expect(cycle.findings.map(\.rule) == ["uses-cycle"])
        #expect(cycle.findings.first?.message.hasSuffix("s998.yaml → s999.yaml → s998.yaml") == true)
    }

    /// One standard using 1,000 others: each read once, in order, quickly.
    @Test func thousandWideUses() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for index in 0..<1000 {
            // Each also uses the last one, which is read once.
            TestSupport.write("conform: 1\nid: s\(index)\nuses: [last.yaml]\ntypes:\n  t\(index):\n    type: string\nfields: []\n",
                              "s\(index).yaml", in: directory)
        }
        TestSupport.write("conform: 1\nid: last\ntypes:\n  last:\n    type: integer\nfields: []\n", "last.yaml", in: directory)
        let root = TestSupport.write("conform: 1\nid: root\nuses:\n" + (0..<1000).map { "  - s\($0).yaml\n" }.joined()
                                     + "fields:\n  - name: a\n    type: t999\n  - name: b\n    type: last\n", "root.yaml", in: directory)
        let started = Date()
        let resolved = try #require(StandardResolver(searchPaths: []).resolve(root))
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(resolved.findings.isEmpty)
        #expect(resolved.dependencies.map(\.id) == ["s0", "last"] + (1..<1000).map { "s\($0)" })
    }

    // MARK: Code list files

    /// A code list `file:` that is a directory, a loop of symbolic links or a device: the finding
    /// names the file and the system's reason; a device is not opened (a FIFO is refused the
    /// same way, so its opening never waits for a writer).
    @Test func codeListFileThatIsNoFile() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("folder.csv"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("loop-a.csv").path, withDestinationPath: "loop-b.csv")
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("loop-b.csv").path, withDestinationPath: "loop-a.csv")
        var expected: [String] = []
        for (file, reason) in [("folder.csv", "is a directory, not a file"), ("loop-a.csv", "too many levels of symbolic links"),
                               ("/dev/null", "not a regular file (a character device)")] {
            let path = TestSupport.write("conform: 1\nid: cl\ncodelists:\n  x:\n    file: \(file)\n    column: code\nfields:\n  - name: a\n    codelist: x\n",
                                         "cl.yaml", in: directory)
            let findings = Conform.lint([path], searchPaths: []).findings.filter { $0.rule == "codelist-file-missing" }
            #expect(Self.described(findings) == ["codelist-file-missing cl.yaml 4:3 code list `x`: cannot read \(file): \(reason)"])
            expected.append(reason)
        }
        #expect(expected.count == 3)
    }
}
