import Foundation
import Testing
@testable import ConformKit

/// JSON Schemas of records as standards (`--standard schema.json`): nested objects and arrays
/// as `path` fields, local `$ref`s, code lists from definitions, search patterns read as
/// whole-value patterns, what cannot be checked reported where it is written; and the export
/// round trip, conform → JSON Schema → conform.
struct JSONSchemaImportTests {
    static let schema = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "title": "Orders",
      "type": "object",
      "required": ["id", "status", "customer", "lines"],
      "additionalProperties": false,
      "properties": {
        "id": {"type": "string", "pattern": "^ORD-[0-9]{4}$"},
        "status": {"description": "Where the order is.", "$ref": "#/definitions/status"},
        "placed": {"type": "string", "format": "date"},
        "note": {"type": ["string", "null"], "maxLength": 20},
        "reference": {"type": "string", "pattern": "[A-Z]{3}"},
        "priority": {"type": "integer", "minimum": 1, "exclusiveMaximum": 5},
        "customer": {"$ref": "#/$defs/customer"},
        "lines": {
          "type": "array", "minItems": 1,
          "items": {"type": "object", "required": ["sku", "quantity"],
                    "properties": {"sku": {"type": "string"}, "quantity": {"type": "integer", "minimum": 1}}}
        },
        "tags": {"type": "array", "maxItems": 3, "items": {"type": "string", "enum": ["gift", "urgent"]}},
        "delivery": {"type": "object", "required": ["postcode"],
                     "properties": {"postcode": {"type": "string"}, "instructions": {"type": "string"}}},
        "kind": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
        "extra": {"$ref": "https://example.org/extra.json"}
      },
      "definitions": {
        "status": {"description": "Order status", "type": "string",
                   "oneOf": [{"const": "open", "title": "Open"}, {"const": "closed", "title": "Closed"}]}
      },
      "$defs": {
        "customer": {"type": "object", "required": ["email"],
                     "properties": {"email": {"type": "string", "format": "email"}, "name": {"type": "string", "minLength": 1}}}
      }
    }
    """#

    func load(_ text: String, name: String = "orders.schema.json", fragment: String = "") throws -> (Conform.LoadedStandard, URL) {
        let directory = TestSupport.temporaryDirectory()
        let path = TestSupport.write(text, name, in: directory)
        return (try Conform.loadStandard(path + fragment, searchPaths: TestSupport.searchPaths), directory)
    }

    @Test func fieldsFromTheSchema() throws {
        let (loaded, directory) = try load(Self.schema)
        defer { try? FileManager.default.removeItem(at: directory) }
        let standard = loaded.resolved.standard
        #expect(standard.id == "orders" && standard.title == "Orders")
        #expect(standard.columns == .exact && standard.missingValues == [])
        let described = standard.fields.map { field in
            [field.name, field.path?.value ?? "-", field.type.value, field.isRequired ? "required" : "optional"].joined(separator: " ")
        }
        #expect(described == [
            "id - string required",
            "status - code required",
            "placed - date optional",
            "note - string optional",
            "reference - string optional",
            "priority - integer optional",
            "customer/email /customer/email email required",
            "customer/name /customer/name string optional",
            "lines/*/sku /lines/*/sku string required",
            "lines/*/quantity /lines/*/quantity integer required",
            "tags - array optional",
            "delivery - any optional",
            "delivery/postcode /delivery/postcode string optional",
            "delivery/instructions /delivery/instructions string optional",
            "kind - any optional",
            "extra - any optional",
        ])
        let fields = Dictionary(uniqueKeysWithValues: standard.fields.map { ($0.name, $0) })
        #expect(fields["id"]?.constraints.pattern?.value == "ORD-[0-9]{4}")
        #expect(fields["reference"]?.constraints.pattern?.value == ".*(?:[A-Z]{3}).*")
        #expect(fields["note"]?.constraints.maxLength?.value == 20)
        #expect(fields["priority"]?.constraints.minimum?.value == "1" && fields["priority"]?.constraints.exclusiveMaximum?.value == "5")
        #expect(fields["status"]?.constraints.codelist?.value == "status" && fields["status"]?.description == "Where the order is.")
        let status = try #require(standard.codelists.first)
        #expect(status.values == ["open", "closed"] && status.labels == ["open": "Open", "closed": "Closed"])
        #expect(status.description == "Order status")
        #expect(fields["tags"]?.maxItems?.value == 3 && fields["tags"]?.items?.constraints.enumValues?.value == ["gift", "urgent"])
        // A member required in an optional object: a rule, with a field for the object.
        #expect(standard.rules.map { "\($0.id): when \($0.when?.value ?? "") assert \($0.assert.value)" }
                == ["required-delivery-postcode: when `delivery` is not empty assert `delivery/postcode` is not empty"])
        // The pattern's constraint points at the schema's line.
        #expect(fields["customer/name"]?.constraints.minLength?.location.line == 32)

        let warnings = loaded.warnings.map { "\($0.line ?? 0) \($0.rule) \($0.message)" }
        #expect(warnings.count == 3, "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("12 import-tolerance JSON Schema patterns search the value") })
        #expect(warnings.contains { $0.hasPrefix("23 import-not-expressed `oneOf` (a value that matches exactly one of 2 schemas)") })
        #expect(warnings.contains { $0.hasPrefix("24 import-not-expressed `$ref` https://example.org/extra.json is not followed") })
    }

    /// The imported standard checks JSON data as the schema says.
    @Test func validatesJSONData() throws {
        let (loaded, directory) = try load(Self.schema)
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = #"""
        [
          {"id": "ORD-0001", "status": "open", "placed": "2024-02-29", "note": null, "reference": "xABCx", "priority": 4,
           "customer": {"email": "a@example.org", "name": "Ann"}, "lines": [{"sku": "A1", "quantity": 2}], "tags": ["gift"],
           "delivery": {"postcode": "SO23 9LJ"}, "kind": 1, "extra": {"anything": true}},
          {"id": "ORD-2", "status": "Open", "placed": "2023-02-29", "note": "far too long a note, this", "reference": "abc",
           "priority": 5, "customer": {"name": ""}, "lines": [{"sku": "A1"}, {"quantity": 0, "sku": "B"}],
           "tags": ["gift", "urgent", "gift", "x"], "delivery": {"instructions": "back door"}, "surprise": true}
        ]
        """#
        let path = TestSupport.write(data, "orders.json", in: directory)
        let outcome = Conform.validate(paths: [path], standard: loaded, options: ValidationOptions(maxFindings: 100))
        let file = try #require(outcome.report.files.first)
        let found = Set(file.findings.map { "\($0.pointer ?? "-") \($0.rule)" })
        #expect(found == [
            "/1/id pattern-mismatch",
            "/1/status not-in-codelist",
            "/1/placed type-mismatch",
            "/1/note too-long",
            "/1/reference pattern-mismatch",
            "/1/priority above-maximum",
            "/1/customer/email missing-value",
            "/1/customer/name too-short",
            "/1/lines/0/quantity missing-value",
            "/1/lines/1/quantity below-minimum",
            "/1/tags too-many-items",
            "/1/tags/3 not-in-codelist",
            "/1/surprise extra-column",
            "/1 rule-failed",
        ], "\(file.findings.map { "\($0.pointer ?? "-") \($0.rule) \($0.message)" })")
        #expect(file.findings.allSatisfy { $0.row == 2 })
    }

    /// A package schema (`{"grants": [...]}`): the root is one record unless a fragment names the
    /// record schema; `#/properties/grants/items` also says where the records are. A remote record
    /// schema is refused with the reason.
    @Test func packagesAndFragments() throws {
        let package = #"""
        {"type": "object", "required": ["grants"],
         "properties": {"version": {"type": "string"}, "grants": {"type": "array", "items": {"$ref": "#/definitions/Grant"}}},
         "definitions": {"Grant": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}, "amount": {"type": "number"}}}}}
        """#
        let (whole, directory) = try load(package, name: "package.json")
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(whole.resolved.standard.dialect?.records == nil)
        #expect(whole.resolved.standard.fields.map { "\($0.name) \($0.isRequired)" } == ["version false", "grants/*/id false", "grants/*/amount false"])
        #expect(whole.warnings.contains { $0.message.hasPrefix("`grants/*/id` is required in the elements of `/grants`, which may be absent or empty") })
        let path = directory.appendingPathComponent("package.json").path
        let items = try Conform.loadStandard(path + "#/properties/grants/items", searchPaths: TestSupport.searchPaths)
        #expect(items.resolved.standard.dialect?.records?.value == "/grants")
        #expect(items.resolved.standard.fields.map { "\($0.name) \($0.isRequired)" } == ["id true", "amount false"])
        let grant = try Conform.loadStandard(path + "#/definitions/Grant", searchPaths: TestSupport.searchPaths)
        #expect(grant.resolved.standard.dialect?.records == nil && grant.resolved.standard.fields.count == 2)
        let data = TestSupport.write(#"{"version": "1", "grants": [{"id": "a", "amount": 5}, {"amount": "5"}]}"#, "grants.json", in: directory)
        let found = Conform.validate(paths: [data], standard: items).report.files[0].findings.map { "\($0.pointer ?? "-") \($0.rule)" }
        #expect(found == ["/grants/1/id missing-value", "/grants/1/amount type-mismatch"])
        let remote = TestSupport.write(#"{"type": "array", "items": {"$ref": "https://example.org/grant.json"}}"#, "remote.json", in: directory)
        let refused = try #require(TableSchemaImportTests.refusal(remote))
        #expect(refused.contains { $0.message.contains("the records' schema is a `$ref` to https://example.org/grant.json") })
    }

    /// What the exporter writes for a JSON standard reads back as the same standard.
    @Test func exportRoundTrip() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let standard = """
        conform: 1
        id: test/orders
        title: Orders
        dialect:
          records: /orders
        codelists:
          status:
            description: Order status
            values:
              open: Open
              closed: Closed
          colour:
            values: [red, green]
        fields:
          - name: id
            required: true
            pattern: 'ORD-[0-9]{4}'
          - name: status
            type: code
            codelist: status
            required: true
          - name: placed
            type: date
            title: Placed on
            description: When the order was placed.
          - name: amount
            type: number
            minimum: 0
            exclusiveMaximum: 1000000
          - name: count
            type: integer
            enum: ["1", "2", "3"]
          - name: colour
            type: code
            codelist: colour
          - name: email
            type: email
            maxLength: 80
          - name: customer/name
            path: /customer/name
            required: true
            minLength: 2
          - name: lines/*/sku
            path: /lines/*/sku
            required: true
          - name: lines/*/quantity
            path: /lines/*/quantity
            type: integer
            minimum: 1
          - name: tags
            type: array
            maxItems: 3
            items:
              type: string
              enum: [gift, urgent]
          - name: year
            type: year
          - name: first/0/x
            path: /first/0/x
            type: boolean
        columns: subset
        """
        let original = try ExportTests.reload(standard, "orders.yaml", in: directory)
        let exported = Conform.exportStandard(original, to: .jsonSchema)
        let imported = try ExportTests.reload(exported.text, "orders.schema.json", in: directory)
        Self.expectSameShape(Self.shape(imported), Self.shape(original), "orders")
        #expect(imported.resolved.standard.codelists.map(\.name) == ["status", "colour"])
        if let metaschema = ExportTests.metaschema(in: directory) {
            try SchemaCheck.validate([directory.appendingPathComponent("orders.schema.json").path], schema: metaschema,
                                     validator: "Draft202012Validator")
        }
        // The 360Giving standard too, but for the fields that only exist for its row rules
        // (objects of type any), which a JSON Schema without the rules has no use for.
        let grants = try ExportTests.load("360giving/grants")
        let grantsSchema = Conform.exportStandard(grants, to: .jsonSchema)
        let grantsBack = try ExportTests.reload(grantsSchema.text, "grants.schema.json", in: directory)
        let ruleObjects: Set<String> = ["recipientIndividual", "fundingOrganization"]
        Self.expectSameShape(Self.shape(grantsBack), Self.shape(grants).filter { line in !ruleObjects.contains { line.hasPrefix($0 + " |") } },
                             "360giving/grants")
    }

    /// Compares two shapes line by line, so that a difference shows only the lines that differ.
    static func expectSameShape(_ after: [String], _ before: [String], _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(after.count == before.count, "\(what): \(after.count) lines, \(before.count) before", sourceLocation: sourceLocation)
        for (index, line) in before.enumerated() where index >= after.count || after[index] != line {
            Issue.record("\(what): \(line.prefix(300)) became \(index < after.count ? String(after[index].prefix(300)) : "nothing")",
                         sourceLocation: sourceLocation)
        }
    }

    /// Per field: name, path, type, required, pattern, values (with labels), lengths, bounds, items.
    static func shape(_ loaded: Conform.LoadedStandard) -> [String] {
        var lines = ["missing \(loaded.resolved.standard.missingValues) columns \(loaded.resolved.standard.columns.rawValue)"]
        for field in ExportField.fields(of: loaded.resolved) {
            let c = field.constraints
            let labels = field.codelist.map { list in list.values.map { "\($0)=\(list.labels[$0] ?? "")" } } ?? []
            var line = [field.name, field.field.path?.value ?? "-", field.base.rawValue, "\(field.field.isRequired)", c.pattern?.value ?? "-",
                        "\(field.allowed ?? [])", "\(labels)", "\(c.minLength?.value ?? -1)..\(c.maxLength?.value ?? -1)",
                        "[\(c.minimum?.value ?? "-") \(c.exclusiveMinimum?.value ?? "-") \(c.maximum?.value ?? "-") \(c.exclusiveMaximum?.value ?? "-")]",
                        c.format?.value ?? "-", field.field.title ?? "-", field.field.description?.trimmingTrailingNewlinesForExport ?? "-"]
            if let items = field.items {
                line += ["items \(items.base.rawValue) \(ExportField.allowed(items.constraints, items.codelist) ?? [])"]
            }
            line += ["\(field.field.minItems?.value ?? -1)..\(field.field.maxItems?.value ?? -1)"]
            lines.append(line.joined(separator: " | "))
        }
        return lines
    }

    /// A pattern searches in JSON Schema: anchored at both ends it is the same whole-value pattern;
    /// otherwise `.*(?:…).*` says the same.
    @Test func patternReadings() {
        #expect(JSONSchemaImporter.wholeValuePattern("^[A-Z]{2}$") == ("[A-Z]{2}", false))
        #expect(JSONSchemaImporter.wholeValuePattern("^(?:a|b)$") == ("a|b", false))
        #expect(JSONSchemaImporter.wholeValuePattern("^a$|^b$") == ("a|b", false))
        #expect(JSONSchemaImporter.wholeValuePattern("^a|b$") == (".*(?:^a|b$).*", true))
        #expect(JSONSchemaImporter.wholeValuePattern("^http://") == (".*(?:^http://).*", true))
        #expect(JSONSchemaImporter.wholeValuePattern("abc\\$") == (".*(?:abc\\$).*", true))
    }
}
