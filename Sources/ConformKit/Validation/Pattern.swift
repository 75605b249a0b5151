import CPCRE2

/// A PCRE2 pattern compiled once (with JIT where available) and matched against
/// whole cell values, as Table Schema and XML Schema patterns are.
///
/// Not thread-safe: it owns its match data. Each validation worker compiles its own.
final class Pattern {
    /// The pattern as written in the standard.
    let source: String
    private let code: OpaquePointer
    private let matchData: OpaquePointer
    private let matchContext: OpaquePointer?

    /// Why a pattern could not be compiled: PCRE2's message and the 0-based offset in the pattern.
    struct CompileError: Error, Sendable {
        var message: String
        var offset: Int
    }

    /// Outcome of one match.
    enum MatchResult { case match, noMatch, limitExceeded }

    /// Compiles `source` anchored at both ends, in UTF mode.
    init(_ source: String, matchLimit: UInt32 = 10_000_000) throws(CompileError) {
        self.source = source
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let options = UInt32(PCRE2_UTF) | UInt32(PCRE2_ANCHORED) | UInt32(PCRE2_ENDANCHORED)
        let compiled = source.utf8CString.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: buffer.count) { pointer in
                pcre2_compile_8(pointer, buffer.count - 1, options, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw CompileError(message: Pattern.message(for: errorCode), offset: errorOffset)
        }
        code = compiled
        _ = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE))
        matchData = pcre2_match_data_create_from_pattern_8(compiled, nil)
        matchContext = pcre2_match_context_create_8(nil)
        if let matchContext {
            pcre2_set_match_limit_8(matchContext, matchLimit)
            pcre2_set_depth_limit_8(matchContext, 100_000)
        }
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        if let matchContext { pcre2_match_context_free_8(matchContext) }
        pcre2_code_free_8(code)
    }

    /// Matches the whole of `bytes`, which must be valid UTF-8.
    func matches(_ bytes: UnsafeRawBufferPointer) -> MatchResult {
        let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? Pattern.emptySubject
        let rc = pcre2_match_8(code, base, bytes.count, 0, UInt32(PCRE2_NO_UTF_CHECK), matchData, matchContext)
        if rc >= 0 { return .match }
        if rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT {
            return .limitExceeded
        }
        return .noMatch
    }

    /// Convenience for tests and slow paths.
    func matches(_ string: String) -> Bool {
        var copy = string
        return copy.withUTF8 { matches(UnsafeRawBufferPointer($0)) } == .match
    }

    private nonisolated(unsafe) static let emptySubject: UnsafePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        pointer.pointee = 0
        return UnsafePointer(pointer)
    }()

    private static func message(for errorCode: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
        guard length > 0 else { return "error \(errorCode)" }
        return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
    }
}
