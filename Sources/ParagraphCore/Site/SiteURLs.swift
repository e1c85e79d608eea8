import Foundation

/// Turns site-relative paths into the links a page prints, using the site's `base_url`.
///
/// With `base_url: https://example.com/docs/`, the path `/blog/` links as `/docs/blog/`
/// within the site and as `https://example.com/docs/blog/` in canonical links, the
/// sitemap and the feed.
struct SiteURLs: Sendable {
    /// Scheme and host, e.g. `https://example.com`.
    let origin: String
    /// The path of the base URL without its trailing slash, `""` at the host's root.
    let basePath: String

    init(baseURL: String) {
        var text = baseURL.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        guard let schemeEnd = text.range(of: "://") else {
            origin = text
            basePath = ""
            return
        }
        let afterScheme = text[schemeEnd.upperBound...]
        if let pathStart = afterScheme.firstIndex(of: "/") {
            origin = String(text[..<pathStart])
            basePath = URLPath.escapingBarePercentSigns(String(text[pathStart...]))
        } else {
            origin = text
            basePath = ""
        }
    }

    /// Returns the link to a site-relative path, percent-encoded, starting with `/`.
    func href(_ path: String) -> String {
        basePath + URLPath.encode(path.hasPrefix("/") ? path : "/" + path)
    }

    /// Returns the absolute URL of a site-relative path.
    func absolute(_ path: String) -> String {
        origin + href(path)
    }
}
