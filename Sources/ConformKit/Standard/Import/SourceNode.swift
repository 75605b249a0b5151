import Yams

/// A JSON-shaped document tree in which every value keeps where it was written: what the
/// importers (Table Schema, Data Package, CSVW, JSON Schema) read, from JSON or YAML files, so
/// the imported standard's findings point into the file the publisher wrote.
struct SourceNode: Sendable {
    enum Value: Sendable {
        case object([Member])
        case array([SourceNode])
        case string(String)
        /// A number as written (`12`, `-1.5e3`).
        case number(String)
        case bool(Bool)
        case null
    }

    struct Member: Sendable {
        var key: String
        var keyLocation: SourceLocation
        var value: SourceNode
    }

    var value: Value
    var location: SourceLocation

    /// The member `key` of an object (the first, when a key is repeated).
    subscript(key: String) -> SourceNode? {
        guard case let .object(members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    var members: [Member] {
        if case let .object(members) = value { return members }
        return []
    }

    var elements: [SourceNode]? {
        if case let .array(elements) = value { return elements }
        return nil
    }

    var isObject: Bool {
        if case .object = value { return true }
        return false
    }

    /// A string, or a number or boolean as text (enum values, bounds).
    var text: String? {
        switch value {
        case let .string(text), let .number(text): return text
        case let .bool(flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    var string: String? {
        if case let .string(text) = value { return text }
        return nil
    }

    /// What kind of value it is, for messages.
    var kind: String {
        switch value {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }

    /// The tree of a YAML document (Yams), with its marks as locations. Plain scalars are typed
    /// by YAML 1.1's core resolution (the tag Yams resolved); quoted ones are strings.
    init(yaml node: Node, file: String) {
        let location = node.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
            ?? SourceLocation(file: file, line: 1, column: 1)
        self.location = location
        switch node {
        case let .mapping(mapping):
            value = .object(mapping.map { key, item in
                let keyLocation = key.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? location
                return Member(key: key.string ?? "", keyLocation: keyLocation, value: SourceNode(yaml: item, file: file))
            })
        case let .sequence(sequence):
            value = .array(sequence.map { SourceNode(yaml: $0, file: file) })
        case let .scalar(scalar):
            switch node.tag.description {
            case "tag:yaml.org,2002:int", "tag:yaml.org,2002:float": value = .number(scalar.string)
            case "tag:yaml.org,2002:bool": value = .bool(node.bool ?? false)
            case "tag:yaml.org,2002:null": value = .null
            default: value = .string(scalar.string)
            }
        case .alias:
            value = .null
        }
    }

    init(value: Value, location: SourceLocation) {
        self.value = value
        self.location = location
    }
}
