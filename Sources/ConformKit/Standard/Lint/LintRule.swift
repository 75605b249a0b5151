/// A rule that `conform lint` (and every load of a standard) applies to standard files.
public struct LintRule: Sendable, Hashable, Codable {
    /// Stable kebab-case id.
    public var id: String
    public var severity: Severity
    /// What the rule checks.
    public var summary: String
    /// A standard fragment that triggers it.
    public var example: String

    /// The explicit registry of lint rules, in documentation order.
    public static let all: [LintRule] = [
        yamlSyntax, unknownKey, missingKey, invalidValue, unsupportedVersion, duplicateName,
        unknownType, unknownCodelist, unknownField, invalidPattern, codelistFileMissing, codelistFileOutside,
        conflictingConstraints, constraintNotApplicable, usesNotFound, usesCycle, invalidRule,
        importTolerance, importNotExpressed,
    ]

    public static let importTolerance = LintRule(
        id: "import-tolerance", severity: .warning,
        summary: "An imported schema (Table Schema, Data Package, CSVW, JSON Schema) writes something in a known non-standard way that conform reads anyway: an XML Schema type URI inside `constraints`, `\"required\": \"true\"` as a string, a pattern that only lists values, an invalid JSON escape, a UTF-16 file.",
        example: "{\"fields\": [{\"name\": \"Status\", \"constraints\": {\"required\": \"true\", \"pattern\": \"(Live|Closed|)\"}}]}")
    public static let importNotExpressed = LintRule(
        id: "import-not-expressed", severity: .warning,
        summary: "Something an imported schema says that conform cannot check, left out of the standard (`format: any` dates, `list` fields, `foreignKeys` outside a Data Package, per-field `missingValues`).",
        example: "{\"fields\": [{\"name\": \"Opened\", \"type\": \"date\", \"format\": \"any\"}]}")

    public static let yamlSyntax = LintRule(
        id: "yaml-syntax", severity: .error, summary: "The file is not well-formed YAML.",
        example: "fields:\n  - name: [unclosed")
    public static let unknownKey = LintRule(
        id: "unknown-key", severity: .error,
        summary: "A key the standard format does not define; the nearest known key is suggested.",
        example: "fields:\n  - name: Code\n    patern: '[A-Z]+'   # did you mean pattern?")
    public static let missingKey = LintRule(
        id: "missing-key", severity: .error,
        summary: "A required key is absent (`conform`, `id`, `fields`, a field's `name`, a rule's `assert`).",
        example: "fields:\n  - type: string")
    public static let invalidValue = LintRule(
        id: "invalid-value", severity: .error,
        summary: "A key has a value of the wrong shape or outside its allowed values.",
        example: "fields:\n  - name: Count\n    minLength: many")
    public static let unsupportedVersion = LintRule(
        id: "unsupported-version", severity: .error,
        summary: "`conform:` names a format version this build does not read.",
        example: "conform: 2")
    public static let duplicateName = LintRule(
        id: "duplicate-name", severity: .error,
        summary: "Two fields, types, code lists or rules share a name.",
        example: "fields:\n  - name: Code\n  - name: Code")
    public static let unknownType = LintRule(
        id: "unknown-type", severity: .error,
        summary: "A field or type builds on a type that is neither built in nor defined (here or in `uses`).",
        example: "fields:\n  - name: Postcode\n    type: uk-postcod")
    public static let unknownCodelist = LintRule(
        id: "unknown-codelist", severity: .error,
        summary: "A `codelist:` names a code list that is not defined, or a `code` field has none.",
        example: "fields:\n  - name: Status\n    type: code\n    codelist: statuses")
    public static let unknownField = LintRule(
        id: "unknown-field", severity: .error,
        summary: "A key or row rule names a field the standard does not have.",
        example: "keys:\n  primary: [Identifier]")
    public static let invalidPattern = LintRule(
        id: "invalid-pattern", severity: .error,
        summary: "PCRE2 cannot compile a `pattern`; the position of the problem is given.",
        example: "fields:\n  - name: Code\n    pattern: '[A-Z'")
    public static let codelistFileMissing = LintRule(
        id: "codelist-file-missing", severity: .error,
        summary: "A code list's `file` cannot be read, or lacks its `column`.",
        example: "codelists:\n  countries:\n    file: missing.csv\n    column: code")
    public static let codelistFileOutside = LintRule(
        id: "codelist-file-outside", severity: .info,
        summary: "A code list's `file` lies outside the standard's folder (`../`, or an absolute path). It is read, but a copy of the standard's folder alone will not carry it.",
        example: "codelists:\n  countries:\n    file: ../shared/countries.csv\n    column: code")
    public static let conflictingConstraints = LintRule(
        id: "conflicting-constraints", severity: .error,
        summary: "Constraints no value can satisfy: minimum above maximum, minLength above maxLength, a bound that is not a value of the type.",
        example: "fields:\n  - name: Age\n    type: integer\n    minimum: 10\n    maximum: 5")
    public static let constraintNotApplicable = LintRule(
        id: "constraint-not-applicable", severity: .warning,
        summary: "A constraint that has no effect on the field's type (e.g. `format` on an integer, `trueValues` on a string).",
        example: "fields:\n  - name: Code\n    type: string\n    minimum: 3")
    public static let usesNotFound = LintRule(
        id: "uses-not-found", severity: .error,
        summary: "A standard named in `uses` cannot be found by id or path.",
        example: "uses: [uk-gov/cor]")
    public static let usesCycle = LintRule(
        id: "uses-cycle", severity: .error,
        summary: "Standards that use each other in a cycle.",
        example: "# a.yaml: uses: [b.yaml]   b.yaml: uses: [a.yaml]")
    public static let invalidRule = LintRule(
        id: "invalid-rule", severity: .error,
        summary: "A row rule's `assert` or `when` expression does not parse or does not fit the fields' types.",
        example: "rules:\n  - id: order\n    assert: End >=")
}
