/// Text derived from the file name of a page, used when a page has no better source.
enum FileNameText {
    // File names that describe no page, so the name of the folder is used instead, as
    // in Hugo's page bundles (`my-post/index.md`).
    private static let indexNames: Set<String> = ["index", "_index", "readme"]

    /// Returns a title-like text for a page file, or nil when the name contains no
    /// letters or digits.
    ///
    /// The extension and a leading `YYYY-MM-DD-` date are dropped, hyphens and
    /// underscores become spaces and the first letter is capitalized, so
    /// `posts/2024-05-01-my_first-post.md` gives "My first post".
    static func title(fromFileName path: String) -> String? {
        var components = pathComponents(path)
        guard var name = components.popLast() else { return nil }
        name = strippingExtension(name)
        if indexNames.contains(name.lowercased()), let folder = components.last {
            name = folder
        }
        name = strippingDatePrefix(name)

        let spaced = String(name.map { $0 == "-" || $0 == "_" ? " " : $0 })
        let text = ProseText.collapsingWhitespace(spaced)
        guard ProseText.containsWords(text) else { return nil }
        return ProseText.capitalizingFirstLetter(text)
    }

    /// Splits a path at `/` and `\`, dropping empty components.
    static func pathComponents(_ path: String) -> [String] {
        path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).map(String.init)
    }

    /// Removes a final extension of one to five letters or digits, such as `.md` or
    /// `.jpeg`. A name that is only an extension, such as `.md`, becomes empty.
    static func strippingExtension(_ name: String) -> String {
        guard let period = name.lastIndex(of: ".") else { return name }
        let fileExtension = name[name.index(after: period)...]
        guard (1...5).contains(fileExtension.count),
              fileExtension.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return name
        }
        return String(name[..<period])
    }

    private static func strippingDatePrefix(_ name: String) -> String {
        let characters = Array(name)
        guard characters.count > 11 else { return name }
        let pattern = Array("0000-00-00-")
        for (character, expected) in zip(characters, pattern) {
            let isDigit = character.isASCII && character.isNumber
            let matches = expected == "0" ? isDigit : character == "-" || character == "_"
            if !matches { return name }
        }
        return String(characters[pattern.count...])
    }
}
