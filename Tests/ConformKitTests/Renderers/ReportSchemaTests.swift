import Foundation
import Testing
@testable import ConformKit

/// Checks `docs/report.schema.json` against what the JSON renderer writes and against the
/// model's stored properties, without an external validator.
@Suite("Report schema")
struct ReportSchemaTests {
    let schema: [String: Any]

    init() throws {
        let data = try Data(contentsOf: RendererSamples.schemaURL())
        schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    var defs: [String: [String: Any]] { (schema["$defs"] as? [String: [String: Any]]) ?? [:] }

    // MARK: - Output against schema

    @Test func validationOutputFollowsSchema() throws {
        let text = JSONRenderer().render(RendererSamples.validation, options: RenderOptions())
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let problems = check(value, against: schema, at: "$")
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func lintOutputFollowsSchema() throws {
        let text = JSONRenderer().render(RendererSamples.lint, options: RenderOptions())
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let lintSchema = try #require(defs["LintReport"])
        let problems = check(value, against: lintSchema, at: "$")
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func checkerCatchesUndeclaredAndMissingKeys() throws {
        let text = JSONRenderer().render(RendererSamples.validation, options: RenderOptions())
        var object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        object["surprise"] = 1
        object.removeValue(forKey: "tool")
        object["failOn"] = "fatal"
        let problems = check(object, against: schema, at: "$")
        #expect(problems.contains("$.surprise: not declared in the schema"))
        #expect(problems.contains("$: required key tool missing"))
        #expect(problems.contains("$.failOn: \"fatal\" is not one of [\"info\", \"warning\", \"error\"]"))
    }

    /// Every declared property appears in the sample output, so the schema claims nothing the
    /// encoder never writes (the sample sets every optional property at least once).
    @Test func everyDeclaredPropertyIsWritten() throws {
        var seen: Set<String> = []
        let validation = JSONRenderer().render(RendererSamples.validation, options: RenderOptions())
        _ = check(try JSONSerialization.jsonObject(with: Data(validation.utf8)), against: schema, at: "$",
                  seen: &seen, definition: "ValidationReport")
        let lint = JSONRenderer().render(RendererSamples.lint, options: RenderOptions())
        _ = check(try JSONSerialization.jsonObject(with: Data(lint.utf8)), against: try #require(defs["LintReport"]),
                  at: "$", seen: &seen, definition: "LintReport")

        var declared: Set<String> = []
        for (name, object) in [("ValidationReport", schema)] + defs.map({ ($0.key, $0.value) }) {
            let properties = object["properties"] as? [String: Any] ?? [:]
            declared.formUnion(properties.keys.map { key in "\(name).\(key)" })
        }
        #expect(declared.subtracting(seen).sorted() == [])
    }

    // MARK: - Schema against model

    /// The schema's properties are the types' stored properties, and its required keys the non-optional ones.
    @Test(arguments: [
        "ValidationReport", "FileReport", "StandardReference", "RuleCount",
        "FieldConformance", "Finding", "SourceLocation", "LintReport", "TargetReport", "TargetField", "TargetRejection",
    ])
    func propertiesMatchModel(definition: String) throws {
        let sample = RendererSamples.validation
        let instances: [String: Any] = [
            "ValidationReport": sample,
            "FileReport": sample.files[0],
            "StandardReference": sample.files[0].standard,
            "RuleCount": sample.files[0].counts[0],
            "FieldConformance": sample.files[0].fields[0],
            "Finding": sample.files[0].findings[0],
            "SourceLocation": RendererSamples.rule(1, 1),
            "LintReport": RendererSamples.lint,
            "TargetReport": sample.files[0].target!,
            "TargetField": sample.files[0].target!.fields[1],
            "TargetRejection": sample.files[0].target!.fields[0].rejected[0],
        ]
        let instance = try #require(instances[definition])
        let object = try #require(definition == "ValidationReport" ? schema : defs[definition])
        let properties = try #require(object["properties"] as? [String: Any])
        let required = Set(object["required"] as? [String] ?? [])

        let children = Mirror(reflecting: instance).children.compactMap { child in
            child.label.map { ($0, Mirror(reflecting: child.value).displayStyle == .optional) }
        }
        #expect(Set(properties.keys) == Set(children.map(\.0)))
        #expect(required == Set(children.filter { !$0.1 }.map(\.0)))
        #expect(object["type"] as? String == "object")
        #expect(object["additionalProperties"] as? Bool == false)
    }

    @Test func severityEnumMatchesModel() throws {
        let severity = try #require(defs["Severity"])
        #expect(severity["enum"] as? [String] == Severity.allCases.map(\.rawValue))
    }

    @Test func everythingIsDescribed() {
        var missing: [String] = []
        for (name, object) in [("ValidationReport", schema)] + defs.map({ ($0.key, $0.value) }) {
            if object["description"] as? String == nil { missing.append(name) }
            for (key, property) in (object["properties"] as? [String: [String: Any]]) ?? [:]
            where property["description"] as? String == nil {
                missing.append("\(name).\(key)")
            }
        }
        #expect(missing.sorted() == [])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    }

    // MARK: - A small checker for the subset of JSON Schema the report schema uses

    func check(_ value: Any, against node: [String: Any], at path: String) -> [String] {
        var seen: Set<String> = []
        return check(value, against: node, at: path, seen: &seen, definition: "ValidationReport")
    }

    /// Problems found checking `value` against `node`; records `Definition.property` for every key met.
    func check(_ value: Any, against node: [String: Any], at path: String,
               seen: inout Set<String>, definition: String) -> [String] {
        var node = node
        var definition = definition
        if let ref = node["$ref"] as? String {
            let prefix = "#/$defs/"
            guard ref.hasPrefix(prefix), let target = defs[String(ref.dropFirst(prefix.count))] else {
                return ["\(path): unresolvable $ref \(ref)"]
            }
            definition = String(ref.dropFirst(prefix.count))
            node = target
        }
        var problems: [String] = []
        if let type = node["type"] as? String, kind(of: value) != type {
            return ["\(path): expected \(type), found \(kind(of: value))"]
        }
        if let allowed = node["enum"] as? [String], let string = value as? String, !allowed.contains(string) {
            problems.append("\(path): \"\(string)\" is not one of \(allowed)")
        }
        if let constant = node["const"] as? Int, (value as? Int) != constant {
            problems.append("\(path): expected the constant \(constant)")
        }
        if let minimum = node["minimum"] as? Int, let number = value as? Int, number < minimum {
            problems.append("\(path): \(number) is below the minimum \(minimum)")
        }
        if let object = value as? [String: Any] {
            let properties = node["properties"] as? [String: [String: Any]] ?? [:]
            if node["additionalProperties"] as? Bool != false {
                problems.append("\(path): object schema without additionalProperties: false")
            }
            for key in (node["required"] as? [String] ?? []) where object[key] == nil {
                problems.append("\(path): required key \(key) missing")
            }
            for (key, member) in object.sorted(by: { $0.key < $1.key }) {
                guard let property = properties[key] else {
                    problems.append("\(path).\(key): not declared in the schema")
                    continue
                }
                seen.insert("\(definition).\(key)")
                problems += check(member, against: property, at: "\(path).\(key)", seen: &seen, definition: definition)
            }
        }
        if let array = value as? [Any], let items = node["items"] as? [String: Any] {
            for (index, element) in array.enumerated() {
                problems += check(element, against: items, at: "\(path)[\(index)]", seen: &seen, definition: definition)
            }
        }
        return problems
    }

    /// The JSON Schema type name of a JSONSerialization value.
    func kind(of value: Any) -> String {
        switch value {
        case is NSNull: return "null"
        case is String: return "string"
        case is [Any]: return "array"
        case is [String: Any]: return "object"
        case let number as NSNumber:
            switch String(cString: number.objCType) {
            case "c", "B": return "boolean"
            case "f", "d": return "number"
            default: return "integer"
            }
        default: return "unknown"
        }
    }
}
