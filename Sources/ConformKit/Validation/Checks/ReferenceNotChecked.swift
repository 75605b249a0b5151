/// `reference-not-checked`: a foreign key to a table of the package whose data was not given,
/// so the references could not be checked.
enum ReferenceNotChecked {
    static let rule = ValidationRule(
        id: "reference-not-checked", category: .table, severity: .warning,
        summary: "A table's foreign key references another table of the package whose data file was not given (or could not be read): its references were not checked. Give every referenced table's file, or the whole folder.",
        examples: [])

    static func message(fields: [String], reference: String, table: String) -> String {
        "\(fields.joined(separator: ", ")) → \(reference): the data of table \(table) was not given, so these references were not checked"
    }
}
