import Foundation

/// Selects and enriches one page and works out everything its templates need: the first
/// phase of a build, run on many pages at once with one preparer per task.
///
/// Enrichment results are used in memory only; no Markdown file is written.
struct PagePreparer {
    enum Outcome: Sendable {
        case prepared(RenderablePage)
        /// The page is not published.
        case skipped
        case failed(Diagnostic)
    }

    let site: LoadedSite
    let router: PageRouter
    let resources: ResourceLocator
    var enricher: Enricher

    /// Results computed before the build, by page path, which take the place of `enricher`.
    var enrichment: [String: EnrichmentResult] = [:]

    init(site: LoadedSite, enricher: Enricher, enrichment: [String: EnrichmentResult] = [:]) {
        self.enrichment = enrichment
        self.site = site
        self.router = PageRouter(configuration: site.configuration)
        self.resources = ResourceLocator(site: site)
        self.enricher = enricher
    }

    mutating func prepare(_ page: Page) -> Outcome {
        do throws(Diagnostic) {
            var filled: [FilledField] = []
            var warnings: [Diagnostic] = []
            if site.planner.missingFields(of: page).isEmpty {
                // Nothing to fill, so the page is selected and its model choices checked here.
                let selection = try site.selector.select(page)
                guard selection.isSelected else { return .skipped }
                _ = try site.planner.plan(page, selection: selection)
            } else {
                // The enricher selects and plans the page itself.
                switch enrichment[page.path] ?? enricher.enrich(page) {
                case .failed(let diagnostic): throw diagnostic
                case .skipped: return .skipped
                case .enriched(_, let values, let enrichmentWarnings):
                    filled = values
                    warnings = enrichmentWarnings
                }
            }
            return .prepared(try prepare(page, filled: filled, warnings: warnings))
        } catch {
            return .failed(error)
        }
    }

    private func prepare(_ page: Page, filled: [FilledField], warnings: [Diagnostic]) throws(Diagnostic) -> RenderablePage {
        let configuration = site.configuration
        // The built-in engine's view of the page parses the body; it is made only when a value needs it.
        var builtinContext: BuiltinPageContext?
        func builtin() -> BuiltinPageContext {
            if let builtinContext { return builtinContext }
            let context = BuiltinPageContext(page: page, planner: site.planner, configuration: configuration)
            builtinContext = context
            return context
        }
        func text(_ field: Field) -> String? {
            if let value = page.fields.value(atPath: configuration.path(for: field))?.string?
                .trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty {
                return value
            }
            if case .text(let value)? = filled.first(where: { $0.field == field })?.value, !value.isEmpty {
                return value
            }
            return nil
        }
        func builtinText(_ field: Field) -> String {
            if case .text(let value) = builtin().value(for: field, engine: enricher.engine) { return value }
            return ""
        }

        let isHome = page.kind == .section && page.folder.isEmpty
        var title = page.frontMatterTitle ?? (isHome ? configuration.site.title : builtin().title)
        if title.isEmpty { title = configuration.site.title }
        var showsTitle = true
        if page.frontMatterTitle == nil, !isHome, case .heading(level: 1)? = builtin().document.firstHeading?.kind {
            showsTitle = false
        }

        // A field missing from `fill:` still gets a builtin value where every page must have one.
        var description = text(.description) ?? builtinText(.description)
        if description.isEmpty { description = title }

        let slug: String?
        if case .text(let value)? = filled.first(where: { $0.field == .slug })?.value { slug = value } else { slug = nil }
        let route = try router.route(for: page, filledSlug: slug)
        let aliases = try router.aliasRoutes(for: page)

        var hero: RenderablePage.Hero?
        var copies = try resources.bundleResources(of: page, route: route)
        if let image = site.planner.heroImage(of: page) {
            let located = try resources.heroImage(image, node: page.fields.value(atPath: "hero.image"), of: page, route: route)
            if let copy = located.copy, !copies.contains(where: { $0.destination == copy.destination }) {
                copies.append(copy)
            }
            let isDecorative = site.planner.isDecorative(page)
            var alt = ""
            if !isDecorative {
                alt = text(.heroAlt) ?? builtinText(.heroAlt)
                if alt.isEmpty { alt = title }
            }
            hero = RenderablePage.Hero(
                location: located.location, isRemote: located.isRemote, alt: alt,
                caption: text(.heroCaption) ?? "", isDecorative: isDecorative)
        }

        return RenderablePage(
            page: page, route: route, aliases: aliases, title: title, showsTitle: showsTitle,
            headTitle: text(.seoTitle) ?? title, description: description, keywords: keywords(of: page, filled: filled),
            hero: hero, language: language(of: page),
            published: try date(["date", "publishDate"], of: page), modified: try date(["lastmod"], of: page),
            weight: page.field("weight")?.scalar.flatMap { Int($0.text) }.flatMap { $0 == 0 ? nil : $0 },
            filled: filled, warnings: warnings, resources: copies)
    }

    private func keywords(of page: Page, filled: [FilledField]) -> [String] {
        if let node = page.fields.value(atPath: site.configuration.path(for: .seoKeywords)) {
            let items = node.sequence?.compactMap(\.string)
                ?? node.string?.split(separator: ",").map(String.init) ?? []
            let trimmed = items.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            if !trimmed.isEmpty { return trimmed }
        }
        if case .list(let items)? = filled.first(where: { $0.field == .seoKeywords })?.value { return items }
        return []
    }

    /// Returns the page's `lang`, else the site's. A value that is not a language tag such as `en` or `pt-BR` is ignored.
    private func language(of page: Page) -> String {
        if let language = page.field("lang")?.string, Self.isLanguageTag(language) { return language }
        return Self.isLanguageTag(site.configuration.site.language) ? site.configuration.site.language : "en"
    }

    static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...8).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return false
        }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }

    /// Returns the date under the first of `keys` that the page sets. A value that is not a date fails the page.
    private func date(_ keys: [String], of page: Page) throws(Diagnostic) -> PageDate? {
        for key in keys {
            guard let node = page.field(key), !node.isEmptyValue else { continue }
            guard let text = node.string, let date = DateParser.parse(text) else {
                throw Diagnostic(
                    path: page.path, location: node.location,
                    message: "\(key) is not a date; write it as 2024-01-31 or 2024-01-31T10:00:00Z")
            }
            return PageDate(date: date, text: text)
        }
        return nil
    }
}
