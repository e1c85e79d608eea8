import Foundation

/// Rewrites the Hugo shortcodes in a page body into plain Markdown before rendering,
/// because Paragraph does not run Hugo's shortcode templates.
///
/// - `{{</* name */>}}` and `{{%/* name */%}}`, Hugo's escaped forms, become the literal
///   text `{{< name >}}` and `{{% name %}}`, as Hugo prints them.
/// - A paired code shortcode (`highlight`, `code-toggle`, `code`) becomes a fenced code
///   block, with the language from `highlight`'s first argument or `code`'s `lang=`.
/// - Any other shortcode tag is removed, and the content between a paired opening and
///   closing tag stays as Markdown.
///
/// A `{{<` or `{{%` without its closing `>}}` or `%}}` is left as text.
enum ShortcodeRewriter {
    static let codeShortcodeNames: Set<String> = ["highlight", "code-toggle", "code"]

    static func rewrite(_ body: String) -> String {
        guard containsShortcodeOpening(body) else { return body }
        let bytes = Array(body.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        rewrite(bytes[...], into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func containsShortcodeOpening(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var position = 0
            while let brace = bytes[position...].firstIndex(of: UInt8(ascii: "{")) {
                guard brace + 2 < bytes.count else { return false }
                if bytes[brace + 1] == UInt8(ascii: "{"), bytes[brace + 2] == UInt8(ascii: "<") || bytes[brace + 2] == UInt8(ascii: "%") {
                    return true
                }
                position = brace + 1
            }
            return false
        }
    }

    /// One shortcode tag found in the text.
    private struct Tag {
        /// The byte range of the whole tag, from `{{` to `}}`.
        var range: Range<Int>
        /// `<` or `%`.
        var delimiter: UInt8
        /// The text between the delimiters, untrimmed.
        var inner: ArraySlice<UInt8>
        var name: String
        var arguments: [String]
        var isClosing: Bool
        var isSelfClosing: Bool
        /// Hugo's escaped form, `{{</* … */>}}`, which prints the tag as text.
        var isEscaped: Bool
    }

    private static func rewrite(_ bytes: ArraySlice<UInt8>, into output: inout [UInt8]) {
        var position = bytes.startIndex
        while position < bytes.endIndex {
            guard let tag = tag(in: bytes, at: position) else {
                output.append(bytes[position])
                position += 1
                continue
            }
            if tag.isEscaped {
                output += [UInt8(ascii: "{"), UInt8(ascii: "{"), tag.delimiter]
                output += unescapedInner(tag.inner)
                output += [tag.delimiter == UInt8(ascii: "<") ? UInt8(ascii: ">") : tag.delimiter, UInt8(ascii: "}"), UInt8(ascii: "}")]
                position = tag.range.upperBound
                continue
            }
            if !tag.isClosing, !tag.isSelfClosing, codeShortcodeNames.contains(tag.name),
               let closing = closingTag(named: tag.name, in: bytes, from: tag.range.upperBound) {
                writeCode(bytes[tag.range.upperBound..<closing.range.lowerBound], opening: tag, in: bytes, into: &output)
                position = closing.range.upperBound
                continue
            }
            // Any other tag is dropped; content between paired tags stays in place as Markdown.
            position = tag.range.upperBound
        }
    }

    /// Writes a code shortcode's content as a fenced code block, or as a code span when the
    /// shortcode sits inside a line and its content has no line break.
    private static func writeCode(
        _ content: ArraySlice<UInt8>, opening: Tag, in bytes: ArraySlice<UInt8>, into output: inout [UInt8]
    ) {
        var code: [UInt8] = []
        rewriteEscapedOnly(content, into: &code)
        let longestBacktickRun = longestRun(of: UInt8(ascii: "`"), in: code)
        let atLineStart = isAtLineStart(opening.range.lowerBound, in: bytes)

        if !atLineStart, !code.contains(UInt8(ascii: "\n")) {
            let fence = [UInt8](repeating: UInt8(ascii: "`"), count: longestBacktickRun + 1)
            output += fence + [UInt8(ascii: " ")] + code + [UInt8(ascii: " ")] + fence
            return
        }

        let indentation = currentLineIndentation(output)
        let fence = [UInt8](repeating: UInt8(ascii: "`"), count: max(3, longestBacktickRun + 1))
        if !atLineStart { output += [UInt8(ascii: "\n")] + indentation }
        output += fence + Array(language(of: opening).utf8)
        if code.first != UInt8(ascii: "\n") { output.append(UInt8(ascii: "\n")) }
        // The spaces before the closing tag are its indentation, not code. The closing fence
        // gets the opening line's indentation, so it stays in the same list item.
        while code.last == UInt8(ascii: " ") || code.last == UInt8(ascii: "\t") { code.removeLast() }
        output += code
        if code.last != UInt8(ascii: "\n") { output.append(UInt8(ascii: "\n")) }
        output += indentation + fence
    }

    private static func language(of tag: Tag) -> String {
        var language: String?
        switch tag.name {
        case "highlight":
            language = tag.arguments.first { !$0.contains("=") }
        case "code":
            language = tag.arguments.first { $0.hasPrefix("lang=") }.map { String($0.dropFirst(5)) }
        default:
            language = nil
        }
        // The info string may not contain a backtick, and a space would end the language name.
        return (language ?? "").filter { $0 != "`" && !$0.isWhitespace }
    }

    /// Rewrites only the escaped forms inside code, keeping every other tag as written.
    private static func rewriteEscapedOnly(_ bytes: ArraySlice<UInt8>, into output: inout [UInt8]) {
        var position = bytes.startIndex
        while position < bytes.endIndex {
            if let tag = tag(in: bytes, at: position), tag.isEscaped {
                output += [UInt8(ascii: "{"), UInt8(ascii: "{"), tag.delimiter]
                output += unescapedInner(tag.inner)
                output += [tag.delimiter == UInt8(ascii: "<") ? UInt8(ascii: ">") : tag.delimiter, UInt8(ascii: "}"), UInt8(ascii: "}")]
                position = tag.range.upperBound
            } else {
                output.append(bytes[position])
                position += 1
            }
        }
    }

    private static func closingTag(named name: String, in bytes: ArraySlice<UInt8>, from start: Int) -> Tag? {
        var position = start
        while position < bytes.endIndex {
            if let tag = tag(in: bytes, at: position) {
                if tag.isClosing, !tag.isEscaped, tag.name == name { return tag }
                position = tag.range.upperBound
            } else {
                position += 1
            }
        }
        return nil
    }

    /// Parses the tag starting at `start`, or returns nil when there is none or it is never closed.
    private static func tag(in bytes: ArraySlice<UInt8>, at start: Int) -> Tag? {
        guard start + 2 < bytes.endIndex, bytes[start] == UInt8(ascii: "{"), bytes[start + 1] == UInt8(ascii: "{") else {
            return nil
        }
        let delimiter = bytes[start + 2]
        guard delimiter == UInt8(ascii: "<") || delimiter == UInt8(ascii: "%") else { return nil }
        let closingDelimiter = delimiter == UInt8(ascii: "<") ? UInt8(ascii: ">") : UInt8(ascii: "%")

        var close = start + 3
        while close + 2 < bytes.endIndex {
            if bytes[close] == closingDelimiter, bytes[close + 1] == UInt8(ascii: "}"), bytes[close + 2] == UInt8(ascii: "}") {
                break
            }
            // A tag never spans a blank line, which keeps an unclosed `{{<` from swallowing the page.
            if bytes[close] == UInt8(ascii: "\n"), close + 1 < bytes.endIndex, bytes[close + 1] == UInt8(ascii: "\n") {
                return nil
            }
            close += 1
        }
        guard close + 2 < bytes.endIndex else { return nil }

        let inner = bytes[(start + 3)..<close]
        let trimmed = String(decoding: inner, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("/*"), trimmed.hasSuffix("*/") {
            return Tag(
                range: start..<(close + 3), delimiter: delimiter, inner: inner, name: "", arguments: [],
                isClosing: false, isSelfClosing: false, isEscaped: true)
        }
        var text = Substring(trimmed)
        let isClosing = text.hasPrefix("/")
        if isClosing { text = text.dropFirst().drop { $0.isWhitespace } }
        let isSelfClosing = !isClosing && text.hasSuffix("/")
        if isSelfClosing { text = text.dropLast() }
        let words = text.split(whereSeparator: \.isWhitespace).map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\"'`")) }
        return Tag(
            range: start..<(close + 3), delimiter: delimiter, inner: inner, name: words.first ?? "",
            arguments: Array(words.dropFirst()), isClosing: isClosing, isSelfClosing: isSelfClosing, isEscaped: false)
    }

    /// Removes the `/*` and `*/` from an escaped tag's inner text, keeping the spaces around them.
    private static func unescapedInner(_ inner: ArraySlice<UInt8>) -> [UInt8] {
        var bytes = Array(inner)
        if let open = firstIndex(of: [UInt8(ascii: "/"), UInt8(ascii: "*")], in: bytes) {
            bytes.removeSubrange(open..<(open + 2))
        }
        if let close = lastIndex(of: [UInt8(ascii: "*"), UInt8(ascii: "/")], in: bytes) {
            bytes.removeSubrange(close..<(close + 2))
        }
        return bytes
    }

    private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        return (0...(bytes.count - pattern.count)).first { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) }
    }

    private static func lastIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        return (0...(bytes.count - pattern.count)).last { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) }
    }

    private static func isAtLineStart(_ index: Int, in bytes: ArraySlice<UInt8>) -> Bool {
        var position = index - 1
        while position >= bytes.startIndex {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\n") { return true }
            if byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t") { return false }
            position -= 1
        }
        return true
    }

    /// Returns the spaces and tabs at the start of the last line written so far.
    private static func currentLineIndentation(_ output: [UInt8]) -> [UInt8] {
        let lineStart = (output.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }) ?? 0
        return Array(output[lineStart...].prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
    }

    private static func longestRun(of byte: UInt8, in bytes: [UInt8]) -> Int {
        var longest = 0
        var current = 0
        for element in bytes {
            current = element == byte ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}
