/// Options shared by renderers.
public struct RenderOptions: Sendable {
    /// Emit ANSI colour escapes (only renderers meant for a terminal use it).
    public var color: Bool

    public init(color: Bool = false) {
        self.color = color
    }
}

/// A renderer turns a report into the bytes of one output format.
///
/// Renderers are stateless values; the CLI picks one by name through `Renderers`.
/// The output always ends with a newline.
public protocol ReportRenderer: Sendable {
    /// The `--format` name.
    static var name: String { get }
    init()
    /// The output for a validation report (`conform validate`).
    func render(_ report: ValidationReport, options: RenderOptions) -> String
    /// The output for a lint report (`conform lint`).
    func render(_ report: LintReport, options: RenderOptions) -> String
    /// The output for a comparison of two standards (`conform compare`).
    func render(_ report: ComparisonReport, options: RenderOptions) -> String
}

/// The explicit registry the CLI uses to list and pick formats.
public enum Renderers {
    /// Every renderer, in the order formats are listed to users.
    public static let all: [any ReportRenderer.Type] = [
        TextRenderer.self,
        JSONRenderer.self,
        MarkdownRenderer.self,
        SARIFRenderer.self,
        JUnitRenderer.self,
        GitHubRenderer.self,
        HTMLRenderer.self,
    ]

    /// The format names, in the order of `all`.
    public static var names: [String] { all.map { $0.name } }

    /// A renderer for the `--format` name, or nil if there is none (names are exact).
    public static func named(_ name: String) -> (any ReportRenderer)? {
        guard let type = all.first(where: { $0.name == name }) else { return nil }
        return type.init()
    }
}
