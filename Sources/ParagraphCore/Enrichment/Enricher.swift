/// The outcome of enriching one page.
enum EnrichmentResult {
    case failed(Diagnostic)
    /// The page is not published, so nothing was filled.
    case skipped(PagePlan)
    case enriched(PagePlan, [FilledField], warnings: [Diagnostic])
}

/// Fills the missing fields of selected pages.
///
/// NOTE: no provider adapter exists yet, so a field whose chosen model is a
/// provider's is filled by `builtin` as a fallback (with a warning), or fails
/// its page when `fallback: fail` is set.
struct Enricher {
    let site: LoadedSite
    let engine = BuiltinEngine()
    /// Slugs already in use, per folder, so generated slugs stay unique there.
    private var slugsInUse: [String: Set<String>] = [:]

    init(site: LoadedSite) {
        self.site = site
        for page in site.pages where page.kind != .section {
            slugsInUse[page.parentFolder, default: []].insert(Self.currentSlug(of: page, configuration: site.configuration))
        }
    }

    /// Returns the slug a page has now: its `slug:` value, else its file name as Hugo makes it.
    static func currentSlug(of page: Page, configuration: SiteConfiguration) -> String {
        if let slug = page.fields.value(atPath: configuration.path(for: .slug))?.string, !slug.isEmpty {
            return slug
        }
        return page.baseName.lowercased().replacingOccurrences(of: " ", with: "-")
    }

    mutating func enrich(_ page: Page) -> EnrichmentResult {
        let plan: PagePlan
        do {
            let selection = try site.selector.select(page)
            plan = try site.planner.plan(page, selection: selection)
        } catch {
            return .failed(error)
        }
        guard plan.selection.isSelected else { return .skipped(plan) }

        var warnings: [Diagnostic] = []
        let providerFields = plan.assignments.filter { $0.model != .builtin }
        if !providerFields.isEmpty {
            let models = Set(providerFields.map(\.model.description)).sorted().joined(separator: ", ")
            guard site.configuration.fallback == .builtin else {
                return .failed(Diagnostic(
                    path: page.path, location: nil,
                    message: "this page chose \(models), but this version cannot call providers yet and fallback is `fail`; set `fallback: builtin` or use `model: builtin`"))
            }
            warnings.append(Diagnostic(
                path: page.path, location: nil,
                message: "this version cannot call providers yet, so builtin filled the fields meant for \(models)",
                severity: .warning))
        }

        let context = BuiltinPageContext(page: page, planner: site.planner, configuration: site.configuration)
        var filled: [FilledField] = []
        for (field, model) in plan.assignments {
            let value: FieldValue
            switch field {
            case .slug:
                let otherSlugs = slugsInUse[page.parentFolder, default: []].subtracting([Self.currentSlug(of: page, configuration: site.configuration)])
                let slug = engine.slug(title: context.title, existing: otherSlugs)
                slugsInUse[page.parentFolder, default: []].insert(slug)
                value = .text(slug)
            default:
                value = context.value(for: field, engine: engine)
            }
            filled.append(FilledField(field: field, value: value, chosenModel: model, producer: .builtin))
        }
        return .enriched(plan, filled, warnings: warnings)
    }
}
