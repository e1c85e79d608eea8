import Foundation

/// The templates and assets a build renders with: the files in the site's templates
/// folder, and for every name the folder lacks, the default theme's.
///
/// A template is a `.mustache` file, named by its path without the extension (`page`,
/// `partials/card`). Partials and parent templates are looked up by the same names.
/// Every other file is an asset, copied to the same path under the output folder.
struct Theme: Sendable {
    /// The templates a build renders pages with: `page`, `list`, `home` and `alias`.
    static let pageTemplateNames = ["page", "list", "home", "alias"]
    static let templateExtension = ".mustache"

    enum AssetSource: Sendable {
        case embedded(Data)
        case file(URL)
    }

    private(set) var templates: [String: MustacheTemplate] = [:]
    /// Assets by path relative to the templates folder, which is also their path in the output.
    private(set) var assets: [String: AssetSource] = [:]

    /// Loads the default theme, then the site's templates folder over it.
    ///
    /// - Throws: every template that fails to parse, and every file that is a symbolic
    ///   link leading outside the site, each with its path and line.
    static func load(siteRoot: URL, templatesFolder: String) throws(ConfigurationError) -> Theme {
        var theme = Theme()
        var diagnostics: [Diagnostic] = []
        for (path, contents) in DefaultTheme.files {
            theme.add(path: path, data: Data(contents.utf8), source: .embedded(Data(contents.utf8)), displayPath: path, diagnostics: &diagnostics)
        }

        let folder = siteRoot.appendingPathComponent(templatesFolder)
        let siteReal = OutputFolder.realPath(siteRoot.path) ?? siteRoot.path
        for relative in SiteFiles.list(under: folder) {
            let url = folder.appendingPathComponent(relative)
            let displayPath = templatesFolder + "/" + relative
            guard let real = OutputFolder.realPath(url.path), OutputFolder.isInside(real, folder: siteReal) else {
                diagnostics.append(Diagnostic(
                    path: displayPath, location: nil,
                    message: "this template file is a symbolic link leading outside the site; copy the file into the site instead"))
                continue
            }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                diagnostics.append(Diagnostic(path: displayPath, location: nil, message: "cannot read the file; check its permissions"))
                continue
            }
            theme.add(path: relative, data: data, source: .file(url), displayPath: displayPath, diagnostics: &diagnostics)
        }

        guard diagnostics.isEmpty else { throw ConfigurationError(diagnostics: diagnostics) }
        return theme
    }

    private mutating func add(path: String, data: Data, source: AssetSource, displayPath: String, diagnostics: inout [Diagnostic]) {
        guard path.hasSuffix(Self.templateExtension) else {
            assets[path] = source
            return
        }
        let name = String(path.dropLast(Self.templateExtension.count))
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.append(Diagnostic(path: displayPath, location: nil, message: "the template is not valid UTF-8; save it as UTF-8"))
            return
        }
        do {
            templates[name] = try MustacheTemplate(source: text)
        } catch {
            diagnostics.append(error.diagnostic(path: displayPath))
        }
    }

    /// Renders the template `name` against `data`, with the theme's templates as partials.
    func render(_ name: String, _ data: MustacheValue) throws(MustacheError) -> String {
        guard let template = templates[name] else { return "" }
        return try template.render(data) { partialName in templates[partialName] }
    }

    /// Reads an asset from the site's templates folder, or returns the embedded theme's copy.
    func assetData(_ source: AssetSource) -> Data? {
        switch source {
        case .embedded(let data): return data
        case .file(let url): return FileManager.default.contents(atPath: url.path)
        }
    }
}
