import Foundation
import Testing
@_spi(Fuzzing) @testable import ConformKit

/// The fuzzing entry points (`Fuzz/`, `scripts/fuzz`) do what the fuzzers rely on: the fuzzing
/// standard compiles with every kind of check, and each seed of `Fuzz/Corpus/` goes the way it
/// was written to (so that a seed corpus that no longer reaches the code it was meant for is
/// noticed here, in the ordinary tests).
struct FuzzEntryTests {
    static let corpus = TestSupport.repositoryRoot.appendingPathComponent("Fuzz/Corpus")

    static func seed(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: corpus.appendingPathComponent(path)))
    }

    @Test func theFuzzingStandardHasEveryKindOfCheck() {
        let compiled = FuzzEntry.compiled
        #expect(compiled.fields.map(\.name) == ["id", "parent", "code", "status", "when", "amount", "tags"])
        #expect(compiled.keys.count == 1 && compiled.foreignKeys.count == 1 && compiled.rules.count == 1)
    }

    @Test func csvSeeds() throws {
        // typical.csv: row 3 breaks the pattern, the code list, the date, the bound, an item's length and the reference.
        let typical = try Self.seed("csv/typical.csv")
        #expect(typical.withUnsafeBytes { FuzzEntry.csv($0) } >= 6)
        for name in ["csv/quoted.csv", "csv/unclosed.csv"] {
            let bytes = try Self.seed(name)
            #expect(bytes.withUnsafeBytes { FuzzEntry.csv($0) } > 0, "\(name)")
        }
        #expect([UInt8]().withUnsafeBytes { FuzzEntry.csv($0) } >= 0)
    }

    @Test func jsonSeeds() throws {
        let lines = try Self.seed("json/records.ndjson").withUnsafeBytes { FuzzEntry.json($0) }
        #expect(lines[0] > 0 && lines[1] > 0) // as NDJSON: bad values; as one document: invalid JSON
        let array = try Self.seed("json/array.json").withUnsafeBytes { FuzzEntry.json($0) }
        #expect(array[1] > 0)
    }

    @Test func standardSeeds() throws {
        for name in ["standard/table-schema.json", "standard/csvw.json", "standard/json-schema.json"] {
            #expect(try Self.seed(name).withUnsafeBytes { FuzzEntry.standard($0) }, "\(name)")
        }
        // The shipped standards use uk-gov/core, which the fuzzer does not load: they parse but do not compile.
        #expect(try !Self.seed("standard/brownfield.yaml").withUnsafeBytes { FuzzEntry.standard($0) })
        #expect(!Array("conform: [".utf8).withUnsafeBytes { FuzzEntry.standard($0) })
    }

    @Test func ruleSeeds() throws {
        for name in ["rule/dates", "rule/condition", "rule/in"] {
            let text = String(decoding: try Self.seed(name), as: UTF8.self)
            #expect(try Self.seed(name).withUnsafeBytes { FuzzEntry.ruleExpression($0) } == ((try? RuleExpressionParser.parse(text)) != nil))
        }
        #expect(Array("LastUpdatedDate >= FirstAddedDate".utf8).withUnsafeBytes { FuzzEntry.ruleExpression($0) })
        #expect(!Array("a >= (".utf8).withUnsafeBytes { FuzzEntry.ruleExpression($0) })
    }
}
