import Foundation

/// The core of `paragraph models test MODEL…`: one small structured request per model through its real adapter.
public struct ModelTester: Sendable {
    /// The outcome for one model.
    public struct Result: Sendable {
        public enum Outcome: Sendable {
            case answered(ModelResponse)
            /// `builtin` needs no key and no connection, so it is not sent anywhere.
            case builtin
            case failed(Failure)
        }

        /// The model as the user wrote it.
        public var requested: String
        /// The provider and model it resolved to, when it resolved.
        public var resolved: ModelReference?
        public var outcome: Outcome

        public var succeeded: Bool {
            if case .failed = outcome { return false }
            return true
        }
    }

    /// The reason a model could not be tested.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case invalidModel(String)
        case unknownAlias(String)
        case missingKey(Provider)
        case provider(ProviderError)
        /// Retries ran out; the last failure is kept.
        case retriesExhausted(ProviderError, attempts: Int)
        /// An error from outside the adapter, such as a cancelled task.
        case unexpected(String)

        /// The kind of failure, as `ProviderError.kind` names it for provider failures.
        public var kind: String {
            switch self {
            case .invalidModel: return "invalid model"
            case .unknownAlias: return "unknown alias"
            case .missingKey: return "no key"
            case .provider(let error), .retriesExhausted(let error, _): return error.kind
            case .unexpected: return "failed"
            }
        }

        public var description: String {
            switch self {
            case .invalidModel(let message):
                return message
            case .unknownAlias(let name):
                return "\"\(name)\" is neither `provider/model` nor an alias in byok.yaml"
            case .missingKey(let provider):
                return "no approved \(provider.displayName) key; add one with `paragraph keys set \(provider.rawValue)`"
            case .provider(let error):
                return error.message
            case .retriesExhausted(let error, let attempts):
                return "\(error.message) (gave up after \(attempts) attempts)"
            case .unexpected(let message):
                return message
            }
        }
    }

    /// The request every model gets: tiny, but structured, so schema support is tested too.
    public static let probe = ModelRequest(
        model: "",
        systemPrompt: "You check that an API connection works.",
        userText: "Reply with a JSON object whose field `status` is the word ok.",
        output: StructuredOutput(
            name: "connection_check",
            schema: .object([
                ("type", .string("object")),
                ("properties", .object([("status", .object([("type", .string("string"))]))])),
                ("required", .array([.string("status")])),
                ("additionalProperties", .bool(false)),
            ]),
            example: .object([("status", .string("ok"))])),
        // Reasoning models spend output tokens before they answer, so the limit leaves room for that.
        maxOutputTokens: 1024)

    public var site: SiteConfiguration
    public var client: HTTPClient
    /// The organization's approved key for a provider, or nil.
    public var keyLookup: @Sendable (Provider) -> String?
    public var retry: RetryDriver
    public var catalog: ModelCatalog

    public init(
        site: SiteConfiguration, client: HTTPClient, keyLookup: @escaping @Sendable (Provider) -> String?,
        retry: RetryDriver = RetryDriver(policy: RetryPolicy(maxAttempts: 2)), catalog: ModelCatalog = .standard
    ) {
        self.site = site
        self.client = client
        self.keyLookup = keyLookup
        self.retry = retry
        self.catalog = catalog
    }

    /// Test each model in turn and return the results in the order given.
    public func test(_ models: [String]) async -> [Result] {
        var results: [Result] = []
        for model in models {
            results.append(await test(model))
        }
        return results
    }

    public func test(_ text: String) async -> Result {
        let reference: ModelReference
        do {
            reference = site.resolve(try ModelReference.parse(text))
        } catch {
            return Result(requested: text, resolved: nil, outcome: .failed(.invalidModel(error.message)))
        }

        switch reference {
        case .builtin:
            return Result(requested: text, resolved: reference, outcome: .builtin)
        case .alias(let name):
            return Result(requested: text, resolved: nil, outcome: .failed(.unknownAlias(name)))
        case .model(let provider, let model):
            guard let key = keyLookup(provider) else {
                return Result(requested: text, resolved: reference, outcome: .failed(.missingKey(provider)))
            }
            let adapter = makeModelProvider(ProviderConfiguration(provider: provider, apiKey: key, site: site, client: client, catalog: catalog))
            var request = Self.probe
            request.model = model
            do {
                let response = try await adapter.complete(request, retrying: retry)
                return Result(requested: text, resolved: reference, outcome: .answered(response))
            } catch let error as ProviderError {
                return Result(requested: text, resolved: reference, outcome: .failed(.provider(error)))
            } catch let error as RetriesExhaustedError {
                let failure: Failure = (error.lastError as? ProviderError).map { .retriesExhausted($0, attempts: error.attempts) }
                    ?? .unexpected("\(error)")
                return Result(requested: text, resolved: reference, outcome: .failed(failure))
            } catch {
                return Result(requested: text, resolved: reference, outcome: .failed(.unexpected("\(error)")))
            }
        }
    }

    /// One line per result, such as `openai/gpt-5-mini: ok {"status":"ok"} (52 input and 20 output tokens, $0.000053)`.
    public static func report(_ result: Result) -> String {
        let name = result.resolved.map { "\($0)" } ?? result.requested
        switch result.outcome {
        case .builtin:
            return "\(name): ok (offline engine, no request needed)"
        case .failed(let failure):
            return "\(name): \(failure.kind): \(failure)"
        case .answered(let response):
            let usage = response.usage
            var tokens = "\(usage.inputTokens) input and \(usage.outputTokens) output tokens"
            if usage.reasoningTokens > 0 {
                tokens += " (\(usage.reasoningTokens) reasoning)"
            }
            let cost = response.costUSD.map { ", " + Self.formatUSD($0) } ?? ", cost unknown"
            let answer = ResponseExcerpt.of(response.text, redacting: [], limit: 120)
            return "\(name): ok \(answer) (\(tokens)\(cost))"
        }
    }

    /// Dollars with enough decimals to show a fraction of a cent.
    static func formatUSD(_ amount: Double) -> String {
        String(format: "$%.6f", amount)
    }
}
