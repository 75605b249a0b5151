/// A key (primary or unique) over field indices.
struct CompiledKey {
    var fields: [Int]
    var isPrimary: Bool
    var location: SourceLocation
}

/// A foreign key over field indices. `referenced` holds the referenced fields' indices when the
/// key references this table (nil for another table, bound when a package is validated).
struct CompiledForeignKey {
    var key: ForeignKey
    var fields: [Int]
    var referenced: [Int]?
}

/// A row rule bound to the standard's fields.
struct CompiledRowRule {
    var rule: RowRule
    var assertion: BoundRuleExpression
    var condition: BoundRuleExpression?
    /// Every field the assertion or the condition reads.
    var fields: [Int]
}

/// A standard compiled once, ready to check any number of files.
struct CompiledStandard {
    let resolved: ResolvedStandard
    var standard: Standard { resolved.standard }
    let fields: [CompiledField]
    let keys: [CompiledKey]
    let foreignKeys: [CompiledForeignKey]
    let rules: [CompiledRowRule]
    let missingValues: ByteStringSet
    /// True when the only missing value is the empty string (the fast path).
    let onlyEmptyIsMissing: Bool

    /// The fields as a tree of JSON member names, for the JSON reader.
    var jsonTrie: JSONPathTrie {
        JSONPathTrie(paths: fields.map(\.path), names: fields.map { [$0.name] + $0.field.aliases },
                     arrayFields: Set(fields.indices.filter { fields[$0].base == .array }))
    }

    /// Compiles `resolved`; returns the findings instead when anything cannot be compiled.
    static func compile(_ resolved: ResolvedStandard) -> Result<CompiledStandard, LintFailure> {
        var compiler = StandardCompiler(resolved)
        let standard = resolved.standard
        var fields: [CompiledField] = []
        for field in standard.fields {
            if let compiled = compiler.compile(field) { fields.append(compiled) }
        }
        var keys: [CompiledKey] = []
        var foreignKeys: [CompiledForeignKey] = []
        var rules: [CompiledRowRule] = []
        if !compiler.diagnostics.hasErrors {
            keys = compiler.compileKeys(standard, fields: fields)
            foreignKeys = compiler.compileForeignKeys(standard, fields: fields)
            rules = compiler.compileRules(standard, fields: fields)
        }
        let findings = compiler.diagnostics.findings
        if findings.contains(where: { $0.severity == .error }) {
            return .failure(LintFailure(findings: findings))
        }
        let missing = standard.missingValues
        return .success(CompiledStandard(
            resolved: resolved, fields: fields, keys: keys, foreignKeys: foreignKeys, rules: rules,
            missingValues: ByteStringSet(missing), onlyEmptyIsMissing: missing == [""]))
    }
}

/// A standard that cannot be used, with the findings that say why.
struct LintFailure: Error {
    var findings: [Finding]
}

extension StandardCompiler {
    mutating func fieldIndex(_ name: String, in fields: [CompiledField], at location: SourceLocation, context: String) -> Int? {
        if let index = fields.firstIndex(where: { $0.name == name }) { return index }
        diagnostics.report(.unknownField, "\(context) names the field `\(name)`, which the standard does not have", at: location,
                           hint: Suggestions.closest(to: name, in: fields.map(\.name)).map { "did you mean `\($0)`?" })
        return nil
    }

    mutating func compileKeys(_ standard: Standard, fields: [CompiledField]) -> [CompiledKey] {
        var keys: [CompiledKey] = []
        if let primary = standard.keys.primary {
            let indices = primary.value.compactMap { fieldIndex($0, in: fields, at: primary.location, context: "the primary key") }
            if indices.count == primary.value.count { keys.append(CompiledKey(fields: indices, isPrimary: true, location: primary.location)) }
        }
        for unique in standard.keys.unique {
            let indices = unique.value.compactMap { fieldIndex($0, in: fields, at: unique.location, context: "a unique key") }
            if indices.count == unique.value.count { keys.append(CompiledKey(fields: indices, isPrimary: false, location: unique.location)) }
        }
        return keys
    }

    mutating func compileForeignKeys(_ standard: Standard, fields: [CompiledField]) -> [CompiledForeignKey] {
        var compiled: [CompiledForeignKey] = []
        for key in standard.keys.foreign {
            let at = key.fields.location
            let indices = key.fields.value.compactMap { fieldIndex($0, in: fields, at: at, context: "a foreign key") }
            guard indices.count == key.fields.value.count else { continue }
            var referenced: [Int]?
            if key.table == nil {
                let found = key.referencedFields.compactMap { fieldIndex($0, in: fields, at: at, context: "a foreign key's reference") }
                guard found.count == key.referencedFields.count else { continue }
                referenced = found
            }
            compiled.append(CompiledForeignKey(key: key, fields: indices, referenced: referenced))
        }
        return compiled
    }

    mutating func compileRules(_ standard: Standard, fields: [CompiledField]) -> [CompiledRowRule] {
        var compiled: [CompiledRowRule] = []
        var seen = Set<String>()
        for rule in standard.rules {
            if !seen.insert(rule.id).inserted {
                diagnostics.report(.duplicateName, "two rules have the id `\(rule.id)`", at: rule.location)
            }
            guard let assertion = bind(rule.assert, fields: fields) else { continue }
            var condition: BoundRuleExpression?
            if let when = rule.when {
                guard let bound = bind(when, fields: fields) else { continue }
                condition = bound
            }
            for index in assertion.referencedFields + (condition?.referencedFields ?? []) {
                fields[index].keepsValue = true
            }
            let read = Array(Set(assertion.referencedFields + (condition?.referencedFields ?? []))).sorted()
            compiled.append(CompiledRowRule(rule: rule, assertion: assertion, condition: condition, fields: read))
        }
        return compiled
    }

    private mutating func bind(_ text: Located<String>, fields: [CompiledField]) -> BoundRuleExpression? {
        do {
            let expression = try RuleExpressionParser.parse(text.value)
            return try BoundRuleExpression(
                expression,
                fieldKind: { name in fields.first { $0.name == name }?.ruleKind },
                fieldIndex: { name in fields.firstIndex { $0.name == name } ?? 0 },
                convertLiteral: StandardCompiler.convertLiteral,
                fieldNames: fields.map(\.name))
        } catch {
            var at = text.location
            at.column += error.offset
            diagnostics.report(.invalidRule, "in `\(text.value)`: \(error.message)", at: at)
            return nil
        }
    }

    /// Reads a literal of a row rule as a value of `kind` (dates in ISO 8601).
    static func convertLiteral(_ text: String, _ kind: RuleValueKind) -> RuleValue? {
        var copy = text
        return copy.withUTF8 { buffer -> RuleValue? in
            let bytes = UnsafeRawBufferPointer(buffer)
            switch kind {
            case .number:
                return NumberParser.parseNumber(bytes, decimalChar: UInt8(ascii: "."), groupChar: nil).map(RuleValue.number)
            case .string:
                return .string(text)
            case .boolean:
                return ["true", "True", "TRUE"].contains(text) ? .boolean(true) : (["false", "False", "FALSE"].contains(text) ? .boolean(false) : nil)
            case .instant:
                for kind in [TemporalKind.date, .datetime, .time] {
                    if let format = try? TemporalFormat(kind: kind, pattern: nil), let value = format.parse(bytes) {
                        return .instant(value.seconds, value.nanoseconds)
                    }
                }
                return nil
            }
        }
    }
}
