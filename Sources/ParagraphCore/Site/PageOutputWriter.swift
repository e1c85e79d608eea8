import Foundation

/// Renders the planned pages through the theme and writes them with their bundle files
/// and alias redirects, many pages at a time. It then copies the static files and theme assets.
struct PageOutputWriter: Sendable {
    /// The outcome of writing one page, or of copying the site's own files.
    struct Result: Sendable {
        /// The page's index in the plan.
        var index: Int
        var pageWritten = false
        var writtenPaths: [String] = []
        var filesCopied = 0
        var redirectsWritten = 0
        var diagnostics: [Diagnostic] = []
    }

    /// How many dated pages the home page lists as recent.
    static let recentPageCount = 10

    let site: LoadedSite
    let theme: Theme
    let output: OutputFolder
    let plan: OutputPlan
    let viewModel: PageViewModel
    let listings: [Int: PageListing]
    let aliasesByTarget: [Int: [OutputRoute]]

    init(site: LoadedSite, theme: Theme, output: OutputFolder, plan: OutputPlan) {
        self.site = site
        self.theme = theme
        self.output = output
        self.plan = plan
        let listings = Self.listings(of: plan.pages)
        self.listings = listings
        self.aliasesByTarget = Dictionary(grouping: plan.aliases, by: \.target).mapValues { $0.map(\.route) }

        let homeIndex = plan.pages.firstIndex { $0.isHome }
        let navigation = homeIndex.flatMap { listings[$0] }?.sections.map {
            PageViewModel.NavigationEntry(title: $0.title, path: $0.route.urlPath)
        } ?? []
        let faviconTypes = ["favicon.svg": "image/svg+xml", "favicon.ico": "image/x-icon", "favicon.png": "image/png"]
        let favicon = plan.staticFiles.first { faviconTypes[$0.destination] != nil }.map {
            (path: "/" + $0.destination, type: faviconTypes[$0.destination]!)
        }
        self.viewModel = PageViewModel(
            configuration: site.configuration, urls: SiteURLs(baseURL: site.configuration.site.baseURL),
            navigation: navigation, favicon: favicon)
    }

    /// How many pages one work item renders and writes.
    static let pagesPerItem = 16

    /// Writes every planned page, returning one result per page in plan order.
    func writeAll() async -> [Result] {
        let count = plan.pages.count
        let size = Self.pagesPerItem
        let chunks = await BlockingWorkQueue.map((count + size - 1) / size) { chunk in
            (chunk * size..<min(chunk * size + size, count)).map(writePage)
        }
        return chunks.flatMap { $0 }
    }

    private func writePage(_ index: Int) -> Result {
        let page = plan.pages[index]
        var result = Result(index: index)
        func fail(_ message: String) -> Result {
            result.diagnostics.append(Diagnostic(path: page.page.path, location: nil, message: message))
            return result
        }

        let content: String
        do {
            content = try PageBodyRenderer.html(for: page.page.body, rawHTML: site.configuration.rawHTML)
        } catch {
            return fail("cannot render the Markdown: \(error.message)")
        }
        let templateName = Self.templateName(for: page)
        let html: String
        do {
            html = try theme.render(templateName, viewModel.page(page, content: content, listing: listings[index]))
        } catch {
            return fail("cannot render the template \(templateName): \(error.description)")
        }
        do {
            try output.write(Data(html.utf8), to: page.route.file)
        } catch {
            return fail(error.message)
        }
        result.pageWritten = true
        result.writtenPaths.append(page.route.file)

        for resource in page.resources {
            copy(resource, file: page.page.path, into: &result)
        }
        for route in aliasesByTarget[index] ?? [] {
            do {
                let redirect = try theme.render("alias", viewModel.alias(target: page))
                try output.write(Data(redirect.utf8), to: route.file)
                result.writtenPaths.append(route.file)
                result.redirectsWritten += 1
            } catch let error as MustacheError {
                result.diagnostics.append(Diagnostic(path: page.page.path, location: nil, message: "cannot render the template alias: \(error.description)"))
            } catch let error as OutputFolderError {
                result.diagnostics.append(Diagnostic(path: page.page.path, location: nil, message: error.message))
            } catch {
                result.diagnostics.append(Diagnostic(path: page.page.path, location: nil, message: "cannot write the alias \(route.urlPath): \(error)"))
            }
        }
        return result
    }

    /// Copies the static files and theme assets.
    func copySiteFiles() async -> Result {
        let staticFolder = site.configuration.staticFolder
        let files = plan.staticFiles
        let size = Self.pagesPerItem
        let chunks = await BlockingWorkQueue.map((files.count + size - 1) / size) { chunk in
            var result = Result(index: chunk)
            for file in files[(chunk * size)..<min(chunk * size + size, files.count)] {
                copy(file, file: staticFolder + "/" + file.destination, into: &result)
            }
            return result
        }
        var total = Result(index: 0)
        for result in chunks {
            total.writtenPaths += result.writtenPaths
            total.filesCopied += result.filesCopied
            total.diagnostics += result.diagnostics
        }

        for (path, source) in plan.themeAssets {
            let file = site.configuration.templatesFolder + "/" + path
            guard let data = theme.assetData(source) else {
                total.diagnostics.append(Diagnostic(path: file, location: nil, message: "cannot read the file; check its permissions"))
                continue
            }
            do {
                try output.write(data, to: path)
                total.writtenPaths.append(path)
                total.filesCopied += 1
            } catch {
                total.diagnostics.append(Diagnostic(path: file, location: nil, message: error.message))
            }
        }
        return total
    }

    /// Returns the theme template that renders a page: `home`, `list` or `page`.
    static func templateName(for page: RenderablePage) -> String {
        if page.isHome { return "home" }
        if page.page.kind == .section { return "list" }
        return "page"
    }

    private func copy(_ resource: ResourceCopy, file: String, into result: inout Result) {
        guard let data = FileManager.default.contents(atPath: resource.source.path) else {
            result.diagnostics.append(Diagnostic(
                path: file, location: nil, message: "cannot read \(resource.source.path) to copy it; check its permissions"))
            return
        }
        do {
            try output.write(data, to: resource.destination)
            result.writtenPaths.append(resource.destination)
            result.filesCopied += 1
        } catch {
            result.diagnostics.append(Diagnostic(path: file, location: nil, message: error.message))
        }
    }

    /// Works out what each list page shows: its sub-sections and pages, sorted as Hugo sorts
    /// them, and for the home page the most recent dated pages too.
    ///
    /// NOTE: a folder without `_index.md` gets no list page, where Hugo makes one for each
    /// top-level folder; its pages appear only among the home page's recent pages.
    static func listings(of pages: [RenderablePage]) -> [Int: PageListing] {
        var sectionIndex: [String: Int] = [:]
        for (index, page) in pages.enumerated() where page.page.kind == .section {
            sectionIndex[page.page.folder] = index
        }
        var listings: [Int: PageListing] = [:]
        for index in sectionIndex.values { listings[index] = PageListing() }
        for page in pages {
            if page.page.kind == .section {
                guard !page.isHome, let parent = SiteScanner.parent(of: page.page.folder), let index = sectionIndex[parent] else { continue }
                listings[index]?.sections.append(page)
            } else if let index = sectionIndex[page.page.parentFolder] {
                listings[index]?.pages.append(page)
            }
        }
        for (index, var listing) in listings {
            listing.sections = sortedForList(listing.sections)
            listing.pages = sortedForList(listing.pages)
            listings[index] = listing
        }
        if let home = sectionIndex[""] {
            let dated = pages.filter { $0.page.kind != .section && $0.published != nil }
            listings[home]?.recent = Array(SiteFeeds.newestFirst(dated).prefix(recentPageCount))
        }
        return listings
    }

    /// Sorts pages in Hugo's default order: by weight (pages without one last), then newest
    /// first, then by title.
    static func sortedForList(_ pages: [RenderablePage]) -> [RenderablePage] {
        let keyed = pages.map { page in
            (page: page, date: page.published?.date ?? .distantPast, title: page.title.lowercased())
        }
        let sorted = keyed.sorted { lhs, rhs in
            switch (lhs.page.weight, rhs.page.weight) {
            case let (left?, right?) where left != right: return left < right
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if lhs.date != rhs.date { return lhs.date > rhs.date }
            return lhs.title < rhs.title
        }
        return sorted.map(\.page)
    }
}
