import Foundation

extension Conform {
    /// What `conform import` gives: the standard as conform YAML, and the lint findings of the
    /// import (what was read leniently, what could not be expressed).
    public struct ImportOutcome: Sendable {
        /// The standard in conform's YAML format, with a header comment naming the source and
        /// listing what was left out.
        public var yaml: String
        public var findings: [Finding]
        /// The format the file was read as (`table-schema`, `data-package`, `conform`).
        public var format: String
    }

    /// Reads a Table Schema, a Data Package resource (`datapackage.json#resource`) or a conform
    /// standard and writes it in conform's YAML format. Throws when it cannot be read or has errors.
    public static func importStandard(_ reference: String, searchPaths: [String]) throws(StandardError) -> ImportOutcome {
        let loaded = try loadStandard(reference, searchPaths: searchPaths)
        let resolved = loaded.resolved
        let file = resolved.standard.sourceFile
        var format = "conform"
        if let data = FileManager.default.contents(atPath: StandardResolver.splitResource(reference).file) {
            var ignored = Diagnostics()
            if let text = StandardImporter.decode(data, file: file, diagnostics: &ignored) {
                if text.drop(while: { $0.isWhitespace }).hasPrefix("{"), case let .success((node, _)) = TolerantJSONParser.parse(text, file: file) {
                    format = StandardImporter.kind(of: node)?.rawValue ?? format
                }
            }
        }
        let notes = resolved.findings.filter { $0.rule == LintRule.importNotExpressed.id }
        var header = ["Imported by conform \(Conform.version) from \(reference) (\(format)).",
                      "Check it, give it a real `id`, `version`, `publisher` and `licence`, then run `conform lint`."]
        if !notes.isEmpty {
            header += ["", "Not expressed (left out of this standard):"]
            header += notes.map { "- \($0.message) (\(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line ?? 1))" }
        }
        let tolerated = resolved.findings.filter { $0.rule == LintRule.importTolerance.id }
        if !tolerated.isEmpty {
            header += ["", "Read leniently: \(tolerated.count) place\(tolerated.count == 1 ? "" : "s") (`conform lint \(reference)` lists them)."]
        }
        header.append("")
        return ImportOutcome(yaml: StandardWriter.yaml(resolved.standard, header: header), findings: resolved.findings, format: format)
    }
}
