import Foundation

/// Turns a JSON Schema that describes records (360Giving, Open Contracting and the like) into a
/// conform `Standard` for JSON data, keeping the location of every constraint in the schema.
///
/// The record schema is the root (its `items` when the root is an array), or the schema the
/// fragment after `#` in the reference points at (`schema.json#/definitions/Grant`). A fragment
/// that names the items of a member array (`package.json#/properties/grants/items`, for a
/// package such as 360Giving's `{"grants": [...]}`) also sets `dialect.records` to that array. Each leaf property becomes a field: a top-level one by its
/// name, a nested one by a JSON Pointer `path` (`*` for the items of an array, an index for
/// `prefixItems`). Local `$ref`s (`#/definitions/…`, `#/$defs/…`) are followed; a referenced
/// definition that is a list of strings becomes a named code list.
///
/// JSON Schema patterns search; conform's match the whole value, so a pattern not anchored at
/// both ends is read as `.*(?:pattern).*` (`import-tolerance`). What conform cannot check
/// (`oneOf`/`anyOf` of schemas, `if`/`then`/`else`, `additionalProperties` below the record,
/// remote `$ref`s, `multipleOf`, `uniqueItems`, …) is reported where it is written
/// (`import-not-expressed`). `required` members of an optional object become row rules
/// ("when the object is present, the member is not empty").
struct JSONSchemaImporter {
    let file: String
    var diagnostics = Diagnostics()
    private var document = SourceNode(value: .null, location: SourceLocation(file: "", line: 1, column: 1))
    /// Fields made so far, each with its pointer from the record.
    private var made: [(pointer: [String], field: Field)] = []
    private var codelists: [Codelist] = []
    /// The `$ref` pointer each code list was read from.
    private var codelistSources: [String: String] = [:]
    private var rules: [RowRule] = []
    /// The strings read as missing values (the non-null values of `anyOf` branches such as
    /// `{"enum": [null, ""]}`), in the order met; nil until one is met.
    private var missingStrings: [String]?
    /// Reports that recur (the same unsupported format, pattern wrapping): once, with the lines of the others.
    private var repeats: [String: (index: Int, lines: [Int])] = [:]

    init(file: String) { self.file = file }

    /// How many levels of objects and arrays are followed.
    private static let maxDepth = 32

    // MARK: The record

    /// Fills `standard` from the schema `root`; `fragment` is what followed `#` in the reference.
    mutating func read(_ root: SourceNode, fragment: String?, into standard: inout Standard) {
        document = root
        guard root.isObject else {
            diagnostics.report(.invalidValue, "a JSON Schema of records is an object, not \(root.kind)", at: root.location)
            return
        }
        var record = root
        var records: [String]?
        if let fragment {
            let decoded = fragment.removingPercentEncoding ?? fragment
            guard let pointer = JSONPointer(decoded), let node = lookup(pointer.segments) else {
                diagnostics.report(.invalidValue, "the schema has nothing at `#\(fragment)`; name the record schema with a JSON Pointer, "
                                   + "e.g. `#/definitions/Record`, or `#` for the root", at: root.location)
                return
            }
            record = node
            records = Self.recordsPointer(pointer.segments)
        } else {
            let top = view(of: root, refs: [], quiet: true)
            if Self.types(top).contains("array") || (top.first("type") == nil && top.first("items") != nil), let items = top.first("items")?.value {
                record = items
                records = []
            }
        }
        if let records, !records.isEmpty {
            var dialect = standard.dialect ?? Dialect()
            dialect.records = Located(JSONPointer(segments: records).description, at: record.location)
            standard.dialect = dialect
        }
        if let title = root["title"]?.string { standard.title = title }
        if let description = root["description"]?.string { standard.description = description }

        let recordView = view(of: record, refs: [])
        if let remote = recordView.unreadRef {
            diagnostics.report(.invalidValue, "the records' schema is a `$ref` to \(remote.text); conform follows only `$ref`s within the file: "
                               + "download that schema and give it instead", at: remote.location)
            return
        }
        guard isObject(recordView) else {
            diagnostics.report(.invalidValue, "the record schema does not describe an object (no `properties`); name the record schema "
                               + "after `#`, e.g. `schema.json#/definitions/Record`", at: record.location)
            return
        }
        switch recordView.first("additionalProperties")?.value.value {
        case .bool(false)?: standard.columns = .exact
        case .object?:
            standard.columns = .subset
            notExpressed("`additionalProperties` with a schema (other members must match it) is not checked: other members are allowed",
                         at: recordView.first("additionalProperties")!.keyLocation)
        default: standard.columns = .subset
        }
        walkObject(recordView, pointer: [], steps: [], refs: [], depth: 0, isRecord: true)

        standard.fields = made.map(\.field)
        standard.codelists = codelists
        standard.rules = rules
        standard.missingValues = missingStrings ?? []
        foldRepeats()
    }

    /// `#/properties/grants/items` → `/grants`: the fragment names the items of a member array of
    /// the root (through `properties`), so the records are that array.
    static func recordsPointer(_ segments: [String]) -> [String]? {
        guard segments.count >= 3, segments.count % 2 == 1, segments.last == "items" else { return nil }
        var keys: [String] = []
        for index in stride(from: 0, to: segments.count - 1, by: 2) {
            guard segments[index] == "properties" else { return nil }
            keys.append(segments[index + 1])
        }
        return keys
    }

    private func lookup(_ segments: [String]) -> SourceNode? {
        var node = document
        for segment in segments {
            if let next = node[segment] {
                node = next
            } else if let elements = node.elements, let index = JSONPointer.index(of: segment), index < elements.count {
                node = elements[index]
            } else {
                return nil
            }
        }
        return node
    }

    // MARK: Views: a schema with its $refs, allOf and nullable anyOf folded in

    /// A schema as read: the schema objects that apply together (the schema, what its `$ref`s
    /// and `allOf` add, the one non-null branch of an `anyOf`/`oneOf`), in that order.
    private struct View {
        var facets: [SourceNode] = []
        /// For each facet: whether it was reached through a `$ref` (a definition's, not the property's own).
        var referenced: [Bool] = []
        /// For each facet: whether it is the non-null branch of an `anyOf`/`oneOf` (its `type` holds
        /// only when the value is not null).
        var branch: [Bool] = []
        /// The definitions key of the first `$ref` followed, and its pointer (a code list's name and identity).
        var refName: String?
        var refPointer: String?
        var nullable = false
        /// Values of a `oneOf`/`anyOf` of `const`s, with their titles.
        var labelled: [(value: String, label: String?)]?
        /// A `$ref` that was not followed (another file, a URL).
        var unreadRef: (text: String, location: SourceLocation)?

        /// The first facet's member `key`.
        func first(_ key: String) -> SourceNode.Member? {
            for facet in facets {
                if let member = facet.members.first(where: { $0.key == key }) { return member }
            }
            return nil
        }

        /// Every facet's member `key`.
        func all(_ key: String) -> [SourceNode.Member] {
            facets.compactMap { facet in facet.members.first { $0.key == key } }
        }

        /// An annotation: from the property's own schema, or (`ownOnly` false) from a definition it refers to.
        func annotation(_ key: String, ownOnly: Bool) -> String? {
            for (facet, viaRef) in zip(facets, referenced) where !viaRef {
                if let text = facet[key]?.string { return text }
            }
            guard !ownOnly else { return nil }
            return first(key)?.value.string
        }

        /// An annotation of the definitions reached through `$ref`.
        func referencedAnnotation(_ key: String) -> String? {
            for (facet, viaRef) in zip(facets, referenced) where viaRef {
                if let text = facet[key]?.string { return text }
            }
            return nil
        }

        mutating func merge(_ other: View, viaRef: Bool = false, asBranch: Bool = false) {
            facets += other.facets
            referenced += other.referenced.map { $0 || viaRef }
            branch += other.branch.map { $0 || asBranch }
            nullable = nullable || other.nullable
            if refName == nil { refName = other.refName; refPointer = other.refPointer }
            if labelled == nil { labelled = other.labelled }
            if unreadRef == nil { unreadRef = other.unreadRef }
        }
    }

    private static let annotationKeys: Set<String> = [
        "title", "description", "$comment", "examples", "example", "default", "$id", "id", "$anchor", "$schema", "deprecated",
        "readOnly", "writeOnly",
    ]

    /// The view of `node`; `refs` are the `$ref`s followed to reach it (to stop at a cycle).
    /// `quiet` looks without reporting (to decide what a schema is).
    private mutating func view(of node: SourceNode, refs: [String], quiet: Bool = false) -> View {
        var result = View()
        guard node.isObject else {
            if case .bool(false) = node.value, !quiet { notExpressed("the schema `false` (no value allowed) is not read", at: node.location) }
            return result
        }
        result.facets.append(node)
        result.referenced.append(false)
        result.branch.append(false)
        if let ref = node["$ref"], let text = ref.string {
            if text.hasPrefix("#"), let pointer = JSONPointer((String(text.dropFirst())).removingPercentEncoding ?? ""),
               let target = lookup(pointer.segments) {
                if refs.contains(text) {
                    if !quiet { notExpressed("`$ref` \(text) refers to itself (a recursive schema): not followed", at: ref.location, kind: "recursive \(text)") }
                } else {
                    var inner = view(of: target, refs: refs + [text], quiet: quiet)
                    let segments = pointer.segments
                    if segments.count == 2, segments[0] == "definitions" || segments[0] == "$defs" {
                        inner.refName = segments[1]
                        inner.refPointer = text
                    }
                    result.merge(inner, viaRef: true)
                }
            } else {
                result.unreadRef = (text, ref.location)
                if !quiet {
                    notExpressed("`$ref` \(text) is not followed (conform reads `$ref`s within the file only); what it says is not checked",
                                 at: ref.location, kind: "ref \(text)")
                }
            }
        }
        for sub in node["allOf"]?.elements ?? [] { result.merge(view(of: sub, refs: refs, quiet: quiet)) }
        for key in ["anyOf", "oneOf"] {
            guard let member = node.members.first(where: { $0.key == key }), let branches = member.value.elements else { continue }
            var others: [View] = []
            var constants: [(String, String?)] = []
            var allConstants = true
            for branch in branches {
                let branchView = view(of: branch, refs: refs, quiet: quiet)
                if let strings = missingStrings(of: branchView) {
                    result.nullable = true
                    if !quiet { noteMissing(strings) }
                    continue
                }
                if let constant = constant(of: branchView) {
                    constants.append(constant)
                } else {
                    allConstants = false
                }
                others.append(branchView)
            }
            if others.count == 1 {
                result.merge(others[0], asBranch: result.nullable)
            } else if allConstants && !constants.isEmpty {
                result.labelled = constants
            } else if !others.isEmpty && !quiet {
                notExpressed("`\(key)` (a value that matches \(key == "oneOf" ? "exactly one" : "at least one") of \(others.count) schemas) "
                             + "is not checked", at: member.keyLocation)
            }
        }
        if let not = node.members.first(where: { $0.key == "not" }) {
            let negated = view(of: not.value, refs: refs, quiet: true)
            if let strings = missingStrings(of: negated) {
                if !quiet { noteMissing(strings) }
            } else if !quiet {
                notExpressed("`not` (a value that must not match a schema) is not checked", at: not.keyLocation)
            }
        }
        return result
    }

    /// The strings of a branch that only says "missing": `{"type": "null"}`, `{"const": null}` or
    /// an `enum` holding `null` (and strings, conform's `missingValues`). Nil for any other branch.
    private func missingStrings(of view: View) -> [String]? {
        let keys = Set(view.facets.flatMap { $0.members.map(\.key) }).subtracting(Self.annotationKeys).subtracting(["$ref"])
        if keys == ["type"], view.first("type")?.value.string == "null" { return [] }
        if keys == ["const"], case .null? = view.first("const")?.value.value { return [] }
        guard keys == ["enum"], let values = view.first("enum")?.value.elements,
              values.contains(where: { if case .null = $0.value { return true } else { return false } }) else { return nil }
        var strings: [String] = []
        for value in values {
            switch value.value {
            case .null: continue
            case let .string(text): strings.append(text)
            default: return nil
            }
        }
        return strings
    }

    /// A branch that is one value (`const`, or a one-value `enum`) with an optional title.
    private func constant(of view: View) -> (String, String?)? {
        let keys = Set(view.facets.flatMap { $0.members.map(\.key) }).subtracting(Self.annotationKeys)
        let title = view.first("title")?.value.string
        if keys == ["const"], let text = view.first("const")?.value.text { return (text, title) }
        if keys == ["enum"] || keys == ["enum", "type"] || keys == ["const", "type"] {
            if let text = view.first("const")?.value.text { return (text, title) }
            if let values = view.first("enum")?.value.elements, values.count == 1, let text = values[0].text { return (text, title) }
        }
        return nil
    }

    private mutating func noteMissing(_ strings: [String]) {
        guard let known = missingStrings else {
            missingStrings = strings
            return
        }
        for text in strings where !known.contains(text) { missingStrings!.append(text) }
    }

    /// The JSON types a view allows, `null` left out.
    private static func types(_ view: View) -> Set<String> {
        guard let type = view.first("type")?.value else { return [] }
        if let text = type.string { return text == "null" ? [] : [text] }
        return Set((type.elements ?? []).compactMap(\.string)).subtracting(["null"])
    }

    /// Whether null passes: a `type` with `null`, or a "missing" branch of an `anyOf`, unless a
    /// schema that applies whatever the branch (an `allOf` member, a `$ref`) has a `type` without `null`.
    private static func allowsNull(_ view: View) -> Bool {
        var allowed = view.nullable
        for (facet, isBranch) in zip(view.facets, view.branch) {
            guard let type = facet["type"] else { continue }
            let types = type.string.map { [$0] } ?? (type.elements ?? []).compactMap(\.string)
            if types.contains("null") {
                allowed = allowed || !isBranch
            } else if !isBranch {
                return false
            }
        }
        return allowed
    }

    private func isObject(_ view: View) -> Bool {
        let types = Self.types(view)
        return types == ["object"] || (types.isEmpty && !view.all("properties").isEmpty)
    }

    private func isArray(_ view: View) -> Bool {
        let types = Self.types(view)
        return types == ["array"] || (types.isEmpty && (view.first("items") != nil || view.first("prefixItems") != nil))
    }

    /// Every facet's properties, each key once (the first wins).
    private func properties(of view: View) -> [SourceNode.Member] {
        var seen = Set<String>()
        return view.all("properties").flatMap(\.value.members).filter { seen.insert($0.key).inserted }
    }

    private func requiredNames(_ view: View) -> Set<String> {
        Set(view.all("required").flatMap { $0.value.elements ?? [] }.compactMap(\.string))
    }

    // MARK: Walking the record

    /// How a value is reached from its parent, and whether it is always there when the parent is.
    private struct Step {
        var segment: String
        var guaranteed: Bool
        var isEach: Bool = false
    }

    private mutating func walkObject(_ object: View, pointer: [String], steps: [Step], refs: [String], depth: Int, isRecord: Bool = false) {
        let required = requiredNames(object)
        reportUnsupported(object, isRecord: isRecord)
        let members = properties(of: object)
        for member in members {
            let child = view(of: member.value, refs: refs)
            let guaranteed = required.contains(member.key) && !Self.allowsNull(child)
            if required.contains(member.key) && Self.allowsNull(child) && !isObject(child) && !isArray(child) {
                notExpressed("`\(member.key)` is required but may be null: conform reads null as a missing value, so the member is not required",
                             at: member.keyLocation, kind: "required null")
            }
            walk(child, at: member.value, pointer: pointer + [member.key],
                 steps: steps + [Step(segment: member.key, guaranteed: guaranteed)], refs: refs, depth: depth + 1,
                 requiredInParent: required.contains(member.key))
        }
        // Required names without a property: the member must be there, with any value.
        for name in required.subtracting(members.map(\.key)).sorted() {
            let location = object.first("required")?.keyLocation ?? object.facets.first?.location ?? document.location
            var field = Field(name: name, type: Located("any", at: location), constraints: Constraints(), severity: .error, aliases: [],
                              location: location)
            let path = pointer + [name]
            if path.count > 1 { field.name = String(JSONPointer(segments: path).description.dropFirst()); field.path = Located(JSONPointer(segments: path).description, at: location) }
            if steps.allSatisfy(\.guaranteed) { field.required = Located(true, at: location) }
            made.append((path, field))
        }
    }

    private mutating func walk(_ schema: View, at node: SourceNode, pointer: [String], steps: [Step], refs: [String], depth: Int,
                               requiredInParent: Bool) {
        if depth > Self.maxDepth {
            notExpressed("nesting deeper than \(Self.maxDepth) levels is not read", at: node.location)
            return
        }
        if schema.unreadRef != nil, schema.facets.count <= 1 {
            // Only a remote $ref: a member whose value is not checked.
            makeField(schema, at: node, pointer: pointer, steps: steps, forceAny: true)
            return
        }
        if isObject(schema) && !properties(of: schema).isEmpty {
            walkObject(schema, pointer: pointer, steps: steps, refs: refs, depth: depth)
            return
        }
        if isArray(schema) {
            walkArray(schema, at: node, pointer: pointer, steps: steps, refs: refs, depth: depth)
            return
        }
        makeField(schema, at: node, pointer: pointer, steps: steps)
    }

    private mutating func walkArray(_ array: View, at node: SourceNode, pointer: [String], steps: [Step], refs: [String], depth: Int) {
        reportUnsupported(array, isRecord: false)
        let minItems = array.first("minItems")?.value.text.flatMap { Int($0) } ?? 0
        let guaranteedHere = steps.last?.guaranteed ?? true
        // Tuple positions: 2020-12 `prefixItems`, or an `items` array (drafts 4 to 2019-09).
        var positions = array.first("prefixItems")?.value.elements ?? []
        var items = array.first("items")?.value
        if let tuple = items?.elements {
            positions = tuple
            items = array.first("additionalItems")?.value
        }
        let itemView = items.map { view(of: $0, refs: refs) }
        let structured = positions.contains { isObject(view(of: $0, refs: refs, quiet: true)) }
            || itemView.map { isObject($0) && !properties(of: $0).isEmpty } ?? false
        guard structured else {
            // An array of values: one field of type array.
            makeField(array, at: node, pointer: pointer, steps: steps, items: itemView)
            if !positions.isEmpty { notExpressed("the types of each position (`prefixItems`) are not checked", at: node.location) }
            return
        }
        // An array of objects: a field per member of the elements, and one for the array's own
        // bounds, unless the required members of its elements already say them.
        let start = made.count
        for (index, position) in positions.enumerated() {
            let element = view(of: position, refs: refs)
            let segment = String(index)
            walk(element, at: position, pointer: pointer + [segment],
                 steps: steps + [Step(segment: segment, guaranteed: guaranteedHere && minItems > index && !Self.allowsNull(element))],
                 refs: refs, depth: depth + 1, requiredInParent: minItems > index)
        }
        if let itemView, let items {
            walk(itemView, at: items, pointer: pointer + ["*"],
                 steps: steps + [Step(segment: "*", guaranteed: guaranteedHere && minItems >= 1, isEach: true)],
                 refs: refs, depth: depth + 1, requiredInParent: minItems >= 1)
        }
        var implied = 0
        for entry in made[start...] where entry.field.isRequired {
            guard let next = entry.pointer.dropFirst(pointer.count).first else { continue }
            implied = max(implied, next == "*" ? 1 : (Int(next).map { $0 + 1 } ?? 0))
        }
        if array.first("maxItems") != nil || minItems > implied {
            makeField(array, at: node, pointer: pointer, steps: steps, items: nil)
            var own = made.removeLast()
            // Required members of its elements already make an absent array a missing value.
            if implied > 0 { own.field.required = nil }
            made.insert(own, at: start)
        }
    }

    /// Validation keywords conform does not check, reported once where they are written.
    private mutating func reportUnsupported(_ view: View, isRecord: Bool) {
        let unsupported: [(String, String)] = [
            ("multipleOf", "a value a multiple of a number"), ("uniqueItems", "no two equal items"),
            ("contains", "an item matching a schema"), ("minContains", "items matching `contains`"),
            ("maxContains", "items matching `contains`"), ("minProperties", "the fewest members"),
            ("maxProperties", "the most members"), ("propertyNames", "a schema for member names"),
            ("patternProperties", "schemas for members by the pattern of their names"),
            ("dependentRequired", "members required by another's presence"), ("dependencies", "members required by another's presence"),
            ("dependentSchemas", "schemas applied by a member's presence"), ("unevaluatedProperties", "members no schema describes"),
            ("unevaluatedItems", "items no schema describes"), ("if", "a conditional schema (`if`/`then`/`else`)"),
            ("contentEncoding", "an encoded string"), ("contentMediaType", "the media type of a string"),
            ("contentSchema", "the schema of a string's content"), ("$dynamicRef", "a dynamic reference"),
            ("$recursiveRef", "a recursive reference"),
        ]
        for facet in view.facets {
            for member in facet.members {
                if let (_, meaning) = unsupported.first(where: { $0.0 == member.key }) {
                    notExpressed("`\(member.key)` (\(meaning)) is not checked", at: member.keyLocation, kind: "keyword \(member.key)")
                } else if member.key == "additionalProperties", !isRecord, !(member.value.value.isTrue) {
                    notExpressed("`additionalProperties` below the record is not checked: conform checks only the record's own members",
                                 at: member.keyLocation, kind: "nested additionalProperties")
                }
            }
        }
    }

    // MARK: Fields

    private mutating func makeField(_ schema: View, at node: SourceNode, pointer: [String], steps: [Step], items: View? = nil,
                                    forceAny: Bool = false) {
        let location = node.location
        var field = Field(name: pointer.last ?? "", type: Located("string", at: location), constraints: Constraints(), severity: .error,
                          aliases: [], location: location)
        if pointer.count > 1 {
            let path = JSONPointer(segments: pointer).description
            field.name = String(path.dropFirst())
            field.path = Located(path, at: location)
        }
        let isCodelist = schema.refName != nil
        field.title = schema.annotation("title", ownOnly: isCodelist)
        field.description = schema.annotation("description", ownOnly: isCodelist)
        if let examples = schema.first("examples")?.value.elements, let first = examples.first?.text {
            field.example = first
        } else if let example = schema.first("example")?.value.text {
            field.example = example
        }
        if forceAny {
            field.type = Located("any", at: location)
        } else if isArray(schema) {
            field.type = Located("array", at: schema.first("type")?.keyLocation ?? location)
            if let value = schema.first("minItems"), let count = value.value.text.flatMap({ Int($0) }) { field.minItems = Located(count, at: value.keyLocation) }
            if let value = schema.first("maxItems"), let count = value.value.text.flatMap({ Int($0) }) { field.maxItems = Located(count, at: value.keyLocation) }
            if let items {
                let (type, constraints) = scalar(items, name: field.name + " items", at: location)
                field.items = Items(type: Located(type, at: items.facets.first?.location ?? location), constraints: constraints,
                                    location: items.facets.first?.location ?? location)
            } else {
                field.items = Items(type: Located("any", at: location), constraints: Constraints(), location: location)
            }
        } else {
            let (type, constraints) = scalar(schema, name: field.name, at: location)
            field.type = Located(type, at: schema.first("type")?.keyLocation ?? location)
            field.constraints = constraints
        }

        // Required: when the member is always there given the record, as conform's `required` says.
        if let last = steps.last, last.guaranteed {
            if steps.allSatisfy(\.guaranteed) {
                field.required = Located(true, at: location)
            } else if let anchor = steps.lastIndex(where: { !$0.guaranteed }) {
                requiredWhenPresent(field, pointer: pointer, steps: steps, anchor: anchor)
            }
        }
        made.append((pointer, field))
    }

    /// A member required in an object that may be absent: a row rule "when the object is there,
    /// the member is not empty" (with a field for the object), unless arrays are crossed.
    private mutating func requiredWhenPresent(_ field: Field, pointer: [String], steps: [Step], anchor: Int) {
        let objectPointer = Array(pointer[...anchor])
        let objectPath = JSONPointer(segments: objectPointer).description
        if let each = steps.lastIndex(where: \.isEach) {
            let array = JSONPointer(segments: Array(pointer[..<each])).description
            notExpressed("`\(field.name)` is required in the elements of `\(array)`, which may be absent or empty: conform's "
                         + "`required` would also require the array to have elements; not required", at: field.location,
                         kind: "required in items")
            return
        }
        let objectName = objectPointer.count == 1 ? objectPointer[0] : String(objectPath.dropFirst())
        if !made.contains(where: { $0.pointer == objectPointer }) {
            var object = Field(name: objectName, type: Located("any", at: field.location), constraints: Constraints(), severity: .error,
                               aliases: [], location: field.location)
            if objectPointer.count > 1 { object.path = Located(objectPath, at: field.location) }
            object.description = "Present so that the rules on its required members can name it."
            let position = made.firstIndex { $0.pointer.starts(with: objectPointer) } ?? made.count
            made.insert((objectPointer, object), at: position)
        }
        var id = "required-" + Self.slug(field.name)
        while rules.contains(where: { $0.id == id }) { id += "-2" }
        rules.append(RowRule(id: id, assert: Located("`\(field.name)` is not empty", at: field.location),
                             when: Located("`\(objectName)` is not empty", at: field.location), severity: .error,
                             message: "\(field.name) is required when \(objectName) is present", location: field.location))
    }

    static func slug(_ name: String) -> String {
        var out = ""
        for character in name.lowercased() {
            if character.isLetter || character.isNumber { out.append(character) } else if out.last != "-" { out.append("-") }
        }
        while out.hasSuffix("-") { out.removeLast() }
        while out.hasPrefix("-") { out.removeFirst() }
        return out.isEmpty ? "member" : out
    }

    /// The conform type and constraints of a value schema.
    private mutating func scalar(_ schema: View, name: String, at location: SourceLocation) -> (String, Constraints) {
        var c = Constraints()
        var type: String
        var types = Self.types(schema)
        let typeLocation = schema.first("type")?.keyLocation ?? location
        if types.isEmpty, let values = schema.first("enum")?.value.elements ?? schema.first("const").map({ [$0.value] }) {
            // No type: what the listed values are.
            let kinds = Set(values.compactMap { value -> String? in
                switch value.value {
                case .string: "string"
                case let .number(text): text.contains(where: { ".eE".contains($0) }) ? "number" : "integer"
                case .bool: "boolean"
                default: nil
                }
            })
            types = kinds.count == 1 ? kinds : (kinds == ["integer", "number"] ? ["number"] : kinds)
        } else if types.isEmpty, schema.labelled != nil {
            types = ["string"]
        }
        let patterns = schema.all("pattern").compactMap { member in member.value.string.map { ($0, member) } }
        var yearShape = false
        switch types {
        case ["string"]: type = "string"
        case ["integer"]: type = "integer"
        case ["number"], ["integer", "number"]: type = "number"
        case ["boolean"]: type = "boolean"
        case ["integer", "string"] where patterns.count == 1 && ["-?[0-9]{4}", "[0-9]{4}"].contains(Self.wholeValuePattern(patterns[0].0).0):
            type = "year"
            yearShape = true
        case []: type = schema.first("format") != nil || schema.first("pattern") != nil ? "string" : "any"
        case ["object"]:
            type = "any"
            notExpressed("`\(name)` must be an object: read as any value (conform checks objects through their members)", at: typeLocation,
                         kind: "object leaf")
        default:
            type = "any"
            notExpressed("`\(name)` may be any of \(types.sorted().joined(separator: ", ")): read as any value", at: typeLocation)
        }

        // Formats of strings.
        if type == "string", let format = schema.first("format"), let text = format.value.string {
            switch text {
            case "date": type = "date"
            case "date-time", "time":
                type = text == "date-time" ? "datetime" : "time"
                notExpressed("`format: \(text)`: conform's \(type) does not require the UTC offset RFC 3339 does (`2024-01-15T09:30:00` passes)",
                             at: format.keyLocation, kind: "format \(text)")
            case "email", "uri", "uuid": type = text
            default:
                notExpressed("`format: \(text)` is not checked (conform knows date, date-time, time, email, uri and uuid)",
                             at: format.keyLocation, kind: "format \(text)")
            }
        }

        // Allowed values: a code list when they come from a definition, else an enum.
        var values: [String]?
        var labels: [String: String] = [:]
        var valuesLocation = location
        if let list = schema.labelled {
            values = list.map(\.value)
            for entry in list { if let label = entry.label { labels[entry.value] = label } }
            valuesLocation = schema.first("oneOf")?.keyLocation ?? schema.first("anyOf")?.keyLocation ?? location
        } else if let member = schema.first("enum"), let elements = member.value.elements {
            values = elements.compactMap { element -> String? in
                if case .null = element.value { return nil }
                return element.text
            }
            valuesLocation = member.keyLocation
        } else if let member = schema.first("const"), let text = member.value.text {
            values = [text]
            valuesLocation = member.keyLocation
        }
        if let values {
            if ["string", "any"].contains(type), schema.refName != nil || !labels.isEmpty {
                let listName = codelist(named: schema.refName ?? name, source: schema.refPointer, values: values, labels: labels,
                                        description: schema.refName != nil ? schema.referencedAnnotation("description") : nil,
                                        at: valuesLocation)
                c.codelist = Located(listName, at: valuesLocation)
                type = "code"
            } else {
                c.enumValues = Located(values, at: valuesLocation)
            }
        }

        // Patterns (on strings): whole-value matches.
        if ["string", "date", "datetime", "time", "email", "uri", "uuid", "code", "any"].contains(type) || yearShape {
            var readings: [String] = []
            for (pattern, member) in patterns where !yearShape {
                let (whole, wrapped) = Self.wholeValuePattern(pattern)
                if wrapped {
                    tolerance("JSON Schema patterns search the value and conform's match all of it: `\(pattern)` is read as `\(whole)`",
                              at: member.value.location, kind: "pattern wrapped")
                }
                readings.append(whole)
            }
            if let last = readings.last {
                let combined = readings.dropLast().map { "(?=(?:\($0))$)" }.joined() + (readings.count > 1 ? "(?:\(last))" : last)
                c.pattern = Located(combined, at: patterns.first!.1.keyLocation)
            }
        }

        // Lengths and bounds.
        if let member = schema.first("minLength"), let number = member.value.text.flatMap({ Int($0) }) { c.minLength = Located(number, at: member.keyLocation) }
        if let member = schema.first("maxLength"), let number = member.value.text.flatMap({ Int($0) }) { c.maxLength = Located(number, at: member.keyLocation) }
        if ["integer", "number", "year"].contains(type) {
            for key in ["minimum", "maximum"] {
                guard let member = schema.first(key), let text = member.value.text, case .number = member.value.value else { continue }
                // Draft 4: `exclusiveMinimum: true` makes `minimum` exclusive.
                let exclusive = schema.first("exclusive" + key.prefix(1).uppercased() + key.dropFirst())
                let isExclusive = exclusive.map { if case .bool(true) = $0.value.value { return true } else { return false } } ?? false
                switch (key, isExclusive) {
                case ("minimum", false): c.minimum = Located(text, at: member.keyLocation)
                case ("minimum", true): c.exclusiveMinimum = Located(text, at: member.keyLocation)
                case ("maximum", false): c.maximum = Located(text, at: member.keyLocation)
                default: c.exclusiveMaximum = Located(text, at: member.keyLocation)
                }
            }
            for key in ["exclusiveMinimum", "exclusiveMaximum"] {
                guard let member = schema.first(key), case let .number(text) = member.value.value else { continue }
                if key == "exclusiveMinimum" { c.exclusiveMinimum = Located(text, at: member.keyLocation) } else { c.exclusiveMaximum = Located(text, at: member.keyLocation) }
            }
        }
        reportUnsupported(schema, isRecord: false)
        return (type, c)
    }

    /// A code list from a definition (shared by every field that refers to it) or a field's labelled values.
    private mutating func codelist(named base: String, source: String?, values: [String], labels: [String: String], description: String?,
                                   at location: SourceLocation) -> String {
        if let source, let existing = codelistSources.first(where: { $0.value == source })?.key { return existing }
        var name = base
        var suffix = 2
        while codelists.contains(where: { $0.name == name }) {
            name = "\(base)-\(suffix)"
            suffix += 1
        }
        codelists.append(Codelist(name: name, description: description, values: values, labels: labels, definedIn: file, location: location))
        if let source { codelistSources[name] = source }
        return name
    }

    /// A JSON Schema pattern (a search) as a whole-value pattern: anchored at both ends in every
    /// top-level alternative, the anchors are dropped; else `.*(?:pattern).*` (`true`: wrapped).
    static func wholeValuePattern(_ pattern: String) -> (String, Bool) {
        let alternatives = PatternShape.splitTopLevel(Substring(pattern))
        if let alternatives, alternatives.allSatisfy({ $0.hasPrefix("^") && $0.count >= 2 && PatternShape.endsWithAnchor($0) }) {
            let stripped = alternatives.map { String($0.dropFirst().dropLast()) }
            if stripped.count == 1, let inner = unwrappedGroup(stripped[0]) { return (inner, false) }
            return (stripped.joined(separator: "|"), false)
        }
        return (".*(?:\(pattern)).*", true)
    }

    /// `(?:X)` → `X`, when the group opened first closes last.
    private static func unwrappedGroup(_ text: String) -> String? {
        guard text.hasPrefix("(?:"), text.hasSuffix(")") else { return nil }
        var depth = 0, escaped = false, inClass = false
        for (offset, character) in text.enumerated() {
            if escaped { escaped = false }
            else if character == "\\" { escaped = true }
            else if inClass { if character == "]" { inClass = false } }
            else if character == "[" { inClass = true }
            else if character == "(" { depth += 1 }
            else if character == ")" {
                depth -= 1
                if depth == 0 && offset != text.count - 1 { return nil }
            }
        }
        return String(text.dropFirst(3).dropLast())
    }

    // MARK: Reporting

    private mutating func notExpressed(_ message: String, at location: SourceLocation, kind: String? = nil) {
        report(.importNotExpressed, message, at: location, kind: kind)
    }

    private mutating func tolerance(_ message: String, at location: SourceLocation, kind: String? = nil) {
        report(.importTolerance, message, at: location, kind: kind)
    }

    /// Reports once per `kind` (the others' lines are added by `foldRepeats`), and once per place.
    private mutating func report(_ rule: LintRule, _ message: String, at location: SourceLocation, kind: String?) {
        if diagnostics.findings.contains(where: { $0.rule == rule.id && $0.line == location.line && $0.character == location.column
            && $0.file == location.file && $0.message == message }) { return }
        if let kind {
            if let seen = repeats[kind] {
                if !seen.lines.contains(location.line) && diagnostics.findings[seen.index].line != location.line {
                    repeats[kind]!.lines.append(location.line)
                }
                return
            }
            repeats[kind] = (diagnostics.findings.count, [])
        }
        diagnostics.report(rule, message, at: location)
    }

    private mutating func foldRepeats() {
        for (_, seen) in repeats.sorted(by: { $0.value.index < $1.value.index }) where !seen.lines.isEmpty {
            let shown = seen.lines.prefix(12).map(String.init).joined(separator: ", ") + (seen.lines.count > 12 ? ", …" : "")
            diagnostics.amendMessage(at: seen.index, appending: " (the same in \(seen.lines.count) more place\(seen.lines.count == 1 ? "" : "s"): line\(seen.lines.count == 1 ? "" : "s") \(shown))")
        }
        repeats = [:]
    }
}

private extension SourceNode.Value {
    var isTrue: Bool {
        if case .bool(true) = self { return true }
        return false
    }
}
