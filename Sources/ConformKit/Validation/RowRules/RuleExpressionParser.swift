import Parsing

/// Reads row-rule expressions such as `LastUpdatedDate >= FirstAddedDate` or
/// `Status in ['open', 'closed'] and not Amount < 0`.
///
/// ```
/// expr      := orExpr
/// orExpr    := andExpr ("or" andExpr)*
/// andExpr   := notExpr ("and" notExpr)*
/// notExpr   := "not" notExpr | primary
/// primary   := "(" expr ")" | operand [ suffix ]
/// suffix    := cmp operand | "is" ["not"] "empty" | ["not"] "in" "[" literal ("," literal)* "]"
/// operand   := fieldRef | literal
/// fieldRef  := identifier (not a keyword) | `back-quoted name` (a doubled back-quote is one back-quote)
/// literal   := number | 'single quoted' | "double quoted" (a doubled quote is one quote) | true | false
/// cmp       := "=" | "==" | "!=" | "<>" | "<" | "<=" | ">" | ">="
/// ```
///
/// Keywords (`and or not is empty in true false`) are case-insensitive; whitespace between
/// tokens is free. The grammar is written with swift-parsing combinators over the text's UTF-8
/// bytes. Every token parser records what it expected where it failed; when the whole parse
/// fails, the error names what was expected at the furthest offset reached.
public enum RuleExpressionParser {
    public static func parse(_ text: String) throws(RuleExpressionError) -> RuleExpression {
        let state = RuleGrammar.State(text: text)
        var input = text[...].utf8
        do {
            return try RuleGrammar.Whole(state: state).parse(&input)
        } catch {
            throw state.error()
        }
    }
}

/// The grammar's parsers, namespaced so their short names stay out of the module.
enum RuleGrammar {
    typealias Input = Substring.UTF8View

    /// What a parse has learned about failures: the furthest offset where a token was expected and
    /// did not come, and what was expected there.
    final class State {
        let text: String
        private(set) var furthest = -1
        private(set) var expected: [String] = []
        /// How many parentheses and `not`s enclose the parser now.
        var depth = 0
        /// An error that ends the parse whatever else was expected (too deep a nesting).
        var fatal: RuleExpressionError?

        init(text: String) { self.text = text }

        func offset(of input: Input) -> Int {
            text.utf8.distance(from: text.utf8.startIndex, to: input.startIndex)
        }

        func record(_ label: String, at offset: Int) {
            if offset > furthest {
                furthest = offset
                expected = [label]
            } else if offset == furthest, !expected.contains(label) {
                expected.append(label)
            }
        }

        func snapshot() -> (Int, [String]) { (furthest, expected) }

        func restore(_ snapshot: (Int, [String])) { (furthest, expected) = snapshot }

        /// The error for a failed parse: what was expected at the furthest offset, and what was found there.
        func error() -> RuleExpressionError {
            if let fatal { return fatal }
            guard furthest >= 0 else { return RuleExpressionError(message: "cannot read the expression", offset: 0) }
            return RuleExpressionError(message: "expected \(Self.list(expected)), found \(found(at: furthest))", offset: furthest)
        }

        private func found(at offset: Int) -> String {
            let rest = text.utf8.dropFirst(offset)
            guard let first = rest.first else { return "the end of the expression" }
            let token: Substring.UTF8View
            if RuleSyntax.isIdentifierContinue(first) {
                token = rest.prefix(while: RuleSyntax.isIdentifierContinue)
            } else {
                // One Unicode scalar: the lead byte and its continuation bytes.
                let continuation = rest.dropFirst().prefix { $0 & 0xC0 == 0x80 }
                token = rest.prefix(1 + continuation.count)
            }
            return "`\(String(decoding: token, as: UTF8.self))`"
        }

        private static func list(_ items: [String]) -> String {
            switch items.count {
            case 0: "something else"
            case 1: items[0]
            default: items.dropLast().joined(separator: ", ") + " or " + items[items.count - 1]
            }
        }
    }

    /// Skips whitespace (unless told not to), then runs `upstream`. When `upstream` fails without
    /// any of its own parts getting further than where it started, the failure is recorded as
    /// "expected `label`" at that start, replacing what its parts recorded there.
    struct Expect<Upstream: Parser>: Parser where Upstream.Input == Input {
        let label: String
        let state: State
        let skipsWhitespace: Bool
        let upstream: Upstream

        init(_ label: String, _ state: State, skipsWhitespace: Bool = true,
             @ParserBuilder<Input> _ build: () -> Upstream) {
            self.label = label
            self.state = state
            self.skipsWhitespace = skipsWhitespace
            self.upstream = build()
        }

        func parse(_ input: inout Input) throws -> Upstream.Output {
            if skipsWhitespace {
                try Whitespace<PartialRangeFrom<Int>, Conversions.Identity<Input>>().parse(&input)
            }
            let start = state.offset(of: input)
            let saved = state.snapshot()
            do {
                return try upstream.parse(&input)
            } catch {
                if state.furthest <= start {
                    state.restore(saved)
                    state.record(label, at: start)
                }
                throw error
            }
        }
    }

    /// How deep parentheses and `not` may nest: the parser recurses (and so do binding and
    /// evaluation) once per level, and a thread's stack may be small. Real rules nest a few levels.
    static let maximumDepth = 32

    struct TooDeep: Error {}

    /// Runs `upstream` one nesting level deeper, failing the whole parse past `maximumDepth`.
    struct Nested<Upstream: Parser>: Parser where Upstream.Input == Input {
        let state: State
        let upstream: Upstream

        init(_ state: State, @ParserBuilder<Input> _ build: () -> Upstream) {
            self.state = state
            self.upstream = build()
        }

        func parse(_ input: inout Input) throws -> Upstream.Output {
            state.depth += 1
            defer { state.depth -= 1 }
            if state.depth > maximumDepth {
                try Whitespace<PartialRangeFrom<Int>, Conversions.Identity<Input>>().parse(&input)
                state.fatal = state.fatal ?? RuleExpressionError(
                    message: "parentheses and `not` nest more than \(maximumDepth) deep here", offset: state.offset(of: input))
                throw TooDeep()
            }
            return try upstream.parse(&input)
        }
    }

    /// The current offset, consuming nothing.
    struct Offset: Parser {
        let state: State

        func parse(_ input: inout Input) -> Int { state.offset(of: input) }
    }

    /// A keyword, case-insensitive, as a whole word (`order` is not `or`).
    struct Keyword: Parser {
        let word: String

        init(_ word: String) { self.word = word }

        var body: some Parser<Input, Void> {
            Prefix(1...) { RuleSyntax.isIdentifierContinue($0) }
                .filter { RuleSyntax.matches($0, keyword: word) }
                .map { _ in () }
        }
    }

    /// A bare field name: `[A-Za-z_][A-Za-z0-9_]*`, not a keyword.
    struct Identifier: Parser {
        var body: some Parser<Input, String> {
            Consumed {
                Prefix(1) { RuleSyntax.isIdentifierStart($0) }
                Prefix { RuleSyntax.isIdentifierContinue($0) }
            }
            .filter { !RuleSyntax.isKeyword($0) }
            .map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// Text between two `quote` characters, where a doubled quote stands for one.
    struct Quoted: Parser {
        let quote: String
        let state: State

        var body: some Parser<Input, String> {
            let quoteByte = quote.utf8.first!
            return Parse {
                quote.utf8
                Many(into: "") { (text: inout String, piece: String) in text += piece } element: {
                    OneOf {
                        Prefix(1...) { $0 != quoteByte }.map { String(decoding: $0, as: UTF8.self) }
                        (quote + quote).utf8.map { quote }
                    }
                } terminator: {
                    Expect("a closing \(quote)", state, skipsWhitespace: false) { quote.utf8 }
                }
            }
        }
    }

    /// A number: `-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?`, not followed by a letter, digit or dot.
    struct Number: Parser {
        var body: some Parser<Input, RuleLiteral> {
            Consumed {
                Optionally { "-".utf8 }
                Prefix(1...) { RuleSyntax.isDigit($0) }
                Optionally {
                    ".".utf8
                    Prefix(1...) { RuleSyntax.isDigit($0) }
                }
                Optionally {
                    OneOf { "e".utf8; "E".utf8 }
                    Optionally { OneOf { "+".utf8; "-".utf8 } }
                    Prefix(1...) { RuleSyntax.isDigit($0) }
                }
                Not { Prefix(1) { RuleSyntax.isIdentifierContinue($0) || $0 == UInt8(ascii: ".") } }
            }
            .compactMap { bytes -> RuleLiteral? in
                let text = String(decoding: bytes, as: UTF8.self)
                guard let value = Double(text), value.isFinite else { return nil }
                return .number(value, text: text)
            }
        }
    }

    /// A literal: a number, a quoted string, `true` or `false`.
    struct Literal: Parser {
        let state: State

        var body: some Parser<Input, RuleLiteral> {
            OneOf {
                Number()
                Quoted(quote: "'", state: state).map(RuleLiteral.string)
                Quoted(quote: "\"", state: state).map(RuleLiteral.string)
                Keyword("true").map { RuleLiteral.boolean(true) }
                Keyword("false").map { RuleLiteral.boolean(false) }
            }
        }
    }

    /// A field reference, bare or back-quoted.
    struct FieldName: Parser {
        let state: State

        var body: some Parser<Input, String> {
            OneOf {
                Identifier()
                Quoted(quote: "`", state: state).filter { !$0.isEmpty }
            }
        }
    }

    /// A field reference or a literal, with its offset.
    struct Operand: Parser {
        let state: State

        var body: some Parser<Input, RuleOperand> {
            Expect("a field name or value", state) {
                Offset(state: state)
                OneOf {
                    Literal(state: state).map(RuleOperand.Term.literal)
                    FieldName(state: state).map(RuleOperand.Term.field)
                }
            }
            .map { offset, term in RuleOperand(term, offset: offset) }
        }
    }

    /// A literal in an `in` list, with its offset.
    struct ListItem: Parser {
        let state: State

        var body: some Parser<Input, RuleListItem> {
            Expect("a value", state) {
                Offset(state: state)
                Literal(state: state)
            }
            .map { offset, literal in RuleListItem(literal, offset: offset) }
        }
    }

    struct Comparison: Parser {
        var body: some Parser<Input, RuleComparison> {
            OneOf {
                "<=".utf8.map { RuleComparison.lessOrEqual }
                "<>".utf8.map { RuleComparison.notEqual }
                "<".utf8.map { RuleComparison.less }
                ">=".utf8.map { RuleComparison.greaterOrEqual }
                ">".utf8.map { RuleComparison.greater }
                "==".utf8.map { RuleComparison.equal }
                "=".utf8.map { RuleComparison.equal }
                "!=".utf8.map { RuleComparison.notEqual }
            }
        }
    }

    /// What may follow an operand.
    enum Suffix {
        case compare(RuleComparison, RuleOperand)
        case isEmpty(negated: Bool)
        case isIn([RuleListItem], negated: Bool)
    }

    struct SuffixParser: Parser {
        let state: State

        var body: some Parser<Input, Suffix> {
            OneOf {
                Parse {
                    Expect("a comparison operator", state) { Comparison() }
                    Operand(state: state)
                }
                .map { Suffix.compare($0, $1) }

                Parse {
                    Expect("`is`", state) { Keyword("is") }
                    Optionally { Expect("`not`", state) { Keyword("not") } }
                    Expect("`empty`", state) { Keyword("empty") }
                }
                .map { not in Suffix.isEmpty(negated: not != nil) }

                Parse {
                    Optionally { Expect("`not`", state) { Keyword("not") } }
                    Expect("`in`", state) { Keyword("in") }
                    Expect("`[`", state) { "[".utf8 }
                    ListItem(state: state)
                    Many(into: [RuleListItem]()) { (list: inout [RuleListItem], item: RuleListItem) in
                        list.append(item)
                    } element: {
                        Expect("`,`", state) { ",".utf8 }
                        ListItem(state: state)
                    }
                    Expect("`]`", state) { "]".utf8 }
                }
                .map { not, first, rest in Suffix.isIn([first] + rest, negated: not != nil) }
            }
        }
    }

    /// `( expr )`, or an operand with an optional suffix.
    struct Primary: Parser {
        let state: State

        var body: some Parser<Input, RuleExpression> {
            OneOf {
                Parse {
                    Expect("`(`", state) { "(".utf8 }
                    Nested(state) { OrExpression(state: state) }
                    Expect("`)`", state) { ")".utf8 }
                }

                Parse {
                    Operand(state: state)
                    Optionally { SuffixParser(state: state) }
                }
                .map { operand, suffix -> RuleExpression in
                    switch suffix {
                    case nil: .operand(operand)
                    case let .compare(comparison, rhs)?: .compare(operand, comparison, rhs)
                    case let .isEmpty(negated)?: .isEmpty(operand, negated: negated)
                    case let .isIn(list, negated)?: .isIn(operand, list, negated: negated)
                    }
                }
            }
        }
    }

    /// `not notExpr | primary`.
    struct NotExpression: Parser {
        let state: State

        var body: some Parser<Input, RuleExpression> {
            Expect("a condition", state) {
                OneOf {
                    Parse {
                        Expect("`not`", state) { Keyword("not") }
                        Nested(state) { NotExpression(state: state) }
                    }
                    .map(RuleExpression.not)

                    Primary(state: state)
                }
            }
        }
    }

    /// `notExpr ("and" notExpr)*`, as one `.and` (a parenthesized `and` chain among the operands is merged in).
    struct AndExpression: Parser {
        let state: State

        var body: some Parser<Input, RuleExpression> {
            Parse {
                NotExpression(state: state)
                Many(into: [RuleExpression]()) { (rest: inout [RuleExpression], next: RuleExpression) in
                    rest.append(next)
                } element: {
                    Expect("`and`", state) { Keyword("and") }
                    NotExpression(state: state)
                }
            }
            .map { first, rest in
                guard !rest.isEmpty else { return first }
                return .and(([first] + rest).flatMap { operand -> [RuleExpression] in
                    if case let .and(operands) = operand { operands } else { [operand] }
                })
            }
        }
    }

    /// `andExpr ("or" andExpr)*`, as one `.or` (a parenthesized `or` chain among the operands is merged in).
    struct OrExpression: Parser {
        let state: State

        var body: some Parser<Input, RuleExpression> {
            Parse {
                AndExpression(state: state)
                Many(into: [RuleExpression]()) { (rest: inout [RuleExpression], next: RuleExpression) in
                    rest.append(next)
                } element: {
                    Expect("`or`", state) { Keyword("or") }
                    AndExpression(state: state)
                }
            }
            .map { first, rest in
                guard !rest.isEmpty else { return first }
                return .or(([first] + rest).flatMap { operand -> [RuleExpression] in
                    if case let .or(operands) = operand { operands } else { [operand] }
                })
            }
        }
    }

    /// A whole expression, then the end of the text.
    struct Whole: Parser {
        let state: State

        var body: some Parser<Input, RuleExpression> {
            Parse {
                OrExpression(state: state)
                Expect("the end of the expression", state) { End() }
            }
        }
    }
}
