import Testing
@testable import ConformKit

/// `conform lint`: every problem reported with its rule id, its file:line:column and, for typos, a suggestion.
struct LintTests {
    @Test func typoInKeyGivesLocationAndSuggestion() throws {
        let findings = TestSupport.lint("""
        conform: 1
        id: test
        fields:
          - name: Code
            patern: '[A-Z]+'
        """)
        let finding = try #require(findings.first { $0.rule == "unknown-key" })
        #expect(finding.severity == .error)
        #expect(finding.line == 5)
        #expect(finding.character == 5)
        #expect(finding.hint == "did you mean `pattern`?")
        #expect(finding.file.hasSuffix("standard.yaml"))
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var yaml: String
        var rule: String
        var line: Int
        var extraFiles: [String: String] = [:]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "yaml syntax", yaml: "conform: 1\nid: t\nfields:\n  - name: [a\n", rule: "yaml-syntax", line: 5),
        Case(name: "missing id", yaml: "conform: 1\nfields:\n  - name: a\n", rule: "missing-key", line: 1),
        Case(name: "field without name", yaml: "conform: 1\nid: t\nfields:\n  - type: string\n", rule: "missing-key", line: 4),
        Case(name: "version 2", yaml: "conform: 2\nid: t\nfields: []\n", rule: "unsupported-version", line: 1),
        Case(name: "bad severity", yaml: "conform: 1\nid: t\nfields:\n  - name: a\n    severity: fatal\n", rule: "invalid-value", line: 5),
        Case(name: "unknown type", yaml: "conform: 1\nid: t\nfields:\n  - name: a\n    type: integr\n", rule: "unknown-type", line: 5),
        Case(name: "unknown codelist", yaml: "conform: 1\nid: t\nfields:\n  - name: a\n    type: code\n    codelist: nope\n", rule: "unknown-codelist", line: 6),
        Case(name: "code without codelist", yaml: "conform: 1\nid: t\nfields:\n  - name: a\n    type: code\n", rule: "unknown-codelist", line: 5),
        Case(name: "bad pattern", yaml: "conform: 1\nid: t\nfields:\n  - name: a\n    pattern: '[A-Z'\n", rule: "invalid-pattern", line: 5),
        Case(name: "bad pattern in a type", yaml: "conform: 1\nid: t\ntypes:\n  t1:\n    type: string\n    pattern: '(a'\n", rule: "invalid-pattern", line: 6),
        Case(name: "minimum above maximum", yaml: "conform: 1\nid: t\nfields:\n  - name: a\n    type: integer\n    minimum: 10\n    maximum: 5\n", rule: "conflicting-constraints", line: 6),
        Case(name: "minLength above maxLength", yaml: "conform: 1\nid: t\nfields:\n  - name: a\n    minLength: 10\n    maxLength: 5\n", rule: "conflicting-constraints", line: 5),
        Case(name: "bound not of the type", yaml: "conform: 1\nid: t\nfields:\n  - name: a\n    type: date\n    minimum: yesterday\n", rule: "conflicting-constraints", line: 6),
        Case(name: "minimum on a string", yaml: "conform: 1\nid: t\nfields:\n  - name: a\n    minimum: 3\n", rule: "constraint-not-applicable", line: 5),
        Case(name: "codelist file missing", yaml: "conform: 1\nid: t\ncodelists:\n  c:\n    file: nope.csv\n    column: code\nfields:\n  - name: a\n    type: code\n    codelist: c\n", rule: "codelist-file-missing", line: 4),
        Case(name: "codelist file without the column", yaml: "conform: 1\nid: t\ncodelists:\n  c:\n    file: codes.csv\n    column: kode\nfields:\n  - name: a\n    type: code\n    codelist: c\n",
             rule: "codelist-file-missing", line: 4, extraFiles: ["codes.csv": "code,label\nA,Alpha\n"]),
        Case(name: "uses not found", yaml: "conform: 1\nid: t\nuses: [uk-gov/cor]\nfields: []\n", rule: "uses-not-found", line: 3),
        Case(name: "uses cycle", yaml: "conform: 1\nid: a\nuses: [b.yaml]\nfields: []\n", rule: "uses-cycle", line: 3,
             extraFiles: ["b.yaml": "conform: 1\nid: b\nuses: [standard.yaml]\nfields: []\n"]),
        Case(name: "type named like a built-in", yaml: "conform: 1\nid: t\ntypes:\n  date:\n    type: string\n", rule: "duplicate-name", line: 4),
        Case(name: "duplicate field", yaml: "conform: 1\nid: t\nfields:\n  - name: a\n  - name: a\n", rule: "duplicate-name", line: 5),
        Case(name: "key names unknown field", yaml: "conform: 1\nid: t\nfields:\n  - name: a\nkeys:\n  primary: [b]\n", rule: "unknown-field", line: 6),
        Case(name: "rule does not parse", yaml: "conform: 1\nid: t\nfields:\n  - name: a\nrules:\n  - id: r\n    assert: a >=\n", rule: "invalid-rule", line: 7),
        Case(name: "rule names unknown field", yaml: "conform: 1\nid: t\nfields:\n  - name: a\nrules:\n  - id: r\n    assert: b is empty\n", rule: "invalid-rule", line: 7),
    ]

    @Test(arguments: cases)
    func reports(_ item: Case) throws {
        let findings = TestSupport.lint(item.yaml, extraFiles: item.extraFiles)
        let finding = try #require(findings.first { $0.rule == item.rule }, "\(findings.map { "\($0.rule) \($0.line ?? 0): \($0.message)" })")
        #expect(finding.line == item.line, "\(finding.message)")
        #expect(finding.character != nil)
    }

    @Test func codelistFromFileLoads() throws {
        let directory = TestSupport.temporaryDirectory()
        TestSupport.write("code,label\nA,Alpha\nB,Beta\n", "codes.csv", in: directory)
        let path = TestSupport.write("conform: 1\nid: t\ncodelists:\n  c:\n    file: codes.csv\n    column: code\nfields:\n  - name: a\n    type: code\n    codelist: c\n",
                                     "s.yaml", in: directory)
        let loaded = try Conform.loadStandard(path, searchPaths: [])
        #expect(loaded.resolved.codelists["c"]?.values == ["A", "B"])
        let data = TestSupport.write("a\nA\nC\n", "d.csv", in: directory)
        let report = Conform.validate(paths: [data], standard: loaded).report
        #expect(report.files[0].count("not-in-codelist") == 1)
    }

    @Test func aStandardWithErrorsIsNotUsed() {
        let directory = TestSupport.temporaryDirectory()
        let path = TestSupport.write("conform: 1\nid: t\nfields:\n  - name: a\n    pattern: '('\n", "s.yaml", in: directory)
        #expect(throws: Conform.StandardError.self) { try Conform.loadStandard(path, searchPaths: []) }
    }

    @Test func aliasBombIsRefused() {
        var yaml = "conform: 1\nid: t\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<9 {
            yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        yaml += "fields: []\n"
        let findings = TestSupport.lint(yaml)
        #expect(findings.contains { $0.message.contains("more than") })
    }
}
