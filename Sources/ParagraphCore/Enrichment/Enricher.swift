import Foundation

/// The outcome of enriching one page.
enum EnrichmentResult {
    case failed(Diagnostic)
    /// The page is not published, so nothing was filled.
    case skipped(PagePlan)
    case enriched(PagePlan, [FilledField], warnings: [Diagnostic])
}

/// Options that change which existing values a run may replace.
struct EnrichmentOptions: Sendable {
    /// Fields whose tool-owned values are generated again even when their input is unchanged.
    var regenerate: Set<Field> = []
    /// Replace a person's values too.
    var force = false
}

/// Fills the fields of selected pages, reusing and recording values in `byok.lock`.
///
/// For each field that applies to a page, the enricher decides by ownership: a
/// missing value is taken from the lock while its input is unchanged, else
/// generated; a value the tool wrote is refreshed when its input changed
/// (`refresh: on-change`) or on `--regenerate`; a person's value is kept.
///
/// NOTE: no provider adapter is wired in yet, so a field whose chosen model is a
/// provider's is filled by `builtin` as a fallback (with a warning), or fails
/// its page when `fallback: fail` is set.
struct Enricher {
    let site: LoadedSite
    let engine = BuiltinEngine()
    let options: EnrichmentOptions
    let signer: LockSigner?
    let now: Date
    private(set) var lock: LockFile
    /// Slugs already in use, per folder, so generated slugs stay unique there.
    private var slugsInUse: [String: Set<String>] = [:]

    /// The prompt version of the built-in engine; bump the text when its output changes.
    static let builtinPromptVersion = InputHash.promptVersion(template: "builtin engine 1", schema: "")

    init(site: LoadedSite, lock: LockFile = LockFile(), signer: LockSigner? = nil, options: EnrichmentOptions = EnrichmentOptions(), now: Date = Date()) {
        self.site = site
        self.lock = lock
        self.signer = signer
        self.options = options
        self.now = now
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
        let context = BuiltinPageContext(page: page, planner: site.planner, configuration: site.configuration)
        var filled: [FilledField] = []
        var providerModels = Set<String>()

        for field in site.planner.applicableFields(of: page) {
            let model: ModelReference
            do {
                model = plan.isEmbargoed ? .builtin : try site.planner.model(for: field.workflow, page: page)
            } catch {
                return .failed(error)
            }
            let path = site.configuration.path(for: field)
            let node = page.fields.value(atPath: path)
            let entry = trustedEntry(page: page.path, field: field)
            let inputHash = InputHash.compute(
                workflow: field.workflow, body: page.body, title: context.title, language: context.language,
                model: model.description, promptVersion: Self.builtinPromptVersion,
                image: field.workflow == .hero ? Array((context.heroImage ?? "").utf8) : nil)

            var replaces = false
            switch FieldOwnership.of(node, entry: entry) {
            case .person:
                guard options.force else { continue }
                replaces = true
            case .tool(let entry):
                let inputChanged = entry.inputHash != inputHash && site.configuration.refresh == .onChange
                guard inputChanged || options.regenerate.contains(field) else { continue }
                replaces = true
            case .missing:
                // A decorative image's alt text is "", which the ownership check reads as missing.
                if field == .heroAlt, context.isDecorative, node?.scalar.map({ $0.style != .plain }) == true { continue }
                if let entry, entry.inputHash == inputHash, !options.regenerate.contains(field) {
                    filled.append(FilledField(
                        field: field, value: entry.value, chosenModel: model,
                        producer: entry.isFallback ? .builtin : model, isLockHit: true))
                    continue
                }
            }

            if model != .builtin {
                guard site.configuration.fallback == .builtin else {
                    return .failed(Diagnostic(
                        path: page.path, location: nil,
                        message: "this page chose \(model), but this version cannot call providers yet and fallback is `fail`; set `fallback: builtin` or use `model: builtin`"))
                }
                providerModels.insert(model.description)
            }

            let value: FieldValue
            if field == .slug {
                let current = Self.currentSlug(of: page, configuration: site.configuration)
                let otherSlugs = slugsInUse[page.parentFolder, default: []].subtracting([current])
                let slug = engine.slug(title: context.title, existing: otherSlugs)
                slugsInUse[page.parentFolder, default: []].insert(slug)
                value = .text(slug)
            } else {
                value = context.value(for: field, engine: engine)
            }

            let record = LockEntry(
                value: value, producer: ModelReference.builtin.description,
                fallbackFor: model == .builtin ? nil : model.description, promptVersion: Self.builtinPromptVersion,
                inputHash: inputHash, generatedAt: ISO8601DateFormatter().string(from: now))
            lock.set(signer?.sign(record, page: page.path, field: field) ?? record, page: page.path, field: field)
            filled.append(FilledField(field: field, value: value, chosenModel: model, producer: .builtin, replacesValue: replaces))
        }

        if !providerModels.isEmpty {
            warnings.append(Diagnostic(
                path: page.path, location: nil,
                message: "this version cannot call providers yet, so builtin filled the fields meant for \(providerModels.sorted().joined(separator: ", "))",
                severity: .warning))
        }
        return .enriched(plan, filled, warnings: warnings)
    }

    /// The lock entry for a field, unless a build holding the secret finds its MAC invalid.
    private func trustedEntry(page: String, field: Field) -> LockEntry? {
        guard let entry = lock.entry(page: page, field: field) else { return nil }
        if let signer, !signer.verify(entry, page: page, field: field) { return nil }
        return entry
    }

    /// Drop lock entries of pages that no longer exist, after a run over the whole site.
    mutating func pruneLock(keeping paths: Set<String>) {
        for page in lock.pages.keys where !paths.contains(page) {
            for field in Field.allCases { lock.remove(page: page, field: field) }
        }
    }
}
