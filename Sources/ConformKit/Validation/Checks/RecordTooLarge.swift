/// `record-too-large`: a record over the record size limit or with more cells than the column limit.
enum RecordTooLarge {
    static let rule = ValidationRule(
        id: "record-too-large", category: .structure, severity: .error,
        summary: "A record is larger than the record size limit (`--max-record-size`, 64 MiB by default) or, in CSV, has more cells than the column limit (`--max-columns`, 100,000 by default), so it is not held in memory: it is passed over without further checks and reading goes on.",
        examples: [
            RuleExample(standard: "fields:\n  - name: a\n  - name: b", data: "a,b\n1,2\n", findings: 0,
                        limits: InputLimits(maxColumns: 3)),
            RuleExample(standard: "fields:\n  - name: a\n  - name: b", data: "a,b\n1,2,3,4,5\n6,7\n", findings: 1,
                        limits: InputLimits(maxColumns: 3)),
            RuleExample(standard: "fields:\n  - name: a", data: "[{\"a\": \"a value longer than forty bytes in all\"}, {\"a\": \"x\"}]",
                        findings: 1, format: .json, limits: InputLimits(maxCellSize: 16, maxRecordSize: 40)),
        ])

    static func message(cells: Int, limit: Int) -> String {
        "record has \(cells) cells, over the limit of \(limit); it was passed over without further checks (--max-columns raises the limit)"
    }

    static func message(bytes: Int, limit: Int) -> String {
        "record is \(describeBytes(bytes)), over the \(describeBytes(limit)) limit; it was passed over without further checks (--max-record-size raises the limit)"
    }
}
