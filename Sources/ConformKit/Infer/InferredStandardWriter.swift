/// Writes an ``InferredStandard`` as conform YAML: the proposals as keys (type, `required`, `enum`,
/// `format`, ...), what was seen as comments (counts, distinct values, observed lengths and ranges,
/// notes for the reviewer).
enum InferredStandardWriter {
    /// Comment lines are wrapped to about this many characters.
    static let width = 100

    static func yaml(_ inferred: InferredStandard) -> String {
        var out = ""
        let rows = "\(StandardInferrer.count(inferred.rowsRead)) data \(inferred.rowsRead == 1 ? "row" : "rows")"
        let extent = inferred.readWholeFile ? "the whole file" : "a sample (--sample)"
        comment(&out, "", "A draft standard inferred by `conform infer` from \(clean(inferred.source)): \(rows) read (\(extent)), \(inferred.columns.count) \(inferred.columns.count == 1 ? "column" : "columns").")
        comment(&out, "", "Review it before use: the types, enum lists and `required` describe the data seen, not the rules the data must follow. Observed lengths and ranges are comments, not constraints.")
        for note in inferred.notes { comment(&out, "", "note: " + note) }
        out += "conform: 1\n"
        out += "id: \(scalar(inferred.id))\n"
        out += "version: \"draft\"\n"
        let fileName = inferred.source.split(separator: "/").last.map(String.init) ?? inferred.source
        out += "title: \(scalar("Inferred from " + fileName))\n"
        out += "description: \(scalar("Drafted by conform infer \(Conform.version) from \(inferred.source) (\(rows), \(extent)). A starting point to review, not a published standard."))\n"
        if inferred.usesCore { out += "uses: [\(CoreTypes.id)]\n" }
        out += "dialect:\n"
        out += "  delimiter: \(scalar(inferred.delimiter, alwaysQuote: true))\n"
        if let encoding = inferred.encoding { out += "  encoding: \(encoding)\n" }
        if inferred.missingValues != [""] {
            out += "missingValues: \(flowList(inferred.missingValues, alwaysQuote: true))\n"
        }
        out += inferred.columns.isEmpty ? "fields: []\n" : "fields:\n"
        for column in inferred.columns {
            out += "  - name: \(scalar(column.name))\n"
            comment(&out, "    ", seen(column))
            for note in column.notes { comment(&out, "    ", note) }
            out += "    type: \(column.type)\n"
            if let format = column.format { out += "    format: \(scalar(format, alwaysQuote: true))\n" }
            if let groupChar = column.groupChar { out += "    groupChar: \(scalar(groupChar, alwaysQuote: true))\n" }
            if let trueValues = column.trueValues { out += "    trueValues: \(flowList(trueValues, alwaysQuote: true))\n" }
            if let falseValues = column.falseValues { out += "    falseValues: \(flowList(falseValues, alwaysQuote: true))\n" }
            if column.required { out += "    required: true\n" }
            if let values = column.enumValues {
                let inline = "    enum: \(flowList(values, alwaysQuote: false))"
                if inline.count <= width {
                    out += inline + "\n"
                } else {
                    out += "    enum:\n"
                    for value in values { out += "      - \(scalar(value))\n" }
                }
            }
        }
        return out
    }

    /// What was seen in a column, in one line: `0 missing of 40,000; 12,403 distinct values; observed 3 to 12 characters`.
    static func seen(_ column: InferredColumn) -> String {
        let s = column.statistics
        guard s.rows > 0 else { return "no data rows" }
        var parts = ["\(StandardInferrer.count(s.missing)) missing of \(StandardInferrer.count(s.rows))"]
        if s.present > 0 {
            if s.distinctIsExact {
                parts.append("\(StandardInferrer.count(s.distinct)) distinct \(s.distinct == 1 ? "value" : "values")")
            } else {
                parts.append("about \(StandardInferrer.count(roughly(s.distinct))) distinct values (estimated)")
            }
        }
        if let minimum = s.minimum, let maximum = s.maximum {
            parts.append(minimum == maximum ? "observed \(clean(minimum)) only" : "observed \(clean(minimum)) to \(clean(maximum))")
        } else if let shortest = s.minLength, let longest = s.maxLength {
            let unit = longest == 1 ? "character" : "characters"
            parts.append(shortest == longest ? "observed \(longest) \(unit) each" : "observed \(shortest) to \(longest) \(unit)")
        }
        return parts.joined(separator: "; ")
    }

    /// An estimate to three significant figures.
    private static func roughly(_ value: Int) -> Int {
        var scale = 1
        while value / scale >= 1000 { scale *= 10 }
        return (value + scale / 2) / scale * scale
    }

    // MARK: YAML

    /// Words other YAML tools read as booleans or null: always quoted.
    private static let reserved: Set<String> = ["y", "n", "yes", "no", "true", "false", "on", "off", "null"]

    /// `value` as a YAML scalar: plain when that is unambiguous (letters first, then letters,
    /// digits, spaces and `_ - . / ( ) & '`), else double-quoted with escapes.
    static func scalar(_ value: String, alwaysQuote: Bool = false) -> String {
        if !alwaysQuote, isPlain(value) { return value }
        var text = "\""
        for unit in value.unicodeScalars {
            switch unit {
            case "\\": text += "\\\\"
            case "\"": text += "\\\""
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            default:
                if unit.value < 0x20 || (0x7F...0x9F).contains(unit.value) || unit.value == 0x2028 || unit.value == 0x2029 || unit.value == 0xFEFF {
                    let hex = String(unit.value, radix: 16, uppercase: true)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(unit)
                }
            }
        }
        return text + "\""
    }

    private static func isPlain(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic,
              value.unicodeScalars.last != " ", !reserved.contains(value.lowercased()) else { return false }
        return value.unicodeScalars.allSatisfy { unit in
            unit.isASCII && (unit.properties.isAlphabetic || ("0"..."9").contains(unit) || " _-./()&'".unicodeScalars.contains(unit))
        }
    }

    private static func flowList(_ values: [String], alwaysQuote: Bool) -> String {
        "[" + values.map { scalar($0, alwaysQuote: alwaysQuote) }.joined(separator: ", ") + "]"
    }

    /// Appends `text` as comment lines at `indent`, wrapped at ``width``.
    private static func comment(_ out: inout String, _ indent: String, _ text: String) {
        var line = indent + "#"
        var empty = true
        for word in clean(text).split(separator: " ", omittingEmptySubsequences: false) {
            if !empty && line.count + 1 + word.count > width {
                out += line + "\n"
                line = indent + "#  "
            }
            line += " " + word
            empty = false
        }
        out += line + "\n"
    }

    /// Text safe in a comment: no line breaks or other control characters.
    private static func clean(_ text: String) -> String {
        var result = ""
        for unit in text.unicodeScalars {
            if unit.value < 0x20 || (0x7F...0x9F).contains(unit.value) || unit.value == 0x2028 || unit.value == 0x2029 {
                result += unit == "\n" ? "\\n" : unit == "\t" ? "\\t" : unit == "\r" ? "\\r" : "?"
            } else {
                result.unicodeScalars.append(unit)
            }
        }
        return result
    }
}
