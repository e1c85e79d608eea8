import Foundation

/// Writes `sitemap.xml`, the Atom feed and `robots.txt` from the pages a build rendered.
///
/// Dates come from front matter only: a page without one is in the sitemap without
/// `lastmod` and is left out of the feed.
struct SiteFeeds: Sendable {
    static let sitemapFile = "sitemap.xml"
    static let feedFile = "atom.xml"
    static let robotsFile = "robots.txt"

    let configuration: SiteConfiguration
    let urls: SiteURLs

    /// Writes a sitemap that lists every rendered page, in the order given.
    ///
    /// NOTE: the sitemap protocol allows 50,000 URLs per file; a larger site needs a
    /// sitemap index, which this writer does not produce yet.
    func sitemap(_ pages: [RenderablePage]) -> String {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">",
        ]
        lines.reserveCapacity(pages.count + 3)
        for page in pages {
            var entry = "  <url><loc>" + Self.escapeXML(urls.absolute(page.route.urlPath)) + "</loc>"
            if let modified = page.lastModified {
                entry += "<lastmod>" + modified.iso + "</lastmod>"
            }
            lines.append(entry + "</url>")
        }
        lines.append("</urlset>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes an Atom feed of the dated pages, newest first, each with its description as the summary.
    func atomFeed(_ pages: [RenderablePage]) -> String {
        let dated = Self.newestFirst(pages.filter { $0.published != nil && $0.page.kind != .section })
        let home = urls.absolute("/")
        // Atom requires an update time. Without any dated page the feed takes the Unix epoch
        // rather than the build time, so the same content always gives the same file.
        let updated = dated.compactMap(\.lastModified).max()?.iso ?? "1970-01-01T00:00:00Z"
        let language = PagePreparer.isLanguageTag(configuration.site.language) ? configuration.site.language : "en"

        var lines = [
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(Self.escapeXML(language))\">",
            "  <title>\(Self.escapeXML(configuration.site.title))</title>",
            "  <id>\(Self.escapeXML(home))</id>",
            "  <link rel=\"alternate\" type=\"text/html\" href=\"\(Self.escapeXML(home))\"/>",
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(Self.escapeXML(urls.absolute("/" + Self.feedFile)))\"/>",
            "  <updated>\(updated)</updated>",
            "  <author><name>\(Self.escapeXML(configuration.site.title))</name></author>",
        ]
        for page in dated {
            let url = Self.escapeXML(urls.absolute(page.route.urlPath))
            lines += [
                "  <entry>",
                "    <title>\(Self.escapeXML(page.title))</title>",
                "    <id>\(url)</id>",
                "    <link rel=\"alternate\" type=\"text/html\" href=\"\(url)\"/>",
                "    <published>\(page.published!.iso)</published>",
                "    <updated>\(page.lastModified!.iso)</updated>",
                "    <summary>\(Self.escapeXML(page.description))</summary>",
                "  </entry>",
            ]
        }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }

    func robots() -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(urls.absolute("/" + Self.sitemapFile))\n"
    }

    /// Pages with a publication date, newest first; pages with the same date keep their path order.
    static func newestFirst(_ pages: [RenderablePage]) -> [RenderablePage] {
        let keyed = pages.enumerated().map { (offset: $0.offset, date: $0.element.published?.date ?? .distantPast) }
        let order = keyed.sorted { lhs, rhs in
            lhs.date != rhs.date ? lhs.date > rhs.date : lhs.offset < rhs.offset
        }
        return order.map { pages[$0.offset] }
    }

    /// Escapes text for XML content and attribute values, and drops the control characters XML 1.0 forbids.
    static func escapeXML(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20, scalar.value != 0xFFFE, scalar.value != 0xFFFF {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }
}
