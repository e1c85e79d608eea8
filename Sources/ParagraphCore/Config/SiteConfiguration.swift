/// The settings of one site, read from its `byok.yaml`.
public struct SiteConfiguration: Sendable {
    public struct Site: Sendable {
        public var title: String = "Untitled site"
        public var baseURL: String = "https://example.com"
        public var language: String = "en"
    }

    public struct Defaults: Sendable {
        /// The site-wide model for every AI field.
        public var model: ModelReference = .builtin
        public var seo: ModelReference?
        public var hero: ModelReference?
        /// The model `paragraph draft` uses.
        public var draft: ModelReference?
    }

    public enum Fallback: String, Sendable, CaseIterable {
        case builtin, fail
    }

    public enum SlugSource: String, Sendable, CaseIterable {
        case file, title
    }

    public enum RefreshPolicy: String, Sendable, CaseIterable {
        case onChange = "on-change"
        case never
    }

    public struct ProviderSettings: Sendable {
        /// The organization's allowlist of model names; nil allows every model.
        public var models: [String]?
        public var maxConcurrency: Int?
        public var requestsPerMinute: Int?
        public var baseURL: String?
    }

    public struct Budget: Sendable {
        public var maxUSDPerBuild: Double?
        public var maxUSDPerMonth: Double?
    }

    public var site = Site()
    public var organization: String?
    public var keysFile = "byok.keys"
    public var contentFolder = "content"
    public var templatesFolder = "templates"
    public var staticFolder = "static"
    public var outputFolder = "public"
    public var exclude: [Glob] = []
    public var rawHTML = false
    public var defaults = Defaults()
    public var fallback = Fallback.builtin
    public var fill: [Field] = Field.defaultFill
    /// Front-matter paths for logical fields, e.g. `seo.keywords` read and written as `keywords`.
    public var fieldPaths: [Field: String] = [:]
    public var slugs = SlugSource.file
    public var refresh = RefreshPolicy.onChange
    /// Alias names to the model references they stand for.
    public var aliases: [String: ModelReference] = [:]
    public var providers: [Provider: ProviderSettings] = [:]
    public var budget = Budget()

    public init() {}

    /// The front-matter path a logical field is read from and written to.
    public func path(for field: Field) -> String {
        fieldPaths[field] ?? field.rawValue
    }

    /// Resolve an alias to its model reference; other references are returned as they are.
    public func resolve(_ reference: ModelReference) -> ModelReference {
        if case .alias(let name) = reference, let target = aliases[name] {
            return target
        }
        return reference
    }
}

/// A metadata field Paragraph can fill, named by its default front-matter path.
public enum Field: String, Sendable, CaseIterable, Codable, Hashable {
    case description
    case seoTitle = "seo.title"
    case seoKeywords = "seo.keywords"
    case slug
    case heroAlt = "hero.alt"
    case heroCaption = "hero.caption"

    public static let defaultFill: [Field] = [.description, .seoTitle, .slug, .heroAlt, .heroCaption]

    /// The workflow whose default model fills this field.
    public var workflow: Workflow {
        switch self {
        case .description, .seoTitle, .seoKeywords, .slug: return .seo
        case .heroAlt, .heroCaption: return .hero
        }
    }
}

public enum Workflow: String, Sendable, CaseIterable, Codable {
    case seo, hero
}

/// The six providers whose keys an organization can bring.
public enum Provider: String, Sendable, CaseIterable, Codable, Hashable {
    case openai, anthropic, google, xai, groq, deepseek
}

/// A model as written in front matter or `byok.yaml`: `builtin`, `provider/model` or an alias.
public enum ModelReference: Sendable, Hashable, CustomStringConvertible {
    case builtin
    case model(Provider, String)
    case alias(String)

    public var description: String {
        switch self {
        case .builtin: return "builtin"
        case .model(let provider, let name): return "\(provider.rawValue)/\(name)"
        case .alias(let name): return name
        }
    }
}
