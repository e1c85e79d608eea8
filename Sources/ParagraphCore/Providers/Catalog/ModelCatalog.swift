/// Prices of one model in US dollars per million tokens.
public struct ModelPrice: Sendable, Equatable {
    public var inputPerMillion: Double
    public var outputPerMillion: Double
    /// The price of input tokens read from the provider's prompt cache; nil bills them at `inputPerMillion`.
    public var cachedInputPerMillion: Double?

    public init(input: Double, output: Double, cachedInput: Double? = nil) {
        inputPerMillion = input
        outputPerMillion = output
        cachedInputPerMillion = cachedInput
    }
}

/// How a model can be held to a JSON answer.
public enum StructuredOutputMode: String, Sendable, CaseIterable {
    /// The provider enforces the schema: OpenAI-style strict `json_schema`, Anthropic's
    /// forced tool call, or Gemini's response schema.
    case strictSchema
    /// The provider takes the schema but may return JSON that does not match it (Groq's `strict: false`).
    case bestEffortSchema
    /// Only a JSON mode: the schema, and any example, go into the system message.
    case jsonMode
}

/// The capabilities and prices of one model.
public struct ModelInfo: Sendable, Equatable {
    public var provider: Provider
    /// The id as the provider's API takes it, such as `gpt-5-mini` or `openai/gpt-oss-120b` on Groq.
    public var id: String
    /// Input and output tokens together, or nil where no source was found.
    public var contextWindow: Int?
    public var acceptsImages: Bool
    public var structuredOutput: StructuredOutputMode
    /// Whether the provider can search the web for this model on its own servers.
    public var serverSideWebSearch: Bool
    /// Nil for a model the catalog does not know.
    public var price: ModelPrice?

    public init(
        _ provider: Provider, _ id: String, context: Int?, images: Bool, output: StructuredOutputMode, webSearch: Bool,
        price: ModelPrice?
    ) {
        self.provider = provider
        self.id = id
        contextWindow = context
        acceptsImages = images
        structuredOutput = output
        serverSideWebSearch = webSearch
        self.price = price
    }

    /// Whether the model takes a JSON schema for its answer, strictly or on a best-effort basis.
    public var supportsJSONSchema: Bool { structuredOutput != .jsonMode }

    /// Whether `paragraph draft` can run on this model: for now only OpenAI's Responses API web search is wired up.
    public var supportsParagraphWebSearch: Bool { provider == .openai && serverSideWebSearch }

    /// Estimate the cost of `usage` in US dollars, or return nil when the price is unknown.
    public func cost(of usage: TokenUsage) -> Double? {
        price.map(usage.cost(at:))
    }
}

/// The models in Paragraph's catalog, per provider.
///
/// A model missing from the catalog still works when the provider has it: it gets
/// its provider's defaults (`ModelCatalog.defaults(for:)`) and no price.
public struct ModelCatalog: Sendable {
    public var models: [ModelInfo]

    public init(models: [ModelInfo]) {
        self.models = models
    }

    /// The catalog shipped with this version of Paragraph.
    public static let standard = ModelCatalog(
        models: openAIModels + anthropicModels + googleModels + xAIModels + groqModels + deepSeekModels)

    /// Find a model by its id, also when it carries a date suffix such as
    /// `claude-haiku-4-5-20251001` or `gpt-4.1-nano-2025-04-14`.
    public func model(_ provider: Provider, _ id: String) -> ModelInfo? {
        if let exact = models.first(where: { $0.provider == provider && $0.id == id }) {
            return exact
        }
        guard let undated = Self.removingDateSuffix(id) else { return nil }
        return models.first { $0.provider == provider && $0.id == undated }
    }

    public func models(of provider: Provider) -> [ModelInfo] {
        models.filter { $0.provider == provider }
    }

    /// The highest input and output prices among the provider's models, for budgeting a model of unknown price.
    public func highestPrice(of provider: Provider) -> ModelPrice? {
        let prices = models(of: provider).compactMap(\.price)
        guard let input = prices.map(\.inputPerMillion).max(), let output = prices.map(\.outputPerMillion).max() else {
            return nil
        }
        return ModelPrice(input: input, output: output)
    }

    /// What an adapter assumes about a model the catalog does not know.
    ///
    /// Images are left out because sending one to a text-only model fails the request,
    /// the structured-output mode is one that every current model of the provider
    /// accepts, and the price is unknown.
    public static func defaults(for provider: Provider, id: String) -> ModelInfo {
        let output: StructuredOutputMode
        switch provider {
        case .openai, .anthropic, .google, .xai: output = .strictSchema
        case .groq, .deepseek: output = .jsonMode
        }
        return ModelInfo(
            provider, id, context: nil, images: false, output: output, webSearch: false, price: nil)
    }

    /// Strip `-YYYYMMDD` or `-YYYY-MM-DD` from the end of a model id.
    static func removingDateSuffix(_ id: String) -> String? {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        let isDigits: (Substring, Int) -> Bool = { part, count in part.count == count && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber) }
        if parts.count > 1, isDigits(parts[parts.count - 1], 8) {
            return parts.dropLast().joined(separator: "-")
        }
        if parts.count > 3, isDigits(parts[parts.count - 3], 4), isDigits(parts[parts.count - 2], 2), isDigits(parts[parts.count - 1], 2) {
            return parts.dropLast(3).joined(separator: "-")
        }
        return nil
    }
}
