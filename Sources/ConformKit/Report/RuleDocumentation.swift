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
                    text += "```yaml\n\(example.standard)\n```\n\n```\(example.format == .csv ? "csv" : "json")\n\(example.data)\(example.data.hasSuffix("\n") ? "" : "\n")```\n\n"
                }
            }
        }
        text += "## Standard (lint) rules\n\nReported by `conform lint`, and by `conform validate` before it reads any data (a standard with an error is never used).\n\n"
        for rule in LintRule.all {
            text += "### `\(rule.id)`\n\nSeverity: **\(rule.severity.rawValue)**. \(rule.summary)\n\n```yaml\n\(rule.example)\n```\n\n"
        }
        return text
    }
}
