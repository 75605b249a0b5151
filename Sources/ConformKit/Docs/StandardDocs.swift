/// A run of text on a standard's documentation page: plain words, literal code (a value, a
/// pattern, a name), or a link to another part of the page. The Markdown and HTML renderers
/// escape each kind as their format needs.
public enum DocsInline: Sendable, Hashable {
    /// Plain text.
    case text(String)
    /// A literal value, shown as code.
    case code(String)
    /// Plain text linking to `#anchor` on the same page.
    case link(String, anchor: String)
    /// Code linking to `#anchor` on the same page.
    case codeLink(String, anchor: String)
}

/// A line of rich text on the documentation page.
public typealias DocsText = [DocsInline]

/// One row of a two-column table on the page: a property and its value.
public struct DocsProperty: Sendable, Hashable {
    /// What the row is about, e.g. `Required`.
    public var label: String
    public var value: DocsText

    public init(_ label: String, _ value: DocsText) {
        self.label = label
        self.value = value
    }
}

/// A code of a code list (or an `enum` value) with its label, where the list gives one.
public struct DocsCode: Sendable, Hashable {
    public var code: String
    public var label: String?
}

/// One constraint as it applies to a field (or a named type, or array items), after `uses`
/// and type inheritance are resolved.
public struct DocsConstraint: Sendable, Hashable {
    /// The key as written in the standard format, e.g. `maxLength`.
    public var key: String
    /// The value as written (a code-list name links to its list).
    public var value: DocsText
    /// What it means for a value, in words.
    public var meaning: DocsText
    /// Where it comes from: nil when written on the field (or type) itself, else the named type
    /// it is inherited from.
    public var inheritedFrom: String?
    /// A short form for the summary table.
    public var short: DocsText
    /// True when the standard does not give it and the row says what applies by default
    /// (ISO 8601 dates, the default words for true and false).
    public var isDefault: Bool = false
}

/// A type as a field (or array items, or a named type) resolves it.
public struct DocsType: Sendable, Hashable {
    /// The type as written: a built-in type or a named type.
    public var name: String
    /// The named types crossed on the way to the built-in type, nearest first (empty for a built-in type).
    public var chain: [String]
    /// The built-in type everything rests on; nil when the chain cannot be resolved.
    public var base: BaseType?
    /// What a value of the type is, in words: the named types' descriptions, then the built-in type's meaning.
    public var meaning: DocsText
    /// Every constraint that applies (own ones first, then inherited), resolved.
    public var constraints: [DocsConstraint]
    /// The allowed values (an `enum`, or the codes of the code list), in the order written; empty when any value of the type goes.
    public var allowedValues: [DocsCode]
    /// Where the allowed values come from: `enum`, or the code list's name.
    public var allowedValuesSource: String?
    /// The fragment of the named type's section (nil for a built-in type).
    public var anchor: String?
    /// The fragment of the code list's section, when the allowed values come from one.
    public var allowedValuesAnchor: String?
}

/// The documentation of one field.
public struct DocsField: Sendable, Hashable {
    public var name: String
    /// The fragment of the field's section (`field-sitereference`).
    public var anchor: String
    public var title: String?
    public var description: String?
    public var type: DocsType
    public var required: Bool
    /// True when a cell may hold a missing value (the field is not required).
    public var nullable: Bool { !required }
    public var unique: Bool
    /// The severity of findings about the field's cells.
    public var severity: Severity
    public var aliases: [String]
    public var concept: String?
    public var unit: String?
    public var example: String?
    /// Cell values that count as missing in this field, when it replaces the standard's list.
    public var missingValues: [String]?
    /// The value an empty cell stands for (checked in its place).
    public var defaultValue: String?
    /// For CSV: the text between the items of a list held in one cell.
    public var separator: String?
    /// For JSON data: the JSON Pointer from the record to the value.
    public var path: String?
    public var coerce: Bool
    /// For `type: array`: the elements' type and constraints.
    public var items: DocsType?
    public var minItems: Int?
    public var maxItems: Int?
    /// The rows of the field's property table (type, required, nullable, unique, ...), ready to render.
    public var properties: [DocsProperty]
    /// The short constraint summary of the fields table.
    public var summary: DocsText
}

/// A named reusable type, own or reached through `uses`.
public struct DocsNamedType: Sendable, Hashable {
    public var name: String
    public var anchor: String
    /// The standard that defines it.
    public var definedIn: String
    /// The type it builds on, as written.
    public var builtOn: String
    public var description: String?
    /// The type resolved: built-in base and every constraint (own, then inherited).
    public var resolved: DocsType
    /// Fields whose type is, or builds on, this type.
    public var usedBy: [String]
}

/// A code list, own or reached through `uses`.
public struct DocsCodelist: Sendable, Hashable {
    public var name: String
    public var anchor: String
    public var definedIn: String
    public var description: String?
    /// When read from a CSV file: the file as written, the code column and the label column.
    public var file: String?
    public var column: String?
    public var labelColumn: String?
    /// Every code, in the order written, with its label.
    public var values: [DocsCode]
    /// Fields that take their values from this list (directly or through their type).
    public var usedBy: [String]
}

/// A row rule.
public struct DocsRule: Sendable, Hashable {
    public var id: String
    public var anchor: String
    public var assert: String
    public var when: String?
    public var severity: Severity
    public var message: String?
}

/// What changed since an older version, from `Conform.compare(old, new)` in the old → new direction.
public struct DocsChanges: Sendable {
    /// The older standard (A of the comparison).
    public var since: StandardReference
    /// The standard documented (B of the comparison).
    public var current: StandardReference
    /// True when no gap is an error: every file valid under the old version (as far as the
    /// standards let one decide) is valid under this one.
    public var compatible: Bool
    /// Fields of this version with no counterpart in the old one, in field order.
    public var added: [String]
    /// Fields of the old version with no counterpart in this one, in the old field order.
    public var removed: [String]
    /// Matched fields whose names differ (matched by alias or concept).
    public var renamed: [FieldMatch]
    /// Likely renames the comparison is not sure of (not taken as matches).
    public var suggestions: [MatchSuggestion]
    /// Errors of the old → new direction: data valid under the old version that this one rejects.
    public var breaking: [Gap]
    /// Warnings and infos of the old → new direction.
    public var nonBreaking: [Gap]
}

/// Everything a standard's documentation page shows, built from the loaded (resolved) standard;
/// `StandardDocsMarkdown` and `StandardDocsHTML` render it.
public struct StandardDocs: Sendable {
    public var id: String
    public var version: String?
    public var title: String?
    public var publisher: String?
    public var licence: String?
    public var description: String?
    /// The format version (`conform: 1`).
    public var formatVersion: Int
    /// The file the standard was loaded from.
    public var sourceFile: String
    /// The standards whose types and code lists this one reuses, as written.
    public var uses: [String]
    /// False when the standard gives no `dialect` (it is sniffed from each file).
    public var dialectGiven: Bool
    /// One row per dialect key: its value, or what happens when it is not given.
    public var dialect: [DocsProperty]
    public var missingValues: [String]
    public var columns: ColumnPolicy
    /// What the column policy asks of a file's header.
    public var columnsMeaning: String
    public var fields: [DocsField]
    public var primaryKey: [String]?
    public var uniqueKeys: [[String]]
    /// Foreign keys: this table's fields and the table (nil: this one) and fields they reference.
    public var foreignKeys: [ForeignKey]
    /// For a package: its tables (name, data file, standard); empty for a single table.
    public var tables: [TableReference]
    public var rules: [DocsRule]
    /// The standard's own named types, then those of `uses` that its fields or types rely on.
    public var types: [DocsNamedType]
    /// The standard's own code lists, then those of `uses` that its fields or types rely on.
    public var codelists: [DocsCodelist]
    /// With `since`: what changed since the older version.
    public var changes: DocsChanges?
    /// The tool that made the page (`conform 0.1.0`).
    public var tool: String

    /// The documentation of `standard`; with `since`, also what changed since that older version
    /// (its comparison with `standard`, old as A, new as B).
    public init(_ standard: Conform.LoadedStandard, since old: Conform.LoadedStandard? = nil) {
        let changes = old.map { old in (report: Conform.compare(old, standard, direction: .aToB), old: old) }
        self.init(resolved: standard.resolved, comparison: changes.map { ($0.report, $0.old.resolved.standard) })
    }

    init(resolved: ResolvedStandard, comparison: (report: ComparisonReport, old: Standard)?) {
        let standard = resolved.standard
        var builder = DocsBuilder(resolved: resolved)
        id = standard.id
        version = standard.version
        title = standard.title
        publisher = standard.publisher
        licence = standard.licence
        description = standard.description
        formatVersion = standard.formatVersion
        sourceFile = standard.sourceFile
        uses = standard.uses
        dialectGiven = standard.dialect != nil
        dialect = DocsBuilder.dialect(standard.dialect)
        missingValues = standard.missingValues
        columns = standard.columns
        columnsMeaning = DocsBuilder.columnsMeaning(standard.columns)
        fields = standard.fields.map { builder.field($0) }
        primaryKey = standard.keys.primary?.value
        uniqueKeys = standard.keys.unique.map(\.value)
        foreignKeys = standard.keys.foreign
        tables = standard.tables
        rules = standard.rules.map { rule in
            DocsRule(id: rule.id, anchor: builder.anchors.make("rule", rule.id), assert: rule.assert.value, when: rule.when?.value,
                     severity: rule.severity, message: rule.message)
        }
        types = builder.namedTypes(fields: standard.fields)
        codelists = builder.codelists(fields: fields)
        tool = "conform \(Conform.version)"
        changes = comparison.map { DocsBuilder.changes($0.report, old: $0.old, new: standard) }
    }
}

/// Unique fragment identifiers for the page.
struct DocsAnchors {
    private var taken: Set<String> = ["top", "contents", "tables", "summary", "format", "fields", "keys", "rules", "types", "codelists", "changes"]
    private var known: [String: String] = [:]

    /// The anchor of `name` under `kind` (`field`, `type`, ...): the same on every call for the same name.
    mutating func make(_ kind: String, _ name: String) -> String {
        if let anchor = known["\(kind)\u{0}\(name)"] { return anchor }
        let slug = Self.slug(name)
        var anchor = "\(kind)-\(slug.isEmpty ? "x" : slug)"
        var n = 2
        while taken.contains(anchor) {
            anchor = "\(kind)-\(slug.isEmpty ? "x" : slug)-\(n)"
            n += 1
        }
        taken.insert(anchor)
        known["\(kind)\u{0}\(name)"] = anchor
        return anchor
    }

    /// Lower-case ASCII letters and digits, other runs of characters as one hyphen.
    static func slug(_ name: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return slug
    }
}

/// Builds the parts of `StandardDocs` from a resolved standard.
struct DocsBuilder {
    let resolved: ResolvedStandard
    var anchors = DocsAnchors()
    /// Code lists some constraint on the page names, in the order first named: each gets a section.
    var linkedCodelists: [String] = []

    init(resolved: ResolvedStandard) {
        self.resolved = resolved
        // Fields get their anchors first, in order: two names with one slug take `-2` by field order.
        for field in resolved.standard.fields { _ = anchors.make("field", field.name) }
    }

    /// What a value of each built-in type is (`docs/standard-format.md`, "Built-in types").
    static func meaning(of base: BaseType) -> String {
        switch base {
        case .string: "any text"
        case .integer: "a whole number: an optional sign and digits (-12, 0, 42), with the thousands separator between digit groups if one is given"
        case .number: "a decimal number: an optional sign, digits, an optional fraction after the decimal separator (. unless given), an optional exponent (1.5e3); NaN, INF and -INF are numbers too"
        case .boolean: "one of the words for true or false"
        case .date: "a calendar date that exists, written in the field's format (ISO 8601 YYYY-MM-DD unless given)"
        case .datetime: "a date and time, written in the field's format (ISO 8601 YYYY-MM-DDThh:mm:ss unless given, optional fraction of a second, optional Z or offset)"
        case .time: "a time of day, written in the field's format (ISO 8601 hh:mm:ss unless given, optional fraction of a second)"
        case .year: "a year, four digits (2017)"
        case .uri: "an absolute URI (RFC 3986): a scheme, a colon and the rest, with no spaces"
        case .email: "an e-mail address, local-part@domain"
        case .uuid: "a UUID in its 8-4-4-4-12 hexadecimal form"
        case .code: "a code from the field's code list (compared exactly as written: case and spaces count)"
        case .any: "anything; the type is not checked"
        case .array: "a JSON array, each element checked against the items' type and constraints"
        }
    }

    static func checksumMeaning(_ checksum: ChecksumAlgorithm) -> String {
        switch checksum {
        case .nhsMod11: "the NHS number check digit (modulus 11 over the first nine digits, weights 10 to 2) must be right"
        case .luhn: "the Luhn check digit (payment cards, IMEI) must be right"
        case .mod97: "ISO/IEC 7064 MOD 97-10 (as the LEI uses it): the value read as one number must leave 1 when divided by 97"
        }
    }

    // MARK: - Types and constraints

    /// The id of the standard a type or code list was defined in (`definedIn` holds its file).
    func standardID(_ definedIn: String) -> String {
        ([resolved.standard] + resolved.dependencies).first { $0.sourceFile == definedIn || $0.id == definedIn }?.id ?? definedIn
    }

    /// The named types crossed from `name` to a built-in type, and that built-in type (nil when unknown or cyclic).
    func chain(from name: String) -> (types: [NamedType], base: BaseType?) {
        var types: [NamedType] = []
        var current = name
        while BaseType(rawValue: current) == nil {
            guard let named = resolved.types[current], !types.contains(where: { $0.name == named.name }) else { return (types, nil) }
            types.append(named)
            current = named.base.value
        }
        return (types, BaseType(rawValue: current))
    }

    /// `typeName` with `own` constraints, resolved through its named types.
    mutating func type(_ typeName: String, own: Constraints) -> DocsType {
        let (chain, base) = chain(from: typeName)
        let levels = [(origin: String?.none, constraints: own)] + chain.map { (origin: Optional($0.name), constraints: $0.constraints) }
        var meaning: DocsText = []
        for (index, named) in chain.enumerated() {
            let owner = standardID(named.definedIn)
            let from = owner == resolved.standard.id ? "" : " from \(owner)"
            let about = named.description.map { ": " + Self.firstSentence($0) } ?? "."
            if index == 0 {
                meaning.append(.text("a named type\(from)\(about)"))
            } else {
                meaning += [.text(" It builds on "), .codeLink(named.name, anchor: anchors.make("type", named.name)), .text(" (a named type\(from))\(about)")]
            }
        }
        if let base {
            meaning += chain.isEmpty ? [.text(Self.meaning(of: base))]
                : [.text(" It builds on "), .code(base.rawValue), .text(": " + Self.meaning(of: base) + ".")]
        }
        var docs = DocsType(name: typeName, chain: chain.map(\.name), base: base, meaning: meaning, constraints: [],
                            allowedValues: [], allowedValuesSource: nil, anchor: chain.isEmpty ? nil : anchors.make("type", typeName))
        docs.constraints = constraints(levels, base: base, allowed: &docs)
        return docs
    }

    /// The first sentence of a description's first paragraph, on one line, ending with a full stop.
    static func firstSentence(_ text: String) -> String {
        let paragraph = text.components(separatedBy: "\n\n").first ?? text
        let joined = paragraph.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        let characters = Array(joined)
        var end = characters.count
        var index = 0
        while index + 2 < characters.count {
            // A full stop, a space and a capital letter end a sentence, unless the stop ends an abbreviation.
            if characters[index] == ".", characters[index + 1] == " ", characters[index + 2].isUppercase {
                let word = String(characters[..<index]).split(separator: " ").last.map(String.init) ?? ""
                if !["e.g", "i.e", "etc", "cf", "vs", "No", "no"].contains(word) && !(word.count == 1 && word.first?.isUppercase == true) {
                    end = index + 1
                    break
                }
            }
            index += 1
        }
        let sentence = String(characters[..<end])
        guard let last = sentence.last else { return sentence }
        return ".!?".contains(last) ? sentence : sentence + "."
    }

    /// Every constraint that applies, the nearest level winning, with where it comes from; fills `allowed`'s values.
    mutating func constraints(_ levels: [(origin: String?, constraints: Constraints)], base: BaseType?, allowed: inout DocsType) -> [DocsConstraint] {
        func first<T>(_ get: (Constraints) -> Located<T>?) -> (value: T, origin: String?)? {
            for level in levels { if let value = get(level.constraints) { return (value.value, level.origin) } }
            return nil
        }
        var result: [DocsConstraint] = []
        func add(_ key: String, _ origin: String?, value: DocsText, meaning: DocsText, short: DocsText, isDefault: Bool = false) {
            result.append(DocsConstraint(key: key, value: value, meaning: meaning, inheritedFrom: origin, short: short, isDefault: isDefault))
        }
        if let (name, origin) = first(\.codelist) {
            let anchor = anchors.make("codelist", name)
            if !linkedCodelists.contains(name) { linkedCodelists.append(name) }
            let list = resolved.codelists[name]
            let count = list?.values.count ?? 0
            // An enum, where there is one, is checked in the code list's place.
            let replaced = first(\.enumValues) != nil
            add("codelist", origin, value: [.codeLink(name, anchor: anchor)],
                meaning: replaced ? [.text("not checked: the enum takes its place")]
                    : [.text("one of the \(count) codes of the code list "), .codeLink(name, anchor: anchor)],
                short: replaced ? [] : [.text("code list "), .codeLink(name, anchor: anchor), .text(" (\(count) values)")])
            allowed.allowedValues = list.map { list in list.values.map { DocsCode(code: $0, label: list.labels[$0]) } } ?? []
            allowed.allowedValuesSource = name
            allowed.allowedValuesAnchor = anchor
        }
        if let (values, origin) = first(\.enumValues) {
            let shown = values.count <= 5 ? Self.codes(values) : [.text("\(values.count) values")]
            add("enum", origin, value: Self.codes(values), meaning: [.text(values.count == 1 ? "exactly this value, as written" : "one of these \(values.count) values, exactly as written")],
                short: [.text("one of ")] + shown)
            // With a code list as well, a value must be in both: the enum is what to show.
            allowed.allowedValues = values.map { DocsCode(code: $0, label: nil) }
            allowed.allowedValuesSource = "enum"
            allowed.allowedValuesAnchor = nil
        }
        if let (pattern, origin) = first(\.pattern) {
            add("pattern", origin, value: [.code(pattern)],
                meaning: [.text("the whole value must match this regular expression (PCRE2)")],
                short: pattern.count <= 40 ? [.text("pattern "), .code(pattern)] : [.text("pattern")])
        }
        let minLength = first(\.minLength), maxLength = first(\.maxLength)
        if let (n, origin) = minLength {
            add("minLength", origin, value: [.code(String(n))], meaning: [.text("at least \(n) character\(n == 1 ? "" : "s")")],
                short: maxLength == nil ? [.text("≥ \(n) characters")] : [])
        }
        if let (n, origin) = maxLength {
            add("maxLength", origin, value: [.code(String(n))], meaning: [.text("at most \(n) character\(n == 1 ? "" : "s")")],
                short: [.text(minLength.map { "\($0.value)–\(n) characters" } ?? "≤ \(n) characters")])
        }
        for (key, get, words, symbol) in [("minimum", \Constraints.minimum, "at least", "≥"), ("exclusiveMinimum", \Constraints.exclusiveMinimum, "greater than", ">"),
                                          ("maximum", \Constraints.maximum, "at most", "≤"), ("exclusiveMaximum", \Constraints.exclusiveMaximum, "less than", "<")] {
            if let (bound, origin) = first({ $0[keyPath: get] }) {
                add(key, origin, value: [.code(bound)], meaning: [.text(words + " "), .code(bound)], short: [.text(symbol + " "), .code(bound)])
            }
        }
        if let (format, origin) = first(\.format) {
            add("format", origin, value: [.code(format)], meaning: [.text("written in this format (strftime-like directives: %Y year, %m month, %d day, %H:%M:%S time)")],
                short: [.text("format "), .code(format)])
        } else if let base, [.date, .datetime, .time].contains(base) {
            let iso = base == .date ? "YYYY-MM-DD" : (base == .datetime ? "YYYY-MM-DDThh:mm:ss" : "hh:mm:ss")
            add("format", nil, value: [.text("not given")], meaning: [.text("ISO 8601, "), .code(iso)], short: [.text(iso)], isDefault: true)
        }
        if let (char, origin) = first(\.decimalChar) {
            add("decimalChar", origin, value: [.code(char)], meaning: [.text("the decimal separator")], short: [.text("decimal "), .code(char)])
        }
        if let (char, origin) = first(\.groupChar) {
            add("groupChar", origin, value: [.code(char)], meaning: [.text("the thousands separator, between digit groups")], short: [.text("thousands "), .code(char)])
        }
        let trueValues = first(\.trueValues), falseValues = first(\.falseValues)
        if base == .boolean || trueValues != nil || falseValues != nil {
            for (key, given, defaults, word) in [("trueValues", trueValues, ["true", "True", "TRUE", "1"], "true"),
                                                 ("falseValues", falseValues, ["false", "False", "FALSE", "0"], "false")] {
                if let (values, origin) = given {
                    add(key, origin, value: Self.codes(values), meaning: [.text("the words for \(word)")], short: [.text("\(word): ")] + Self.codes(values))
                } else {
                    add(key, nil, value: [.text("not given")], meaning: [.text("the words for \(word): ")] + Self.codes(defaults), short: [], isDefault: true)
                }
            }
        }
        if let (xsd, origin) = first(\.xsdType) {
            add("xsdType", origin, value: [.code(xsd)], meaning: [.text("the value must be a value of the XML Schema type "), .code(xsd),
                                                                  .text(" (its lexical form and the range it implies)")],
                short: [.text("XSD "), .code(xsd)])
        }
        if let (format, origin) = first(\.numberFormat) {
            add("numberFormat", origin, value: [.code(format)], meaning: [.text("written in this number format pattern (Unicode UAX #35: 0 a digit, # an optional digit)")],
                short: [.text("number format "), .code(format)])
        }
        if let (checksum, origin) = first(\.checksum) {
            add("checksum", origin, value: [.code(checksum.rawValue)], meaning: [.text(Self.checksumMeaning(checksum))],
                short: [.text("checksum "), .code(checksum.rawValue)])
        }
        return result
    }

    /// Values as code, comma-separated.
    static func codes(_ values: [String]) -> DocsText {
        var text: DocsText = []
        for (index, value) in values.enumerated() {
            if index > 0 { text.append(.text(", ")) }
            text.append(.code(value))
        }
        return text
    }

    // MARK: - Fields

    mutating func field(_ field: Field) -> DocsField {
        let type = type(field.type.value, own: field.constraints)
        let items = field.items.map { self.type($0.type.value, own: $0.constraints) }
        var docs = DocsField(name: field.name, anchor: anchors.make("field", field.name), title: field.title, description: field.description,
                             type: type, required: field.isRequired, unique: field.isUnique, severity: field.severity,
                             aliases: field.aliases, concept: field.concept, unit: field.unit, example: field.example,
                             missingValues: field.missingValues, defaultValue: field.defaultValue?.value, separator: field.separator?.value,
                             path: field.path?.value, coerce: field.coerce, items: items, minItems: field.minItems?.value,
                             maxItems: field.maxItems?.value, properties: [], summary: [])
        docs.properties = properties(docs)
        docs.summary = summary(docs)
        return docs
    }

    mutating func properties(_ field: DocsField) -> [DocsProperty] {
        let missing = (field.missingValues ?? resolved.standard.missingValues).map { $0.isEmpty ? "an empty cell" : "\"\($0)\"" }.joined(separator: ", ")
        var rows = [DocsProperty("Type", field.type.text + [.text(" — ")] + field.type.meaning)]
        if let items = field.items {
            rows.append(DocsProperty("Items", [.text("each element: ")] + items.text + [.text(" — ")] + items.meaning))
        }
        rows.append(DocsProperty("Required", [.text(field.required ? "yes: every row must have a value" : "no")]))
        rows.append(DocsProperty("Nullable", [.text(field.required ? "no" : "yes: a missing value (\(missing)) is allowed and not checked further")]))
        if let values = field.missingValues {
            rows.append(DocsProperty("Missing values", [.text("in this field, in place of the standard's: ")]
                + values.map { $0.isEmpty ? [DocsInline.text("an empty cell")] : [DocsInline.code($0)] }.joinedText(", ")))
        }
        if let value = field.defaultValue {
            rows.append(DocsProperty("Default", [.text("an empty cell stands for "), .code(value), .text(", which is checked in its place")]))
        }
        rows.append(DocsProperty("Unique", [.text(field.unique ? "yes: no two rows may hold the same value" : "no")]))
        rows.append(DocsProperty("Findings", [.text("reported as \(field.severity.rawValue)s")]))
        if let separator = field.separator {
            rows.append(DocsProperty("Separator", [.text("in CSV the cell holds a list, its items separated by "), .code(separator)]))
        }
        if let minItems = field.minItems { rows.append(DocsProperty("Min items", [.text("at least \(minItems) element\(minItems == 1 ? "" : "s")")])) }
        if let maxItems = field.maxItems { rows.append(DocsProperty("Max items", [.text("at most \(maxItems) element\(maxItems == 1 ? "" : "s")")])) }
        if let unit = field.unit { rows.append(DocsProperty("Unit", [.text(unit)])) }
        if !field.aliases.isEmpty { rows.append(DocsProperty("Aliases", [.text("header names also accepted: ")] + Self.codes(field.aliases))) }
        if let concept = field.concept { rows.append(DocsProperty("Concept", [.code(concept)])) }
        if let path = field.path { rows.append(DocsProperty("JSON path", [.code(path), .text(" (from each record)")])) }
        if field.coerce { rows.append(DocsProperty("Coerce", [.text("yes: a JSON string that reads as the type is accepted")])) }
        var examples: DocsText = field.example.map { [.code($0)] } ?? []
        let values = field.type.allowedValues.isEmpty ? (field.items?.allowedValues ?? []) : field.type.allowedValues
        let source = field.type.allowedValues.isEmpty ? field.items?.allowedValuesSource : field.type.allowedValuesSource
        if !values.isEmpty {
            if !examples.isEmpty { examples.append(.text("; ")) }
            let shown = values.prefix(StandardDocs.valuesShownPerField)
            examples += [.text(values.count == 1 ? "the allowed value: " : "the allowed values: ")] + Self.codes(shown.map(\.code))
            if values.count > shown.count {
                examples.append(.text(" and \(values.count - shown.count) more"))
            }
            let anchor = field.type.allowedValues.isEmpty ? field.items?.allowedValuesAnchor : field.type.allowedValuesAnchor
            if let source, let anchor {
                examples += [.text(" (code list "), .codeLink(source, anchor: anchor), .text(")")]
            }
        }
        if !examples.isEmpty { rows.append(DocsProperty("Examples", examples)) }
        return rows
    }

    func summary(_ field: DocsField) -> DocsText {
        var parts: [DocsText] = []
        if field.unique { parts.append([.text("unique")]) }
        for constraint in field.type.constraints where !constraint.short.isEmpty {
            parts.append(constraint.short)
        }
        if let items = field.items {
            let shorts = items.constraints.map(\.short).filter { !$0.isEmpty }
            parts.append([.text("items: "), .code(items.name)] + (shorts.isEmpty ? [] : [.text(", ")] + shorts.joinedText(", ")))
        }
        if let minItems = field.minItems { parts.append([.text("≥ \(minItems) item\(minItems == 1 ? "" : "s")")]) }
        if let maxItems = field.maxItems { parts.append([.text("≤ \(maxItems) item\(maxItems == 1 ? "" : "s")")]) }
        if let unit = field.unit { parts.append([.text("unit: \(unit)")]) }
        return parts.isEmpty ? [.text("—")] : parts.joinedText("; ")
    }

    // MARK: - Types and code lists sections

    /// Own types in the order written, then types of `uses` the fields or own types rely on.
    mutating func namedTypes(fields: [Field]) -> [DocsNamedType] {
        var order = resolved.standard.types.map(\.name)
        var usedBy: [String: [String]] = [:]
        func reach(_ name: String, from field: String?) {
            for named in chain(from: name).types {
                if !order.contains(named.name) { order.append(named.name) }
                if let field, usedBy[named.name]?.contains(field) != true { usedBy[named.name, default: []].append(field) }
            }
        }
        for type in resolved.standard.types { reach(type.base.value, from: nil) }
        for field in fields {
            reach(field.type.value, from: field.name)
            if let items = field.items { reach(items.type.value, from: field.name) }
        }
        return order.compactMap { name in
            guard let named = resolved.types[name] ?? resolved.standard.types.first(where: { $0.name == name }) else { return nil }
            return DocsNamedType(name: name, anchor: anchors.make("type", name), definedIn: standardID(named.definedIn), builtOn: named.base.value,
                                 description: named.description, resolved: type(name, own: Constraints()), usedBy: usedBy[name] ?? [])
        }
    }

    /// Own code lists in the order written, then the lists of `uses` that a field or type on the page names.
    /// Call after the fields and types are built.
    mutating func codelists(fields: [DocsField]) -> [DocsCodelist] {
        var order = resolved.standard.codelists.map(\.name)
        for name in linkedCodelists where !order.contains(name) { order.append(name) }
        var usedBy: [String: [String]] = [:]
        for field in fields {
            for source in [field.type.allowedValuesSource, field.items?.allowedValuesSource].compactMap({ $0 }) where source != "enum" {
                if usedBy[source]?.contains(field.name) != true { usedBy[source, default: []].append(field.name) }
            }
        }
        return order.compactMap { name in
            // The resolved list holds the values read from a file.
            guard let list = resolved.codelists[name] ?? resolved.standard.codelists.first(where: { $0.name == name }) else { return nil }
            return DocsCodelist(name: name, anchor: anchors.make("codelist", name), definedIn: standardID(list.definedIn), description: list.description,
                                file: list.file, column: list.column, labelColumn: list.labelColumn,
                                values: list.values.map { DocsCode(code: $0, label: list.labels[$0]) }, usedBy: usedBy[name] ?? [])
        }
    }

    // MARK: - Dialect

    static func dialect(_ dialect: Dialect?) -> [DocsProperty] {
        func char(_ byte: UInt8?) -> String? {
            guard let byte else { return nil }
            switch byte {
            case 9: return "\\t"
            case 10: return "\\n"
            case 13: return "\\r"
            default: return String(Character(Unicode.Scalar(byte)))
            }
        }
        func name(_ byte: UInt8?) -> String {
            switch byte {
            case UInt8(ascii: ","): " (comma)"
            case UInt8(ascii: ";"): " (semicolon)"
            case 9: " (tab)"
            case UInt8(ascii: "|"): " (vertical bar)"
            case UInt8(ascii: "\""): " (double quote)"
            case UInt8(ascii: "'"): " (single quote)"
            case UInt8(ascii: "\\"): " (backslash)"
            default: ""
            }
        }
        func row(_ key: String, _ value: String?, _ note: String = "", otherwise: String) -> DocsProperty {
            guard let value else { return DocsProperty(key, [.text(otherwise)]) }
            return DocsProperty(key, [.code(value), .text(note)])
        }
        let terminator = dialect?.lineTerminator.map {
            $0.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t")
        }
        return [
            row("delimiter", char(dialect?.delimiter), name(dialect?.delimiter), otherwise: "not given: sniffed from the first lines (among , ; tab and |)"),
            row("quoteChar", char(dialect?.quoteChar), name(dialect?.quoteChar), otherwise: "not given: \" (double quote)"),
            row("doubleQuote", dialect?.doubleQuote.map { $0 ? "true" : "false" },
                dialect?.doubleQuote == false ? "" : " (a quote inside a quoted cell is written twice)", otherwise: "not given: true"),
            row("escapeChar", char(dialect?.escapeChar), name(dialect?.escapeChar), otherwise: "not given: none"),
            row("header", dialect?.header.map { $0 ? "true" : "false" }, dialect?.header == false ? " (columns are matched by position)" : " (the first row names the columns)",
                otherwise: "not given: true (the first row names the columns)"),
            row("headerRows", dialect?.headerRows.map(String.init), otherwise: "not given: 1"),
            row("encoding", dialect?.encoding, otherwise: "not given: UTF-8 (a byte order mark sets it)"),
            row("lineTerminator", terminator, " (LF, CRLF and CR are all read as line ends)", otherwise: "not given: \\r\\n (LF, CRLF and CR are all read as line ends)"),
            row("records", dialect?.records?.value, " (for a JSON document: the JSON Pointer to the array of records)",
                otherwise: "not given: for JSON, the root array (or the root object as one record)"),
            row("skipRows", dialect?.skipRows.map(String.init), " (rows before the header that are not part of the table)", otherwise: "not given: 0"),
            row("skipColumns", dialect?.skipColumns.map(String.init), " (columns at the left of every row that are not part of the table)",
                otherwise: "not given: 0"),
            row("commentPrefix", dialect?.commentPrefix, " (a row starting with it is a comment, not a row)", otherwise: "not given: no comment rows"),
            row("trim", dialect?.trim?.rawValue, dialect?.trim.map { " (" + trimMeaning($0) + ")" } ?? "",
                otherwise: "not given: cells are checked exactly as written"),
            row("skipBlankRows", dialect?.skipBlankRows.map { $0 ? "true" : "false" },
                dialect?.skipBlankRows == true ? " (rows whose cells are all empty are skipped)" : " (a row whose cells are all empty is reported)",
                otherwise: "not given: a row whose cells are all empty is reported (blank-row)"),
        ]
    }

    static func trimMeaning(_ trim: CellTrim) -> String {
        switch trim {
        case .both: "leading and trailing whitespace is removed from each cell before it is checked"
        case .none: "cells are checked exactly as written"
        case .start: "leading whitespace is removed from each cell before it is checked"
        case .end: "trailing whitespace is removed from each cell before it is checked"
        }
    }

    static func columnsMeaning(_ policy: ColumnPolicy) -> String {
        switch policy {
        case .exact: "a CSV header must have every field's column, in the order of the fields, and no other column; in JSON, a member no field maps is not allowed"
        case .anyOrder: "a CSV header must have every field's column, in any order, and no other column; in JSON, a member no field maps is not allowed"
        case .subset: "a CSV header must have every field's column, in any order; other columns (in JSON, other members) are allowed and not checked"
        }
    }

    // MARK: - Changes

    static func changes(_ report: ComparisonReport, old: Standard, new: Standard) -> DocsChanges {
        let matchedOld = Set(report.matches.map(\.a)), matchedNew = Set(report.matches.map(\.b))
        let direction = report.directions.first { $0.direction == "a-to-b" }
        let gaps = direction?.gaps ?? []
        return DocsChanges(since: report.a, current: report.b, compatible: direction?.compatible ?? true,
                           added: new.fields.map(\.name).filter { !matchedNew.contains($0) },
                           removed: old.fields.map(\.name).filter { !matchedOld.contains($0) },
                           renamed: report.matches.filter { $0.a != $0.b }, suggestions: report.suggestions,
                           breaking: gaps.filter { $0.severity == .error }, nonBreaking: gaps.filter { $0.severity != .error })
    }
}

extension StandardDocs {
    /// Allowed values listed in a field's own section; the code-lists section lists them all.
    public static let valuesShownPerField = 20

    /// The page's sections, in order, as (anchor, heading).
    public var sections: [(anchor: String, title: String)] {
        var sections: [(anchor: String, title: String)] = []
        if isPackage {
            sections.append(("tables", "Tables"))
        } else {
            sections += [("summary", "Fields at a glance"), ("format", "File format"), ("fields", "Fields"), ("keys", "Keys"), ("rules", "Row rules")]
        }
        if !types.isEmpty { sections.append(("types", "Types")) }
        if !codelists.isEmpty { sections.append(("codelists", "Code lists")) }
        if let changes { sections.append(("changes", "Changes since " + changes.since.label)) }
        return sections
    }

    /// Rows of the tables section: name, data file, standard.
    var tableRows: [[DocsText]] {
        tables.map { [[.code($0.name)], $0.path.map { [.code($0)] } ?? [.text("not given")], [.code($0.standard)]] }
    }

    /// True for a package of tables (it has no fields, dialect, keys or rules of its own: its tables' standards have).
    public var isPackage: Bool { !tables.isEmpty && fields.isEmpty }

    /// What the fields table says when there are no fields.
    var noFieldsNote: String {
        tables.isEmpty ? "This standard has no fields of its own: it provides types and code lists for other standards to use."
            : "A package has no fields of its own: its tables have (see Tables)."
    }

    /// What a package is, for the tables section.
    var tablesNote: String {
        "This standard is a package of \(tables.count) table\(tables.count == 1 ? "" : "s"), validated together so that the foreign keys between them are checked. "
            + "Each table has its own standard (document each with conform docs)."
    }

    /// The page's heading: the title, else the id.
    public var heading: String { title ?? id }
}

extension StandardReference {
    /// `version 1.1 (openreferral/hsds-1.1/organization)`, or the id alone without a version.
    var label: String { version.map { "version \($0) (\(id))" } ?? id }
}

extension Array where Element == DocsText {
    /// The texts one after another with `separator` between them.
    func joinedText(_ separator: String) -> DocsText {
        var result: DocsText = []
        for (index, part) in enumerated() {
            if index > 0 { result.append(.text(separator)) }
            result += part
        }
        return result
    }
}

// MARK: - Text shared by the renderers

extension StandardDocs {
    /// The header's facts: id, version, publisher, licence, uses, source.
    var facts: [DocsProperty] {
        var facts = [DocsProperty("Id", [.code(id)])]
        if let version { facts.append(DocsProperty("Version", [.code(version)])) }
        if let publisher { facts.append(DocsProperty("Publisher", [.text(publisher)])) }
        if let licence { facts.append(DocsProperty("Licence", [.text(licence)])) }
        if !uses.isEmpty { facts.append(DocsProperty("Uses", [.text("the types and code lists of ")] + DocsBuilder.codes(uses))) }
        facts.append(DocsProperty("Source", [.code(sourceFile), .text(" (standard format version \(formatVersion))")]))
        return facts
    }

    var dialectNote: String {
        dialectGiven ? "The dialect: how a data file is written."
            : "The standard gives no dialect: conform sniffs the delimiter and the encoding from each file, and the other keys take their defaults."
    }

    var missingValuesText: DocsText {
        missingValues.map { $0.isEmpty ? [DocsInline.text("an empty cell")] : [DocsInline.code($0)] }.joinedText(", ")
    }

    /// Field names linking to their sections (a name the standard has no field for as plain code).
    func fieldLinks(_ names: [String], separator: String = ", ") -> DocsText {
        names.map { name in
            [fields.first { $0.name == name }.map { DocsInline.codeLink(name, anchor: $0.anchor) } ?? .code(name)]
        }.joinedText(separator)
    }

    /// One sentence per key: primary, each unique key, the fields marked unique.
    var keyItems: [(label: String, key: String, text: DocsText)] {
        var items: [(String, String, DocsText)] = []
        if let primaryKey {
            items.append(("Primary key", "keys.primary", fieldLinks(primaryKey, separator: " + ")
                + [.text(". Its fields are required, and no two rows may have the same combination of values.")]))
        }
        for unique in uniqueKeys {
            items.append(("Unique key", "keys.unique", fieldLinks(unique, separator: " + ")
                + [.text(". No two rows may have the same combination of values; rows missing one of them are not compared.")]))
        }
        let uniqueFields = fields.filter(\.unique)
        if !uniqueFields.isEmpty {
            items.append(("Unique fields", "unique: true", fieldLinks(uniqueFields.map(\.name))
                + [.text(". No two rows may hold the same value; missing values are not compared.")]))
        }
        for key in foreignKeys {
            let target: DocsText = key.table.map { [.text("the table "), .code($0)] } ?? [.text("this table")]
            items.append(("Foreign key", "keys.foreign", fieldLinks(key.fields.value, separator: " + ") + [.text(" references ")] + target
                + [.text(" (")] + DocsBuilder.codes(key.referencedFields) + [.text(")")]
                + [.text(key.checksMissingMarkers
                    ? ". Every row whose fields are not empty must match exactly one row there (`checkMissingMarkers`: missing-value markers are looked up too)."
                    : ". Every row whose fields all hold a value must match exactly one row there; a row with a missing part is not checked.")]))
        }
        return items
    }

    /// Where a named type comes from, what it builds on, and the fields that use it.
    func facts(_ type: DocsNamedType) -> DocsText {
        var facts: DocsText = [.text("Defined in "), .code(type.definedIn), .text("; built on "), .code(type.builtOn)]
        if let base = type.resolved.base, base.rawValue != type.builtOn { facts += [.text(", resting on "), .code(base.rawValue)] }
        facts.append(.text("."))
        if !type.usedBy.isEmpty { facts += [.text(" Used by ")] + fieldLinks(type.usedBy) + [.text(".")] }
        return facts
    }

    /// Where a code list comes from (and its file), its size, and the fields that use it.
    func facts(_ list: DocsCodelist) -> DocsText {
        var facts: DocsText = [.text("Defined in "), .code(list.definedIn), .text("; \(list.values.count) code\(list.values.count == 1 ? "" : "s")")]
        if let file = list.file {
            facts += [.text(", read from "), .code(file)] + (list.column.map { [.text(", column "), .code($0)] } ?? [])
                + (list.labelColumn.map { [.text(", labels from column "), .code($0)] } ?? [])
        }
        facts.append(.text("."))
        if !list.usedBy.isEmpty { facts += [.text(" Used by ")] + fieldLinks(list.usedBy) + [.text(".")] }
        return facts
    }
}

extension DocsType {
    /// The type's name as code (linking to its section when it is a named type), with its built-in base.
    var text: DocsText {
        guard let anchor else { return [.code(name)] }
        return [.codeLink(name, anchor: anchor)] + (base.map { [.text(" ("), .code($0.rawValue), .text(")")] } ?? [])
    }
}

extension DocsConstraint {
    /// Where the constraint comes from, for the "From" column: `own` names the thing documented ("the field").
    func from(own: String) -> DocsText {
        if isDefault { return [.text("default")] }
        return inheritedFrom.map { [.text("type "), .code($0)] } ?? [.text(own)]
    }
}

extension DocsChanges {
    /// The command that gives the same comparison (ids, or the files when both versions share an id).
    var command: String {
        let (a, b) = since.id == current.id ? (since.file, current.file) : (since.id, current.id)
        return "conform compare \(a) \(b) --direction a-to-b"
    }

    /// What the comparison's messages mean by A and B.
    var sidesText: String {
        "In the messages, A is the old version (\(since.version.map { "version \($0)" } ?? since.id)) and B is this one."
    }

    /// The verdict in a sentence.
    var verdictText: String {
        compatible
            ? "no breaking change; a file valid under the old version is valid under this one, as far as the standards let one decide."
            : "\(breaking.count) breaking change\(breaking.count == 1 ? "" : "s"); data valid under the old version is rejected by this one."
    }

    var renamedText: DocsText {
        renamed.isEmpty ? [.text("none")] : renamed.map { [DocsInline.code($0.a), .text(" → "), .code($0.b), .text(" (matched by \($0.by))")] }.joinedText(", ")
    }

    var suggestionsText: DocsText {
        suggestions.map { [DocsInline.code($0.a), .text(" → "), .code($0.b), .text(" (confidence \(Self.confidence($0.confidence)): \($0.reason))")] }
            .joinedText(", ")
    }

    /// `0.53`: two decimals.
    static func confidence(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }

    /// The fields a gap is about: `a`, or `a → b` when the names differ.
    static func fields(_ gap: Gap) -> DocsText {
        switch (gap.fromField, gap.toField) {
        case let (from?, to?) where from == to: [.code(from)]
        case let (from?, to?): [.code(from), .text(" → "), .code(to)]
        case let (from?, nil): [.code(from)]
        case let (nil, to?): [.code(to)]
        case (nil, nil): [.text("—")]
        }
    }

    /// A gap's example value, shortened when long (a value of 200 characters shows a length gap).
    static func example(_ gap: Gap) -> String? {
        guard let example = gap.example else { return nil }
        let characters = example.count
        return characters > 40 ? String(example.prefix(24)) + "… (\(characters) characters)" : example
    }

    /// The gap's message with its transform and values.
    static func change(_ gap: Gap) -> DocsText {
        var change: DocsText = [.text(gap.message)]
        if let transform = gap.transform { change += [.text(". Transform: "), .code(transform)] }
        if let values = gap.values, !values.isEmpty { change += [.text(". Values: ")] + DocsBuilder.codes(values) }
        return change
    }
}
