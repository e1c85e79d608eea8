/// Turns GitHub's alert syntax, a block quote whose first line is `[!NOTE]`, `[!TIP]`,
/// `[!IMPORTANT]`, `[!WARNING]` or `[!CAUTION]`, into a titled block quote the theme styles.
///
/// cmark-gfm 0.29 renders such a quote as plain text that starts with `[!NOTE]`, while GitHub
/// shows an alert and Hugo passes the alert type to its blockquote render hook. The rewrite
/// works on cmark-gfm's HTML, where the quote starts with `<blockquote>` and a paragraph.
enum AlertBlockquotes {
    static let kinds = ["NOTE": "Note", "TIP": "Tip", "IMPORTANT": "Important", "WARNING": "Warning", "CAUTION": "Caution"]

    private static let opening = "<blockquote>\n<p>[!"

    static func rewrite(_ html: String) -> String {
        guard html.contains(opening) else { return html }
        var result = ""
        result.reserveCapacity(html.utf8.count + 128)
        var rest = Substring(html)
        while let range = rest.range(of: opening) {
            result += rest[..<range.lowerBound]
            let afterMarker = rest[range.upperBound...]
            // As on GitHub, the marker must be alone on the quote's first line.
            guard let close = afterMarker.firstIndex(of: "]"),
                  let title = kinds[afterMarker[..<close].uppercased()],
                  afterMarker[close...].dropFirst().hasPrefix("\n") || afterMarker[close...].dropFirst().hasPrefix("</p>\n") else {
                result += rest[range]
                rest = afterMarker
                continue
            }
            let kind = afterMarker[..<close].lowercased()
            result += "<blockquote class=\"alert alert-\(kind)\">\n<p class=\"alert-title\">\(title)</p>\n"
            let body = afterMarker[afterMarker.index(after: close)...]
            if body.hasPrefix("</p>\n") {
                // The marker was a paragraph of its own.
                rest = body.dropFirst("</p>\n".count)
            } else {
                // The quote's text goes on in the same paragraph, on the marker's next line.
                result += "<p>"
                rest = body.dropFirst()
            }
        }
        result += rest
        return result
    }
}
