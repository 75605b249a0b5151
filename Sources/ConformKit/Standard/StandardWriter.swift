/// Writes a `Standard` as conform YAML (format version 1): what `conform import` prints, so a
/// standards body can move a Table Schema or Data Package over and keep editing it.
///
/// Strings are quoted only when YAML would read them as something else; multi-line text is a
/// literal block. `notes` become comment lines at the top (what the import could not express).
enum StandardWriter {
    static func yaml(_ standard: Standard, header: [String] = []) -> String {
        var out: [String] = header.map { $0.isEmpty ? "#" : "# \($0)" }
        out.append("conform: 1")
        out.append("id: \(scalar(standard.id))")
        if let version = standard.version { out.append("version: \(scalar(version))") }
        for (key, value) in [("title", standard.title), ("publisher", standard.publisher), ("licence", standard.licence)] {
            if let value { out.append("\(key): \(scalar(value))") }
        }
        if let description = standard.description { out += block("description", description, indent: "") }
        if !standard.uses.isEmpty { out.append("uses: " + list(standard.uses)) }
        if let dialect = standard.dialect {
            var lines: [String] = []
            func byte(_ key: String, _ value: UInt8?) {
                if let value { lines.append("  \(key): \(scalar(String(decoding: [value], as: UTF8.self)))") }
            }
            byte("delimiter", dialect.delimiter)
            byte("quoteChar", dialect.quoteChar)
            byte("escapeChar", dialect.escapeChar)
            if let flag = dialect.doubleQuote { lines.append("  doubleQuote: \(flag)") }
            if let flag = dialect.header { lines.append("  header: \(flag)") }
            if let rows = dialect.headerRows { lines.append("  headerRows: \(rows)") }
            if let encoding = dialect.encoding { lines.append("  encoding: \(scalar(encoding))") }
            if let terminator = dialect.lineTerminator { lines.append("  lineTerminator: \(scalar(terminator))") }
            if let records = dialect.records { lines.append("  records: \(scalar(records.value))") }
            if let rows = dialect.skipRows { lines.append("  skipRows: \(rows)") }
            if let columns = dialect.skipColumns { lines.append("  skipColumns: \(columns)") }
            if let prefix = dialect.commentPrefix { lines.append("  commentPrefix: \(scalar(prefix))") }
            if let trim = dialect.trim { lines.append("  trim: \(trim.rawValue)") }
            if let flag = dialect.skipBlankRows { lines.append("  skipBlankRows: \(flag)") }
            if !lines.isEmpty { out += ["dialect:"] + lines }
        }
        if standard.missingValues != [""] { out.append("missingValues: " + list(standard.missingValues)) }
        if standard.columns != .exact { out.append("columns: \(standard.columns.rawValue)") }
        if !standard.types.isEmpty {
            out += ["", "types:"]
            for type in standard.types {
                out.append("  \(scalar(type.name)):")
                out.append("    type: \(scalar(type.base.value))")
                if let description = type.description { out += block("description", description, indent: "    ") }
                out += constraints(type.constraints, indent: "    ")
            }
        }
        if !standard.codelists.isEmpty {
            out += ["", "codelists:"]
            for codelist in standard.codelists {
                out.append("  \(scalar(codelist.name)):")
                if let description = codelist.description { out += block("description", description, indent: "    ") }
                if let file = codelist.file {
                    out.append("    file: \(scalar(file))")
                    if let column = codelist.column { out.append("    column: \(scalar(column))") }
                    if let label = codelist.labelColumn { out.append("    labelColumn: \(scalar(label))") }
                } else if codelist.labels.isEmpty {
                    out.append("    values: " + list(codelist.values))
                } else {
                    out.append("    values:")
                    for value in codelist.values {
                        out.append("      \(scalar(value)): " + (codelist.labels[value].map { scalar($0) } ?? "\"\""))
                    }
                }
            }
        }
        out += ["", "fields:"]
        for field in standard.fields {
            out.append("  - name: \(scalar(field.name))")
            if let title = field.title { out.append("    title: \(scalar(title))") }
            if let description = field.description { out += block("description", description, indent: "    ") }
            out.append("    type: \(scalar(field.type.value))")
            if let required = field.required { out.append("    required: \(required.value)") }
            if let unique = field.unique { out.append("    unique: \(unique.value)") }
            if field.severity != .error { out.append("    severity: \(field.severity.rawValue)") }
            if !field.aliases.isEmpty { out.append("    aliases: " + list(field.aliases)) }
            if let concept = field.concept { out.append("    concept: \(scalar(concept))") }
            if let unit = field.unit { out.append("    unit: \(scalar(unit))") }
            if let path = field.path { out.append("    path: \(scalar(path.value))") }
            if field.coerce { out.append("    coerce: true") }
            if let missing = field.missingValues { out.append("    missingValues: " + list(missing)) }
            if let value = field.defaultValue { out.append("    default: \(scalar(value.value))") }
            if let separator = field.separator { out.append("    separator: \(scalar(separator.value))") }
            out += constraints(field.constraints, indent: "    ")
            if let items = field.items {
                out.append("    items:")
                out.append("      type: \(scalar(items.type.value))")
                out += constraints(items.constraints, indent: "      ")
            }
            if let minItems = field.minItems { out.append("    minItems: \(minItems.value)") }
            if let maxItems = field.maxItems { out.append("    maxItems: \(maxItems.value)") }
            if let example = field.example { out.append("    example: \(scalar(example))") }
        }
        var keys: [String] = []
        if let primary = standard.keys.primary { keys.append("  primary: " + list(primary.value)) }
        if !standard.keys.unique.isEmpty { keys.append("  unique: [" + standard.keys.unique.map { list($0.value) }.joined(separator: ", ") + "]") }
        if !standard.keys.foreign.isEmpty {
            keys.append("  foreign:")
            for foreign in standard.keys.foreign {
                keys.append("    - fields: " + list(foreign.fields.value))
                keys.append("      references: {" + (foreign.table.map { "table: \(scalar($0, inFlow: true)), " } ?? "") + "fields: " + list(foreign.referencedFields) + "}")
                if foreign.checksMissingMarkers { keys.append("      checkMissingMarkers: true") }
            }
        }
        if !keys.isEmpty { out += ["", "keys:"] + keys }
        if !standard.rules.isEmpty {
            out += ["", "rules:"]
            for rule in standard.rules {
                out.append("  - id: \(scalar(rule.id))")
                out.append("    assert: \(scalar(rule.assert.value))")
                if let when = rule.when { out.append("    when: \(scalar(when.value))") }
                if rule.severity != .error { out.append("    severity: \(rule.severity.rawValue)") }
                if let message = rule.message { out.append("    message: \(scalar(message))") }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func constraints(_ constraints: Constraints, indent: String) -> [String] {
        var out: [String] = []
        if let pattern = constraints.pattern { out.append("\(indent)pattern: \(scalar(pattern.value))") }
        if let values = constraints.enumValues { out.append("\(indent)enum: " + list(values.value)) }
        if let codelist = constraints.codelist { out.append("\(indent)codelist: \(scalar(codelist.value))") }
        if let value = constraints.minLength { out.append("\(indent)minLength: \(value.value)") }
        if let value = constraints.maxLength { out.append("\(indent)maxLength: \(value.value)") }
        for (key, value) in [("minimum", constraints.minimum), ("maximum", constraints.maximum),
                             ("exclusiveMinimum", constraints.exclusiveMinimum), ("exclusiveMaximum", constraints.exclusiveMaximum),
                             ("format", constraints.format), ("decimalChar", constraints.decimalChar), ("groupChar", constraints.groupChar)] {
            if let value { out.append("\(indent)\(key): \(scalar(value.value))") }
        }
        if let values = constraints.trueValues { out.append("\(indent)trueValues: " + list(values.value)) }
        if let values = constraints.falseValues { out.append("\(indent)falseValues: " + list(values.value)) }
        if let checksum = constraints.checksum { out.append("\(indent)checksum: \(checksum.value.rawValue)") }
        if let xsdType = constraints.xsdType { out.append("\(indent)xsdType: \(scalar(xsdType.value))") }
        if let format = constraints.numberFormat { out.append("\(indent)numberFormat: \(scalar(format.value))") }
        return out
    }

    private static func block(_ key: String, _ text: String, indent: String) -> [String] {
        let trimmed = text.trimmingCharacters(in: .newlines)
        guard trimmed.contains("\n") else { return ["\(indent)\(key): \(scalar(trimmed))"] }
        // A literal block keeps the lines; one with leading spaces on its first line needs an indentation indicator.
        let indicator = trimmed.first == " " ? "2" : ""
        return ["\(indent)\(key): |\(indicator)"] + trimmed.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.isEmpty ? "" : "\(indent)  \($0)"
        }
    }

    static func list(_ values: [String]) -> String {
        "[" + values.map { scalar($0, inFlow: true) }.joined(separator: ", ") + "]"
    }

    /// A scalar as YAML reads back the same string: plain when safe, else single-quoted (no
    /// escapes needed, good for patterns), else double-quoted with escapes.
    static func scalar(_ text: String, inFlow: Bool = false) -> String {
        if isPlainSafe(text, inFlow: inFlow) { return text }
        if !text.contains(where: { $0.isNewline || ($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) }) {
            return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static let reserved: Set<String> = [
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "",
    ]

    private static func isPlainSafe(_ text: String, inFlow: Bool) -> Bool {
        guard let first = text.first, let last = text.last, !reserved.contains(text.lowercased()) else { return false }
        if first.isWhitespace || last.isWhitespace { return false }
        // Numbers, dates and the like would be read as other types by YAML 1.1 resolution.
        if first.isNumber || "+-.".contains(first) { return false }
        if "!&*{}[]|>'\"%@`#,?:".contains(first) { return false }
        if text.contains(": ") || text.contains(" #") || last == ":" { return false }
        if inFlow && text.contains(where: { ",[]{}".contains($0) }) { return false }
        return !text.contains(where: { $0.isNewline || $0 == "\t" || $0 == "\\" || ($0.asciiValue.map { $0 < 0x20 } ?? false) })
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
