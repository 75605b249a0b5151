import Testing
@testable import ConformKit

/// A table to bind expressions to, like the one the validation engine compiles from a standard.
enum RowRuleTable {
    static let fields: [(name: String, kind: RuleValueKind)] = [
        ("LastUpdatedDate", .instant),       // 0
        ("FirstAddedDate", .instant),        // 1
        ("NetDwellingsRangeTo", .number),    // 2
        ("NetDwellingsRangeFrom", .number),  // 3
        ("PermissionType", .string),         // 4
        ("PermissionDate", .instant),        // 5
        ("Site Name", .string),              // 6
        ("Status", .string),                 // 7
        ("Amount", .number),                 // 8
        ("Flag", .boolean),                  // 9
        ("Active", .boolean),                // 10
        ("Code", .string),                   // 11
    ]

    static func bind(_ text: String) throws -> BoundRuleExpression {
        try BoundRuleExpression(
            RuleExpressionParser.parse(text),
            fieldKind: { name in fields.first { $0.name == name }?.kind },
            fieldIndex: { name in fields.firstIndex { $0.name == name }! },
            convertLiteral: convert,
            fieldNames: fields.map(\.name))
    }

    /// Reads literals the way a standard would: numbers, `true`/`false`, ISO dates (YYYY-MM-DD).
    static func convert(_ text: String, _ kind: RuleValueKind) -> RuleValue? {
        switch kind {
        case .number: Double(text).map(RuleValue.number)
        case .string: .string(text)
        case .boolean: ["true": true, "false": false][text.lowercased()].map(RuleValue.boolean)
        case .instant: date(text)
        }
    }

    /// `YYYY-MM-DD` as an instant (midnight UTC), or nil.
    static func date(_ text: String) -> RuleValue? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int64(parts[0]), let m = Int64(parts[1]), let d = Int64(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        // Days from the civil date (Howard Hinnant's algorithm).
        let year = m <= 2 ? y - 1 : y
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return .instant((era * 146_097 + dayOfEra - 719_468) * 86_400, 0)
    }

    static func day(_ text: String) -> RuleValue { date(text)! }

    /// A row: the named values, every other field empty.
    static func row(_ values: [String: RuleValue]) -> [RuleValue] {
        fields.map { values[$0.name] ?? .empty }
    }
}

/// An expression that does not bind: where, and what the message says.
struct RowRuleBindErrorCase: Sendable, CustomTestStringConvertible {
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

/// An expression evaluated on one row.
struct RowRuleEvaluationCase: Sendable, CustomTestStringConvertible {
    var text: String
    var values: [String: RuleValue]
    var expected: Bool?
    var testDescription: String {
        let shown = values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        return "\(text) with [\(shown)] → \(expected.map(String.init) ?? "unknown")"
    }

    init(_ text: String, _ values: [String: RuleValue], _ expected: Bool?) {
        self.text = text
        self.values = values
        self.expected = expected
    }
}

@Suite("Row-rule binding and evaluation")
struct BoundRuleExpressionTests {
    static let bindErrors: [RowRuleBindErrorCase] = [
        .init("LastUpdatedDat >= FirstAddedDate", at: 0,
              "unknown field `LastUpdatedDat`; did you mean `LastUpdatedDate`?"),
        .init("LastUpdatedDate >= FirstAdedDate", at: 19,
              "unknown field `FirstAdedDate`; did you mean `FirstAddedDate`?"),
        .init("status = 'open'", at: 0, "unknown field `status`; did you mean `Status`?"),
        .init("`site name` != ''", at: 0, "unknown field `site name`; did you mean `Site Name`?"),
        .init("Amout > 0", at: 0, "unknown field `Amout`; did you mean `Amount`?"),
        .init("Xyz = 1", at: 0, "unknown field `Xyz`"),
        .init("LastUpdated >= FirstAddedDate", at: 0, "unknown field `LastUpdated`"),
        .init("0 < Amonut", at: 4, "unknown field `Amonut`; did you mean `Amount`?"),
        .init("Stat is empty", at: 0, "unknown field `Stat`; did you mean `Status`?"),
        .init("Statu in ['open']", at: 0, "unknown field `Statu`; did you mean `Status`?"),
        .init("Flags", at: 0, "unknown field `Flags`; did you mean `Flag`?"),
        .init("Amount > 0 and (Status = 'x' or Bogus is empty)", at: 32, "unknown field `Bogus`"),
        // Kinds.
        .init("Amount = Status", at: 0, "cannot compare number `Amount` with string `Status`"),
        .init("LastUpdatedDate >= Amount", at: 0, "cannot compare date/time `LastUpdatedDate` with number `Amount`"),
        .init("Flag = Active and Flag != Code", at: 18, "cannot compare boolean `Flag` with string `Code`"),
        .init("Amount > 'abc'", at: 9, "cannot read 'abc' as a number"),
        .init("'abc' < Amount", at: 0, "cannot read 'abc' as a number"),
        .init("LastUpdatedDate >= '2017-13-45'", at: 19, "cannot read '2017-13-45' as a date/time"),
        .init("LastUpdatedDate >= 2017", at: 19, "cannot read '2017' as a date/time"),
        .init("Flag = 1", at: 7, "cannot read '1' as a boolean"),
        .init("Amount = true", at: 9, "cannot read 'true' as a number"),
        .init("Amount in [1, 'two']", at: 14, "cannot read 'two' as a number"),
        .init("1 = 'a'", at: 0, "cannot compare number 1 with string 'a'"),
        .init("'a' in ['a', 1]", at: 13, "cannot compare string 'a' with number 1"),
        // Booleans only compare for equality.
        .init("Flag < true", at: 0, "cannot use `<` on boolean `Flag`; booleans compare only with `=` and `!=`"),
        .init("false >= Active", at: 9, "cannot use `>=` on boolean `Active`; booleans compare only with `=` and `!=`"),
        .init("Flag > Active", at: 0, "cannot use `>` on boolean `Flag`; booleans compare only with `=` and `!=`"),
        .init("true < false", at: 0, "cannot use `<` on boolean true; booleans compare only with `=` and `!=`"),
        // A bare operand must be a boolean.
        .init("Amount", at: 0, "`Amount` is a number field, not a condition; compare it with something or test `is empty`"),
        .init("Flag and `Site Name`", at: 9, "`Site Name` is a string field, not a condition; compare it with something or test `is empty`"),
        .init("'x'", at: 0, "'x' is not a condition"),
        .init("not 1", at: 4, "1 is not a condition"),
    ]

    @Test("reports binding errors where they are", arguments: bindErrors)
    func reportsBindErrors(_ example: RowRuleBindErrorCase) {
        #expect(throws: RuleExpressionError(message: example.message, offset: example.offset)) {
            try RowRuleTable.bind(example.text)
        }
    }

    @Test func unknownFieldWithoutNamesHasNoSuggestion() throws {
        let expression = try RuleExpressionParser.parse("Amout > 0")
        #expect(throws: RuleExpressionError(message: "unknown field `Amout`", offset: 0)) {
            try BoundRuleExpression(expression, fieldKind: { _ in nil }, fieldIndex: { _ in 0 },
                                    convertLiteral: { _, _ in nil })
        }
    }

    @Test func suggestions() {
        let names = ["Amount", "Status", "Site Name", "A"]
        #expect(BoundRuleExpression.suggestion(for: "amount", in: names) == "Amount")
        #expect(BoundRuleExpression.suggestion(for: "Amnout", in: names) == "Amount")
        #expect(BoundRuleExpression.suggestion(for: "Sight Name", in: names) == nil)  // 3 edits
        #expect(BoundRuleExpression.suggestion(for: "B", in: names) == "A")
        #expect(BoundRuleExpression.suggestion(for: "XY", in: names) == nil)          // 2 edits of 2 letters: not a typo
        #expect(BoundRuleExpression.suggestion(for: "Zzzzzz", in: names) == nil)
    }

    @Test func referencedFieldsAreSortedAndUnique() throws {
        let bound = try RowRuleTable.bind(
            "Status in ['a'] and Amount > 0 and Status != 'b' or LastUpdatedDate is empty or 1 < 2 or Flag")
        #expect(bound.referencedFields == [0, 7, 8, 9])
        #expect(try RowRuleTable.bind("1 < 2").referencedFields == [])
        #expect(try RowRuleTable.bind("NetDwellingsRangeTo >= NetDwellingsRangeFrom").referencedFields == [2, 3])
    }

    @Test func keepsTheParsedExpression() throws {
        let bound = try RowRuleTable.bind("`Site Name` <> ''")
        #expect(bound.expression.description == "`Site Name` != ''")
    }

    @Test func literalsAreConvertedAtBindTime() throws {
        // The converter is called once per literal that is not already of the field's kind, at bind time only.
        var conversions: [String] = []
        let expression = try RuleExpressionParser.parse(
            "LastUpdatedDate >= '2017-01-01' and Amount > '10' and Amount < 20 and Code = 'x'")
        let bound = try BoundRuleExpression(
            expression,
            fieldKind: { name in RowRuleTable.fields.first { $0.name == name }?.kind },
            fieldIndex: { name in RowRuleTable.fields.firstIndex { $0.name == name }! },
            convertLiteral: { text, kind in
                conversions.append("\(text) as \(kind)")
                return RowRuleTable.convert(text, kind)
            })
        #expect(conversions == ["2017-01-01 as date/time", "10 as number"])
        let row = RowRuleTable.row([
            "LastUpdatedDate": RowRuleTable.day("2017-01-01"), "Amount": .number(15), "Code": .string("x"),
        ])
        #expect(bound.evaluate { row[$0] } == true)
        #expect(conversions.count == 2)
    }

    static let evaluations: [RowRuleEvaluationCase] = {
        let day = RowRuleTable.day
        return [
            // LastUpdatedDate >= FirstAddedDate
            .init("LastUpdatedDate >= FirstAddedDate", ["LastUpdatedDate": day("2020-05-01"), "FirstAddedDate": day("2019-01-01")], true),
            .init("LastUpdatedDate >= FirstAddedDate", ["LastUpdatedDate": day("2020-05-01"), "FirstAddedDate": day("2020-05-01")], true),
            .init("LastUpdatedDate >= FirstAddedDate", ["LastUpdatedDate": day("2018-12-31"), "FirstAddedDate": day("2019-01-01")], false),
            .init("LastUpdatedDate >= FirstAddedDate", ["LastUpdatedDate": .instant(100, 5), "FirstAddedDate": .instant(100, 6)], false),
            .init("LastUpdatedDate >= FirstAddedDate", ["LastUpdatedDate": .instant(-1, 999_999_999), "FirstAddedDate": .instant(0, 0)], false),
            .init("LastUpdatedDate >= FirstAddedDate", ["FirstAddedDate": day("2019-01-01")], nil),
            .init("LastUpdatedDate >= FirstAddedDate", ["LastUpdatedDate": day("2019-01-01")], nil),
            .init("LastUpdatedDate >= FirstAddedDate", [:], nil),
            .init("LastUpdatedDate >= '2017-01-01'", ["LastUpdatedDate": day("2017-01-02")], true),
            .init("LastUpdatedDate >= '2017-01-01'", ["LastUpdatedDate": day("2016-12-31")], false),
            // NetDwellingsRangeTo >= NetDwellingsRangeFrom
            .init("NetDwellingsRangeTo >= NetDwellingsRangeFrom", ["NetDwellingsRangeTo": .number(10), "NetDwellingsRangeFrom": .number(5)], true),
            .init("NetDwellingsRangeTo >= NetDwellingsRangeFrom", ["NetDwellingsRangeTo": .number(5), "NetDwellingsRangeFrom": .number(5)], true),
            .init("NetDwellingsRangeTo >= NetDwellingsRangeFrom", ["NetDwellingsRangeTo": .number(-2.5), "NetDwellingsRangeFrom": .number(5)], false),
            .init("NetDwellingsRangeTo >= NetDwellingsRangeFrom", ["NetDwellingsRangeTo": .number(5)], nil),
            // PermissionType is empty or PermissionDate is not empty
            .init("PermissionType is empty or PermissionDate is not empty", [:], true),
            .init("PermissionType is empty or PermissionDate is not empty", ["PermissionDate": day("2021-03-04")], true),
            .init("PermissionType is empty or PermissionDate is not empty", ["PermissionType": .string("full")], false),
            .init("PermissionType is empty or PermissionDate is not empty",
                  ["PermissionType": .string("full"), "PermissionDate": day("2021-03-04")], true),
            // `Site Name` != ''
            .init("`Site Name` != ''", ["Site Name": .string("Depot")], true),
            .init("`Site Name` != ''", ["Site Name": .string("")], false),
            .init("`Site Name` != ''", [:], nil),
            // Status in ['open', 'closed'] and not Amount < 0
            .init("Status in ['open', 'closed'] and not Amount < 0", ["Status": .string("open"), "Amount": .number(5)], true),
            .init("Status in ['open', 'closed'] and not Amount < 0", ["Status": .string("closed"), "Amount": .number(0)], true),
            .init("Status in ['open', 'closed'] and not Amount < 0", ["Status": .string("closed"), "Amount": .number(-1)], false),
            .init("Status in ['open', 'closed'] and not Amount < 0", ["Status": .string("pending"), "Amount": .number(5)], false),
            .init("Status in ['open', 'closed'] and not Amount < 0", ["Status": .string("Open"), "Amount": .number(5)], false),
            .init("Status in ['open', 'closed'] and not Amount < 0", ["Amount": .number(5)], nil),
            .init("Status in ['open', 'closed'] and not Amount < 0", ["Status": .string("open")], nil),
            .init("Status in ['open', 'closed'] and not Amount < 0", ["Amount": .number(-1)], false),
            .init("Status in ['open', 'closed'] and not Amount < 0", ["Status": .string("pending")], false),
            // Every operator on numbers.
            .init("Amount = 3", ["Amount": .number(3)], true),
            .init("Amount == 3", ["Amount": .number(4)], false),
            .init("Amount != 3", ["Amount": .number(4)], true),
            .init("Amount <> 3", ["Amount": .number(3)], false),
            .init("Amount < 3", ["Amount": .number(2.9)], true),
            .init("Amount < 3", ["Amount": .number(3)], false),
            .init("Amount <= 3", ["Amount": .number(3)], true),
            .init("Amount <= 3", ["Amount": .number(3.1)], false),
            .init("Amount > 3", ["Amount": .number(3.1)], true),
            .init("Amount > 3", ["Amount": .number(3)], false),
            .init("Amount >= 3", ["Amount": .number(3)], true),
            .init("Amount >= 3", ["Amount": .number(-3)], false),
            .init("Amount = 1e3", ["Amount": .number(1000)], true),
            .init("Amount > -3.5", ["Amount": .number(-3.25)], true),
            .init("Amount > '10'", ["Amount": .number(11)], true),
            .init("Amount > '10'", ["Amount": .number(9)], false),
            .init("10 < Amount", ["Amount": .number(11)], true),
            .init("10 < Amount", ["Amount": .number(10)], false),
            .init("Amount != 3", [:], nil),
            .init("Amount > 0", ["Amount": .number(.nan)], nil),
            // Strings compare by UTF-8 bytes.
            .init("Code < 'b'", ["Code": .string("a")], true),
            .init("Code < 'b'", ["Code": .string("B")], true),
            .init("Code > 'z'", ["Code": .string("é")], true),
            .init("Code < 'ab'", ["Code": .string("a")], true),
            .init("Code >= 'abc'", ["Code": .string("abc")], true),
            .init("Code = 'é'", ["Code": .string("e\u{301}")], false),  // canonically equivalent, other bytes
            .init("Code = 'é'", ["Code": .string("é")], true),
            .init("Code = 12", ["Code": .string("12")], true),
            .init("Code in ['é']", ["Code": .string("e\u{301}")], false),
            // Booleans.
            .init("Flag", ["Flag": .boolean(true)], true),
            .init("Flag", ["Flag": .boolean(false)], false),
            .init("Flag", [:], nil),
            .init("Flag = false", ["Flag": .boolean(false)], true),
            .init("Flag != Active", ["Flag": .boolean(true), "Active": .boolean(false)], true),
            .init("Flag = Active", ["Flag": .boolean(true), "Active": .boolean(false)], false),
            .init("Flag in [true]", ["Flag": .boolean(false)], false),
            .init("Flag = 'TRUE'", ["Flag": .boolean(true)], true),
            // `is empty` is never unknown.
            .init("Amount is empty", [:], true),
            .init("Amount is empty", ["Amount": .number(0)], false),
            .init("Amount is not empty", [:], false),
            .init("Amount is not empty", ["Amount": .number(0)], true),
            .init("`Site Name` is empty", ["Site Name": .string("")], false),
            .init("not Amount is empty", [:], false),
            // Lists.
            .init("Code in ['b', 'a', 'c', 'a']", ["Code": .string("a")], true),
            .init("Code in ['b', 'a', 'c', 'a']", ["Code": .string("c")], true),
            .init("Code in ['b', 'a', 'c', 'a']", ["Code": .string("d")], false),
            .init("Code in ['b', 'a', 'c', 'a']", ["Code": .string("")], false),
            .init("Code not in ['b', 'a']", ["Code": .string("a")], false),
            .init("Code not in ['b', 'a']", ["Code": .string("z")], true),
            .init("Code in ['b', 'a']", [:], nil),
            .init("Code not in ['b', 'a']", [:], nil),
            .init("Amount in [3, 1, 2]", ["Amount": .number(2)], true),
            .init("Amount in [3, 1, 2]", ["Amount": .number(2.5)], false),
            .init("Amount in ['3', 1e0]", ["Amount": .number(3)], true),
            .init("LastUpdatedDate in ['2020-01-01', '2019-01-01']", ["LastUpdatedDate": day("2019-01-01")], true),
            .init("LastUpdatedDate not in ['2020-01-01', '2019-01-01']", ["LastUpdatedDate": day("2019-01-02")], true),
            // Literals on both sides.
            .init("1 < 2", [:], true),
            .init("'b' < 'a'", [:], false),
            .init("true = true", [:], true),
            .init("true", [:], true),
            .init("not false", [:], true),
            .init("'x' is empty", [:], false),
            .init("'x' in ['y', 'x']", [:], true),
            .init("2 not in [1, 2]", [:], false),
            // A value of another kind than the field's (the engine's mistake) is unknown, not a crash.
            .init("Amount > 0", ["Amount": .string("5")], nil),
            .init("Amount in [1, 2]", ["Amount": .string("1")], nil),
            .init("Flag", ["Flag": .number(1)], false),
            // Precedence.
            .init("Amount > 0 or Amount < -10 and Flag", ["Amount": .number(5), "Flag": .boolean(false)], true),
            .init("(Amount > 0 or Amount < -10) and Flag", ["Amount": .number(5), "Flag": .boolean(false)], false),
            .init("not Amount > 0 and Flag", ["Amount": .number(-1), "Flag": .boolean(true)], true),
            .init("not (Amount > 0 and Flag)", ["Amount": .number(-1), "Flag": .boolean(true)], true),
        ]
    }()

    @Test("evaluates rows", arguments: evaluations)
    func evaluates(_ example: RowRuleEvaluationCase) throws {
        let bound = try RowRuleTable.bind(example.text)
        let row = RowRuleTable.row(example.values)
        #expect(bound.evaluate { row[$0] } == example.expected)
    }

    /// Kleene's three-valued logic, over every pair of true, false and unknown (an empty boolean field).
    static let truthValues: [Bool?] = [true, false, nil]

    static func value(_ truth: Bool?) -> RuleValue { truth.map(RuleValue.boolean) ?? .empty }

    @Test("and, or, not follow three-valued logic", arguments: truthValues, truthValues)
    func threeValuedLogic(_ p: Bool?, _ q: Bool?) throws {
        let row = RowRuleTable.row(["Flag": Self.value(p), "Active": Self.value(q)])
        let and: Bool? = (p == false || q == false) ? false : (p == nil || q == nil ? nil : true)
        let or: Bool? = (p == true || q == true) ? true : (p == nil || q == nil ? nil : false)
        #expect(try RowRuleTable.bind("Flag and Active").evaluate { row[$0] } == and)
        #expect(try RowRuleTable.bind("Flag or Active").evaluate { row[$0] } == or)
        #expect(try RowRuleTable.bind("not Flag").evaluate { row[$0] } == p.map { !$0 })
        #expect(try RowRuleTable.bind("not (Flag and Active)").evaluate { row[$0] } == and.map { !$0 })
        // A comparison with an empty operand is unknown, whichever operator.
        #expect(try RowRuleTable.bind("Flag = Active").evaluate { row[$0] } == (p == nil || q == nil ? nil : p == q))
        #expect(try RowRuleTable.bind("Flag != Active").evaluate { row[$0] } == (p == nil || q == nil ? nil : p != q))
        // `is empty` is never unknown.
        #expect(try RowRuleTable.bind("Flag is empty or Active is not empty").evaluate { row[$0] } == (p == nil || q != nil))
    }

    @Test("the literal table spells out the SQL cases")
    func sqlCases() throws {
        let unknown = RowRuleTable.row([:])
        #expect(try RowRuleTable.bind("1 > 2 and Amount > 0").evaluate { unknown[$0] } == false)
        #expect(try RowRuleTable.bind("Amount > 0 and 1 > 2").evaluate { unknown[$0] } == false)
        #expect(try RowRuleTable.bind("1 < 2 or Amount > 0").evaluate { unknown[$0] } == true)
        #expect(try RowRuleTable.bind("Amount > 0 or 1 < 2").evaluate { unknown[$0] } == true)
        #expect(try RowRuleTable.bind("1 < 2 and Amount > 0").evaluate { unknown[$0] } == nil)
        #expect(try RowRuleTable.bind("1 > 2 or Amount > 0").evaluate { unknown[$0] } == nil)
        #expect(try RowRuleTable.bind("not Amount > 0").evaluate { unknown[$0] } == nil)
        #expect(try RowRuleTable.bind("not not Amount > 0").evaluate { unknown[$0] } == nil)
    }

    @Test func shortCircuitsWithoutReadingTheRest() throws {
        let bound = try RowRuleTable.bind("Amount < 0 and (Status = 'x' or Code = 'y')")
        let row = RowRuleTable.row(["Amount": .number(1), "Status": .string("x")])
        var reads: [Int] = []
        #expect(bound.evaluate { reads.append($0); return row[$0] } == false)
        #expect(reads == [8])
    }

    @Test func longListsUseTheirWholeRange() throws {
        let codes = (0..<200).map { "c\($0 * 3)" }
        let bound = try RowRuleTable.bind("Code in [\(codes.map { "'\($0)'" }.joined(separator: ", "))] and Amount in [1, 2]")
        for n in 0..<600 {
            let row = RowRuleTable.row(["Code": .string("c\(n)"), "Amount": .number(2)])
            #expect(bound.evaluate { row[$0] } == (n % 3 == 0), "c\(n)")
        }
        // The second list's range is separate from the first.
        let row = RowRuleTable.row(["Code": .string("c3"), "Amount": .number(3)])
        #expect(bound.evaluate { row[$0] } == false)
    }

    @Test func orderingOfValues() {
        #expect(RuleValue.order(.number(1), .number(2)) == -1)
        #expect(RuleValue.order(.number(.nan), .number(2)) == nil)
        #expect(RuleValue.order(.string("b"), .string("a")) == 1)
        #expect(RuleValue.order(.string("a\u{0}"), .string("a")) == 1)
        #expect(RuleValue.order(.instant(5, 1), .instant(5, 1)) == 0)
        #expect(RuleValue.order(.instant(4, 9), .instant(5, 1)) == -1)
        #expect(RuleValue.order(.boolean(false), .boolean(true)) == -1)
        #expect(RuleValue.order(.empty, .empty) == nil)
        #expect(RuleValue.order(.number(1), .string("1")) == nil)
        #expect(RuleValue.empty.kind == nil)
        #expect(RuleValue.instant(0, 0).kind == .instant)
        #expect(RuleValueKind.instant.description == "date/time")
    }
}
