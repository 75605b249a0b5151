import Foundation

/// A rule conform applies to data, with its stable id (part of the public contract),
/// default severity, meaning, and examples that pass and fail.
///
/// Each rule lives in its own file under `Validation/Checks/` together with its
/// message factory; `ValidationRule.all` is the explicit registry.
public struct ValidationRule: Sendable, Hashable, Codable {
    /// Where in the data the rule looks.
    public enum Category: String, Sendable, Codable, CaseIterable {
        case structure, header, cell, table
    }

    public var id: String
    public var category: Category
    /// Severity when the standard does not set one (a field's `severity` overrides it for cell rules).
    public var severity: Severity
    public var summary: String
    /// Standards and data that trigger the rule (findings > 0) or do not (findings == 0).
    public var examples: [RuleExample]
}

/// A worked example: a standard fragment (YAML appended after `conform: 1` and `id:`),
/// a dataset (CSV unless `format` says otherwise), and how many findings of the rule it produces.
///
/// In `data`, `\xHH` stands for the raw byte HH, so examples can hold invalid UTF-8.
public struct RuleExample: Sendable, Hashable, Codable {
    public var standard: String
    public var data: String
    public var findings: Int
    /// The dataset's format.
    public var format: InputFormat
    /// Limits other than the defaults the example runs with (small, to keep examples short).
    public var limits: InputLimits?

    public init(standard: String, data: String, findings: Int, format: InputFormat = .csv, limits: InputLimits? = nil) {
        self.standard = standard
        self.data = data
        self.findings = findings
        self.format = format
        self.limits = limits
    }

    /// The command-line flags that set `limits` (empty without them).
    public var limitFlags: String {
        guard let limits else { return "" }
        var flags: [String] = []
        let standard = InputLimits.default
        if limits.maxCellSize != standard.maxCellSize { flags.append("--max-cell-size \(limits.maxCellSize)") }
        if limits.maxRecordSize != standard.maxRecordSize { flags.append("--max-record-size \(limits.maxRecordSize)") }
        if limits.maxColumns != standard.maxColumns { flags.append("--max-columns \(limits.maxColumns)") }
        return flags.joined(separator: " ")
    }

    /// `data` as bytes, with `\xHH` escapes decoded.
    public var dataBytes: [UInt8] {
        var bytes: [UInt8] = []
        let utf8 = Array(data.utf8)
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "\\"), i + 3 < utf8.count, utf8[i + 1] == UInt8(ascii: "x"),
               let value = UInt8(String(decoding: utf8[(i + 2)...(i + 3)], as: UTF8.self), radix: 16) {
                bytes.append(value)
                i += 4
            } else {
                bytes.append(utf8[i])
                i += 1
            }
        }
        return bytes
    }
}

extension ValidationRule {
    /// Every data rule, in documentation order.
    public static let all: [ValidationRule] = [
        InvalidEncoding.rule, UnclosedQuote.rule, StrayQuote.rule, BlankRow.rule, ExtraCell.rule, MissingCell.rule,
        CellTooLarge.rule, RecordTooLarge.rule,
        MissingColumn.rule, ExtraColumn.rule, DuplicateColumn.rule, BlankHeader.rule, ColumnOrder.rule,
        MissingValue.rule, TypeMismatch.rule, PatternMismatch.rule, PatternTimeout.rule, NotInCodelist.rule,
        TooShort.rule, TooLong.rule, BelowMinimum.rule, AboveMaximum.rule, ChecksumFailed.rule,
        SurroundingWhitespace.rule,
        TooFewItems.rule, TooManyItems.rule,
        DuplicateValue.rule, DuplicateKey.rule, ForeignKeyViolation.rule, RuleFailed.rule,
        InvalidJSON.rule, RecordsNotFound.rule, NotAnObject.rule, DuplicateMember.rule,
    ]

    /// The rule with this id.
    public static func named(_ id: String) -> ValidationRule? { all.first { $0.id == id } }
}

/// Shortens a value for display: at most `limit` characters, with an ellipsis.
func shortened(_ value: String, limit: Int = 80) -> String {
    value.count <= limit ? value : String(value.prefix(limit - 1)) + "…"
}

/// A value quoted for a message.
func quoted(_ value: String) -> String {
    "\"" + shortened(value).replacingOccurrences(of: "\"", with: "\\\"") + "\""
}
