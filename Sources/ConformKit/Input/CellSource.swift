/// The cells of the record a reader has just read, as the validator sees them: bytes to check,
/// and, on the slow path of a finding, where each cell is.
///
/// `CSVReader` (cells are columns) and `JSONReader` (cells are the values fields picked out)
/// conform; the validator's checks are generic over it, so each is specialized with no
/// dynamic dispatch in the hot loop.
protocol CellSource: AnyObject {
    /// True when cells are columns with positions (CSV); false when they are values found by name (JSON).
    static var hasColumns: Bool { get }
    /// Physical line where the current record starts.
    var recordLine: Int { get }
    /// Cells in the current record.
    var cellCount: Int { get }
    /// The content of cell `index`.
    func cell(_ index: Int) -> UnsafeRawBufferPointer
    /// Physical line where cell `index` starts.
    func line(ofCell index: Int) -> Int
    /// 1-based character position of cell `index` on its line.
    func characterPosition(ofCell index: Int) -> Int
    /// Byte offset in the stream of cell `index`'s first raw byte.
    func byteOffset(ofCell index: Int) -> Int
    /// Byte offset in the stream of the byte at `contentOffset` in cell `index`'s content.
    func byteOffset(ofCell index: Int, contentOffset: Int) -> Int
    /// The JSON Pointer of cell `index` (nil for CSV).
    func pointer(ofCell index: Int) -> String?
    /// Where a finding about the whole record points, when the format has such a place (JSON:
    /// the record's pointer and its first character); nil for CSV, whose row findings give the line.
    var recordPlace: (pointer: String, character: Int)? { get }
    /// True for a JSON `null`, which counts as missing.
    func isNull(_ index: Int) -> Bool
    /// Reads cell `index` (content `bytes`) as `field`'s type; nil when it is not a value of it.
    func read(_ index: Int, _ bytes: UnsafeRawBufferPointer, as field: CompiledField) -> ParsedValue?
    /// For a value whose JSON type the field does not take: that type (nil for CSV, or when the type is right).
    func wrongKind(_ index: Int, for field: CompiledField) -> JSONKind?
}

extension CSVReader: CellSource {
    static var hasColumns: Bool { true }
    var cellCount: Int { cells.count }
    @inline(__always) func line(ofCell index: Int) -> Int { cells[index].line }
    func pointer(ofCell index: Int) -> String? { nil }
    var recordPlace: (pointer: String, character: Int)? { nil }
    @inline(__always) func isNull(_ index: Int) -> Bool { false }
    @inline(__always) func read(_ index: Int, _ bytes: UnsafeRawBufferPointer, as field: CompiledField) -> ParsedValue? {
        field.parse(bytes)
    }
    func wrongKind(_ index: Int, for field: CompiledField) -> JSONKind? { nil }
}

extension JSONReader: CellSource {
    static var hasColumns: Bool { false }
    var cellCount: Int { cells.count }
    func line(ofCell index: Int) -> Int { cells[index].line }
    func pointer(ofCell index: Int) -> String? { jsonPointer(ofCell: index) }
    var recordPlace: (pointer: String, character: Int)? { (recordPointer, recordCharacterPosition) }
    @inline(__always) func isNull(_ index: Int) -> Bool { cells[index].kind == .null }

    /// JSON values are read by their JSON type: numbers for numeric fields, `true`/`false` for
    /// booleans, strings for the rest (dates, codes, text); a string holding a value of another
    /// type only with `coerce: true`.
    @inline(__always) func read(_ index: Int, _ bytes: UnsafeRawBufferPointer, as field: CompiledField) -> ParsedValue? {
        let kind = cells[index].kind
        switch field.json {
        case .string:
            if kind == .string || (field.coerce && (kind == .number || kind == .true || kind == .false)) { return field.parse(bytes) }
        case .number:
            if kind == .number { return JSONReader.number(bytes, integer: field.kind == .integer) }
            if kind == .string && field.coerce { return field.parse(bytes) }
        case .boolean:
            if kind == .true { return .boolean(true) }
            if kind == .false { return .boolean(false) }
            if kind == .string && field.coerce { return field.parse(bytes) }
        case .year:
            if kind == .number || kind == .string { return field.parse(bytes) }
        case .any:
            return ParsedValue.none
        case .array:
            if kind == .array { return ParsedValue.none }
        }
        return nil
    }

    func wrongKind(_ index: Int, for field: CompiledField) -> JSONKind? {
        let kind = cells[index].kind
        switch field.json {
        case .string: return kind == .string || (field.coerce && kind != .object && kind != .array) ? nil : kind
        case .number: return kind == .number || (field.coerce && kind == .string) ? nil : kind
        case .boolean: return kind == .true || kind == .false || (field.coerce && kind == .string) ? nil : kind
        case .year: return kind == .number || kind == .string ? nil : kind
        case .any: return nil
        case .array: return kind == .array ? nil : kind
        }
    }

    /// A JSON number (already valid JSON syntax) as a value; for integers, a whole number
    /// written with a fraction or exponent (`12.0`, `1e3`) counts, as in JSON Schema.
    static func number(_ bytes: UnsafeRawBufferPointer, integer: Bool) -> ParsedValue? {
        if integer {
            if let value = NumberParser.parseInteger(bytes, groupChar: nil) { return .integer(value) }
            guard let value = NumberParser.parseNumber(bytes, decimalChar: UInt8(ascii: "."), groupChar: nil),
                  value == value.rounded(), abs(value) < 9.2e18 else { return nil }
            return .integer(Int64(value))
        }
        return NumberParser.parseNumber(bytes, decimalChar: UInt8(ascii: "."), groupChar: nil).map(ParsedValue.number)
    }
}
