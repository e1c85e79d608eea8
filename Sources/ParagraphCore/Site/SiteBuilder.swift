import Foundation

/// Renders a loaded site into its output folder: the steps of `paragraph build` after
/// the configuration and pages are read.
///
/// 1. Prepare each page: select, enrich in memory, route, locate its files (in parallel).
/// 2. Plan the outputs: resolve collisions, check every path against the output folder.
/// 3. Render and write pages, redirects and copies (in parallel), each file atomically.
/// 4. Write the sitemap, the feed and robots.txt, remove stale outputs, update the manifest.
public struct SiteBuilder: Sendable {
    public let site: LoadedSite
    /// The output folder relative to the site, from `--output` or `output:` in `byok.yaml`.
    public let outputFolder: String

    /// How many pages each parallel task takes at most, small enough to spread uneven work.
    static let maximumChunkSize = 64

    /// Enrichment results computed before the build, by page path; other pages are enriched from byok.lock and `builtin`.
    let enrichment: [String: EnrichmentResult]
    /// The enricher for pages without a precomputed result, carrying byok.lock.
    let enricher: Enricher?

    public init(site: LoadedSite, outputFolder: String? = nil) {
        self.init(site: site, outputFolder: outputFolder, enricher: nil, enrichment: [:])
    }

    init(site: LoadedSite, outputFolder: String?, enricher: Enricher?, enrichment: [String: EnrichmentResult]) {
        self.site = site
        self.outputFolder = outputFolder ?? site.configuration.outputFolder
        self.enricher = enricher
        self.enrichment = enrichment
    }

    /// Builds the site. A page that fails is reported in the result and skipped.
    ///
    /// - Throws: `ConfigurationError` when a template does not parse or the output folder
    ///   is not a separate folder inside the site; nothing is written then.
    public func build() async throws(ConfigurationError) -> BuildReport {
        let configuration = site.configuration
        let theme = try Theme.load(siteRoot: site.root, templatesFolder: configuration.templatesFolder)
        let output: OutputFolder
        do {
            output = try OutputFolder(
                relativePath: outputFolder, siteRoot: site.root,
                readFolders: [configuration.contentFolder, configuration.staticFolder, configuration.templatesFolder])
        } catch {
            throw ConfigurationError(diagnostics: [error])
        }

        var report = BuildReport()
        report.outputFolder = SitePath.normalise(outputFolder) ?? outputFolder
        report.diagnostics = site.diagnostics

        let candidates = await prepareAll(report: &report)
        let staticFiles = staticCopies(report: &report)
        var plan = OutputPlan(
            candidates: candidates, staticFiles: staticFiles, themeAssets: theme.assets, output: output,
            staticFolder: configuration.staticFolder, templatesFolder: configuration.templatesFolder)
        report.diagnostics += plan.warnings + plan.errors
        plan.warnings = []
        plan.errors = []

        // List the old and new outputs together before writing, so an interrupted build
        // leaves no file it wrote out of the manifest.
        let previous = OutputManifest.read(in: output)
        do {
            try OutputManifest(paths: previous.paths.union(plan.allPaths)).write(in: output)
        } catch {
            report.diagnostics.append(Diagnostic(path: report.outputFolder, location: nil, message: error.message))
        }

        let writer = PageOutputWriter(site: site, theme: theme, output: output, plan: plan)
        let results = await writer.writeAll()
        var written = Set(OutputPlan.generatedFiles)
        var builtPages: [RenderablePage] = []
        for result in results {
            report.diagnostics += result.diagnostics
            written.formUnion(result.writtenPaths)
            report.filesCopied += result.filesCopied
            report.redirectsBuilt += result.redirectsWritten
            guard result.pageWritten else { continue }
            let page = plan.pages[result.index]
            builtPages.append(page)
            if page.page.kind == .section { report.listPagesBuilt += 1 } else { report.pagesBuilt += 1 }
            report.countFilled(page.filled)
        }
        let copies = await writer.copySiteFiles()
        report.diagnostics += copies.diagnostics
        report.filesCopied += copies.filesCopied
        written.formUnion(copies.writtenPaths)

        writeFeeds(builtPages, output: output, report: &report)

        for path in previous.paths.subtracting(written) where output.removeFile(path) {
            report.staleFilesRemoved += 1
        }
        written.remove(OutputManifest.fileName)
        do {
            try OutputManifest(paths: written).write(in: output)
        } catch {
            report.diagnostics.append(Diagnostic(path: report.outputFolder, location: nil, message: error.message))
        }
        return report
    }

    /// Prepares every page in parallel, returning the published pages in path order.
    private func prepareAll(report: inout BuildReport) async -> [RenderablePage] {
        let pages = site.pages
        let enricher = self.enricher ?? Enricher(site: site)
        let enrichment = self.enrichment
        let groups = Self.preparationGroups(pages, slugsFromTitles: site.configuration.slugs == .title)

        let outcomes = await withTaskGroup(of: [(Int, PagePreparer.Outcome)].self) { group in
            for indices in groups {
                group.addTask {
                    var preparer = PagePreparer(site: site, enricher: enricher, enrichment: enrichment)
                    return indices.map { ($0, preparer.prepare(pages[$0])) }
                }
            }
            var all = [PagePreparer.Outcome?](repeating: nil, count: pages.count)
            for await results in group {
                for (index, outcome) in results { all[index] = outcome }
            }
            return all
        }

        var prepared: [RenderablePage] = []
        for outcome in outcomes {
            switch outcome {
            case .prepared(let page)?:
                report.diagnostics += page.warnings
                prepared.append(page)
            case .skipped?:
                report.pagesNotPublished += 1
            case .failed(let diagnostic)?:
                report.diagnostics.append(diagnostic)
            case nil:
                break
            }
        }
        if !pages.contains(where: { $0.kind == .section && $0.folder.isEmpty }) {
            prepared.insert(syntheticHomePage(), at: 0)
        }
        return prepared
    }

    /// Splits page indices into groups that can be prepared at the same time.
    ///
    /// Enrichment keeps generated slugs unique within a folder. With `slugs: title` the pages
    /// of one folder therefore stay in one group, in path order. Otherwise groups are chunks.
    static func preparationGroups(_ pages: [Page], slugsFromTitles: Bool) -> [[Int]] {
        guard slugsFromTitles else {
            let processors = max(1, ProcessInfo.processInfo.activeProcessorCount)
            let size = min(maximumChunkSize, max(1, pages.count / (processors * 4)))
            return stride(from: 0, to: pages.count, by: size).map { Array($0..<min($0 + size, pages.count)) }
        }
        var groups: [String: [Int]] = [:]
        for (index, page) in pages.enumerated() {
            groups[page.parentFolder, default: []].append(index)
        }
        return groups.keys.sorted().map { groups[$0]! }
    }

    /// Makes the home page of a site without a root `_index.md`, as Hugo does.
    private func syntheticHomePage() -> RenderablePage {
        let configuration = site.configuration
        let contentPrefix = configuration.contentFolder == "." ? "" : configuration.contentFolder + "/"
        // `FrontMatter.parse` returns an empty mapping for text without a `---` line, so this cannot throw.
        let frontMatter = try! FrontMatter.parse([])
        let page = Page(path: contentPrefix + "_index.md", contentPath: "_index.md", kind: .section, frontMatter: frontMatter)
        let language = PagePreparer.isLanguageTag(configuration.site.language) ? configuration.site.language : "en"
        return RenderablePage(
            page: page, route: OutputRoute(file: "index.html", urlPath: "/"), aliases: [],
            title: configuration.site.title, showsTitle: true, headTitle: configuration.site.title,
            description: configuration.site.title, keywords: [], hero: nil, language: language,
            published: nil, modified: nil, weight: nil, filled: [], warnings: [], resources: [])
    }

    /// Lists the static files to copy, reporting and leaving out any that leads outside the site.
    private func staticCopies(report: inout BuildReport) -> [ResourceCopy] {
        let folder = site.configuration.staticFolder
        let folderURL = site.root.appendingPathComponent(folder)
        let siteReal = OutputFolder.realPath(site.root.path) ?? site.root.path
        let listing = SiteFiles.listing(under: folderURL)
        for linked in listing.linkedFolders {
            report.diagnostics.append(Diagnostic(
                path: folder + "/" + linked, location: nil,
                message: "this folder is a symbolic link, so it is not copied; copy its files into \(folder)/ instead",
                severity: .warning))
        }
        var copies: [ResourceCopy] = []
        for relative in listing.files {
            let url = folderURL.appendingPathComponent(relative)
            guard let real = OutputFolder.realPath(url.path), OutputFolder.isInside(real, folder: siteReal) else {
                report.diagnostics.append(Diagnostic(
                    path: folder + "/" + relative, location: nil,
                    message: "this file is a symbolic link leading outside the site or to nothing, so it is not copied; copy the file into the site instead"))
                continue
            }
            copies.append(ResourceCopy(source: URL(fileURLWithPath: real), destination: relative))
        }
        return copies
    }

    private func writeFeeds(_ pages: [RenderablePage], output: OutputFolder, report: inout BuildReport) {
        let feeds = SiteFeeds(configuration: site.configuration, urls: SiteURLs(baseURL: site.configuration.site.baseURL))
        let files = [
            (SiteFeeds.sitemapFile, feeds.sitemap(pages)),
            (SiteFeeds.feedFile, feeds.atomFeed(pages)),
            (SiteFeeds.robotsFile, feeds.robots()),
        ]
        for (path, text) in files {
            do {
                try output.write(Data(text.utf8), to: path)
            } catch {
                report.diagnostics.append(Diagnostic(path: report.outputFolder + "/" + path, location: nil, message: error.message))
            }
        }
    }
}
