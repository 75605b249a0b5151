import Dispatch
import Foundation

/// Validates one large file on several cores, with results identical to a sequential run.
///
/// 1. The header is read and checked once.
/// 2. The rest of the file is cut into one byte range per core. A cut must fall between records,
///    never inside a quoted cell: the quote characters before each nominal cut are counted (in
///    parallel), and the cut moves to the first line end after it where the count is even.
/// 3. Each range is validated by its own `FileValidator`, numbering rows and lines from 1.
/// 4. Each worker stops at the first record that starts at or after its range's end; when that is
///    not exactly where the next range begins (a stray quote fooled the count), the split was
///    wrong and the file is validated sequentially instead.
/// 5. The results are merged in file order: rows and lines are offset, messages that hold row
///    numbers are rewritten, and values of `unique` fields and keys first seen in an earlier
///    range are found by merging the ranges' hash indexes. Rows with such a cross-range duplicate
///    are re-read (from the nearest row-index entry) to build their findings exactly as a
///    sequential run would.
enum ParallelValidator {
    /// Files smaller than this are validated sequentially: splitting costs more than it saves.
    static let minimumBytes = 8 << 20

    /// True when the file can be split: a regular UTF-8 file, large enough, without an escape character.
    static func isEligible(path: String, opened: InputOpener.Opened, options: ValidationOptions) -> Bool {
        guard options.jobs > 1, opened.encoding == .utf8, opened.dialect.escape == nil,
              let size = FileByteSource.regularFileSize(path) else { return false }
        return size >= options.minimumParallelBytes
    }

    /// The validated report, or nil when the file turned out to need sequential validation
    /// (`opened` has then been read from and must be opened again).
    static func validate(path: String, display: String, resolved: ResolvedStandard, opened: InputOpener.Opened,
                         options: ValidationOptions) throws(InputError) -> FileReport? {
        guard isEligible(path: path, opened: opened, options: options), let size = FileByteSource.regularFileSize(path),
              case let .success(headerCompiled) = CompiledStandard.compile(resolved) else { return nil }
        let dialect = opened.dialect
        let counter = options.progress.map { ProgressCounter(size: size, callback: $0) }

        // 1. The header.
        let headerReader = CSVReader(source: opened.source, dialect: dialect, baseOffset: opened.bomLength)
        let header = FileValidator(compiled: headerCompiled, file: display, encoding: .utf8, options: options)
        guard try header.readHeader(headerReader) else { return header.report(headerReader) }
        let dataStart = headerReader.bytesRead
        let firstDataLine = headerReader.nextLine
        let mapping = header.headerMapping
        counter?.add(dataStart)

        // 2. The cuts.
        let jobs = min(options.jobs, max(1, (size - dataStart) / max(options.minimumParallelBytes / 2, 1)))
        guard jobs > 1 else { return nil }
        let starts = try cuts(path: path, from: dataStart, size: size, jobs: jobs, quote: dialect.quote)
        let ranges = zip(starts, starts.dropFirst() + [size]).filter { $0.0 < $0.1 }
        guard ranges.count > 1 else { return nil }

        // 3. The ranges, one worker each.
        let results = WorkerResults(count: ranges.count)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
            let (start, end) = ranges[index]
            guard case let .success(compiled) = CompiledStandard.compile(resolved) else { return }
            do throws(InputError) {
                let reader = CSVReader(source: try FileByteSource(path: path, offset: start), dialect: dialect,
                                       baseOffset: start)
                let validator = FileValidator(compiled: compiled, file: display, encoding: .utf8, options: options,
                                              progressCounter: counter)
                validator.adoptHeader(mapping)
                try validator.validateRecords(reader, until: end)
                results.set(index, .success(Part(validator: validator, start: start, endOffset: reader.bytesRead,
                                                 lines: reader.nextLine - 1)))
            } catch {
                results.set(index, .failure(error))
            }
        }
        var parts: [Part] = []
        for index in ranges.indices {
            switch results.get(index) {
            case let .success(part): parts.append(part)
            case let .failure(error): throw error
            case nil: return nil
            }
        }

        // 4. Every range must end where the next begins.
        for index in parts.indices.dropLast() where parts[index].endOffset != parts[index + 1].start {
            return nil
        }


        // 5. Merge.
        return try merge(header: header, parts: parts, firstDataLine: firstDataLine, path: path, dialect: dialect,
                         resolved: resolved, options: options, size: size)
    }

    /// One range's validator and where its reading ended.
    struct Part {
        let validator: FileValidator
        let start: Int
        let endOffset: Int
        let lines: Int
    }

    /// Results written by the workers, one slot each.
    final class WorkerResults: @unchecked Sendable {
        private var slots: [Result<Part, InputError>?]
        private let lock = NSLock()

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ result: Result<Part, InputError>) {
            lock.lock()
            slots[index] = result
            lock.unlock()
        }

        func get(_ index: Int) -> Result<Part, InputError>? {
            lock.lock()
            defer { lock.unlock() }
            return slots[index]
        }
    }

    // MARK: Cutting

    /// The start of each range: `from`, then for each nominal cut the first record start after it.
    static func cuts(path: String, from dataStart: Int, size: Int, jobs: Int, quote: UInt8) throws(InputError) -> [Int] {
        let nominal = (0..<jobs).map { dataStart + (size - dataStart) * $0 / jobs }
        guard quote != 0 else {
            return try [dataStart] + nominal.dropFirst().map { (offset: Int) throws(InputError) -> Int in
                try firstLineStart(path: path, after: offset, size: size, parity: 0, quote: quote)
            }
        }
        // Quote characters in each nominal range, counted in parallel.
        let counts = QuoteCounts(count: jobs)
        DispatchQueue.concurrentPerform(iterations: jobs) { index in
            let end = index + 1 < jobs ? nominal[index + 1] : size
            counts.set(index, Result { () throws(InputError) -> Int in
                try countBytes(quote, path: path, from: nominal[index], to: end)
            })
        }
        var result = [dataStart]
        var quotesBefore = 0
        for index in 1..<jobs {
            quotesBefore += try counts.get(index - 1).get()
            result.append(try firstLineStart(path: path, after: nominal[index], size: size, parity: quotesBefore & 1, quote: quote))
        }
        return result
    }

    final class QuoteCounts: @unchecked Sendable {
        private var slots: [Result<Int, InputError>]
        private let lock = NSLock()

        init(count: Int) { slots = Array(repeating: .success(0), count: count) }

        func set(_ index: Int, _ result: Result<Int, InputError>) {
            lock.lock()
            slots[index] = result
            lock.unlock()
        }

        func get(_ index: Int) -> Result<Int, InputError> {
            lock.lock()
            defer { lock.unlock() }
            return slots[index]
        }
    }

    /// Counts `byte` in `path[from..<to]`, eight bytes at a time.
    static func countBytes(_ byte: UInt8, path: String, from: Int, to: Int) throws(InputError) -> Int {
        let source = try FileByteSource(path: path, offset: from)
        let capacity = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 8)
        defer { buffer.deallocate() }
        var remaining = to - from
        var total = 0
        let pattern = UInt64(byte) &* 0x0101_0101_0101_0101
        while remaining > 0 {
            let read = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<min(capacity, remaining)]))
            if read == 0 { break }
            remaining -= read
            var i = 0
            let base = buffer.baseAddress!
            while i + 8 <= read {
                let x = base.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ pattern
                // High bit set in each byte of x that is zero.
                let t = ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x | 0x7F7F_7F7F_7F7F_7F7F)
                total += t.nonzeroBitCount
                i += 8
            }
            while i < read {
                if buffer[i] == byte { total += 1 }
                i += 1
            }
        }
        return total
    }

    /// The offset just after the first line end at or after `offset` that lies outside quotes,
    /// given the parity of the quotes before `offset`; `size` when there is none.
    static func firstLineStart(path: String, after offset: Int, size: Int, parity: Int, quote: UInt8) throws(InputError) -> Int {
        let source = try FileByteSource(path: path, offset: offset)
        let capacity = 1 << 16
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity + 1, alignment: 8)
        defer { buffer.deallocate() }
        var position = offset
        var inQuotes = parity == 1
        var pendingCR = false
        while position < size {
            let read = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<capacity]))
            if read == 0 { break }
            for i in 0..<read {
                let byte = buffer[i]
                if pendingCR {
                    // A CR outside quotes ends a line; a LF right after it belongs to the same line end.
                    return byte == 0x0A ? position + i + 1 : position + i
                }
                if quote != 0 && byte == quote {
                    inQuotes.toggle()
                } else if !inQuotes {
                    if byte == 0x0A { return position + i + 1 }
                    if byte == 0x0D { pendingCR = true }
                }
            }
            position += read
        }
        return size
    }

    // MARK: Merging

    struct Candidate {
        var row: Int
        var order: Int
        var firstRow: Int
        var field: Int?
        var key: Int?
    }

    static func merge(header: FileValidator, parts: [Part], firstDataLine: Int, path: String, dialect: CSVDialect,
                      resolved: ResolvedStandard, options: ValidationOptions, size: Int) throws(InputError) -> FileReport {
        let fields = header.fields
        let keys = header.compiled.keys
        let failOn = options.failOn
        let file = header.sinkFile

        var report = header.report(bytes: size)
        var findings = header.sink.findings
        var findingKeys = header.sink.keys
        var counts = header.sink.counts
        var errors = header.sink.errors, warnings = header.sink.warnings, infos = header.sink.infos
        var failed = header.sink.failed
        var cellsChecked = Array(repeating: 0, count: fields.count)
        var cellsFailed = Array(repeating: 0, count: fields.count)
        var rows = 0, conformingRows = 0
        var rowOffset = 0
        var lineOffset = firstDataLine - 1
        var rowOffsets: [Int] = []
        for part in parts {
            rowOffsets.append(rowOffset)
            rowOffset += part.validator.rowsRead
        }
        rowOffset = 0

        /// The global row where a value of `unique` field `f` (or key `k`) was first seen in a range before `part`.
        func earlierFirstRow(_ hash: UInt64, before part: Int, field f: Int?, key k: Int?) -> Int? {
            for i in 0..<part {
                let table = f.map { parts[i].validator.uniqueSeen[$0] } ?? parts[i].validator.keySeen[k!]
                if let local = table.lookup(hash) { return local + rowOffsets[i] }
            }
            return nil
        }

        // Values first seen in an earlier range: each range's index is looked up in those of the
        // ranges before it, in parallel (the indexes are only read now).
        let allCandidates = crossRangeCandidates(parts: parts, fields: fields, keyCount: keys.count, rowOffsets: rowOffsets)

        func tally(_ severity: Severity) {
            switch severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: infos += 1
            }
            if severity >= failOn { failed = true }
        }

        for (index, part) in parts.enumerated() {
            let validator = part.validator
            let candidates = allCandidates[index]

            // This range's own findings, placed in the file.
            var placed: [(finding: Finding, key: FindingSink.CountKey, order: Int, sequence: Int)] = []
            let sink = validator.sink
            for (n, original) in sink.findings.enumerated() {
                var finding = original
                if let row = finding.row { finding.row = row + rowOffset }
                if let line = finding.line { finding.line = line + lineOffset }
                switch validator.relocations[n] {
                case let .unclosedQuote(openedOnLine)?:
                    finding.message = UnclosedQuote.message(openedOnLine: openedOnLine + lineOffset)
                case let .duplicateValue(f, hash, localFirst)?:
                    let first = earlierFirstRow(hash, before: index, field: f, key: nil) ?? localFirst + rowOffset
                    finding.message = DuplicateValue.message(value: finding.value ?? "", firstRow: first)
                case let .duplicateKey(k, hash, localFirst)?:
                    let first = earlierFirstRow(hash, before: index, field: nil, key: k) ?? localFirst + rowOffset
                    let names = keys[k].fields.map { fields[$0].name }
                    let values = (finding.value ?? "").components(separatedBy: ", ")
                    finding.message = DuplicateKey.message(fields: names, values: values.count == names.count ? values : [finding.value ?? ""],
                                                           firstRow: first)
                case nil:
                    break
                }
                placed.append((finding, sink.keys[n], sink.orders[n], n))
            }

            // Cross-range duplicates: re-read their rows and build the findings a sequential run would have.
            var extraFailedRows = Set<Int>()
            if !candidates.isEmpty {
                let probes = try rescan(path: path, dialect: dialect, part: part, header: header, resolved: resolved,
                                        options: options, rows: Set(candidates.map(\.row)))
                for candidate in candidates {
                    guard let probe = probes[candidate.row] else { continue }
                    let finding: Finding
                    let key: FindingSink.CountKey
                    let severity: Severity
                    if let f = candidate.field, let cell = probe.cells[f] {
                        let field = fields[f]
                        severity = field.severity
                        let columnName = header.columnNames[cell.column - 1]
                        finding = Finding(rule: DuplicateValue.rule.id, severity: severity,
                                          message: DuplicateValue.message(value: cell.value, firstRow: candidate.firstRow),
                                          file: file, line: cell.line + lineOffset, character: cell.character,
                                          row: candidate.row + rowOffset, column: columnName, columnNumber: cell.column,
                                          value: shortened(cell.value, limit: 200), expected: DuplicateValue.expected,
                                          standardLocation: field.uniqueLocation)
                        key = FindingSink.CountKey(rule: DuplicateValue.rule.id, column: cell.column - 1, columnName: columnName,
                                                   severity: severity)
                        if severity >= failOn && !probe.failedFields.contains(f) { cellsFailed[f] += 1 }
                    } else if let k = candidate.key {
                        let names = keys[k].fields.map { fields[$0].name }
                        let values = keys[k].fields.map { probe.cells[$0]?.value ?? "" }
                        severity = DuplicateKey.rule.severity
                        finding = DuplicateKey.finding(fields: names, values: values, firstRow: candidate.firstRow, file: file,
                                                       line: probe.line + lineOffset, character: probe.keyCharacter[k],
                                                       row: candidate.row + rowOffset, location: keys[k].location)
                        key = FindingSink.CountKey(rule: DuplicateKey.rule.id, column: -1, columnName: nil, severity: severity)
                    } else {
                        continue
                    }
                    counts[key, default: 0] += 1
                    tally(severity)
                    if severity >= failOn && !probe.rowFailed && !validator.tableFailedRows.contains(candidate.row) {
                        extraFailedRows.insert(candidate.row)
                    }
                    placed.append((finding, key, candidate.order, Int.max))
                }
                placed.sort { ($0.finding.row ?? 0, $0.order, $0.sequence) < ($1.finding.row ?? 0, $1.order, $1.sequence) }
            }

            for item in placed {
                findings.append(item.finding)
                findingKeys.append(item.key)
            }
            for (key, count) in sink.counts { counts[key, default: 0] += count }
            errors += sink.errors
            warnings += sink.warnings
            infos += sink.infos
            if sink.failed { failed = true }
            for f in fields.indices {
                cellsChecked[f] += validator.cellsChecked[f]
                cellsFailed[f] += validator.cellsFailed[f]
            }
            rows += validator.rowsRead
            conformingRows += validator.conformingRows - extraFailedRows.count
            rowOffset += validator.rowsRead
            lineOffset += part.lines
        }

        // Keep the first `maxFindings` examples per rule and column, as a sequential run does.
        var kept: [FindingSink.CountKey: Int] = [:]
        var examples: [Finding] = []
        for (finding, key) in zip(findings, findingKeys) {
            let n = kept[key, default: 0]
            if n < max(options.maxFindings, 0) {
                kept[key] = n + 1
                examples.append(finding)
            }
        }
        report.rows = rows
        report.conformingRows = conformingRows
        report.bytes = size
        report.errors = errors
        report.warnings = warnings
        report.infos = infos
        report.conforms = !failed
        report.counts = FindingSink.sortedCounts(counts)
        report.findings = examples
        report.findingsOmitted = counts.values.reduce(0, +) - examples.count
        report.fields = fields.indices.map { f in
            FieldConformance(field: fields[f].name, cells: cellsChecked[f], passing: cellsChecked[f] - cellsFailed[f],
                             present: header.fieldColumn[f] >= 0)
        }
        return report
    }

    /// For each range, the rows whose `unique` value or key was first seen in an earlier range.
    static func crossRangeCandidates(parts: [Part], fields: [CompiledField], keyCount: Int, rowOffsets: [Int]) -> [[Candidate]] {
        struct Task { var part: Int; var field: Int?; var key: Int?; var slice: Int }
        let slices = 4
        var tasks: [Task] = []
        for part in parts.indices.dropFirst() {
            for f in fields.indices where fields[f].unique {
                for slice in 0..<slices { tasks.append(Task(part: part, field: f, key: nil, slice: slice)) }
            }
            for k in 0..<keyCount {
                for slice in 0..<slices { tasks.append(Task(part: part, field: nil, key: k, slice: slice)) }
            }
        }
        let collected = CandidateLists(count: parts.count)
        let fieldCount = fields.count
        let shared = UncheckedBox((parts, tasks))
        DispatchQueue.concurrentPerform(iterations: tasks.count) { t in
            let (parts, tasks) = shared.value
            let task = tasks[t]
            let table = task.field.map { parts[task.part].validator.uniqueSeen[$0] } ?? parts[task.part].validator.keySeen[task.key!]
            let order = task.field.map { 1 + $0 } ?? 1 + fieldCount + task.key!
            var found: [Candidate] = []
            table.forEach(slice: task.slice, of: slices) { hash, localRow in
                for earlier in 0..<task.part {
                    let earlierTable = task.field.map { parts[earlier].validator.uniqueSeen[$0] } ?? parts[earlier].validator.keySeen[task.key!]
                    if let first = earlierTable.lookup(hash) {
                        found.append(Candidate(row: localRow, order: order, firstRow: first + rowOffsets[earlier],
                                               field: task.field, key: task.key))
                        break
                    }
                }
            }
            collected.append(task.part, found)
        }
        return collected.lists
    }

    final class CandidateLists: @unchecked Sendable {
        private(set) var lists: [[Candidate]]
        private let lock = NSLock()

        init(count: Int) { lists = Array(repeating: [], count: count) }

        func append(_ part: Int, _ candidates: [Candidate]) {
            lock.lock()
            lists[part] += candidates
            lock.unlock()
        }
    }

    /// Hands values that are only read to worker threads.
    struct UncheckedBox<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Re-reads the given rows of a range (from the nearest row-index entries) and reports what was seen there.
    static func rescan(path: String, dialect: CSVDialect, part: Part, header: FileValidator, resolved: ResolvedStandard,
                       options: ValidationOptions, rows: Set<Int>) throws(InputError) -> [Int: FileValidator.Probe] {
        guard case let .success(compiled) = CompiledStandard.compile(resolved) else { return [:] }
        let index = part.validator.rowIndex
        var byEntry: [Int: [Int]] = [:]
        for row in rows {
            // The last entry at or before `row`.
            var low = 0, high = index.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if index[middle].row <= row { low = middle } else { high = middle - 1 }
            }
            byEntry[low, default: []].append(row)
        }
        var probes: [Int: FileValidator.Probe] = [:]
        var quiet = options
        quiet.progress = nil
        for (entryIndex, wanted) in byEntry {
            let entry = index[entryIndex]
            let reader = CSVReader(source: try FileByteSource(path: path, offset: entry.offset), dialect: dialect,
                                   startLine: entry.line, baseOffset: entry.offset)
            let validator = FileValidator(compiled: compiled, file: header.sinkFile, encoding: .utf8, options: quiet)
            validator.adoptHeader(header.headerMapping)
            validator.skipsTableChecks = true
            validator.startAfter(row: entry.row - 1)
            validator.probeRows = Set(wanted)
            let last = wanted.max() ?? entry.row
            while validator.rowsRead < last, try reader.readRecord() {
                validator.checkOneRecord(reader)
            }
            probes.merge(validator.probes) { first, _ in first }
        }
        return probes
    }
}
