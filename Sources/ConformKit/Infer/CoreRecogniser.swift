/// A named type of `uk-gov/core` that `conform infer` proposes for a column whose every value
/// matches it, tested with the type's own pattern (and checksum) as the standard writes them, so
/// that what infer recognises is exactly what validation will accept.
final class CoreRecogniser {
    /// The type's name in `uk-gov/core`, e.g. `uk-postcode`.
    let typeName: String
    private let pattern: Pattern
    private let checksum: ChecksumAlgorithm?
    /// Lengths (bytes) a value can have; anything else fails without running the pattern.
    private let lengths: ClosedRange<Int>
    /// Keep counting past a few mismatches, to say how many values match (postcodes are often
    /// written loosely: lower case, no space).
    let tolerant: Bool

    init(typeName: String, pattern: Pattern, checksum: ChecksumAlgorithm?, lengths: ClosedRange<Int>, tolerant: Bool) {
        self.typeName = typeName
        self.pattern = pattern
        self.checksum = checksum
        self.lengths = lengths
        self.tolerant = tolerant
    }

    @inline(__always)
    func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard lengths.contains(bytes.count), pattern.matches(bytes) == .match else { return false }
        return checksum?.validates(bytes) ?? true
    }

    /// The types recognised by their pattern, in order of preference, with the byte lengths their
    /// values can have.
    static let known: [(name: String, lengths: ClosedRange<Int>, tolerant: Bool)] = [
        ("local-authority-uri", 36...300, false),
        ("uk-postcode", 6...8, true),
        ("nhs-number", 10...10, false),
        ("national-insurance-number", 9...9, false),
        ("companies-house-number", 8...8, false),
    ]
}

/// What `conform infer` takes from `uk-gov/core`: pattern recognisers, the integer ranges of UPRNs
/// and USRNs, and the country code list. Empty when the standard cannot be found (infer then
/// proposes built-in types only).
struct CoreTypes {
    /// The id the draft names in `uses`.
    static let id = "uk-gov/core"

    var recognisers: [CoreRecogniser] = []
    /// Integer types recognised by the column's name (`uprn`, `usrn`): name, minimum, maximum.
    var namedIntegers: [(name: String, minimum: Int64, maximum: Int64)] = []
    /// The codes of `country-code`'s code list.
    var countryCodes: Set<String> = []
    /// Type names available (`iso-date`, `iso-datetime`, ...).
    var typeNames: Set<String> = []

    var isAvailable: Bool { !typeNames.isEmpty }

    init() {}

    init(searchPaths: [String]) {
        guard let resolved = StandardResolver(searchPaths: searchPaths).resolve(Self.id), resolved.isUsable else { return }
        let types = resolved.types
        typeNames = Set(types.keys)
        for known in CoreRecogniser.known {
            guard let type = types[known.name], let source = type.constraints.pattern?.value,
                  let pattern = try? Pattern(source) else { continue }
            recognisers.append(CoreRecogniser(typeName: known.name, pattern: pattern, checksum: type.constraints.checksum?.value,
                                              lengths: known.lengths, tolerant: known.tolerant))
        }
        for name in ["uprn", "usrn"] {
            guard let type = types[name], type.base.value == "integer",
                  let minimum = type.constraints.minimum.flatMap({ Int64($0.value) }),
                  let maximum = type.constraints.maximum.flatMap({ Int64($0.value) }) else { continue }
            namedIntegers.append((name, minimum, maximum))
        }
        if let type = types["country-code"], let list = type.constraints.codelist?.value, let codes = resolved.codelists[list] {
            countryCodes = Set(codes.values)
        }
    }
}
