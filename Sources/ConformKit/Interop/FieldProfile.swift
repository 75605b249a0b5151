/// What one field of a standard accepts, in the terms two standards are compared in: its
/// compiled checker (type, pattern, code list, lengths, bounds), its allowed values, and a
/// few values it accepts, to show as examples.
struct FieldProfile {
    let compiled: CompiledField
    /// Allowed values (`enum` or code list), in the order written; nil when any value of the type goes.
    let allowedValues: [String]?
    /// Which standard the field belongs to (for messages).
    let standardID: String
    /// The standard's `missingValues`.
    var missingValues: [String] = [""]

    var field: Field { compiled.field }
    var name: String { compiled.name }
    var base: BaseType { compiled.base }
    var required: Bool { compiled.required }
    var constraints: Constraints { compiled.constraints }

    /// The date/time format, for temporal fields.
    var temporal: TemporalFormat? {
        if case let .temporal(format) = compiled.parser { return format }
        return nil
    }

    /// True when `value` (a CSV cell's text) passes every check of the field: a missing value
    /// passes unless the field is required; otherwise type, pattern, code list, lengths, bounds, checksum.
    func accepts(_ value: String) -> Bool {
        var text = value
        return text.withUTF8 { buffer in
            let bytes = UnsafeRawBufferPointer(buffer)
            if bytes.isEmpty { return !required }
            guard let parsed = compiled.parse(bytes) else { return false }
            if compiled.hasPattern && compiled.matchPattern(bytes) != .match { return false }
            if compiled.hasAllowed && !compiled.isAllowed(bytes) { return false }
            if compiled.minLength >= 0 || compiled.maxLength >= 0 {
                let length = UTF8Validation.scalarCount(bytes)
                if compiled.minLength >= 0 && length < compiled.minLength { return false }
                if compiled.maxLength >= 0 && length > compiled.maxLength { return false }
            }
            if compiled.hasBounds && !compiled.withinBounds(parsed) { return false }
            if let checksum = compiled.checksum, !checksum.validates(bytes) { return false }
            return true
        }
    }

    // One check at a time, to tell which constraint rejects a value.

    /// True when `value` reads as the field's type (and format).
    func parses(_ value: String) -> Bool { withBytes(value) { compiled.parse($0) != nil } }

    /// True when the field has no pattern or `value` matches it.
    func matchesPattern(_ value: String) -> Bool {
        withBytes(value) { !compiled.hasPattern || compiled.matchPattern($0) == .match }
    }

    /// True when the field has no code list or enum, or `value` is in it.
    func inCodelist(_ value: String) -> Bool { withBytes(value) { !compiled.hasAllowed || compiled.isAllowed($0) } }

    /// True when `value`'s length is within `minLength` and `maxLength`.
    func withinLengths(_ value: String) -> Bool {
        let length = value.unicodeScalars.count
        return (compiled.minLength < 0 || length >= compiled.minLength) && (compiled.maxLength < 0 || length <= compiled.maxLength)
    }

    /// True when `value` reads as the type and is within the bounds (or does not read: another check's business).
    func withinBounds(_ value: String) -> Bool {
        withBytes(value) { bytes in
            guard compiled.hasBounds, let parsed = compiled.parse(bytes) else { return true }
            return compiled.withinBounds(parsed)
        }
    }

    /// `value` read as the field's type, when it reads.
    func value(_ text: String) -> ParsedValue? { withBytes(text) { compiled.parse($0) } }

    private func withBytes<T>(_ value: String, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        var text = value
        return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }

    /// Every value the field can take when it is a closed list: its code list or `enum`, or a
    /// pattern that only lists values; nil otherwise.
    var closedValues: [String]? {
        if let allowedValues { return allowedValues }
        if let pattern = constraints.pattern, let list = PatternDiffers.fixedList(pattern.value) { return list }
        return nil
    }

    /// A few values the field accepts (its example, code-list values, values at its bounds and
    /// lengths, typical values of its type), without duplicates; possibly empty (a pattern no
    /// candidate matches).
    var samples: [String] {
        var candidates: [String] = []
        if let example = field.example { candidates.append(example) }
        if let allowedValues { candidates += allowedValues.prefix(200) }
        if let pattern = constraints.pattern, let list = PatternDiffers.fixedList(pattern.value) { candidates += list }
        for bound in [compiled.lower, compiled.upper].compactMap({ $0 }) { candidates.append(bound.text) }
        switch base {
        case .integer: candidates += ["12", "0", "1", "-5", "1000000", "-1000000", "2147483648"]
        case .number:
            // Written with the field's decimal separator.
            let decimal = String(Character(Unicode.Scalar(compiled.decimalChar)))
            candidates += ["1.5", "12", "0.25", "-3.75", "1000000.125", "-1000000.125", "0.001"].map { $0.replacingOccurrences(of: ".", with: decimal) }
        case .boolean:
            candidates += compiled.booleans.trueValues + compiled.booleans.falseValues
        case .date, .datetime, .time:
            if let format = temporal { candidates.append(format.sample) }
        case .year: candidates += ["2024", "1999"]
        case .uri: candidates += ["https://example.org/a"]
        case .email: candidates += ["someone@example.org"]
        case .uuid: candidates += ["123e4567-e89b-12d3-a456-426614174000"]
        case .string, .code, .any, .array:
            candidates += ["example", "Example text, with punctuation & spaces"]
            if compiled.maxLength > 0 && compiled.maxLength <= 10_000 { candidates.append(String(repeating: "x", count: compiled.maxLength)) }
            if compiled.minLength > 0 && compiled.minLength <= 10_000 { candidates.append(String(repeating: "x", count: compiled.minLength)) }
        }
        var seen = Set<String>()
        return candidates.filter { !$0.isEmpty && seen.insert($0).inserted && accepts($0) }
    }

    /// Builds the profiles of a loaded standard's fields.
    static func profiles(of resolved: ResolvedStandard) -> [FieldProfile] {
        guard case let .success(compiled) = CompiledStandard.compile(resolved) else { return [] }
        return compiled.fields.map { field in
            var allowed: [String]?
            if let values = field.constraints.enumValues {
                allowed = values.value
            } else if let list = field.constraints.codelist, let codelist = resolved.codelists[list.value] {
                allowed = codelist.values
            }
            return FieldProfile(compiled: field, allowedValues: allowed, standardID: resolved.standard.id,
                                missingValues: resolved.standard.missingValues)
        }
    }
}
