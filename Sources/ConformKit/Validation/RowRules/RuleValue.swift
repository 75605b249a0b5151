/// A value of one field in one row, as the validation engine hands it over.
public enum RuleValue: Sendable, Equatable {
    /// A missing or unparseable cell.
    case empty
    case number(Double)
    case string(String)
    case boolean(Bool)
    /// A date, datetime or time: seconds since the epoch and nanoseconds; comparable.
    case instant(Int64, Int32)

    /// The kind of the value, or nil for `.empty`.
    public var kind: RuleValueKind? {
        switch self {
        case .empty: nil
        case .number: .number
        case .string: .string
        case .boolean: .boolean
        case .instant: .instant
        }
    }
}

/// The kind of a field's values, as a row rule sees them.
public enum RuleValueKind: Sendable, Equatable, CustomStringConvertible {
    case number, string, boolean, instant

    /// The kind's name in messages: "number", "string", "boolean", "date/time".
    public var description: String {
        switch self {
        case .number: "number"
        case .string: "string"
        case .boolean: "boolean"
        case .instant: "date/time"
        }
    }
}

extension RuleValue {
    /// Orders two non-empty values of the same kind: negative, zero or positive; nil when they
    /// cannot be compared (different kinds, an empty value, or a NaN). Strings compare by their
    /// UTF-8 bytes; `false` orders before `true` (used only to sort `in` lists).
    @inline(__always)
    static func order(_ lhs: RuleValue, _ rhs: RuleValue) -> Int? {
        switch (lhs, rhs) {
        case let (.number(a), .number(b)):
            if a < b { return -1 }
            if a > b { return 1 }
            return a == b ? 0 : nil
        case let (.string(a), .string(b)):
            return compareUTF8(a, b)
        case let (.boolean(a), .boolean(b)):
            return a == b ? 0 : (a ? 1 : -1)
        case let (.instant(s1, n1), .instant(s2, n2)):
            if s1 != s2 { return s1 < s2 ? -1 : 1 }
            if n1 != n2 { return n1 < n2 ? -1 : 1 }
            return 0
        default:
            return nil
        }
    }

    /// Compares two strings byte by byte in UTF-8 (no Unicode normalisation), without allocating.
    static func compareUTF8(_ a: String, _ b: String) -> Int {
        let fast = a.utf8.withContiguousStorageIfAvailable { pa in
            b.utf8.withContiguousStorageIfAvailable { pb in compareBytes(pa, pb) }
        }
        if let fast, let result = fast { return result }
        var ia = a.utf8.makeIterator()
        var ib = b.utf8.makeIterator()
        while true {
            switch (ia.next(), ib.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (x?, y?): if x != y { return x < y ? -1 : 1 }
            }
        }
    }

    private static func compareBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        var i = 0
        while i < common {
            let x = a[i], y = b[i]
            if x != y { return x < y ? -1 : 1 }
            i += 1
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}
