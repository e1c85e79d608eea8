/// Fills missing page metadata offline and deterministically, without any AI model:
/// the same inputs give the same outputs on every run and machine.
///
/// The engine works on plain inputs, such as a parsed Markdown document, a title and
/// a file name, so it does not depend on how pages are loaded. Every text it returns
/// is plain text on one line, with no Markdown or HTML markup and no leading or
/// trailing whitespace. All lengths are counted in `Character`s (grapheme clusters),
/// so an emoji or a letter with a combining accent counts as one.
///
/// Titles and other strings passed in are treated as plain text: their whitespace is
/// collapsed, but Markdown syntax in them is kept as written.
public struct BuiltinEngine: Sendable {
    /// The maximum length of a meta description.
    public static let maxDescriptionLength = 155
    /// The minimum length of a description cut at a sentence end. Shorter runs of whole
    /// sentences are rejected in favour of a cut at a word boundary.
    public static let minSentenceDescriptionLength = 60
    /// The maximum length of an SEO title.
    public static let maxTitleLength = 60
    /// The maximum length of a slug.
    public static let maxSlugLength = 60
    /// The maximum length of hero image alt text.
    public static let maxAltTextLength = 125
    /// The maximum length of a hero image caption.
    public static let maxCaptionLength = 160
    /// The allowed number of keywords. Requests outside it are clamped to it.
    public static let keywordCountRange = 3...8

    public init() {}
}
