/// Compiles a resolved standard into per-column checkers, reporting every problem
/// that makes a constraint unusable as a lint finding. `Linter` runs it too, so a
/// standard that lints clean always compiles.
struct StandardCompiler {
    let resolved: ResolvedStandard
    var diagnostics = Diagnostics()

    init(_ resolved: ResolvedStandard) { self.resolved = resolved }

    /// The type chain of `name`: built-in base, merged constraints, and the named types crossed.
    mutating func resolveType(_ name: Located<String>) -> (BaseType, Constraints)? {
        var constraints = Constraints()
        var current = name
        var visited: [String] = []
        while true {
            if let base = BaseType(rawValue: current.value) { return (base, constraints) }
            guard let named = resolved.types[current.value] else {
                let known = BaseType.allCases.map(\.rawValue) + resolved.types.keys.sorted()
                diagnostics.report(.unknownType, "unknown type `\(current.value)`", at: current.location,
                                   hint: Suggestions.closest(to: current.value, in: known).map { "did you mean `\($0)`?" })
                return nil
            }
            if visited.contains(named.name) {
                diagnostics.report(.unknownType, "type `\(named.name)` is defined in terms of itself (\((visited + [named.name]).joined(separator: " → ")))",
                                   at: named.location)
                return nil
            }
            visited.append(named.name)
            constraints = constraints.inheriting(from: named.constraints)
            current = named.base
        }
    }

    mutating func compile(_ field: Field) -> CompiledField? {
        guard let (base, inherited) = resolveType(field.type) else { return nil }
        var constraints = field.constraints.inheriting(from: inherited)
        var ok = true

        // An XML Schema datatype narrows the base type; a number format rewrites how numbers are read.
        var xsdType: XSDType? = nil
        if let name = constraints.xsdType {
            if let type = XSDType(rawValue: name.value), type.fits(base) {
                xsdType = type
            } else {
                diagnostics.report(.invalidValue, "`xsdType` \(name.value) does not fit a field of type \(base.rawValue)"
                                   + (XSDType(rawValue: name.value).map { " (use type: \($0.base.rawValue))" } ?? ""), at: name.location)
                ok = false
            }
        }
        var numberFormat: NumberFormat?
        if (base == .integer || base == .number) && (constraints.numberFormat != nil || xsdType?.numberKind != nil) {
            let kind = xsdType?.numberKind ?? (base == .integer ? .integer(range: nil) : .double)
            do throws(NumberFormatError) {
                numberFormat = try NumberFormat(pattern: constraints.numberFormat?.value, kind: kind,
                                                decimalChar: singleByte(constraints.decimalChar, ok: &ok) ?? UInt8(ascii: "."),
                                                groupChar: singleByte(constraints.groupChar, ok: &ok))
            } catch {
                diagnostics.report(.invalidValue, "`numberFormat` cannot be used: \(error.message)",
                                   at: constraints.numberFormat?.location ?? field.location)
                return nil
            }
        }
        // (A date or time `format` replaces the lexical form.)
        let lexical: Pattern? = constraints.format != nil && [.date, .datetime, .time].contains(base)
            ? nil : xsdType?.lexicalPattern.flatMap { try? Pattern($0) }

        // Type-specific parser.
        let parser: ValueParser
        switch base {
        case .string, .code, .any, .array: parser = .text
        case .integer where numberFormat != nil, .number where numberFormat != nil: parser = .formattedNumber(numberFormat!)
        case .integer: parser = .integer(groupChar: singleByte(constraints.groupChar, ok: &ok))
        case .number:
            parser = .number(decimalChar: singleByte(constraints.decimalChar, ok: &ok) ?? UInt8(ascii: "."),
                             groupChar: singleByte(constraints.groupChar, ok: &ok))
        case .boolean:
            parser = .boolean(BooleanValues(trueValues: constraints.trueValues?.value ?? BooleanValues.defaultTrueValues,
                                           falseValues: constraints.falseValues?.value ?? BooleanValues.defaultFalseValues))
        case .date, .datetime, .time:
            let kind: TemporalKind = base == .date ? .date : (base == .datetime ? .datetime : .time)
            // An xsd:date may carry a UTC offset, which ISO 8601 dates in conform do not.
            let pattern = constraints.format?.value ?? (xsdType == .date ? "%Y-%m-%d%?z" : nil)
            do {
                parser = .temporal(try TemporalFormat(kind: kind, pattern: pattern))
            } catch {
                diagnostics.report(.invalidValue, "`format` \"\(constraints.format?.value ?? "")\" cannot be used: \(error)",
                                   at: constraints.format?.location ?? field.location)
                return nil
            }
        case .year: parser = .year
        case .uri: parser = .uri
        case .email: parser = .email
        case .uuid: parser = .uuid
        }

        // Constraints that make no sense for the type.
        let isOrdered = [.integer, .number, .date, .datetime, .time, .year].contains(base)
        func notApplicable<T>(_ constraint: Located<T>?, _ key: String) {
            if let constraint {
                diagnostics.report(.constraintNotApplicable, "`\(key)` has no effect on a field of type \(base.rawValue)", at: constraint.location)
            }
        }
        if !isOrdered {
            notApplicable(constraints.minimum, "minimum")
            notApplicable(constraints.maximum, "maximum")
            notApplicable(constraints.exclusiveMinimum, "exclusiveMinimum")
            notApplicable(constraints.exclusiveMaximum, "exclusiveMaximum")
        }
        if ![.date, .datetime, .time].contains(base) { notApplicable(constraints.format, "format") }
        if base != .boolean {
            notApplicable(constraints.trueValues, "trueValues")
            notApplicable(constraints.falseValues, "falseValues")
        }
        if base != .number { notApplicable(constraints.decimalChar, "decimalChar") }
        if base != .number && base != .integer { notApplicable(constraints.groupChar, "groupChar") }
        if base != .number && base != .integer { notApplicable(constraints.numberFormat, "numberFormat") }
        if let separator = field.separator {
            if separator.value.isEmpty {
                diagnostics.report(.invalidValue, "`separator` must not be empty", at: separator.location)
                ok = false
            } else if base != .array {
                diagnostics.report(.constraintNotApplicable, "`separator` splits a cell into the items of an array: use `type: array` with `items`",
                                   at: separator.location)
            }
        }

        // Pattern.
        var pattern: Pattern?
        if let source = constraints.pattern {
            do {
                pattern = try Pattern(source.value)
            } catch {
                var at = source.location
                at.column += 0
                diagnostics.report(.invalidPattern,
                                   "pattern cannot be compiled: \(error.message) at offset \(error.offset) of \"\(source.value)\"",
                                   at: at)
                ok = false
            }
        }

        // Code list or enum.
        var allowed: ByteStringSet?
        var allowedName: String?
        var allowedLocation: SourceLocation?
        if let listName = constraints.codelist {
            if let list = resolved.codelists[listName.value] {
                allowed = ByteStringSet(list.values)
                allowedName = list.name
                allowedLocation = listName.location
            } else {
                diagnostics.report(.unknownCodelist, "unknown code list `\(listName.value)`", at: listName.location,
                                   hint: Suggestions.closest(to: listName.value, in: resolved.codelists.keys.sorted()).map { "did you mean `\($0)`?" })
                ok = false
            }
        } else if base == .code, constraints.enumValues == nil {
            diagnostics.report(.unknownCodelist, "field \(field.name) has type code but no `codelist`", at: field.type.location)
            ok = false
        }
        if let values = constraints.enumValues {
            allowed = ByteStringSet(values.value)
            allowedName = nil
            allowedLocation = values.location
        }

        // Lengths.
        if let minimum = constraints.minLength, minimum.value < 0 {
            diagnostics.report(.invalidValue, "`minLength` must not be negative", at: minimum.location)
            ok = false
        }
        if let minimum = constraints.minLength, let maximum = constraints.maxLength, minimum.value > maximum.value {
            diagnostics.report(.conflictingConstraints, "minLength \(minimum.value) is greater than maxLength \(maximum.value): no value can pass",
                               at: minimum.location)
            ok = false
        }

        // Bounds, read as values of the type.
        func bound(_ text: Located<String>?, exclusive: Bool, key: String) -> Bound? {
            guard let text, isOrdered else { return nil }
            var copy = text.value
            let value = copy.withUTF8 { buffer -> ParsedValue? in
                let bytes = UnsafeRawBufferPointer(buffer)
                switch parser {
                case .integer:
                    if let integer = NumberParser.parseInteger(bytes, groupChar: nil) { return .integer(integer) }
                    return NumberParser.parseNumber(bytes, decimalChar: UInt8(ascii: "."), groupChar: nil).map(ParsedValue.number)
                case .number, .formattedNumber:
                    return NumberParser.parseNumber(bytes, decimalChar: UInt8(ascii: "."), groupChar: nil).map(ParsedValue.number)
                case .temporal(let format):
                    // Bounds are written in ISO 8601 whatever the data's format; the data's format is also accepted.
                    if let iso = try? TemporalFormat(kind: format.kind, pattern: nil), let value = iso.parse(bytes) { return .temporal(value) }
                    return format.parse(bytes).map(ParsedValue.temporal)
                case .year:
                    return SimpleTypes.parseYear(bytes).map(ParsedValue.year)
                default:
                    return nil
                }
            }
            guard let value else {
                diagnostics.report(.conflictingConstraints, "`\(key)` \"\(text.value)\" is not a valid \(base.rawValue)", at: text.location)
                ok = false
                return nil
            }
            return Bound(value: value, exclusive: exclusive, text: text.value, location: text.location)
        }
        let minimum = bound(constraints.minimum, exclusive: false, key: "minimum")
        let exclusiveMinimum = bound(constraints.exclusiveMinimum, exclusive: true, key: "exclusiveMinimum")
        let maximum = bound(constraints.maximum, exclusive: false, key: "maximum")
        let exclusiveMaximum = bound(constraints.exclusiveMaximum, exclusive: true, key: "exclusiveMaximum")
        let lower = Self.tighter(minimum, exclusiveMinimum, lower: true)
        let upper = Self.tighter(maximum, exclusiveMaximum, lower: false)
        if let lower, let upper, let order = lower.value.compare(upper.value),
           order > 0 || (order == 0 && (lower.exclusive || upper.exclusive)) {
            diagnostics.report(.conflictingConstraints, "the lower bound \(lower.text) is not below the upper bound \(upper.text): no value can pass",
                               at: lower.location)
            ok = false
        }

        // Arrays: the elements' type, and bounds on their number. Constraints on values belong in `items`.
        var items: CompiledField?
        if base == .array {
            func onElements<T>(_ constraint: Located<T>?, _ key: String) {
                if let constraint {
                    diagnostics.report(.constraintNotApplicable, "`\(key)` has no effect on an array field; put it under `items:` to check each element",
                                       at: constraint.location)
                }
            }
            onElements(constraints.pattern, "pattern")
            onElements(constraints.enumValues, "enum")
            onElements(constraints.codelist, "codelist")
            onElements(constraints.minLength, "minLength")
            onElements(constraints.maxLength, "maxLength")
            onElements(field.unique, "unique")
            pattern = nil
            allowed = nil
            constraints.minLength = nil
            constraints.maxLength = nil
            if let spec = field.items {
                var element = Field(name: field.name, type: spec.type, constraints: spec.constraints, severity: field.severity,
                                    aliases: [], location: spec.location)
                element.coerce = field.coerce
                if let (itemBase, _) = resolveType(spec.type), itemBase == .array {
                    diagnostics.report(.invalidValue, "`items` of field \(field.name) cannot be an array (arrays of arrays are not supported)",
                                       at: spec.type.location)
                    ok = false
                } else if let compiled = compile(element) {
                    items = compiled
                } else {
                    ok = false
                }
            }
            for (bound, key) in [(field.minItems, "minItems"), (field.maxItems, "maxItems")] where (bound?.value ?? 0) < 0 {
                diagnostics.report(.invalidValue, "`\(key)` must not be negative", at: bound!.location)
                ok = false
            }
            if let minimum = field.minItems, let maximum = field.maxItems, minimum.value > maximum.value {
                diagnostics.report(.conflictingConstraints, "minItems \(minimum.value) is greater than maxItems \(maximum.value): no array can pass",
                                   at: minimum.location)
                ok = false
            }
        } else {
            if let spec = field.items {
                diagnostics.report(.constraintNotApplicable, "`items` has no effect on a field of type \(base.rawValue); use `type: array`",
                                   at: spec.location)
            }
            notApplicable(field.minItems, "minItems")
            notApplicable(field.maxItems, "maxItems")
        }
        if let path = field.path, let pointer = JSONPointer(path.value), pointer.segments.filter({ $0 == "*" }).count > 8 {
            diagnostics.report(.invalidValue, "`path` has more than 8 `*` segments", at: path.location)
            ok = false
        }

        guard ok else { return nil }
        return CompiledField(field: field, base: base, typeName: xsdType?.rawValue ?? field.type.value, parser: parser,
                             required: field.isRequired, requiredLocation: field.required?.location,
                             constraints: constraints, pattern: pattern, allowed: allowed, allowedName: allowedName,
                             allowedLocation: allowedLocation, lower: lower, upper: upper, items: items, lexical: lexical)
    }

    private static func tighter(_ inclusive: Bound?, _ exclusive: Bound?, lower: Bool) -> Bound? {
        guard let inclusive else { return exclusive }
        guard let exclusive else { return inclusive }
        guard let order = inclusive.value.compare(exclusive.value) else { return inclusive }
        if lower { return order > 0 ? inclusive : exclusive }
        return order < 0 ? inclusive : exclusive
    }

    private mutating func singleByte(_ text: Located<String>?, ok: inout Bool) -> UInt8? {
        guard let text else { return nil }
        let bytes = Array(text.value.utf8)
        if bytes.count == 1 { return bytes[0] }
        diagnostics.report(.invalidValue, "must be a single ASCII character, not \"\(text.value)\"", at: text.location)
        ok = false
        return nil
    }
}
