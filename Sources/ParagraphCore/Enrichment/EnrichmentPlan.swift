import Foundation

/// The fields one page lacks, with the model that fills each.
public struct PagePlan: Sendable {
    public var page: Page
    public var selection: PageSelection
    /// Missing fields in `fill:` order, each with the model chosen for it.
    public var assignments: [(field: Field, model: ModelReference)]
    /// True when the page has `ai: false`, so only `builtin` may fill it.
    public var isEmbargoed: Bool

    public var missingFields: [Field] { assignments.map(\.field) }
}

/// Works out, for each selected page, the fields it lacks and the model for each.
///
/// The model is chosen in this order: the page's `ai:` override for the
/// field's workflow, the page's `model:`, the workflow default in `byok.yaml`,
/// the site default, and finally `builtin`. Page values may be inherited
/// through an ancestor's `cascade:`.
public struct EnrichmentPlanner: Sendable {
    public var configuration: SiteConfiguration
    public var selector: PageSelector

    public init(configuration: SiteConfiguration, selector: PageSelector) {
        self.configuration = configuration
        self.selector = selector
    }

    public func plan(_ page: Page, selection: PageSelection) throws(Diagnostic) -> PagePlan {
        var assignments: [(field: Field, model: ModelReference)] = []
        let embargoed = try isEmbargoed(page)
        guard selection.isSelected else {
            return PagePlan(page: page, selection: selection, assignments: [], isEmbargoed: embargoed)
        }
        for field in missingFields(of: page) {
            let model = embargoed ? .builtin : try model(for: field.workflow, page: page)
            assignments.append((field, model))
        }
        return PagePlan(page: page, selection: selection, assignments: assignments, isEmbargoed: embargoed)
    }

    /// Returns the fields named in `fill:` that the page lacks and that apply to it.
    public func missingFields(of page: Page) -> [Field] {
        applicableFields(of: page).filter { field in
            let value = page.fields.value(atPath: configuration.path(for: field))
            guard isMissing(value) else { return false }
            // A quoted "" is the intended alt text of a decorative image, not a missing one.
            if field == .heroAlt, isDecorative(page), let value, value.scalar?.style != .plain { return false }
            return true
        }
    }

    /// Returns the fields named in `fill:` that apply to the page, whether it has them or not.
    public func applicableFields(of page: Page) -> [Field] {
        configuration.fill.filter { field in
            switch field {
            case .description, .seoKeywords:
                return true
            case .seoTitle:
                let title = page.fields["title"]?.string?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                return title.isEmpty || title.count > BuiltinLimits.titleLength
            case .slug:
                return configuration.slugs == .title && page.kind != .section
            case .heroAlt, .heroCaption:
                return heroImage(of: page) != nil
            }
        }
    }

    public func heroImage(of page: Page) -> String? {
        guard let image = page.fields.value(atPath: "hero.image")?.string?.trimmingCharacters(in: .whitespaces),
              !image.isEmpty else { return nil }
        return image
    }

    public func isDecorative(_ page: Page) -> Bool {
        if case .bool(true) = page.fields.value(atPath: "hero.decorative")?.scalar?.value { return true }
        return false
    }

    private func isMissing(_ node: YAMLNode?) -> Bool {
        guard let node else { return true }
        switch node.content {
        case .scalar(let scalar):
            return scalar.value == .null || scalar.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        case .sequence(let items):
            return items.isEmpty
        case .mapping(let pairs):
            return pairs.isEmpty
        }
    }

    private func isEmbargoed(_ page: Page) throws(Diagnostic) -> Bool {
        guard let (node, source) = selector.effectiveValue("ai", for: page) else { return false }
        if case .bool(let flag) = node.scalar?.value { return !flag }
        if node.mapping != nil || node.isEmptyValue { return false }
        throw Diagnostic(
            path: source ?? page.path, location: node.location,
            message: "ai must be false or a mapping such as `ai: {seo: openai/gpt-5-mini}`")
    }

    /// Chooses the model for a workflow on this page, in the order the type's documentation gives.
    public func model(for workflow: Workflow, page: Page) throws(Diagnostic) -> ModelReference {
        if let (node, source) = selector.effectiveValue("ai", for: page), let pairs = node.mapping {
            for pair in pairs {
                guard let key = pair.key.scalar?.text, Workflow(rawValue: key) != nil else {
                    throw Diagnostic(
                        path: source ?? page.path, location: pair.key.location,
                        message: "unknown workflow \"\(pair.key.scalar?.text ?? "")\" under ai; use seo or hero")
                }
                if key == workflow.rawValue {
                    return try reference(pair.value, page: page, source: source)
                }
            }
        }
        if let (node, source) = selector.effectiveValue("model", for: page), !node.isEmptyValue {
            return try reference(node, page: page, source: source)
        }
        switch workflow {
        case .seo: if let model = configuration.defaults.seo { return model }
        case .hero: if let model = configuration.defaults.hero { return model }
        }
        return configuration.defaults.model
    }

    private func reference(_ node: YAMLNode, page: Page, source: String?) throws(Diagnostic) -> ModelReference {
        let path = source ?? page.path
        guard let text = node.string else {
            throw Diagnostic(path: path, location: node.location, message: "the model must be text such as `builtin` or `openai/gpt-5-mini`")
        }
        let parsed: ModelReference
        do {
            parsed = try ModelReference.parse(text)
        } catch {
            throw Diagnostic(path: path, location: node.location, message: error.message)
        }
        if case .alias(let name) = parsed {
            guard let target = configuration.aliases[name] else {
                let known = configuration.aliases.keys.sorted()
                let hint = known.isEmpty ? "define it under aliases: in byok.yaml" : "known aliases are \(known.joined(separator: ", "))"
                throw Diagnostic(path: path, location: node.location, message: "unknown alias \"\(name)\"; \(hint), or write `provider/model`")
            }
            return target
        }
        return parsed
    }
}

/// Length limits of the generated fields, in characters.
public enum BuiltinLimits {
    public static let descriptionLength = 155
    public static let titleLength = 60
    public static let slugLength = 60
}
