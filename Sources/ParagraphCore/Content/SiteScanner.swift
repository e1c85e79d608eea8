import Foundation

/// Finds and reads the pages under a site's content folder.
public struct SiteScanner: Sendable {
    public var siteRoot: URL
    public var configuration: SiteConfiguration
    public var parser = YAMLParser()

    public init(siteRoot: URL, configuration: SiteConfiguration) {
        self.siteRoot = siteRoot.standardizedFileURL
        self.configuration = configuration
    }

    /// Prefix of temporary files the tool writes beside pages; they are never pages.
    public static let temporaryFilePrefix = ".paragraph-tmp-"

    public struct Result: Sendable {
        /// Pages that parsed, in path order.
        public var pages: [Page]
        /// Pages that failed to read or parse, one diagnostic each.
        public var diagnostics: [Diagnostic]
    }

    /// Discover, read and parse every page, in path order. A page that fails is reported and left out.
    public func scan() -> Result {
        var pages: [Page] = []
        var diagnostics: [Diagnostic] = []
        for contentPath in discover() {
            let path = displayPath(contentPath)
            let url = contentURL.appendingPathComponent(contentPath)
            guard let data = readPageFile(url, path: path, diagnostics: &diagnostics) else { continue }
            do {
                let frontMatter = try FrontMatter.parse(Array(data), parser: parser)
                pages.append(Page(path: path, contentPath: contentPath, kind: Self.kind(of: contentPath), frontMatter: frontMatter))
            } catch {
                diagnostics.append(error.diagnostic(path: path))
            }
        }
        return Result(pages: pages, diagnostics: diagnostics)
    }

    /// Read and parse one page given by a path relative to the site root or the content folder.
    public func page(at argument: String) throws(Diagnostic) -> Page {
        let contentPrefix = configuration.contentFolder == "." ? "" : configuration.contentFolder + "/"
        var relative = SitePath.normalise(argument) ?? argument
        if !contentPrefix.isEmpty, relative.hasPrefix(contentPrefix) {
            relative = String(relative.dropFirst(contentPrefix.count))
        }
        let url = contentURL.appendingPathComponent(relative)
        var diagnostics: [Diagnostic] = []
        guard SitePath.normalise(relative) != nil, isPageFile(relative),
              FileManager.default.fileExists(atPath: url.path) else {
            throw Diagnostic(
                path: argument, location: nil,
                message: "no page at this path; give a .md or .markdown file under \(configuration.contentFolder)/")
        }
        let path = displayPath(relative)
        guard let data = readPageFile(url, path: path, diagnostics: &diagnostics) else { throw diagnostics[0] }
        do {
            let frontMatter = try FrontMatter.parse(Array(data), parser: parser)
            return Page(path: path, contentPath: relative, kind: Self.kind(of: relative), frontMatter: frontMatter)
        } catch {
            throw error.diagnostic(path: path)
        }
    }

    public var contentURL: URL {
        configuration.contentFolder == "." ? siteRoot : siteRoot.appendingPathComponent(configuration.contentFolder)
    }

    /// Relative paths (to the content folder) of every page file, sorted, with bundle resources and excluded paths left out.
    public func discover() -> [String] {
        var files: [String] = []
        var stack: [String] = [""]
        let fileManager = FileManager.default
        while let folder = stack.popLast() {
            let folderURL = folder.isEmpty ? contentURL : contentURL.appendingPathComponent(folder)
            guard let names = try? fileManager.contentsOfDirectory(atPath: folderURL.path) else { continue }
            for name in names where !name.hasPrefix(".") {
                let relative = folder.isEmpty ? name : folder + "/" + name
                var isDirectory: ObjCBool = false
                let url = folderURL.appendingPathComponent(name)
                guard fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    // Folders reached through a symbolic link are not walked: they may lead outside the site.
                    let attributes = try? fileManager.attributesOfItem(atPath: url.path)
                    if attributes?[.type] as? FileAttributeType != .typeSymbolicLink {
                        stack.append(relative)
                    }
                } else if isPageFile(name) {
                    files.append(relative)
                }
            }
        }
        files.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }

        // A folder with index.md is one page: its other Markdown files are resources, not pages.
        let bundleFolders = Set(files.filter { Self.kind(of: $0) == .bundle }.map { Self.folder(of: $0) })
        return files.filter { path in
            !configuration.exclude.contains { $0.matches(path) } && !Self.isBundleResource(path, bundleFolders: bundleFolders)
        }
    }

    /// Whether the file sits inside another page's bundle folder.
    private static func isBundleResource(_ path: String, bundleFolders: Set<String>) -> Bool {
        var folder: String? = folder(of: path)
        if kind(of: path) == .bundle, let own = folder {
            folder = parent(of: own)
        }
        while let current = folder {
            if bundleFolders.contains(current) { return true }
            folder = parent(of: current)
        }
        return false
    }

    private func isPageFile(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return (lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown")) && !name.hasPrefix(Self.temporaryFilePrefix)
    }

    private func displayPath(_ contentPath: String) -> String {
        configuration.contentFolder == "." ? contentPath : configuration.contentFolder + "/" + contentPath
    }

    /// Read a page file, refusing one that is a symbolic link leading outside the site.
    private func readPageFile(_ url: URL, path: String, diagnostics: inout [Diagnostic]) -> Data? {
        let resolved = url.resolvingSymlinksInPath().path
        let root = siteRoot.resolvingSymlinksInPath().path
        guard resolved == root || resolved.hasPrefix(root + "/") else {
            diagnostics.append(Diagnostic(
                path: path, location: nil,
                message: "this page is a symbolic link to \(resolved), outside the site; copy the file into the site instead"))
            return nil
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            diagnostics.append(Diagnostic(path: path, location: nil, message: "cannot read the file; check its permissions"))
            return nil
        }
        return data
    }

    static func kind(of contentPath: String) -> Page.Kind {
        let name = contentPath.split(separator: "/").last.map { String($0).lowercased() } ?? ""
        switch name {
        case "index.md", "index.markdown": return .bundle
        case "_index.md", "_index.markdown": return .section
        default: return .regular
        }
    }

    static func folder(of path: String) -> String {
        path.split(separator: "/").dropLast().joined(separator: "/")
    }

    /// The parent of a folder, `""` for a top-level folder, nil for the root itself.
    static func parent(of folder: String) -> String? {
        guard !folder.isEmpty else { return nil }
        return folder.split(separator: "/").dropLast().joined(separator: "/")
    }
}
