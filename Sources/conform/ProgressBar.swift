import Foundation

/// A progress bar on standard error for big files: bytes, MB/s and time left. Drawn only when
/// standard error is a terminal, at most ten times a second, and erased when done.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false
    /// Files smaller than this finish too soon for a bar to help.
    static let threshold = 16 << 20

    /// A bar when standard error is a terminal, nil otherwise.
    static func forStandardError() -> ProgressBar? {
        isatty(STDERR_FILENO) == 1 ? ProgressBar() : nil
    }

    func update(_ done: Int, _ total: Int?) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        if let total, total < ProgressBar.threshold { return }
        if total == nil && done < ProgressBar.threshold { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(start), 0.001)
        let rate = Double(done) / elapsed / 1_000_000
        var line: String
        if let total, total > 0 {
            let fraction = min(Double(done) / Double(total), 1)
            let width = 30
            let filled = Int(fraction * Double(width))
            line = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            line += String(format: "%3.0f%%  %.0f/%.0f MB  %.0f MB/s", fraction * 100,
                           Double(done) / 1_000_000, Double(total) / 1_000_000, rate)
            // The time left only once the rate means something.
            if elapsed >= 0.5 && rate > 0 {
                line += String(format: "  %.0fs left", Double(total - done) / 1_000_000 / rate)
            }
        } else {
            line = String(format: "%.0f MB read  %.0f MB/s", Double(done) / 1_000_000, rate)
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
        drawn = true
    }

    /// Erases the bar.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
