import Foundation

/// The core of `paragraph keys verify [PROVIDER]`: calls each provider's model-listing endpoint with its key.
///
/// Listing models costs nothing and needs a valid key, so a 2xx proves the key works
/// against the configured base URL.
public struct KeyVerifier: Sendable {
    public enum Status: Sendable {
        /// The key was accepted, and the list contains the model ids it can use.
        case ok([String])
        case invalidKey(ProviderError)
        /// The provider could not be reached: connection refused, broken, or timed out.
        case unreachable(ProviderError)
        /// The organization has no approved key for the provider.
        case noKey
        /// Any other failure, such as exhausted quota or a server error.
        case failed(ProviderError)

        /// `ok`, `invalid key`, `unreachable`, `no key`, or the failure's kind.
        public var label: String {
            switch self {
            case .ok: return "ok"
            case .invalidKey: return "invalid key"
            case .unreachable: return "unreachable"
            case .noKey: return "no key"
            case .failed(let error): return error.kind
            }
        }
    }

    public struct Result: Sendable {
        public var provider: Provider
        public var status: Status
    }

    public var site: SiteConfiguration
    public var client: HTTPClient
    public var keyLookup: @Sendable (Provider) -> String?

    public init(site: SiteConfiguration, client: HTTPClient, keyLookup: @escaping @Sendable (Provider) -> String?) {
        self.site = site
        self.client = client
        self.keyLookup = keyLookup
    }

    /// Verify the providers' keys concurrently and return the results in the order given.
    public func verify(_ providers: [Provider] = Provider.allCases) async -> [Result] {
        await withTaskGroup(of: (Int, Result).self) { group in
            for (index, provider) in providers.enumerated() {
                group.addTask { (index, await verify(provider)) }
            }
            var results: [(Int, Result)] = []
            for await result in group {
                results.append(result)
            }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    public func verify(_ provider: Provider) async -> Result {
        guard let key = keyLookup(provider) else {
            return Result(provider: provider, status: .noKey)
        }
        let adapter = makeModelProvider(ProviderConfiguration(provider: provider, apiKey: key, site: site, client: client))
        do {
            return Result(provider: provider, status: .ok(try await adapter.listModels()))
        } catch let error as ProviderError {
            switch error {
            case .invalidKey:
                return Result(provider: provider, status: .invalidKey(error))
            case .connectionFailed, .timedOut:
                return Result(provider: provider, status: .unreachable(error))
            default:
                return Result(provider: provider, status: .failed(error))
            }
        } catch {
            return Result(provider: provider, status: .failed(.malformedResponse(provider, problem: "\(error)", excerpt: "")))
        }
    }

    /// One line per result, such as `openai: ok (58 models)` or `groq: invalid key: Groq rejected the API key (…)`.
    public static func report(_ result: Result) -> String {
        let name = result.provider.rawValue
        switch result.status {
        case .ok(let models):
            return "\(name): ok (\(models.count) model\(models.count == 1 ? "" : "s"))"
        case .noKey:
            return "\(name): no key; add one with `paragraph keys set \(name)`"
        case .invalidKey(let error), .unreachable(let error), .failed(let error):
            return "\(name): \(result.status.label): \(error.message)"
        }
    }
}
