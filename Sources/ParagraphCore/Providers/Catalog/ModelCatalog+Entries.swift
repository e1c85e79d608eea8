// The models per provider. Prices are US dollars per million tokens: input, output
// and, where given, cached input. Each list names where its prices and limits come
// from and when they were read. Providers change prices and retire models often, so
// `paragraph models --refresh` checks the ids against each provider's model list.

extension ModelCatalog {
    // OpenAI. Prices: OpenAI's pricing page as quoted by morphllm.com/openai-api-pricing
    // (June 2026) for the GPT-5.4 and GPT-5.5 models, and by deploybase.ai (March 2026)
    // for the others, all matching LiteLLM's price table of 2026-07-24. Web search: the
    // Responses API's `web_search` tool. Every model here takes strict `json_schema`.
    // NOTE: the context windows of gpt-5.4 and gpt-5.5 are from third-party listings.
    static let openAIModels: [ModelInfo] = [
        ModelInfo(.openai, "gpt-5.5", context: 1_000_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 5.00, output: 30.00, cachedInput: 0.50)),
        ModelInfo(.openai, "gpt-5.4", context: 1_000_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 2.50, output: 15.00, cachedInput: 0.25)),
        ModelInfo(.openai, "gpt-5.4-mini", context: 400_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 0.75, output: 4.50, cachedInput: 0.075)),
        ModelInfo(.openai, "gpt-5.4-nano", context: 400_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 0.20, output: 1.25, cachedInput: 0.02)),
        ModelInfo(.openai, "gpt-5", context: 400_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 1.25, output: 10.00, cachedInput: 0.125)),
        ModelInfo(.openai, "gpt-5-mini", context: 400_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 0.25, output: 2.00, cachedInput: 0.025)),
        ModelInfo(.openai, "gpt-5-nano", context: 400_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 0.05, output: 0.40, cachedInput: 0.005)),
        ModelInfo(.openai, "gpt-4.1", context: 1_047_576, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 2.00, output: 8.00, cachedInput: 0.50)),
        ModelInfo(.openai, "gpt-4.1-mini", context: 1_047_576, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 0.40, output: 1.60, cachedInput: 0.10)),
        ModelInfo(.openai, "gpt-4.1-nano", context: 1_047_576, images: true, output: .strictSchema, webSearch: false,
                  price: ModelPrice(input: 0.10, output: 0.40, cachedInput: 0.025)),
        ModelInfo(.openai, "gpt-4o", context: 128_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 2.50, output: 10.00, cachedInput: 1.25)),
        ModelInfo(.openai, "gpt-4o-mini", context: 128_000, images: true, output: .strictSchema, webSearch: false,
                  price: ModelPrice(input: 0.15, output: 0.60, cachedInput: 0.075)),
        ModelInfo(.openai, "o4-mini", context: 200_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 1.10, output: 4.40, cachedInput: 0.275)),
        ModelInfo(.openai, "o3", context: 200_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 2.00, output: 8.00, cachedInput: 0.50)),
        ModelInfo(.openai, "o3-mini", context: 200_000, images: false, output: .strictSchema, webSearch: false,
                  price: ModelPrice(input: 1.10, output: 4.40, cachedInput: 0.55)),
    ]

    // Anthropic. Prices: platform.claude.com/docs/en/about-claude/pricing, read 2026-08
    // ("Cache hits and refreshes" is the cached price). Structured output is a forced
    // tool call, and web search is the `web_search` server tool.
    // NOTE: context windows are the 200,000 tokens every Claude 4.5 model has; later
    // models may offer more.
    static let anthropicModels: [ModelInfo] = [
        ModelInfo(.anthropic, "claude-haiku-4-5", context: 200_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 1.00, output: 5.00, cachedInput: 0.10)),
        ModelInfo(.anthropic, "claude-sonnet-4-5", context: 200_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 3.00, output: 15.00, cachedInput: 0.30)),
        ModelInfo(.anthropic, "claude-sonnet-4-6", context: 200_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 3.00, output: 15.00, cachedInput: 0.30)),
        ModelInfo(.anthropic, "claude-sonnet-5", context: 200_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 2.00, output: 10.00, cachedInput: 0.20)),
        ModelInfo(.anthropic, "claude-opus-4-5", context: 200_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 5.00, output: 25.00, cachedInput: 0.50)),
        ModelInfo(.anthropic, "claude-opus-4-6", context: 200_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 5.00, output: 25.00, cachedInput: 0.50)),
        ModelInfo(.anthropic, "claude-opus-4-7", context: 200_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 5.00, output: 25.00, cachedInput: 0.50)),
        ModelInfo(.anthropic, "claude-opus-4-8", context: 200_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 5.00, output: 25.00, cachedInput: 0.50)),
        ModelInfo(.anthropic, "claude-opus-5", context: 200_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 5.00, output: 25.00, cachedInput: 0.50)),
        ModelInfo(.anthropic, "claude-fable-5", context: 200_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 10.00, output: 50.00, cachedInput: 1.00)),
    ]

    // Google AI (Gemini API). Prices: ai.google.dev's pricing as quoted by
    // morphllm.com/gemini-api-pricing (2026), matching LiteLLM's price table of
    // 2026-07-24. Structured output is `responseJsonSchema`; web search is grounding
    // with Google Search.
    // NOTE: gemini-2.5-pro and the 3.x Pro models charge more above 200,000 input
    // tokens; the catalog has only the lower tier, and no cached-input prices.
    static let googleModels: [ModelInfo] = [
        ModelInfo(.google, "gemini-2.5-flash", context: 1_048_576, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 0.30, output: 2.50)),
        ModelInfo(.google, "gemini-2.5-flash-lite", context: 1_048_576, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 0.10, output: 0.40)),
        ModelInfo(.google, "gemini-2.5-pro", context: 1_048_576, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 1.25, output: 10.00)),
        ModelInfo(.google, "gemini-3-flash-preview", context: 1_048_576, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 0.50, output: 3.00)),
        ModelInfo(.google, "gemini-3-pro-preview", context: 1_048_576, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 2.00, output: 12.00)),
        ModelInfo(.google, "gemini-3.1-pro-preview", context: 1_048_576, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 2.00, output: 12.00)),
        ModelInfo(.google, "gemini-3.1-flash-lite", context: 1_048_576, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 0.25, output: 1.50)),
        ModelInfo(.google, "gemini-3.5-flash", context: 1_048_576, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 1.50, output: 9.00)),
        ModelInfo(.google, "gemini-3.5-flash-lite", context: 1_048_576, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 0.30, output: 2.50)),
    ]

    // xAI. Prices, context windows and image input: docs.x.ai/developers/models, read
    // 2026-08, for grok-4.20 and grok-4-1-fast, and xAI's models page as archived in
    // June 2025 for grok-3-mini. For grok-4-0709, grok-4-fast and grok-code-fast-1 the
    // context windows come from the page as archived in October 2025 and the prices
    // from LiteLLM's price table of 2026-07-24. xAI documents `json_schema` for every
    // model after grok-2-1212.
    // NOTE: LiteLLM marks grok-3-mini without schema support, so it uses the JSON mode here.
    static let xAIModels: [ModelInfo] = [
        ModelInfo(.xai, "grok-4.20-0309-reasoning", context: 2_000_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 2.00, output: 6.00, cachedInput: 0.20)),
        ModelInfo(.xai, "grok-4.20-0309-non-reasoning", context: 2_000_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 2.00, output: 6.00, cachedInput: 0.20)),
        ModelInfo(.xai, "grok-4-1-fast-reasoning", context: 2_000_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 0.20, output: 0.50, cachedInput: 0.05)),
        ModelInfo(.xai, "grok-4-1-fast-non-reasoning", context: 2_000_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 0.20, output: 0.50, cachedInput: 0.05)),
        ModelInfo(.xai, "grok-4-fast-reasoning", context: 2_000_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 0.20, output: 0.50)),
        ModelInfo(.xai, "grok-4-fast-non-reasoning", context: 2_000_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 0.20, output: 0.50)),
        ModelInfo(.xai, "grok-4-0709", context: 256_000, images: true, output: .strictSchema, webSearch: true,
                  price: ModelPrice(input: 3.00, output: 15.00)),
        ModelInfo(.xai, "grok-code-fast-1", context: 256_000, images: false, output: .strictSchema, webSearch: false,
                  price: ModelPrice(input: 0.20, output: 1.50)),
        ModelInfo(.xai, "grok-3-mini", context: 131_072, images: false, output: .jsonMode, webSearch: false,
                  price: ModelPrice(input: 0.30, output: 0.50, cachedInput: 0.075)),
    ]

    // Groq. Prices: LiteLLM's price table of 2026-07-24; gpt-oss-120b checked against
    // Groq's pricing page as quoted by tokenmix.ai (2026-06-04), which also gives its
    // $0.075 cache price. Structured output: console.groq.com/docs/structured-outputs,
    // read 2026-08 (strict on GPT-OSS, best effort on Llama 4 and Kimi K2, JSON mode
    // elsewhere). Images: console.groq.com/docs/vision. Web search runs only on the
    // `groq/compound` models, which are not listed here.
    static let groqModels: [ModelInfo] = [
        ModelInfo(.groq, "llama-3.1-8b-instant", context: 131_072, images: false, output: .jsonMode, webSearch: false,
                  price: ModelPrice(input: 0.05, output: 0.08)),
        ModelInfo(.groq, "llama-3.3-70b-versatile", context: 131_072, images: false, output: .jsonMode, webSearch: false,
                  price: ModelPrice(input: 0.59, output: 0.79)),
        ModelInfo(.groq, "openai/gpt-oss-20b", context: 131_072, images: false, output: .strictSchema, webSearch: false,
                  price: ModelPrice(input: 0.075, output: 0.30)),
        ModelInfo(.groq, "openai/gpt-oss-120b", context: 131_072, images: false, output: .strictSchema, webSearch: false,
                  price: ModelPrice(input: 0.15, output: 0.60, cachedInput: 0.075)),
        ModelInfo(.groq, "meta-llama/llama-4-scout-17b-16e-instruct", context: 131_072, images: true, output: .bestEffortSchema,
                  webSearch: false, price: ModelPrice(input: 0.11, output: 0.34)),
        ModelInfo(.groq, "meta-llama/llama-4-maverick-17b-128e-instruct", context: 131_072, images: true, output: .bestEffortSchema,
                  webSearch: false, price: ModelPrice(input: 0.20, output: 0.60)),
        ModelInfo(.groq, "moonshotai/kimi-k2-instruct-0905", context: 262_144, images: false, output: .bestEffortSchema,
                  webSearch: false, price: ModelPrice(input: 1.00, output: 3.00)),
        ModelInfo(.groq, "qwen/qwen3-32b", context: 131_072, images: false, output: .jsonMode, webSearch: false,
                  price: ModelPrice(input: 0.29, output: 0.59)),
    ]

    // DeepSeek. Prices: DeepSeek's pricing page as archived on 2026-04-26 and as quoted
    // by novita.ai (2026): deepseek-v4-flash costs 0.14 per million input tokens on a
    // cache miss and 0.028 on a hit. DeepSeek has a JSON mode only, no image input in
    // its documented API, and no web search. The legacy ids deepseek-chat and
    // deepseek-reasoner were announced to stop working on 2026-07-24.
    // NOTE: deepseek-v4-pro is listed at its full price; a 75% discount ran for a limited time.
    static let deepSeekModels: [ModelInfo] = [
        ModelInfo(.deepseek, "deepseek-v4-flash", context: 1_000_000, images: false, output: .jsonMode, webSearch: false,
                  price: ModelPrice(input: 0.14, output: 0.28, cachedInput: 0.028)),
        ModelInfo(.deepseek, "deepseek-v4-pro", context: 1_000_000, images: false, output: .jsonMode, webSearch: false,
                  price: ModelPrice(input: 1.74, output: 3.48, cachedInput: 0.145)),
    ]
}
