/// The parts of one page that the built-in engine reads.
struct BuiltinPageContext {
    let page: Page
    let document: MarkdownDocument
    let title: String
    let language: String
    let heroImage: String?
    let isDecorative: Bool

    init(page: Page, planner: EnrichmentPlanner, configuration: SiteConfiguration) {
        self.page = page
        self.document = page.parseBody()
        self.title = page.displayTitle(document: document)
        self.language = page.field("lang")?.string ?? configuration.site.language
        self.heroImage = planner.heroImage(of: page)
        self.isDecorative = planner.isDecorative(page)
    }

    /// Computes the value `builtin` proposes for a field. A slug from here is not yet unique in its folder.
    func value(for field: Field, engine: BuiltinEngine) -> FieldValue {
        let fileName = page.baseName.isEmpty ? "home" : page.baseName
        switch field {
        case .description:
            return .text(engine.description(document: document, title: page.frontMatterTitle ?? title, fileName: fileName))
        case .seoTitle:
            let heading = document.firstHeading?.plainText
            return .text(engine.seoTitle(title: page.frontMatterTitle, firstHeading: heading, fileName: fileName) ?? title)
        case .seoKeywords:
            // An empty list would be written as `[]`, which reads as missing on every later run.
            let keywords = engine.keywords(document: document, title: title, language: language)
            return .list(keywords.isEmpty ? [title.lowercased()] : keywords)
        case .slug:
            return .text(engine.slug(title: title))
        case .heroAlt:
            guard let heroImage, !isDecorative else { return .text("") }
            return .text(engine.heroAlt(imagePath: heroImage, title: title, nearbyText: nearbyText(engine)))
        case .heroCaption:
            return .text(engine.heroCaption(imagePath: heroImage ?? "", title: title, nearbyText: nearbyText(engine)))
        }
    }

    private func nearbyText(_ engine: BuiltinEngine) -> String {
        engine.description(document: document, title: title, fileName: page.baseName)
    }
}
