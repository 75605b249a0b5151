import Foundation

/// Columns, datatypes and the dialect of CSVW metadata, mapped to conform's fields and dialect.
extension CSVWImporter {
    // MARK: Fields

    /// Fills `standard` with the fields, keys, missing values and column policy of `table`;
    /// returns the field name of each column name.
    @discardableResult
    mutating func fill(_ standard: inout Standard, from table: Table, hasHeader: Bool) -> [String: String] {
        var fieldNames: [String: String] = [:]
        var nulls: [[String]] = []
        for column in table.schema.columns where !column.virtual {
            let at = column.node.location
            var field = Field(name: column.effectiveName, type: Located("string", at: at), constraints: Constraints(),
                              severity: .error, aliases: [], location: at)
            if hasHeader {
                // The header's titles are in the table's language; a column matches a header cell
                // through a title in a compatible language (never through its name).
                var compatible: [String] = []
                for title in column.titles where CSVWVocabulary.languagesMatch(title.language, table.lang) && !compatible.contains(title.text) {
                    compatible.append(title.text)
                }
                if let first = compatible.first {
                    field.name = first
                    field.aliases = Array(compatible.dropFirst())
                } else if !column.titles.isEmpty {
                    error("none of the titles of column \(column.number) is in the language of the table's header (\(table.lang)): "
                          + "no header can match it", at: column.node["titles"]?.location ?? at)
                } else if column.name != nil {
                    error("column \(column.number) (`\(column.effectiveName)`) has no `titles`: with a header row, CSVW validators match "
                          + "columns to the header by their titles, not their names; add `titles`", at: at)
                } else {
                    notExpressed("column \(column.number) has neither `name` nor `titles`, so CSVW accepts any header cell there; "
                                 + "conform expects the header `\(column.effectiveName)`", at: at)
                }
            }
            fieldNames[column.effectiveName] = field.name
            field.description = commonDescription(column.node)
            if let required = column.inherited["required"], case let .bool(flag) = required.value {
                field.required = Located(flag, at: required.location)
            }
            nulls.append(nullValues(column.inherited["null"]))
            if let value = column.inherited["default"]?.string, !value.isEmpty {
                field.defaultValue = Located(value, at: column.inherited["default"]!.location)
            }
            mapDatatype(column.inherited["datatype"], column: column, into: &field)
            if let separator = column.inherited["separator"], let text = separator.string {
                field.items = Items(type: field.type, constraints: field.constraints, location: field.type.location)
                field.type = Located("array", at: separator.location)
                field.constraints = Constraints()
                field.separator = Located(text, at: separator.location)
            }
            standard.fields.append(field)
        }
        // One list of missing values when every column has the same; else each its own.
        if let first = nulls.first, nulls.allSatisfy({ $0 == first }) {
            standard.missingValues = first
        } else {
            for index in standard.fields.indices { standard.fields[index].missingValues = nulls[index] }
        }
        standard.columns = table.schema.present ? .exact : .subset
        if let primary = table.schema.primaryKey {
            let virtual = Set(table.schema.columns.filter(\.virtual).compactMap(\.name))
            if primary.contains(where: virtual.contains) {
                notExpressed("the primary key includes a virtual column, which has no cells; left out",
                             at: table.schema.node["primaryKey"]!.location)
            } else {
                standard.keys.primary = Located(primary.map { fieldNames[$0] ?? $0 }, at: table.schema.node["primaryKey"]!.location)
            }
        }
        return fieldNames
    }

    private func commonDescription(_ node: SourceNode) -> String? {
        guard let value = node["dc:description"] else { return nil }
        return value.string ?? value["@value"]?.string
    }

    /// The null values a column's `null` gives (the default is the empty string).
    private func nullValues(_ node: SourceNode?) -> [String] {
        guard let node else { return [""] }
        if let text = node.string { return [text] }
        return node.elements?.compactMap(\.string) ?? [""]
    }

    // MARK: Datatypes

    /// The XML Schema types (by CSVW name, aliases resolved) that are text with a lexical space.
    private static let lexicalTypes: Set<String> = [
        "base64Binary", "hexBinary", "duration", "dayTimeDuration", "yearMonthDuration", "gDay", "gMonth", "gMonthDay", "gYear",
        "gYearMonth", "language", "Name", "NCName", "QName", "NMTOKEN", "normalizedString", "token", "anyURI",
    ]
    /// Base types on which CSVW allows lengths.
    private static let lengthTypes: Set<String> = [
        "string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN", "hexBinary", "base64Binary",
    ]
    private static let numericTypes: Set<String> = [
        "decimal", "integer", "long", "int", "short", "byte", "double", "float", "nonNegativeInteger", "positiveInteger",
        "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte", "nonPositiveInteger", "negativeInteger",
    ]
    private static let temporalTypes: Set<String> = ["date", "dateTime", "dateTimeStamp", "time"]
    private static let durationTypes: Set<String> = ["duration", "dayTimeDuration", "yearMonthDuration"]

    /// Sets `field`'s type and constraints from a CSVW datatype (a built-in name or a datatype
    /// description; nil is `string`).
    mutating func mapDatatype(_ node: SourceNode?, column: Column, into field: inout Field) {
        var name = "string"
        var description: SourceNode?
        let at = node?.location ?? column.node.location
        if let text = node?.string {
            name = text
        } else if let node, node.isObject {
            description = node
            checkDescription(node, as: .datatype)
            if let base = node["base"] {
                if let text = base.string, CSVWVocabulary.datatypes[text] != nil {
                    name = text
                } else {
                    warn("`base` \(base.text.map { "\"\($0)\"" } ?? base.kind) is not a built-in datatype of CSVW; read as string", at: base.location)
                }
            }
        }
        let xsd = CSVWVocabulary.datatypes[name] ?? "string"
        let typeAt = description?["base"]?.location ?? at
        switch xsd {
        case _ where Self.numericTypes.contains(xsd):
            field.type = Located(XSDType(rawValue: xsd)?.base == .integer ? "integer" : "number", at: typeAt)
            field.constraints.xsdType = Located(xsd, at: typeAt)
        case "boolean", "date", "dateTime", "dateTimeStamp", "time":
            // (The xsdType also says that surrounding whitespace is ignored, as CSVW does for these types.)
            field.type = Located(xsd == "boolean" ? "boolean" : (xsd == "date" ? "date" : (xsd == "time" ? "time" : "datetime")), at: typeAt)
            field.constraints.xsdType = Located(xsd, at: typeAt)
        default:
            field.type = Located("string", at: typeAt)
            if Self.lexicalTypes.contains(xsd) { field.constraints.xsdType = Located(xsd, at: typeAt) }
        }
        guard let description else { return }
        if let format = description["format"] { mapFormat(format, xsd: xsd, into: &field) }
        mapLengths(description, xsd: xsd, into: &field)
        mapBounds(description, xsd: xsd, into: &field)
    }

    private mutating func mapFormat(_ format: SourceNode, xsd: String, into field: inout Field) {
        let at = format.location
        if Self.numericTypes.contains(xsd) {
            var pattern: SourceNode?, decimal: SourceNode?, group: SourceNode?
            if format.string != nil {
                pattern = format
            } else if format.isObject {
                for member in format.members {
                    switch member.key {
                    case "pattern": pattern = member.value
                    case "decimalChar": decimal = member.value
                    case "groupChar": group = member.value
                    default: warn("a number format holds `pattern`, `decimalChar` and `groupChar`, not `\(member.key)`; ignored", at: member.keyLocation)
                    }
                }
            } else {
                warn("`format` must be a string or an object, not \(format.kind); ignored", at: at)
                return
            }
            var decimalChar: UInt8 = UInt8(ascii: "."), groupChar: UInt8?
            for (node, key) in [(decimal, "decimalChar"), (group, "groupChar")] {
                guard let node else { continue }
                guard let text = node.string else {
                    warn("`\(key)` must be a string; ignored", at: node.location)
                    continue
                }
                guard text.utf8.count == 1 else {
                    notExpressed("`\(key)` \"\(text)\" is not one byte; conform's number formats take one-byte separators: left out",
                                 at: node.location)
                    continue
                }
                if key == "decimalChar" {
                    decimalChar = text.utf8.first!
                    field.constraints.decimalChar = Located(text, at: node.location)
                } else {
                    groupChar = text.utf8.first!
                    field.constraints.groupChar = Located(text, at: node.location)
                }
            }
            if let pattern {
                guard let text = pattern.string else {
                    warn("a number format's `pattern` must be a string; ignored", at: pattern.location)
                    return
                }
                do throws(NumberFormatError) {
                    _ = try NumberFormat.regex(fromUAX35: text, decimalChar: decimalChar, groupChar: groupChar ?? UInt8(ascii: ","))
                    field.constraints.numberFormat = Located(text, at: pattern.location)
                } catch {
                    warn("the number format \"\(text)\" is not a UAX #35 number pattern (\(error.message)); ignored", at: pattern.location)
                }
            }
            return
        }
        guard let text = format.string else {
            warn("`format` of a \(xsd) must be a string (the object form is for numbers); ignored", at: at)
            return
        }
        switch xsd {
        case "boolean":
            let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else {
                warn("a boolean format gives the true and the false value separated by `|` (\"Y|N\"), not \"\(text)\"; ignored", at: at)
                return
            }
            field.constraints.trueValues = Located([parts[0]], at: at)
            field.constraints.falseValues = Located([parts[1]], at: at)
        case _ where Self.temporalTypes.contains(xsd):
            let kind: TemporalKind = xsd == "date" ? .date : (xsd == "time" ? .time : .datetime)
            guard let translated = Self.temporalFormat(fromUAX35: text, kind: kind),
                  (try? TemporalFormat(kind: kind, pattern: translated)) != nil else {
                warn("the \(xsd) format \"\(text)\" is not one CSVW defines (such as yyyy-MM-dd, dd/MM/yyyy, M/d/yyyy, HH:mm:ss, "
                     + "yyyy-MM-ddTHH:mm:ss.S, with an X or x time zone); ignored", at: at)
                return
            }
            field.constraints.format = Located(translated, at: at)
        default:
            // A regular expression, which (as ECMAScript's `test`) may match anywhere in the value.
            let search = "(?s:.*?)(?:\(text))(?s:.*)"
            guard (try? Pattern(search)) != nil else {
                warn("the format \"\(text)\" is not a regular expression conform can read; ignored", at: at)
                return
            }
            field.constraints.pattern = Located(search, at: at)
        }
    }

    private mutating func mapLengths(_ description: SourceNode, xsd: String, into field: inout Field) {
        var lengths: [String: (Int, SourceLocation)] = [:]
        for key in ["length", "minLength", "maxLength"] {
            guard let node = description[key] else { continue }
            guard let text = node.text, case .number = node.value, let value = Int(text), value >= 0 else {
                warn("`\(key)` must be a non-negative integer; ignored", at: node.location)
                continue
            }
            if !Self.lengthTypes.contains(xsd) {
                error("`\(key)` applies to strings and binary data, not to a \(xsd)", at: node.location)
                continue
            }
            lengths[key] = (value, node.location)
        }
        if let (length, at) = lengths["length"] {
            if let (minimum, _) = lengths["minLength"], length < minimum { error("`length` \(length) is less than `minLength` \(minimum)", at: at) }
            if let (maximum, _) = lengths["maxLength"], length > maximum { error("`length` \(length) is more than `maxLength` \(maximum)", at: at) }
            field.constraints.minLength = Located(length, at: at)
            field.constraints.maxLength = Located(length, at: at)
        }
        if let (value, at) = lengths["minLength"], lengths["length"] == nil { field.constraints.minLength = Located(value, at: at) }
        if let (value, at) = lengths["maxLength"], lengths["length"] == nil { field.constraints.maxLength = Located(value, at: at) }
    }

    private mutating func mapBounds(_ description: SourceNode, xsd: String, into field: inout Field) {
        let keys = ["minimum", "minInclusive", "maximum", "maxInclusive", "minExclusive", "maxExclusive"]
        let given = keys.compactMap { key in description[key].map { (key, $0) } }
        guard !given.isEmpty else { return }
        let ordered = Self.numericTypes.contains(xsd) || Self.temporalTypes.contains(xsd)
        guard ordered || Self.durationTypes.contains(xsd) else {
            for (key, node) in given { error("`\(key)` applies to numbers, dates, times and durations, not to a \(xsd)", at: node.location) }
            return
        }
        if description["minExclusive"] != nil && (description["minInclusive"] != nil || description["minimum"] != nil) {
            error("`minExclusive` and `minInclusive` (or `minimum`) may not both be given", at: description["minExclusive"]!.location)
        }
        if description["maxExclusive"] != nil && (description["maxInclusive"] != nil || description["maximum"] != nil) {
            error("`maxExclusive` and `maxInclusive` (or `maximum`) may not both be given", at: description["maxExclusive"]!.location)
        }
        guard ordered else {
            notExpressed("bounds on a \(xsd) are not checked: conform does not compare durations", at: given[0].1.location)
            return
        }
        for (key, node) in given {
            guard let text = node.text, node.string != nil || { if case .number = node.value { true } else { false } }() else {
                warn("`\(key)` must be a number or a string; ignored", at: node.location)
                continue
            }
            let bound = Located(text, at: node.location)
            switch key {
            case "minimum", "minInclusive": field.constraints.minimum = bound
            case "maximum", "maxInclusive": field.constraints.maximum = bound
            case "minExclusive": field.constraints.exclusiveMinimum = bound
            default: field.constraints.exclusiveMaximum = bound
            }
        }
    }

    // MARK: Date and time formats (UAX #35)

    /// The date formats CSVW defines.
    static let dateFormats: Set<String> = [
        "yyyy-MM-dd", "yyyyMMdd", "dd-MM-yyyy", "d-M-yyyy", "MM-dd-yyyy", "M-d-yyyy", "dd/MM/yyyy", "d/M/yyyy", "MM/dd/yyyy",
        "M/d/yyyy", "dd.MM.yyyy", "d.M.yyyy", "MM.dd.yyyy", "M.d.yyyy",
    ]
    /// The time formats CSVW defines (`HH:mm:ss.S` with one or more `S`).
    static let timeFormats: Set<String> = ["HH:mm:ss", "HHmmss", "HH:mm", "HHmm"]

    /// A CSVW date or time format (Unicode UAX #35) as a conform `format`; nil when it is not
    /// one CSVW defines for `kind`.
    static func temporalFormat(fromUAX35 pattern: String, kind: TemporalKind) -> String? {
        var rest = pattern
        var zone = ""
        // A time zone at the end, optionally after a space.
        if let range = rest.range(of: #" ?(X{1,3}|x{1,3})$"#, options: .regularExpression) {
            let letters = rest[range].trimmingCharacters(in: .whitespaces)
            zone = (rest[range].hasPrefix(" ") ? " " : "") + (letters.count == 1 ? "%Ez" : "%z")
            rest.removeSubrange(range)
        }
        func isTime(_ text: Substring) -> Bool {
            timeFormats.contains(String(text)) || text.range(of: #"^HH:mm:ss\.S{1,9}$"#, options: .regularExpression) != nil
        }
        switch kind {
        case .date:
            guard dateFormats.contains(rest) else { return nil }
        case .time:
            guard isTime(rest[...]) else { return nil }
        case .datetime:
            guard let separator = rest.firstIndex(where: { $0 == "T" || $0 == " " }),
                  dateFormats.contains(String(rest[..<separator])), isTime(rest[rest.index(after: separator)...]) else { return nil }
        }
        var out = ""
        var characters = Array(rest)[...]
        while let first = characters.first {
            let run = characters.prefix { $0 == first }.count
            characters = characters.dropFirst(run)
            switch (first, run) {
            case ("y", 4): out += "%Y"
            case ("M", 2): out += "%m"
            case ("M", 1): out += "%-m"
            case ("d", 2): out += "%d"
            case ("d", 1): out += "%-d"
            case ("H", 2): out += "%H"
            case ("m", 2): out += "%M"
            case ("s", 2): out += "%S"
            case ("S", _): out += "%\(run)f"
            case ("%", _): out += String(repeating: "%%", count: run)
            case (_, _) where !first.isLetter || first == "T": out += String(repeating: first, count: run)
            default: return nil
            }
        }
        return out + zone
    }

    // MARK: Dialect

    /// The dialect of a CSVW dialect description (nil: CSVW's defaults), which conform then
    /// reads without sniffing: `,`, `"`, doubled quotes, a header row, cells trimmed.
    mutating func readDialect(_ node: SourceNode?) -> Dialect {
        var dialect = Dialect(delimiter: UInt8(ascii: ","), quoteChar: UInt8(ascii: "\""), doubleQuote: true, header: true)
        dialect.trim = .both
        guard let node else { return dialect }
        func flag(_ key: String) -> Bool? {
            guard let value = node[key] else { return nil }
            if case let .bool(flag) = value.value { return flag }
            warn("the dialect's `\(key)` must be true or false, not \(value.text.map { "\"\($0)\"" } ?? value.kind); ignored", at: value.location)
            return nil
        }
        func count(_ key: String) -> Int? {
            guard let value = node[key] else { return nil }
            if case let .number(text) = value.value, let number = Int(text), number >= 0 { return number }
            warn("the dialect's `\(key)` must be a non-negative integer, not \(value.text.map { "\"\($0)\"" } ?? value.kind); ignored", at: value.location)
            return nil
        }
        func text(_ key: String) -> String? {
            guard let value = node[key] else { return nil }
            if let text = value.string { return text }
            warn("the dialect's `\(key)` must be a string, not \(value.text.map { "\"\($0)\"" } ?? value.kind); ignored", at: value.location)
            return nil
        }
        if let prefix = text("commentPrefix"), !prefix.isEmpty { dialect.commentPrefix = prefix }
        if let delimiter = text("delimiter") {
            if delimiter.utf8.count == 1 { dialect.delimiter = delimiter.utf8.first } else {
                notExpressed("the delimiter \"\(delimiter)\" is not one byte, which conform needs; read as \",\"", at: node["delimiter"]!.location)
            }
        }
        if let doubleQuote = flag("doubleQuote"), !doubleQuote {
            dialect.doubleQuote = false
            dialect.escapeChar = UInt8(ascii: "\\")
        }
        if let encoding = text("encoding") {
            if StandardKeys.encodings.contains(encoding.lowercased()) {
                dialect.encoding = encoding.lowercased()
            } else {
                warn("the encoding \"\(encoding)\" is not one conform reads (\(StandardKeys.encodings.joined(separator: ", "))); read as UTF-8",
                     at: node["encoding"]!.location)
            }
        }
        let header = flag("header")
        let headerRowCount = count("headerRowCount")
        if let rows = headerRowCount {
            dialect.header = rows > 0
            dialect.headerRows = rows
        } else if let header {
            dialect.header = header
        }
        if let terminators = node["lineTerminators"] {
            if let text = terminators.string {
                dialect.lineTerminator = text
            } else if let elements = terminators.elements, elements.allSatisfy({ $0.string != nil }) {
                dialect.lineTerminator = elements.first?.string
            } else {
                warn("the dialect's `lineTerminators` must be a string or an array of strings; ignored", at: terminators.location)
            }
        }
        if let quote = node["quoteChar"] {
            if case .null = quote.value {
                dialect.quoteChar = 0
            } else if let text = quote.string, text.utf8.count == 1 {
                dialect.quoteChar = text.utf8.first
            } else if quote.string != nil {
                notExpressed("the quote character \"\(quote.string!)\" is not one byte, which conform needs; read as '\"'", at: quote.location)
            } else {
                warn("the dialect's `quoteChar` must be a string or null, not \(quote.text.map { "\"\($0)\"" } ?? quote.kind); ignored", at: quote.location)
            }
        }
        if let skip = flag("skipBlankRows") { dialect.skipBlankRows = skip }
        if let columns = count("skipColumns"), columns > 0 { dialect.skipColumns = columns }
        if let rows = count("skipRows"), rows > 0 { dialect.skipRows = rows }
        let skipInitialSpace = flag("skipInitialSpace") ?? false
        if let trim = node["trim"] {
            let value: String? = if case let .bool(flag) = trim.value { flag ? "true" : "false" } else { trim.string?.lowercased() }
            if let value, let cellTrim = CellTrim(rawValue: value) {
                dialect.trim = cellTrim
            } else {
                warn("the dialect's `trim` must be true, false, start or end; read as true", at: trim.location)
            }
        } else if skipInitialSpace {
            dialect.trim = .start
        }
        if skipInitialSpace && dialect.trim != .start && dialect.trim != .both {
            notExpressed("`skipInitialSpace` is read as trimming the start of each cell (conform does not skip spaces before a quote)",
                         at: node["skipInitialSpace"]!.location)
        }
        return dialect
    }
}
