/// `invalid-encoding`: bytes that are not valid in the file's encoding (UTF-8 unless the standard says otherwise).
enum InvalidEncoding {
    static let rule = ValidationRule(
        id: "invalid-encoding", category: .structure, severity: .error,
        summary: "A cell holds bytes that are not valid UTF-8 (or the declared encoding), or, in CSV, a NUL byte, which no text holds. The byte offset is given; the cell is not checked further. (A file with NUL bytes in its first 64 KiB is refused as binary before any is read.)",
        examples: [
            RuleExample(standard: "fields:\n  - name: name", data: "name\ncafé\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: name", data: "name\ncaf\\xE9\n", findings: 1),
        ])

    static func message(offset: Int, encoding: TextEncoding) -> String {
        "invalid \(encoding.rawValue) byte sequence at byte offset \(offset)"
    }

    static func nulMessage(offset: Int) -> String {
        "NUL byte (0x00) at byte offset \(offset): text holds none (binary data, or UTF-16 read as UTF-8?)"
    }
}
