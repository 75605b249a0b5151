/// Generates `docs/rules.md` from the rule registries, so the documentation cannot drift from the code.
public enum RuleDocumentation {
    public static func markdown() -> String {
        var text = """
        # Rules

        Every finding conform reports carries one of these rule ids. They are part of the public
        contract: stable, kebab-case, and documented here. This page is generated from the code
        (`conform rules --markdown > docs/rules.md`); a test keeps it in step.

        A field's `severity` sets the severity of its cell findings; the defaults are below.


        """
        for category in ValidationRule.Category.allCases {
            text += "## \(category.rawValue.prefix(1).uppercased() + category.rawValue.dropFirst()) rules\n\n"
            for rule in ValidationRule.all where rule.category == category {
                text += "### `\(rule.id)`\n\n"
                text += "Default severity: **\(rule.severity.rawValue)**. \(rule.summary)\n\n"
                for example in rule.examples {
                    text += example.findings == 0 ? "Passes:\n\n" : "Fails (\(example.findings) finding\(example.findings == 1 ? "" : "s")):\n\n"
                    if !example.limitFlags.isEmpty { text += "With `\(example.limitFlags)`:\n\n" }
                    text += "```yaml\n\(example.standard)\n```\n\n```\(example.format == .csv ? "csv" : "json")\n\(example.data)\(example.data.hasSuffix("\n") ? "" : "\n")```\n\n"
                }
            }
        }
        text += "## Interoperability gap rules\n\nReported by `conform compare A B` for each direction: data made under A and used under B (and the reverse). "
            + "Levels: **error**, a value valid under A is rejected by B; **warning**, it cannot be decided from the standards, or data is silently lost; "
            + "**info**, B accepts more than A. See [interop.md](interop.md).\n\n"
        for rule in GapRule.all {
            text += "### `\(rule.id)`\n\nLevel: **\(rule.severity.rawValue)**. \(rule.summary)\n\n"
            for example in rule.examples {
                text += example.gaps == 0 ? "No gap from A to B:\n\n" : "\(example.gaps) gap\(example.gaps == 1 ? "" : "s") from A to B:\n\n"
                text += "```yaml\n# A\n\(example.a)\n```\n\n```yaml\n# B\n\(example.b)\n```\n\n"
                if let crosswalk = example.crosswalk { text += "with the crosswalk\n\n```yaml\n\(crosswalk)\n```\n\n" }
            }
        }
        text += "## Standard (lint) rules\n\nReported by `conform lint`, and by `conform validate` before it reads any data (a standard with an error is never used).\n\n"
        for rule in LintRule.all {
            text += "### `\(rule.id)`\n\nSeverity: **\(rule.severity.rawValue)**. \(rule.summary)\n\n```yaml\n\(rule.example)\n```\n\n"
        }
        return text
    }
}
