import Foundation
import Testing
@testable import ConformKit

/// `conform docs`: a standard's documentation page in Markdown and HTML, and `--since`.
struct StandardDocsTests {
    static let brownfield = "uk-gov/brownfield-land-register"
    static let hsdsOld = "openreferral/hsds-1.1/organization"
    static let hsdsNew = "openreferral/hsds-3.0/organization"

    func load(_ reference: String) throws -> Conform.LoadedStandard {
        try Conform.loadStandard(reference, searchPaths: TestSupport.searchPaths)
    }

    /// Loads a standard written as `conform: 1`, `id: ...` and `body`, from a temporary folder.
    func load(body: String, id: String = "test/docs", extraFiles: [String: String] = [:]) throws -> Conform.LoadedStandard {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, contents) in extraFiles { TestSupport.write(contents, name, in: directory) }
        let path = TestSupport.write("conform: 1\nid: \(id)\n" + body + "\n", "standard.yaml", in: directory)
        return try Conform.loadStandard(path, searchPaths: TestSupport.searchPaths)
    }

    // MARK: - GFM tables, read as cmark-gfm reads them

    /// The cells of a GFM table row: split at each `|` not escaped by a backslash, then `\|` read as `|`.
    static func cells(_ row: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var previous: Character?
        for character in row.trimmingCharacters(in: .whitespaces).dropFirst() {
            if character == "|" && previous != "\\" {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        return cells.map { $0.replacingOccurrences(of: "\\|", with: "|").trimmingCharacters(in: .whitespaces) }
    }

    /// Every table of the page: (header cells, rows of cells).
    static func tables(_ markdown: String) -> [(header: [String], rows: [[String]])] {
        let lines = markdown.components(separatedBy: "\n")
        var tables: [(header: [String], rows: [[String]])] = []
        var index = 0
        while index + 1 < lines.count {
            if lines[index].hasPrefix("|"), lines[index + 1].hasPrefix("|---") {
                let header = cells(lines[index])
                var rows: [[String]] = []
                index += 2
                while index < lines.count, lines[index].hasPrefix("|") {
                    rows.append(cells(lines[index]))
                    index += 1
                }
                tables.append((header, rows))
            } else {
                index += 1
            }
        }
        return tables
    }

    /// The anchors of a page (`<a id>` in Markdown, `id=` in HTML) and the in-page links.
    static func anchorsAndLinks(_ page: String) -> (anchors: Set<String>, links: Set<String>) {
        func matches(_ prefix: String, _ end: Character) -> Set<String> {
            var found = Set<String>()
            var rest = Substring(page)
            while let range = rest.range(of: prefix) {
                let tail = rest[range.upperBound...]
                let stop = tail.firstIndex(of: end) ?? tail.endIndex
                found.insert(String(tail[..<stop]))
                rest = tail[stop...]
            }
            return found
        }
        return (matches(" id=\"", "\""), matches("(#", ")").union(matches("href=\"#", "\"")))
    }

    // MARK: - The shipped Brownfield standard

    /// Every field of the shipped Brownfield standard is in the fields table with its type, and has its
    /// own section; the row count matches.
    @Test func brownfieldEveryFieldWithItsType() throws {
        let loaded = try load(Self.brownfield)
        let markdown = Conform.documentStandard(loaded, format: .markdown)
        let fields = loaded.resolved.standard.fields
        let summary = try #require(Self.tables(markdown).first { $0.header == ["Field", "Type", "Required", "Constraints"] })
        #expect(summary.rows.count == fields.count)
        for (field, row) in zip(fields, summary.rows) {
            #expect(row[0].contains("`\(field.name)`"), "\(row)")
            #expect(row[1].contains("`\(field.type.value)`"), "\(field.name): \(row)")
            #expect(row[2] == (field.isRequired ? "yes" : "no"))
            #expect(markdown.contains("### <a id=\"field-\(field.name.lowercased())\"></a>`\(field.name)`"))
        }
        // A type of uk-gov/core is resolved: what it rests on, and its constraint, inherited.
        #expect(summary.rows[0][1].contains("`local-authority-uri`") && summary.rows[0][1].contains("(`uri`)"))
        let docs = StandardDocs(loaded)
        let uri = try #require(docs.fields.first { $0.name == "OrganisationURI" })
        #expect(uri.type.base == .uri && uri.type.chain == ["local-authority-uri"])
        let pattern = try #require(uri.type.constraints.first { $0.key == "pattern" })
        #expect(pattern.inheritedFrom == "local-authority-uri")
        let corePattern = try #require(loaded.resolved.types["local-authority-uri"]?.constraints.pattern?.value)
        #expect(markdown.contains(corePattern) && markdown.contains("| type `local-authority-uri` |"))
        #expect(docs.types.map(\.name).contains("iso-date") && docs.types.allSatisfy { $0.definedIn == "uk-gov/core" })
        // Metadata, dialect, column policy, keys and rules.
        for text in ["# Brownfield Land Register", "`uk-gov/brownfield-land-register`", "`2017.1`", "Ministry of Housing, Communities and Local Government",
                     "OGL-UK-3.0", "| `delimiter` | `,` (comma) |", "| `encoding` | `utf-8` |", "**Columns** (`columns`): `exact`",
                     "[`OrganisationURI`](#field-organisationuri) + [`SiteReference`](#field-sitereference)",
                     "`LastUpdatedDate >= FirstAddedDate`", "A PermissionType needs the PermissionDate on which that permission was granted",
                     "`PermissionType is not empty`"] {
            #expect(markdown.contains(text), "\(text)")
        }
        let html = Conform.documentStandard(loaded, format: .html)
        for field in fields {
            #expect(html.contains("<section class=\"field\" id=\"field-\(field.name.lowercased())\">"))
            #expect(html.contains("<code>\(field.type.value)</code>"), "\(field.name)")
        }
    }

    /// Every code list a field uses is on the page with all its values and labels, and a field
    /// names its values among its examples.
    @Test func codelistValuesAndLabelsAppear() throws {
        let loaded = try load(Self.brownfield)
        let markdown = Conform.documentStandard(loaded, format: .markdown)
        let html = Conform.documentStandard(loaded, format: .html)
        let tables = Self.tables(markdown)
        for list in loaded.resolved.standard.codelists {
            #expect(markdown.contains("### <a id=\"codelist-\(list.name)\"></a>`\(list.name)`"))
            let table = try #require(tables.first { table in table.header.first == "Code" && table.rows.first?.first == "`\(list.values[0])`" })
            #expect(table.rows.map { $0[0] } == list.values.map { "`\($0)`" })
            for value in list.values {
                #expect(html.contains("<code>\(value)</code>"), "\(value)")
                if let label = list.labels[value] {
                    #expect(table.rows.contains { $0 == ["`\(value)`", label] }, "\(value)")
                    #expect(html.contains("<td>\(label)</td>"), "\(label)")
                }
            }
        }
        let status = try #require(tables.first { $0.header == ["Property", "Value"] && $0.rows.contains { $0[1] == "`permissioned`; the allowed values: `permissioned`, `not permissioned`, `pending decision` (code list [`planning-status`](#codelist-planning-status))" } })
        #expect(status.rows.contains { $0[0] == "Examples" })
    }

    /// A pattern holding `|` stays in its cell: the row has as many cells as the header, and the
    /// cell read back (as cmark-gfm does) is the pattern in a code span.
    @Test func patternWithBarInMarkdownTable() throws {
        let loaded = try load(Self.brownfield)
        let markdown = Conform.documentStandard(loaded, format: .markdown)
        let history = try #require(loaded.resolved.standard.fields.first { $0.name == "PlanningHistory" }?.constraints.pattern?.value)
        #expect(history.contains("|") && history.contains("\\|"))
        let tables = Self.tables(markdown)
        let row = try #require(tables.lazy.flatMap(\.rows).first { $0.first == "`pattern`" && $0.count > 1 && $0[1] == "`\(history)`" })
        #expect(row.count == 4)
        for table in tables {
            for row in table.rows { #expect(row.count == table.header.count, "\(row)") }
        }
        // In the fields table too (short patterns are shown there).
        let summary = try #require(tables.first { $0.header == ["Field", "Type", "Required", "Constraints"] })
        let siteplan = try #require(summary.rows.first { $0[0].contains("SiteplanURL") })
        #expect(siteplan[3] == "pattern `(?:http|https)://.*`")

        // A pattern with a backquote and a bar (as the LGA's e-mail pattern has) is fenced with two.
        let tricky = try load(body: "fields:\n  - name: email\n    pattern: '[a-z`|]+@x'\n")
        let page = Conform.documentStandard(tricky, format: .markdown)
        #expect(Self.tables(page).lazy.flatMap(\.rows).contains { $0 == ["`pattern`", "``[a-z`|]+@x``", "the whole value must match this regular expression (PCRE2)", "the field"] })
    }

    /// Text from the standard cannot inject markup: HTML escapes everything, Markdown turns `<` into an entity.
    @Test func textIsEscaped() throws {
        let loaded = try load(body: """
            title: "Sites <script>alert(1)</script>"
            description: "A & B <script>alert(2)</script> \\"quoted\\""
            codelists:
              status:
                values: {o: "<b>Open</b>", c: Closed}
            fields:
              - name: "<img src=x>"
                description: "<script>alert(3)</script>"
                example: "a|b <i>"
              - name: status
                type: code
                codelist: status
            rules:
              - id: r
                assert: status = 'o' or status = 'c'
                message: "<script>alert(4)</script>"
            """)
        let html = Conform.documentStandard(loaded, format: .html)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img") && !html.contains("<b>") && !html.contains("<i>"))
        for n in 1...4 { #expect(html.contains("&lt;script&gt;alert(\(n))&lt;/script&gt;"), "\(n)") }
        #expect(html.contains("A &amp; B") && html.contains("&quot;quoted&quot;"))
        #expect(html.contains("<td>&lt;b&gt;Open&lt;/b&gt;</td>"))
        let markdown = Conform.documentStandard(loaded, format: .markdown)
        #expect(!markdown.contains("<script") && !markdown.contains("<b>"))
        // The field's name is code wherever it appears (a code span shows `<` as it is).
        #expect(markdown.components(separatedBy: "`<img src=x>`").count == markdown.components(separatedBy: "<img").count)
        #expect(markdown.contains("&lt;script>alert(3)&lt;/script>"))
        #expect(Self.tables(markdown).lazy.flatMap(\.rows).contains { $0 == ["Examples", "`a|b <i>`"] })
    }

    /// The HTML page parses: sections open and close in pairs, every `<` opens a tag, each field
    /// has its anchor, every in-page link has its target, and nothing is fetched.
    @Test func htmlIsWellFormed() throws {
        for reference in [Self.brownfield, "360giving/grants", "lga/public-toilets", "uk-gov/core"] {
            let html = Conform.documentStandard(try load(reference), format: .html, since: reference == Self.brownfield ? try load("lga/planning-applications") : nil)
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(html.components(separatedBy: "<section").count == html.components(separatedBy: "</section>").count)
            #expect(html.components(separatedBy: "<table").count == html.components(separatedBy: "</table>").count)
            #expect(html.components(separatedBy: "<tr").count == html.components(separatedBy: "</tr>").count)
            var index = html.startIndex
            while let open = html[index...].firstIndex(of: "<") {
                let next = html.index(after: open)
                #expect(next < html.endIndex && (html[next].isLetter || html[next] == "/" || html[next] == "!"),
                        "\(reference): unescaped < in \(html[open...].prefix(60))")
                index = next
            }
            #expect(!html.contains("{{") && !html.contains("<link") && !html.contains(" src=") && !html.contains("@import") && !html.contains("<script"))
            let (anchors, links) = Self.anchorsAndLinks(html)
            #expect(links.subtracting(anchors).isEmpty, "\(reference): \(links.subtracting(anchors).sorted())")
            let loaded = try load(reference)
            #expect(loaded.resolved.standard.fields.allSatisfy { field in anchors.contains { $0.hasPrefix("field-") } } )
            #expect(anchors.filter { $0.hasPrefix("field-") }.count == loaded.resolved.standard.fields.count)
        }
    }

    /// Every in-page link of the Markdown page has its anchor.
    @Test func markdownLinksResolve() throws {
        for reference in [Self.brownfield, "360giving/grants", "lga/planning-applications", "uk-gov/core", Self.hsdsNew] {
            let markdown = Conform.documentStandard(try load(reference), format: .markdown)
            let (anchors, links) = Self.anchorsAndLinks(markdown)
            #expect(!links.isEmpty && links.subtracting(anchors).isEmpty, "\(reference): \(links.subtracting(anchors).sorted())")
        }
    }

    // MARK: - --since

    /// HSDS 1.1 → 3.0: the fields added and removed and every gap are those of `conform compare`
    /// (old as A, new as B, a-to-b), errors as breaking changes.
    @Test func sinceListsTheComparisonsChanges() throws {
        let old = try load(Self.hsdsOld), new = try load(Self.hsdsNew)
        for (older, newer) in [(old, new), (new, old)] {
            let report = Conform.compare(older, newer, direction: .aToB)
            let gaps = report.directions[0].gaps
            let docs = StandardDocs(newer, since: older)
            let changes = try #require(docs.changes)
            let removed = older.resolved.standard.fields.map(\.name).filter { name in !report.matches.contains { $0.a == name } }
            let added = newer.resolved.standard.fields.map(\.name).filter { name in !report.matches.contains { $0.b == name } }
            #expect(changes.removed == removed && changes.added == added)
            #expect(changes.renamed == report.matches.filter { $0.a != $0.b })
            #expect(changes.breaking == gaps.filter { $0.severity == .error })
            #expect(changes.nonBreaking == gaps.filter { $0.severity != .error })
            #expect(changes.compatible == report.directions[0].compatible)

            let markdown = Conform.documentStandard(newer, format: .markdown, since: older)
            #expect(markdown.contains("## <a id=\"changes\"></a>Changes since version \(older.resolved.standard.version!) (\(older.id))"))
            #expect(markdown.contains("- **Fields removed**: " + (removed.isEmpty ? "none" : removed.map { "`\($0)`" }.joined(separator: ", "))))
            #expect(markdown.contains("- **Fields added**: " + (added.isEmpty ? "none" : added.map { "`\($0)`" }.joined(separator: ", "))))
            let section = String(markdown[markdown.range(of: "<a id=\"changes\"></a>")!.lowerBound...])
            let breaking = String(section[section.range(of: "### Breaking changes")!.lowerBound..<section.range(of: "### Non-breaking changes")!.lowerBound])
            let rows = Self.tables(section).flatMap(\.rows)
            for gap in gaps {
                #expect(rows.contains { $0[0] == "`\(gap.rule)`" && $0[1] == gap.severity.rawValue && $0[3].hasPrefix(gap.message) }, "\(gap)")
                #expect(breaking.contains(gap.message) == (gap.severity == .error), "\(gap)")
            }
            if gaps.allSatisfy({ $0.severity != .error }) { #expect(breaking.contains("None.")) }
            let html = Conform.documentStandard(newer, format: .html, since: older)
            for gap in gaps { #expect(html.contains("<code>\(gap.rule)</code>") && html.contains(Self.htmlEscaped(gap.message)), "\(gap)") }
        }
        // The pair as the shipped standards have it: url removed, 3.0's new fields added, backward compatible;
        // the other way round year_incorporated breaks (a number is not always a year).
        let forward = try #require(StandardDocs(new, since: old).changes)
        #expect(forward.removed == ["url"] && forward.added.contains("website") && forward.compatible)
        let backward = try #require(StandardDocs(old, since: new).changes)
        #expect(!backward.breaking.isEmpty && backward.breaking.contains { $0.rule == "type-narrowed" && $0.fromField == "year_incorporated" })
    }

    /// A field matched by an alias is a rename.
    @Test func sinceShowsRenames() throws {
        let old = try load(body: "version: \"1\"\nfields:\n  - name: Ref\n    required: true\n  - name: Gone\n", id: "test/v")
        let new = try load(body: "version: \"2\"\nfields:\n  - name: Reference\n    aliases: [Ref]\n    required: true\n    maxLength: 5\n", id: "test/v")
        let markdown = Conform.documentStandard(new, format: .markdown, since: old)
        #expect(markdown.contains("- **Fields renamed**: `Ref` → `Reference` (matched by alias)"))
        #expect(markdown.contains("- **Fields removed**: `Gone`"))
        #expect(markdown.contains("**Not backward compatible**"))
        let breaking = try #require(StandardDocs(new, since: old).changes?.breaking)
        #expect(breaking.contains { $0.rule == "length-narrowed" })
    }

    static func htmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }

    // MARK: - Every key of the format

    /// A standard that uses every key of the format (with a code list read from a file).
    static let everything = """
        version: "0.9"
        title: Everything
        publisher: Example Body
        licence: CC0-1.0
        description: Uses every key.
        uses: [uk-gov/core]
        dialect:
          delimiter: ";"
          quoteChar: "'"
          doubleQuote: false
          escapeChar: "\\\\"
          header: true
          headerRows: 2
          encoding: windows-1252
          lineTerminator: "\\n"
          records: /rows
          skipRows: 3
          skipColumns: 1
          commentPrefix: "#"
          trim: start
          skipBlankRows: true
        missingValues: ["", "NA"]
        types:
          percentage:
            type: number
            description: A share out of a hundred.
            minimum: 0
            maximum: 100
          small-percentage:
            type: percentage
            maximum: 10
        codelists:
          colours:
            description: Colours.
            values: {r: Red, g: Green}
          sizes:
            file: sizes.csv
            column: code
            labelColumn: name
        fields:
          - name: id
            title: Identifier
            type: integer
            required: true
            unique: true
            groupChar: ","
            exclusiveMinimum: "0"
            exclusiveMaximum: "1000000"
          - name: share
            type: small-percentage
            decimalChar: ","
            unit: percent
            severity: warning
            aliases: [Share, share_pc]
            concept: https://example.org/def/share
            example: "5,5"
          - name: colour
            type: code
            codelist: colours
            path: /colour/0
            coerce: true
          - name: size
            type: code
            codelist: sizes
          - name: code
            minLength: 2
            maxLength: 4
            pattern: '[A-Z]+'
            enum: [AB, ABC]
          - name: nhs
            checksum: nhs-mod11
          - name: flag
            type: boolean
            trueValues: ["Y"]
            falseValues: ["N"]
          - name: seen
            type: date
            format: '%d/%m/%Y'
            minimum: 01/01/2000
          - name: tags
            type: array
            minItems: 1
            maxItems: 3
            separator: "+"
            items:
              type: code
              codelist: colours
          - name: postcode
            type: uk-postcode
          - name: count
            type: integer
            xsdType: unsignedByte
            missingValues: ["-"]
            default: "0"
          - name: amount
            type: number
            numberFormat: "#0.00"
          - name: parent
            type: integer
        keys:
          primary: [id]
          unique:
            - [code, seen]
          foreign:
            - fields: parent
              references: {fields: id}
              checkMissingMarkers: true
        columns: any-order
        rules:
          - id: seen-after
            when: code is not empty
            assert: seen is not empty
            severity: info
            message: A flagged row needs a date
        """

    /// Where each key of the format shows on the Markdown page of `everything`. A key the format
    /// gains (in `StandardKeys`) without an entry here fails `everyKeyOfTheFormatIsShown`: the
    /// page must show it.
    static let witnesses: [String: [String: String]] = [
        "document": ["conform": "standard format version 1", "id": "- **Id**: `test/docs`", "version": "- **Version**: `0.9`", "title": "# Everything",
                     "publisher": "- **Publisher**: Example Body", "licence": "- **Licence**: CC0-1.0", "description": "Uses every key.",
                     "uses": "- **Uses**: the types and code lists of `uk-gov/core`", "dialect": "| Dialect key | Value |",
                     "missingValues": "**Missing values** (`missingValues`): an empty cell, `NA`.", "types": "## <a id=\"types\"></a>Types",
                     "codelists": "## <a id=\"codelists\"></a>Code lists", "fields": "## <a id=\"fields\"></a>Fields", "keys": "## <a id=\"keys\"></a>Keys",
                     "columns": "**Columns** (`columns`): `any-order`", "rules": "## <a id=\"rules\"></a>Row rules",
                     "tables": "(shown by packageIsDocumented)"],
        "dialect": ["delimiter": "| `delimiter` | `;` (semicolon) |", "quoteChar": "| `quoteChar` | `'` (single quote) |",
                    "doubleQuote": "| `doubleQuote` | `false` |", "escapeChar": "| `escapeChar` | `\\` (backslash) |",
                    "header": "| `header` | `true` (the first row names the columns) |", "headerRows": "| `headerRows` | `2` |",
                    "encoding": "| `encoding` | `windows-1252` |", "lineTerminator": "| `lineTerminator` | `\\n`", "records": "| `records` | `/rows`",
                    "skipRows": "| `skipRows` | `3`", "skipColumns": "| `skipColumns` | `1`", "commentPrefix": "| `commentPrefix` | `#`",
                    "trim": "| `trim` | `start` (leading whitespace is removed", "skipBlankRows": "| `skipBlankRows` | `true` (rows whose cells are all empty are skipped)"],
        "constraints": ["pattern": "| `pattern` | `[A-Z]+` |", "enum": "| `enum` | `AB`, `ABC` |", "codelist": "| `codelist` | [`colours`](#codelist-colours) |",
                        "minLength": "| `minLength` | `2` |", "maxLength": "| `maxLength` | `4` |", "minimum": "| `minimum` | `01/01/2000` |",
                        "maximum": "| `maximum` | `10` | at most `10` | type `small-percentage` |", "exclusiveMinimum": "| `exclusiveMinimum` | `0` | greater than `0`",
                        "exclusiveMaximum": "| `exclusiveMaximum` | `1000000` | less than `1000000`", "format": "| `format` | `%d/%m/%Y` |",
                        "decimalChar": "| `decimalChar` | `,` |", "groupChar": "| `groupChar` | `,` |", "trueValues": "| `trueValues` | `Y` |",
                        "falseValues": "| `falseValues` | `N` |", "checksum": "| `checksum` | `nhs-mod11` |", "xsdType": "| `xsdType` | `unsignedByte` |",
                        "numberFormat": "| `numberFormat` | `#0.00` |"],
        "type": ["type": "built on `percentage`, resting on `number`", "description": "A share out of a hundred."],
        "field": ["name": "### <a id=\"field-share\"></a>`share`", "title": "`id` — Identifier", "description": "(see document)",
                  "type": "| Type | [`small-percentage`](#type-small-percentage) (`number`)", "required": "| Required | yes: every row must have a value |",
                  "unique": "| Unique | yes: no two rows may hold the same value |", "severity": "| Findings | reported as warnings |",
                  "aliases": "header names also accepted: `Share`, `share_pc`", "concept": "| Concept | `https://example.org/def/share` |",
                  "unit": "| Unit | percent |", "example": "| Examples | `5,5` |", "path": "| JSON path | `/colour/0`", "coerce": "| Coerce | yes",
                  "items": "Constraints on each element:", "minItems": "| Min items | at least 1 element |", "maxItems": "| Max items | at most 3 elements |",
                  "missingValues": "| Missing values | in this field, in place of the standard's: `-` |",
                  "default": "| Default | an empty cell stands for `0`", "separator": "| Separator | in CSV the cell holds a list, its items separated by `+` |"],
        "items": ["type": "| Items | each element: `code`"],
        "codelist": ["description": "Colours.", "values": "| `r` | Red |", "file": "read from `sizes.csv`", "column": ", column `code`",
                     "labelColumn": "labels from column `name`"],
        "keys": ["primary": "- **Primary key** (`keys.primary`): [`id`](#field-id).", "unique": "- **Unique key** (`keys.unique`): [`code`](#field-code) + [`seen`](#field-seen).",
                 "foreign": "- **Foreign key** (`keys.foreign`): [`parent`](#field-parent) references this table (`id`)."],
        "foreignKey": ["fields": "[`parent`](#field-parent) references", "references": "references this table (`id`)",
                       "checkMissingMarkers": "(`checkMissingMarkers`: missing-value markers are looked up too)"],
        "reference": ["table": "(shown by packageIsDocumented)", "fields": "references this table (`id`)"],
        "rule": ["id": "<a id=\"rule-seen-after\"></a>`seen-after`", "assert": "| `seen is not empty` |", "when": "| `code is not empty` |",
                 "severity": "| info |", "message": "| A flagged row needs a date |"],
        "table": ["name": "(shown by packageIsDocumented)", "path": "(shown by packageIsDocumented)", "standard": "(shown by packageIsDocumented)"],
    ]

    /// The format's keys, by where they are written (`StandardKeys`, the loader's own lists).
    static let formatKeys: [String: [String]] = [
        "document": StandardKeys.document, "dialect": StandardKeys.dialect, "constraints": StandardKeys.constraints, "type": StandardKeys.type,
        "field": StandardKeys.field, "items": StandardKeys.items, "codelist": StandardKeys.codelist, "keys": StandardKeys.keys,
        "foreignKey": StandardKeys.foreignKey, "reference": StandardKeys.reference, "rule": StandardKeys.rule, "table": StandardKeys.table,
    ]

    /// Every key of the format shows on the page: its value, in the place that says what it does.
    @Test func everyKeyOfTheFormatIsShown() throws {
        let loaded = try load(body: Self.everything, extraFiles: ["sizes.csv": "code,name\nS,Small\nL,Large\n"])
        let markdown = Conform.documentStandard(loaded, format: .markdown)
        for (place, keys) in Self.formatKeys {
            for key in keys {
                // Constraints are also keys of types, fields and items: they are checked once, as constraints.
                if place != "constraints" && StandardKeys.constraints.contains(key) { continue }
                guard let witness = Self.witnesses[place]?[key] else {
                    Issue.record("`conform docs` does not show the key `\(key)` (\(place)): show it (Sources/ConformKit/Docs) and add it to StandardDocsTests.witnesses")
                    continue
                }
                if witness.hasPrefix("(") { continue }
                #expect(markdown.contains(witness), "\(place).\(key): \(witness)")
            }
        }
        let html = Conform.documentStandard(loaded, format: .html)
        for text in ["Example Body", "windows-1252", "<code>/rows</code>", "percentage", "<td>Small</td>", "share_pc", "nhs-mod11",
                     "A flagged row needs a date", "<code>01/01/2000</code>", "Constraints on each element", "<code>unsignedByte</code>",
                     "<code>#0.00</code>", "references this table"] {
            #expect(html.contains(text), "\(text)")
        }
    }

    /// A package lists its tables (name, data file, standard) and its foreign keys to other tables.
    @Test func packageIsDocumented() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        TestSupport.write("conform: 1\nid: test/org\nfields:\n  - name: id\n    required: true\nkeys:\n  primary: id\n", "org.yaml", in: directory)
        let service = TestSupport.write("""
            conform: 1
            id: test/service
            fields:
              - name: id
              - name: organization_id
            keys:
              foreign:
                - fields: organization_id
                  references: {table: organization, fields: id}
            """, "service.yaml", in: directory)
        let package = TestSupport.write("""
            conform: 1
            id: test/package
            title: The package
            tables:
              - name: organization
                path: organizations.csv
                standard: org.yaml
              - name: service
                standard: service.yaml
            """, "package.yaml", in: directory)
        let loaded = try Conform.loadStandard(package, searchPaths: TestSupport.searchPaths)
        let markdown = Conform.documentStandard(loaded, format: .markdown)
        #expect(markdown.contains("| `organization` | `organizations.csv` | `org.yaml` |"))
        #expect(markdown.contains("| `service` | not given | `service.yaml` |"))
        #expect(!markdown.contains("Fields at a glance"))
        let html = Conform.documentStandard(loaded, format: .html)
        #expect(html.contains("<section id=\"tables\">") && html.contains("<code>organizations.csv</code>") && !html.contains("id=\"summary\""))
        let table = Conform.documentStandard(try Conform.loadStandard(service, searchPaths: TestSupport.searchPaths), format: .markdown)
        #expect(table.contains("- **Foreign key** (`keys.foreign`): [`organization_id`](#field-organization-id) references the table `organization` (`id`)."))
    }

    /// A Table Schema is documented like any standard.
    @Test func tableSchemaIsDocumented() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = TestSupport.write(TableSchemaImportTests.schema, "sites.schema.json", in: directory)
        let loaded = try Conform.loadStandard(path, searchPaths: TestSupport.searchPaths)
        let markdown = Conform.documentStandard(loaded, format: .markdown)
        #expect(markdown.hasPrefix("# Sites\n"))
        for field in loaded.resolved.standard.fields { #expect(markdown.contains("[`\(field.name)`](#field-"), "\(field.name)") }
        #expect(markdown.contains("| `o` | Open |") && markdown.contains("`%d/%m/%Y`") && markdown.contains("`NA`"))
    }

    // MARK: - Command line

    @Test func cliWritesTheOutputFile() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out/brownfield.html").path
        let run = try CLITests.run(["docs", Self.brownfield, "--format", "html", "--output", output])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let written = try String(contentsOfFile: output, encoding: .utf8)
        #expect(written == Conform.documentStandard(try load(Self.brownfield), format: .html))
        #expect((try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("out").path)) == ["brownfield.html"])

        let markdown = try CLITests.run(["docs", Self.hsdsNew, "--since", Self.hsdsOld])
        #expect(markdown.status == 0 && markdown.stdout.hasPrefix("# HSDS 3.0 organization") && markdown.stdout.contains("- **Fields removed**: `url`"))
    }

    @Test func cliErrorsExitTwo() throws {
        let unknown = try CLITests.run(["docs", "uk-gov/no-such-standard"])
        #expect(unknown.status == 2 && unknown.stdout.isEmpty && unknown.stderr.contains("no standard 'uk-gov/no-such-standard'"))
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = TestSupport.write("conform: 1\nid: broken\nfields:\n  - name: a\n    type: intger\n", "broken.yaml", in: directory)
        let run = try CLITests.run(["docs", broken])
        #expect(run.status == 2 && run.stdout.isEmpty)
        #expect(run.stderr.contains("unknown-type") && run.stderr.contains("did you mean `integer`?"), "\(run.stderr)")
        let since = try CLITests.run(["docs", Self.brownfield, "--since", broken])
        #expect(since.status == 2 && since.stderr.contains("unknown-type"))
        let format = try CLITests.run(["docs", Self.brownfield, "--format", "pdf"])
        #expect(format.status == 2)
    }

    // MARK: - A real browser

    /// The HTML page opens in headless Chromium without console errors and shows every field
    /// (gated like the report's test: `CONFORM_REQUIRE_BROWSER=1` makes a missing Chromium a failure).
    @Test func rendersInHeadlessChromium() throws {
        let loaded = try load(Self.brownfield)
        let directory = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("docs.html")
        try Data(Conform.documentStandard(loaded, format: .html, since: try load("lga/planning-applications")).utf8).write(to: page)
        guard let dom = try Browser.dumpDOM(page) else { return }
        for field in loaded.resolved.standard.fields { #expect(dom.contains("id=\"field-\(field.name.lowercased())\""), "\(field.name)") }
        #expect(dom.contains("<h1>Brownfield Land Register</h1>") && dom.contains("id=\"changes\""))
    }
}
