#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a dataset could not be read at all (exit code 3).
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        case notFound = "not-found"
        case permissionDenied = "permission-denied"
        case isDirectory = "is-directory"
        case readFailed = "read-failed"
        case notText = "not-text"
    }

    public var kind: Kind
    public var file: String
    public var detail: String

    public init(_ kind: Kind, file: String, detail: String) {
        self.kind = kind
        self.file = file
        self.detail = detail
    }

    public var description: String { "\(file): \(detail)" }
}

/// A stream of bytes read in chunks. `read*` consumes.
protocol ByteSource: AnyObject {
    /// Fills as much of `buffer` as is available; returns 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int
}

extension ByteSource {
    /// Reads into `buffer[end..<capacity]` until it is full or the source ends (a pipe hands out
    /// 64 KiB at a time: a reader that parses a long record again after each refill then does so
    /// only when its buffer grows). Stops with 64 bytes left, as a transcoding source reads
    /// nothing into fewer than 8. Returns the new end and whether the source ended.
    func fill(_ buffer: UnsafeMutablePointer<UInt8>, end: Int, capacity: Int) throws(InputError) -> (end: Int, eof: Bool) {
        var end = end
        repeat {
            let count = try read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
            if count == 0 { return (end, true) }
            end += count
        } while capacity - end >= 64
        return (end, false)
    }
}

/// A reader's buffer grown for a record that does not fit: doubled, but to no more than the
/// record limit and 64 KiB, so that a record over the limit is passed over before the buffer
/// would need more (which bounds memory). Past that size (what does not fit is no record: JSON
/// whitespace, or a value outside the records) it doubles again, so time stays linear. The
/// first `end` bytes are kept.
func grownBuffer(_ buffer: UnsafeMutablePointer<UInt8>, capacity: Int, end: Int, recordLimit: Int)
    -> (buffer: UnsafeMutablePointer<UInt8>, capacity: Int) {
    let limit = recordLimit + 65536
    let grown = capacity * 2 <= limit || capacity >= limit ? capacity * 2 : limit
    let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
    bigger.update(from: buffer, count: end)
    buffer.deallocate()
    return (bigger, grown)
}

/// Reads a file (or standard input) through a POSIX descriptor.
final class FileByteSource: ByteSource {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    let name: String

    /// Opens `path` for reading from byte `offset`; `-` means standard input.
    init(path: String, offset: Int = 0) throws(InputError) {
        name = path
        if path == "-" {
            descriptor = 0
            ownsDescriptor = false
            return
        }
        var info = stat()
        if stat(path, &info) != 0 {
            throw FileByteSource.error(errno, path: path)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw InputError(.isDirectory, file: path, detail: "is a directory, not a file")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileByteSource.error(errno, path: path) }
        descriptor = fd
        ownsDescriptor = true
        if offset > 0, lseek(fd, off_t(offset), SEEK_SET) < 0 {
            let code = errno
            close(fd)
            throw FileByteSource.error(code, path: path)
        }
        #if os(Linux)
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        #endif
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = Glibc.read(descriptor, base, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw FileByteSource.error(errno, path: name)
        }
    }

    /// The size of a regular file, or nil (standard input, pipes, devices).
    static func regularFileSize(_ path: String) -> Int? {
        guard path != "-" else { return nil }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    static func error(_ code: Int32, path: String) -> InputError {
        let detail = String(cString: strerror(code)).lowercased()
        switch code {
        case ENOENT, ENOTDIR: return InputError(.notFound, file: path, detail: "no such file")
        case EACCES, EPERM: return InputError(.permissionDenied, file: path, detail: "permission denied")
        case EISDIR: return InputError(.isDirectory, file: path, detail: "is a directory, not a file")
        default: return InputError(.readFailed, file: path, detail: detail)
        }
    }
}

/// Bytes already in memory (tests, code list files, standard input slices).
final class MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }
    convenience init(_ text: String) { self.init(Array(text.utf8)) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        let count = min(buffer.count, bytes.count - position)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + position, byteCount: count)
        }
        position += count
        return count
    }
}

/// Hands out bytes already peeked from a source, then the rest of the source.
final class PrefixedByteSource: ByteSource {
    private var prefix: [UInt8]
    private var position = 0
    private let rest: any ByteSource

    init(prefix: [UInt8], rest: any ByteSource) {
        self.prefix = prefix
        self.rest = rest
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if position < prefix.count {
            let count = min(buffer.count, prefix.count - position)
            prefix.withUnsafeBytes { source in
                buffer.baseAddress!.copyMemory(from: source.baseAddress! + position, byteCount: count)
            }
            position += count
            if position == prefix.count {
                prefix = []
                position = 0
            }
            return count
        }
        return try rest.read(into: buffer)
    }
}
