import Foundation
import Testing
import Yams
@testable import ConformKit

/// `docs/standard.schema.json`, the JSON Schema of the standard format for editors (the YAML
/// language server), says what the loader accepts.
struct StandardSchemaTests {
    static let schemaPath = TestSupport.repositoryRoot.appendingPathComponent("docs/standard.schema.json").path

    static func schema() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: schemaPath))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func properties(_ object: [String: Any]?) -> Set<String> {
        Set(((object?["properties"] as? [String: Any]) ?? [:]).keys)
    }

    /// Every level's keys are the loader's (StandardKeys), no more and no fewer, and nothing else is allowed.
    @Test func keysAreTheLoaders() throws {
        let schema = try Self.schema()
        let definitions = try #require(schema["definitions"] as? [String: [String: Any]])
        #expect(Self.properties(schema) == Set(StandardKeys.document))
        #expect(Self.properties(definitions["dialect"]) == Set(StandardKeys.dialect))
        #expect(Self.properties(definitions["field"]) == Set(StandardKeys.field))
        #expect(Self.properties(definitions["type"]) == Set(StandardKeys.type))
        #expect(Self.properties(definitions["items"]) == Set(StandardKeys.items))
        #expect(Self.properties(definitions["codelist"]) == Set(StandardKeys.codelist))
        #expect(Self.properties(definitions["keys"]) == Set(StandardKeys.keys))
        #expect(Self.properties(definitions["rule"]) == Set(StandardKeys.rule))
        #expect(Self.properties(definitions["table"]) == Set(StandardKeys.table))
        #expect(schema["additionalProperties"] as? Bool == false)
        for (name, definition) in definitions where definition["properties"] != nil {
            #expect(definition["additionalProperties"] as? Bool == false, "\(name)")
        }
        // The base types the schema offers (for completion: a type may also be a named one) are the loader's.
        let field = try #require(definitions["field"]?["properties"] as? [String: Any])
        let typeText = String(decoding: try JSONSerialization.data(withJSONObject: field["type"] ?? [:]), as: UTF8.self)
        let examples = try #require((field["type"] as? [String: Any])?["examples"] as? [String])
        #expect(Set(examples) == Set(BaseType.allCases.map(\.rawValue)), "\(typeText)")
    }

    /// Every shipped standard, read as YAML and written as JSON, is valid under the schema; a
    /// misspelt key and a misplaced one are not.
    @Test func shippedStandardsAreValidAndTyposAreNot() throws {
        let root = TestSupport.repositoryRoot.appendingPathComponent("standards")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("conform-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var good: [String] = []
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        for file in files.sorted() where file.hasSuffix(".yaml") && !file.hasPrefix("crosswalks/") {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            let out = folder.appendingPathComponent(file.replacingOccurrences(of: "/", with: "_") + ".json")
            try Self.json(fromYAML: text).write(to: out)
            good.append(out.path)
        }
        #expect(good.count >= 6)
        try SchemaCheck.validate(good, schema: Self.schemaPath, validator: "Draft7Validator")

        // Each of these must fail on its own: run them one by one through a check that expects failure.
        let bad = [
            "conform: 1\nid: t\nfields:\n  - name: a\n    requird: true\n",
            "conform: 1\nid: t\nfeilds: []\nfields: []\n",
            "conform: 1\nid: t\nfields:\n  - name: a\n    required: maybe\n",
            "conform: 1\nid: t\ndialect:\n  delimter: \";\"\nfields: []\n",
        ]
        for (index, text) in bad.enumerated() {
            let out = folder.appendingPathComponent("bad\(index).json")
            try Self.json(fromYAML: text).write(to: out)
            try SchemaCheck.expectInvalid(out.path, schema: Self.schemaPath, validator: "Draft7Validator")
        }
    }

    /// YAML to JSON with YAML 1.1 core scalars as the loader reads them (ints, floats, booleans, null).
    static func json(fromYAML text: String) throws -> Data {
        let node = try #require(try Yams.compose(yaml: text))
        return try JSONSerialization.data(withJSONObject: value(node), options: [.sortedKeys, .fragmentsAllowed])
    }

    static func value(_ node: Node) -> Any {
        switch node {
        case .mapping(let mapping):
            var object: [String: Any] = [:]
            for (key, item) in mapping { object[key.string ?? "\(key)"] = value(item) }
            return object
        case .sequence(let sequence):
            return sequence.map(value)
        case .scalar(let scalar):
            switch node.tag.description {
            case "tag:yaml.org,2002:int": return node.int.map { $0 as Any } ?? scalar.string
            case "tag:yaml.org,2002:float": return node.float.map { $0 as Any } ?? scalar.string
            case "tag:yaml.org,2002:bool": return node.bool.map { $0 as Any } ?? scalar.string
            case "tag:yaml.org,2002:null": return NSNull()
            default: return scalar.string
            }
        case .alias:
            return NSNull()
        }
    }
}

extension SchemaCheck {
    /// Expects `path` to be invalid under the schema (skipped like `validate` when jsonschema is absent).
    static func expectInvalid(_ path: String, schema: String, validator: String) throws {
        let script = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            sys.exit(3)
        cls = getattr(jsonschema, "\(validator)")
        errors = list(cls(json.load(open(sys.argv[1]))).iter_errors(json.load(open(sys.argv[2]))))
        sys.exit(0 if errors else 1)
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema, path]
        do { try process.run() } catch {
            if ProcessInfo.processInfo.environment["CONFORM_REQUIRE_SCHEMA_CHECK"] == "1" { Issue.record("python3 cannot run: \(error)") }
            return
        }
        process.waitUntilExit()
        if process.terminationStatus == 3 || process.terminationStatus == 127 {
            if ProcessInfo.processInfo.environment["CONFORM_REQUIRE_SCHEMA_CHECK"] == "1" { Issue.record("Python's jsonschema is not installed") }
            return
        }
        #expect(process.terminationStatus == 0, "\(path) was accepted by the schema")
    }
}
