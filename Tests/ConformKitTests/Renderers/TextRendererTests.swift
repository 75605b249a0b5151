import Foundation
import Testing
@testable import ConformKit

@Suite("Text renderer")
struct TextRendererTests {
    let renderer = TextRenderer()
    let plain = RenderOptions()
    let colored = RenderOptions(color: true)

    // MARK: - Stored outputs

    @Test func validationMatchesStoredOutput() throws {
        try RendererSamples.expectMatchesStored(
            renderer.render(RendererSamples.validation, options: plain), "validation.txt")
    }

    @Test func lintMatchesStoredOutput() throws {
        try RendererSamples.expectMatchesStored(
            renderer.render(RendererSamples.lint, options: plain), "lint.txt")
    }

    // MARK: - Colour

    @Test func colourOnlyWhenAsked() {
        let report = RendererSamples.validation
        #expect(!renderer.render(report, options: plain).contains("\u{1B}"))
        #expect(renderer.render(report, options: colored).contains("\u{1B}["))
        #expect(!renderer.render(RendererSamples.lint, options: plain).contains("\u{1B}"))
        #expect(renderer.render(RendererSamples.lint, options: colored).contains("\u{1B}["))
    }

    @Test func colourAddsOnlyEscapes() {
        #expect(stripANSI(renderer.render(RendererSamples.validation, options: colored))
            == renderer.render(RendererSamples.validation, options: plain))
        #expect(stripANSI(renderer.render(RendererSamples.lint, options: colored))
            == renderer.render(RendererSamples.lint, options: plain))
    }

    @Test func colourBySeverityAndVerdict() {
        let text = renderer.render(RendererSamples.validation, options: colored)
        #expect(text.contains("\u{1B}[1;31merror[not-in-codelist]\u{1B}[0m: "))
        #expect(text.contains("\u{1B}[1;33mwarning[blank-row]\u{1B}[0m: "))
        #expect(text.contains("\u{1B}[1;34minfo[no-final-newline]\u{1B}[0m: "))
        #expect(text.contains("\u{1B}[1;31mexamples/brownfield/dirty.csv does not conform to"))
        #expect(text.contains("\u{1B}[1;32mexamples/brownfield/clean.csv conforms to"))
        #expect(text.contains("  \u{1B}[34m-->\u{1B}[0m examples/"))
        #expect(text.contains("   \u{1B}[34m=\u{1B}[0m help: "))
    }

    // MARK: - Findings

    @Test(arguments: [
        (nil, nil, nil, nil, "  --> data.csv"),
        (3, nil, nil, nil, "  --> data.csv:3"),
        (3, 7, nil, nil, "  --> data.csv:3:7"),
        (nil, 7, nil, nil, "  --> data.csv"),
        (3, 7, 2, "Name", "  --> data.csv:3:7   row 2, column Name"),
        (3, nil, 2, nil, "  --> data.csv:3   row 2"),
        (nil, nil, nil, "Name", "  --> data.csv   column Name"),
    ] as [(Int?, Int?, Int?, String?, String)])
    func locationLine(line: Int?, character: Int?, row: Int?, column: String?, expected: String) {
        let finding = Finding(rule: "r", severity: .error, message: "m", file: "data.csv",
                              line: line, character: character, row: row, column: column)
        let block = renderer.findingBlock(finding, style: .init(enabled: false))
        #expect(block == "error[r]: m\n\(expected)")
    }

    @Test func notesInOrderOnlyWhenSet() {
        var finding = Finding(rule: "r", severity: .warning, message: "m", file: "f.csv",
                              value: "v", byteOffset: 4)
        #expect(renderer.findingBlock(finding, style: .init(enabled: false)) == "warning[r]: m\n  --> f.csv")
        finding.standardLocation = ConformKit.SourceLocation(file: "s.yaml", line: 2, column: 3)
        finding.hint = "h"
        finding.expected = "e"
        #expect(renderer.findingBlock(finding, style: .init(enabled: false)) == """
            warning[r]: m
              --> f.csv
               = expected: e
               = help: h
               = rule: s.yaml:2:3
            """)
    }

    // MARK: - Summary

    @Test func pluralisesSingulars() {
        var file = FileReport(file: "one.csv", standard: RendererSamples.standard)
        file.conforms = false
        file.rows = 1
        file.conformingRows = 1
        file.errors = 1
        file.warnings = 1
        file.infos = 1
        file.findingsOmitted = 1
        let text = renderer.summaryBlock(file, style: .init(enabled: false))
        #expect(text.contains("  1 error, 1 warning, 1 info; 1 of 1 row conforms (100%)"))
        #expect(text.contains("  (1 more finding not shown; raise --max-findings to see it)"))
    }

    @Test func pluralisesPlurals() {
        var file = FileReport(file: "many.csv", standard: RendererSamples.standard)
        file.rows = 3
        file.conformingRows = 2
        file.errors = 2
        file.findingsOmitted = 5
        let text = renderer.summaryBlock(file, style: .init(enabled: false))
        #expect(text.contains("  2 errors, 0 warnings, 0 infos; 2 of 3 rows conform (66.7%)"))
        #expect(text.contains("  (5 more findings not shown; raise --max-findings to see them)"))
    }

    @Test func noOmittedLineWhenNothingOmitted() {
        let text = renderer.render(RendererSamples.validation, options: plain)
        #expect(text.components(separatedBy: "more findings not shown").count == 2)  // only the dirty file
        var file = FileReport(file: "f.csv", standard: RendererSamples.standard)
        file.rows = 1
        file.conformingRows = 1
        #expect(!renderer.summaryBlock(file, style: .init(enabled: false)).contains("not shown"))
    }

    @Test func emptyFileHasNoRows() {
        let file = FileReport(file: "empty.csv", standard: RendererSamples.standard)
        #expect(renderer.summaryBlock(file, style: .init(enabled: false)) == """
            empty.csv conforms to uk-gov/brownfield-land-register 2017.1
              0 errors, 0 warnings, 0 infos; no data rows
            """)
    }

    @Test func standardWithoutVersion() {
        let standard = StandardReference(id: "local/sites", version: nil, title: nil, file: "sites.yaml")
        let text = renderer.summaryBlock(FileReport(file: "a.csv", standard: standard), style: .init(enabled: false))
        #expect(text.hasPrefix("a.csv conforms to local/sites\n"))
    }

    @Test func countsTableSortedAndAligned() {
        let table = renderer.countsTable([
            RuleCount(rule: "b", severity: .error, column: "Y", count: 2),
            RuleCount(rule: "a", severity: .error, column: nil, count: 2),
            RuleCount(rule: "b", severity: .error, column: "X", count: 2),
            RuleCount(rule: "z", severity: .info, column: "LongColumnName", count: 1_234),
        ])
        #expect(table == [
            "rule   column          count",
            "z      LongColumnName   1234",
            "a      -                   2",
            "b      X                   2",
            "b      Y                   2",
        ])
        #expect(renderer.countsTable([]).isEmpty)
    }

    @Test func fieldConformanceLowestFirst() {
        var file = FileReport(file: "f.csv", standard: RendererSamples.standard)
        file.fields = [
            FieldConformance(field: "A", cells: 10, passing: 9, present: true),
            FieldConformance(field: "B", cells: 10, passing: 10, present: true),
            FieldConformance(field: "C", cells: 0, passing: 0, present: false),
            FieldConformance(field: "D", cells: 10, passing: 5, present: true),
            FieldConformance(field: "E", cells: 10, passing: 9, present: true),
            FieldConformance(field: "F", cells: 0, passing: 0, present: true),
        ]
        let text = renderer.summaryBlock(file, style: .init(enabled: false))
        #expect(text.hasSuffix("\n  field conformance: C 0% (absent), D 50.0%, A 90.0%, E 90.0%"))

        file.fields = [FieldConformance(field: "A", cells: 3, passing: 3, present: true)]
        #expect(renderer.summaryBlock(file, style: .init(enabled: false)).hasSuffix("\n  field conformance: all fields 100%"))

        file.fields = []
        #expect(!renderer.summaryBlock(file, style: .init(enabled: false)).contains("field conformance"))
    }

    @Test(arguments: [
        (1.0, "100%"), (0.0, "0%"), (29.0 / 41.0, "70.7%"), (0.5, "50.0%"),
        (0.99999, "99.9%"), (0.00001, "0.1%"), (0.9995, "99.9%"), (0.0004, "0.1%"), (0.123, "12.3%"),
    ])
    func percentNeverRoundsToTheExtremes(ratio: Double, expected: String) {
        #expect(TextRenderer.percent(ratio) == expected)
    }

    // MARK: - Files

    @Test func finalLineOnlyForSeveralFiles() {
        let report = RendererSamples.validation
        let text = renderer.render(report, options: plain)
        #expect(text.hasSuffix("\n\n1 of 3 files conforms\n"))

        let single = ValidationReport(tool: "t", failOn: .error, files: [report.files[0]])
        let singleText = renderer.render(single, options: plain)
        #expect(!singleText.contains("files conform"))
        #expect(singleText.hasSuffix("fed by no field (every record lacks them): CaseURL\n"))

        let cleanTwice = ValidationReport(tool: "t", failOn: .error, files: [report.files[1], report.files[1]])
        #expect(renderer.render(cleanTwice, options: plain).hasSuffix("\n\n2 of 2 files conform\n"))
    }

    @Test func findingsKeepFileOrder() {
        let text = renderer.render(RendererSamples.validation, options: plain)
        let headlines = text.split(separator: "\n").filter { $0.contains("[") && $0.contains("]: ") }
        #expect(headlines.map { $0.prefix { $0 != ":" } } == [
            "warning[blank-row]", "error[not-in-codelist]", "error[type-mismatch]",
            "error[pattern-mismatch]", "error[required-missing]", "warning[date-in-future]",
            "info[no-final-newline]", "error[type-mismatch]",
        ])
    }

    // MARK: - Lint

    @Test func lintCleanSaysOk() {
        let report = LintReport(tool: "t", files: ["a.yaml"], findings: [])
        #expect(renderer.render(report, options: plain) == "1 standard checked: ok\n")
        let two = LintReport(tool: "t", files: ["a.yaml", "b.yaml"], findings: [])
        #expect(renderer.render(two, options: plain) == "2 standards checked: ok\n")
    }

    @Test func lintCountsInfosOnlyWhenPresent() {
        let info = Finding(rule: "r", severity: .info, message: "m", file: "a.yaml", line: 1, character: 1)
        let report = LintReport(tool: "t", files: ["a.yaml"], findings: [info])
        #expect(renderer.render(report, options: plain).hasSuffix("\n\n1 standard checked: 0 errors, 0 warnings, 1 info\n"))
        #expect(renderer.render(RendererSamples.lint, options: plain).hasSuffix("\n\n2 standards checked: 1 error, 1 warning\n"))
    }

    // MARK: - Helpers

    func stripANSI(_ text: String) -> String {
        var out = ""
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            if scalar == "\u{1B}" {
                while let next = iterator.next(), next != "m" {}
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

@Suite("Renderer registry")
struct RendererRegistryTests {
    @Test func listsFormatsInOrder() {
        #expect(Renderers.names == ["text", "json", "markdown", "sarif", "junit", "github", "html"])
        #expect(Renderers.all.map { $0.name } == ["text", "json", "markdown", "sarif", "junit", "github", "html"])
    }

    @Test func picksByName() {
        #expect(Renderers.named("text") is TextRenderer)
        #expect(Renderers.named("json") is JSONRenderer)
        #expect(Renderers.named("xml") == nil)
        #expect(Renderers.named("JSON") == nil)
    }
}
