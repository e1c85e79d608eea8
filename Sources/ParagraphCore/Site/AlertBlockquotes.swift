/// Turns GitHub's alert syntax, a block quote whose first line is `[!NOTE]`, `[!TIP]`,
/// `[!IMPORTANT]`, `[!WARNING]` or `[!CAUTION]`, into a titled block quote the theme styles.
///
/// cmark-gfm 0.29 renders such a quote as plain text that starts with `[!NOTE]`, while GitHub
/// shows an alert and Hugo passes the alert type to its blockquote render hook. The rewrite
/// works on cmark-gfm's HTML, where the quote starts with `<blockquote>` and a paragraph.
enum AlertBlockquotes {
    static let kinds = ["NOTE": "Note", "TIP": "Tip", "IMPORTANT": "Important", "WARNING": "Warning", "CAUTION": "Caution"]

    private static let opening = Array("<blockquote>\n<p>[!".utf8)
    private static let paragraphEnd = Array("</p>\n".utf8)

    static func rewrite(_ html: String) -> String {
        let bytes = Array(html.utf8)
        guard var found = firstIndex(of: opening, in: bytes, from: 0) else { return html }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 256)
        var copied = 0

        while true {
            let kindStart = found + opening.count
            var next = kindStart
            // As on GitHub, the marker must be alone on the quote's first line.
            if let close = bytes[kindStart..<min(bytes.count, kindStart + 12)].firstIndex(of: UInt8(ascii: "]")),
               let title = kinds[String(decoding: bytes[kindStart..<close], as: UTF8.self).uppercased()] {
                let markerOwnsParagraph = matches(paragraphEnd, in: bytes, at: close + 1)
                if markerOwnsParagraph || (close + 1 < bytes.count && bytes[close + 1] == UInt8(ascii: "\n")) {
                    let kind = String(decoding: bytes[kindStart..<close], as: UTF8.self).lowercased()
                    output += bytes[copied..<found]
                    output += Array("<blockquote class=\"alert alert-\(kind)\">\n<p class=\"alert-title\">\(title)</p>\n".utf8)
                    if markerOwnsParagraph {
                        copied = close + 1 + paragraphEnd.count
                    } else {
                        // The quote's text goes on in the same paragraph, on the marker's next line.
                        output += Array("<p>".utf8)
                        copied = close + 2
                    }
                    next = copied
                }
            }
            guard let following = firstIndex(of: opening, in: bytes, from: next) else { break }
            found = following
        }
        output += bytes[copied...]
        return String(decoding: output, as: UTF8.self)
    }

    private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        var position = start
        while let candidate = bytes[position...].firstIndex(of: pattern[0]) {
            if matches(pattern, in: bytes, at: candidate) { return candidate }
            position = candidate + 1
        }
        return nil
    }

    private static func matches(_ pattern: [UInt8], in bytes: [UInt8], at position: Int) -> Bool {
        guard position + pattern.count <= bytes.count else { return false }
        for offset in pattern.indices where bytes[position + offset] != pattern[offset] {
            return false
        }
        return true
    }
}
