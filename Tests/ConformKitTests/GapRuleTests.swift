import Foundation
import Testing
@testable import ConformKit

/// Every gap rule's documented examples, compared for real in the direction A → B: the passing
/// ones give no gap of the rule, the failing ones exactly the stated number.
struct GapRuleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var rule: String
        var index: Int
        var example: GapExample
        var testDescription: String { "\(rule) example \(index + 1) (\(example.gaps) expected)" }
    }

    static let cases: [Case] = GapRule.all.flatMap { rule in
        rule.examples.enumerated().map { Case(rule: rule.id, index: $0.offset, example: $0.element) }
    }

    static func loadInline(_ body: String, id: String, in directory: URL) throws -> Conform.LoadedStandard {
        try Conform.loadStandard(TestSupport.write("conform: 1\nid: \(id)\n" + body + "\n", "\(id).yaml", in: directory), searchPaths: [])
    }

    static func compare(a: String, b: String, direction: Conform.CompareDirection = .aToB, crosswalk: String? = nil) throws -> ComparisonReport {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pathA = TestSupport.write("conform: 1\nid: a\n" + a + "\n", "a.yaml", in: directory)
        let pathB = TestSupport.write("conform: 1\nid: b\n" + b + "\n", "b.yaml", in: directory)
        let standardA = try Conform.loadStandard(pathA, searchPaths: [])
        let standardB = try Conform.loadStandard(pathB, searchPaths: [])
        var mappings: Crosswalk?
        if let crosswalk {
            let path = TestSupport.write(crosswalk + "\n", "crosswalk.yaml", in: directory)
            mappings = try Conform.loadCrosswalk(path, between: standardA, and: standardB)
        }
        return Conform.compare(standardA, standardB, direction: direction, crosswalk: mappings)
    }

    @Test(arguments: cases)
    func example(_ item: Case) throws {
        let report = try Self.compare(a: item.example.a, b: item.example.b, crosswalk: item.example.crosswalk)
        let direction = try #require(report.directions.first)
        #expect(direction.direction == "a-to-b")
        let gaps = direction.gaps.filter { $0.rule == item.rule }
        #expect(gaps.count == item.example.gaps, "\(direction.gaps.map { "\($0.rule): \($0.message)" })")
        for gap in gaps {
            #expect(gap.fromLocation != nil || gap.toLocation != nil)
            if gap.severity == .error && !["required-not-provided", "nullable-to-required", "cardinality-differs", "key-differs"].contains(gap.rule) {
                // An error says which value breaks, and that value really is valid under A.
                #expect(gap.example != nil, "\(gap.rule): \(gap.message)")
            }
        }
    }

    @Test func everyRuleHasExamplesWithAndWithoutGaps() {
        for rule in GapRule.all {
            #expect(rule.examples.contains { $0.gaps == 0 }, "\(rule.id)")
            #expect(rule.examples.contains { $0.gaps > 0 }, "\(rule.id)")
        }
        let ids = GapRule.all.map(\.id) + ValidationRule.all.map(\.id) + LintRule.all.map(\.id)
        #expect(Set(ids).count == ids.count)
    }

    /// An example value an error gives is accepted by the producer's field and rejected by the consumer's.
    @Test func examplesAreValidUnderAAndRejectedUnderB() throws {
        let a = "fields:\n  - name: d\n    type: date\n    format: \"%d/%m/%Y\"\n  - name: n\n    type: number\n  - name: s\n    enum: [x, y, z]\n  - name: r\n    maxLength: 30"
        let b = "fields:\n  - name: d\n    type: date\n  - name: n\n    type: integer\n  - name: s\n    enum: [x, y]\n  - name: r\n    maxLength: 5"
        let report = try Self.compare(a: a, b: b)
        let gaps = report.directions[0].gaps.filter { $0.severity == .error }
        #expect(gaps.map(\.rule) == ["date-format-differs", "precision-lost", "codelist-values-missing", "length-narrowed"])
        #expect(gaps.map(\.example) == ["31/03/2024", "1.5", "z", "example"])
        #expect(gaps[0].transform == "%d/%m/%Y → YYYY-MM-DD (ISO 8601)")
        #expect(gaps[2].values == ["z"])
    }

    @Test func bothDirectionsAndVerdicts() throws {
        let a = "fields:\n  - name: n\n    type: integer"
        let b = "fields:\n  - name: n\n    type: number"
        let report = try Self.compare(a: a, b: b, direction: .both)
        #expect(report.directions.map(\.direction) == ["a-to-b", "b-to-a"])
        #expect(report.directions[0].compatible) // integer → number: widened only
        #expect(report.directions[0].gaps.map(\.rule) == ["type-widened"])
        #expect(!report.directions[1].compatible) // number → integer: 1.5 is rejected
        #expect(report.directions[1].gaps.map(\.rule) == ["precision-lost"])
        #expect(report.fails)
        #expect(try !Self.compare(a: a, b: b, direction: .aToB).fails)
    }

    @Test func matchingByNameAliasAndConceptWithSuggestions() throws {
        let a = "fields:\n  - name: id\n  - name: Ref\n  - name: when\n    concept: https://example.org/def/date\n  - name: planning_status\n    enum: [a, b, c]"
        let b = "fields:\n  - name: id\n  - name: reference\n    aliases: [Ref]\n  - name: decided\n    concept: https://example.org/def/date\n  - name: PlanningStatus\n    enum: [a, b, d]"
        let report = try Self.compare(a: a, b: b)
        #expect(report.matches.map { "\($0.a)=\($0.b):\($0.by)" } == ["id=id:name", "Ref=reference:alias", "when=decided:concept"])
        #expect(report.suggestions.count == 1)
        #expect(report.suggestions.first?.a == "planning_status" && report.suggestions.first?.b == "PlanningStatus")
        #expect((report.suggestions.first?.confidence ?? 0) >= 0.9)
        // A suggestion hides no gap: the field is still missing on each side.
        #expect(report.directions[0].gaps.map(\.rule).contains("field-missing"))
    }
}

/// The shipped crosswalk between the Brownfield Land Register and the LGA planning schema.
struct ShippedCrosswalkTests {
    static let crosswalk = TestSupport.repositoryRoot
        .appendingPathComponent("standards/crosswalks/brownfield-to-lga-planning-applications.yaml").path

    func compare(crosswalk: Bool) throws -> DirectionReport {
        let a = try Conform.loadStandard("uk-gov/brownfield-land-register", searchPaths: TestSupport.searchPaths)
        let b = try Conform.loadStandard("lga/planning-applications", searchPaths: TestSupport.searchPaths)
        let mappings = crosswalk ? try Conform.loadCrosswalk(Self.crosswalk, between: a, and: b) : nil
        return Conform.compare(a, b, direction: .aToB, crosswalk: mappings).directions[0]
    }

    @Test func curatedMappingsCloseTheirGapsAndTheRestRemain() throws {
        let without = try compare(crosswalk: false)
        let with = try compare(crosswalk: true)
        // Without it, ETRS89 is simply missing from B's list; with it, it maps (closely) to WGS84: a warning.
        let crs = without.gaps.first { $0.rule == "codelist-values-missing" && $0.fromField == "CoordinateReferenceSystem" }
        #expect(crs?.severity == .error && crs?.values == ["ETRS89"] && crs?.example == "ETRS89")
        #expect(!with.gaps.contains { $0.rule == "codelist-values-missing" && $0.fromField == "CoordinateReferenceSystem" })
        #expect(with.gaps.contains { $0.rule == "mapping-approximate" && $0.example == "ETRS89" && $0.severity == .warning })
        // Hectares → GroundArea: matched only through the crosswalk, whose unit factor closes the unit gap.
        #expect(!without.gaps.contains { $0.fromField == "Hectares" && $0.toField == "GroundArea" })
        #expect(with.gaps.contains { $0.fromField == "Hectares" && $0.toField == "GroundArea" })
        #expect(!with.gaps.contains { $0.rule == "unit-differs" })
        // Stated as having no counterpart: errors.
        let stated = with.gaps.filter { $0.rule == "field-missing" && $0.severity == .error }.compactMap(\.fromField)
        #expect(Set(stated) == ["Deliverable", "OwnershipStatus"])
        // The rest remains: other fields with no counterpart, and a required CaseURL that PlanningHistory may leave empty.
        #expect(with.gaps.contains { $0.rule == "field-missing" && $0.fromField == "SiteReference" && $0.severity == .warning })
        #expect(with.gaps.contains { $0.rule == "nullable-to-required" && $0.toField == "CaseURL" })
        #expect(!with.compatible)
    }

    /// Without a crosswalk, A → B names the three differences of the issue, each with an example
    /// valid under A: the date format (through the suggested PermissionDate/DecisionDate match,
    /// reported apart and not counted), the coordinate reference system list and the length of
    /// an identifier (the LGA column definitions' MaxSize 200 for OrganisationURI).
    @Test func dateCodelistAndIdentifierLengthWithoutACrosswalk() throws {
        let a = try Conform.loadStandard("uk-gov/brownfield-land-register", searchPaths: TestSupport.searchPaths)
        let b = try Conform.loadStandard("lga/planning-applications", searchPaths: TestSupport.searchPaths)
        let direction = try compare(crosswalk: false)
        let length = try #require(direction.gaps.first { $0.rule == "length-narrowed" && $0.fromField == "OrganisationURI" })
        let uri = try #require(length.example)
        #expect(length.severity == .error && uri.count == 201 && uri.hasPrefix("http://opendatacommunities.org/id/"))
        let profileA = try #require(FieldProfile.profiles(of: a.resolved).first { $0.name == "OrganisationURI" })
        let profileB = try #require(FieldProfile.profiles(of: b.resolved).first { $0.name == "OrganisationURI" })
        #expect(profileA.accepts(uri) && !profileB.accepts(uri))
        // A code list that fits in B's MaxSize 6 gives no length gap.
        #expect(!direction.gaps.contains { $0.rule == "length-narrowed" && $0.fromField == "CoordinateReferenceSystem" })
        #expect(direction.gaps.contains { $0.rule == "codelist-values-missing" && $0.fromField == "CoordinateReferenceSystem" && $0.example == "ETRS89" })
        let suggested = try #require(direction.ifSuggestionsTaken)
        let date = try #require(suggested.first { $0.rule == "date-format-differs" })
        #expect(date.fromField == "PermissionDate" && date.toField == "DecisionDate" && date.example == "2024-03-31")
        #expect(date.transform == "YYYY-MM-DD (ISO 8601) → %d/%m/%Y")
        // A suggestion hides no gap and adds none to the verdict.
        #expect(direction.gaps.contains { $0.rule == "field-missing" && $0.fromField == "PermissionDate" })
        #expect(direction.errors == direction.gaps.filter { $0.severity == .error }.count)
        #expect(!direction.gaps.contains { $0.rule == "date-format-differs" })
    }

    /// The same field mappings without their transforms: the date and unit gaps are there, with examples.
    @Test func withoutTransformsTheGapsShow() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = try Conform.loadStandard("uk-gov/brownfield-land-register", searchPaths: TestSupport.searchPaths)
        let b = try Conform.loadStandard("lga/planning-applications", searchPaths: TestSupport.searchPaths)
        var text = try String(contentsOfFile: Self.crosswalk, encoding: .utf8)
        text = text.replacingOccurrences(of: "    transform:\n      date-format: {from: iso, to: \"%d/%m/%Y\"}\n", with: "")
            .replacingOccurrences(of: "    transform:\n      unit: {from: hectare, to: square metre, factor: 10000}\n", with: "")
        #expect(!text.contains("transform:"))
        let crosswalk = try Conform.loadCrosswalk(TestSupport.write(text, "bare.yaml", in: directory), between: a, and: b)
        let gaps = Conform.compare(a, b, direction: .aToB, crosswalk: crosswalk).directions[0].gaps
        let date = try #require(gaps.first { $0.rule == "date-format-differs" })
        #expect(date.fromField == "PermissionDate" && date.toField == "DecisionDate" && date.severity == .error)
        #expect(date.example == "2024-03-31" && date.transform == "YYYY-MM-DD (ISO 8601) → %d/%m/%Y")
        #expect(gaps.contains { $0.rule == "unit-differs" && $0.fromField == "Hectares" })
        let shipped = try compare(crosswalk: true)
        #expect(!shipped.gaps.contains { $0.rule == "date-format-differs" || $0.rule == "unit-differs" })
    }

    @Test func crosswalkProblemsAreReportedWithTheirPlace() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = try Conform.loadStandard("uk-gov/brownfield-land-register", searchPaths: TestSupport.searchPaths)
        let b = try Conform.loadStandard("lga/planning-applications", searchPaths: TestSupport.searchPaths)
        let path = TestSupport.write("""
        mapping_set_id: x
        subject_source: uk-gov/brownfield-land-register
        object_source: lga/planning-applications
        mappings:
          - subject_id: PermisionDate
            predicate_id: skos:exactMatch
            object_id: DecisionDate
            mapping_justification: semapv:ManualMappingCuration
          - subject_id: Hectares
            predicate_id: skos:sameAs
            object_id: GroundArea
            mapping_justification: semapv:ManualMappingCuration
        """, "bad.yaml", in: directory)
        do {
            _ = try Conform.loadCrosswalk(path, between: a, and: b)
            Issue.record("a crosswalk with an unknown predicate was accepted")
        } catch let .unusable(lint) {
            #expect(lint.findings.map { "\($0.line ?? 0) \($0.rule)" } == ["10 invalid-value"])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// `conform lint` checks a crosswalk against the standards it names; every shipped one is clean.
    @Test func lintChecksCrosswalks() throws {
        let folder = TestSupport.repositoryRoot.appendingPathComponent("standards/crosswalks")
        let shipped = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(!shipped.isEmpty)
        let report = Conform.lint(shipped.map { folder.appendingPathComponent($0).path }, searchPaths: TestSupport.searchPaths)
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = try String(contentsOfFile: Self.crosswalk, encoding: .utf8).replacingOccurrences(of: "object_id: DecisionDate", with: "object_id: DecisionDat")
        let findings = Conform.lint([TestSupport.write(bad, "bad.yaml", in: directory)], searchPaths: TestSupport.searchPaths).findings
        #expect(findings.map { "\($0.line ?? 0) \($0.rule) \($0.hint ?? "")" } == ["16 unknown-field did you mean `DecisionDate`?"])
    }

    @Test func exportAsSSSOMTSV() throws {
        let crosswalk = try Conform.loadCrosswalk(Self.crosswalk)
        let lines = Conform.exportSSSOM(crosswalk).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let header = lines.filter { $0.hasPrefix("#") }
        #expect(header.contains("# subject_source: urn:conform:standard:uk-gov/brownfield-land-register"))
        #expect(header.contains("# license: https://creativecommons.org/publicdomain/zero/1.0/"))
        #expect(header.contains("#   skos: http://www.w3.org/2004/02/skos/core#"))
        let rows = lines.filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.first == ["subject_id", "predicate_id", "object_id", "mapping_justification", "confidence", "comment"])
        #expect(rows.count == crosswalk.mappings.count + 1)
        #expect(rows.allSatisfy { $0.count == 6 })
        #expect(rows[1][0...3] == ["subject:PermissionDate", "skos:exactMatch", "object:DecisionDate", "semapv:ManualMappingCuration"])
        #expect(rows[1][5] == "conform transform: date-format iso → %d/%m/%Y")
        #expect(rows.contains { $0[0] == "subject:Deliverable" && $0[2] == "sssom:NoTermFound" })
    }

    /// The draft a comparison suggests is a crosswalk conform reads back; its lexical mappings only warn.
    @Test func suggestedDraftLoadsAndOnlyWarns() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = try GapRuleTests.loadInline("fields:\n  - name: planning_status\n    enum: [Permissioned, pending]\n  - name: ref", id: "a", in: directory)
        let b = try GapRuleTests.loadInline("fields:\n  - name: PlanningStatus\n    enum: [permissioned, pending decision]\n  - name: ref", id: "b", in: directory)
        let report = Conform.compare(a, b, direction: .aToB)
        let draft = Conform.suggestCrosswalk(report, a, b)
        let path = TestSupport.write(draft, "draft.yaml", in: directory)
        let crosswalk = try Conform.loadCrosswalk(path, between: a, and: b)
        #expect(crosswalk.mappings.map(\.subjectID) == ["planning_status", "planning_status#Permissioned"])
        #expect(crosswalk.mappings.map(\.objectID) == ["PlanningStatus", "PlanningStatus#permissioned"])
        #expect(draft.contains("  # planning_status: no look-alike in b for pending (map them"))
        let mapped = Conform.compare(a, b, direction: .aToB, crosswalk: crosswalk)
        #expect(mapped.matches.contains { $0.a == "planning_status" && $0.by == "crosswalk" })
        #expect(mapped.directions[0].gaps.contains { $0.rule == "mapping-approximate" && $0.severity == .warning })
    }

    /// Dates written in a format read back as the same day, for every day of four centuries.
    @Test func temporalFormatWritesWhatItReads() throws {
        let formats = try [nil, "%d/%m/%Y", "%-d %B %Y", "%Y%m%d"].map { try TemporalFormat(kind: .date, pattern: $0) }
        for day in stride(from: Int64(-200_000), to: 200_000, by: 37) {
            let (year, month, dayOfMonth) = TemporalFormat.civilFromDays(day)
            #expect(TemporalFormat.daysFromCivil(year: year, month: month, day: dayOfMonth) == day)
            guard year >= 1000 && year <= 9999 else { continue }
            for format in formats {
                var text = format.format(TemporalValue(seconds: day * 86_400))
                #expect(text.withUTF8 { format.parse(UnsafeRawBufferPointer($0)) } == TemporalValue(seconds: day * 86_400), "\(text)")
            }
        }
        #expect(Crosswalk.Transform.rewriteDate("2024-02-29", .init(from: nil, to: "%d/%m/%Y")) == "29/02/2024")
        #expect(Crosswalk.Transform.rewriteDate("not a date", .init(from: nil, to: "%d/%m/%Y")) == "not a date")
    }
}

/// `validate --target`: the Brownfield dirty example judged under the LGA planning schema.
struct TargetAnalysisTests {
    @Test func dirtyBrownfieldUnderThePlanningSchema() throws {
        let a = try Conform.loadStandard("uk-gov/brownfield-land-register", searchPaths: TestSupport.searchPaths)
        let b = try Conform.loadStandard("lga/planning-applications", searchPaths: TestSupport.searchPaths)
        let crosswalk = try Conform.loadCrosswalk(ShippedCrosswalkTests.crosswalk, between: a, and: b)
        let path = ShippedStandardsTests.example("brownfield/dirty.csv")
        let outcome = Conform.validate(paths: [path], standard: a, target: Conform.Target(standard: b, crosswalk: crosswalk))
        let target = try #require(outcome.report.files.first?.target)
        #expect(target.rows == outcome.report.files[0].rows - 1) // the blank row is no record
        func field(_ name: String) throws -> TargetField { try #require(target.fields.first { $0.field == name }) }
        // Dates: rewritten to DD/MM/YYYY by the crosswalk; the one already in that shape (a seeded error under A) passes as it is.
        let dates = try field("PermissionDate")
        #expect(dates.target == "DecisionDate" && dates.values == 14 && dates.transformed == 13 && dates.accepted == 14)
        // "WGS 84" (with a space) is in neither list; ETRS89 would map to WGS84.
        let crs = try field("CoordinateReferenceSystem")
        #expect(crs.rejected == [TargetRejection(reason: "codelist", count: 1, example: "WGS 84")])
        #expect(crs.accepted == crs.values - 1)
        // No counterpart: every value lost.
        let reference = try field("SiteReference")
        #expect(reference.target == nil && reference.values == 39 && reference.accepted == 0)
        // B requires a CaseURL; PlanningHistory feeds it but is often empty.
        #expect(try field("PlanningHistory").missingRequired == 27) // 39 records, 12 with a value
        #expect(try field("SiteNameAddress").missingRequired == 0)
        #expect(target.unprovided == ["ExtractDate", "PublisherLabel", "CaseReference", "ServiceTypeLabel", "CaseText"])
        // Without the crosswalk nothing feeds DecisionDate or GroundArea.
        let plain = Conform.validate(paths: [path], standard: a, target: Conform.Target(standard: b)).report.files[0].target
        #expect(plain?.fields.first { $0.field == "PermissionDate" }?.target == nil)
    }

    @Test func sameJudgementFromJSON() throws {
        // The 360Giving grants against a standard that takes only some of them, by name.
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = try Conform.loadStandard("360giving/grants", searchPaths: TestSupport.searchPaths)
        let b = try GapRuleTests.loadInline("fields:\n  - name: id\n    maxLength: 20\n  - name: currency\n    enum: [GBP]\n  - name: amountAwarded\n    type: integer",
                                            id: "b", in: directory)
        let outcome = Conform.validate(paths: [ShippedStandardsTests.example("360giving/grants.json")], standard: a,
                                       target: Conform.Target(standard: b))
        let target = try #require(outcome.report.files.first?.target)
        let currency = try #require(target.fields.first { $0.field == "currency" })
        #expect(currency.values == 12 && currency.accepted == 12)
        let amount = try #require(target.fields.first { $0.field == "amountAwarded" })
        #expect(amount.values == 12 && amount.rejected.map(\.reason) == ["type"]) // 4980.5 is not an integer
        let id = try #require(target.fields.first { $0.field == "id" })
        #expect(id.rejected.first?.reason == "length")
    }
}

/// Several standards in one run: the shared pass gives each standard exactly its own report.
struct SeveralStandardsTests {
    @Test func sharedPassGivesTheSameReportsAsSeparateRuns() throws {
        let a = try Conform.loadStandard("uk-gov/brownfield-land-register", searchPaths: TestSupport.searchPaths)
        let b = try Conform.loadStandard("lga/planning-applications", searchPaths: TestSupport.searchPaths)
        let path = ShippedStandardsTests.example("brownfield/dirty.csv")
        let options = ValidationOptions(maxFindings: 1000)
        let both = Conform.validate(paths: [path], standards: [a, b], options: options).report
        #expect(both.files.map(\.standard.id) == ["uk-gov/brownfield-land-register", "lga/planning-applications"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for (index, standard) in [a, b].enumerated() {
            let alone = Conform.validate(paths: [path], standard: standard, options: options).report.files[0]
            #expect(try encoder.encode(both.files[index]) == encoder.encode(alone), "\(standard.id)")
        }
        let text = TextRenderer().render(both, options: RenderOptions())
        #expect(text.contains("examples/brownfield/dirty.csv   uk-gov/brownfield-land-register   lga/planning-applications"))
        #expect(text.hasSuffix("0 of 2 checks pass (1 file × 2 standards)\n"))
    }
}

/// Cases a review of `compare` turned up, each with its exact outcome.
struct CompareEdgeCaseTests {
    static func crosswalk(_ mappings: String) -> String {
        "mapping_set_id: https://example.org/x\nsubject_source: a\nobject_source: b\nmappings:\n" + mappings
    }

    static func gaps(_ a: String, _ b: String, crosswalk: String? = nil, direction: Conform.CompareDirection = .aToB) throws -> [String] {
        let report = try GapRuleTests.compare(a: a, b: b, direction: direction, crosswalk: crosswalk)
        return report.directions[0].gaps.map { "\($0.severity.rawValue) \($0.rule)" + ($0.example.map { " \($0)" } ?? "") }
    }

    /// A unit conversion scales the values and the bounds: 8 ha is 80,000 m², over B's 50,000.
    @Test func unitFactorAppliesToBounds() throws {
        let a = "fields:\n  - name: area\n    type: number\n    unit: hectare\n    minimum: 0\n    maximum: 10"
        let b = "fields:\n  - name: area\n    type: number\n    unit: square metre\n    minimum: 0\n    maximum: 50000"
        let mapping = Self.crosswalk("  - subject_id: area\n    predicate_id: skos:exactMatch\n    object_id: area\n"
            + "    mapping_justification: semapv:ManualMappingCuration\n    transform:\n      unit: {from: hectare, to: square metre, factor: 10000}")
        let forward = try Self.gaps(a, b, crosswalk: mapping)
        #expect(forward.contains { $0.hasPrefix("error range-narrowed") || $0.hasPrefix("warning range-narrowed") })
        #expect(!forward.contains { $0.contains("unit-differs") })
        let back = try Self.gaps(a, b, crosswalk: mapping, direction: .bToA)
        #expect(!back.contains { $0.hasPrefix("error range-narrowed") }) // 50,000 m² is 5 ha: within A
    }

    /// A crosswalk mapping to another field is not applied to a pair matched by name.
    @Test func transformOnlyForItsPair() throws {
        let a = "fields:\n  - name: Status\n    enum: [open, shut]"
        let b = "fields:\n  - name: Status\n    enum: [open, shut]\n  - name: PlanningStatus\n    enum: [OPEN, SHUT]"
        let mapping = Self.crosswalk("  - subject_id: Status\n    predicate_id: skos:exactMatch\n    object_id: PlanningStatus\n"
            + "    mapping_justification: semapv:ManualMappingCuration\n    transform:\n      case: upper")
        #expect(try !Self.gaps(a, b, crosswalk: mapping).contains { $0.contains("codelist") })
    }

    /// A date-format transform that does not read A's format leaves the gap (and says why).
    @Test func dateTransformMustReadTheDates() throws {
        let a = "fields:\n  - name: d\n    type: date"
        let b = "fields:\n  - name: d\n    type: date\n    format: \"%d/%m/%Y\""
        let wrong = Self.crosswalk("  - subject_id: d\n    predicate_id: skos:exactMatch\n    object_id: d\n"
            + "    mapping_justification: semapv:ManualMappingCuration\n    transform:\n      date-format: {from: \"%m/%d/%Y\", to: \"%d/%m/%Y\"}")
        #expect(try Self.gaps(a, b, crosswalk: wrong) == ["error date-format-differs 2024-03-31"])
        let right = wrong.replacingOccurrences(of: "from: \"%m/%d/%Y\"", with: "from: iso")
        #expect(try Self.gaps(a, b, crosswalk: right).isEmpty)
    }

    /// Lengths: no crash on a huge limit, and the empty value (missing) is never the example.
    @Test func lengthLimits() throws {
        let huge = try Self.gaps("fields:\n  - name: r", "fields:\n  - name: r\n    maxLength: 9223372036854775807")
        #expect(huge.isEmpty || huge.allSatisfy { $0.contains("length") })
        let minimum = try Self.gaps("fields:\n  - name: r", "fields:\n  - name: r\n    minLength: 1")
        #expect(minimum.allSatisfy { !$0.hasSuffix("length-narrowed ") })
        let alternatives = try Self.gaps("fields:\n  - name: s\n    pattern: \"(|open|closed)\"", "fields:\n  - name: s\n    pattern: \"(open|closed)\"")
        #expect(alternatives.isEmpty)
    }

    /// The example of a narrowed bound breaks that bound; examples are A's values as A has them.
    @Test func examplesBreakTheRightBoundAndAreA() throws {
        let a = "fields:\n  - name: x\n    type: number\n    maximum: 1000"
        let b = "fields:\n  - name: x\n    type: number\n    minimum: -180\n    maximum: 700000"
        let gaps = try Self.gaps(a, b)
        #expect(gaps == ["error range-narrowed -1000000.125", "info range-widened"])
        let upper = try Self.gaps("fields:\n  - name: s\n    enum: [open, shut]", "fields:\n  - name: s\n    pattern: \"[a-z]+\"",
                                  crosswalk: Self.crosswalk("  - subject_id: s\n    predicate_id: skos:exactMatch\n    object_id: s\n"
                                      + "    mapping_justification: semapv:ManualMappingCuration\n    transform:\n      case: upper"))
        #expect(upper.contains("error pattern-added open")) // "open" is A's value; B receives "OPEN"
    }

    /// A close code mapping is not inverted: B's WGS84 stays WGS84 on the way back.
    @Test func closeCodeMappingsAreNotInverted() throws {
        let a = "fields:\n  - name: crs\n    enum: [WGS84, OSGB36, ETRS89]"
        let b = "fields:\n  - name: crs\n    enum: [WGS84, OSGB36]"
        let mapping = Self.crosswalk("  - subject_id: crs#ETRS89\n    predicate_id: skos:closeMatch\n    object_id: crs#WGS84\n"
            + "    mapping_justification: semapv:ManualMappingCuration")
        let back = try GapRuleTests.compare(a: a, b: b, direction: .bToA, crosswalk: mapping).directions[0].gaps
        #expect(back.filter { $0.rule == "codelist-values-added" }.map(\.values) == [["ETRS89"]])
    }

    /// A primary key B adds is an error when A's key does not imply it.
    @Test func primaryKeys() throws {
        let b = "fields:\n  - name: id\n  - name: v\nkeys:\n  primary: [id]"
        #expect(try Self.gaps("fields:\n  - name: id\n  - name: v", b) == ["error key-differs"])
        #expect(try Self.gaps("fields:\n  - name: id\n  - name: v\nkeys:\n  primary: [id]", b).isEmpty)
        #expect(try Self.gaps("fields:\n  - name: id\n  - name: v\nkeys:\n  primary: [id]", "fields:\n  - name: id\n  - name: v\nkeys:\n  primary: [id, v]").isEmpty)
    }

    /// A crosswalk for other standards is refused; codes the lists lack are warnings the caller gets.
    @Test func crosswalkSourcesAndCodes() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = try GapRuleTests.loadInline("fields:\n  - name: crs\n    enum: [WGS84]", id: "a", in: directory)
        let b = try GapRuleTests.loadInline("fields:\n  - name: crs\n    enum: [WGS84]", id: "b", in: directory)
        let other = TestSupport.write(Self.crosswalk("  - subject_id: crs\n    predicate_id: skos:exactMatch\n    object_id: crs\n"
            + "    mapping_justification: semapv:ManualMappingCuration").replacingOccurrences(of: "object_source: b", with: "object_source: c"),
            "other.yaml", in: directory)
        #expect(throws: Conform.StandardError.self) { try Conform.loadCrosswalk(other, between: a, and: b) }
        let codes = TestSupport.write(Self.crosswalk("  - subject_id: crs#NOPE\n    predicate_id: skos:exactMatch\n    object_id: crs#ALSONOPE\n"
            + "    mapping_justification: semapv:ManualMappingCuration"), "codes.yaml", in: directory)
        let loaded = try Conform.loadCrosswalk(codes, between: a, and: b)
        #expect(loaded.warnings.map(\.message) == ["crs has no code \"NOPE\"", "crs has no code \"ALSONOPE\""])
    }

    /// Draft crosswalks quote what YAML would misread.
    @Test func draftQuotesColons() {
        #expect(CrosswalkWriter.yamlScalar("Ref:") == "\"Ref:\"")
        #expect(CrosswalkWriter.yamlScalar("plain_name") == "plain_name")
    }
}
