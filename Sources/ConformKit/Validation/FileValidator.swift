import Foundation

/// Options that shape a validation run.
public struct ValidationOptions: Sendable {
    /// Findings at or above this severity make a file fail (exit code 1).
    public var failOn: Severity
    /// Example findings kept per rule and column; counts are always complete.
    public var maxFindings: Int
    /// How many cores to use for one large file (1: sequential). Results are identical either way.
    public var jobs: Int
    /// Called from time to time with the bytes read so far and the file's size (nil for a stream).
    /// May be called from several threads.
    public var progress: (@Sendable (_ bytesRead: Int, _ totalBytes: Int?) -> Void)?
    /// The data's format; nil: by extension, else by content.
    public var inputFormat: InputFormat?
    /// A project's own levels for rule ids (`--severity-overrides`).
    public var severityOverrides = SeverityOverrides()
    /// For JSON documents: a JSON Pointer to the array of records, overriding the standard's `dialect.records`.
    public var records: String?
    /// Sizes past which a cell or record is passed over rather than held in memory.
    public var limits = InputLimits.default
    /// Files smaller than this are validated on one core (lowered by tests).
    var minimumParallelBytes = ParallelValidator.minimumBytes

    public init(failOn: Severity = .error, maxFindings: Int = 20, jobs: Int = 1,
                progress: (@Sendable (_ bytesRead: Int, _ totalBytes: Int?) -> Void)? = nil,
                inputFormat: InputFormat? = nil, records: String? = nil) {
        self.inputFormat = inputFormat
        self.records = records
        self.failOn = failOn
        self.maxFindings = maxFindings
        self.jobs = max(jobs, 1)
        self.progress = progress
    }
}

/// A finding whose message holds a row or line number, which must be rewritten when the
/// results of a byte range are placed in the whole file.
enum Relocation {
    case unclosedQuote(openedOnLine: Int)
}

/// Streams one CSV file through a compiled standard: the header checks, then every
/// record, cell by cell, then keys and row rules. Holds only per-column state and
/// the hash sets of unique values and keys.
final class FileValidator {
    let compiled: CompiledStandard
    let fields: [CompiledField]
    private let file: String
    private let encoding: TextEncoding
    private(set) var sink: FindingSink
    private let standardFile: String

    // Header mapping.
    private(set) var fieldColumn: [Int] = []
    private(set) var columnNames: [String] = []
    private var columnCount = 0

    // Per-row state.
    private var row = 0
    /// True when the whole record is ASCII, so no cell needs a UTF-8 check.
    private var recordIsASCII = true
    private(set) var conformingRows = 0
    private var rowValues: [RuleValue] = []
    private var cellFailedRow: [Int] = []
    /// The row in which each field last held a value that could not be read (wrong type, bad encoding).
    private var invalidRow: [Int] = []

    // Per-field tallies.
    private(set) var cellsChecked: [Int] = []
    private(set) var cellsFailed: [Int] = []

    // Table state.
    private(set) var uniqueSeen: [HashIndex] = []
    private(set) var keySeen: [HashIndex] = []
    /// True in a re-scan, where uniqueness is decided elsewhere.
    var skipsTableChecks = false
    /// When set (seekable files), unique values and keys are only logged here, and duplicates are
    /// found after the pass (`DuplicateFinder`) and re-read exactly; otherwise they are found as they come.
    private(set) var uniqueLogs: [HashLog]?
    private(set) var keyLogs: [HashLog]?

    /// Foreign keys: the keys to collect from this file and the references to check (nil: none).
    var foreignKeyWork: ForeignKeyWork?

    /// Logs unique values and keys for `DuplicateFinder` instead of checking them on the fly.
    func deferTableChecks() {
        uniqueLogs = fields.map { _ in HashLog() }
        keyLogs = compiled.keys.map { _ in HashLog() }
    }

    // For merging byte ranges (see ParallelValidator).
    /// Rewrites needed for findings by index.
    private(set) var relocations: [Int: Relocation] = [:]
    /// Every `RowIndex.interval` rows: the row, the offset of its record and its line.
    private(set) var rowIndex: [(row: Int, offset: Int, line: Int)] = []
    static let rowIndexInterval = 64
    /// Rows to observe in a re-scan, and what was observed.
    var probeRows: Set<Int> = []
    private(set) var probes: [Int: Probe] = [:]

    /// What a re-scan saw of one row.
    struct Probe {
        var rowFailed: Bool
        var failedFields: Set<Int>
        var line: Int
        /// Per field: the cell's value, line, character and column number (nil when absent).
        var cells: [Int: (value: String, line: Int, character: Int, column: Int)]
        var keyCharacter: [Int: Int]
    }

    // Progress.
    private let progressCounter: ProgressCounter?
    private var lastProgressOffset = 0
    private let keyRequired: [Bool]
    private let onlyEmptyIsMissing: Bool
    private let missingValues: ByteStringSet
    /// The compiled fields, reachable without reference counting in the hot loop.
    private let fieldRefs: UnsafeMutablePointer<Unmanaged<CompiledField>>

    init(compiled: CompiledStandard, file: String, encoding: TextEncoding, options: ValidationOptions,
         progressCounter: ProgressCounter? = nil) {
        self.compiled = compiled
        self.progressCounter = progressCounter
        self.fields = compiled.fields
        self.file = file
        self.encoding = encoding
        self.sink = FindingSink(failOn: options.failOn, maxPerKey: max(options.maxFindings, 0), overrides: options.severityOverrides)
        self.standardFile = compiled.standard.sourceFile
        let count = compiled.fields.count
        rowValues = Array(repeating: .empty, count: count)
        cellFailedRow = Array(repeating: -1, count: count)
        invalidRow = Array(repeating: -1, count: count)
        cellsChecked = Array(repeating: 0, count: count)
        cellsFailed = Array(repeating: 0, count: count)
        uniqueSeen = (0..<count).map { _ in HashIndex() }
        keySeen = compiled.keys.map { _ in HashIndex() }
        var required = Array(repeating: false, count: count)
        for key in compiled.keys where key.isPrimary {
            for index in key.fields { required[index] = true }
        }
        keyRequired = required
        onlyEmptyIsMissing = compiled.onlyEmptyIsMissing
        missingValues = compiled.missingValues
        fieldRefs = .allocate(capacity: max(count, 1))
        for (index, field) in compiled.fields.enumerated() {
            (fieldRefs + index).initialize(to: Unmanaged.passUnretained(field))
        }
    }

    deinit {
        fieldRefs.deallocate()
        // Allocated for every validator, used only by JSON runs (found leaking by scripts/fuzz).
        pendingUnique.deallocate()
    }

    /// Validates the whole stream: header, then every record.
    func run(_ reader: CSVReader) throws(InputError) -> FileReport {
        if try readHeader(reader) {
            reportProgress(reader.bytesRead)
            try validateRecords(reader, until: nil)
        }
        finishForeignKeys()
        return report(reader)
    }

    /// Reads and checks the header rows (or maps fields by position when there is no header).
    /// Returns false when the stream ended.
    func readHeader(_ reader: CSVReader) throws(InputError) -> Bool {
        let dialect = reader.dialect
        if dialect.header {
            guard try reader.readRecord() else { return false }
            acceptHeader(reader)
            for _ in 1..<max(dialect.headerRows, 1) {
                guard try reader.readRecord() else { return false }
            }
        } else {
            assumeNoHeader()
        }
        return true
    }

    /// Checks the header record the reader has just read (when several validators share one reader).
    func acceptHeader(_ reader: CSVReader) {
        sink.currentOrder = 0
        if let oversize = reader.oversize { passedOver(oversize, reader: reader) }
        for issue in reader.issues {
            switch issue.kind {
            case .strayQuote:
                structure(StrayQuote.rule, StrayQuote.message, reader: reader, cell: issue.cell)
            case let .unclosedQuote(line):
                structure(UnclosedQuote.rule, UnclosedQuote.message(openedOnLine: line), reader: reader, cell: issue.cell)
            }
        }
        checkHeader(reader)
    }

    /// Maps columns to fields by position (a file without a header).
    func assumeNoHeader() {
        let skip = skippedColumns
        fieldColumn = fields.indices.map { $0 + skip }
        columnNames = Array(repeating: "", count: skip) + fields.map(\.name)
        columnCount = fields.count + skip
    }

    /// Columns at the left that are not part of the table (`dialect.skipColumns`).
    private var skippedColumns: Int { max(compiled.standard.dialect?.skipColumns ?? 0, 0) }

    /// How the header maps columns to fields.
    struct HeaderMapping: Sendable {
        var fieldColumn: [Int]
        var columnNames: [String]
        var columnCount: Int
    }

    var headerMapping: HeaderMapping { HeaderMapping(fieldColumn: fieldColumn, columnNames: columnNames, columnCount: columnCount) }

    /// Takes the header mapping another validator read (for a byte range after the header).
    func adoptHeader(_ mapping: HeaderMapping) {
        fieldColumn = mapping.fieldColumn
        columnNames = mapping.columnNames
        columnCount = mapping.columnCount
    }

    /// Validates records until the stream ends or, with `end`, until the next record would start at or after `end`.
    func validateRecords(_ reader: CSVReader, until end: Int?) throws(InputError) {
        lastProgressOffset = reader.bytesRead
        while true {
            let offset = reader.bytesRead
            if let end, offset >= end { break }
            if row % FileValidator.rowIndexInterval == 0 {
                rowIndex.append((row: row + 1, offset: offset, line: reader.nextLine))
                if offset - lastProgressOffset >= 4 << 20 { reportProgress(offset) }
            }
            guard try reader.readRecord() else { break }
            checkRecord(reader)
        }
        reportProgress(reader.bytesRead)
    }

    private func reportProgress(_ offset: Int) {
        guard let progressCounter else { return }
        let delta = offset - lastProgressOffset
        lastProgressOffset = offset
        progressCounter.add(delta)
    }

    /// Rows read so far.
    var rowsRead: Int { row }

    /// The file name used in findings.
    var sinkFile: String { file }

    /// Checks one record already read (for a re-scan).
    func checkOneRecord(_ reader: CSVReader) { checkRecord(reader) }

    /// Starts numbering after `row` (for a re-scan that begins in the middle of a range).
    func startAfter(row: Int) { self.row = row }

    // MARK: Header

    private func checkHeader(_ reader: CSVReader) {
        let count = reader.cells.count
        columnCount = count
        columnNames = (0..<count).map { String(decoding: reader.cell($0), as: UTF8.self) }
        fieldColumn = Array(repeating: -1, count: fields.count)
        var firstPosition: [String: Int] = [:]
        var columnField = Array(repeating: -1, count: count)
        let standard = compiled.standard
        let policyLocation = standard.columnsLocation ?? standard.location

        let skip = skippedColumns
        for (index, name) in columnNames.enumerated() where index >= skip {
            if name.trimmingCharacters(in: .whitespaces).isEmpty {
                header(BlankHeader.rule, BlankHeader.message(position: index + 1), reader: reader, column: index, location: nil)
                continue
            }
            if let first = firstPosition[name] {
                header(DuplicateColumn.rule, DuplicateColumn.message(column: name, firstPosition: first + 1), reader: reader,
                       column: index, location: nil)
                continue
            }
            firstPosition[name] = index
        }
        for (f, field) in fields.enumerated() {
            let names = [field.name] + field.field.aliases
            if let position = names.lazy.compactMap({ firstPosition[$0] }).first, columnField[position] < 0 {
                fieldColumn[f] = position
                columnField[position] = f
            }
        }
        for (f, field) in fields.enumerated() where fieldColumn[f] < 0 {
            let strict = standard.columns == .exact || field.required || keyRequired[f]
            var finding = Finding(rule: MissingColumn.rule.id, severity: strict ? .error : .warning,
                                  message: MissingColumn.message(field: field.name), file: file, line: reader.recordLine,
                                  row: 0, column: field.name, standardLocation: field.field.location)
            let names = columnNames.filter { !$0.isEmpty && columnField[firstPosition[$0] ?? 0] < 0 }
            finding.hint = Suggestions.closest(to: field.name, in: names).map { "the header has \(quoted($0)); add it to `aliases` or rename the column" }
            if sink.count(finding.rule, finding.severity, column: -1, columnName: field.name) { sink.add(finding) }
        }
        if standard.columns != .subset {
            for (index, name) in columnNames.enumerated() where index >= skip && columnField[index] < 0 && !name.isEmpty && firstPosition[name] == index {
                header(ExtraColumn.rule, ExtraColumn.message(column: name), reader: reader, column: index, location: policyLocation,
                       hint: Suggestions.closest(to: name, in: fields.indices.filter { fieldColumn[$0] < 0 }.map { fields[$0].name })
                           .map { "did you mean \($0)?" })
            }
        }
        if standard.columns == .exact {
            // Compare the order of the columns the standard knows with the standard's order.
            let present = fields.indices.filter { fieldColumn[$0] >= 0 }
            let inFileOrder = present.sorted { fieldColumn[$0] < fieldColumn[$1] }
            if present != inFileOrder {
                for (expectedPosition, f) in present.enumerated() where inFileOrder[expectedPosition] != f {
                    let position = fieldColumn[f]
                    header(ColumnOrder.rule,
                           ColumnOrder.message(column: fields[f].name, position: position + 1, expected: f + 1),
                           reader: reader, column: position, location: policyLocation)
                }
            }
        }
    }

    private func header(_ rule: ValidationRule, _ message: String, reader: CSVReader, column: Int, location: SourceLocation?,
                        hint: String? = nil) {
        let name = column < columnNames.count ? columnNames[column] : nil
        guard sink.count(rule.id, rule.severity, column: column, columnName: name) else { return }
        sink.add(Finding(rule: rule.id, severity: rule.severity, message: message, file: file,
                         line: reader.cells.indices.contains(column) ? reader.cells[column].line : reader.recordLine,
                         character: reader.cells.indices.contains(column) ? reader.characterPosition(ofCell: column) : nil,
                         row: 0, column: name, columnNumber: column + 1, value: name, hint: hint, standardLocation: location))
    }

    // MARK: Records

    private func checkRecord(_ reader: CSVReader) {
        row += 1
        sink.rowFailed = false
        sink.currentOrder = 0
        if let oversize = reader.oversize {
            passedOver(oversize, reader: reader)
            endRow()
            return
        }
        let cellCount = reader.cells.count
        recordIsASCII = UTF8Validation.isPlainText(reader.recordBytes)

        for issue in reader.issues {
            switch issue.kind {
            case .strayQuote:
                structure(StrayQuote.rule, StrayQuote.message, reader: reader, cell: issue.cell)
            case let .unclosedQuote(line):
                relocate(.unclosedQuote(openedOnLine: line)) {
                    structure(UnclosedQuote.rule, UnclosedQuote.message(openedOnLine: line), reader: reader, cell: issue.cell)
                }
            }
        }

        var blank = true
        for index in 0..<cellCount where reader.cells[index].count > 0 {
            blank = false
            break
        }
        if blank {
            structure(BlankRow.rule, BlankRow.message, reader: reader, cell: nil)
            endRow()
            return
        }
        if cellCount > columnCount && columnCount > 0 {
            for index in columnCount..<cellCount {
                structure(ExtraCell.rule, ExtraCell.message(cells: cellCount, columns: columnCount), reader: reader, cell: index,
                          value: String(decoding: reader.cell(index), as: UTF8.self))
            }
        } else if cellCount < columnCount {
            for index in cellCount..<columnCount {
                let name = columnNames[index]
                let f = fieldColumn.firstIndex(of: index)
                if f != nil, let severity = sink.effective(MissingCell.rule.id, MissingCell.rule.severity) { markCellFailed(f!, severity: severity) }
                guard sink.count(MissingCell.rule.id, MissingCell.rule.severity, column: index, columnName: name) else { continue }
                sink.add(Finding(rule: MissingCell.rule.id, severity: MissingCell.rule.severity,
                                 message: MissingCell.message(column: name, cells: cellCount, columns: columnCount),
                                 file: file, line: reader.recordLine, row: row, column: name, columnNumber: index + 1))
            }
        }

        for f in fields.indices {
            let column = fieldColumn[f]
            if column < 0 { continue }
            if column >= cellCount {
                rowValues[f] = .empty
                cellsChecked[f] += 1
                continue
            }
            sink.currentOrder = 1 + f
            checkCell(f, column: column, reader: reader)
        }
        if !compiled.keys.isEmpty && !skipsTableChecks { checkKeys(reader) }
        if let foreignKeyWork { checkForeignKeys(reader, foreignKeyWork) }
        sink.currentOrder = 2 + fields.count + compiled.keys.count
        if !compiled.rules.isEmpty { checkRules(reader) }
        if !probeRows.isEmpty && probeRows.contains(row) { probe(reader) }
        endRow()
    }

    /// Reports a record the reader passed over for being over a limit (`cell-too-large`,
    /// `record-too-large`), and the quote it left open if the file ended inside it.
    private func passedOver(_ oversize: CSVOversize, reader: CSVReader) {
        let rule: ValidationRule, message: String
        var cell: Int?
        switch oversize.kind {
        case let .cell(index, bytes):
            (rule, message, cell) = (CellTooLarge.rule, CellTooLarge.message(bytes: bytes, limit: oversize.limit), index)
        case let .cells(count):
            (rule, message, cell) = (RecordTooLarge.rule, RecordTooLarge.message(cells: count, limit: oversize.limit), oversize.limit)
        case let .record(bytes):
            (rule, message) = (RecordTooLarge.rule, RecordTooLarge.message(bytes: bytes, limit: oversize.limit))
        }
        let name = cell.flatMap { $0 < columnNames.count ? columnNames[$0] : nil }
        if sink.count(rule.id, rule.severity, column: -1, columnName: nil) {
            let value = oversize.prefix.isEmpty ? nil : String(decoding: oversize.prefix, as: UTF8.self) + "…"
            sink.add(Finding(rule: rule.id, severity: rule.severity, message: message, file: file, line: oversize.line,
                             character: oversize.character, row: row, column: name, columnNumber: cell.map { $0 + 1 }, value: value))
        }
        if let line = oversize.unclosedQuoteLine {
            relocate(.unclosedQuote(openedOnLine: line)) {
                if sink.count(UnclosedQuote.rule.id, UnclosedQuote.rule.severity, column: -1, columnName: nil) {
                    sink.add(Finding(rule: UnclosedQuote.rule.id, severity: UnclosedQuote.rule.severity,
                                     message: UnclosedQuote.message(openedOnLine: line), file: file, line: line, row: row))
                }
            }
        }
    }

    /// Runs `body`, and marks the finding it adds (if any) as needing `relocation`.
    private func relocate(_ relocation: Relocation, _ body: () -> Void) {
        let before = sink.findings.count
        body()
        if sink.findings.count > before { relocations[before] = relocation }
    }

    private func probe(_ reader: CSVReader) {
        var cells: [Int: (value: String, line: Int, character: Int, column: Int)] = [:]
        for (f, column) in fieldColumn.enumerated() where column >= 0 && column < reader.cells.count {
            cells[f] = (String(decoding: reader.cell(column), as: UTF8.self), reader.cells[column].line,
                        reader.characterPosition(ofCell: column), column + 1)
        }
        var keyCharacter: [Int: Int] = [:]
        for (k, key) in compiled.keys.enumerated() {
            let column = fieldColumn[key.fields[0]]
            if column >= 0 && column < reader.cells.count { keyCharacter[k] = reader.characterPosition(ofCell: column) }
        }
        probes[row] = Probe(rowFailed: sink.rowFailed, failedFields: Set(fields.indices.filter { cellFailedRow[$0] == row }),
                            line: reader.recordLine, cells: cells, keyCharacter: keyCharacter)
    }

    private func endRow() {
        if !sink.rowFailed { conformingRows += 1 }
        if let work = foreignKeyWork, work.pendingOfRow < work.pending.count {
            for index in work.pendingOfRow..<work.pending.count { work.pending[index].rowFailed = sink.rowFailed }
            work.pendingOfRow = work.pending.count
        }
    }

    private func structure(_ rule: ValidationRule, _ message: String, reader: CSVReader, cell: Int?, value: String? = nil) {
        let name = cell.flatMap { $0 < columnNames.count ? columnNames[$0] : nil }
        guard sink.count(rule.id, rule.severity, column: -1, columnName: nil) else { return }
        sink.add(Finding(rule: rule.id, severity: rule.severity, message: message, file: file,
                         line: cell.map { reader.cells[$0].line } ?? reader.recordLine,
                         character: cell.map { reader.characterPosition(ofCell: $0) },
                         row: row, column: name, columnNumber: cell.map { $0 + 1 }, value: value))
    }

    @inline(__always)
    private func markCellFailed(_ f: Int, severity: Severity) {
        if severity >= sink.failOn && cellFailedRow[f] != row {
            cellFailedRow[f] = row
            cellsFailed[f] += 1
        }
    }

    /// Records a finding about the cell of field `f`.
    private func cellFinding<R: CellSource>(_ rule: ValidationRule, _ f: Int, column: Int, reader: R, severity: Severity? = nil,
                                            location: SourceLocation?, message: (String) -> String,
                                            expected: @autoclosure () -> String? = nil, hint: ((String) -> String?)? = nil,
                                            byteOffset: Int? = nil, shown: String? = nil) {
        let field = fields[f]
        guard let severity = sink.effective(rule.id, severity ?? field.severity) else { return }
        markCellFailed(f, severity: severity)
        let name = R.hasColumns ? columnNames[column] : field.name
        guard sink.count(rule.id, severity, column: R.hasColumns ? column : f, columnName: name) else { return }
        let value = shown ?? String(decoding: reader.cell(column), as: UTF8.self)
        sink.add(Finding(rule: rule.id, severity: severity, message: message(value), file: file,
                         line: reader.line(ofCell: column), character: reader.characterPosition(ofCell: column),
                         row: row, column: name, columnNumber: R.hasColumns ? column + 1 : nil,
                         value: value.isEmpty || reader.isNull(column) ? nil : shortened(value, limit: 200),
                         expected: expected(), hint: hint?(value), standardLocation: location, byteOffset: byteOffset,
                         pointer: reader.pointer(ofCell: column)))
    }

    @inline(__always)
    private func isMissing(_ bytes: UnsafeRawBufferPointer) -> Bool {
        onlyEmptyIsMissing ? bytes.isEmpty : missingValues.contains(bytes)
    }

    private func checkCell<R: CellSource>(_ f: Int, column: Int, reader: R) {
        fieldRefs[f]._withUnsafeGuaranteedRef { field in checkCell(f, field, column: column, reader: reader) }
    }

    @inline(__always)
    private func checkCell<R: CellSource>(_ f: Int, _ field: CompiledField, column: Int, reader: R) {
        var bytes = reader.cell(column)
        if bytes.isEmpty, let defaultBytes = field.defaultBytes { bytes = UnsafeRawBufferPointer(defaultBytes) }
        cellsChecked[f] += 1
        if field.keepsValue { rowValues[f] = .empty }

        // (CSV: a NUL byte is not text either; in JSON a NUL is written `\u0000`, a character like any other.)
        if !recordIsASCII, !(R.hasColumns ? UTF8Validation.isPlainText(bytes) : UTF8Validation.isASCII(bytes)),
           let bad = UTF8Validation.firstInvalidOffset(bytes, nul: R.hasColumns) {
            let offset = reader.byteOffset(ofCell: column, contentOffset: bad)
            let nul = bytes[bad] == 0
            invalidRow[f] = row
            cellFinding(InvalidEncoding.rule, f, column: column, reader: reader, severity: .error, location: nil,
                        message: { _ in nul ? InvalidEncoding.nulMessage(offset: offset) : InvalidEncoding.message(offset: offset, encoding: self.encoding) },
                        byteOffset: offset, shown: nul ? String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\0", with: "\\0") : nil)
            return
        }
        if (field.hasOwnMissing ? field.isOwnMissing(bytes) : isMissing(bytes)) || reader.isNull(column) {
            if field.required || keyRequired[f] {
                cellFinding(MissingValue.rule, f, column: column, reader: reader,
                            location: field.requiredLocation ?? field.field.location,
                            message: { _ in MissingValue.message(field: field.name) })
            }
            return
        }
        if field.splitsList && R.hasColumns {
            checkListItems(f, field, bytes, column: column, reader: reader)
            return
        }
        // (An empty value that is not a missing value, with `missingValues` that leave out "", has no spaces.)
        if !bytes.isEmpty, bytes[0] == 0x20 || bytes[0] == 0x09 || bytes[bytes.count - 1] == 0x20 || bytes[bytes.count - 1] == 0x09 {
            cellFinding(SurroundingWhitespace.rule, f, column: column, reader: reader, severity: min(field.severity, .warning),
                        location: nil, message: SurroundingWhitespace.message)
        }
        guard let value = reader.read(column, bytes, as: field) else {
            typeMismatch(f, field, column: column, reader: reader)
            return
        }
        if field.hasPattern {
            let result = field.matchPattern(bytes)
            if result != .match { patternFailed(f, field, result, column: column, reader: reader) }
        }
        if field.hasAllowed && !field.isAllowed(bytes) {
            notInCodelist(f, field, column: column, reader: reader)
        }
        if field.minLength >= 0 || field.maxLength >= 0 {
            lengthFailed(f, field, bytes, column: column, reader: reader)
        }
        if field.hasBounds && !field.withinBounds(value) {
            boundsFailed(f, field, value, column: column, reader: reader)
        }
        if let checksum = field.checksum, !checksum.validates(bytes) {
            cellFinding(ChecksumFailed.rule, f, column: column, reader: reader, location: field.constraints.checksum?.location,
                        message: { ChecksumFailed.message(value: $0, algorithm: checksum) },
                        expected: "a valid \(checksum.rawValue) check digit")
        }
        if field.unique && !skipsTableChecks {
            let hash = byteHash(bytes)
            if let logs = uniqueLogs {
                logs[f].append(hash, row: row)
            } else if defersUnique && !field.isMultiValued {
                pendingUnique.append(PendingUnique(field: Int32(f), cell: Int32(column), hash: hash))
            } else if let first = uniqueSeen[f].firstRow(for: hash, row: row) {
                duplicateValue(f, field, firstRow: first, column: column, reader: reader)
            }
        }
        if field.keepsValue {
            rowValues[f] = field.ruleKind == .string ? .string(String(decoding: bytes, as: UTF8.self)) : value.ruleValue
        }
    }

    // The slow paths of checkCell, out of line so the common case stays small.

    /// A CSV cell that holds a list (`separator`): each item is checked against the field's
    /// `items` (type and constraints), and the number of items against `minItems` and `maxItems`.
    /// Items that are missing values (or empty) are left out.
    @inline(never)
    private func checkListItems<R: CellSource>(_ f: Int, _ field: CompiledField, _ bytes: UnsafeRawBufferPointer, column: Int, reader: R) {
        if field.keepsValue { rowValues[f] = .string(String(decoding: bytes, as: UTF8.self)) }
        let separator = field.separatorBytes
        var count = 0
        var start = 0, index = 0
        while index <= bytes.count {
            let atSeparator = index + separator.count <= bytes.count
                && separator.indices.allSatisfy { bytes[index + $0] == separator[$0] }
            guard atSeparator || index == bytes.count else {
                index += 1
                continue
            }
            var item = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
            if let items = field.items {
                if items.base != .string && items.base != .any {
                    while let first = item.first, first == 0x20 || first == 0x09 { item = UnsafeRawBufferPointer(rebasing: item.dropFirst()) }
                    while let last = item.last, last == 0x20 || last == 0x09 { item = UnsafeRawBufferPointer(rebasing: item.dropLast()) }
                }
                let missing = items.hasOwnMissing ? items.isOwnMissing(item) : (field.hasOwnMissing ? field.isOwnMissing(item) : isMissing(item))
                if !item.isEmpty && !missing {
                    count += 1
                    checkListItem(f, items, item, column: column, reader: reader)
                }
            } else if !item.isEmpty {
                count += 1
            }
            index += atSeparator ? separator.count : 1
            start = index
            if index > bytes.count { break }
        }
        if field.minItems >= 0 && count < field.minItems {
            cellFinding(TooFewItems.rule, f, column: column, reader: reader, location: field.field.minItems?.location,
                        message: { _ in TooFewItems.message(count: count, minimum: field.minItems) },
                        expected: "at least \(field.minItems) items")
        }
        if field.maxItems >= 0 && count > field.maxItems {
            cellFinding(TooManyItems.rule, f, column: column, reader: reader, location: field.field.maxItems?.location,
                        message: { _ in TooManyItems.message(count: count, maximum: field.maxItems) },
                        expected: "at most \(field.maxItems) items")
        }
    }

    /// One item of a list cell, checked against the list's `items`; findings show the item.
    private func checkListItem<R: CellSource>(_ f: Int, _ items: CompiledField, _ item: UnsafeRawBufferPointer, column: Int, reader: R) {
        let shown = String(decoding: item, as: UTF8.self)
        guard let value = items.parse(item) else {
            invalidRow[f] = row
            cellFinding(TypeMismatch.rule, f, column: column, reader: reader, location: items.field.type.location,
                        message: { TypeMismatch.message(value: $0, type: items.typeName) }, expected: items.expectedType, shown: shown)
            return
        }
        if let pattern = items.pattern, pattern.matches(item) != .match {
            cellFinding(PatternMismatch.rule, f, column: column, reader: reader, location: items.constraints.pattern?.location,
                        message: PatternMismatch.message, expected: "a value matching \(pattern.source)", shown: shown)
        }
        if let allowed = items.allowed, !allowed.contains(item) {
            cellFinding(NotInCodelist.rule, f, column: column, reader: reader, location: items.allowedLocation,
                        message: { NotInCodelist.message(value: $0, list: items.allowedName) },
                        expected: NotInCodelist.expected(allowed.members), hint: { NotInCodelist.hint(value: $0, codes: allowed.members) },
                        shown: shown)
        }
        if items.minLength >= 0 || items.maxLength >= 0 {
            let length = items.length(of: item)
            if let minimum = items.constraints.minLength, length < minimum.value {
                cellFinding(TooShort.rule, f, column: column, reader: reader, location: minimum.location,
                            message: { TooShort.message(value: $0, length: length, minimum: minimum.value) },
                            expected: "at least \(minimum.value) characters", shown: shown)
            }
            if let maximum = items.constraints.maxLength, length > maximum.value {
                cellFinding(TooLong.rule, f, column: column, reader: reader, location: maximum.location,
                            message: { TooLong.message(value: $0, length: length, maximum: maximum.value) },
                            expected: "at most \(maximum.value) characters", shown: shown)
            }
        }
        if let lower = items.lower, let order = value.compare(lower.value), order < 0 || (order == 0 && lower.exclusive) {
            cellFinding(BelowMinimum.rule, f, column: column, reader: reader, location: lower.location,
                        message: { BelowMinimum.message(value: $0, bound: lower.text, exclusive: lower.exclusive) },
                        expected: lower.exclusive ? "above \(lower.text)" : "\(lower.text) or more", shown: shown)
        }
        if let upper = items.upper, let order = value.compare(upper.value), order > 0 || (order == 0 && upper.exclusive) {
            cellFinding(AboveMaximum.rule, f, column: column, reader: reader, location: upper.location,
                        message: { AboveMaximum.message(value: $0, bound: upper.text, exclusive: upper.exclusive) },
                        expected: upper.exclusive ? "below \(upper.text)" : "\(upper.text) or less", shown: shown)
        }
        if let checksum = items.checksum, !checksum.validates(item) {
            cellFinding(ChecksumFailed.rule, f, column: column, reader: reader, location: items.constraints.checksum?.location,
                        message: { ChecksumFailed.message(value: $0, algorithm: checksum) },
                        expected: "a valid \(checksum.rawValue) check digit", shown: shown)
        }
    }

    @inline(never)
    private func duplicateValue<R: CellSource>(_ f: Int, _ field: CompiledField, firstRow: Int, column: Int, reader: R) {
        cellFinding(DuplicateValue.rule, f, column: column, reader: reader, location: field.uniqueLocation,
                    message: { DuplicateValue.message(value: $0, firstRow: firstRow, sameRow: firstRow == self.row) }, expected: DuplicateValue.expected)
    }

    @inline(never)
    private func patternFailed<R: CellSource>(_ f: Int, _ field: CompiledField, _ result: Pattern.MatchResult, column: Int, reader: R) {
        guard let pattern = field.pattern else { return }
        let rule = result == .limitExceeded ? PatternTimeout.rule : PatternMismatch.rule
        cellFinding(rule, f, column: column, reader: reader, location: field.constraints.pattern?.location,
                    message: result == .limitExceeded ? PatternTimeout.message : PatternMismatch.message,
                    expected: "a value matching \(pattern.source)")
    }

    @inline(never)
    private func notInCodelist<R: CellSource>(_ f: Int, _ field: CompiledField, column: Int, reader: R) {
        guard let allowed = field.allowed else { return }
        cellFinding(NotInCodelist.rule, f, column: column, reader: reader, location: field.allowedLocation,
                    message: { NotInCodelist.message(value: $0, list: field.allowedName) },
                    expected: NotInCodelist.expected(allowed.members),
                    hint: { NotInCodelist.hint(value: $0, codes: allowed.members) })
    }

    @inline(never)
    private func lengthFailed<R: CellSource>(_ f: Int, _ field: CompiledField, _ bytes: UnsafeRawBufferPointer, column: Int, reader: R) {
        let length = field.length(of: bytes)
        if let minimum = field.constraints.minLength, length < minimum.value {
            cellFinding(TooShort.rule, f, column: column, reader: reader, location: minimum.location,
                        message: { TooShort.message(value: $0, length: length, minimum: minimum.value) },
                        expected: "at least \(minimum.value) characters")
        }
        if let maximum = field.constraints.maxLength, length > maximum.value {
            cellFinding(TooLong.rule, f, column: column, reader: reader, location: maximum.location,
                        message: { TooLong.message(value: $0, length: length, maximum: maximum.value) },
                        expected: "at most \(maximum.value) characters")
        }
    }

    @inline(never)
    private func boundsFailed<R: CellSource>(_ f: Int, _ field: CompiledField, _ value: ParsedValue, column: Int, reader: R) {
        if let lower = field.lower, let order = value.compare(lower.value), order < 0 || (order == 0 && lower.exclusive) {
            cellFinding(BelowMinimum.rule, f, column: column, reader: reader, location: lower.location,
                        message: { BelowMinimum.message(value: $0, bound: lower.text, exclusive: lower.exclusive) },
                        expected: lower.exclusive ? "above \(lower.text)" : "\(lower.text) or more")
        }
        if let upper = field.upper, let order = value.compare(upper.value), order > 0 || (order == 0 && upper.exclusive) {
            cellFinding(AboveMaximum.rule, f, column: column, reader: reader, location: upper.location,
                        message: { AboveMaximum.message(value: $0, bound: upper.text, exclusive: upper.exclusive) },
                        expected: upper.exclusive ? "below \(upper.text)" : "\(upper.text) or less")
        }
    }

    @inline(never)
    private func typeMismatch<R: CellSource>(_ f: Int, _ field: CompiledField, column: Int, reader: R) {
        invalidRow[f] = row
        let bytes = reader.cell(column)
        if let kind = reader.wrongKind(column, for: field), kind != .string || field.parse(bytes) != nil {
            // A JSON value of the wrong JSON type: say which, and whether `coerce` would accept it. (A string that
            // would not be a valid value anyway gets the finding it would get in CSV.)
            let readsAsType = kind == .string
            cellFinding(TypeMismatch.rule, f, column: column, reader: reader, location: field.field.type.location,
                        message: { TypeMismatch.jsonMessage(value: $0, kind: kind, type: field.typeName) },
                        expected: TypeMismatch.expectedJSON(field.json, base: field.expectedType),
                        hint: { _ in readsAsType ? TypeMismatch.coerceHint : self.typeHint(field, bytes) })
            return
        }
        cellFinding(TypeMismatch.rule, f, column: column, reader: reader, location: field.field.type.location,
                    message: { TypeMismatch.message(value: $0, type: field.typeName) },
                    expected: field.expectedType, hint: { _ in self.typeHint(field, bytes) })
    }

    private func typeHint(_ field: CompiledField, _ bytes: UnsafeRawBufferPointer) -> String? {
        switch field.parser {
        case let .temporal(format):
            if let guess = TemporalFormat.guessFormat(kind: format.kind, of: bytes) {
                return "looks like \(guess); the standard requires \(format.display)"
            }
        case .integer:
            if NumberParser.parseNumber(bytes, decimalChar: UInt8(ascii: "."), groupChar: nil) != nil {
                return "a number with a fractional part; the field takes whole numbers"
            }
        case .number:
            if bytes.contains(UInt8(ascii: ",")),
               NumberParser.parseNumber(bytes, decimalChar: UInt8(ascii: ","), groupChar: nil) != nil {
                return "uses a comma as the decimal separator; write a point or set `decimalChar: \",\"`"
            }
        default: break
        }
        return nil
    }

    // MARK: Keys and rules

    private func checkKeys<R: CellSource>(_ reader: R) {
        for (k, key) in compiled.keys.enumerated() {
            sink.currentOrder = 1 + fields.count + k
            // As in SQL, a key with a missing part is not compared (a primary key's missing parts are
            // already `missing-value` findings, since its fields are required).
            var hash: UInt64 = 0x51_7CC1_B727_220A
            var anyMissing = false
            for f in key.fields {
                let column = fieldColumn[f]
                let bytes = column >= 0 && column < reader.cellCount ? reader.cell(column) : UnsafeRawBufferPointer(start: nil, count: 0)
                if (fields[f].hasOwnMissing ? fields[f].isOwnMissing(bytes) : isMissing(bytes))
                    || (column >= 0 && column < reader.cellCount && reader.isNull(column)) { anyMissing = true }
                hash = byteHash(bytes, seed: hash &+ 0x9E37)
            }
            if anyMissing { continue }
            if let logs = keyLogs {
                logs[k].append(hash, row: row)
            } else if let first = keySeen[k].firstRow(for: hash, row: row) {
                let names = key.fields.map { fields[$0].name }
                let values = key.fields.map { f -> String in
                    let column = fieldColumn[f]
                    return column >= 0 && column < reader.cellCount ? String(decoding: reader.cell(column), as: UTF8.self) : ""
                }
                let firstColumn = fieldColumn[key.fields[0]]
                guard sink.count(DuplicateKey.rule.id, DuplicateKey.rule.severity, column: -1, columnName: nil) else { continue }
                let character = reader.recordPlace?.character
                    ?? (firstColumn >= 0 && firstColumn < reader.cellCount ? reader.characterPosition(ofCell: firstColumn) : nil)
                sink.add(DuplicateKey.finding(fields: names, values: values, firstRow: first, file: file, line: reader.recordLine,
                                              character: character, row: row, location: key.location, pointer: reader.recordPlace?.pointer))
            }
        }
    }

    /// The hash of the values of `indices` in the current record; nil when any is missing (with
    /// `onlyEmptyIsMissing`, when any is empty: missing-value markers are then values).
    private func keyHash<R: CellSource>(_ indices: [Int], _ reader: R, onlyEmptyIsMissing: Bool = false) -> UInt64? {
        var hash: UInt64 = 0x2545_F491_4F6C_DD1D
        for f in indices {
            let column = fieldColumn[f]
            guard column >= 0 && column < reader.cellCount else { return nil }
            let bytes = reader.cell(column)
            if onlyEmptyIsMissing ? bytes.isEmpty || reader.isNull(column)
                : (fields[f].hasOwnMissing ? fields[f].isOwnMissing(bytes) : isMissing(bytes)) || reader.isNull(column) { return nil }
            hash = byteHash(bytes, seed: hash &+ 0x9E37)
        }
        return hash
    }

    /// Collects the keys this file holds for references, then checks its own references.
    private func checkForeignKeys<R: CellSource>(_ reader: R, _ work: ForeignKeyWork) {
        sink.currentOrder = 1 + fields.count + compiled.keys.count
        for collector in work.collectors {
            if let hash = keyHash(collector.fields, reader) { collector.keys.insert(hash) }
        }
        for (index, check) in work.checks.enumerated() {
            guard let hash = keyHash(check.fields, reader, onlyEmptyIsMissing: check.key.checksMissingMarkers) else { continue }
            let rows = check.keys.rows(hash)
            // (While a table's own keys are still being read, a key seen once may yet repeat; a later
            // repeat of a referenced key is not caught here, but a repeated primary or unique key is.)
            if rows == 1 { continue }
            let values = check.fields.map { String(decoding: reader.cell(fieldColumn[$0]), as: UTF8.self) }
            let firstColumn = fieldColumn[check.fields[0]]
            let character = reader.recordPlace?.character ?? reader.characterPosition(ofCell: firstColumn)
            if !check.keys.isComplete {
                work.pending.append(ForeignKeyWork.Pending(check: index, hash: hash, row: row, line: reader.recordLine, character: character,
                                                           values: values, pointer: reader.recordPlace?.pointer))
                continue
            }
            guard sink.count(ForeignKeyViolation.rule.id, ForeignKeyViolation.rule.severity, column: -1, columnName: nil) else { continue }
            sink.add(foreignKeyFinding(check, values: values, row: row, line: reader.recordLine, character: character,
                                       pointer: reader.recordPlace?.pointer, ambiguous: rows == 2))
        }
    }

    private func foreignKeyFinding(_ check: ForeignKeyWork.Check, values: [String], row: Int, line: Int, character: Int?,
                                   pointer: String?, ambiguous: Bool = false) -> Finding {
        let names = check.key.fields.value
        return Finding(rule: ForeignKeyViolation.rule.id, severity: ForeignKeyViolation.rule.severity,
                       message: ambiguous ? ForeignKeyViolation.ambiguousMessage(fields: names, values: values, reference: check.keys.reference)
                           : ForeignKeyViolation.message(fields: names, values: values, reference: check.keys.reference),
                       file: file, line: line, character: character, row: row, column: names.joined(separator: "+"),
                       value: shortened(values.joined(separator: ", "), limit: 200),
                       expected: ForeignKeyViolation.expected(reference: check.keys.reference),
                       standardLocation: check.key.fields.location, pointer: pointer)
    }

    /// At the end of the file: this file's keys are complete; references that waited for them are
    /// decided, their findings placed in row order and their rows counted as failing.
    func finishForeignKeys() {
        guard let work = foreignKeyWork else { return }
        for collector in work.collectors { collector.keys.isComplete = true }
        var failedRows = Set<Int>()
        for pending in work.pending {
            let check = work.checks[pending.check]
            let rows = check.keys.rows(pending.hash)
            guard check.keys.isComplete, rows != 1 else { continue }
            sink.rowFailed = false
            let listed = sink.count(ForeignKeyViolation.rule.id, ForeignKeyViolation.rule.severity, column: -1, columnName: nil)
            if sink.rowFailed, !pending.rowFailed, failedRows.insert(pending.row).inserted { conformingRows -= 1 }
            sink.rowFailed = false
            guard listed else { continue }
            sink.currentOrder = 1 + fields.count + compiled.keys.count
            sink.insertInRowOrder(foreignKeyFinding(check, values: pending.values, row: pending.row, line: pending.line,
                                                    character: pending.character, pointer: pending.pointer, ambiguous: rows == 2))
        }
        work.pending = []
        work.pendingOfRow = 0
    }

    private func checkRules<R: CellSource>(_ reader: R) {
        let values = rowValues
        for rule in compiled.rules {
            // A rule is not judged on a value that could not be read: that cell's own finding says what is wrong.
            if rule.fields.contains(where: { invalidRow[$0] == row }) { continue }
            if let condition = rule.condition, condition.evaluate({ values[$0] }) != true { continue }
            guard rule.assertion.evaluate({ values[$0] }) == false else { continue }
            let severity = rule.rule.severity
            guard sink.count(RuleFailed.rule.id, severity, column: -1, columnName: nil) else { continue }
            let shown = rule.assertion.referencedFields.map { f -> String in
                let column = fieldColumn[f]
                let text = column >= 0 && column < reader.cellCount ? String(decoding: reader.cell(column), as: UTF8.self) : ""
                return "\(fields[f].name)=\(shortened(text, limit: 40))"
            }
            sink.add(Finding(rule: RuleFailed.rule.id, severity: severity,
                             message: RuleFailed.message(ruleID: rule.rule.id, custom: rule.rule.message, assertion: rule.rule.assert.value),
                             file: file, line: reader.recordLine, character: reader.recordPlace?.character, row: row, column: nil,
                             value: shown.joined(separator: ", "), expected: rule.rule.assert.value,
                             standardLocation: rule.rule.assert.location, pointer: reader.recordPlace?.pointer))
        }
    }

    // MARK: JSON records

    /// Fields that held a value in at least one JSON record (for the report's `present`).
    private var jsonSeen: [Bool] = []
    private var jsonFileSize: Int?
    /// The `unique` fields.
    private lazy var uniqueFields: [Int] = fields.indices.filter { fields[$0].unique }
    /// In JSON records, unique values are looked up after the record's other checks, so that the
    /// hash table's memory (prefetched when the record starts) has arrived by then.
    private var defersUnique = false
    private struct PendingUnique { var field: Int32, cell: Int32, hash: UInt64 }
    private var pendingUnique = CellBuffer<PendingUnique>()

    /// Validates every record a JSON reader gives: the same cell, key and row-rule checks as
    /// CSV, on the values the fields pick out, after the JSON structure checks.
    ///
    /// - Parameter fileSize: the file's size when known (a regular, uncompressed file), to size the unique values' tables.
    func run(_ reader: JSONReader, fileSize: Int? = nil) throws(InputError) -> FileReport {
        jsonFileSize = fileSize
        fieldColumn = Array(repeating: -1, count: fields.count)
        columnNames = fields.map(\.name)
        columnCount = fields.count
        jsonSeen = Array(repeating: false, count: fields.count)
        defersUnique = !uniqueFields.isEmpty
        lastProgressOffset = 0
        var sinceProgress = 0
        reading: while true {
            switch try reader.readRecord() {
            case .end:
                break reading
            case .record:
                checkJSONRecord(reader)
            case let .syntaxError(error):
                jsonSyntaxError(error)
                if !error.recovered { break reading }
            case let .oversized(oversize):
                row += 1
                sink.rowFailed = false
                sink.currentOrder = 0
                if sink.count(RecordTooLarge.rule.id, RecordTooLarge.rule.severity, column: -1, columnName: nil) {
                    sink.add(Finding(rule: RecordTooLarge.rule.id, severity: RecordTooLarge.rule.severity,
                                     message: RecordTooLarge.message(bytes: oversize.bytes, limit: oversize.limit), file: file,
                                     line: oversize.line, character: oversize.character, row: row, byteOffset: nil,
                                     pointer: oversize.pointer.isEmpty ? nil : oversize.pointer))
                }
                endRow()
            }
            sinceProgress += 1
            if sinceProgress == 1024 {
                sinceProgress = 0
                if reader.bytesRead - lastProgressOffset >= 4 << 20 { reportProgress(reader.bytesRead) }
            }
        }
        reportProgress(reader.bytesRead)
        // Duplicate members outside the records (a second `grants`, or inside what was skipped).
        for duplicate in reader.documentDuplicates where sink.count(DuplicateMember.rule.id, DuplicateMember.rule.severity, column: -1, columnName: nil) {
            sink.add(Finding(rule: DuplicateMember.rule.id, severity: DuplicateMember.rule.severity,
                             message: DuplicateMember.message(name: duplicate.name), file: file, line: duplicate.line,
                             character: duplicate.character, value: duplicate.name, pointer: duplicate.pointer))
        }
        finishForeignKeys()
        for f in fields.indices { fieldColumn[f] = jsonSeen[f] ? 0 : -1 }
        return report(bytes: reader.bytesRead)
    }

    private func jsonSyntaxError(_ error: JSONSyntaxError) {
        let rule = error.rule == RecordsNotFound.rule.id ? RecordsNotFound.rule : InvalidJSON.rule
        var errorRow: Int?
        if error.recovered {
            // A bad line of NDJSON is a record that fails.
            row += 1
            errorRow = row
        }
        if sink.count(rule.id, rule.severity, column: -1, columnName: nil) {
            sink.add(Finding(rule: rule.id, severity: rule.severity,
                             message: rule.id == InvalidJSON.rule.id ? InvalidJSON.message(reason: error.reason) : error.reason,
                             file: file, line: error.line, character: error.character, row: errorRow, byteOffset: error.offset))
        }
    }

    private func checkJSONRecord(_ reader: JSONReader) {
        row += 1
        sink.rowFailed = false
        sink.currentOrder = 0
        recordIsASCII = UTF8Validation.isASCII(reader.recordBytes)
        if reader.recordKind != .object {
            jsonStructure(NotAnObject.rule, NotAnObject.message(kind: reader.recordKind), reader: reader, pointer: reader.recordPointer,
                          line: reader.recordLine, character: reader.recordCharacterPosition,
                          value: shortened(String(decoding: reader.recordBytes, as: UTF8.self), limit: 200))
            endRow()
            return
        }
        for duplicate in reader.duplicates {
            jsonStructure(DuplicateMember.rule, DuplicateMember.message(name: duplicate.name), reader: reader, pointer: duplicate.pointer,
                          line: duplicate.line, character: duplicate.character, value: duplicate.name)
        }
        if !reader.newUnknownMembers.isEmpty && compiled.standard.columns != .subset {
            let standard = compiled.standard
            for member in reader.newUnknownMembers where sink.count(ExtraColumn.rule.id, ExtraColumn.rule.severity, column: -1, columnName: member.name) {
                sink.add(Finding(rule: ExtraColumn.rule.id, severity: ExtraColumn.rule.severity, message: ExtraColumn.memberMessage(member.name),
                                 file: file, line: member.line, character: member.character, row: row, column: member.name,
                                 value: member.name, hint: Suggestions.closest(to: member.name, in: fields.map(\.name)).map { "did you mean \($0)?" },
                                 standardLocation: standard.columnsLocation ?? standard.location,
                                 pointer: reader.recordPointer + "/" + JSONPointer.escape(member.name)))
            }
        }
        // From the first record's size, the number of records the file holds: the unique values' tables
        // start at half that (growing step by step from small costs the copies and the page clearing of
        // every step; half, so that a first record smaller than the rest costs little memory).
        if row == 1, let size = jsonFileSize, !uniqueFields.isEmpty {
            let estimate = size / max(reader.recordBytes.count + 1, 64)
            for f in uniqueFields { uniqueSeen[f].reserve(estimate / 2) }
        }
        // The unique values' hash-table slots are fetched now and used at the end of the record's checks.
        for f in uniqueFields {
            let c = reader.firstCell(ofField: f)
            if c >= 0 { uniqueSeen[f].prefetch(byteHash(reader.cell(c))) }
        }
        for f in fields.indices {
            fieldRefs[f]._withUnsafeGuaranteedRef { field in checkJSONValues(f, field, reader: reader) }
        }
        if !pendingUnique.isEmpty { checkPendingUnique(reader) }
        if !compiled.keys.isEmpty { checkKeys(reader) }
        if let foreignKeyWork { checkForeignKeys(reader, foreignKeyWork) }
        sink.currentOrder = 2 + fields.count + compiled.keys.count
        if !compiled.rules.isEmpty { checkRules(reader) }
        endRow()
    }

    /// Checks every value field `f` has in the current JSON record.
    @inline(__always)
    private func checkJSONValues(_ f: Int, _ field: CompiledField, reader: JSONReader) {
        sink.currentOrder = 1 + f
        let first = reader.firstCell(ofField: f)
        fieldColumn[f] = first
        if first < 0 {
            absentJSONValue(f, field, reader: reader)
            return
        }
        jsonSeen[f] = true
        // Each value of the field (several under a `*` path, or the elements of an array) is checked;
        // the field's cell counts once per record.
        var checked = 0
        var itemsSinceArray = 0
        var c = first
        while c >= 0 {
            let cell = reader.cells[c]
            if cell.item >= 0 {
                if let items = field.items {
                    checkCell(f, items, column: c, reader: reader)
                    checked += 1
                }
                itemsSinceArray += 1
            } else {
                checkCell(f, field, column: c, reader: reader)
                if field.base == .array && cell.kind == .array { checkItemCount(f, field, count: itemsSinceArray, column: c, reader: reader) }
                itemsSinceArray = 0
                checked += 1
            }
            c = Int(cell.next)
        }
        if checked > 1 { cellsChecked[f] -= checked - 1 }
    }

    /// The deferred unique lookups of the record, with their findings put in sequential order.
    private func checkPendingUnique(_ reader: JSONReader) {
        for i in pendingUnique.indices {
            let pending = pendingUnique[i]
            let f = Int(pending.field)
            guard let first = uniqueSeen[f].firstRow(for: pending.hash, row: row) else { continue }
            sink.currentOrder = 1 + f
            let before = sink.findings.count
            duplicateValue(f, fields[f], firstRow: first, column: Int(pending.cell), reader: reader)
            if sink.findings.count > before {
                let finding = sink.findings[before]
                sink.removeLast()
                sink.addInRowOrder(finding)
            }
        }
        pendingUnique.removeAll()
    }

    /// A field with no value in the record: missing when it is required.
    private func absentJSONValue(_ f: Int, _ field: CompiledField, reader: JSONReader) {
        if field.keepsValue { rowValues[f] = .empty }
        cellsChecked[f] += 1
        guard field.required || keyRequired[f], let severity = sink.effective(MissingValue.rule.id, field.severity) else { return }
        markCellFailed(f, severity: severity)
        guard sink.count(MissingValue.rule.id, severity, column: f, columnName: field.name) else { return }
        // For a `*` path with no element at all, the pointer of the array (a pointer has no wildcard).
        let path = field.path.map { JSONPointer(segments: Array($0.segments.prefix { $0 != "*" })).description }
            ?? "/" + JSONPointer.escape(field.name)
        sink.add(Finding(rule: MissingValue.rule.id, severity: severity, message: MissingValue.message(field: field.name), file: file,
                         line: reader.recordLine, character: reader.recordCharacterPosition, row: row, column: field.name,
                         standardLocation: field.requiredLocation ?? field.field.location, pointer: reader.recordPointer + path))
    }

    /// `minItems` and `maxItems` of an array value with `count` elements.
    private func checkItemCount(_ f: Int, _ field: CompiledField, count: Int, column: Int, reader: JSONReader) {
        if field.minItems >= 0 && count < field.minItems {
            cellFinding(TooFewItems.rule, f, column: column, reader: reader, location: field.field.minItems?.location,
                        message: { _ in TooFewItems.message(count: count, minimum: field.minItems) },
                        expected: "at least \(field.minItems) elements")
        }
        if field.maxItems >= 0 && count > field.maxItems {
            cellFinding(TooManyItems.rule, f, column: column, reader: reader, location: field.field.maxItems?.location,
                        message: { _ in TooManyItems.message(count: count, maximum: field.maxItems) },
                        expected: "at most \(field.maxItems) elements")
        }
    }

    private func jsonStructure(_ rule: ValidationRule, _ message: String, reader: JSONReader, pointer: String, line: Int,
                               character: Int, value: String?) {
        guard sink.count(rule.id, rule.severity, column: -1, columnName: nil) else { return }
        sink.add(Finding(rule: rule.id, severity: rule.severity, message: message, file: file, line: line, character: character,
                         row: row, value: value, pointer: pointer))
    }

    // MARK: Report

    func report(_ reader: CSVReader) -> FileReport { report(bytes: reader.bytesRead) }

    /// The report of everything checked so far.
    func report(bytes: Int) -> FileReport {
        let standard = compiled.standard
        var report = FileReport(file: file, standard: StandardReference(id: standard.id, version: standard.version,
                                                                          title: standard.title, file: standard.sourceFile))
        report.rows = row
        report.conformingRows = conformingRows
        report.bytes = bytes
        report.errors = sink.errors
        report.warnings = sink.warnings
        report.infos = sink.infos
        report.conforms = !sink.failed
        report.counts = sink.ruleCounts
        report.findings = sink.findings
        report.findingsOmitted = sink.omitted
        report.fields = fields.indices.map { f in
            FieldConformance(field: fields[f].name, cells: cellsChecked[f], passing: cellsChecked[f] - cellsFailed[f],
                             present: fieldColumn.indices.contains(f) && fieldColumn[f] >= 0)
        }
        return report
    }
}
