import Foundation

extension LoadedSite {
    /// Loads `byok.yaml` and every page as `load(root:options:now:)` does, but reads and parses
    /// the pages on all cores, because on a big site the sequential load is a large part of a build.
    ///
    /// The pages and diagnostics come out in the same path order as the sequential load.
    static func loadConcurrently(root: URL, options: SelectionOptions, now: Date) async throws(ConfigurationError) -> LoadedSite {
        let configuration = try ConfigurationLoader.load(siteRoot: root)
        let scanner = SiteScanner(siteRoot: root, configuration: configuration)
        // Paths relative to the site, which `page(at:)` reads without ambiguity even when a
        // folder inside the content folder has the content folder's name.
        let contentPrefix = configuration.contentFolder == "." ? "" : configuration.contentFolder + "/"
        let paths = scanner.discover().map { contentPrefix + $0 }

        let processors = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let size = min(SiteBuilder.maximumChunkSize, max(1, paths.count / (processors * 4)))
        let outcomes = await withTaskGroup(of: (Int, [Result<Page, Diagnostic>]).self) { group in
            for start in stride(from: 0, to: paths.count, by: size) {
                group.addTask {
                    let chunk = paths[start..<min(start + size, paths.count)].map { path in
                        Result { () throws(Diagnostic) -> Page in try scanner.page(at: path) }
                    }
                    return (start, chunk)
                }
            }
            var chunks: [(Int, [Result<Page, Diagnostic>])] = []
            for await chunk in group { chunks.append(chunk) }
            return chunks.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }

        var pages: [Page] = []
        var diagnostics: [Diagnostic] = []
        for outcome in outcomes {
            switch outcome {
            case .success(let page): pages.append(page)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        let selector = PageSelector(pages: pages, options: options, now: now, siteLanguage: configuration.site.language)
        return LoadedSite(
            root: root, configuration: configuration, scanner: scanner, pages: pages,
            diagnostics: diagnostics, selector: selector)
    }
}
