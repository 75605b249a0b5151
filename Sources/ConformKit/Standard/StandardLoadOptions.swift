/// Limits on what loading a standard may cost, whatever its files hold (docs/reliability.md).
/// A standard over a limit is refused with an `invalid-value` finding, so it is never used.
public struct StandardLoadOptions: Sendable, Hashable, Codable {
    /// The largest standard file read, in bytes (64 MiB by default). A larger file is refused
    /// before it is read. Code list files (`file:`) are not bound by it: they are streamed.
    public var maxStandardSize: Int
    /// The most `uses` links followed from the standard named (64 by default): with 64, the
    /// standard, one it uses, one that one uses and so on, 64 times, are read; a 65th is refused.
    public var maxUsesDepth: Int

    /// 64 MiB standard files, 64 levels of `uses`.
    public static let `default` = StandardLoadOptions()

    public init(maxStandardSize: Int = 64 << 20, maxUsesDepth: Int = 64) {
        self.maxStandardSize = max(maxStandardSize, 1)
        self.maxUsesDepth = max(maxUsesDepth, 0)
    }
}
