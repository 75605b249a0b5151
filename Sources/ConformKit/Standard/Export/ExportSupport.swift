/// What the exporters share: a JSON document written in a chosen member order, the fields of a
/// standard with their named types resolved, the list of what a target cannot say, and the
/// translations of conform's date formats into regular expressions and CSVW date patterns.

/// A JSON value with its object members in the order they are to be written and its numbers
/// as written (`0.50` stays `0.50`).
enum JSONOut: Sendable {
    case object([(String, JSONOut)])
    case array([JSONOut])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    /// The document, pretty-printed with two spaces, ending with a newline.
    var text: String {
        var out = ""
        write(into: &out, indent: "")
        return out + "\n"
    }

    private var isScalar: Bool {
        switch self {
        case .object, .array: false
        default: true
        }
    }

    private func write(into out: inout String, indent: String) {
        switch self {
        case let .object(members):
            guard !members.isEmpty else {
                out += "{}"
                return
            }
            out += "{\n"
            let inner = indent + "  "
            for (index, member) in members.enumerated() {
                out += inner + JSONOut.quoted(member.0) + ": "
                member.1.write(into: &out, indent: inner)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        case let .array(elements):
            guard !elements.isEmpty else {
                out += "[]"
                return
            }
            let inner = indent + "  "
            if elements.allSatisfy(\.isScalar) {
                // Scalars fill lines of about 100 characters; a short list stays on one line.
                let texts = elements.map { element -> String in
                    var text = ""
                    element.write(into: &text, indent: "")
                    return text
                }
                let oneLine = "[" + texts.joined(separator: ", ") + "]"
                if oneLine.count + indent.count <= 100 {
                    out += oneLine
                    return
                }
                out += "[\n"
                var line = ""
                for (index, text) in texts.enumerated() {
                    let piece = text + (index == texts.count - 1 ? "" : ",")
                    if !line.isEmpty && inner.count + line.count + 1 + piece.count > 100 {
                        out += inner + line + "\n"
                        line = ""
                    }
                    line += line.isEmpty ? piece : " " + piece
                }
                out += inner + line + "\n" + indent + "]"
                return
            }
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += inner
                element.write(into: &out, indent: inner)
                out += index == elements.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case let .string(text): out += JSONOut.quoted(text)
        case let .number(text): out += text
        case let .bool(flag): out += flag ? "true" : "false"
        case .null: out += "null"
        }
    }

    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// True when `text` is a number as JSON writes one (`-1.5e3`; not `+1`, `.5`, `01`, `NaN`).
    static func isNumber(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        func digits() -> Int {
            let count = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let leadingZero = bytes.first == UInt8(ascii: "0")
        let whole = digits()
        guard whole > 0, !(leadingZero && whole > 1) else { return false }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// A value of a field written as JSON: a number when the field is numeric and the text is a
    /// JSON number, else a string.
    static func typed(_ text: String, numeric: Bool) -> JSONOut {
        numeric && isNumber(text) ? .number(text) : .string(text)
    }
}

/// A field of the standard being exported, with its named types resolved: the built-in type,
/// every constraint (own and inherited) and its code list.
struct ExportField {
    let field: Field
    let base: BaseType
    let constraints: Constraints
    let codelist: Codelist?
    /// For an array field: the elements' resolved type, constraints and code list.
    let items: (base: BaseType, constraints: Constraints, codelist: Codelist?)?

    var name: String { field.name }

    /// The allowed values: the `enum`, the code list's values, or (both given) the values in both.
    var allowed: [String]? { Self.allowed(constraints, codelist) }

    static func allowed(_ constraints: Constraints, _ codelist: Codelist?) -> [String]? {
        switch (constraints.enumValues?.value, codelist?.values) {
        case let (values?, list?): values.filter { list.contains($0) }
        case let (values?, nil): values
        case let (nil, list?): list
        case (nil, nil): nil
        }
    }

    var isNumeric: Bool { [.integer, .number, .year].contains(base) }
    var isTemporal: Bool { [.date, .datetime, .time].contains(base) }

    /// The fields of `resolved`, in order. The standard was loaded, so every type resolves.
    static func fields(of resolved: ResolvedStandard) -> [ExportField] {
        var compiler = StandardCompiler(resolved)
        return resolved.standard.fields.map { field in
            let (base, inherited) = compiler.resolveType(field.type) ?? (.string, Constraints())
            let constraints = field.constraints.inheriting(from: inherited)
            var items: (BaseType, Constraints, Codelist?)?
            if let element = field.items {
                let (itemBase, itemInherited) = compiler.resolveType(element.type) ?? (.any, Constraints())
                let itemConstraints = element.constraints.inheriting(from: itemInherited)
                items = (itemBase, itemConstraints, itemConstraints.codelist.flatMap { resolved.codelists[$0.value] })
            }
            return ExportField(field: field, base: base, constraints: constraints,
                               codelist: constraints.codelist.flatMap { resolved.codelists[$0.value] }, items: items)
        }
    }
}

/// What a target cannot express, each said once, in the order found.
struct ExportNotes {
    private(set) var lines: [String] = []

    mutating func add(_ line: String) {
        if !lines.contains(line) { lines.append(line) }
    }

    /// The notes every target shares: row rules, checksums, severities, units.
    mutating func addCommon(_ standard: Standard, fields: [ExportField], target: String) {
        if fields.isEmpty {
            add("the standard has no fields: it is a library of types and code lists, or a package of tables (export each table's standard)")
        }
        for field in fields {
            if let checksum = field.constraints.checksum {
                add("field `\(field.name)`: checksum `\(checksum.value.rawValue)` (\(target) has no check digits)")
            }
            if field.field.severity != .error {
                add("field `\(field.name)`: severity \(field.field.severity.rawValue) (in \(target) every constraint is an error)")
            }
            if let unit = field.field.unit { add("field `\(field.name)`: unit `\(unit)` (informational)") }
        }
        for rule in standard.rules {
            let condition = rule.when.map { "when \($0.value): " } ?? ""
            add("row rule `\(rule.id)` (\(condition)\(rule.assert.value)\(rule.severity == .error ? "" : ", \(rule.severity.rawValue)"))")
        }
    }
}

/// conform's `format` for dates and times, in the terms of other formats.
enum TemporalPatterns {
    private enum Token: Equatable {
        case literal(Character)
        case directive(String)
    }

    private static func tokens(_ format: String) -> [Token] {
        var tokens: [Token] = []
        var characters = Array(format)[...]
        while let character = characters.popFirst() {
            guard character == "%", let next = characters.popFirst() else {
                tokens.append(.literal(character))
                continue
            }
            if next == "%" {
                tokens.append(.literal("%"))
            } else if next == "-", let letter = characters.popFirst() {
                tokens.append(.directive("-" + String(letter)))
            } else {
                tokens.append(.directive(String(next)))
            }
        }
        return tokens
    }

    private static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                                 "October", "November", "December"]

    /// Both letter cases of every letter, as `[Jj][Aa][Nn]`: the month names are read in any case.
    private static func anyCase(_ word: String) -> String {
        word.map { "[\($0.uppercased())\($0.lowercased())]" }.joined()
    }

    /// A regular expression (ECMAScript and PCRE alike, unanchored) of the values written in
    /// `format`: digits in range, not whether the date exists.
    static func regex(_ format: String) -> String {
        tokens(format).map { token -> String in
            switch token {
            case let .literal(character): return escape(character)
            case let .directive(directive):
                switch directive {
                case "Y": return "[0-9]{4}"
                case "y": return "[0-9]{2}"
                case "m": return "(?:0[1-9]|1[0-2])"
                case "-m": return "(?:0?[1-9]|1[0-2])"
                case "d": return "(?:0[1-9]|[12][0-9]|3[01])"
                case "-d": return "(?:0?[1-9]|[12][0-9]|3[01])"
                case "H": return "(?:[01][0-9]|2[0-3])"
                case "M": return "[0-5][0-9]"
                case "S": return "(?:[0-5][0-9]|60)"
                case "f": return "[0-9]{1,9}"
                case "z": return "(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):?[0-5][0-9])"
                case "b": return "(?:" + months.map { anyCase(String($0.prefix(3))) }.joined(separator: "|") + ")"
                case "B": return "(?:" + months.map { anyCase($0) }.joined(separator: "|") + ")"
                default: return escape("%") + directive.map { escape($0) }.joined()
                }
            }
        }.joined()
    }

    /// A regular expression of conform's ISO 8601 forms (no `format`) of `base`.
    static func isoRegex(_ base: BaseType) -> String {
        let date = "[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
        let time = "(?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\\.[0-9]+)?(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?"
        switch base {
        case .date: return date
        case .time: return time
        default: return date + "[Tt]" + time
        }
    }

    private static func escape(_ character: Character) -> String {
        "\\^$.|?*+()[]{}/".contains(character) ? "\\" + String(character) : String(character)
    }

    /// The CSVW (UAX #35) date/time pattern for `format`, when it is one of those the CSVW
    /// specification lists (section 6.4.4 of the Metadata Vocabulary for Tabular Data), else nil.
    static func csvwPattern(_ format: String, base: BaseType) -> String? {
        var out = ""
        for token in tokens(format) {
            switch token {
            case let .literal(character): out.append(character)
            case let .directive(directive):
                switch directive {
                case "Y": out += "yyyy"
                case "m": out += "MM"
                case "-m": out += "M"
                case "d": out += "dd"
                case "-d": out += "d"
                case "H": out += "HH"
                case "M": out += "mm"
                case "S": out += "ss"
                case "f": out += "SSSSSSSSS"
                case "z": out += "XXX"
                default: return nil
                }
            }
        }
        return csvwAllowed(out, base: base) ? out : nil
    }

    private static let csvwDates = ["yyyy-MM-dd", "yyyyMMdd", "dd-MM-yyyy", "d-M-yyyy", "MM-dd-yyyy", "M-d-yyyy", "dd/MM/yyyy",
                                    "d/M/yyyy", "MM/dd/yyyy", "M/d/yyyy", "dd.MM.yyyy", "d.M.yyyy", "MM.dd.yyyy", "M.d.yyyy"]
    private static let csvwTimes = ["HH:mm:ss.SSSSSSSSS", "HH:mm:ss", "HHmmss", "HH:mm", "HHmm"]

    private static func csvwAllowed(_ pattern: String, base: BaseType) -> Bool {
        var body = pattern
        if body.hasSuffix("XXX") {
            body.removeLast(3)
            if body.hasSuffix(" ") { body.removeLast() }
        }
        switch base {
        case .date: return csvwDates.contains(body)
        case .time: return csvwTimes.contains(body)
        default:
            return csvwDates.contains { date in
                csvwTimes.contains { body == date + "T" + $0 || body == date + " " + $0 }
            }
        }
    }
}

extension String {
    /// The text without the newlines a YAML block scalar ends with.
    var trimmingTrailingNewlinesForExport: String {
        var text = self
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }
}
