import Synchronization

/// Bytes read by all the workers on one file, reported to the caller's progress callback.
final class ProgressCounter: Sendable {
    private let total: Atomic<Int>
    private let size: Int?
    private let callback: @Sendable (Int, Int?) -> Void

    init(size: Int?, callback: @escaping @Sendable (Int, Int?) -> Void) {
        self.total = Atomic(0)
        self.size = size
        self.callback = callback
    }

    func add(_ bytes: Int) {
        let now = total.add(bytes, ordering: .relaxed).newValue
        callback(now, size)
    }
}
