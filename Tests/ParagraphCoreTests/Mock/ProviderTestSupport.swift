import Foundation
import Testing
@testable import ParagraphCore

/// Shared inputs and checks for the provider adapter tests.
enum ProviderTestSupport {
    /// A strict schema: every property required and no others allowed.
    static let seoSchema = try! JSONValue.parse(#"""
        {"type":"object","properties":{"title":{"type":"string"},"description":{"type":"string"}},
         "required":["title","description"],"additionalProperties":false}
        """#)

    static let seoOutput = StructuredOutput(
        name: "seo_fields", schema: seoSchema,
        example: .object([("title", .string("Example title")), ("description", .string("Example description."))]))

    static func request(model: String, image: Data? = nil, output: StructuredOutput? = seoOutput, maxOutputTokens: Int = 256) -> ModelRequest {
        ModelRequest(
            model: model, systemPrompt: "You write SEO metadata.", userText: "Page text about usage-based pricing.",
            image: image, output: output, maxOutputTokens: maxOutputTokens)
    }

    /// A driver that retries at most twice and waits on a fake clock; `random` 0 makes each backoff half its ceiling.
    static func retryDriver(_ clock: FakeClock) -> RetryDriver {
        RetryDriver(policy: RetryPolicy(maxAttempts: 3), clock: clock, random: { 0 })
    }

    /// The first backoff of `retryDriver`: half of the default 500 ms.
    static let firstBackoff = Duration.milliseconds(250)

    /// Run `body` and return the `ProviderError` it throws, or nil when it succeeds or throws something else.
    static func providerError<Value>(_ body: () async throws -> Value) async -> ProviderError? {
        do {
            _ = try await body()
            return nil
        } catch let error as ProviderError {
            return error
        } catch {
            Issue.record("expected a ProviderError, got \(error)")
            return nil
        }
    }

    static func expectCost(_ actual: Double?, _ expected: Double, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard let actual else {
            Issue.record("no cost", sourceLocation: sourceLocation)
            return
        }
        #expect(abs(actual - expected) < 1e-12, "cost \(actual) instead of \(expected)", sourceLocation: sourceLocation)
    }

    // MARK: Images

    /// The PNG signature followed by filler bytes; enough for format detection.
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 24))
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 0, count: 28))
    static let webp = Data(Array("RIFF".utf8) + [0x20, 0, 0, 0] + Array("WEBPVP8 ".utf8) + Array(repeating: 0, count: 16))
    static let bmp = Data(Array("BM".utf8) + Array(repeating: 0, count: 30))

    /// A GIF89a with `frames` one-pixel frames.
    static func gif(frames: Int) -> Data {
        var bytes = Array("GIF89a".utf8) + [1, 0, 1, 0, 0x80, 0, 0]  // 1×1, global color table of 2 entries
        bytes += [0, 0, 0, 255, 255, 255]
        for _ in 0..<frames {
            bytes += [0x21, 0xF9, 4, 0, 10, 0, 0, 0]  // graphic control extension
            bytes += [0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0]  // image descriptor
            bytes += [2, 2, 0x44, 0x01, 0]  // LZW code size, one data sub-block, terminator
        }
        bytes.append(0x3B)
        return Data(bytes)
    }
}
