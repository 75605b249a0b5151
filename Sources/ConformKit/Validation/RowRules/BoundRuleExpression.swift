/// An expression bound to a table: field names resolved to indices, literals converted to the
/// field's kind, `in` lists sorted for binary search. Evaluating it allocates nothing.
public struct BoundRuleExpression: Sendable {
    /// A value an evaluation reads: a field of the row, or `constants[index]`, fixed at bind time.
    /// (Indices rather than values keep `Node` a plain value: walking the tree retains nothing.)
    enum Operand: Sendable {
        case field(Int)
        case constant(Int)
    }

    /// One node of the bound tree; a child is an index into `nodes`.
    enum Node: Sendable {
        /// Every operand: the children are `operands[range]`.
        case all(Range<Int>)
        /// Any operand: the children are `operands[range]`.
        case any(Range<Int>)
        case not(Int)
        case compare(Operand, RuleComparison, Operand)
        case isEmpty(Operand, negated: Bool)
        /// The list is `constants[range]`, sorted by `RuleValue.order`, without duplicates.
        case isIn(Operand, Range<Int>, negated: Bool)
        case truth(Operand)
    }

    /// The expression as parsed.
    public let expression: RuleExpression
    /// Indices of the fields the expression reads, sorted, without duplicates.
    public let referencedFields: [Int]
    let nodes: [Node]
    let operands: [Int]
    let root: Int
    let constants: [RuleValue]

    /// Binds `expression` to a table.
    ///
    /// - Parameters:
    ///   - fieldKind: the kind of a field by name, or nil when the standard has no such field
    ///     (an error "unknown field `X`", with a "did you mean" suggestion from `fieldNames`).
    ///   - fieldIndex: the position of a field by name (called only for known fields).
    ///   - convertLiteral: reads a literal's text as a value of the given kind (e.g. `'2017-01-01'`
    ///     for a date/time field); nil gives an error "cannot read 'x' as a <kind>". A literal
    ///     already of the field's kind (a number for a number field, a string for a string field,
    ///     `true`/`false` for a boolean field) is taken as it is.
    ///   - fieldNames: the names to suggest from when a field is unknown (case-insensitive edit
    ///     distance at most 2); without them, no suggestion is made.
    public init(_ expression: RuleExpression,
                fieldKind: (String) -> RuleValueKind?,
                fieldIndex: (String) -> Int,
                convertLiteral: (String, RuleValueKind) -> RuleValue?,
                fieldNames: [String] = []) throws(RuleExpressionError) {
        var nodes: [Node] = []
        var operands: [Int] = []
        var constants: [RuleValue] = []
        var fields: [Int] = []

        func add(_ node: Node) -> Int {
            nodes.append(node)
            return nodes.count - 1
        }

        func kind(ofField name: String, at offset: Int) throws(RuleExpressionError) -> RuleValueKind {
            guard let kind = fieldKind(name) else {
                var message = "unknown field `\(name)`"
                if let suggestion = Self.suggestion(for: name, in: fieldNames) {
                    message += "; did you mean `\(suggestion)`?"
                }
                throw RuleExpressionError(message: message, offset: offset)
            }
            return kind
        }

        func constant(_ value: RuleValue) -> Operand {
            constants.append(value)
            return .constant(constants.count - 1)
        }

        func field(_ name: String) -> Operand {
            let index = fieldIndex(name)
            fields.append(index)
            return .field(index)
        }

        /// A literal as a value of `kind`.
        func convert(_ literal: RuleLiteral, to kind: RuleValueKind, at offset: Int) throws(RuleExpressionError) -> RuleValue {
            if literal.kind == kind { return literal.value }
            guard let value = convertLiteral(literal.text, kind), value.kind == kind else {
                throw RuleExpressionError(message: "cannot read '\(literal.text)' as a \(kind)", offset: offset)
            }
            return value
        }

        func checkOrdering(_ comparison: RuleComparison, _ kind: RuleValueKind, _ operand: RuleOperand) throws(RuleExpressionError) {
            if comparison.isOrdering, kind == .boolean {
                throw RuleExpressionError(
                    message: "cannot use `\(comparison)` on boolean \(Self.shown(operand)); booleans compare only with `=` and `!=`",
                    offset: operand.offset)
            }
        }

        func bindComparison(_ lhs: RuleOperand, _ comparison: RuleComparison, _ rhs: RuleOperand) throws(RuleExpressionError) -> Node {
            switch (lhs.term, rhs.term) {
            case let (.field(a), .field(b)):
                let kindA = try kind(ofField: a, at: lhs.offset)
                let kindB = try kind(ofField: b, at: rhs.offset)
                guard kindA == kindB else {
                    throw RuleExpressionError(
                        message: "cannot compare \(kindA) \(Self.shown(lhs)) with \(kindB) \(Self.shown(rhs))",
                        offset: lhs.offset)
                }
                try checkOrdering(comparison, kindA, lhs)
                return .compare(field(a), comparison, field(b))
            case let (.field(a), .literal(literal)):
                let fieldKind = try kind(ofField: a, at: lhs.offset)
                let value = try convert(literal, to: fieldKind, at: rhs.offset)
                try checkOrdering(comparison, fieldKind, lhs)
                return .compare(field(a), comparison, constant(value))
            case let (.literal(literal), .field(b)):
                let fieldKind = try kind(ofField: b, at: rhs.offset)
                let value = try convert(literal, to: fieldKind, at: lhs.offset)
                try checkOrdering(comparison, fieldKind, rhs)
                return .compare(constant(value), comparison, field(b))
            case let (.literal(x), .literal(y)):
                guard x.kind == y.kind else {
                    throw RuleExpressionError(
                        message: "cannot compare \(x.kind) \(Self.shown(lhs)) with \(y.kind) \(Self.shown(rhs))",
                        offset: lhs.offset)
                }
                try checkOrdering(comparison, x.kind, lhs)
                return .compare(constant(x.value), comparison, constant(y.value))
            }
        }

        func bindList(_ operand: RuleOperand, _ list: [RuleListItem], negated: Bool) throws(RuleExpressionError) -> Node {
            let bound: Operand
            var values: [RuleValue] = []
            switch operand.term {
            case let .field(name):
                let fieldKind = try kind(ofField: name, at: operand.offset)
                for item in list {
                    values.append(try convert(item.literal, to: fieldKind, at: item.offset))
                }
                bound = field(name)
            case let .literal(literal):
                for item in list {
                    guard item.literal.kind == literal.kind else {
                        throw RuleExpressionError(
                            message: "cannot compare \(literal.kind) \(literal) with \(item.literal.kind) \(item.literal)",
                            offset: item.offset)
                    }
                    values.append(item.literal.value)
                }
                bound = constant(literal.value)
            }
            values.sort { (RuleValue.order($0, $1) ?? 0) < 0 }
            let start = constants.count
            for value in values where constants.count == start || RuleValue.order(constants[constants.count - 1], value) != 0 {
                constants.append(value)
            }
            return .isIn(bound, start..<constants.count, negated: negated)
        }

        func bind(_ expression: RuleExpression) throws(RuleExpressionError) -> Int {
            switch expression {
            case let .or(expressions):
                var children: [Int] = []
                for expression in expressions { children.append(try bind(expression)) }
                operands.append(contentsOf: children)
                return add(.any(operands.count - children.count..<operands.count))
            case let .and(expressions):
                var children: [Int] = []
                for expression in expressions { children.append(try bind(expression)) }
                operands.append(contentsOf: children)
                return add(.all(operands.count - children.count..<operands.count))
            case let .not(operand):
                return add(.not(try bind(operand)))
            case let .compare(lhs, comparison, rhs):
                return add(try bindComparison(lhs, comparison, rhs))
            case let .isEmpty(operand, negated):
                switch operand.term {
                case let .field(name):
                    _ = try kind(ofField: name, at: operand.offset)
                    return add(.isEmpty(field(name), negated: negated))
                case let .literal(literal):
                    return add(.isEmpty(constant(literal.value), negated: negated))
                }
            case let .isIn(operand, list, negated):
                return add(try bindList(operand, list, negated: negated))
            case let .operand(operand):
                switch operand.term {
                case let .field(name):
                    let fieldKind = try kind(ofField: name, at: operand.offset)
                    guard fieldKind == .boolean else {
                        throw RuleExpressionError(
                            message: "`\(name)` is a \(fieldKind) field, not a condition; compare it with something or test `is empty`",
                            offset: operand.offset)
                    }
                    return add(.truth(field(name)))
                case let .literal(literal):
                    guard literal.kind == .boolean else {
                        throw RuleExpressionError(message: "\(literal) is not a condition", offset: operand.offset)
                    }
                    return add(.truth(constant(literal.value)))
                }
            }
        }

        let root = try bind(expression)
        self.expression = expression
        self.nodes = nodes
        self.operands = operands
        self.root = root
        self.constants = constants
        self.referencedFields = Array(Set(fields)).sorted()
    }

    /// Evaluates the expression on one row, reading field values through `value` (by field index).
    ///
    /// Three-valued, like SQL: a comparison with an `.empty` operand is unknown (nil); `not unknown`
    /// is unknown; `false and unknown` is false; `true or unknown` is true; `is empty` is never
    /// unknown; `x in [...]` with an empty `x` is unknown. A bare boolean operand is true when its
    /// value is `true` and unknown when it is empty.
    public func evaluate(_ value: (Int) -> RuleValue) -> Bool? {
        evaluate(root, value)
    }

    private func evaluate(_ index: Int, _ value: (Int) -> RuleValue) -> Bool? {
        switch nodes[index] {
        case let .all(range):
            var unknown = false
            for i in range {
                switch evaluate(operands[i], value) {
                case false?: return false
                case nil: unknown = true
                case true?: break
                }
            }
            return unknown ? nil : true
        case let .any(range):
            var unknown = false
            for i in range {
                switch evaluate(operands[i], value) {
                case true?: return true
                case nil: unknown = true
                case false?: break
                }
            }
            return unknown ? nil : false
        case let .not(operand):
            return evaluate(operand, value).map { !$0 }
        case let .compare(lhs, comparison, rhs):
            guard let order = RuleValue.order(resolve(lhs, value), resolve(rhs, value)) else { return nil }
            return comparison.holds(order)
        case let .isEmpty(operand, negated):
            if case .empty = resolve(operand, value) { return !negated }
            return negated
        case let .isIn(operand, range, negated):
            let x = resolve(operand, value)
            if case .empty = x { return nil }
            var low = range.lowerBound
            var high = range.upperBound
            while low < high {
                let middle = (low + high) / 2
                guard let order = RuleValue.order(constants[middle], x) else { return nil }
                if order == 0 { return !negated }
                if order < 0 { low = middle + 1 } else { high = middle }
            }
            return negated
        case let .truth(operand):
            switch resolve(operand, value) {
            case let .boolean(truth): return truth
            case .empty: return nil
            default: return false
            }
        }
    }

    @inline(__always)
    private func resolve(_ operand: Operand, _ value: (Int) -> RuleValue) -> RuleValue {
        switch operand {
        case let .field(index): value(index)
        case let .constant(index): constants[index]
        }
    }

    /// An operand as a message shows it: a field back-quoted, a literal as written canonically.
    private static func shown(_ operand: RuleOperand) -> String {
        switch operand.term {
        case let .field(name): "`\(name)`"
        case let .literal(literal): literal.description
        }
    }

    /// The candidate closest to `name` by case-insensitive edit distance, if it is a plausible typo:
    /// at most 2 edits, and fewer edits than half the name's length (the rule the standard linter uses).
    static func suggestion(for name: String, in candidates: [String]) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let distance = editDistance(target, Array(candidate.lowercased().unicodeScalars))
            if distance <= 2, distance * 2 < max(target.count, 2) + 1, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// Levenshtein distance between two scalar arrays.
    private static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
