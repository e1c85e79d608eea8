import Foundation
@testable import ParagraphCore

/// Reads what a build wrote: HTML heads, the sitemap and the files of an output folder.
enum BuiltOutput {
    /// Returns the value of `attribute` on the first tag that has `key="name"`.
    static func attribute(_ attribute: String, of key: String, _ name: String, in html: String) -> String? {
        for tag in tags(in: html) where tag.contains("\(key)=\"\(name)\"") {
            guard let range = tag.range(of: " \(attribute)=\"") else { continue }
            let rest = tag[range.upperBound...]
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
        return nil
    }

    static func title(in html: String) -> String? {
        guard let start = html.range(of: "<title>"), let end = html.range(of: "</title>", range: start.upperBound..<html.endIndex) else {
            return nil
        }
        return String(html[start.upperBound..<end.lowerBound])
    }

    static func description(in html: String) -> String? { attribute("content", of: "name", "description", in: html) }
    static func ogTitle(in html: String) -> String? { attribute("content", of: "property", "og:title", in: html) }
    static func canonical(in html: String) -> String? { attribute("href", of: "rel", "canonical", in: html) }

    /// Returns the text of the JSON-LD script block, as written.
    static func jsonLD(in html: String) -> String? {
        let opening = "<script type=\"application/ld+json\">"
        guard let start = html.range(of: opening), let end = html.range(of: "</script>", range: start.upperBound..<html.endIndex) else {
            return nil
        }
        return String(html[start.upperBound..<end.lowerBound])
    }

    /// Returns every `<img …>` tag.
    static func images(in html: String) -> [String] {
        tags(in: html).filter { $0.hasPrefix("<img ") }
    }

    /// Returns the `<loc>` values of a sitemap.
    static func sitemapLocations(_ xml: String) -> [String] {
        xml.components(separatedBy: "<loc>").dropFirst().compactMap { $0.components(separatedBy: "</loc>").first }
    }

    /// Lists the files under `folder`, relative to it, hidden files included.
    static func files(under folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var paths: [String] = []
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            paths.append(String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1)))
        }
        return paths.sorted()
    }

    /// Returns whether the HTML is an alias redirect page.
    static func isRedirect(_ html: String) -> Bool {
        html.contains("<meta http-equiv=\"refresh\"")
    }

    /// Decodes the five character references the templates write.
    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    private static func tags(in html: String) -> [String] {
        html.components(separatedBy: "<").dropFirst().map { "<" + ($0.components(separatedBy: ">").first ?? "") + ">" }
    }
}
