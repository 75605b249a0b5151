import Mustache

/// `conform docs --format html`: a standard's documentation as one self-contained HTML page
/// (inline styles, nothing fetched, no script), with a table of contents and an anchor per
/// field, type, code list and rule. Built from a Mustache template (`StandardDocsTemplate`)
/// and a view model of plain values, which the template HTML-escapes, every one.
public struct StandardDocsHTML: Sendable {
    public init() {}

    private static let template: MustacheTemplate? = try? MustacheTemplate(string: StandardDocsTemplate.page)

    public func render(_ docs: StandardDocs) -> String {
        (Self.template?.render(Self.page(docs)) ?? "<!DOCTYPE html><title>conform</title><p>the documentation template failed</p>") + "\n"
    }

    // MARK: - View model

    static func page(_ docs: StandardDocs) -> [String: Any] {
        let keyItems = docs.keyItems.map { item in rich([.text(item.label + " ("), .code(item.key), .text("): ")] + item.text) }
        return [
            "heading": docs.heading,
            "pageTitle": docs.heading + (docs.version.map { " \($0)" } ?? ""),
            "facts": docs.facts.map(property),
            "description": prose(docs.description),
            "tool": docs.tool,
            "sections": docs.sections.map { section -> [String: Any] in
                ["anchor": section.anchor, "title": section.title, "hasFieldLinks": section.anchor == "fields" && !docs.fields.isEmpty,
                 "fieldLinks": section.anchor == "fields" ? docs.fields.map { ["anchor": $0.anchor, "name": $0.name] } : []]
            },
            "isPackage": docs.isPackage,
            "tables": docs.isPackage ? [["note": docs.tablesNote, "rows": docs.tableRows.map { ["cells": $0.map(rich)] }]] : [],
            "hasFields": !docs.fields.isEmpty, "noFieldsNote": docs.noFieldsNote,
            "fields": docs.fields.map(field),
            "dialectNote": docs.dialectNote,
            "dialect": docs.dialect.map(property),
            "missingValues": rich(docs.missingValuesText),
            "columns": docs.columns.rawValue,
            "columnsMeaning": docs.columnsMeaning,
            "keys": ["hasKeys": !keyItems.isEmpty, "items": keyItems],
            "hasRules": !docs.rules.isEmpty,
            "rules": docs.rules.map { rule -> [String: Any] in
                ["anchor": rule.anchor, "id": rule.id, "when": rule.when.map { [$0] } ?? [], "assert": rule.assert,
                 "severity": rule.severity.rawValue, "message": rule.message ?? "—"]
            },
            "hasTypes": !docs.types.isEmpty,
            "types": docs.types.map { type -> [String: Any] in
                ["anchor": type.anchor, "name": type.name, "facts": rich(docs.facts(type)), "description": prose(type.description),
                 "constraintTables": [constraintTable("Constraints", type.resolved.constraints, own: "this type")].compactMap { $0 }]
            },
            "hasCodelists": !docs.codelists.isEmpty,
            "codelists": docs.codelists.map { list -> [String: Any] in
                ["anchor": list.anchor, "name": list.name, "facts": rich(docs.facts(list)), "description": prose(list.description),
                 "hasLabels": list.values.contains { $0.label != nil }, "rows": list.values.map(code)]
            },
            "changes": docs.changes.map { [changes($0)] } ?? [],
        ]
    }

    static func property(_ property: DocsProperty) -> [String: Any] {
        ["label": property.label, "value": rich(property.value)]
    }

    static func field(_ field: DocsField) -> [String: Any] {
        var tables = [constraintTable("Constraints", field.type.constraints, own: "the field")].compactMap { $0 }
        var values = [valueTable(field.type)].compactMap { $0 }
        if let items = field.items {
            tables += [constraintTable("Constraints on each element", items.constraints, own: "the items")].compactMap { $0 }
            values += [valueTable(items)].compactMap { $0 }
        }
        return [
            "anchor": field.anchor, "name": field.name, "title": field.title.map { [$0] } ?? [],
            "description": prose(field.description),
            "typeText": rich(field.type.text), "required": field.required ? "yes" : "no",
            "summary": rich(field.summary),
            "properties": field.properties.map(property),
            "constraintTables": tables, "valueTables": values,
        ]
    }

    static func constraintTable(_ title: String, _ constraints: [DocsConstraint], own: String) -> [String: Any]? {
        guard !constraints.isEmpty else { return nil }
        return ["title": title, "rows": constraints.map { constraint -> [String: Any] in
            ["key": constraint.key, "value": rich(constraint.value), "meaning": rich(constraint.meaning), "from": rich(constraint.from(own: own))]
        }]
    }

    /// The first codes of a labelled list with their labels.
    static func valueTable(_ type: DocsType) -> [String: Any]? {
        guard type.allowedValues.contains(where: { $0.label != nil }) else { return nil }
        let shown = type.allowedValues.prefix(StandardDocs.valuesShownPerField)
        var more: [[String: Any]] = []
        if shown.count < type.allowedValues.count, let source = type.allowedValuesSource, let anchor = type.allowedValuesAnchor {
            more.append(["count": type.allowedValues.count - shown.count, "name": source, "anchor": anchor])
        }
        return ["rows": shown.map(code), "more": more]
    }

    static func code(_ code: DocsCode) -> [String: Any] {
        ["code": rich([.code(code.code)]), "label": code.label ?? "—"]
    }

    static func changes(_ changes: DocsChanges) -> [String: Any] {
        func names(_ list: [String]) -> [String: Any] { rich(list.isEmpty ? [.text("none")] : DocsBuilder.codes(list)) }
        func gaps(_ title: String, _ gaps: [Gap]) -> [String: Any] {
            ["title": title, "hasGaps": !gaps.isEmpty, "gaps": gaps.map { gap -> [String: Any] in
                ["rule": gap.rule, "severity": gap.severity.rawValue, "fields": rich(DocsChanges.fields(gap)),
                 "change": rich(DocsChanges.change(gap)), "example": DocsChanges.example(gap).map { [$0] } ?? []]
            }]
        }
        return [
            "title": "Changes since " + changes.since.label,
            "command": changes.command, "sides": changes.sidesText,
            "compatible": changes.compatible, "verdictClass": changes.compatible ? "pass" : "fail",
            "verdict": changes.compatible ? "backward compatible" : "not backward compatible",
            "verdictText": changes.verdictText,
            "added": names(changes.added), "removed": names(changes.removed), "renamed": rich(changes.renamedText),
            "suggested": changes.suggestions.isEmpty ? [] : [rich(changes.suggestionsText)],
            "groups": [gaps("Breaking changes", changes.breaking), gaps("Non-breaking changes", changes.nonBreaking)],
        ]
    }

    // MARK: - Rich text

    /// Rich text as template values: `{"spans": [{"text", "isCode", "href": [anchor] or []}]}`.
    static func rich(_ text: DocsText) -> [String: Any] {
        ["spans": text.map { part -> [String: Any] in
            switch part {
            case let .text(words): ["text": words, "isCode": false, "href": []]
            case let .code(value): value.isEmpty ? ["text": "(empty)", "isCode": false, "href": []] : ["text": value, "isCode": true, "href": []]
            case let .link(words, anchor): ["text": words, "isCode": false, "href": ["#" + anchor]]
            case let .codeLink(value, anchor): ["text": value, "isCode": true, "href": ["#" + anchor]]
            }
        }]
    }

    /// A publisher's description as paragraphs and lists (a line starting `- ` or `* ` opens a list
    /// item; indented lines continue it), with `backquoted` code and http(s) URLs made links. An
    /// empty array without one.
    static func prose(_ text: String?) -> [[String: Any]] {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [] }
        var blocks: [[String: Any]] = []
        for paragraph in text.components(separatedBy: "\n\n") {
            var lines: [String] = []
            var items: [String] = []
            func flushText() {
                let joined = lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ").trimmingCharacters(in: .whitespaces)
                if !joined.isEmpty { blocks.append(["isList": false, "spans": linked(joined)["spans"] ?? [], "items": []]) }
                lines = []
            }
            func flushList() {
                if !items.isEmpty { blocks.append(["isList": true, "spans": [], "items": items.map(linked)]) }
                items = []
            }
            for line in paragraph.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") {
                    flushText()
                    items.append(String(trimmed.dropFirst(2)))
                } else if !items.isEmpty && line.first?.isWhitespace == true && !trimmed.isEmpty {
                    items[items.count - 1] += " " + trimmed
                } else {
                    flushList()
                    lines.append(line)
                }
            }
            flushText()
            flushList()
        }
        return [["blocks": blocks]]
    }

    /// Text with `backquoted` parts as code and its http(s) URLs as links.
    static func linked(_ text: String) -> [String: Any] {
        var spans: [[String: Any]] = []
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        for (index, part) in parts.enumerated() {
            // Odd parts are between a pair of backquotes; a last odd part has no closing one.
            if index % 2 == 1 && index < parts.count - 1 && !part.isEmpty {
                spans.append(["text": String(part), "isCode": true, "href": []])
            } else {
                let plain = index % 2 == 1 ? "`" + part : part
                spans += links(in: String(plain))
            }
        }
        return ["spans": spans]
    }

    /// Text with its http(s) URLs as links (trailing punctuation, and a closing bracket with no
    /// opening one in the URL, stay outside the link).
    static func links(in text: String) -> [[String: Any]] {
        var spans: [[String: Any]] = []
        var rest = Substring(text)
        while let start = [rest.range(of: "https://"), rest.range(of: "http://")].compactMap({ $0 }).min(by: { $0.lowerBound < $1.lowerBound }) {
            var end = rest[start.lowerBound...].firstIndex { $0.isWhitespace || "<>\"".contains($0) } ?? rest.endIndex
            while end > start.upperBound {
                let last = rest[rest.index(before: end)]
                let url = rest[start.lowerBound..<end]
                if ".,;:!?'".contains(last) || (last == ")" && url.filter({ $0 == "(" }).count < url.filter({ $0 == ")" }).count) {
                    end = rest.index(before: end)
                } else {
                    break
                }
            }
            if end == start.upperBound { // a bare scheme: not a link
                spans.append(["text": String(rest[..<end]), "isCode": false, "href": []])
                rest = rest[end...]
                continue
            }
            if start.lowerBound > rest.startIndex { spans.append(["text": String(rest[..<start.lowerBound]), "isCode": false, "href": []]) }
            let url = String(rest[start.lowerBound..<end])
            spans.append(["text": url, "isCode": false, "href": [url]])
            rest = rest[end...]
        }
        if !rest.isEmpty { spans.append(["text": String(rest), "isCode": false, "href": []]) }
        return spans
    }
}
