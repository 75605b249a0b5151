import Testing
@testable import ConformKit

/// An expression that parses, and how it prints back.
struct RowRuleParseCase: Sendable, CustomTestStringConvertible {
    var text: String
    var canonical: String
    var testDescription: String { RowRuleTestName.visible(text) }

    init(_ text: String, _ canonical: String? = nil) {
        self.text = text
        self.canonical = canonical ?? text
    }
}

/// An expression that does not parse: where, and what the message says.
struct RowRuleSyntaxErrorCase: Sendable, CustomTestStringConvertible {
    var text: String
    var offset: Int
    var message: String
    var testDescription: String { RowRuleTestName.visible(text) }

    init(_ text: String, at offset: Int, _ message: String) {
        self.text = text
        self.offset = offset
        self.message = message
    }
}

@Suite("Row-rule expression parser")
struct RuleExpressionParserTests {
    static let parses: [RowRuleParseCase] = [
        // The real examples.
        .init("LastUpdatedDate >= FirstAddedDate"),
        .init("NetDwellingsRangeTo >= NetDwellingsRangeFrom"),
        .init("PermissionType is empty or PermissionDate is not empty"),
        .init("`Site Name` != ''"),
        .init("Status in ['open', 'closed'] and not Amount < 0"),
        // Operators and their canonical spelling.
        .init("A = 1"),
        .init("A == 1", "A = 1"),
        .init("A != 1"),
        .init("A <> 'x'", "A != 'x'"),
        .init("A < B"),
        .init("A <= B"),
        .init("A > B"),
        .init("A >= B"),
        .init("A>=B", "A >= B"),
        .init("A<>B", "A != B"),
        .init("A<=-1", "A <= -1"),
        .init("  A\t=\n1  ", "A = 1"),
        // Keywords are case-insensitive.
        .init("a = 1 AND b = 2 Or NOT c = 3", "a = 1 and b = 2 or not c = 3"),
        .init("NOT A IS NOT EMPTY", "not A is not empty"),
        .init("A Is Empty", "A is empty"),
        .init("A NOT IN ['x']", "A not in ['x']"),
        .init("Flag = TRUE or Flag = False", "Flag = true or Flag = false"),
        // Words that start with a keyword are field names.
        .init("order = 1 or notes is empty or android in ['x'] or isEmpty = 2 or Trueish = 3 or inner < 0"),
        .init("_private_1 = 2"),
        // Literals.
        .init("A > -3.5"),
        .init("A < 1e3", "A < 1000"),
        .init("A < 2.5E-3", "A < 0.0025"),
        .init("A = 1.50", "A = 1.5"),
        .init("A = 0012", "A = 12"),
        .init("A > 1e20", "A > 1e+20"),
        .init("A = 'it''s'"),
        .init("A = \"it's\"", "A = 'it''s'"),
        .init("A = \"say \"\"hi\"\"\"", "A = 'say \"hi\"'"),
        .init("A = ''''", "A = ''''"),
        .init("A = 'and or not'"),
        .init("A = 'café ☕'"),
        .init("1 < 2"),
        .init("'a' = \"a\"", "'a' = 'a'"),
        .init("true", "true"),
        .init("not false"),
        // Field references.
        .init("`Plain` = 1", "Plain = 1"),
        .init("`Site``s name` = 'x'"),
        .init("`and` = 1"),
        .init("`1st` > 0"),
        .init("`Café` = 'x'"),
        .init("Flag"),
        .init("not Flag"),
        .init("not not Flag"),
        // Lists.
        .init("A in [1, 2, 3]"),
        .init("A in [1,2 ,3]", "A in [1, 2, 3]"),
        .init("A not in [\"x\", 'y''s', true, -1]", "A not in ['x', 'y''s', true, -1]"),
        .init("not A in ['x']"),
        // Precedence and parentheses: only the ones the tree needs are printed.
        .init("(A = 1 or B = 2) and C = 3"),
        .init("A = 1 or (B = 2 and C = 3)", "A = 1 or B = 2 and C = 3"),
        .init("A = 1 and B = 2 or C = 3"),
        .init("A = 1 and (B = 2 and C = 3)", "A = 1 and B = 2 and C = 3"),
        .init("(A = 1 and B = 2) and C = 3", "A = 1 and B = 2 and C = 3"),
        .init("A = 1 or (B = 2 or C = 3)", "A = 1 or B = 2 or C = 3"),
        .init("A = 1 and (B = 2 or C = 3) and (D = 4 or (E = 5 and F = 6))", "A = 1 and (B = 2 or C = 3) and (D = 4 or E = 5 and F = 6)"),
        .init("((A = 1))", "A = 1"),
        .init("not (A = 1 or B = 2)"),
        .init("not (A = 1) and B is empty", "not A = 1 and B is empty"),
        .init("( not ( A is empty ) )", "not A is empty"),
    ]

    @Test("parses and prints back canonically", arguments: parses)
    func parsesCanonically(_ example: RowRuleParseCase) throws {
        let expression = try RuleExpressionParser.parse(example.text)
        #expect(expression.description == example.canonical)
        // The canonical form reads back as the same tree.
        let reparsed = try RuleExpressionParser.parse(expression.description)
        #expect(reparsed.description == example.canonical)
        #expect(Self.withoutOffsets(reparsed) == Self.withoutOffsets(expression))
    }

    static let syntaxErrors: [RowRuleSyntaxErrorCase] = [
        .init("", at: 0, "expected a condition, found the end of the expression"),
        .init("   ", at: 3, "expected a condition, found the end of the expression"),
        .init("A >=", at: 4, "expected a field name or value, found the end of the expression"),
        .init("A >= ", at: 5, "expected a field name or value, found the end of the expression"),
        .init("A == = 1", at: 5, "expected a field name or value, found `=`"),
        .init("A < = 1", at: 4, "expected a field name or value, found `=`"),
        .init("(A = 1", at: 6, "expected `and`, `or` or `)`, found the end of the expression"),
        .init("((A = 1) or B = 2", at: 17, "expected `and`, `or` or `)`, found the end of the expression"),
        .init("A = 1)", at: 5, "expected `and`, `or` or the end of the expression, found `)`"),
        .init("()", at: 1, "expected a condition, found `)`"),
        .init("A in [1,", at: 8, "expected a value, found the end of the expression"),
        .init("A in [1", at: 7, "expected `,` or `]`, found the end of the expression"),
        .init("A in []", at: 6, "expected a value, found `]`"),
        .init("A in [B]", at: 6, "expected a value, found `B`"),
        .init("A in 'x'", at: 5, "expected `[`, found `'`"),
        .init("A in ['x' 'y']", at: 10, "expected `,` or `]`, found `'`"),
        .init("A is emty", at: 5, "expected `not` or `empty`, found `emty`"),
        .init("A is not", at: 8, "expected `empty`, found the end of the expression"),
        .init("A not", at: 5, "expected `in`, found the end of the expression"),
        .init("A not is empty", at: 6, "expected `in`, found `is`"),
        .init("A and", at: 5, "expected a condition, found the end of the expression"),
        .init("A = 1 or or B", at: 9, "expected a condition, found `or`"),
        .init("not", at: 3, "expected a condition, found the end of the expression"),
        .init("and = 1", at: 0, "expected a condition, found `and`"),
        .init("A = 'abc", at: 8, "expected a closing ', found the end of the expression"),
        .init("A = \"abc'", at: 9, "expected a closing \", found the end of the expression"),
        .init("`Site Name = 1", at: 14, "expected a closing `, found the end of the expression"),
        .init("`` = 1", at: 0, "expected a condition, found ```"),
        .init("A = 12abc", at: 4, "expected a field name or value, found `12abc`"),
        .init("A = 1.", at: 4, "expected a field name or value, found `1`"),
        .init("A = .5", at: 4, "expected a field name or value, found `.`"),
        .init("A = +5", at: 4, "expected a field name or value, found `+`"),
        .init("A = 1e", at: 4, "expected a field name or value, found `1e`"),
        .init("A = 1e999", at: 4, "expected a field name or value, found `1e999`"),
        .init("A B", at: 2, "expected a comparison operator, `is`, `not`, `in`, `and`, `or` or the end of the expression, found `B`"),
        .init("A = 1 B", at: 6, "expected `and`, `or` or the end of the expression, found `B`"),
        .init("A = 1 ; B = 2", at: 6, "expected `and`, `or` or the end of the expression, found `;`"),
        .init("A = é", at: 4, "expected a field name or value, found `é`"),
        .init("`Café` = ", at: 10, "expected a field name or value, found the end of the expression"),
    ]

    @Test("reports where and what it expected", arguments: syntaxErrors)
    func reportsSyntaxErrors(_ example: RowRuleSyntaxErrorCase) {
        #expect(throws: RuleExpressionError(message: example.message, offset: example.offset)) {
            try RuleExpressionParser.parse(example.text)
        }
    }

    @Test func treeCarriesByteOffsets() throws {
        let expression = try RuleExpressionParser.parse("`Site Name` != ''")
        #expect(expression == .compare(.field("Site Name", offset: 0), .notEqual, .literal(.string(""), offset: 15)))

        // Offsets count UTF-8 bytes: `é` is two.
        let accented = try RuleExpressionParser.parse("`Café` = 'x'")
        #expect(accented == .compare(.field("Café", offset: 0), .equal, .literal(.string("x"), offset: 10)))
    }

    @Test func realExampleTrees() throws {
        #expect(try RuleExpressionParser.parse("LastUpdatedDate >= FirstAddedDate")
            == .compare(.field("LastUpdatedDate", offset: 0), .greaterOrEqual, .field("FirstAddedDate", offset: 19)))

        #expect(try RuleExpressionParser.parse("PermissionType is empty or PermissionDate is not empty")
            == .or([.isEmpty(.field("PermissionType", offset: 0), negated: false),
                    .isEmpty(.field("PermissionDate", offset: 27), negated: true)]))

        #expect(try RuleExpressionParser.parse("Status in ['open', 'closed'] and not Amount < 0")
            == .and([.isIn(.field("Status", offset: 0),
                           [RuleListItem(.string("open"), offset: 11), RuleListItem(.string("closed"), offset: 19)],
                           negated: false),
                     .not(.compare(.field("Amount", offset: 37), .less, .literal(.number(0, text: "0"), offset: 46)))]))
    }

    @Test func chainsAndPrecedence() throws {
        func field(_ name: String) -> RuleExpression { .operand(.field(name, offset: 0)) }
        let (a, b, c, d, e) = (field("a"), field("b"), field("c"), field("d"), field("e"))
        #expect(try Self.withoutOffsets(RuleExpressionParser.parse("a or b or c and not d")) == .or([a, b, .and([c, .not(d)])]))
        // A parenthesized chain of the same operator merges into its parent; another operator stays nested.
        #expect(try Self.withoutOffsets(RuleExpressionParser.parse("(a and b) and (c and (d)) and e")) == .and([a, b, c, d, e]))
        #expect(try Self.withoutOffsets(RuleExpressionParser.parse("a or (b or c)")) == .or([a, b, c]))
        #expect(try Self.withoutOffsets(RuleExpressionParser.parse("(a or b) and c")) == .and([.or([a, b]), c]))
        #expect(try Self.withoutOffsets(RuleExpressionParser.parse("not (a and b)")) == .not(.and([a, b])))
    }

    @Test func longChainsStayShallow() throws {
        let text = (0..<500).map { "F\($0) = \($0)" }.joined(separator: " and ")
        guard case let .and(operands) = try RuleExpressionParser.parse(text) else {
            Issue.record("not an `and`")
            return
        }
        #expect(operands.count == 500)
        #expect(operands[499] == .compare(.field("F499", offset: text.utf8.count - 10), .equal,
                                           .literal(.number(499, text: "499"), offset: text.utf8.count - 3)))
    }

    @Test func nestingIsLimited() throws {
        let limit = RuleGrammar.maximumDepth
        let deepest = String(repeating: "(", count: limit) + "A = 1" + String(repeating: ")", count: limit)
        #expect(try RuleExpressionParser.parse(deepest).description == "A = 1")
        let nots = String(repeating: "not ", count: limit) + "Flag"
        #expect(try RuleExpressionParser.parse(nots).description == nots)

        let tooDeep = "(" + deepest + ")"
        #expect(throws: RuleExpressionError(message: "parentheses and `not` nest more than 32 deep here", offset: 33)) {
            try RuleExpressionParser.parse(tooDeep)
        }
        #expect(throws: RuleExpressionError(message: "parentheses and `not` nest more than 32 deep here", offset: 132)) {
            try RuleExpressionParser.parse("not " + nots)
        }
        let mixed = String(repeating: "not (", count: 17) + "A = 1" + String(repeating: ")", count: 17)
        #expect(throws: RuleExpressionError(message: "parentheses and `not` nest more than 32 deep here", offset: 84)) {
            try RuleExpressionParser.parse(mixed)
        }
        // Thousands of levels fail cleanly instead of exhausting the stack.
        let absurd = String(repeating: "(", count: 100_000) + "A = 1" + String(repeating: ")", count: 100_000)
        #expect(throws: RuleExpressionError.self) { try RuleExpressionParser.parse(absurd) }
    }

    @Test func handBuiltTreesPrintUnambiguously() {
        let a = RuleExpression.operand(.field("a", offset: 0))
        let b = RuleExpression.operand(.field("b", offset: 0))
        let c = RuleExpression.operand(.field("c", offset: 0))
        #expect(RuleExpression.and([.or([a, b]), c]).description == "(a or b) and c")
        #expect(RuleExpression.or([.or([a, b]), c]).description == "a or b or c")
        #expect(RuleExpression.not(.and([.or([a, b])])).description == "not (a or b)")
        #expect(RuleExpression.and([.or([a]), b]).description == "a and b")
        #expect(RuleExpression.and([]).description == "true")
        #expect(RuleExpression.or([]).description == "false")
        #expect(RuleExpression.compare(.literal(.number(-0.5), offset: 0), .less, .literal(.number(1e-7), offset: 0)).description
            == "-0.5 < 1e-07")
    }

    @Test func numberLiteralsKeepTheirText() throws {
        let expression = try RuleExpressionParser.parse("Year >= 2017.0 and Ratio < -1E3")
        guard case let .and(operands) = expression, operands.count == 2,
              case let .compare(_, _, first) = operands[0], case let .compare(_, _, second) = operands[1],
              case let .literal(.number(value1, text1)) = first.term,
              case let .literal(.number(value2, text2)) = second.term else {
            Issue.record("unexpected tree \(expression)")
            return
        }
        #expect(value1 == 2017 && text1 == "2017.0")
        #expect(value2 == -1000 && text2 == "-1E3")
    }

    @Test func errorDescriptionNamesTheOffset() {
        #expect(RuleExpressionError(message: "expected x", offset: 3).description == "expected x (at offset 3)")
    }

    /// The tree with every offset set to 0, to compare trees read from different texts.
    static func withoutOffsets(_ expression: RuleExpression) -> RuleExpression {
        // Number texts differ between `1e3` and its canonical `1000`: compare values only.
        func plain(_ literal: RuleLiteral) -> RuleLiteral {
            if case let .number(value, _) = literal { return .number(value) }
            return literal
        }
        func clear(_ operand: RuleOperand) -> RuleOperand {
            switch operand.term {
            case .field: RuleOperand(operand.term, offset: 0)
            case let .literal(literal): RuleOperand(.literal(plain(literal)), offset: 0)
            }
        }
        switch expression {
        case let .or(operands): return .or(operands.map(withoutOffsets))
        case let .and(operands): return .and(operands.map(withoutOffsets))
        case let .not(e): return .not(withoutOffsets(e))
        case let .compare(l, op, r): return .compare(clear(l), op, clear(r))
        case let .isEmpty(o, negated): return .isEmpty(clear(o), negated: negated)
        case let .isIn(o, list, negated):
            return .isIn(clear(o), list.map { RuleListItem(plain($0.literal), offset: 0) }, negated: negated)
        case let .operand(o): return .operand(clear(o))
        }
    }
}

/// Test names with tabs and line breaks shown as escapes.
enum RowRuleTestName {
    static func visible(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
