import Foundation

/// Entry points for the libFuzzer targets in `Fuzz/` (`scripts/fuzz`): each takes arbitrary
/// bytes and runs one part of conform over them the way real input would reach it. They must
/// never crash, hang or leak, whatever the bytes; findings and errors are the expected outcome.
/// Not part of the public API: `@_spi(Fuzzing)`.
@_spi(Fuzzing)
public enum FuzzEntry {
    /// A standard with a bit of every check: types, a pattern, a code list, bounds, lengths, a
    /// unique field, keys, a reference within the table, a row rule.
    static let standardText = """
    conform: 1
    id: fuzz
    missingValues: ["", "NA"]
    codelists:
      status:
        values: [open, closed]
    fields:
      - name: id
        type: integer
        required: true
        unique: true
      - name: parent
        type: integer
      - name: code
        pattern: '[A-Z]{2}[0-9]+'
        maxLength: 8
      - name: status
        codelist: status
      - name: when
        type: date
        format: '%d/%m/%Y'
      - name: amount
        type: number
        minimum: 0
        decimalChar: ","
      - name: tags
        separator: ";"
        type: array
        items:
          type: string
          maxLength: 3
    keys:
      primary: id
      foreign:
        - fields: parent
          references: {fields: id}
    columns: subset
    rules:
      - id: parent-not-self
        assert: parent != id
    """

    // (libFuzzer calls the entry points from one thread.)
    nonisolated(unsafe) static let compiled: CompiledStandard = {
        var diagnostics = Diagnostics()
        guard let standard = StandardLoader.parse(text: standardText, file: "fuzz.yaml", diagnostics: &diagnostics),
              case let .success(compiled) = CompiledStandard.compile(
                ResolvedStandard(standard: standard, dependencies: [], types: [:], codelists: Dictionary(uniqueKeysWithValues: standard.codelists.map { ($0.name, $0) }),
                                 findings: diagnostics.findings)) else {
            fatalError("the fuzzing standard does not compile: \(diagnostics.findings.map(\.message))")
        }
        return compiled
    }()

    /// CSV: the bytes as a file, read with a small buffer (so records cross refills) and
    /// validated. Returns the number of findings (-1 when the input could not be read).
    @discardableResult
    public static func csv(_ bytes: UnsafeRawBufferPointer) -> Int {
        let data = Array(bytes)
        // The first byte picks the dialect, so that delimiters and quoting vary too.
        var dialect = CSVDialect()
        if let first = data.first {
            dialect.delimiter = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")][Int(first & 3)]
            dialect.header = first & 4 == 0
            if first & 8 != 0 { dialect.escape = UInt8(ascii: "\\") }
            if first & 16 != 0 { dialect.commentPrefix = [UInt8(ascii: "#")] }
        }
        // Half the inputs run with small limits, so cells, rows and records over them are passed over (`InputLimits`).
        let limits = data.first.map { $0 & 32 != 0 } == true
            ? InputLimits(maxCellSize: 8 + Int(data.first! >> 6) * 8, maxRecordSize: 48, maxColumns: 6) : .default
        let reader = CSVReader(source: MemoryByteSource(data), dialect: dialect, bufferSize: 64, limits: limits)
        let validator = FileValidator(compiled: compiled, file: "fuzz.csv", encoding: .utf8, options: ValidationOptions(maxFindings: 5))
        validator.foreignKeyWork = ForeignKeyWork.forSingleTable(compiled)
        guard let report = try? validator.run(reader) else { return -1 }
        return report.errors + report.warnings + report.infos
    }

    /// JSON: the bytes as NDJSON and as a document, read with a small buffer and validated.
    /// Returns the number of findings of each reading (-1 when the input could not be read).
    @discardableResult
    public static func json(_ bytes: UnsafeRawBufferPointer) -> [Int] {
        let data = Array(bytes)
        var counts: [Int] = []
        for layout in [JSONLayout.lines, .document(records: JSONPointer(segments: []))] {
            // Half the inputs with a small record limit, so records over it are passed over.
            let reader = JSONReader(source: MemoryByteSource(data), layout: layout, trie: compiled.jsonTrie,
                                    fieldCount: compiled.fields.count, bufferSize: 64,
                                    maxRecordSize: data.count % 2 == 1 ? 48 : InputLimits.default.maxRecordSize)
            let validator = FileValidator(compiled: compiled, file: "fuzz.json", encoding: .utf8, options: ValidationOptions(maxFindings: 5))
            validator.foreignKeyWork = ForeignKeyWork.forSingleTable(compiled)
            let report = try? validator.run(reader)
            counts.append(report.map { $0.errors + $0.warnings + $0.infos } ?? -1)
        }
        return counts
    }

    /// A standard: the bytes decoded as a standard file would be (YAML, Table Schema, Data
    /// Package, CSVW or JSON Schema, by content), then compiled when it loads. Returns whether
    /// it compiled.
    @discardableResult
    public static func standard(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var diagnostics = Diagnostics()
        guard let text = StandardImporter.decode(Data(bytes), file: "fuzz.yaml", diagnostics: &diagnostics),
              let standard = StandardImporter.parse(text: text, file: "fuzz.yaml", resource: nil, diagnostics: &diagnostics) else { return false }
        let resolved = ResolvedStandard(standard: standard, dependencies: [], types: [:],
                                        codelists: Dictionary(standard.codelists.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }),
                                        findings: diagnostics.findings)
        if case .success = CompiledStandard.compile(resolved) { return true }
        return false
    }

    /// A row rule's expression. Returns whether it parsed.
    @discardableResult
    public static func ruleExpression(_ bytes: UnsafeRawBufferPointer) -> Bool {
        (try? RuleExpressionParser.parse(String(decoding: bytes, as: UTF8.self))) != nil
    }
}
