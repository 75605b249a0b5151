import Foundation

/// `--format json`: the report as JSON, described by `docs/report.schema.json`.
///
/// Keys are sorted, slashes are not escaped, nil values are left out, and the
/// output ends with a newline, so the same report always gives the same bytes.
public struct JSONRenderer: ReportRenderer {
    public static let name = "json"

    public init() {}

    public func render(_ report: ValidationReport, options: RenderOptions) -> String {
        encode(report)
    }

    public func render(_ report: LintReport, options: RenderOptions) -> String {
        encode(report)
    }

    public func render(_ report: ComparisonReport, options: RenderOptions) -> String {
        encode(report)
    }

    private func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(value)
            return String(decoding: data, as: UTF8.self) + "\n"
        } catch {
            // The report types hold only strings, integers, booleans and enums,
            // which always encode; reaching this is a programming error.
            preconditionFailure("cannot encode report as JSON: \(error)")
        }
    }
}
