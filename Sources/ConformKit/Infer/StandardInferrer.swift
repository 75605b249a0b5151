import Foundation

/// Drafts a standard from a CSV file (`conform infer`): one streaming pass through the CSV
/// reader, a ``ColumnProfiler`` per column, then a decision per column.
///
/// The decisions, in order (the first that holds wins; see `docs/infer.md`):
/// a `uk-gov/core` type every value matches (local-authority URI, postcode, NHS number, National
/// Insurance number, company number; UPRN and USRN by the column's name; country codes); boolean;
/// integer; number; date, datetime or time (ISO 8601 first, then UK forms); email; UUID; URI;
/// else text, with an `enum` when it has few distinct values. Numbers written with leading zeros
/// stay text.
struct StandardInferrer {
    let options: Conform.InferOptions

    /// What the pass over the file gathered.
    private struct Pass {
        var headers: [String] = []
        var profilers: [ColumnProfiler] = []
        var rows = 0
        var blankRows = 0
        var shortRows = 0
        var longRows = 0
        var structureIssues = 0
        var readWholeFile = true
        var delimiter: UInt8 = UInt8(ascii: ",")
        var encoding: TextEncoding = .utf8
    }

    func infer(path: String) throws(Conform.InferError) -> InferredStandard {
        let display = path == "-" ? "<stdin>" : path
        let core = CoreTypes(searchPaths: options.searchPaths)
        var pass = try read(path: path, display: display, declared: nil, core: core)
        var fellBackToWindows1252 = false
        if pass.encoding == .utf8, path != "-", pass.profilers.contains(where: \.invalidUTF8) || pass.headers.contains(where: { $0.contains("\u{FFFD}") }) {
            // Not UTF-8: read it again as Windows-1252 (a superset of Latin-1 in practice), which
            // is what a CSV that is not UTF-8 almost always is.
            pass = try read(path: path, display: display, declared: Dialect(encoding: TextEncoding.windows1252.rawValue), core: core)
            fellBackToWindows1252 = true
        }
        return decide(pass, display: display, path: path, core: core, fellBackToWindows1252: fellBackToWindows1252)
    }

    // MARK: Reading

    private func read(path: String, display: String, declared: Dialect?, core: CoreTypes) throws(Conform.InferError) -> Pass {
        let opened: InputOpener.Opened
        do {
            opened = try InputOpener.open(path: path, dialect: declared, format: nil)
        } catch {
            throw .unreadable(error)
        }
        guard opened.format == .csv else { throw .notCSV(file: display, format: opened.format) }
        var pass = Pass()
        pass.delimiter = opened.dialect.delimiter
        pass.encoding = opened.encoding
        let reader = CSVReader(source: opened.source, dialect: opened.dialect, baseOffset: opened.bomLength)
        do {
            guard try reader.readRecord() else { throw Conform.InferError.noHeader(file: display) }
            if !reader.issues.isEmpty { pass.structureIssues += 1 }
            pass.headers = (0..<reader.cells.count).map { String(decoding: reader.cell($0), as: UTF8.self) }
            let temporal = TemporalCandidates()
            pass.profilers = pass.headers.map { _ in ColumnProfiler(temporal: temporal, recognisers: core.recognisers) }
            let columns = pass.headers.count
            let limit = options.sampleRows ?? Int.max
            let profilers = pass.profilers
            while try reader.readRecord() {
                let cellCount = reader.cells.count
                var blank = true
                for index in 0..<cellCount where reader.cells[index].count > 0 {
                    blank = false
                    break
                }
                if blank {
                    pass.blankRows += 1
                    continue
                }
                if pass.rows == limit {
                    pass.readWholeFile = false
                    break
                }
                pass.rows += 1
                if !reader.issues.isEmpty { pass.structureIssues += 1 }
                if cellCount < columns { pass.shortRows += 1 } else if cellCount > columns { pass.longRows += 1 }
                let shared = min(cellCount, columns)
                for column in 0..<shared { profilers[column].observe(reader.cell(column)) }
                if shared < columns {
                    for column in shared..<columns { profilers[column].observeAbsent() }
                }
            }
        } catch let error as Conform.InferError {
            throw error
        } catch let error as InputError {
            throw .unreadable(error)
        } catch {
            throw .unreadable(InputError(.readFailed, file: display, detail: "\(error)"))
        }
        return pass
    }

    // MARK: Deciding

    /// A column's type before missing-value spellings are settled.
    private struct Typed {
        var type = "string"
        var format: String?
        var groupChar: String?
        var trueValues: [String]?
        var falseValues: [String]?
        var usesCore = false
        var minimum: String?
        var maximum: String?
        var notes: [String] = []
    }

    private func decide(_ pass: Pass, display: String, path: String, core: CoreTypes, fellBackToWindows1252: Bool) -> InferredStandard {
        let names = Self.fieldNames(pass.headers)
        let typed = pass.profilers.indices.map { type(of: pass.profilers[$0], name: names[$0].name, core: core) }

        // Spellings of "no value" (NA, -, ...) are declared missing when they stand in a column
        // whose other values have a type other than text; elsewhere they are ordinary text.
        var declared = Set<Int>()
        var rescued: [String] = []
        for (index, profiler) in pass.profilers.enumerated() {
            let tokens = profiler.tokenCounts.indices.filter { profiler.tokenCounts[$0] > 0 }
            let tokenTotal = profiler.tokenCounts.reduce(0, +)
            guard !tokens.isEmpty, profiler.present > tokenTotal, typed[index].type != "string" else { continue }
            declared.formUnion(tokens)
            rescued.append(names[index].name)
        }
        let missingValues = [""] + NullTokens.all.indices.filter { declared.contains($0) }.map { NullTokens.all[$0] }
        let declaredSpellings = Set(missingValues)

        var columns: [InferredColumn] = []
        for (index, profiler) in pass.profilers.enumerated() {
            let name = names[index]
            let decision = typed[index]
            let declaredCount = declared.reduce(0) { $0 + profiler.tokenCounts[$1] }
            let present = profiler.present - declaredCount
            let missing = profiler.rows - present
            let kept = profiler.distinct.overflowed ? nil : profiler.distinct.values().filter { !declaredSpellings.contains($0.value) }
            let distinct = kept?.count ?? max(profiler.sketch.estimate - declared.count, 0)
            let textual = decision.type == "string"
            let measured = decision.minimum == nil && decision.type != "boolean"
            let statistics = ColumnStatistics(
                rows: profiler.rows, present: present, missing: missing, distinct: distinct, distinctIsExact: kept != nil,
                minLength: present > 0 && measured ? profiler.minCharacters : nil,
                maxLength: present > 0 && measured ? profiler.maxCharacters : nil,
                minimum: decision.minimum, maximum: decision.maximum, surroundingWhitespace: profiler.whitespace)
            var notes = name.notes
            var enumValues: [String]?
            if present == 0 {
                notes.append(profiler.rows == 0 ? "no data rows: nothing to infer from, so text"
                                                : "every value is missing: text, until there are values to go by")
            } else if textual, let kept, kept.count <= options.maxEnumValues, present >= 5, present >= 2 * kept.count,
                      profiler.maxCharacters <= 80, !kept.isEmpty {
                enumValues = kept.map(\.value)
                notes.append("\(kept.count == 1 ? "one value" : "\(kept.count) distinct values") in \(Self.count(present)) rows: proposed as a closed list (enum); widen it if other values are allowed")
            }
            notes += decision.notes
            if profiler.whitespace > 0 {
                notes.append("\(Self.count(profiler.whitespace)) \(profiler.whitespace == 1 ? "value has" : "values have") leading or trailing spaces (e.g. \(Self.quoted(profiler.whitespaceExample ?? ""))): a surrounding-whitespace warning each")
            }
            if decision.type != "string" && declaredCount > 0 {
                let spellings = declared.filter { profiler.tokenCounts[$0] > 0 }.sorted().map { Self.quoted(NullTokens.all[$0]) }
                notes.append("\(spellings.joined(separator: ", ")) counted as missing (missingValues)")
            }
            let allDistinct = kept != nil ? statistics.distinct == present : statistics.distinct >= Int(Double(present) * 0.98)
            if present > 0, present == profiler.rows, profiler.rows >= 50, allDistinct, enumValues == nil, Self.identifierTypes.contains(decision.type) {
                notes.append(kept != nil ? "every value is different: an identifier? (add unique: true, or name it in keys)"
                                         : "about as many distinct values as rows: an identifier? (add unique: true, or name it in keys)")
            }
            columns.append(InferredColumn(
                name: name.name, header: pass.headers[index], position: index + 1, type: decision.type, format: decision.format,
                groupChar: decision.groupChar, trueValues: decision.trueValues, falseValues: decision.falseValues,
                required: missing == 0 && profiler.rows > 0, enumValues: enumValues, usesCore: decision.usesCore,
                statistics: statistics, notes: notes))
        }

        var notes: [String] = []
        if !pass.readWholeFile {
            notes.append("only the first \(Self.count(pass.rows)) data rows were read (--sample): the types hold for those rows, not necessarily for the rest")
        }
        if fellBackToWindows1252 {
            notes.append("the file is not UTF-8: read as Windows-1252 (dialect.encoding); check accented letters came out right")
        }
        if pass.blankRows > 0 {
            notes.append("\(Self.count(pass.blankRows)) blank \(pass.blankRows == 1 ? "row" : "rows") skipped (each a blank-row warning when validated)")
        }
        if pass.shortRows > 0 {
            notes.append("\(Self.count(pass.shortRows)) \(pass.shortRows == 1 ? "row has" : "rows have") fewer cells than the header (missing-cell errors when validated)")
        }
        if pass.longRows > 0 {
            notes.append("\(Self.count(pass.longRows)) \(pass.longRows == 1 ? "row has" : "rows have") more cells than the header: the extra cells are not described (extra-cell errors when validated)")
        }
        if pass.structureIssues > 0 {
            notes.append("\(Self.count(pass.structureIssues)) \(pass.structureIssues == 1 ? "record has" : "records have") stray or unclosed quotes (errors when validated)")
        }
        if !rescued.isEmpty {
            notes.append("\(missingValues.dropFirst().map { Self.quoted($0) }.joined(separator: ", ")) stand for missing values in \(rescued.joined(separator: ", ")), so missingValues declares them")
        }
        if !core.isAvailable {
            notes.append("uk-gov/core was not found on the standards path: only built-in types are proposed")
        }

        let encoding: String? = switch pass.encoding {
        case .utf8: nil
        case .utf16LE, .utf16BE: "utf-16"
        case .latin1: "latin-1"
        case .windows1252: "windows-1252"
        }
        var result = InferredStandard(
            source: display, id: options.id ?? Self.draftID(for: path), rowsRead: pass.rows, readWholeFile: pass.readWholeFile,
            delimiter: String(UnicodeScalar(pass.delimiter)), encoding: encoding, missingValues: missingValues,
            columns: columns, notes: notes, yaml: "")
        result.yaml = InferredStandardWriter.yaml(result)
        return result
    }

    /// The type of one column from its profile (missing-value spellings left out).
    private func type(of profiler: ColumnProfiler, name: String, core: CoreTypes) -> Typed {
        typealias C = ColumnProfiler.Candidate
        var typed = Typed()
        let tokenTotal = profiler.tokenCounts.reduce(0, +)
        let values = profiler.present - tokenTotal
        guard values > 0 else { return typed }
        let lowerName = name.lowercased()
        let alive = profiler.alive

        // Types of uk-gov/core recognised by their pattern.
        for (index, recogniser) in core.recognisers.enumerated() {
            let tally = profiler.recognised[index]
            guard tally.mismatched == 0, tally.matched == values else { continue }
            let convincing: Bool
            switch recogniser.typeName {
            case "nhs-number":
                // Ten digits pass the check digit by chance one time in eleven or so.
                convincing = lowerName.contains("nhs") || values >= 5
            case "companies-house-number":
                // Eight digits alone are any code; a prefix (SC, OC, ...) or the column's name says more.
                convincing = alive & C.integer == 0 || ["compan", "crn", "registration"].contains { lowerName.contains($0) }
            default:
                convincing = true
            }
            guard convincing else { continue }
            typed.type = recogniser.typeName
            typed.usesCore = true
            typed.notes.append("every value is a valid \(recogniser.typeName) of uk-gov/core")
            return typed
        }
        if let postcode = core.recognisers.firstIndex(where: { $0.typeName == "uk-postcode" }) {
            let tally = profiler.recognised[postcode]
            if tally.alive, tally.matched > tally.mismatched, tally.mismatched > 0 {
                typed.notes.append("\(Self.percent(tally.matched, of: values)) of values are UK postcodes as uk-gov/core's uk-postcode writes them; others, e.g. \(Self.quoted(tally.example ?? "")), are not: correct them to use type: uk-postcode")
            }
        }

        let integer = alive & C.integer != 0 && profiler.leadingZeros == 0
        let groupedInteger = alive & C.integerGrouped != 0 && profiler.sawGroupSeparator && profiler.leadingZeros == 0
        if integer || groupedInteger {
            for named in core.namedIntegers where lowerName.contains(named.name) {
                if profiler.integerMinimum >= named.minimum && profiler.integerMaximum <= named.maximum && !groupedInteger {
                    typed.type = named.name
                    typed.usesCore = true
                    typed.notes.append("named like a \(named.name.uppercased()) and every value is one (uk-gov/core: \(named.minimum) to \(named.maximum))")
                    typed.minimum = String(profiler.integerMinimum)
                    typed.maximum = String(profiler.integerMaximum)
                    return typed
                }
            }
            if profiler.integerMinimum >= 0, profiler.integerMaximum <= 1, values >= 2 {
                typed.notes.append("only 0 and 1 seen: a yes/no flag? (type: boolean reads 1 and 0 as true and false)")
            }
        }

        // Booleans: every value in one family of spellings, both truths seen (or true/false itself).
        for family in 0..<3 where alive & (C.booleanTrueFalse << UInt32(family)) != 0 {
            let seenBoth = profiler.sawTrue & profiler.sawFalse & (1 << UInt8(family)) != 0
            guard family == 0 || seenBoth else { continue }
            typed.type = "boolean"
            let spellings = profiler.distinct.values().map(\.value).filter { !NullTokens.all.contains($0) }
            let isTrue = { (text: String) -> Bool in
                var copy = text
                return copy.withUTF8 { BooleanFamilies.classify(UnsafeRawBufferPointer($0)).truth }
            }
            let trues = spellings.filter(isTrue), falses = spellings.filter { !isTrue($0) }
            if family != 0 || !spellings.allSatisfy({ BooleanValues.defaultTrueValues.contains($0) || BooleanValues.defaultFalseValues.contains($0) }) {
                let defaults = [("true", "false"), ("yes", "no"), ("y", "n")][family]
                typed.trueValues = trues.isEmpty ? [defaults.0] : trues
                typed.falseValues = falses.isEmpty ? [defaults.1] : falses
            }
            let words = BooleanFamilies.names[family].replacingOccurrences(of: "/", with: " or ")
            typed.notes.append(typed.trueValues == nil ? "every value is \(words)" : "every value is \(words), spelled as seen")
            return typed
        }

        if profiler.overlongDigitStrings > 0 {
            typed.notes.append("digit strings of more than 18 digits (too long for an integer): an identifier, kept as text")
            return typed
        }
        if profiler.leadingZeros > 0 && (alive & C.numeric != 0) {
            typed.notes.append("numbers written with leading zeros (e.g. \(Self.quoted(profiler.leadingZeroExample ?? ""))): codes, kept as text so the zeros stay"
                               + (profiler.minCharacters == profiler.maxCharacters && alive & C.integer != 0
                                  ? "; every value has \(profiler.maxCharacters) digits: pattern '[0-9]{\(profiler.maxCharacters)}'?" : ""))
            return typed
        }
        if integer || groupedInteger {
            typed.type = "integer"
            if !integer { typed.groupChar = "," }
            typed.minimum = String(profiler.integerMinimum)
            typed.maximum = String(profiler.integerMaximum)
            if profiler.maxIntegerDigits >= 10 {
                typed.notes.append("numbers of up to \(profiler.maxIntegerDigits) digits: an identifier rather than a quantity? If so, type: string (and beware tools that read it as a floating-point number)")
            }
            return typed
        }
        let number = alive & C.number != 0, groupedNumber = alive & C.numberGrouped != 0 && profiler.sawGroupSeparator
        if (number || groupedNumber) && profiler.finiteNumbers > 0 {
            typed.type = "number"
            if !number { typed.groupChar = "," }
            typed.minimum = Self.formatNumber(profiler.numberMinimum)
            typed.maximum = Self.formatNumber(profiler.numberMaximum)
            return typed
        }

        // Dates, datetimes and times: the first format (in order of preference) every value reads in.
        if profiler.temporalAlive != 0 {
            let index = profiler.temporalAlive.trailingZeroBitCount
            let entry = TemporalCandidates.entries[index]
            let format = try! TemporalFormat(kind: entry.kind, pattern: entry.pattern)
            switch (entry.kind, entry.pattern) {
            case (.date, nil) where core.typeNames.contains("iso-date"):
                typed.type = "iso-date"
                typed.usesCore = true
            case (.datetime, nil) where core.typeNames.contains("iso-datetime"):
                typed.type = "iso-datetime"
                typed.usesCore = true
            default:
                typed.type = entry.kind.rawValue
                typed.format = entry.pattern
            }
            typed.minimum = format.format(profiler.temporalMinimum[index])
            typed.maximum = format.format(profiler.temporalMaximum[index])
            if let alternative = TemporalCandidates.monthFirstAlternative(of: entry.pattern),
               let other = TemporalCandidates.entries.firstIndex(where: { $0.kind == .date && $0.pattern == alternative }),
               profiler.temporalAlive & (UInt64(1) << UInt64(other)) != 0 {
                typed.notes.append("every value also reads month first (\(alternative)); day first assumed, as UK data writes it")
            }
            return typed
        }
        if alive & C.email != 0 {
            typed.type = "email"
        } else if alive & C.uuid != 0 {
            typed.type = "uuid"
        } else if alive & C.uri != 0 {
            typed.type = "uri"
        } else if !core.countryCodes.isEmpty, core.typeNames.contains("country-code"), !profiler.distinct.overflowed {
            let codes = profiler.distinct.values().map(\.value).filter { !NullTokens.all.contains($0) }
            if !codes.isEmpty, codes.allSatisfy(core.countryCodes.contains), codes.count >= 3 || lowerName.contains("country") {
                typed.type = "country-code"
                typed.usesCore = true
                typed.notes.append("every value is an ISO 3166 country code (uk-gov/core)")
            }
        }
        return typed
    }

    /// Types whose columns may be identifiers (a note says so when every value differs).
    private static let identifierTypes: Set<String> = [
        "string", "integer", "uri", "uuid", "email", "uprn", "usrn", "nhs-number", "national-insurance-number", "companies-house-number",
    ]

    // MARK: Names

    private struct FieldName {
        var name: String
        var notes: [String]
    }

    /// Field names from the header: as written, or `column_N` for a blank cell and `Name_2` for a repeat.
    private static func fieldNames(_ headers: [String]) -> [FieldName] {
        var taken = Set(headers.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
        var seen = Set<String>()
        var result: [FieldName] = []
        for (index, header) in headers.enumerated() {
            if header.trimmingCharacters(in: .whitespaces).isEmpty {
                var name = "column_\(index + 1)"
                var suffix = 2
                while taken.contains(name) {
                    name = "column_\(index + 1)_\(suffix)"
                    suffix += 1
                }
                taken.insert(name)
                result.append(FieldName(name: name, notes: [
                    "the header cell of column \(index + 1) is blank: named \(name) here; validation reports blank-header and missing-column until the file's header names it so",
                ]))
                continue
            }
            if !seen.insert(header).inserted {
                var suffix = 2
                var name = "\(header)_\(suffix)"
                while taken.contains(name) {
                    suffix += 1
                    name = "\(header)_\(suffix)"
                }
                taken.insert(name)
                result.append(FieldName(name: name, notes: [
                    "the header repeats \(quoted(header)) in column \(index + 1): named \(name) here; validation reports duplicate-column and missing-column until the file's header is renamed so",
                ]))
                continue
            }
            var notes: [String] = []
            if header != header.trimmingCharacters(in: .whitespaces) {
                notes.append("the header name has leading or trailing spaces; they are part of the name")
            }
            result.append(FieldName(name: header, notes: notes))
        }
        return result
    }

    /// `draft/<file name>` in lower case, words joined by hyphens.
    static func draftID(for path: String) -> String {
        guard path != "-" else { return "draft/stdin" }
        var name = (path as NSString).lastPathComponent
        for suffix in [".gz", ".csv", ".tsv", ".txt", ".tab", ".psv"] where name.lowercased().hasSuffix(suffix) {
            name.removeLast(suffix.count)
        }
        var slug = ""
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return "draft/" + (slug.isEmpty ? "data" : slug)
    }

    // MARK: Formatting

    /// A count with thousands separators: `40,000`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result += "," }
            result.append(character)
        }
        return (value < 0 ? "-" : "") + result
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0%" }
        let value = Double(part) * 100 / Double(whole)
        return value >= 99.95 && part < whole ? "99.9%" : String(format: "%.1f%%", value)
    }

    /// A number as a bound is written: no exponent for ordinary magnitudes, no trailing `.0`.
    static func formatNumber(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A value quoted for a comment, with control characters escaped and long values shortened.
    static func quoted(_ value: String) -> String {
        var text = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\"": text += "\\\""
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    text += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        if text.count > 60 { text = String(text.prefix(57)) + "..." }
        return "\"\(text)\""
    }
}
