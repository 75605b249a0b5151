import Foundation
import Testing
@testable import ConformKit

/// Sample reports shared by the renderer tests, and access to stored expected outputs.
enum RendererSamples {
    static let standardFile = "standards/uk-gov/brownfield-land-register.yaml"
    static let standard = StandardReference(
        id: "uk-gov/brownfield-land-register", version: "2017.1",
        title: "Brownfield land register", file: standardFile)

    static func rule(_ line: Int, _ column: Int) -> ConformKit.SourceLocation {
        ConformKit.SourceLocation(file: standardFile, line: line, column: column)
    }

    /// A file with findings of several rules (capped at one per rule and column) and a clean file.
    static var validation: ValidationReport {
        let dirtyName = "examples/brownfield/dirty.csv"
        var dirty = FileReport(file: dirtyName, standard: standard)
        dirty.conforms = false
        dirty.rows = 41
        dirty.conformingRows = 29
        dirty.bytes = 8_214
        dirty.errors = 12
        dirty.warnings = 3
        dirty.infos = 1
        // Deliberately not in display order: the renderer sorts.
        dirty.counts = [
            RuleCount(rule: "type-mismatch", severity: .error, column: "Hectares", count: 3),
            RuleCount(rule: "blank-row", severity: .warning, column: nil, count: 1),
            RuleCount(rule: "not-in-codelist", severity: .error, column: "PlanningStatus", count: 4),
            RuleCount(rule: "required-missing", severity: .error, column: "Hectares", count: 2),
            RuleCount(rule: "pattern-mismatch", severity: .error, column: "SiteReference", count: 3),
            RuleCount(rule: "date-in-future", severity: .warning, column: "FirstAddedDate", count: 2),
            RuleCount(rule: "no-final-newline", severity: .info, column: nil, count: 1),
        ]
        dirty.fields = [
            FieldConformance(field: "SiteReference", cells: 41, passing: 38, present: true),
            FieldConformance(field: "SiteName", cells: 41, passing: 41, present: true),
            FieldConformance(field: "PlanningStatus", cells: 41, passing: 37, present: true),
            FieldConformance(field: "Hectares", cells: 41, passing: 36, present: true),
            FieldConformance(field: "FirstAddedDate", cells: 41, passing: 41, present: true),
        ]
        dirty.findings = [
            Finding(rule: "blank-row", severity: .warning, message: "Row 4 is blank",
                    file: dirtyName, line: 5, row: 4),
            Finding(rule: "not-in-codelist", severity: .error,
                    message: "\"Permissioned\" is not in codelist planning-status",
                    file: dirtyName, line: 14, character: 8, row: 13,
                    column: "PlanningStatus", columnNumber: 3, value: "Permissioned",
                    expected: "one of: permissioned, not permissioned, pending decision",
                    hint: "differs only by case from \"permissioned\"",
                    standardLocation: rule(88, 7), byteOffset: 1_022),
            Finding(rule: "type-mismatch", severity: .error, message: "\"1,5\" is not a number",
                    file: dirtyName, line: 16, character: 41, row: 15,
                    column: "Hectares", columnNumber: 4, value: "1,5",
                    expected: "a number such as 1.5",
                    hint: "uses \",\" as the decimal separator; the standard's decimalChar is \".\"",
                    standardLocation: rule(52, 11)),
            Finding(rule: "pattern-mismatch", severity: .error,
                    message: "\"site 17\" does not match the pattern for SiteReference",
                    file: dirtyName, line: 18, character: 1, row: 17,
                    column: "SiteReference", columnNumber: 1, value: "site 17",
                    expected: "matches ^[A-Z0-9-]+$", standardLocation: rule(31, 14)),
            Finding(rule: "required-missing", severity: .error, message: "Hectares is required but blank",
                    file: dirtyName, line: 20, character: 39, row: 19,
                    column: "Hectares", columnNumber: 4, standardLocation: rule(50, 15)),
            Finding(rule: "date-in-future", severity: .warning,
                    message: "FirstAddedDate 2031-03-01 is in the future",
                    file: dirtyName, line: 23, character: 52, row: 22,
                    column: "FirstAddedDate", columnNumber: 5, value: "2031-03-01"),
            Finding(rule: "no-final-newline", severity: .info,
                    message: "The file does not end with a line break",
                    file: dirtyName, byteOffset: 8_214),
        ]
        dirty.findingsOmitted = 9
        dirty.target = TargetReport(
            standard: StandardReference(id: "lga/planning-applications", version: "3e8f808b", title: "Planning Applications",
                                        file: "standards/lga/planning-applications.yaml"),
            crosswalk: "https://example.org/crosswalks/brownfield-to-planning", rows: 41,
            fields: [
                TargetField(field: "PlanningStatus", target: "Status", values: 40, accepted: 25, transformed: 0, missingRequired: 1,
                            rejected: [TargetRejection(reason: "codelist", count: 15, example: "permissioned")]),
                TargetField(field: "SiteReference", target: nil, values: 41, accepted: 0, transformed: 0, missingRequired: 0, rejected: []),
            ],
            unprovided: ["CaseURL"])

        var clean = FileReport(file: "examples/brownfield/clean.csv", standard: standard)
        clean.rows = 12
        clean.conformingRows = 12
        clean.bytes = 1_530
        clean.fields = ["SiteReference", "SiteName", "PlanningStatus", "Hectares", "FirstAddedDate"]
            .map { FieldConformance(field: $0, cells: 12, passing: 12, present: true) }

        let grantsName = "examples/360giving/dirty.json"
        var grants = FileReport(file: grantsName, standard: StandardReference(
            id: "360giving/grants", version: "1.4", title: "360Giving grants", file: "standards/360giving/grants.yaml"))
        grants.conforms = false
        grants.rows = 12
        grants.conformingRows = 11
        grants.bytes = 9_120
        grants.errors = 1
        grants.counts = [RuleCount(rule: "type-mismatch", severity: .error, column: "amountAwarded", count: 1)]
        grants.fields = [FieldConformance(field: "amountAwarded", cells: 12, passing: 11, present: true)]
        grants.findings = [
            Finding(rule: "type-mismatch", severity: .error, message: "\"5000\" is a JSON string, not a valid number",
                    file: grantsName, line: 47, character: 24, row: 3, column: "amountAwarded", value: "5000",
                    expected: "a number, written as a JSON number",
                    hint: "write it without quotes, or set `coerce: true` on the field to accept strings",
                    standardLocation: ConformKit.SourceLocation(file: "standards/360giving/grants.yaml", line: 40, column: 11),
                    pointer: "/grants/2/amountAwarded"),
        ]

        return ValidationReport(tool: "conform 0.1.0", failOn: .error, files: [dirty, clean, grants])
    }

    /// Two standards, one with an error and a warning.
    static var lint: LintReport {
        LintReport(
            tool: "conform 0.1.0",
            files: [standardFile, "standards/uk-gov/common.yaml"],
            findings: [
                Finding(rule: "unknown-key", severity: .error,
                        message: "Unknown key \"requird\" in field Hectares",
                        file: standardFile, line: 49, character: 7,
                        hint: "did you mean \"required\"?"),
                Finding(rule: "unused-codelist", severity: .warning,
                        message: "Codelist site-ownership is never used",
                        file: standardFile, line: 120, character: 3),
            ])
    }

    /// A comparison with a gap of each level, in both directions.
    static var comparison: ComparisonReport {
        let a = StandardReference(id: "agency-a/sites", version: "1", title: "Sites", file: "a.yaml")
        let b = StandardReference(id: "agency-b/sites", version: nil, title: nil, file: "b.yaml")
        let aToB = [
            Gap(rule: "date-format-differs", severity: .error, message: "Opened: A writes dates as YYYY-MM-DD (ISO 8601), B as %d/%m/%Y",
                fromField: "Opened", toField: "Opened", example: "2024-03-31", transform: "YYYY-MM-DD (ISO 8601) → %d/%m/%Y",
                fromLocation: ConformKit.SourceLocation(file: "a.yaml", line: 11, column: 11),
                toLocation: ConformKit.SourceLocation(file: "b.yaml", line: 12, column: 5)),
            Gap(rule: "field-missing", severity: .warning, message: "Notes has no counterpart in agency-b/sites: its values are lost",
                fromField: "Notes", fromLocation: ConformKit.SourceLocation(file: "a.yaml", line: 16, column: 5)),
        ]
        let bToA = [
            Gap(rule: "pattern-removed", severity: .info, message: "Status: B requires the pattern (open|closed), A no pattern",
                fromField: "Status", toField: "Status", fromLocation: ConformKit.SourceLocation(file: "b.yaml", line: 9, column: 5)),
        ]
        return ComparisonReport(
            tool: "conform 0.1.0", a: a, b: b, failOn: .error,
            matches: [FieldMatch(a: "Opened", b: "Opened", by: "name"), FieldMatch(a: "SiteReference", b: "site_reference", by: "alias")],
            suggestions: [MatchSuggestion(a: "planning_status", b: "PlanningStatus", confidence: 0.9,
                                          reason: "the names differ only in case and punctuation")],
            directions: [DirectionReport(direction: "a-to-b", from: a, to: b, gaps: aToB),
                         DirectionReport(direction: "b-to-a", from: b, to: a, gaps: bToA)])
    }

    // MARK: - Files

    /// This file's directory, with symlinks resolved (tests may run through a linked package).
    static func testDirectory(_ filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// `docs/report.schema.json`, found by walking up from the test directory.
    static func schemaURL() throws -> URL {
        var dir = testDirectory()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("docs/report.schema.json")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        throw SampleError.missing("docs/report.schema.json above \(testDirectory().path)")
    }

    /// Compares `actual` with `Expected/<name>`. A missing file (or `CONFORM_RECORD=1`) writes it and fails,
    /// so a recorded output is always read by a person before it becomes the contract.
    static func expectMatchesStored(_ actual: String, _ name: String,
                                    sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = testDirectory().appendingPathComponent("Expected").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CONFORM_RECORD"] == "1"
            || !FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            Issue.record("recorded \(url.path); check it and run again", sourceLocation: sourceLocation)
            return
        }
        let stored = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        if stored != actual {
            let storedLines = stored.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(storedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
            let where_ = first.map { "line \($0.offset + 1):\n  stored: \($0.element.0)\n  actual: \($0.element.1)" }
                ?? "line counts differ: stored \(storedLines.count), actual \(actualLines.count)"
            Issue.record("output differs from Expected/\(name) at \(where_)", sourceLocation: sourceLocation)
        }
    }

    enum SampleError: Error { case missing(String) }
}
