import Testing
@testable import ConformKit

/// The JSON reader on its own: records, picked values, positions, pointers and syntax errors,
/// with every buffer size from tiny (a refill inside every token) to large.
@Suite("JSON reader")
struct JSONReaderTests {
    /// What one record gave: per field, the values (kind, text, line, character, pointer).
    struct Seen: Equatable, CustomStringConvertible {
        var values: [String]
        var description: String { values.joined(separator: " | ") }
    }

    static func read(_ text: String, layout: JSONLayout, paths: [String?] = [], names: [String] = [],
                     arrays: Set<Int> = [], bufferSize: Int = 1 << 16, maxRecordSize: Int = InputLimits.default.maxRecordSize) throws -> [String] {
        let count = max(paths.count, names.count)
        let pointerPaths = (0..<count).map { i in i < paths.count ? paths[i].flatMap(JSONPointer.init) : nil }
        let fieldNames = (0..<count).map { i in [i < names.count ? names[i] : ""] }
        let trie = JSONPathTrie(paths: pointerPaths, names: fieldNames, arrayFields: arrays)
        let reader = JSONReader(source: MemoryByteSource(Array(text.utf8)), layout: layout, trie: trie, fieldCount: count,
                                bufferSize: bufferSize, maxRecordSize: maxRecordSize)
        var out: [String] = []
        while true {
            switch try reader.readRecord() {
            case .end:
                return out
            case let .syntaxError(error):
                out.append("error \(error.rule) \(error.line):\(error.character) \(error.reason)")
                if !error.recovered { return out }
            case let .oversized(oversize):
                out.append("oversized \(oversize.line):\(oversize.character) \(oversize.pointer) #\(oversize.index) \(oversize.bytes) bytes")
            case .record:
                var parts = ["record \(reader.recordLine):\(reader.recordCharacterPosition) \(reader.recordKind)"]
                for f in 0..<count {
                    var c = reader.firstCell(ofField: f)
                    while c >= 0 {
                        let cell = reader.cells[c]
                        parts.append("\(f)=\(cell.kind):\(String(decoding: reader.cell(c), as: UTF8.self))@\(cell.line):\(reader.characterPosition(ofCell: c))\(reader.jsonPointer(ofCell: c))")
                        c = Int(cell.next)
                    }
                }
                for duplicate in reader.duplicates { parts.append("dup \(duplicate.pointer)@\(duplicate.line):\(duplicate.character)") }
                for member in reader.newUnknownMembers { parts.append("unknown \(member.name)@\(member.line):\(member.character)") }
                out.append(parts.joined(separator: " "))
            }
        }
    }

    /// The same result with every buffer size.
    static func readAllSizes(_ text: String, layout: JSONLayout, paths: [String?] = [], names: [String] = [],
                             arrays: Set<Int> = []) throws -> [String] {
        let reference = try read(text, layout: layout, paths: paths, names: names, arrays: arrays)
        for size in [64, 65, 67, 80, 100, 128, 200] {
            let small = try read(text, layout: layout, paths: paths, names: names, arrays: arrays, bufferSize: size)
            #expect(small == reference, "buffer size \(size)")
        }
        return reference
    }

    @Test func ndjsonRecordsWithPositions() throws {
        let text = "{\"id\": 1, \"name\": \"Ann\"}\n\n{\"name\": \"Bé\\u00e9\", \"id\": -2.5e3, \"x\": true}\n"
        let out = try Self.readAllSizes(text, layout: .lines, names: ["id", "name"])
        #expect(out == [
            "record 1:1 object 0=number:1@1:8/id 1=string:Ann@1:19/name",
            "record 3:1 object 0=number:-2.5e3@3:28/id 1=string:Béé@3:10/name unknown x@3:36",
        ])
    }

    @Test func arrayDocumentAndPointers() throws {
        let text = """
        [
          {"a": {"b": [10, 20]}, "tags": ["x", "y\\n"]},
          {"a": {"b": []}, "tags": "not an array"}
        ]
        """
        let out = try Self.readAllSizes(text, layout: .document(records: JSONPointer(segments: [])),
                                        paths: ["/a/b/1", "/tags", "/a/b/*"], names: ["b1", "tags", "all"], arrays: [1])
        #expect(out == [
            "record 2:3 object 0=number:20@2:20/0/a/b/1 1=string:x@2:35/0/tags/0 1=string:y\n@2:40/0/tags/1 1=array:[\"x\", \"y\\n\"]@2:34/0/tags 2=number:10@2:16/0/a/b/0 2=number:20@2:20/0/a/b/1",
            "record 3:3 object 1=string:not an array@3:28/1/tags",
        ])
    }

    @Test func recordsAtAPointer() throws {
        let text = #"{"meta": {"n": [1, {"deep": [2]}]}, "grants": [{"id": "a"}, {"id": "b"}], "after": {"x": null}}"#
        let out = try Self.readAllSizes(text, layout: .document(records: JSONPointer("/grants")!), names: ["id"])
        #expect(out == ["record 1:48 object 0=string:a@1:55/grants/0/id", "record 1:61 object 0=string:b@1:68/grants/1/id"])
        let missing = try Self.readAllSizes(#"{"meta": 1, "other": []}"#, layout: .document(records: JSONPointer("/grants")!), names: ["id"])
        #expect(missing == ["error records-not-found 1:24 the document has no array at /grants"])
    }

    @Test func duplicateMembers() throws {
        let out = try Self.readAllSizes(#"{"a": 1, "b": {"c": 1, "c": 2}, "a": 3}"#, layout: .lines, names: ["a", "b"])
        #expect(out == ["record 1:1 object 0=number:1@1:7/a 0=number:3@1:38/a 1=object:{\"c\": 1, \"c\": 2}@1:15/b dup /b/c@1:24 dup /a@1:33"])
    }

    @Test func ndjsonGoesOnAfterABadLine() throws {
        let text = "{\"a\": 1}\n{\"a\": 2,\n{\"a\": tru}\n{\"a\": 01}\n[1] [2]\n{\"a\": \"x\ty\"}\n{\"a\": 5}"
        let out = try Self.readAllSizes(text, layout: .lines, names: ["a"])
        #expect(out == [
            "record 1:1 object 0=number:1@1:7/a",
            "error invalid-json 2:9 the line ends inside a value",
            "error invalid-json 3:7 invalid literal: expected `true`",
            "error invalid-json 4:7 invalid number: leading zero",
            "error invalid-json 5:5 more than one value on a line",
            "error invalid-json 6:9 control character U+0009 inside a string must be escaped",
            "record 7:1 object 0=number:5@7:7/a",
        ])
    }

    @Test func documentStopsAtTheFirstError() throws {
        let out = try Self.readAllSizes("[{\"a\": 1},\n {\"a\": [1,]}, {\"a\": 3}]", layout: .document(records: JSONPointer(segments: [])),
                                        names: ["a"])
        #expect(out == ["record 1:2 object 0=number:1@1:8/0/a", "error invalid-json 2:11 trailing comma in an array"])
        let truncated = try Self.readAllSizes("[{\"a\": \"abc", layout: .document(records: JSONPointer(segments: [])), names: ["a"])
        #expect(truncated == ["error invalid-json 1:8 unterminated string"])
        let trailing = try Self.readAllSizes("[] x", layout: .document(records: JSONPointer(segments: [])), names: ["a"])
        #expect(trailing == ["error invalid-json 1:4 text after the end of the JSON document"])
    }

    @Test func escapesAndSurrogates() throws {
        let out = try Self.readAllSizes(#"{"a": "\ud83d\ude00 \"q\" \/ \\"}"#, layout: .lines, names: ["a"])
        #expect(out == ["record 1:1 object 0=string:😀 \"q\" / \\@1:7/a"])
        let lone = try Self.readAllSizes(#"{"a": "x\ud83d"}"#, layout: .lines, names: ["a"])
        #expect(lone == [#"error invalid-json 1:9 lone surrogate \uD83D in a string"#])
        let bad = try Self.readAllSizes(#"{"a": "\x"}"#, layout: .lines, names: ["a"])
        #expect(bad == [#"error invalid-json 1:8 invalid escape `\x` in a string"#])
    }

    @Test func depthLimit() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let out = try Self.read("{\"a\": \(deep)}", layout: .lines, names: ["a"])
        #expect(out == ["error invalid-json 1:518 nesting deeper than 512 levels"])
    }

    @Test func characterPositionsCountCharactersNotBytes() throws {
        let out = try Self.readAllSizes("{\"é\": 1, \"a\": \"ü\", \"b\": 2}", layout: .lines, names: ["b"])
        #expect(out == ["record 1:1 object 0=number:2@1:25/b unknown é@1:2 unknown a@1:10"])
    }
}
