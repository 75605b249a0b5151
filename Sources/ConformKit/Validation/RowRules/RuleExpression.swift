/// A parse or bind error with the UTF-8 byte offset in the expression text where it was noticed.
public struct RuleExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// UTF-8 byte offset from the start of the expression text.
    public var offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(message) (at offset \(offset))" }
}

/// The syntax tree of a row-rule expression, as `RuleExpressionParser` reads it.
///
/// `and` and `or` hold all the operands of a chain (`a or b or c` is one `.or` of three), and the
/// parser never puts an `.and` directly inside an `.and` (nor an `.or` inside an `.or`): the
/// tree's depth is its nesting of parentheses and `not`, however long the chains.
///
/// `description` prints it back in canonical form: lower-case keywords, `=` and `!=` for
/// equality, single-quoted strings, back-quoted field names only where needed, and parentheses
/// only where the tree needs them, so parsing the description gives the same tree again
/// (offsets aside).
public indirect enum RuleExpression: Sendable, Equatable, CustomStringConvertible {
    /// `a or b or ...`: true when any operand is true. (An empty `.or` is false.)
    case or([RuleExpression])
    /// `a and b and ...`: true when every operand is true. (An empty `.and` is true.)
    case and([RuleExpression])
    /// `not operand`.
    case not(RuleExpression)
    /// `lhs <op> rhs`.
    case compare(RuleOperand, RuleComparison, RuleOperand)
    /// `operand is empty`, or `operand is not empty` when `negated`.
    case isEmpty(RuleOperand, negated: Bool)
    /// `operand in [list]`, or `operand not in [list]` when `negated`.
    case isIn(RuleOperand, [RuleListItem], negated: Bool)
    /// A bare operand: true when its value is boolean `true`.
    case operand(RuleOperand)

    public var description: String {
        switch self {
        case let .or(operands):
            if operands.isEmpty { return "false" }
            return operands.map(\.description).joined(separator: " or ")
        case let .and(operands):
            if operands.isEmpty { return "true" }
            if operands.count == 1 { return operands[0].description }
            return operands.map { $0.parenthesized(if: $0.level == 0) }.joined(separator: " and ")
        case let .not(operand):
            return "not \(operand.parenthesized(if: operand.level < 2))"
        case let .compare(lhs, comparison, rhs):
            return "\(lhs) \(comparison) \(rhs)"
        case let .isEmpty(operand, negated):
            return "\(operand) is \(negated ? "not " : "")empty"
        case let .isIn(operand, list, negated):
            let items = list.map { $0.literal.description }.joined(separator: ", ")
            return "\(operand) \(negated ? "not " : "")in [\(items)]"
        case let .operand(operand):
            return operand.description
        }
    }

    /// How the description binds at its top: 0 an `or` chain, 1 an `and` chain, 2 tighter.
    private var level: Int {
        switch self {
        case let .or(operands): operands.count > 1 ? 0 : (operands.first?.level ?? 2)
        case let .and(operands): operands.count > 1 ? 1 : (operands.first?.level ?? 2)
        default: 2
        }
    }

    private func parenthesized(if condition: Bool) -> String {
        condition ? "(\(description))" : description
    }
}

/// A comparison operator. `==` reads as `.equal` and `<>` as `.notEqual`.
public enum RuleComparison: String, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    /// Whether the operator orders its operands (`<`, `<=`, `>`, `>=`), as opposed to testing equality.
    public var isOrdering: Bool { self != .equal && self != .notEqual }

    public var description: String { rawValue }

    /// Whether the comparison holds, given the order of the operands (negative, zero, positive).
    @inline(__always)
    func holds(_ order: Int) -> Bool {
        switch self {
        case .equal: order == 0
        case .notEqual: order != 0
        case .less: order < 0
        case .lessOrEqual: order <= 0
        case .greater: order > 0
        case .greaterOrEqual: order >= 0
        }
    }
}

/// A field reference or a literal, with the UTF-8 byte offset where it starts in the expression text.
public struct RuleOperand: Sendable, Equatable, CustomStringConvertible {
    public enum Term: Sendable, Equatable {
        /// A field by name (without back-quotes).
        case field(String)
        case literal(RuleLiteral)
    }

    public var term: Term
    public var offset: Int

    public init(_ term: Term, offset: Int) {
        self.term = term
        self.offset = offset
    }

    public static func field(_ name: String, offset: Int) -> RuleOperand { RuleOperand(.field(name), offset: offset) }
    public static func literal(_ literal: RuleLiteral, offset: Int) -> RuleOperand { RuleOperand(.literal(literal), offset: offset) }

    public var description: String {
        switch term {
        case let .field(name): RuleSyntax.fieldReference(name)
        case let .literal(literal): literal.description
        }
    }
}

/// A literal in an `in` list, with the UTF-8 byte offset where it starts.
public struct RuleListItem: Sendable, Equatable, CustomStringConvertible {
    public var literal: RuleLiteral
    public var offset: Int

    public init(_ literal: RuleLiteral, offset: Int) {
        self.literal = literal
        self.offset = offset
    }

    public var description: String { literal.description }
}

/// A literal as written.
public enum RuleLiteral: Sendable, Equatable, CustomStringConvertible {
    /// A number, with its text as written (handed to `convertLiteral` when the other side is not a number).
    case number(Double, text: String)
    /// A quoted string, quotes removed and doubled quotes undone.
    case string(String)
    case boolean(Bool)

    /// A number literal whose text is the canonical spelling of `value`.
    public static func number(_ value: Double) -> RuleLiteral { .number(value, text: RuleSyntax.canonicalNumber(value)) }

    /// The text handed to `convertLiteral`: a number as written, a string's contents, `true` or `false`.
    public var text: String {
        switch self {
        case let .number(_, text): text
        case let .string(value): value
        case let .boolean(value): value ? "true" : "false"
        }
    }

    /// The literal as a value of its own kind.
    public var value: RuleValue {
        switch self {
        case let .number(value, _): .number(value)
        case let .string(value): .string(value)
        case let .boolean(value): .boolean(value)
        }
    }

    /// The literal's own kind.
    public var kind: RuleValueKind {
        switch self {
        case .number: .number
        case .string: .string
        case .boolean: .boolean
        }
    }

    public var description: String {
        switch self {
        case let .number(value, _): RuleSyntax.canonicalNumber(value)
        case let .string(value): "'" + value.replacingQuotes("'") + "'"
        case let .boolean(value): value ? "true" : "false"
        }
    }
}

/// Lexical facts shared by the parser and the printer.
enum RuleSyntax {
    static let keywords: [String] = ["and", "or", "not", "is", "empty", "in", "true", "false"]

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
    }

    static func isIdentifierContinue(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Whether `word` (ASCII letters) equals the lower-case `keyword`, ignoring case.
    static func matches<C: Collection<UInt8>>(_ word: C, keyword: String) -> Bool {
        word.count == keyword.utf8.count
            && zip(word, keyword.utf8).allSatisfy { ($0 | 0x20) == $1 }
    }

    static func isKeyword<C: Collection<UInt8>>(_ word: C) -> Bool {
        keywords.contains { matches(word, keyword: $0) }
    }

    /// A field name as written in an expression: bare when it is an identifier and not a keyword,
    /// back-quoted (with back-quotes doubled) otherwise.
    static func fieldReference(_ name: String) -> String {
        let bytes = name.utf8
        if let first = bytes.first, isIdentifierStart(first), bytes.allSatisfy(isIdentifierContinue), !isKeyword(bytes) {
            return name
        }
        return "`" + name.replacingQuotes("`") + "`"
    }

    /// The shortest text that reads back as `value`: integers without a fraction, others as Swift prints them.
    static func canonicalNumber(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }
}

extension String {
    /// The string with every `quote` doubled.
    fileprivate func replacingQuotes(_ quote: Unicode.Scalar) -> String {
        guard unicodeScalars.contains(quote) else { return self }
        var result = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            result.append(scalar)
            if scalar == quote { result.append(scalar) }
        }
        return String(result)
    }
}
