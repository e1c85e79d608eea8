/// One element of a parsed template.
///
/// A standalone tag (alone on its line apart from whitespace) has already had its line's
/// whitespace and line ending removed by the parser. A site that owns its line keeps the
/// removed whitespace as its `indentation`. Such sites are standalone partials and parents,
/// and blocks that start a line. An inline site has `indentation == nil`.
indirect enum MustacheNode: Sendable, Equatable {
    case text(String)
    /// The start of a source line: the renderer writes the current indentation here before
    /// the next non-empty output.
    case lineStart
    case variable(MustacheName, escaped: Bool)
    case section(MustacheName, inverted: Bool, children: [MustacheNode])
    case partial(name: String, indentation: String?)
    /// A `{{<name}}` pair; `arguments` holds the content of its `{{$block}}` tags by block name.
    case parent(name: String, arguments: [String: [MustacheNode]], indentation: String?)
    /// A `{{$name}}` block with its default content.
    case block(name: String, content: [MustacheNode], indentation: String?)
}

/// A tag name split at its dots; the implicit iterator `.` has no components.
struct MustacheName: Sendable, Equatable {
    var components: [String]

    /// Splits `text` at dots, or returns `nil` when a part between dots is empty.
    init?(_ text: String) {
        if text == "." {
            components = []
            return
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: \.isEmpty) else { return nil }
        components = parts
    }
}
