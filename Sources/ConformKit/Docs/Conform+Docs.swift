extension Conform {
    /// The formats `conform docs` writes a standard's documentation in.
    public enum DocsFormat: String, Sendable, CaseIterable {
        /// GitHub-flavoured Markdown.
        case markdown
        /// One self-contained HTML page.
        case html
    }

    /// A standard's documentation page: its metadata, dialect and column policy, a summary table
    /// and a section per field (types and constraints resolved through `uses`), keys, row rules,
    /// types and code lists. With `since` (an older version), also what changed since it, from
    /// `compare(since, standard)`: fields added, removed and renamed, and the gaps of the
    /// old → new direction, errors (breaking) apart.
    public static func documentStandard(_ standard: LoadedStandard, format: DocsFormat = .markdown, since: LoadedStandard? = nil) -> String {
        let docs = StandardDocs(standard, since: since)
        switch format {
        case .markdown: return StandardDocsMarkdown().render(docs)
        case .html: return StandardDocsHTML().render(docs)
        }
    }
}
