import Foundation

/// The pages a list page or the home page shows.
struct PageListing: Sendable {
    /// Sections directly below the list page's folder.
    var sections: [RenderablePage] = []
    /// Pages directly in the list page's folder.
    var pages: [RenderablePage] = []
    /// The most recent dated pages of the whole site; only the home page lists them.
    var recent: [RenderablePage] = []
}

/// Builds the data the templates render: a `site` object and a `page` object.
///
/// What Mustache cannot express is computed here: fallbacks, URLs, dates and the
/// JSON-LD block. Every text is left unescaped, because the templates' `{{name}}` tags
/// escape it. Only `page.content` (rendered HTML) and `page.json_ld` (escaped by
/// `ScriptJSON`) are meant for triple braces.
struct PageViewModel: Sendable {
    static let feedPath = "/atom.xml"
    static let sitemapPath = "/sitemap.xml"
    static let stylesheetPath = "/theme.css"

    /// A top-level section shown in the site's navigation.
    struct NavigationEntry: Sendable {
        var title: String
        var path: String
    }

    let configuration: SiteConfiguration
    let urls: SiteURLs
    let navigation: [NavigationEntry]
    /// The site-relative path and media type of the icon in the static folder, if there is one.
    let favicon: (path: String, type: String)?
    /// The `site` object for pages outside every navigation entry, and one per entry with that
    /// entry marked current. They are built once, because every page uses one of them.
    private let siteObjects: (outside: MustacheValue, byEntry: [MustacheValue])

    init(configuration: SiteConfiguration, urls: SiteURLs, navigation: [NavigationEntry], favicon: (path: String, type: String)?) {
        self.configuration = configuration
        self.urls = urls
        self.navigation = navigation
        self.favicon = favicon
        siteObjects = (
            Self.site(configuration: configuration, urls: urls, navigation: navigation, favicon: favicon, current: nil),
            navigation.indices.map {
                Self.site(configuration: configuration, urls: urls, navigation: navigation, favicon: favicon, current: $0)
            })
    }

    func page(_ page: RenderablePage, content: String, listing: PageListing?) -> MustacheValue {
        var members: [String: MustacheValue] = [
            "kind": .string(PageOutputWriter.templateName(for: page)),
            "title": .string(page.title),
            "show_title": .bool(page.showsTitle),
            "has_header": .bool(page.showsTitle || (page.published != nil && page.page.kind != .section)),
            "head_title": .string(page.headTitle),
            "description": .string(page.description),
            "keywords": .string(page.keywords.joined(separator: ", ")),
            "url": .string(urls.href(page.route.urlPath)),
            "canonical_url": .string(urls.absolute(page.route.urlPath)),
            "language": .string(page.language),
            "og_type": .string(page.page.kind == .section ? "website" : "article"),
            "twitter_card": .string(page.hero == nil ? "summary" : "summary_large_image"),
            "hero": hero(page.hero),
            "published": date(page.published),
            "modified": page.modified == page.published ? .null : date(page.modified),
            "content": .string(content),
            "json_ld": .string(ScriptJSON.serialize(jsonLD(page))),
        ]
        let listing = listing ?? PageListing()
        members["sections"] = .list(listing.sections.map(summary))
        members["has_sections"] = .bool(!listing.sections.isEmpty)
        members["pages"] = .list(listing.pages.map(summary))
        members["has_pages"] = .bool(!listing.pages.isEmpty)
        members["recent"] = .list(listing.recent.map(summary))
        members["has_recent"] = .bool(!listing.recent.isEmpty)
        return .object(["site": site(currentPath: page.route.urlPath), "page": .object(members)])
    }

    /// Builds the data of the redirect page for one of `target`'s aliases.
    func alias(target: RenderablePage) -> MustacheValue {
        .object([
            "site": site(currentPath: target.route.urlPath),
            "target": .object([
                "title": .string(target.title),
                "url": .string(urls.href(target.route.urlPath)),
                "canonical_url": .string(urls.absolute(target.route.urlPath)),
            ]),
        ])
    }

    /// Returns the `site` object for a page at `currentPath`, with the navigation entry that contains it marked current.
    private func site(currentPath: String) -> MustacheValue {
        guard let index = navigation.firstIndex(where: { currentPath.hasPrefix($0.path) }) else {
            return siteObjects.outside
        }
        return siteObjects.byEntry[index]
    }

    private static func site(
        configuration: SiteConfiguration, urls: SiteURLs, navigation: [NavigationEntry],
        favicon: (path: String, type: String)?, current: Int?
    ) -> MustacheValue {
        let sections = navigation.enumerated().map { index, entry -> MustacheValue in
            .object([
                "title": .string(entry.title),
                "url": .string(urls.href(entry.path)),
                "current": .bool(index == current),
            ])
        }
        var members: [String: MustacheValue] = [
            "title": .string(configuration.site.title),
            "language": .string(PagePreparer.isLanguageTag(configuration.site.language) ? configuration.site.language : "en"),
            "base_url": .string(urls.absolute("/")),
            "home_url": .string(urls.href("/")),
            "feed_url": .string(urls.href(Self.feedPath)),
            "sitemap_url": .string(urls.href(Self.sitemapPath)),
            "stylesheet_url": .string(urls.href(Self.stylesheetPath)),
            "sections": .list(sections),
            "has_sections": .bool(!sections.isEmpty),
            "favicon": .null,
        ]
        if let favicon {
            members["favicon"] = .object(["url": .string(urls.href(favicon.path)), "type": .string(favicon.type)])
        }
        return .object(members)
    }

    private func summary(_ page: RenderablePage) -> MustacheValue {
        .object([
            "title": .string(page.title),
            "url": .string(urls.href(page.route.urlPath)),
            "description": .string(page.description),
            "date": date(page.published),
        ])
    }

    private func hero(_ hero: RenderablePage.Hero?) -> MustacheValue {
        guard let hero else { return .null }
        return .object([
            "url": .string(heroURL(hero, absolute: false)),
            "absolute_url": .string(heroURL(hero, absolute: true)),
            "alt": .string(hero.alt),
            "caption": .string(hero.caption),
            "decorative": .bool(hero.isDecorative),
        ])
    }

    private func heroURL(_ hero: RenderablePage.Hero, absolute: Bool) -> String {
        if hero.isRemote { return URLPath.escapingBarePercentSigns(hero.location) }
        return absolute ? urls.absolute(hero.location) : urls.href(hero.location)
    }

    private func date(_ date: PageDate?) -> MustacheValue {
        guard let date else { return .null }
        return .object(["iso": .string(date.iso), "display": .string(date.display)])
    }

    /// Builds the page's schema.org description: `WebSite` for the home page, `CollectionPage`
    /// for list pages, `Article` for dated pages and `WebPage` for the rest.
    func jsonLD(_ page: RenderablePage) -> JSONValue {
        let url = urls.absolute(page.route.urlPath)
        let type: String
        if page.isHome {
            type = "WebSite"
        } else if page.page.kind == .section {
            type = "CollectionPage"
        } else {
            type = page.published == nil ? "WebPage" : "Article"
        }
        var members: [(String, JSONValue)] = [
            ("@context", .string("https://schema.org")),
            ("@type", .string(type)),
            (page.isHome ? "name" : "headline", .string(page.title)),
            ("description", .string(page.description)),
            ("url", .string(url)),
            ("inLanguage", .string(page.language)),
        ]
        if let published = page.published { members.append(("datePublished", .string(published.iso))) }
        if let modified = page.lastModified { members.append(("dateModified", .string(modified.iso))) }
        if let hero = page.hero { members.append(("image", .string(heroURL(hero, absolute: true)))) }
        if !page.keywords.isEmpty { members.append(("keywords", .string(page.keywords.joined(separator: ", ")))) }
        if !page.isHome {
            members.append(("isPartOf", .object([
                ("@type", .string("WebSite")),
                ("name", .string(configuration.site.title)),
                ("url", .string(urls.absolute("/"))),
            ])))
        }
        return .object(members)
    }
}
