/// Checks a resolved standard for everything that would make it unusable or misleading:
/// unknown types and code lists, patterns PCRE2 cannot compile, conflicting constraints,
/// duplicate names, keys and rules that name unknown fields.
enum Linter {
    static func check(_ resolved: ResolvedStandard) -> [Finding] {
        var diagnostics = Diagnostics()
        let standard = resolved.standard

        // Duplicate names.
        var seenFields: [String: SourceLocation] = [:]
        for field in standard.fields {
            for name in [field.name] + field.aliases {
                if let first = seenFields[name] {
                    diagnostics.report(.duplicateName, "the name `\(name)` is used by two fields (first at line \(first.line))", at: field.location)
                } else {
                    seenFields[name] = field.location
                }
            }
        }
        for (kind, names) in [("type", standard.types.map { ($0.name, $0.location) }), ("code list", standard.codelists.map { ($0.name, $0.location) })] {
            var seen = Set<String>()
            for (name, location) in names where !seen.insert(name).inserted {
                diagnostics.report(.duplicateName, "two \(kind)s are named `\(name)`", at: location)
            }
        }

        for type in standard.types where BaseType(rawValue: type.name) != nil {
            diagnostics.report(.duplicateName, "type `\(type.name)` has the name of a built-in type, which always wins; rename it", at: type.location)
        }

        // Every type the standard defines, compiled as if a field used it, so a shared library of types is checked too.
        var compiler = StandardCompiler(resolved)
        for type in standard.types {
            let probe = Field(name: type.name, type: Located(type.name, at: type.location), constraints: Constraints(),
                              severity: .error, aliases: [], location: type.location)
            _ = compiler.compile(probe)
        }
        diagnostics.append(contentsOf: compiler.diagnostics)

        // Code lists.
        for list in standard.codelists where list.file == nil && list.values.isEmpty {
            diagnostics.report(.invalidValue, "code list `\(list.name)` has no values", at: list.location)
        }

        // Fields, keys and rules, through the same compiler validation uses.
        if case let .failure(failure) = CompiledStandard.compile(resolved) {
            diagnostics.append(contentsOf: failure.findings)
        } else {
            var warnings = StandardCompiler(resolved)
            for field in standard.fields { _ = warnings.compile(field) }
            diagnostics.append(contentsOf: warnings.diagnostics.findings.filter { $0.severity != .error })
        }
        return diagnostics.findings
    }
}
