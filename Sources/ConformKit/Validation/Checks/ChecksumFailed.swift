/// `checksum-failed`: a check digit that does not verify.
enum ChecksumFailed {
    static let rule = ValidationRule(
        id: "checksum-failed", category: .cell, severity: .error,
        summary: "A value's check digit is wrong for the field's `checksum` (nhs-mod11, luhn or mod97).",
        examples: [
            RuleExample(standard: "fields:\n  - name: nhs\n    checksum: nhs-mod11", data: "nhs\n9434765919\n", findings: 0),
            RuleExample(standard: "fields:\n  - name: nhs\n    checksum: nhs-mod11", data: "nhs\n9434765918\n", findings: 1),
        ])

    static func message(value: String, algorithm: ChecksumAlgorithm) -> String {
        "\(quoted(value)) fails the \(algorithm.rawValue) check"
    }
}
