/// The shape of a dataset: CSV (and other delimited text), one JSON document, or NDJSON.
public enum InputFormat: String, Sendable, Codable, CaseIterable {
    case csv
    /// One JSON document: an array of records, or records at `dialect.records` / `--records`.
    case json
    /// Newline-delimited JSON (JSON Lines): one record per line.
    case ndjson

    /// The format a file name says (`.json`, `.ndjson`, `.jsonl`, `.csv`, `.tsv`; `.gz` is looked through).
    public static func fromExtension(_ path: String) -> InputFormat? {
        var name = path.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        if name.hasSuffix(".ndjson") || name.hasSuffix(".jsonl") || name.hasSuffix(".jsonlines") { return .ndjson }
        if name.hasSuffix(".json") || name.hasSuffix(".geojson") { return .json }
        if name.hasSuffix(".csv") || name.hasSuffix(".tsv") || name.hasSuffix(".tab") || name.hasSuffix(".psv") { return .csv }
        return nil
    }

    /// The format the first bytes suggest: `[` starts a JSON document; `{` starts NDJSON when
    /// the first line is a whole value and the next non-blank line starts another, else a
    /// JSON document; anything else is CSV. When the first value does not end within `head`
    /// (a long first line), it is NDJSON unless the standard expects a document (`prefersDocument`:
    /// it has `dialect.records`).
    static func sniff(_ head: ArraySlice<UInt8>, prefersDocument: Bool = false) -> InputFormat {
        guard let first = head.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else { return .csv }
        switch head[first] {
        case UInt8(ascii: "["): return .json
        case UInt8(ascii: "{"):
            // Find where the first value ends (depth back to 0, outside strings).
            var depth = 0
            var inString = false
            var escaped = false
            var index = first
            while index < head.endIndex {
                let byte = head[index]
                if inString {
                    if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    depth += 1
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { break }
                } else if byte == 0x0A {
                    // A line break inside the first value: a pretty-printed document.
                    return .json
                }
                index += 1
            }
            guard index < head.endIndex else { return prefersDocument ? .json : .ndjson }
            let rest = head[(index + 1)...]
            guard let next = rest.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else { return .json }
            return head[next] == UInt8(ascii: "{") && rest[..<next].contains(0x0A) ? .ndjson : .json
        default:
            return .csv
        }
    }
}
