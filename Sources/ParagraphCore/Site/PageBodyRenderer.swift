/// Converts a page body to the HTML that goes into its template.
enum PageBodyRenderer {
    /// Rewrites Hugo shortcodes, renders the Markdown with cmark-gfm (tables, strikethrough,
    /// autolinks, task lists, footnotes; table alignment as style attributes), then makes
    /// the fixes `RenderedHTMLFixer` describes and styles GitHub alerts.
    ///
    /// - Parameter rawHTML: whether HTML written in the Markdown is passed through.
    /// - Throws: `MarkdownError` only when the cmark-gfm installation is broken.
    static func html(for body: String, rawHTML: Bool) throws(MarkdownError) -> String {
        let html = try MarkdownCmark.renderHTML(ShortcodeRewriter.rewrite(body), rawHTML: rawHTML)
        return AlertBlockquotes.rewrite(RenderedHTMLFixer.fix(html))
    }
}
