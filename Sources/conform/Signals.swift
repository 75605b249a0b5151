import ConformKit
import Foundation
import Synchronization

/// SIGINT and SIGTERM stop a run at once: the handler removes the temporary report files being
/// written (`Conform.writeAtomically` writes `.<name>.<pid>.tmp` beside the report and renames it)
/// and exits 130 (SIGINT) or 143 (SIGTERM), so a stopped run leaves no report, no half report and
/// no temporary file, and an older report stays as it was.
///
/// A signal handler may only make async-signal-safe calls (`unlink`, `_exit`): no allocation, no
/// lock, no Swift runtime call that could be in the middle of running on the interrupted thread.
/// So the paths live in C strings allocated once, in a fixed number of slots; a slot's bit in
/// `armedSlots` is set (release) only once its path is written, and cleared before it is reused,
/// and the handler reads the bits (acquire) and unlinks what they point to.
enum Signals {
    /// Temporary files written at the same time (the CLI writes one at a time).
    static let slotCount = 8
    /// Bytes per slot: the longest path the system opens, and its NUL.
    static let slotSize = Int(PATH_MAX) + 1

    /// Installs the handlers for SIGINT and SIGTERM, and has `Conform.writeAtomically` register
    /// its temporary files. A signal ignored when conform starts stays ignored (POSIX: a
    /// non-interactive shell's background jobs ignore SIGINT, `nohup` ignores SIGHUP).
    static func install() {
        // Initialise the globals the handler reads now: a lazy initialisation must not first
        // happen inside the handler.
        _ = slotPaths
        _ = armedSlots.load(ordering: .relaxed)
        _ = claimedSlots.load(ordering: .relaxed)
        Conform.observeTemporaryFiles { path, inFlight in
            if inFlight { register(path) } else { unregister(path) }
        }
        for signal in [SIGINT, SIGTERM] {
            var previous = sigaction()
            guard sigaction(signal, nil, &previous) == 0, !isIgnored(previous) else { continue }
            var action = sigaction()
            setHandler(&action)
            sigemptyset(&action.sa_mask)
            sigaddset(&action.sa_mask, SIGINT)
            sigaddset(&action.sa_mask, SIGTERM)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
        }
    }

    /// Puts `path` in a free slot, before the file is created. A path longer than a slot cannot
    /// be opened either, and with every slot taken the file is written unguarded.
    static func register(_ path: String) {
        let bytes = Array(path.utf8)
        guard bytes.count < slotSize, !bytes.contains(0) else { return }
        var claimed = claimedSlots.load(ordering: .relaxed)
        while true {
            guard let slot = (0..<slotCount).first(where: { claimed & (UInt64(1) << $0) == 0 }) else { return }
            let (exchanged, original) = claimedSlots.compareExchange(expected: claimed, desired: claimed | (UInt64(1) << slot),
                                                                    ordering: .acquiring)
            if !exchanged {
                claimed = original
                continue
            }
            let start = slotPaths + slot * slotSize
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { start.update(from: $0.baseAddress!, count: buffer.count) }
            }
            start[bytes.count] = 0
            registered.withLock { $0[path] = slot }
            armedSlots.bitwiseOr(UInt64(1) << slot, ordering: .releasing)
            return
        }
    }

    /// Frees the slot of `path`, once the file is renamed into place or removed.
    static func unregister(_ path: String) {
        guard let slot = registered.withLock({ $0.removeValue(forKey: path) }) else { return }
        armedSlots.bitwiseAnd(~(UInt64(1) << slot), ordering: .releasing)
        claimedSlots.bitwiseAnd(~(UInt64(1) << slot), ordering: .releasing)
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        #if canImport(Darwin)
        return unsafeBitCast(action.__sigaction_u.__sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
        #else
        return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
        #endif
    }

    private static func setHandler(_ action: inout sigaction) {
        #if canImport(Darwin)
        action.__sigaction_u.__sa_handler = { signal in handleSignal(signal) }
        #else
        action.__sigaction_handler.sa_handler = { signal in handleSignal(signal) }
        #endif
    }

    /// The slot of each registered path, for `unregister` (never read by the handler).
    private static let registered = Mutex<[String: Int]>([:])
}

/// The slots' C strings, `Signals.slotCount` of `Signals.slotSize` bytes, allocated once and never
/// freed. `nonisolated(unsafe)`: the pointer never changes after its initialisation (in
/// `Signals.install`, before any handler), and the bytes are written only by `register` while
/// the slot is not armed and read only by the handler while it is.
nonisolated(unsafe) private let slotPaths = UnsafeMutablePointer<CChar>.allocate(capacity: Signals.slotCount * Signals.slotSize)
/// Slots taken by `register` (a path may be being copied in).
private let claimedSlots = Atomic<UInt64>(0)
/// Slots whose path is complete: the handler removes these files.
private let armedSlots = Atomic<UInt64>(0)

/// The handler: async-signal-safe calls only. Removes the temporary files in flight and exits
/// 128 + the signal (130 for SIGINT, 143 for SIGTERM), as a shell reports a death by signal.
private func handleSignal(_ signal: Int32) {
    let armed = armedSlots.load(ordering: .acquiring)
    var slot = 0
    while slot < Signals.slotCount {
        if armed & (UInt64(1) << slot) != 0 { unlink(slotPaths + slot * Signals.slotSize) }
        slot += 1
    }
    _exit(128 + signal)
}
