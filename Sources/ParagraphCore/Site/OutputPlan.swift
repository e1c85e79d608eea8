/// Every file a build will write, decided before anything is written.
///
/// When two outputs claim one path, the earlier claim wins and the later one is dropped
/// with a warning naming both. Claims are made in this order: the build's own files
/// (sitemap, feed, robots.txt), pages in path order, alias redirects, bundle files,
/// static files, then theme assets, which a static file at the same path replaces
/// without a warning.
struct OutputPlan: Sendable {
    struct Alias: Sendable {
        var route: OutputRoute
        /// The index of the target page in `pages`.
        var target: Int
    }

    var pages: [RenderablePage] = []
    var aliases: [Alias] = []
    /// Static files by output path, with their real source.
    var staticFiles: [ResourceCopy] = []
    var themeAssets: [(path: String, source: Theme.AssetSource)] = []
    var warnings: [Diagnostic] = []
    var errors: [Diagnostic] = []

    /// The owner of each output path, as collision warnings name it.
    private var owners: [String: String] = [:]

    static let generatedFiles = [SiteFeeds.sitemapFile, SiteFeeds.feedFile, SiteFeeds.robotsFile, OutputManifest.fileName]

    /// Every path the plan writes.
    var allPaths: Set<String> { Set(owners.keys) }

    /// - Parameters:
    ///   - staticFolder: the static folder's path in the site, for messages.
    ///   - templatesFolder: the templates folder's path in the site, for messages.
    init(
        candidates: [RenderablePage], staticFiles: [ResourceCopy], themeAssets: [String: Theme.AssetSource],
        output: OutputFolder, staticFolder: String, templatesFolder: String
    ) {
        for file in Self.generatedFiles {
            owners[file] = "the generated \(file)"
        }

        for page in candidates {
            if let owner = owners[page.route.file] {
                warnings.append(collision(
                    page.route.file, file: page.page.path, later: page.page.path, earlier: owner, outcome: "the page is not built"))
                continue
            }
            // Check every path the page writes before it claims any, so a page that fails writes nothing.
            do throws(OutputFolderError) {
                for path in [page.route.file] + page.resources.map(\.destination) {
                    _ = try output.checkedURL(for: path)
                }
            } catch {
                errors.append(Diagnostic(path: page.page.path, location: nil, message: error.message))
                continue
            }
            owners[page.route.file] = page.page.path
            pages.append(page)
        }

        // Bundle files are claimed after every page, so a page always beats another page's file.
        for index in pages.indices {
            let page = pages[index]
            pages[index].resources = page.resources.filter { resource in
                if let owner = owners[resource.destination] {
                    warnings.append(collision(
                        resource.destination, file: page.page.path,
                        later: "the bundle file \(resource.source.lastPathComponent) of \(page.page.path)",
                        earlier: owner, outcome: "the file is not copied"))
                    return false
                }
                owners[resource.destination] = page.page.path
                return true
            }
        }

        for (index, page) in pages.enumerated() {
            // An alias that names the page's own URL, as after a change of letter case, needs no redirect.
            for route in page.aliases where route.file != page.route.file {
                let owner = "the alias \(route.urlPath) of \(page.page.path)"
                if let earlier = owners[route.file] {
                    warnings.append(collision(route.file, file: page.page.path, later: owner, earlier: earlier, outcome: "no redirect is written"))
                    continue
                }
                if (try? output.checkedURL(for: route.file)) == nil {
                    errors.append(Diagnostic(
                        path: page.page.path, location: nil,
                        message: "alias \(route.urlPath) would be written through a symbolic link outside the output folder; remove the link"))
                    continue
                }
                owners[route.file] = owner
                aliases.append(Alias(route: route, target: index))
            }
        }

        for file in staticFiles {
            if let owner = owners[file.destination] {
                warnings.append(collision(
                    file.destination, file: staticFolder + "/" + file.destination, later: "the static file " + file.destination,
                    earlier: owner, outcome: "the file is not copied"))
                continue
            }
            owners[file.destination] = "the static file " + file.destination
            self.staticFiles.append(file)
        }

        for (path, source) in themeAssets.sorted(by: { $0.key < $1.key }) {
            if let owner = owners[path] {
                // A static file at the same path is the site's replacement for the theme's asset.
                if !owner.hasPrefix("the static file ") {
                    warnings.append(collision(
                        path, file: templatesFolder + "/" + path, later: "the theme asset " + path, earlier: owner,
                        outcome: "the asset is not copied"))
                }
                continue
            }
            owners[path] = "the theme asset " + path
            self.themeAssets.append((path, source))
        }
    }

    /// Makes a collision warning on `file`, the source of the later claim.
    private func collision(_ output: String, file: String, later: String, earlier: String, outcome: String) -> Diagnostic {
        Diagnostic(
            path: file, location: nil,
            message: "\(later) and \(earlier) both write \(output); \(earlier) comes first, so \(outcome)",
            severity: .warning)
    }
}
