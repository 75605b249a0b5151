import Dispatch
import Foundation

/// Validates a file by byte ranges, one per core for a large file, with results identical to a
/// one-core run; also the one-range path for every seekable UTF-8 file, because it checks
/// `unique` values and keys exactly (see step 5).
///
/// 1. The header is read and checked once.
/// 2. The rest of the file is cut into one byte range per core. A cut must fall between records,
///    never inside a quoted cell: a window after each nominal cut is read as CSV under both
///    hypotheses (outside or inside quotes) and the one that reads well decides; when that is
///    ambiguous, the quote characters before the cut are counted (in parallel).
/// 3. Each range is validated by its own `FileValidator`, numbering rows and lines from 1, and
///    only logging the hashes of `unique` values and keys (`HashLog`).
/// 4. Each worker stops at the first record that starts at or after its range's end; when that is
///    not exactly where the next range begins (a stray quote fooled the cut), the split was
///    wrong and the file is validated sequentially instead.
/// 5. The results are merged in file order: rows and lines are offset and messages that hold line
///    numbers rewritten. Hashes seen more than once (`DuplicateFinder`) have their rows re-read
///    from the nearest row-index entry, the values compared exactly, and the duplicate findings
///    built and placed as a sequential run would have.
enum ParallelValidator {
    /// Files smaller than this are validated sequentially: splitting costs more than it saves.
    static let minimumBytes = 8 << 20

    /// True when the file can be read by byte ranges: a regular UTF-8 file without an escape character.
    /// (Standard input, gzip and transcoded files are validated by `FileValidator.run` alone.)
    static func isEligible(path: String, opened: InputOpener.Opened) -> Bool {
        opened.format == .csv && opened.encoding == .utf8 && !opened.compressed && opened.dialect.escape == nil && FileByteSource.regularFileSize(path) != nil
    }

    /// The validated report (the caller has checked `isEligible`), or nil when the file turned out to need sequential validation
    /// (`opened` has then been read from and must be opened again).
    static func validate(path: String, display: String, resolved: ResolvedStandard, opened: InputOpener.Opened,
                         options: ValidationOptions) throws(InputError) -> FileReport? {
        guard let size = FileByteSource.regularFileSize(path),
              case let .success(headerCompiled) = CompiledStandard.compile(resolved) else { return nil }
        let dialect = opened.dialect
        let counter = options.progress.map { ProgressCounter(size: size, callback: $0) }

        // 1. The header.
        let headerReader = CSVReader(source: opened.source, dialect: dialect, baseOffset: opened.bomLength, limits: options.limits)
        let header = FileValidator(compiled: headerCompiled, file: display, encoding: .utf8, options: options)
        guard try header.readHeader(headerReader) else { return header.report(headerReader) }
        let dataStart = headerReader.bytesRead
        let firstDataLine = headerReader.nextLine
        let mapping = header.headerMapping
        counter?.add(dataStart)

        // 2. The cuts (one range when the file is small or one core was asked for).
        let jobs = size < options.minimumParallelBytes ? 1
            : min(options.jobs, max(1, (size - dataStart) / max(options.minimumParallelBytes / 2, 1)))
        let starts = jobs == 1 ? [dataStart]
            : try cuts(path: path, from: dataStart, size: size, jobs: jobs, quote: dialect.quote, delimiter: dialect.delimiter)
        let split = zip(starts, starts.dropFirst() + [size]).filter { $0.0 < $0.1 }
        let ranges = split.isEmpty ? [(dataStart, size)] : split

        // 3. The ranges, one worker each.
        let results = Slots<Result<Part, InputError>?>(count: ranges.count, initial: nil)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
            let (start, end) = ranges[index]
            guard case let .success(compiled) = CompiledStandard.compile(resolved) else { return }
            do throws(InputError) {
                let reader = CSVReader(source: try FileByteSource(path: path, offset: start), dialect: dialect.afterHeader,
                                       baseOffset: start, limits: options.limits)
                let validator = FileValidator(compiled: compiled, file: display, encoding: .utf8, options: options,
                                              progressCounter: counter)
                validator.adoptHeader(mapping)
                validator.deferTableChecks()
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


    // MARK: Cutting

    /// The start of each range: `from`, then for each nominal cut the first record start after it.
    ///
    /// Each cut is first decided locally (`localCut`), reading a window after the nominal offset
    /// under both hypotheses "outside quotes" and "inside a quoted cell" and keeping the one that
    /// reads as well-formed CSV. Only when that is ambiguous are the quotes before the cut counted.
    static func cuts(path: String, from dataStart: Int, size: Int, jobs: Int, quote: UInt8,
                     delimiter: UInt8 = UInt8(ascii: ",")) throws(InputError) -> [Int] {
        let nominal = (0..<jobs).map { dataStart + (size - dataStart) * $0 / jobs }
        var result = [dataStart]
        var counted: [Int]?
        for index in 1..<jobs {
            if let cut = try localCut(path: path, at: nominal[index], size: size, quote: quote, delimiter: delimiter) {
                result.append(cut)
                continue
            }
            if counted == nil { counted = try quoteCounts(path: path, nominal: nominal, size: size, quote: quote) }
            let quotesBefore = counted![..<index].reduce(0, +)
            result.append(try firstLineStart(path: path, after: nominal[index], size: size, parity: quotesBefore & 1, quote: quote))
        }
        return result
    }

    /// The first record start after `offset` when the bytes around it say unambiguously whether
    /// `offset` lies inside a quoted cell; nil when they do not.
    static func localCut(path: String, at offset: Int, size: Int, quote: UInt8, delimiter: UInt8) throws(InputError) -> Int? {
        guard quote != 0 else { return try firstLineStart(path: path, after: offset, size: size, parity: 0, quote: quote) }
        let window = 1 << 18
        let start = max(offset - 1, 0)
        let source = try FileByteSource(path: path, offset: start)
        let bytes = try InputOpener.readPrefix(of: source, count: min(window, size - start))
        guard bytes.count > 1 else { return nil }
        var answers: [Int] = []
        for inside in [false, true] {
            if let cut = readsWell(bytes, from: offset - start, inside: inside, quote: quote, delimiter: delimiter,
                                   atEnd: start + bytes.count >= size) {
                answers.append(start + cut)
            }
        }
        return answers.count == 1 ? answers[0] : nil
    }

    /// Reads `bytes` from `position` assuming the state `inside` a quoted cell; returns the offset
    /// of the first record start when at least 20 records (or the end of the file) read without
    /// a quote out of place, nil otherwise.
    static func readsWell(_ bytes: [UInt8], from position: Int, inside: Bool, quote: UInt8, delimiter: UInt8, atEnd: Bool) -> Int? {
        var inQuotes = inside
        var first: Int?
        var records = 0
        var i = position
        // The byte before `position` tells whether a quote at `position` may open a cell.
        var previous: UInt8 = position > 0 ? bytes[position - 1] : 0x0A
        while i < bytes.count {
            let byte = bytes[i]
            if inQuotes {
                if byte == quote {
                    if i + 1 < bytes.count && bytes[i + 1] == quote {
                        i += 2
                        previous = quote
                        continue
                    }
                    inQuotes = false
                    if i + 1 < bytes.count {
                        let next = bytes[i + 1]
                        if next != delimiter && next != 0x0A && next != 0x0D { return nil }
                    }
                }
            } else if byte == quote {
                guard previous == delimiter || previous == 0x0A || previous == 0x0D else { return nil }
                inQuotes = true
            } else if byte == 0x0A || (byte == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) {
                if first == nil { first = i + 1 }
                records += 1
                if records >= 20 { return first }
            }
            previous = byte
            i += 1
        }
        return atEnd && !inQuotes ? (first ?? position + (bytes.count - position)) : nil
    }

    /// Quote characters in each nominal range, counted in parallel.
    static func quoteCounts(path: String, nominal: [Int], size: Int, quote: UInt8) throws(InputError) -> [Int] {
        let jobs = nominal.count
        let counts = Slots<Result<Int, InputError>>(count: jobs, initial: .success(0))
        DispatchQueue.concurrentPerform(iterations: jobs) { index in
            let end = index + 1 < jobs ? nominal[index + 1] : size
            counts.set(index, Result { () throws(InputError) -> Int in
                try countBytes(quote, path: path, from: nominal[index], to: end)
            })
        }
        return try (0..<jobs).map { (index: Int) throws(InputError) -> Int in try counts.get(index).get() }
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

    /// A duplicate value or key found after the pass, to be placed among a range's findings.
    private struct DuplicateFinding {
        var finding: Finding
        var key: FindingSink.CountKey
        var order: Int
        var localRow: Int
        var field: Int?
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

        var rowOffsets: [Int] = []
        var lineOffsets: [Int] = []
        var rowOffset = 0, lineOffset = firstDataLine - 1
        for part in parts {
            rowOffsets.append(rowOffset)
            lineOffsets.append(lineOffset)
            rowOffset += part.validator.rowsRead
            lineOffset += part.lines
        }

        // Values and keys whose hash occurs more than once, then their rows re-read to compare
        // the values exactly and to build the findings a sequential run would have made.
        var groups: [DuplicateGroup] = []
        for f in fields.indices where fields[f].unique {
            groups += DuplicateFinder.groups(logs: parts.map { $0.validator.uniqueLogs![f] }, field: f, key: nil)
        }
        for k in keys.indices {
            groups += DuplicateFinder.groups(logs: parts.map { $0.validator.keyLogs![k] }, field: nil, key: k)
        }
        var wanted = Array(repeating: Set<Int>(), count: parts.count)
        for group in groups {
            for occurrence in group.occurrences { wanted[occurrence.range].insert(occurrence.row) }
        }
        // Re-read in parallel: each task takes a share of the index entries of one range.
        let probes = try rescanAll(path: path, dialect: dialect, parts: parts, mapping: header.headerMapping, file: file,
                                   resolved: resolved, options: options, wanted: wanted)
        var duplicates = Array(repeating: [DuplicateFinding](), count: parts.count)
        for group in groups {
            var firstByValue: [[String]: (range: Int, row: Int)] = [:]
            for occurrence in group.occurrences {
                guard let probe = probes[occurrence.range][occurrence.row] else { continue }
                let values: [String]
                if let f = group.field {
                    values = [probe.cells[f]?.value ?? ""]
                } else {
                    values = keys[group.key!].fields.map { probe.cells[$0]?.value ?? "" }
                }
                guard let first = firstByValue[values] else {
                    firstByValue[values] = occurrence
                    continue
                }
                let firstRow = first.row + rowOffsets[first.range]
                let row = occurrence.row + rowOffsets[occurrence.range]
                let lineShift = lineOffsets[occurrence.range]
                if let f = group.field, let cell = probe.cells[f] {
                    let field = fields[f]
                    guard let severity = options.severityOverrides.apply(DuplicateValue.rule.id, field.severity) else { continue }
                    let columnName = header.columnNames[cell.column - 1]
                    let finding = Finding(rule: DuplicateValue.rule.id, severity: severity,
                                          message: DuplicateValue.message(value: cell.value, firstRow: firstRow),
                                          file: file, line: cell.line + lineShift, character: cell.character,
                                          row: row, column: columnName, columnNumber: cell.column,
                                          value: shortened(cell.value, limit: 200), expected: DuplicateValue.expected,
                                          standardLocation: field.uniqueLocation)
                    let key = FindingSink.CountKey(rule: DuplicateValue.rule.id, column: cell.column - 1, columnName: columnName,
                                                   severity: severity)
                    duplicates[occurrence.range].append(DuplicateFinding(finding: finding, key: key, order: 1 + f,
                                                                         localRow: occurrence.row, field: f))
                } else if let k = group.key {
                    guard let severity = options.severityOverrides.apply(DuplicateKey.rule.id, DuplicateKey.rule.severity) else { continue }
                    let names = keys[k].fields.map { fields[$0].name }
                    var finding = DuplicateKey.finding(fields: names, values: values, firstRow: firstRow, file: file,
                                                       line: probe.line + lineShift, character: probe.keyCharacter[k],
                                                       row: row, location: keys[k].location)
                    finding.severity = severity
                    let key = FindingSink.CountKey(rule: DuplicateKey.rule.id, column: -1, columnName: nil, severity: severity)
                    duplicates[occurrence.range].append(DuplicateFinding(finding: finding, key: key, order: 1 + fields.count + k,
                                                                         localRow: occurrence.row, field: nil))
                }
            }
        }

        for (index, part) in parts.enumerated() {
            let validator = part.validator
            let sink = validator.sink
            var placed: [(finding: Finding, key: FindingSink.CountKey, order: Int, sequence: Int)] = []
            for (n, original) in sink.findings.enumerated() {
                var finding = original
                if let row = finding.row { finding.row = row + rowOffsets[index] }
                if let line = finding.line { finding.line = line + lineOffsets[index] }
                if case let .unclosedQuote(openedOnLine)? = validator.relocations[n] {
                    finding.message = UnclosedQuote.message(openedOnLine: openedOnLine + lineOffsets[index])
                }
                placed.append((finding, sink.keys[n], sink.orders[n], n))
            }
            var newlyFailedRows = Set<Int>()
            for duplicate in duplicates[index] {
                let severity = duplicate.finding.severity
                counts[duplicate.key, default: 0] += 1
                switch severity {
                case .error: errors += 1
                case .warning: warnings += 1
                case .info: infos += 1
                }
                if severity >= failOn, let probe = probes[index][duplicate.localRow] {
                    failed = true
                    if !probe.rowFailed { newlyFailedRows.insert(duplicate.localRow) }
                    if let f = duplicate.field, !probe.failedFields.contains(f) { cellsFailed[f] += 1 }
                }
                placed.append((duplicate.finding, duplicate.key, duplicate.order, Int.max))
            }
            if !duplicates[index].isEmpty {
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
            conformingRows += validator.conformingRows - newlyFailedRows.count
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

    /// Hands values that are only read to worker threads.
    struct UncheckedBox<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Re-reads the wanted rows of every range, from the nearest row-index entries, in parallel,
    /// and reports what was seen there, by range and row.
    static func rescanAll(path: String, dialect: CSVDialect, parts: [Part], mapping: FileValidator.HeaderMapping, file: String,
                          resolved: ResolvedStandard, options: ValidationOptions,
                          wanted: [Set<Int>]) throws(InputError) -> [[Int: FileValidator.Probe]] {
        // Group the wanted rows by (range, index entry): each group is one short read.
        struct Job: Sendable { var range: Int; var offset: Int; var line: Int; var firstRow: Int; var rows: [Int] }
        var jobs: [Job] = []
        for (range, rows) in wanted.enumerated() where !rows.isEmpty {
            let index = parts[range].validator.rowIndex
            var byEntry: [Int: [Int]] = [:]
            for row in rows {
                var low = 0, high = index.count - 1
                while low < high {
                    let middle = (low + high + 1) / 2
                    if index[middle].row <= row { low = middle } else { high = middle - 1 }
                }
                byEntry[low, default: []].append(row)
            }
            for (entry, rows) in byEntry {
                let e = index[entry]
                jobs.append(Job(range: range, offset: e.offset, line: e.line, firstRow: e.row, rows: rows))
            }
        }
        let results = Slots<[Int: FileValidator.Probe]>(count: parts.count, initial: [:])
        let failure = Slots<InputError?>(count: 1, initial: nil)
        var quiet = options
        quiet.progress = nil
        let frozenJobs = jobs, frozenOptions = quiet
        let tasks = min(max(jobs.count, 1), 8)
        DispatchQueue.concurrentPerform(iterations: tasks) { task in
            guard case let .success(compiled) = CompiledStandard.compile(resolved) else { return }
            for job in frozenJobs[(frozenJobs.count * task / tasks)..<(frozenJobs.count * (task + 1) / tasks)] {
                do throws(InputError) {
                    // A small buffer: an index entry is at most 64 rows before the rows wanted (it grows for longer records).
                    let reader = CSVReader(source: try FileByteSource(path: path, offset: job.offset), dialect: dialect.afterHeader,
                                           bufferSize: 16 << 10, startLine: job.line, baseOffset: job.offset,
                                           limits: frozenOptions.limits)
                    let validator = FileValidator(compiled: compiled, file: file, encoding: .utf8, options: frozenOptions)
                    validator.adoptHeader(mapping)
                    validator.skipsTableChecks = true
                    validator.startAfter(row: job.firstRow - 1)
                    validator.probeRows = Set(job.rows)
                    let last = job.rows.max() ?? job.firstRow
                    while validator.rowsRead < last, try reader.readRecord() {
                        validator.checkOneRecord(reader)
                    }
                    results.update(job.range) { $0.merge(validator.probes) { first, _ in first } }
                } catch {
                    failure.set(0, error)
                }
            }
        }
        if let error = failure.get(0) { throw error }
        return results.all
    }
}
