import Foundation

/// A page after planning: failed, not published, or ready with its fields decided.
enum Preparation {
    case failed(Diagnostic)
    case skipped(PagePlan)
    case ready(PreparedPage)
}

extension Enricher {
    /// Decides each applicable field of a page: keep, reuse from the lock, generate with
    /// `builtin` now, or wait for a provider's answer.
    ///
    /// With `preflight` nil no provider is called, so a provider's field gets its lock
    /// entry or `builtin` whatever `fallback:` says. Otherwise a model off the allowlist,
    /// a provider without an approved key, or an unknown model fails the page before any request.
    mutating func prepare(_ page: Page, preflight: ProviderPreflight?) -> Preparation {
        let plan: PagePlan
        do {
            let selection = try site.selector.select(page)
            plan = try site.planner.plan(page, selection: selection)
        } catch {
            return .failed(error)
        }
        guard plan.selection.isSelected else { return .skipped(plan) }

        let context = BuiltinPageContext(page: page, planner: site.planner, configuration: site.configuration)
        var prepared = PreparedPage(page: page, plan: plan, context: context)
        var pendingFields: [Workflow: [Field]] = [:]
        var models: [Workflow: (Provider, String)] = [:]
        var images: [Workflow: Data] = [:]

        for field in site.planner.applicableFields(of: page) {
            let model: ModelReference
            do {
                model = plan.isEmbargoed ? .builtin : try site.planner.model(for: field.workflow, page: page)
            } catch {
                return .failed(error)
            }
            let node = page.fields.value(atPath: site.configuration.path(for: field))
            let entry = trustedEntry(page: page.path, field: field)
            let heroPath = field.workflow == .hero ? Array((context.heroImage ?? "").utf8) : nil
            let builtinHash = InputHash.compute(
                workflow: field.workflow, body: page.body, title: context.title, language: context.language,
                model: model.description, promptVersion: Self.builtinPromptVersion, image: heroPath)

            var providerHash = builtinHash
            var providerUsable = false
            if case .model(let provider, let name) = model {
                // Offline runs read the image too, so their hash matches the one the provider's value was recorded with.
                let catalog = preflight?.catalog ?? .standard
                if field.workflow == .hero, images[.hero] == nil, catalog.model(provider, name)?.acceptsImages == true,
                   let bytes = heroImageBytes(context.heroImage, page: page) {
                    images[.hero] = bytes
                }
                let seen = field.workflow == .hero ? (images[.hero].map(Array.init) ?? heroPath) : nil
                providerHash = InputHash.compute(
                    workflow: field.workflow, body: page.body, title: context.title, language: context.language,
                    model: model.description, promptVersion: WorkflowPrompt.version(of: field.workflow), image: seen)
                providerUsable = preflight?.approvedProviders.contains(provider) == true
            }
            let isCurrent = { (entry: LockEntry) -> Bool in
                if entry.isFallback { return !providerUsable && entry.inputHash == builtinHash }
                return entry.inputHash == (model == .builtin ? builtinHash : providerHash)
            }

            var replaces = false
            switch FieldOwnership.of(node, entry: entry) {
            case .person:
                guard options.force else { continue }
                replaces = true
            case .tool(let entry):
                // An unverified claim that the tool wrote this value does not allow replacing it.
                if signer == nil, !options.trustUnsignedEntries, !options.force { continue }
                // A published slug is part of the page's URL, so only --regenerate slug changes it.
                if field == .slug, !options.regenerate.contains(.slug) { continue }
                let stale = !isCurrent(entry) && (site.configuration.refresh == .onChange || entry.isFallback)
                guard stale || options.regenerate.contains(field) else { continue }
                replaces = true
            case .missing:
                // A decorative image's alt text is "", which the ownership check reads as missing.
                if field == .heroAlt, context.isDecorative, node?.scalar.map({ $0.style != .plain }) == true { continue }
                if let entry, isCurrent(entry), !options.regenerate.contains(field) {
                    let producer = entry.isFallback ? ModelReference.builtin : (try? ModelReference.parse(entry.producer)) ?? model
                    prepared.slots.append(.done(FilledField(
                        field: field, value: entry.value, chosenModel: model, producer: producer, isLockHit: true)))
                    continue
                }
            }

            // A decorative hero gets alt "" without a request.
            if case .model(let provider, let name) = model, !(field == .heroAlt && context.isDecorative) {
                guard let preflight else {
                    prepared.offlineModels.insert(model.description)
                    let value = builtinValue(field, page: page, context: context)
                    recordFallback(value, field: field, page: page.path, model: model, hash: builtinHash)
                    prepared.slots.append(.done(FilledField(field: field, value: value, chosenModel: model, producer: .builtin, replacesValue: replaces)))
                    continue
                }
                if let problem = preflightProblem(provider, name, workflow: field.workflow, page: page, preflight: preflight) {
                    return .failed(problem)
                }
                pendingFields[field.workflow, default: []].append(field)
                models[field.workflow] = (provider, name)
                prepared.slots.append(.pending(field, model: model, inputHash: providerHash, builtinHash: builtinHash, replaces: replaces))
                continue
            }

            let value = builtinValue(field, page: page, context: context)
            let record = LockEntry(
                value: value, producer: ModelReference.builtin.description,
                fallbackFor: model == .builtin ? nil : model.description, promptVersion: Self.builtinPromptVersion,
                inputHash: builtinHash, generatedAt: timestamp)
            self.record(record, page: page.path, field: field)
            prepared.slots.append(.done(FilledField(field: field, value: value, chosenModel: model, producer: .builtin, replacesValue: replaces)))
        }

        for workflow in Workflow.allCases {
            guard let fields = pendingFields[workflow], let (provider, model) = models[workflow] else { continue }
            let prompt = WorkflowPrompt(
                workflow: workflow, fields: fields, title: context.title,
                headings: WorkflowPrompt.headings(of: context.document), text: context.document.source,
                language: context.language, imagePath: workflow == .hero ? context.heroImage : nil)
            let request = prompt.request(
                model: model, image: workflow == .hero ? images[.hero] : nil,
                inputTokenBudget: options.inputTokenBudget, maxOutputTokens: options.maxOutputTokens)
            prepared.requests.append((workflow, provider, model, fields, request))
        }
        return .ready(prepared)
    }

    /// Returns the error that keeps a provider model from filling this page, or nil.
    private func preflightProblem(
        _ provider: Provider, _ model: String, workflow: Workflow, page: Page, preflight: ProviderPreflight
    ) -> Diagnostic? {
        let source = site.planner.modelSource(for: workflow, page: page)
        let name = "\(provider.rawValue)/\(model)"
        if let allowed = site.configuration.providers[provider]?.models, !allowed.contains(model) {
            return Diagnostic(
                path: source.path, location: source.location,
                message: "\(name) is not on the organization's allowlist (providers.\(provider.rawValue).models: \(allowed.joined(separator: ", "))); choose one of those or ask an owner to add it")
        }
        guard preflight.approvedProviders.contains(provider) else {
            return Diagnostic(
                path: source.path, location: source.location,
                message: "no approved \(provider.displayName) key for \(name); add one with `paragraph keys set \(provider.rawValue)`, or run with --offline")
        }
        guard preflight.knows(provider, model) else {
            return Diagnostic(
                path: source.path, location: source.location,
                message: "unknown model \(name): neither the catalog nor \(provider.displayName)'s model list has it; run `paragraph models` for the known ones")
        }
        return nil
    }

    /// Reads the hero image's bytes: a path starting with `/` from the static folder, else next to the page.
    func heroImageBytes(_ image: String?, page: Page) -> Data? {
        guard let image, !image.contains("://"), !image.split(separator: "/").contains("..") else { return nil }
        let candidates: [URL]
        if image.hasPrefix("/") {
            candidates = [site.root.appendingPathComponent(site.configuration.staticFolder).appendingPathComponent(String(image.dropFirst()))]
        } else {
            let folder = site.scanner.contentURL.appendingPathComponent(page.contentPath).deletingLastPathComponent()
            candidates = [folder.appendingPathComponent(image), site.root.appendingPathComponent(site.configuration.staticFolder).appendingPathComponent(image)]
        }
        for url in candidates {
            if let data = FileManager.default.contents(atPath: url.path), data.count <= 20_000_000 { return data }
        }
        return nil
    }

    private mutating func recordFallback(_ value: FieldValue, field: Field, page: String, model: ModelReference, hash: String, usage: TokenUsage = .zero, cost: Double = 0) {
        record(LockEntry(
            value: value, producer: ModelReference.builtin.description, fallbackFor: model.description,
            promptVersion: Self.builtinPromptVersion, inputHash: hash, inputTokens: usage.inputTokens,
            outputTokens: usage.outputTokens, costUSD: cost, generatedAt: timestamp), page: page, field: field)
    }

    /// Turns a prepared page and its workflows' answers into its result, recording each value in the lock.
    ///
    /// A field without a valid answer gets `builtin`, or fails the page under `fallback: fail`
    /// (unless a spending limit stopped it, which always falls back).
    mutating func finish(_ prepared: PreparedPage, answers: [Workflow: WorkflowAnswer]) -> (result: EnrichmentResult, budgetFallbacks: Int, lockHits: [FilledField]) {
        var filled: [FilledField] = []
        var budgetFallbacks = 0
        var charged = Set<Workflow>()
        let page = prepared.page
        for slot in prepared.slots {
            guard case .pending(let field, let model, let inputHash, let builtinHash, let replaces) = slot else {
                if case .done(let value) = slot { filled.append(value) }
                continue
            }
            let answer = answers[field.workflow] ?? WorkflowAnswer(failure: ("failed", "no request was sent"))
            // The first field of a workflow carries the request's tokens and cost, so totals from the lock add up.
            let usage = charged.insert(field.workflow).inserted ? answer.usage : .zero
            // byok.lock stores six decimals, and the MAC must cover the value that is read back.
            let cost = usage == .zero ? 0 : (answer.costUSD * 1_000_000).rounded() / 1_000_000
            if var value = answer.values[field] {
                if field == .slug, case .text(let slug) = value {
                    value = .text(uniqueSlug(slug, page: page))
                }
                record(LockEntry(
                    value: value, producer: model.description, promptVersion: WorkflowPrompt.version(of: field.workflow),
                    inputHash: inputHash, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, costUSD: cost,
                    generatedAt: timestamp), page: page.path, field: field)
                filled.append(FilledField(field: field, value: value, chosenModel: model, producer: model, replacesValue: replaces))
                continue
            }
            let problem = answer.problems[field] ?? answer.failure?.message ?? "no valid answer"
            if site.configuration.fallback == .fail, !answer.stoppedByBudget {
                return (.failed(Diagnostic(
                    path: page.path, location: nil,
                    message: "\(model) could not fill \(field.rawValue): \(problem); the page is left unchanged because fallback is `fail`")),
                        budgetFallbacks, [])
            }
            if answer.stoppedByBudget { budgetFallbacks += 1 }
            let value = builtinValue(field, page: page, context: prepared.context)
            recordFallback(value, field: field, page: page.path, model: model, hash: builtinHash, usage: usage, cost: cost)
            filled.append(FilledField(field: field, value: value, chosenModel: model, producer: .builtin, replacesValue: replaces))
        }
        let lockHits = filled.filter { $0.isLockHit && !$0.isFallback }
        return (.enriched(prepared.plan, filled, warnings: prepared.warnings), budgetFallbacks, lockHits)
    }
}

extension TokenUsage {
    static func + (lhs: TokenUsage, rhs: TokenUsage) -> TokenUsage {
        TokenUsage(inputTokens: lhs.inputTokens + rhs.inputTokens, outputTokens: lhs.outputTokens + rhs.outputTokens)
    }
}
