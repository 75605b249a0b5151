import Foundation

/// Results written by concurrent workers, one slot each, behind a lock; read once the workers
/// are done. (The one place the parallel code shares mutable state.)
final class Slots<Value>: @unchecked Sendable {
    private var values: [Value]
    private let lock = NSLock()

    init(count: Int, initial: Value) { values = Array(repeating: initial, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }

    func update(_ index: Int, _ body: (inout Value) -> Void) {
        lock.lock()
        body(&values[index])
        lock.unlock()
    }

    func get(_ index: Int) -> Value {
        lock.lock()
        defer { lock.unlock() }
        return values[index]
    }

    /// All slots, in order.
    var all: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}
