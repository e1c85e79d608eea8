import Foundation
import Testing
@testable import ParagraphCore

@Suite struct ProviderCatalogTests {
    let catalog = ModelCatalog.standard

    @Test func everyProviderHasPricedModels() {
        for provider in Provider.allCases {
            let models = catalog.models(of: provider)
            #expect(!models.isEmpty, "\(provider)")
            for model in models {
                let price = model.price
                #expect(price != nil, "\(model.id)")
                #expect((price?.inputPerMillion ?? 0) > 0, "\(model.id)")
                #expect((price?.outputPerMillion ?? 0) > 0, "\(model.id)")
                #expect((price?.cachedInputPerMillion ?? 0) <= (price?.inputPerMillion ?? 0), "\(model.id)")
            }
        }
    }

    @Test func modelIDsAreUniquePerProvider() {
        for provider in Provider.allCases {
            let ids = catalog.models(of: provider).map(\.id)
            #expect(Set(ids).count == ids.count, "\(provider)")
        }
    }

    @Test func datedIDsFindTheirModel() {
        #expect(catalog.model(.anthropic, "claude-haiku-4-5-20251001")?.id == "claude-haiku-4-5")
        #expect(catalog.model(.openai, "gpt-4.1-nano-2025-04-14")?.id == "gpt-4.1-nano")
        #expect(catalog.model(.openai, "gpt-4.1-nano")?.id == "gpt-4.1-nano")
        #expect(catalog.model(.openai, "gpt-4.1-nano-preview") == nil)
        #expect(catalog.model(.groq, "gpt-5-mini") == nil)
    }

    @Test func capabilitiesMatchProviderDocumentation() {
        #expect(catalog.model(.groq, "openai/gpt-oss-120b")?.structuredOutput == .strictSchema)
        #expect(catalog.model(.groq, "meta-llama/llama-4-scout-17b-16e-instruct")?.structuredOutput == .bestEffortSchema)
        #expect(catalog.model(.groq, "meta-llama/llama-4-scout-17b-16e-instruct")?.acceptsImages == true)
        #expect(catalog.model(.groq, "llama-3.1-8b-instant")?.supportsJSONSchema == false)
        for model in catalog.models(of: .deepseek) {
            #expect(model.structuredOutput == .jsonMode, "\(model.id)")
            #expect(!model.acceptsImages, "\(model.id)")
        }
        #expect(catalog.model(.openai, "gpt-5-mini")?.supportsParagraphWebSearch == true)
        #expect(catalog.model(.openai, "gpt-4.1-nano")?.supportsParagraphWebSearch == false)
        #expect(catalog.model(.anthropic, "claude-haiku-4-5")?.serverSideWebSearch == true)
        #expect(catalog.model(.anthropic, "claude-haiku-4-5")?.supportsParagraphWebSearch == false)
    }

    @Test func highestPriceCoversEveryModel() throws {
        let highest = try #require(catalog.highestPrice(of: .openai))
        for model in catalog.models(of: .openai) {
            #expect(model.price!.inputPerMillion <= highest.inputPerMillion)
            #expect(model.price!.outputPerMillion <= highest.outputPerMillion)
        }
        #expect(ModelCatalog(models: []).highestPrice(of: .openai) == nil)
    }

    @Test func unknownModelGetsProviderDefaults() {
        let openAI = ModelCatalog.defaults(for: .openai, id: "gpt-9")
        #expect(openAI.structuredOutput == .strictSchema)
        #expect(!openAI.acceptsImages)
        #expect(openAI.price == nil)
        #expect(openAI.cost(of: TokenUsage(inputTokens: 10, outputTokens: 10)) == nil)
        #expect(ModelCatalog.defaults(for: .groq, id: "new-model").structuredOutput == .jsonMode)
        #expect(ModelCatalog.defaults(for: .deepseek, id: "deepseek-v5").structuredOutput == .jsonMode)
    }

    @Test func costBillsCachedInputAtCachedPrice() {
        let price = ModelPrice(input: 2.00, output: 8.00, cachedInput: 0.50)
        let usage = TokenUsage(inputTokens: 1_000_000, cachedInputTokens: 400_000, outputTokens: 500_000)
        #expect(usage.cost(at: price) == 0.6 * 2.00 + 0.4 * 0.50 + 0.5 * 8.00)
    }

    @Test func costWithoutCachedPriceBillsFullInput() {
        let price = ModelPrice(input: 0.30, output: 2.50)
        let usage = TokenUsage(inputTokens: 2_000_000, cachedInputTokens: 1_000_000, outputTokens: 1_000_000)
        #expect(usage.cost(at: price) == 2 * 0.30 + 2.50)
    }

    @Test func dateSuffixRemoval() {
        #expect(ModelCatalog.removingDateSuffix("claude-sonnet-4-5-20250929") == "claude-sonnet-4-5")
        #expect(ModelCatalog.removingDateSuffix("o3-mini-2025-01-31") == "o3-mini")
        #expect(ModelCatalog.removingDateSuffix("gpt-5-mini") == nil)
        #expect(ModelCatalog.removingDateSuffix("grok-4-0709") == nil)
    }

    @Test func defaultBaseURLsAreDocumented() {
        let expected: [Provider: String] = [
            .openai: "https://api.openai.com/v1", .anthropic: "https://api.anthropic.com",
            .google: "https://generativelanguage.googleapis.com/v1beta", .xai: "https://api.x.ai/v1",
            .groq: "https://api.groq.com/openai/v1", .deepseek: "https://api.deepseek.com",
        ]
        for provider in Provider.allCases {
            #expect(provider.defaultBaseURL == expected[provider], "\(provider)")
        }
    }
}

@Suite struct ProviderImageTests {
    typealias Support = ProviderTestSupport

    @Test func formatsRecognisedByFirstBytes() {
        #expect(ImageFormat.detect(Support.png) == .png)
        #expect(ImageFormat.detect(Support.jpeg) == .jpeg)
        #expect(ImageFormat.detect(Support.gif(frames: 1)) == .gif)
        #expect(ImageFormat.detect(Support.webp) == .webp)
        #expect(ImageFormat.detect(Support.bmp) == nil)
        #expect(ImageFormat.detect(Data("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8)) == nil)
        #expect(ImageFormat.detect(Data(Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WAVE".utf8))) == nil)
        #expect(ImageFormat.detect(Data()) == nil)
    }

    @Test func policiesFollowEachProvider() {
        #expect(ImagePolicy.gemini.accept(Support.gif(frames: 1)) == nil)
        #expect(ImagePolicy.gemini.accept(Support.webp)?.format == .webp)
        #expect(ImagePolicy.xAI.accept(Support.webp) == nil)
        #expect(ImagePolicy.xAI.accept(Support.jpeg)?.format == .jpeg)
        #expect(ImagePolicy.anthropic.accept(Support.gif(frames: 3))?.format == .gif)
        #expect(ImagePolicy.openAI.accept(Support.gif(frames: 3)) == nil)
        #expect(ImagePolicy.openAI.accept(Support.gif(frames: 1))?.format == .gif)
    }

    @Test func sizeLimitApplied() {
        let limit = ImagePolicy.anthropic.maxBytes
        #expect(limit == 3_932_160)
        let atLimit = Support.png + Data(count: limit - Support.png.count)
        let overLimit = atLimit + Data([0])
        #expect(ImagePolicy.anthropic.accept(atLimit) != nil)
        #expect(ImagePolicy.anthropic.accept(overLimit) == nil)
    }

    @Test func truncatedGIFCountsAsAnimated() {
        let gif = Support.gif(frames: 1)
        #expect(!ImagePolicy.isAnimatedGIF(gif))
        #expect(ImagePolicy.isAnimatedGIF(gif.prefix(gif.count - 8)))
        #expect(ImagePolicy.isAnimatedGIF(Data("GIF89a".utf8)))
    }
}
