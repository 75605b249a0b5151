/// `cell-too-large`: a cell over the cell size limit (`--max-cell-size`, 16 MiB by default).
enum CellTooLarge {
    static let rule = ValidationRule(
        id: "cell-too-large", category: .structure, severity: .error,
        summary: "A cell is larger than the cell size limit (`--max-cell-size`, 16 MiB by default), so it is not held in memory: its row is passed over without further checks and reading goes on. Its size and first characters are given.",
        examples: [
            RuleExample(standard: "fields:\n  - name: id\n  - name: notes", data: "id,notes\n1,short\n", findings: 0,
                        limits: InputLimits(maxCellSize: 16)),
            RuleExample(standard: "fields:\n  - name: id\n  - name: notes", data: "id,notes\n1,a note longer than sixteen bytes\n2,short\n",
                        findings: 1, limits: InputLimits(maxCellSize: 16)),
        ])

    static func message(bytes: Int, limit: Int) -> String {
        "cell is \(describeBytes(bytes)), over the \(describeBytes(limit)) limit; its row was passed over without further checks (--max-cell-size raises the limit)"
    }
}
