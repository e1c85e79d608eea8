/// One Markdown page of the site, with its front matter parsed.
public struct Page: Sendable {
    /// How Hugo's bundle rules classify the file.
    public enum Kind: String, Sendable, Codable {
        /// A single file such as `blog/post.md`.
        case regular
        /// `index.md`: its folder is one page and the folder's other files belong to it.
        case bundle
        /// `_index.md`: its folder's list page.
        case section
    }

    /// The path relative to the site root, used in messages, e.g. `content/blog/post.md`.
    public var path: String
    /// The path relative to the content folder, e.g. `blog/post.md`.
    public var contentPath: String
    public var kind: Kind
    public var frontMatter: FrontMatter

    public init(path: String, contentPath: String, kind: Kind, frontMatter: FrontMatter) {
        self.path = path
        self.contentPath = contentPath
        self.kind = kind
        self.frontMatter = frontMatter
    }

    public var fields: YAMLNode { frontMatter.fields }
    public var body: String { frontMatter.body }

    /// The page's folder within the content folder, `""` at the root.
    ///
    /// For a bundle or a section this is the folder the page stands for.
    public var folder: String {
        let components = contentPath.split(separator: "/").dropLast()
        return components.joined(separator: "/")
    }

    /// The folder that holds the page in its section: a bundle's parent folder, or the file's folder.
    public var parentFolder: String {
        switch kind {
        case .regular:
            return folder
        case .bundle, .section:
            return folder.split(separator: "/").dropLast().joined(separator: "/")
        }
    }

    /// The file name without its extension, or for a bundle or section its folder's name.
    public var baseName: String {
        switch kind {
        case .regular:
            let file = contentPath.split(separator: "/").last.map(String.init) ?? contentPath
            return file.split(separator: ".").dropLast().joined(separator: ".")
        case .bundle, .section:
            return folder.split(separator: "/").last.map(String.init) ?? ""
        }
    }

    /// Look up a front-matter value, matching the top-level key without regard to case as Hugo does.
    public func field(_ key: String) -> YAMLNode? {
        let lowered = key.lowercased()
        return fields.mapping?.first { $0.key.scalar?.text.lowercased() == lowered }?.value
    }
}
