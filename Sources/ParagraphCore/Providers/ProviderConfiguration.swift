import Foundation

/// The key, base URL and HTTP client an adapter needs to reach its provider.
public struct ProviderConfiguration: Sendable {
    public var provider: Provider
    /// The organization's key, sent only in request headers.
    public var apiKey: String
    /// The provider's documented base URL, or the `base_url` from `byok.yaml`.
    public var baseURL: String
    public var client: HTTPClient
    public var catalog: ModelCatalog
    /// The wall-clock time, for `Retry-After` dates.
    public var now: @Sendable () -> Date

    /// - Parameter baseURL: Replaces the documented base URL when set, as `providers.<name>.base_url` does.
    public init(
        provider: Provider, apiKey: String, baseURL: String? = nil, client: HTTPClient, catalog: ModelCatalog = .standard,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.provider = provider
        // A key pasted with a trailing newline would otherwise make the header invalid.
        self.apiKey = apiKey.trimmingCharacters(in: .whitespacesAndNewlines)
        self.baseURL = baseURL ?? provider.defaultBaseURL
        self.client = client
        self.catalog = catalog
        self.now = now
    }

    /// Build a configuration whose base URL comes from the site's `byok.yaml`, when it sets one.
    public init(
        provider: Provider, apiKey: String, site: SiteConfiguration, client: HTTPClient, catalog: ModelCatalog = .standard
    ) {
        self.init(provider: provider, apiKey: apiKey, baseURL: site.providers[provider]?.baseURL, client: client, catalog: catalog)
    }

    /// The catalog's entry for `model`, or the provider's defaults for a model the catalog does not know.
    func modelInfo(_ model: String) -> ModelInfo {
        catalog.model(provider, model) ?? ModelCatalog.defaults(for: provider, id: model)
    }
}

extension Provider {
    /// The base URL in the provider's own documentation; request paths are appended to it.
    public var defaultBaseURL: String {
        switch self {
        case .openai: return "https://api.openai.com/v1"
        case .anthropic: return "https://api.anthropic.com"
        case .google: return "https://generativelanguage.googleapis.com/v1beta"
        case .xai: return "https://api.x.ai/v1"
        case .groq: return "https://api.groq.com/openai/v1"
        case .deepseek: return "https://api.deepseek.com"
        }
    }
}

/// Make the adapter for a provider.
public func makeModelProvider(_ configuration: ProviderConfiguration) -> any ModelProvider {
    switch configuration.provider {
    case .openai: return OpenAIProvider(configuration)
    case .anthropic: return AnthropicProvider(configuration)
    case .google: return GoogleProvider(configuration)
    case .xai: return XAIProvider(configuration)
    case .groq: return GroqProvider(configuration)
    case .deepseek: return DeepSeekProvider(configuration)
    }
}
