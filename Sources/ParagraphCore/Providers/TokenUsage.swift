/// Tokens one request used, normalised across providers.
///
/// Providers count differently: OpenAI, DeepSeek and Groq include reasoning in their
/// completion tokens, xAI does not, Gemini reports reasoning as `thoughtsTokenCount`
/// beside its candidate tokens, and Anthropic reports cache reads beside its input
/// tokens. Each adapter converts its provider's counts to these totals.
public struct TokenUsage: Sendable, Equatable {
    /// All input tokens, cached ones included.
    public var inputTokens: Int
    /// The part of `inputTokens` read from the provider's prompt cache, billed at a lower price.
    public var cachedInputTokens: Int
    /// All billed output tokens, reasoning included.
    public var outputTokens: Int
    /// The part of `outputTokens` the model spent reasoning.
    public var reasoningTokens: Int

    public init(inputTokens: Int, cachedInputTokens: Int = 0, outputTokens: Int, reasoningTokens: Int = 0) {
        self.inputTokens = inputTokens
        self.cachedInputTokens = cachedInputTokens
        self.outputTokens = outputTokens
        self.reasoningTokens = reasoningTokens
    }

    public static let zero = TokenUsage(inputTokens: 0, outputTokens: 0)

    public var totalTokens: Int { inputTokens + outputTokens }

    /// Estimate the cost in US dollars at `price`.
    ///
    /// Cached input tokens cost the cached price where the catalog has one, else the full input price.
    public func cost(at price: ModelPrice) -> Double {
        let cached = min(cachedInputTokens, inputTokens)
        let uncached = inputTokens - cached
        let cachedPrice = price.cachedInputPerMillion ?? price.inputPerMillion
        let total = Double(uncached) * price.inputPerMillion + Double(cached) * cachedPrice
            + Double(outputTokens) * price.outputPerMillion
        return total / 1_000_000
    }
}
