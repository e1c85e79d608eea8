import Foundation

/// A selected page with the values its templates need, worked out before anything is written.
struct RenderablePage: Sendable {
    var page: Page
    var route: OutputRoute
    var aliases: [OutputRoute]
    /// The title shown on the page and in `og:title`: front matter's, else the first heading's, else the file name.
    var title: String
    /// False when the title came from the body's first heading, which already shows it as `<h1>`.
    var showsTitle: Bool
    /// The text of `<title>`: `seo.title` when there is one, else `title`.
    var headTitle: String
    var description: String
    var keywords: [String]
    var hero: Hero?
    var language: String
    /// From `date`, else `publishDate`.
    var published: PageDate?
    /// From `lastmod`.
    var modified: PageDate?
    /// Front matter's `weight`, which orders list pages as in Hugo.
    var weight: Int?
    /// The values enrichment filled for this page in this run.
    var filled: [FilledField]
    var warnings: [Diagnostic]
    /// Bundle files and the hero image, copied beside the page.
    var resources: [ResourceCopy]

    var isHome: Bool { page.kind == .section && page.folder.isEmpty }

    /// The date the sitemap gives as `lastmod`: `lastmod`, else the publication date.
    var lastModified: PageDate? { modified ?? published }

    struct Hero: Sendable {
        /// A site-relative path before percent-encoding, or an `http(s)` URL given in front matter.
        var location: String
        var isRemote: Bool
        /// Empty for a decorative image.
        var alt: String
        var caption: String
        var isDecorative: Bool
    }
}

/// A file copied from the site into the output folder.
struct ResourceCopy: Sendable, Hashable {
    /// The file's real path, checked to be inside the site.
    var source: URL
    /// The path relative to the output folder.
    var destination: String
}

/// A date from front matter, with the text it was written as.
struct PageDate: Sendable, Comparable {
    var date: Date
    var text: String

    /// RFC 3339 in UTC, as the `datetime` attribute, the sitemap and the feed use it.
    var iso: String { date.formatted(.iso8601) }

    /// The calendar date as written, `2025-03-18`, without the time.
    var display: String { String(text.trimmingCharacters(in: .whitespaces).prefix(10)) }

    static func < (lhs: PageDate, rhs: PageDate) -> Bool { lhs.date < rhs.date }
    static func == (lhs: PageDate, rhs: PageDate) -> Bool { lhs.date == rhs.date }
}
