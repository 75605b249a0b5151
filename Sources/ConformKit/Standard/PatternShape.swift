/// What can be read off a pattern's text without running it: whether it only lists literal
/// values, and whether it was written for a search (anchored at its start only) rather than
/// for a whole-value match. Used by the importers (to read published patterns as their authors
/// meant them, with a warning) and by `compare` (fixed lists are compared exactly).
enum PatternShape {
    /// The alternatives of a pattern that only lists literal texts, or nil. Each alternative
    /// may be anchored and grouped on its own: `a|b`, `(a|b)`, `^(?:a|b)$`, `^$|^(yes)$`, with
    /// `\` escapes of punctuation. An empty alternative stands for the empty value.
    static func literalAlternatives(_ pattern: String) -> [String]? {
        alternatives(Substring(pattern), depth: 0)
    }

    /// The literal prefix-pattern reading of a pattern anchored at its start only (`^http://`,
    /// `^(http|https)://`): such a pattern, matched against the whole value as Table Schema and
    /// CSVW ask, passes only values that are exactly the prefix, which is never what its
    /// author meant. Returns the pattern with `.*` appended, or nil when the pattern is not of
    /// that shape (it ends with `$` or `.*`, or has a top-level alternation).
    static func searchPrefix(_ pattern: String) -> String? {
        guard pattern.hasPrefix("^"), pattern.count > 1, !endsWithAnchor(pattern),
              !pattern.hasSuffix(".*"), !pattern.hasSuffix(".+"),
              let parts = splitTopLevel(Substring(pattern)), parts.count == 1 else { return nil }
        return pattern + ".*"
    }

    /// True when `pattern` ends with a `$` anchor (not an escaped dollar).
    static func endsWithAnchor<Text: StringProtocol>(_ pattern: Text) -> Bool {
        guard pattern.hasSuffix("$") else { return false }
        // An escaped dollar (`\$`) is a literal, unless the backslash is itself escaped.
        let backslashes = pattern.dropLast().reversed().prefix { $0 == "\\" }.count
        return backslashes % 2 == 0
    }

    private static func alternatives(_ text: Substring, depth: Int) -> [String]? {
        guard depth < 8, let parts = splitTopLevel(text) else { return nil }
        if parts.count > 1 {
            var all: [String] = []
            for part in parts {
                guard let inner = alternatives(part, depth: depth + 1) else { return nil }
                all += inner
            }
            return all
        }
        var part = parts[0]
        if part.hasPrefix("^") { part = part.dropFirst() }
        if endsWithAnchor(part) { part = part.dropLast() }
        if let inner = wrappedGroup(part) { return alternatives(inner, depth: depth + 1) }
        return literal(part).map { [$0] }
    }

    /// The text of `text` split at its top-level `|`s (outside groups and classes), or nil when
    /// its parentheses or brackets do not balance.
    static func splitTopLevel(_ text: Substring) -> [Substring]? {
        var parts: [Substring] = [], start = text.startIndex, depth = 0, inClass = false, escaped = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if escaped { escaped = false }
            else if character == "\\" { escaped = true }
            else if inClass { if character == "]" { inClass = false } }
            else if character == "[" { inClass = true }
            else if character == "(" { depth += 1 }
            else if character == ")" { depth -= 1; if depth < 0 { return nil } }
            else if character == "|" && depth == 0 {
                parts.append(text[start..<index])
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        guard depth == 0, !inClass, !escaped else { return nil }
        parts.append(text[start...])
        return parts
    }

    /// The inside of `(…)` or `(?:…)` when the whole of `text` is that one group.
    private static func wrappedGroup(_ text: Substring) -> Substring? {
        guard text.hasPrefix("("), text.hasSuffix(")") else { return nil }
        var depth = 0, escaped = false, inClass = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if escaped { escaped = false }
            else if character == "\\" { escaped = true }
            else if inClass { if character == "]" { inClass = false } }
            else if character == "[" { inClass = true }
            else if character == "(" { depth += 1 }
            else if character == ")" {
                depth -= 1
                if depth == 0 && text.index(after: index) != text.endIndex { return nil }
            }
            index = text.index(after: index)
        }
        var inner = text.dropFirst().dropLast()
        if inner.hasPrefix("?:") { inner = inner.dropFirst(2) } else if inner.hasPrefix("?") { return nil }
        return inner
    }

    /// The text a pattern without metacharacters stands for (escaped punctuation read as itself).
    private static func literal(_ text: Substring) -> String? {
        var result = "", escaped = false
        for character in text {
            if escaped {
                guard !character.isLetter && !character.isNumber else { return nil } // \d, \w ... are classes
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if ".^$*+?()[]{}|".contains(character) {
                return nil
            } else {
                result.append(character)
            }
        }
        return escaped ? nil : result
    }
}
