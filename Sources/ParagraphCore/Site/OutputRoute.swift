/// The destination of one rendered file: its path in the output folder and its URL on the site.
struct OutputRoute: Sendable, Hashable {
    /// The path relative to the output folder, e.g. `blog/post/index.html`.
    var file: String
    /// The site-relative URL path before percent-encoding, e.g. `/blog/post/`.
    var urlPath: String

    /// The output folder that contains the file, `""` for the output root.
    var folder: String {
        file.split(separator: "/").dropLast().joined(separator: "/")
    }
}

/// Works out the output routes of pages and their aliases, as Hugo does, and rejects
/// any path from front matter that leads outside the output folder.
struct PageRouter: Sendable {
    var configuration: SiteConfiguration

    /// Works out the route of a page: its `url:` when set, else its folder and slug.
    ///
    /// - Parameter filledSlug: a slug the enrichment produced in this run, used when the page has none.
    func route(for page: Page, filledSlug: String?) throws(Diagnostic) -> OutputRoute {
        if let node = page.field("url"), let text = node.string?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            return try route(forPath: text, relativeTo: "", key: "url", node: node, page: page)
        }
        let folderPath = Self.urlFolder(of: page.kind == .section ? page.folder : page.parentFolder)
        guard page.kind != .section else {
            return directoryRoute(folderPath)
        }

        let slugNode = page.fields.value(atPath: configuration.path(for: .slug))
        let slug = slugNode?.string.flatMap { $0.isEmpty ? nil : $0 } ?? filledSlug
            ?? Enricher.currentSlug(of: page, configuration: configuration)
        guard Self.isValidSlug(slug) else {
            throw Diagnostic(
                path: page.path, location: slugNode?.location,
                message: "slug \"\(slug)\" is not one path segment; a slug may not be empty, `.` or `..`, "
                    + "or contain `/`, `\\` or a control character; write a name such as `my-post`")
        }
        return directoryRoute(folderPath.isEmpty ? slug : folderPath + "/" + slug)
    }

    /// Works out the routes of the redirect pages for a page's `aliases:`, in the order written.
    ///
    /// An alias that starts with `/` is a path from the site root. Any other alias is
    /// relative to the folder that contains the page, as in Hugo.
    func aliasRoutes(for page: Page) throws(Diagnostic) -> [OutputRoute] {
        guard let node = page.field("aliases"), !node.isEmptyValue else { return [] }
        let items = node.sequence ?? [node]
        let base = Self.urlFolder(of: page.kind == .section ? SiteScanner.parent(of: page.folder) ?? "" : page.parentFolder)
        var routes: [OutputRoute] = []
        for item in items {
            guard let text = item.string?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                throw Diagnostic(
                    path: page.path, location: item.location,
                    message: "each alias must be a path such as /old/url/; remove the empty or non-text entry")
            }
            routes.append(try route(forPath: text, relativeTo: base, key: "aliases", node: item, page: page))
        }
        return routes
    }

    /// The route for a path from front matter, which must stay inside the output folder.
    ///
    /// A path ending in `.html` or `.htm` names the file itself; any other path is a folder
    /// that gets an `index.html`.
    private func route(
        forPath text: String, relativeTo base: String, key: String, node: YAMLNode, page: Page
    ) throws(Diagnostic) -> OutputRoute {
        if Self.containsControlCharacter(text) {
            throw Diagnostic(
                path: page.path, location: node.location,
                message: "\(key) contains a line break or another control character; write a path such as /blog/post/")
        }
        if text.contains("://") || text.hasPrefix("//") {
            throw Diagnostic(
                path: page.path, location: node.location,
                message: "\(key) \"\(text)\" is a full URL; write a path on this site such as /blog/post/")
        }
        let isRooted = text.hasPrefix("/")
        let relative = isRooted ? String(text.drop { $0 == "/" }) : (base.isEmpty ? text : base + "/" + text)
        guard let normalised = SitePath.normalise(relative.isEmpty ? "." : relative) else {
            throw Diagnostic(
                path: page.path, location: node.location,
                message: "\(key) \"\(text)\" leads outside the output folder; remove the `..` and start the path at the site root, such as /blog/post/")
        }
        if normalised == "." {
            return OutputRoute(file: "index.html", urlPath: "/")
        }
        let lowered = normalised.lowercased()
        if !text.hasSuffix("/"), lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") {
            return OutputRoute(file: normalised, urlPath: "/" + normalised)
        }
        return directoryRoute(normalised)
    }

    private func directoryRoute(_ folder: String) -> OutputRoute {
        guard !folder.isEmpty else { return OutputRoute(file: "index.html", urlPath: "/") }
        return OutputRoute(file: folder + "/index.html", urlPath: "/" + folder + "/")
    }

    /// Makes the URL path of a content folder: each name lower-cased with spaces as hyphens.
    static func urlFolder(of contentFolder: String) -> String {
        contentFolder.split(separator: "/").map { URLPath.segment(fromName: String($0)) }.joined(separator: "/")
    }

    static func isValidSlug(_ slug: String) -> Bool {
        !slug.isEmpty && slug != "." && slug != ".." && !slug.contains("/") && !slug.contains("\\")
            && !containsControlCharacter(slug)
    }

    /// Whether the text contains a NUL, a line break or another control character, which no file name may contain.
    static func containsControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }
}
