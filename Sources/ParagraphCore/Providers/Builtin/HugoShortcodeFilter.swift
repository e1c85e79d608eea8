/// Turns the text fragments of paragraphs into plain text without Hugo shortcodes
/// (`{{< name args >}}` and `{{% name args %}}`) and without inline HTML.
///
/// cmark-gfm does not know shortcodes, so their text can be split across text nodes,
/// soft line breaks and inline HTML: `{{<figure src="a.png">}}` parses as the text
/// `{{`, the HTML tag `<figure src="a.png">` and the text `}}`. The filter therefore
/// matches shortcodes on the joined fragments before it drops the HTML.
///
/// Paired shortcodes keep their inner text, except `highlight`, whose content is code.
/// Because code often contains blank lines, that state carries over from one call to
/// the next: feed a document's paragraphs in order to one filter.
struct HugoShortcodeFilter {
    /// Shortcodes whose content between the opening and closing tag is dropped.
    static let codeShortcodeNames: Set<String> = ["highlight"]

    /// Whether the last fragments ended inside a code shortcode such as `highlight`.
    private(set) var isInsideCodeShortcode = false

    private struct Shortcode {
        var end: Int
        var name: String
        var isClosing: Bool
    }

    /// Returns the plain text of `fragments` with shortcodes and inline HTML removed and
    /// line breaks as spaces. Whitespace is not collapsed.
    mutating func plainText(from fragments: [MarkdownTextFragment]) -> String {
        var characters: [Character] = []
        var isHTML: [Bool] = []
        for fragment in fragments {
            switch fragment {
            case .text(let text):
                characters.append(contentsOf: text)
                isHTML.append(contentsOf: repeatElement(false, count: text.count))
            case .inlineHTML(let html):
                characters.append(contentsOf: html)
                isHTML.append(contentsOf: repeatElement(true, count: html.count))
            case .lineBreak:
                characters.append(" ")
                isHTML.append(false)
            }
        }

        var removed = [Bool](repeating: false, count: characters.count)
        var unclosedDelimiters: Set<Character> = []
        var position = 0
        while position < characters.count {
            guard let shortcode = shortcode(in: characters, at: position, unclosed: &unclosedDelimiters) else {
                if isInsideCodeShortcode {
                    removed[position] = true
                }
                position += 1
                continue
            }

            for index in position..<shortcode.end {
                removed[index] = true
            }
            if Self.codeShortcodeNames.contains(shortcode.name) {
                isInsideCodeShortcode = !shortcode.isClosing
            } else if !isInsideCodeShortcode {
                removeEmptyLinkSyntax(around: position..<shortcode.end, in: characters, removed: &removed)
                removeSpaceBeforePunctuation(around: position..<shortcode.end, in: characters, removed: &removed)
            }
            position = shortcode.end
        }

        var result = ""
        for index in characters.indices where !removed[index] && !isHTML[index] {
            result.append(characters[index])
        }
        return result
    }

    /// Matches a shortcode that starts at `start`. A delimiter without a closing
    /// `>}}` or `%}}` is added to `unclosed`, so later openings are not searched again.
    private func shortcode(in characters: [Character], at start: Int, unclosed: inout Set<Character>) -> Shortcode? {
        guard start + 2 < characters.count, characters[start] == "{", characters[start + 1] == "{" else {
            return nil
        }
        let delimiter = characters[start + 2]
        guard delimiter == "<" || delimiter == "%", !unclosed.contains(delimiter) else { return nil }

        let closingDelimiter: Character = delimiter == "<" ? ">" : "%"
        var close = start + 3
        while close + 2 < characters.count {
            if characters[close] == closingDelimiter, characters[close + 1] == "}", characters[close + 2] == "}" {
                break
            }
            close += 1
        }
        guard close + 2 < characters.count else {
            unclosed.insert(delimiter)
            return nil
        }

        // `{{</* name */>}}` is Hugo's escaped form, which prints the shortcode as text.
        var inner = Substring(String(characters[(start + 3)..<close]))
        inner = inner.drop(while: \.isWhitespace)
        if inner.hasPrefix("/*") {
            inner = inner.dropFirst(2).drop(while: \.isWhitespace)
        }
        let isClosing = inner.hasPrefix("/")
        if isClosing {
            inner = inner.dropFirst().drop(while: \.isWhitespace)
        }
        let name = inner.prefix(while: { !$0.isWhitespace && $0 != "/" && $0 != "*" })
        return Shortcode(end: close + 3, name: String(name), isClosing: isClosing)
    }

    /// Removes the `[`, `](` and `)` left around a shortcode used as a link destination,
    /// as in `[the guide]({{< ref "guide.md" >}})`. cmark-gfm does not parse that as a
    /// link because the destination contains spaces, so the brackets are plain text.
    private func removeEmptyLinkSyntax(around range: Range<Int>, in characters: [Character], removed: inout [Bool]) {
        let start = range.lowerBound
        let end = range.upperBound
        guard start >= 3, end < characters.count,
              characters[start - 2] == "]", characters[start - 1] == "(", characters[end] == ")",
              let opening = characters[..<(start - 2)].lastIndex(of: "[") else {
            return
        }
        for index in [opening, start - 2, start - 1, end] {
            removed[index] = true
        }
    }

    /// Removes the space before a shortcode when punctuation follows it, so that
    /// "see {{< x >}}." becomes "see." and not "see .".
    private func removeSpaceBeforePunctuation(around range: Range<Int>, in characters: [Character], removed: inout [Bool]) {
        let start = range.lowerBound
        let end = range.upperBound
        guard start >= 1, characters[start - 1].isWhitespace, !removed[start - 1], end < characters.count,
              [".", ",", ";", ":", "!", "?", ")"].contains(characters[end]) else {
            return
        }
        removed[start - 1] = true
    }
}
