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
    /// Whether a lock entry without a verified MAC may mark a page's value as the tool's, so
    /// that it can be replaced. False for a site whose organization has a vault, when the
    /// run lacks the secret key: then anyone who edits `byok.lock` could claim a person's
    /// text. A site without a vault has no MACs at all, and its lock is as trusted as its pages.
    var trustUnsignedEntries = true
    /// The page text sent to a model is cut to about this many tokens.
    var inputTokenBudget = 2000
    /// The output allowance of each request; reasoning models spend part of it before they answer.
    var maxOutputTokens = 1024
}

/// Fills the fields of selected pages, reusing and recording values in `byok.lock`.
///
/// For each field that applies to a page, the enricher decides by ownership: a
/// missing value is taken from the lock while its input is unchanged, else
/// generated; a value the tool wrote is refreshed when its input changed
/// (`refresh: on-change`) or on `--regenerate`; a person's value is kept.
///
/// `enrich(_:)` never sends a request: a field whose chosen model is a provider's
/// gets its lock entry or `builtin`, with a warning. `enrichAll(_:preflight:runtime:)`
/// calls the providers.
struct Enricher {
    let site: LoadedSite
    let engine = BuiltinEngine()
    let options: EnrichmentOptions
    let signer: LockSigner?
    let now: Date
    var lock: LockFile
    /// Slugs already in use, per folder, so generated slugs stay unique there.
    var slugsInUse: [String: Set<String>] = [:]

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

    /// Enriches one page without sending any request.
    mutating func enrich(_ page: Page) -> EnrichmentResult {
        var prepared: PreparedPage
        switch prepare(page, preflight: nil) {
        case .failed(let diagnostic): return .failed(diagnostic)
        case .skipped(let plan): return .skipped(plan)
        case .ready(let value): prepared = value
        }
        if !prepared.offlineModels.isEmpty {
            prepared.warnings.append(Diagnostic(
                path: page.path, location: nil,
                message: "no provider is called here, so byok.lock and builtin filled the fields meant for \(prepared.offlineModels.sorted().joined(separator: ", "))",
                severity: .warning))
        }
        return finish(prepared, answers: [:]).result
    }

    /// Returns the lock entry for a field, unless a build with the secret finds its MAC invalid.
    func trustedEntry(page: String, field: Field) -> LockEntry? {
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

    /// Records a value in the lock, signed when the run holds the secret.
    mutating func record(_ entry: LockEntry, page: String, field: Field) {
        lock.set(signer?.sign(entry, page: page, field: field) ?? entry, page: page, field: field)
    }

    /// Returns a value of `builtin` for a field, making a slug unique in its folder.
    mutating func builtinValue(_ field: Field, page: Page, context: BuiltinPageContext) -> FieldValue {
        guard field == .slug else { return context.value(for: field, engine: engine) }
        let current = Self.currentSlug(of: page, configuration: site.configuration)
        let otherSlugs = slugsInUse[page.parentFolder, default: []].subtracting([current])
        let slug = engine.slug(title: context.title, existing: otherSlugs)
        slugsInUse[page.parentFolder, default: []].insert(slug)
        return .text(slug)
    }

    /// Returns `slug`, or a variant of it that no other page in the folder uses, and reserves it.
    mutating func uniqueSlug(_ slug: String, page: Page) -> String {
        let current = Self.currentSlug(of: page, configuration: site.configuration)
        let otherSlugs = slugsInUse[page.parentFolder, default: []].subtracting([current])
        let unique = otherSlugs.contains(slug) ? engine.slug(title: slug, existing: otherSlugs) : slug
        slugsInUse[page.parentFolder, default: []].insert(unique)
        return unique
    }

    var timestamp: String { ISO8601DateFormatter().string(from: now) }
}
