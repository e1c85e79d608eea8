import Foundation

/// The checks and estimate made before an enrichment run sends any paid request.
enum EnrichmentPreflight {
    /// Returns the providers that the selected pages' fields choose, whether or not a field is missing.
    static func chosenProviders(_ pages: [Page], site: LoadedSite) -> Set<Provider> {
        var providers = Set<Provider>()
        for page in pages {
            guard (try? site.selector.select(page))?.isSelected == true else { continue }
            for workflow in Set(site.planner.applicableFields(of: page).map(\.workflow)) {
                if case .model(let provider, _)? = try? site.planner.model(for: workflow, page: page) {
                    providers.insert(provider)
                }
            }
        }
        return providers
    }

    /// Fetches each provider's model list once, which also checks that its key is accepted.
    ///
    /// Returns the listed model ids, and the error of each provider whose list could not be fetched.
    static func listModels(_ adapters: [Provider: any ModelProvider], retry: RetryDriver) async -> (models: [Provider: Set<String>], failures: [Provider: ProviderError]) {
        await withTaskGroup(of: (Provider, Result<[String], ProviderError>).self) { group in
            for (provider, adapter) in adapters {
                group.addTask {
                    do {
                        return (provider, .success(try await retry.run { _ in try await adapter.listModels() }))
                    } catch let error as ProviderError {
                        return (provider, .failure(error))
                    } catch let error as RetriesExhaustedError {
                        let last = error.lastError as? ProviderError ?? .malformedResponse(provider, problem: "\(error)", excerpt: "")
                        return (provider, .failure(last))
                    } catch {
                        return (provider, .failure(.malformedResponse(provider, problem: "\(error)", excerpt: "")))
                    }
                }
            }
            var models: [Provider: Set<String>] = [:]
            var failures: [Provider: ProviderError] = [:]
            for await (provider, result) in group {
                switch result {
                case .success(let ids): models[provider] = Set(ids)
                case .failure(let error): failures[provider] = error
                }
            }
            return (models, failures)
        }
    }

    /// The requests, tokens and cost a run is about to spend, from the catalog's prices.
    struct Estimate {
        var requests = 0
        var inputTokens = 0
        /// Output tokens assumed per request; the allowance is larger, but answers of a few fields are short.
        static let typicalOutputTokens = 200
        var outputTokens = 0
        var costUSD = 0.0
        /// The cost if every request used its whole output allowance.
        var maximumCostUSD = 0.0
        /// Models whose price the catalog lacks, counted at their provider's highest price.
        var unpricedModels = Set<String>()

        mutating func add(_ request: ModelRequest, provider: Provider, catalog: ModelCatalog) {
            let input = (request.systemPrompt.utf8.count + request.userText.utf8.count) / 3 + (request.image == nil ? 0 : 1600)
            requests += 1
            inputTokens += input
            outputTokens += Self.typicalOutputTokens
            var price = catalog.model(provider, request.model)?.price
            if price == nil {
                unpricedModels.insert("\(provider.rawValue)/\(request.model)")
                price = catalog.highestPrice(of: provider)
            }
            guard let price else { return }
            costUSD += TokenUsage(inputTokens: input, outputTokens: Self.typicalOutputTokens).cost(at: price)
            maximumCostUSD += TokenUsage(inputTokens: input, outputTokens: request.maxOutputTokens).cost(at: price)
        }

        var line: String {
            "\(requests) request\(requests == 1 ? "" : "s"), about \(inputTokens + outputTokens) tokens, estimated cost "
                + String(format: "$%.4f (at most $%.4f)", costUSD, maximumCostUSD)
        }
    }
}
