import Foundation

extension Page {
    /// The title front matter gives, trimmed, or nil when it is missing or empty.
    public var frontMatterTitle: String? {
        guard let title = fields["title"]?.string?.trimmingCharacters(in: .whitespacesAndNewlines), !title.isEmpty else {
            return nil
        }
        return title
    }

    /// Returns the title to show: front matter's, else the first heading's text, else the file name.
    public func displayTitle(document: MarkdownDocument) -> String {
        if let title = frontMatterTitle { return title }
        if let heading = document.firstHeading?.plainText.trimmingCharacters(in: .whitespacesAndNewlines), !heading.isEmpty {
            return heading
        }
        return Self.humanize(fileName: baseName.isEmpty ? "Home" : baseName)
    }

    /// `getting-started_guide` becomes `Getting started guide`.
    static func humanize(fileName: String) -> String {
        let words = fileName.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
            .split(separator: " ").joined(separator: " ")
        guard let first = words.first else { return fileName }
        return first.uppercased() + words.dropFirst()
    }

    /// Parses the body as Markdown, with node locations given as file lines.
    public func parseBody() -> MarkdownDocument {
        // cmark-gfm accepts any text, so parsing throws only when its extensions are missing.
        (try? MarkdownDocument(parsing: body, lineOffset: frontMatter.bodyStartLine - 1))
            ?? (try! MarkdownDocument(parsing: ""))
    }
}
