/// A JSON Pointer (RFC 6901), as written in a standard's `path:` or `dialect.records`.
///
/// conform adds one extension for fields: a segment `*` matches every element of an
/// array, so `/beneficiaryLocation/*/geoCode` reaches the `geoCode` of each location.
public struct JSONPointer: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The reference tokens, unescaped (`~1` is `/`, `~0` is `~`).
    public var segments: [String]

    public init(segments: [String]) { self.segments = segments }

    /// Parses `text`; nil when it is not a pointer (non-empty and not starting with `/`,
    /// or a `~` not followed by `0` or `1`).
    public init?(_ text: String) {
        if text.isEmpty {
            segments = []
            return
        }
        guard text.hasPrefix("/") else { return nil }
        var result: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var segment = ""
            var iterator = raw.makeIterator()
            while let character = iterator.next() {
                if character == "~" {
                    switch iterator.next() {
                    case "0": segment.append("~")
                    case "1": segment.append("/")
                    default: return nil
                    }
                } else {
                    segment.append(character)
                }
            }
            result.append(segment)
        }
        segments = result
    }

    /// The pointer as written, with `~` and `/` escaped.
    public var description: String {
        segments.map { "/" + JSONPointer.escape($0) }.joined()
    }

    /// Escapes one reference token.
    public static func escape(_ segment: String) -> String {
        segment.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// The segment as an array index, when it is one (`0`, or digits without a leading zero).
    static func index(of segment: String) -> Int? {
        guard let first = segment.utf8.first, segment.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              first != 0x30 || segment.utf8.count == 1 else { return nil }
        return Int(segment)
    }

    /// True when a segment is the `*` wildcard.
    var hasWildcard: Bool { segments.contains("*") }
}
