/// A data standard: the fields a table must have, their types and constraints,
/// the code lists and reusable types they draw on, keys and row rules.
///
/// A `Standard` is what `StandardLoader` reads from a YAML file (format version 1,
/// see `docs/standard-format.md`). Every constraint keeps the location where it was
/// written so findings can point back to it.
public struct Standard: Sendable, Codable {
    /// Format version (`conform: 1`).
    public var formatVersion: Int
    /// Identifier such as `uk-gov/brownfield-land-register`.
    public var id: String
    /// The standard's own version, e.g. `2017.1`.
    public var version: String?
    public var title: String?
    public var publisher: String?
    public var licence: String?
    public var description: String?
    /// Other standards whose types and code lists this one reuses, by id or relative path.
    public var uses: [String]
    /// Where each entry of `uses` was written.
    public var usesLocations: [SourceLocation]
    /// How the CSV is written; `nil` means sniff it.
    public var dialect: Dialect?
    /// Cell values that count as missing (default `[""]`).
    public var missingValues: [String]
    /// Named reusable types, in the order written.
    public var types: [NamedType]
    /// Named code lists, in the order written.
    public var codelists: [Codelist]
    /// The table's fields, in column order.
    public var fields: [Field]
    /// Primary and unique keys.
    public var keys: Keys
    /// How the header must relate to the fields.
    public var columns: ColumnPolicy
    /// Where `columns` was written, if it was.
    public var columnsLocation: SourceLocation?
    /// Row rules over several fields.
    public var rules: [RowRule]
    /// For a package (several tables validated together, with foreign keys between them): its
    /// tables. A package has no fields of its own.
    public var tables: [TableReference]
    /// The file this standard was loaded from.
    public var sourceFile: String
    /// Where the document starts (used when no finer location exists).
    public var location: SourceLocation

    public init(id: String, sourceFile: String) {
        self.formatVersion = 1
        self.id = id
        self.uses = []
        self.usesLocations = []
        self.missingValues = [""]
        self.types = []
        self.codelists = []
        self.fields = []
        self.keys = Keys()
        self.columns = .exact
        self.rules = []
        self.tables = []
        self.sourceFile = sourceFile
        self.location = SourceLocation(file: sourceFile, line: 1, column: 1)
    }
}

/// One table of a package: its name (as foreign keys name it), where its data is, and its standard.
public struct TableReference: Sendable, Codable, Hashable {
    /// The table's name, unique in the package.
    public var name: String
    /// The data file's path relative to the data folder (or the Data Package), if given.
    public var path: String?
    /// The table's standard: a path relative to the package file, or an id.
    public var standard: String
    /// Where the table is written.
    public var location: SourceLocation

    public init(name: String, path: String?, standard: String, location: SourceLocation) {
        self.name = name
        self.path = path
        self.standard = standard
        self.location = location
    }
}

/// How a CSV file is written (Frictionless CSV Dialect names).
public struct Dialect: Sendable, Codable, Hashable {
    public var delimiter: UInt8?
    public var quoteChar: UInt8?
    public var doubleQuote: Bool?
    public var escapeChar: UInt8?
    public var header: Bool?
    public var headerRows: Int?
    public var encoding: String?
    public var lineTerminator: String?
    /// For JSON documents: a JSON Pointer to the array of records (e.g. `/grants`).
    public var records: Located<String>?
    /// Rows at the top of the file, before the header, that are not part of the table (CSVW `skipRows`).
    public var skipRows: Int?
    /// Columns at the left of every row that are not part of the table (CSVW `skipColumns`).
    public var skipColumns: Int?
    /// Rows starting with this text are comments, not rows (CSVW `commentPrefix`).
    public var commentPrefix: String?
    /// Whitespace removed from each cell before it is checked (CSVW `trim`).
    public var trim: CellTrim?
    /// Whether rows whose cells are all empty are skipped rather than reported (CSVW `skipBlankRows`).
    public var skipBlankRows: Bool?

    public init(delimiter: UInt8? = nil, quoteChar: UInt8? = nil, doubleQuote: Bool? = nil,
                escapeChar: UInt8? = nil, header: Bool? = nil, headerRows: Int? = nil,
                encoding: String? = nil, lineTerminator: String? = nil) {
        self.delimiter = delimiter
        self.quoteChar = quoteChar
        self.doubleQuote = doubleQuote
        self.escapeChar = escapeChar
        self.header = header
        self.headerRows = headerRows
        self.encoding = encoding
        self.lineTerminator = lineTerminator
    }
}

/// Which whitespace is removed from each cell before it is checked (`dialect.trim`, CSVW's `trim`).
public enum CellTrim: String, Sendable, Codable, CaseIterable {
    /// Leading and trailing whitespace.
    case both = "true"
    /// Nothing: cells are checked exactly as written.
    case none = "false"
    /// Leading whitespace only.
    case start
    /// Trailing whitespace only.
    case end
}

/// The built-in types every field or named type rests on.
public enum BaseType: String, Sendable, Codable, CaseIterable {
    case string, integer, number, boolean, date, datetime, time, year, uri, email, uuid, code, any
    /// A JSON array; its elements are checked against the field's `items`.
    case array
}

/// Severity of a finding.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, warning, error

    var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// Check-digit algorithms a field can require.
public enum ChecksumAlgorithm: String, Sendable, Codable, CaseIterable {
    /// NHS number: modulus 11 over the first nine digits, weights 10..2.
    case nhsMod11 = "nhs-mod11"
    /// Luhn (payment cards, IMEI).
    case luhn
    /// ISO 7064 MOD 97-10 (IBAN, LEI).
    case mod97
}

/// Constraints shared by fields and named types. Every value keeps where it was written.
public struct Constraints: Sendable, Codable, Hashable {
    public var pattern: Located<String>?
    public var enumValues: Located<[String]>?
    public var codelist: Located<String>?
    public var minLength: Located<Int>?
    public var maxLength: Located<Int>?
    /// Bounds are kept as written and read according to the base type (number, date, ...).
    public var minimum: Located<String>?
    public var maximum: Located<String>?
    public var exclusiveMinimum: Located<String>?
    public var exclusiveMaximum: Located<String>?
    public var format: Located<String>?
    public var decimalChar: Located<String>?
    public var groupChar: Located<String>?
    public var trueValues: Located<[String]>?
    public var falseValues: Located<[String]>?
    public var checksum: Located<ChecksumAlgorithm>?
    /// An XML Schema built-in datatype that narrows the base type (`decimal`, `unsignedByte`,
    /// `gYearMonth`, `hexBinary`, `duration`, ...): its lexical space and implied range are checked.
    public var xsdType: Located<String>?
    /// For `integer` and `number`: a number format pattern as Unicode UAX #35 writes it
    /// (`#,##0.00`, `0.###E0`, `#0%`), with `decimalChar` and `groupChar`.
    public var numberFormat: Located<String>?

    public init() {}

    /// `self` with every constraint it leaves unset taken from `base`.
    public func inheriting(from base: Constraints) -> Constraints {
        var merged = self
        merged.pattern = pattern ?? base.pattern
        merged.enumValues = enumValues ?? base.enumValues
        merged.codelist = codelist ?? base.codelist
        merged.minLength = minLength ?? base.minLength
        merged.maxLength = maxLength ?? base.maxLength
        merged.minimum = minimum ?? base.minimum
        merged.maximum = maximum ?? base.maximum
        merged.exclusiveMinimum = exclusiveMinimum ?? base.exclusiveMinimum
        merged.exclusiveMaximum = exclusiveMaximum ?? base.exclusiveMaximum
        merged.format = format ?? base.format
        merged.decimalChar = decimalChar ?? base.decimalChar
        merged.groupChar = groupChar ?? base.groupChar
        merged.trueValues = trueValues ?? base.trueValues
        merged.falseValues = falseValues ?? base.falseValues
        merged.checksum = checksum ?? base.checksum
        merged.xsdType = xsdType ?? base.xsdType
        merged.numberFormat = numberFormat ?? base.numberFormat
        return merged
    }
}

/// A value together with the place in a standard where it was written.
public struct Located<Value: Sendable & Codable & Hashable>: Sendable, Codable, Hashable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// A named reusable type, e.g. `uk-postcode` built on `string` with a pattern.
public struct NamedType: Sendable, Codable, Hashable {
    public var name: String
    /// The type it builds on: a built-in type or another named type.
    public var base: Located<String>
    public var description: String?
    public var constraints: Constraints
    /// The standard that defined it (matters when reused through `uses`).
    public var definedIn: String
    public var location: SourceLocation
}

/// A named list of allowed codes, optionally with labels.
public struct Codelist: Sendable, Codable, Hashable {
    public var name: String
    public var description: String?
    /// Codes in the order written.
    public var values: [String]
    /// Labels by code, where given.
    public var labels: [String: String]
    /// When loaded from a CSV file: the file as written in the standard, and the column.
    public var file: String?
    public var column: String?
    /// When loaded from a CSV file: the column holding labels, if any.
    public var labelColumn: String?
    public var definedIn: String
    public var location: SourceLocation
}

/// One column of the table.
public struct Field: Sendable, Codable, Hashable {
    public var name: String
    public var title: String?
    public var description: String?
    /// The type as written: a built-in or named type. Defaults to `string`.
    public var type: Located<String>
    public var required: Located<Bool>?
    public var unique: Located<Bool>?
    public var constraints: Constraints
    /// Severity of this field's cell findings (default error).
    public var severity: Severity
    /// Other header names accepted for this field.
    public var aliases: [String]
    /// A URI naming what the field means, for cross-agency matching.
    public var concept: String?
    public var unit: String?
    public var example: String?
    /// For JSON input: a JSON Pointer from the record to the value (e.g. `/recipientOrganization/0/name`);
    /// `*` stands for every element of an array. Without it the field is the top-level member with its name.
    public var path: Located<String>?
    /// For JSON input: accept a value written as a JSON string when it reads as the field's type (`"12"` for an integer).
    public var coerce: Bool = false
    /// For `type: array`: the type and constraints of each element.
    public var items: Items?
    /// For `type: array`: bounds on the number of elements.
    public var minItems: Located<Int>?
    public var maxItems: Located<Int>?
    public var location: SourceLocation
    /// Cell values that count as missing in this field, replacing the standard's `missingValues`
    /// (CSVW's per-column `null`).
    public var missingValues: [String]?
    /// The value an empty cell stands for: it is checked in the empty cell's place (CSVW `default`).
    public var defaultValue: Located<String>?
    /// For CSV: the cell holds a list, its items separated by this text; with `type: array`,
    /// each item is checked against `items` (CSVW `separator`).
    public var separator: Located<String>?

    public var isRequired: Bool { required?.value ?? false }
    public var isUnique: Bool { unique?.value ?? false }
}

/// The elements of an array field: a type and constraints, as for a field.
public struct Items: Sendable, Codable, Hashable {
    public var type: Located<String>
    public var constraints: Constraints
    public var location: SourceLocation

    public init(type: Located<String>, constraints: Constraints, location: SourceLocation) {
        self.type = type
        self.constraints = constraints
        self.location = location
    }
}

/// Primary, unique and foreign keys of the table.
public struct Keys: Sendable, Codable, Hashable {
    public var primary: Located<[String]>?
    public var unique: [Located<[String]>]
    /// References from this table's fields to the key of a table (this one, or another table of
    /// the same package): every non-missing combination must exist there.
    public var foreign: [ForeignKey]

    public init(primary: Located<[String]>? = nil, unique: [Located<[String]>] = [], foreign: [ForeignKey] = []) {
        self.primary = primary
        self.unique = unique
        self.foreign = foreign
    }

    private enum CodingKeys: String, CodingKey { case primary, unique, foreign }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        primary = try container.decodeIfPresent(Located<[String]>.self, forKey: .primary)
        unique = try container.decodeIfPresent([Located<[String]>].self, forKey: .unique) ?? []
        foreign = try container.decodeIfPresent([ForeignKey].self, forKey: .foreign) ?? []
    }
}

/// A foreign key: the values of `fields` in a row must be the values of `referencedFields` in
/// some row of `table` (nil: the same table). Rows where any of `fields` is missing are not
/// checked, as in SQL and Table Schema.
public struct ForeignKey: Sendable, Codable, Hashable {
    /// The referencing fields of this table, with where the key is written.
    public var fields: Located<[String]>
    /// The referenced table's name in its package; nil for this table.
    public var table: String?
    /// The referenced fields, in the same order as `fields`.
    public var referencedFields: [String]
    /// When true, only an empty cell leaves a reference unchecked: values the standard counts
    /// as missing (such as `NA`) are looked up like any other, as CSVW validators do.
    public var checksMissingMarkers: Bool

    public init(fields: Located<[String]>, table: String? = nil, referencedFields: [String], checksMissingMarkers: Bool = false) {
        self.fields = fields
        self.table = table
        self.referencedFields = referencedFields
        self.checksMissingMarkers = checksMissingMarkers
    }

    /// `table(a, b)` or `(a, b)` for this table, as written in messages.
    public var referenceDescription: String {
        (table ?? "this table") + "(" + referencedFields.joined(separator: ", ") + ")"
    }
}

/// How the header row must relate to the standard's fields.
public enum ColumnPolicy: String, Sendable, Codable, CaseIterable {
    /// The same names in the same order; nothing extra.
    case exact
    /// The same names in any order; nothing extra.
    case anyOrder = "any-order"
    /// The standard's names in any order; extra columns allowed.
    case subset
}

/// A rule over several fields of one row, e.g. `LastUpdatedDate >= FirstAddedDate`.
public struct RowRule: Sendable, Codable, Hashable {
    public var id: String
    /// The condition every row must satisfy, as written.
    public var assert: Located<String>
    /// Only rows where this holds are checked.
    public var when: Located<String>?
    public var severity: Severity
    public var message: String?
    public var location: SourceLocation
}
