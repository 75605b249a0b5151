import CZlib

/// Decompresses a gzip stream (several concatenated members too) on the fly with zlib.
final class GzipByteSource: ByteSource {
    private let inner: any ByteSource
    private let name: String
    private var stream = z_stream()
    private let input: UnsafeMutablePointer<UInt8>
    private let inputCapacity = 1 << 18
    private var innerDone = false
    private var finished = false

    /// The two bytes every gzip member starts with.
    static func isGzip(_ head: ArraySlice<UInt8>) -> Bool {
        head.count >= 2 && head[head.startIndex] == 0x1F && head[head.startIndex + 1] == 0x8B
    }

    init(_ inner: any ByteSource, name: String) throws(InputError) {
        self.inner = inner
        self.name = name
        input = .allocate(capacity: inputCapacity)
        // 15 + 16: a gzip header and trailer are expected.
        let status = inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            input.deallocate()
            throw InputError(.readFailed, file: name, detail: "cannot start gzip decompression (zlib error \(status))")
        }
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0, !finished else { return 0 }
        stream.next_out = base.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
        while stream.avail_out > 0 {
            if stream.avail_in == 0 && !innerDone {
                let count = try inner.read(into: UnsafeMutableRawBufferPointer(start: input, count: inputCapacity))
                if count == 0 {
                    innerDone = true
                } else {
                    stream.next_in = input
                    stream.avail_in = UInt32(count)
                }
            }
            if stream.avail_in == 0 && innerDone {
                // Input is over: whatever zlib still holds was flushed by the last call.
                let produced = buffer.count - Int(stream.avail_out)
                if produced == 0 && !finished && stream.total_in > 0 && !memberComplete {
                    throw InputError(.readFailed, file: name, detail: "the gzip data ends early (truncated file?)")
                }
                finished = produced == 0
                return produced
            }
            let status = inflate(&stream, Z_NO_FLUSH)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                memberComplete = false
            case Z_STREAM_END:
                memberComplete = true
                // Another member may follow (concatenated gzip files).
                if stream.avail_in > 0 || !innerDone { inflateReset(&stream) } else {
                    let produced = buffer.count - Int(stream.avail_out)
                    if produced == 0 { finished = true }
                    return produced
                }
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw InputError(.readFailed, file: name, detail: "invalid gzip data: \(message)")
            }
        }
        return buffer.count - Int(stream.avail_out)
    }

    private var memberComplete = false
}
