import Testing
@testable import ConformKit

/// Every data rule's documented examples, run for real: the passing ones produce no finding
/// of the rule, the failing ones exactly the stated number.
struct RuleExampleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var rule: String
        var index: Int
        var example: RuleExample
        var testDescription: String { "\(rule) example \(index + 1) (\(example.findings) expected)" }
    }

    static let cases: [Case] = ValidationRule.all.flatMap { rule in
        rule.examples.enumerated().map { Case(rule: rule.id, index: $0.offset, example: $0.element) }
    }

    @Test(arguments: cases)
    func example(_ item: Case) throws {
        var options = ValidationOptions(maxFindings: 1000)
        if let limits = item.example.limits { options.limits = limits }
        let report = try TestSupport.validate(standard: item.example.standard, data: item.example.dataBytes, format: item.example.format,
                                              options: options)
        #expect(report.count(item.rule) == item.example.findings, "\(report.counts)")
        let listed = report.findings.filter { $0.rule == item.rule }
        #expect(listed.count == item.example.findings)
        for finding in listed {
            #expect(finding.file.hasSuffix("data.\(item.example.format.rawValue)"))
            // Header findings have no row; nor has a JSON document's structure once reading stops.
            #expect(finding.row != nil || ValidationRule.named(item.rule)?.category == .header || item.rule == RecordsNotFound.rule.id)
            if item.example.format != .csv { #expect(finding.pointer != nil || finding.row == nil || item.rule == InvalidJSON.rule.id) }
            #expect(finding.line != nil)
        }
    }

    @Test func everyRuleHasPassingAndFailingExamples() {
        for rule in ValidationRule.all {
            #expect(rule.examples.contains { $0.findings == 0 }, "\(rule.id) has no passing example")
            #expect(rule.examples.contains { $0.findings > 0 }, "\(rule.id) has no failing example")
        }
    }

    @Test func ruleIDsAreUniqueAndKebabCase() {
        let ids = ValidationRule.all.map(\.id) + LintRule.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.allSatisfy { $0.isLowercase || $0 == "-" || $0.isNumber }, "\(id)")
        }
    }
}
