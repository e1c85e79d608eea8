import Foundation

/// Whether a page is published and so rendered and enriched, and why not when it is not.
public struct PageSelection: Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        case published
        case draft
        case future(key: String, date: String)
        case expired(key: String, date: String)
        case headless
        case renderNever(key: String)
    }

    public var isSelected: Bool
    public var reason: Reason
    /// The `_index.md` whose `cascade:` set the value behind the reason, if it was inherited.
    public var inheritedFrom: String?

    public var explanation: String {
        var text: String
        switch reason {
        case .published: text = "published"
        case .draft: text = isSelected ? "draft, included by --drafts" : "draft: true (use --drafts to include)"
        case .future(let key, let date):
            text = isSelected ? "\(key) \(date) is in the future, included by --future" : "\(key) \(date) is in the future (use --future to include)"
        case .expired(let key, let date):
            text = isSelected ? "\(key) \(date) has passed, included by --expired" : "\(key) \(date) has passed (use --expired to include)"
        case .headless: text = "headless: true"
        case .renderNever(let key): text = "\(key).render: never"
        }
        if let inheritedFrom { text += " (inherited through cascade from \(inheritedFrom))" }
        return text
    }
}

/// Which unpublished pages a run includes anyway.
public struct SelectionOptions: Sendable {
    public var drafts = false
    public var future = false
    public var expired = false

    public init(drafts: Bool = false, future: Bool = false, expired: Bool = false) {
        self.drafts = drafts
        self.future = future
        self.expired = expired
    }
}

/// Decides which pages are published, as Hugo does, including values inherited through `cascade:`.
public struct PageSelector: Sendable {
    public var options: SelectionOptions
    public var now: Date
    public var siteLanguage: String
    private var cascades: [String: (path: String, entries: [CascadeEntry])] = [:]

    /// One entry of a `cascade:` value: the keys it sets and the pages it targets.
    struct CascadeEntry: Sendable {
        var values: [YAMLPair]
        var pathGlob: Glob?
        var kinds: [String]?
        var languages: [String]?
    }

    public init(pages: [Page], options: SelectionOptions, now: Date, siteLanguage: String) {
        self.options = options
        self.now = now
        self.siteLanguage = siteLanguage
        for page in pages where page.kind == .section {
            guard let cascade = page.field("cascade") else { continue }
            cascades[page.folder] = (page.path, Self.entries(of: cascade))
        }
    }

    /// The value of a top-level key for the page: its own, else the nearest ancestor's cascade.
    public func effectiveValue(_ key: String, for page: Page) -> (node: YAMLNode, inheritedFrom: String?)? {
        if let own = page.field(key) { return (own, nil) }
        let lowered = key.lowercased()
        var folder: String? = page.kind == .regular ? page.folder : SiteScanner.parent(of: page.folder)
        while let current = folder {
            if let (path, entries) = cascades[current] {
                for entry in entries where applies(entry, to: page) {
                    if let pair = entry.values.first(where: { $0.key.scalar?.text.lowercased() == lowered }) {
                        return (pair.value, path)
                    }
                }
            }
            folder = SiteScanner.parent(of: current)
        }
        return nil
    }

    /// Decide whether the page is published; a malformed value is an error with its line.
    public func select(_ page: Page) throws(Diagnostic) -> PageSelection {
        var isDraft = false
        var draftSource: String?
        if let (node, source) = effectiveValue("draft", for: page) {
            isDraft = try boolean(node, key: "draft", page: page, source: source)
            draftSource = source
        }
        if isDraft, !options.drafts {
            return PageSelection(isSelected: false, reason: .draft, inheritedFrom: draftSource)
        }
        if let (node, source) = effectiveValue("headless", for: page), try boolean(node, key: "headless", page: page, source: source) {
            return PageSelection(isSelected: false, reason: .headless, inheritedFrom: source)
        }
        for key in ["build", "_build"] {
            guard let (node, source) = effectiveValue(key, for: page), let render = node["render"] else { continue }
            let value = render.scalar?.text.lowercased()
            if value == "never" || value == "false" || value == "link" {
                return PageSelection(isSelected: false, reason: .renderNever(key: key), inheritedFrom: source)
            }
        }

        if let (key, date, text, source) = try firstDate(["publishDate", "pubdate", "published", "date"], for: page),
           date > now, !options.future {
            return PageSelection(isSelected: false, reason: .future(key: key, date: text), inheritedFrom: source)
        }
        if let (key, date, text, source) = try firstDate(["expiryDate", "unpublishdate"], for: page),
           date <= now, !options.expired {
            return PageSelection(isSelected: false, reason: .expired(key: key, date: text), inheritedFrom: source)
        }
        return PageSelection(isSelected: true, reason: isDraft ? .draft : .published, inheritedFrom: isDraft ? draftSource : nil)
    }

    private func firstDate(_ keys: [String], for page: Page) throws(Diagnostic) -> (String, Date, String, String?)? {
        for key in keys {
            guard let (node, source) = effectiveValue(key, for: page), !node.isEmptyValue else { continue }
            guard let text = node.scalar?.text, let date = DateParser.parse(text) else {
                throw Diagnostic(
                    path: source ?? page.path, location: node.location,
                    message: "\(key) \(node.scalar.map { "\"\($0.text)\"" } ?? "value") is not a date; write it as 2024-01-31 or 2024-01-31T10:00:00Z")
            }
            return (key, date, text, source)
        }
        return nil
    }

    /// Read a flag that site generators take as a boolean, accepting `yes` and `no` as they do.
    private func boolean(_ node: YAMLNode, key: String, page: Page, source: String?) throws(Diagnostic) -> Bool {
        guard let scalar = node.scalar else {
            throw Diagnostic(path: source ?? page.path, location: node.location, message: "\(key) must be true or false")
        }
        if case .bool(let flag) = scalar.value { return flag }
        switch scalar.text.lowercased() {
        case "yes": return true
        case "no", "": return false
        default:
            throw Diagnostic(
                path: source ?? page.path, location: node.location,
                message: "\(key) must be true or false, not \"\(scalar.text)\"")
        }
    }

    private func applies(_ entry: CascadeEntry, to page: Page) -> Bool {
        if let glob = entry.pathGlob, !glob.matches(Self.logicalPath(of: page)) { return false }
        if let kinds = entry.kinds, !kinds.contains(Self.hugoKind(of: page)) { return false }
        if let languages = entry.languages {
            let language = page.field("lang")?.string ?? siteLanguage
            if !languages.contains(language) { return false }
        }
        return true
    }

    private static func entries(of cascade: YAMLNode) -> [CascadeEntry] {
        let nodes = cascade.sequence ?? [cascade]
        return nodes.compactMap { node in
            guard let pairs = node.mapping else { return nil }
            var entry = CascadeEntry(values: [])
            for pair in pairs {
                let key = pair.key.scalar?.text ?? ""
                guard key == "_target" || key == "target" else {
                    entry.values.append(pair)
                    continue
                }
                if let path = pair.value["path"]?.string {
                    entry.pathGlob = Glob(path.trimmingCharacters(in: CharacterSet(charactersIn: "{}")))
                }
                if let kind = pair.value["kind"]?.string {
                    entry.kinds = kind.trimmingCharacters(in: CharacterSet(charactersIn: "{}")).split(separator: ",").map {
                        $0.trimmingCharacters(in: .whitespaces)
                    }
                }
                if let lang = pair.value["lang"]?.string {
                    entry.languages = [lang]
                }
            }
            return entry
        }
    }

    /// Hugo's logical path of a page: its content path without the extension or bundle file name.
    static func logicalPath(of page: Page) -> String {
        switch page.kind {
        case .bundle, .section: return "/" + page.folder
        case .regular:
            let withoutExtension = page.contentPath.split(separator: ".").dropLast().joined(separator: ".")
            return "/" + withoutExtension
        }
    }

    static func hugoKind(of page: Page) -> String {
        switch page.kind {
        case .regular, .bundle: return "page"
        case .section: return page.folder.isEmpty ? "home" : "section"
        }
    }
}
