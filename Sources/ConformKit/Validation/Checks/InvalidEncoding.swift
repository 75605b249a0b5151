/// `invalid-encoding`: bytes that are not valid in the file's encoding (UTF-8 unless the standard says otherwise).
enum InvalidEncoding {
    static let rule = ValidationRule(
        id: "invalid-encoding", category: .structure, severity: .error,
        summary: "A cell holds bytes that are not valid UTF-8 (or the declared encoding). The byte offset is given; the cell is not checked further.",
        examples: [
            RuleExample(standard: "fields:\n  - name: name", data: "name\ncafé\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: name", data: "name\ncaf\\xE9\n", findings: 1),
        ])

    static func message(offset: Int, encoding: TextEncoding) -> String {
        "invalid \(encoding.rawValue) byte sequence at byte offset \(offset)"
    }
}
