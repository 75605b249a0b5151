/// Reads a JSON document (a standard to import: small) into a `SourceNode` tree with the line
/// and column of every value.
///
/// Foundation's `JSONSerialization` gives no positions, and Yams reads JSON only when it is
/// also valid YAML 1.1 (tabs before keys are not). Published schemas also break JSON in known
/// ways; these are read anyway and each is reported (`tolerances`), never silently:
/// an invalid escape such as `\d` inside a string (kept as the two characters, which is what
/// the publisher meant in a pattern), a trailing comma, and a byte-order mark.
struct TolerantJSONParser {
    /// A deviation from strict JSON that was read anyway.
    struct Tolerance: Sendable {
        var message: String
        var location: SourceLocation
    }

    /// Where strict reading stopped, with the deviations read leniently before it.
    struct Failure: Error, Sendable {
        var message: String
        var location: SourceLocation
        var tolerances: [Tolerance] = []
    }

    /// How deep objects and arrays may nest (a standard never needs more).
    static let maxDepth = 512

    private let bytes: [UInt8]
    private let file: String
    private var index = 0
    private var line = 1
    private var lineStart = 0
    /// The last column measured: at byte `columnIndex` of the line starting at `columnLineStart`.
    /// Columns are counted on from there, so a document on one line (minified) is not counted
    /// from its start at every value, which took hours for a 60 MiB one.
    private var columnLineStart = 0
    private var columnIndex = 0
    private var column = 1
    private(set) var tolerances: [Tolerance] = []

    init(text: String, file: String) {
        bytes = Array(text.utf8)
        self.file = file
    }

    /// Parses the whole document.
    static func parse(_ text: String, file: String) -> Result<(SourceNode, [Tolerance]), Failure> {
        var parser = TolerantJSONParser(text: text, file: file)
        do {
            if parser.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
            let node = try parser.value(depth: 0)
            parser.skipSpace()
            if parser.index < parser.bytes.count { throw parser.failure("unexpected text after the document") }
            return .success((node, parser.tolerances))
        } catch var failure as Failure {
            failure.tolerances = parser.tolerances
            return .failure(failure)
        } catch {
            return .failure(Failure(message: "\(error)", location: SourceLocation(file: file, line: 1, column: 1),
                                    tolerances: parser.tolerances))
        }
    }

    private var here: SourceLocation {
        mutating get {
            // Columns count characters (Unicode scalars), as Yams' do.
            let end = min(index, bytes.count)
            if columnLineStart != lineStart || columnIndex > end {
                columnLineStart = lineStart
                columnIndex = lineStart
                column = 1
            }
            column += bytes[columnIndex..<end].reduce(0) { $0 + (($1 & 0xC0) == 0x80 ? 0 : 1) }
            columnIndex = end
            return SourceLocation(file: file, line: line, column: column)
        }
    }

    private mutating func failure(_ message: String) -> Failure { Failure(message: message, location: here) }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws -> SourceNode {
        skipSpace()
        guard index < bytes.count else { throw failure("the document ends where a value was expected") }
        guard depth < Self.maxDepth else { throw failure("nested more than \(Self.maxDepth) deep") }
        let start = here
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var members: [SourceNode.Member] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return SourceNode(value: .object(members), location: start)
            }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a member name in double quotes") }
                let keyLocation = here
                let key = try string()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected `:` after the member name") }
                index += 1
                members.append(SourceNode.Member(key: key, keyLocation: keyLocation, value: try value(depth: depth + 1)))
                skipSpace()
                guard index < bytes.count else { throw failure("the document ends inside an object") }
                if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return SourceNode(value: .object(members), location: start)
                }
                guard bytes[index] == UInt8(ascii: ",") else { throw failure("expected `,` or `}`") }
                let comma = here
                index += 1
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    tolerances.append(Tolerance(message: "a trailing comma before `}` (not JSON)", location: comma))
                    index += 1
                    return SourceNode(value: .object(members), location: start)
                }
            }
        case UInt8(ascii: "["):
            index += 1
            var elements: [SourceNode] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return SourceNode(value: .array(elements), location: start)
            }
            while true {
                elements.append(try value(depth: depth + 1))
                skipSpace()
                guard index < bytes.count else { throw failure("the document ends inside an array") }
                if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return SourceNode(value: .array(elements), location: start)
                }
                guard bytes[index] == UInt8(ascii: ",") else { throw failure("expected `,` or `]`") }
                let comma = here
                index += 1
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    tolerances.append(Tolerance(message: "a trailing comma before `]` (not JSON)", location: comma))
                    index += 1
                    return SourceNode(value: .array(elements), location: start)
                }
            }
        case UInt8(ascii: "\""):
            return SourceNode(value: .string(try string()), location: start)
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            for (word, result) in [("true", SourceNode.Value.bool(true)), ("false", .bool(false)), ("null", .null)]
            where bytes[index...].starts(with: word.utf8) {
                index += word.utf8.count
                return SourceNode(value: result, location: start)
            }
            throw failure("unexpected text where a value was expected")
        default:
            let from = index
            while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
            let text = String(decoding: bytes[from..<index], as: UTF8.self)
            guard !text.isEmpty, Double(text) != nil else {
                index = from
                throw failure("unexpected character where a value was expected")
            }
            return SourceNode(value: .number(text), location: start)
        }
    }

    /// A string at `index` (on its opening quote).
    private mutating func string() throws -> String {
        index += 1
        var out: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count else { throw failure("the document ends inside a string") }
                let escape = bytes[index + 1]
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard index + 6 <= bytes.count, let unit = UInt32(String(decoding: bytes[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16) else {
                        throw failure("`\\u` must be followed by four hexadecimal digits")
                    }
                    var scalar = unit
                    var consumed = 6
                    if (0xD800..<0xDC00).contains(unit), index + 12 <= bytes.count, bytes[index + 6] == UInt8(ascii: "\\"), bytes[index + 7] == UInt8(ascii: "u"),
                       let low = UInt32(String(decoding: bytes[(index + 8)..<(index + 12)], as: UTF8.self), radix: 16), (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        consumed = 12
                    }
                    out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
                    index += consumed
                    continue
                default:
                    tolerances.append(Tolerance(
                        message: "`\\\(Character(Unicode.Scalar(escape)))` is not a JSON escape; read as the two characters `\\\(Character(Unicode.Scalar(escape)))`",
                        location: here))
                    out.append(UInt8(ascii: "\\"))
                    out.append(escape)
                }
                index += 2
            case 0x0A:
                throw failure("a line break inside a string")
            default:
                out.append(byte)
                index += 1
            }
        }
        throw failure("the document ends inside a string")
    }
}
