import Foundation

/// `paragraph models`: the models in Paragraph's catalog; `paragraph models test MODEL…`: one small request per model.
struct ModelsCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "models",
        abstract: "List the models Paragraph knows, or send one small structured request per model to check it works.",
        arguments: "[test MODEL…]",
        positionalRange: 0...Int.max,
        options: [
            VaultSession.organizationOption,
        ],
        discussion: """
            models                 list builtin and each provider's catalog models: context window, image input,
                                   structured output, web search, and price in US dollars per million tokens
            models test MODEL…     send each model one small structured request with the organization's approved
                                   key and the base_url from byok.yaml, and print the decoded answer, tokens and
                                   cost, or the kind of failure and its message; exits 1 when any model failed
            MODEL is provider/model, an alias from byok.yaml, or builtin.
            """)

    static func run(_ arguments: ParsedArguments, context: RunContext) async -> Int32 {
        guard let action = arguments.positionals.first else {
            context.print(catalogTable(ModelCatalog.standard))
            return ExitCode.success
        }
        guard action == "test" else {
            context.printError(UsageError(message: "unknown action \"\(action)\"; use `models` or `models test MODEL…`", command: "models").description)
            return ExitCode.usage
        }
        let models = Array(arguments.positionals.dropFirst())
        guard !models.isEmpty else {
            context.printError(UsageError(message: "models test needs at least one MODEL", command: "models").description)
            return ExitCode.usage
        }
        return await test(models, arguments: arguments, context: context)
    }

    private static func test(_ models: [String], arguments: ParsedArguments, context: RunContext) async -> Int32 {
        let root = siteRoot(arguments, context: context)
        let configuration: SiteConfiguration
        do {
            configuration = try ConfigurationLoader.load(siteRoot: root)
        } catch {
            error.diagnostics.forEach(context.report)
            return ExitCode.usage
        }

        // Only the providers these models use need a key, so a site with no vault can still test builtin.
        var providers = Set<Provider>()
        for model in models {
            if case .model(let provider, _)? = (try? ModelReference.parse(model)).map(configuration.resolve) {
                providers.insert(provider)
            }
        }
        guard let session = ProviderKeySession(arguments, providers: providers, root: root, context: context),
              let client = ProviderKeySession.makeClient(arguments, context: context) else {
            return ExitCode.usage
        }

        let keys = session.keys
        let tester = ModelTester(site: session.configuration, client: client, keyLookup: { keys[$0] })
        var failed = false
        var records: [UsageRecord] = []
        for model in models {
            let result = await tester.test(model)
            context.print(ModelTester.report(result))
            failed = failed || !result.succeeded
            if case .answered(let response) = result.outcome, case .model(let provider, let name)? = result.resolved {
                records.append(UsageRecord(
                    time: ISO8601DateFormatter().string(from: context.now), organization: session.configuration.organization,
                    provider: provider.rawValue, model: name, workflow: "models test", page: "",
                    inputTokens: response.usage.inputTokens, outputTokens: response.usage.outputTokens,
                    costUSD: response.costUSD ?? 0, lockHit: false, fallback: false))
            }
        }
        // Every paid request is counted in the ledger, test requests included.
        try? UsageLedger(siteRoot: root).append(records, redactor: { context.redactor.redact($0) })
        return failed ? ExitCode.pageFailures : ExitCode.success
    }

    /// One row per model: builtin first, then each provider's catalog models.
    static func catalogTable(_ catalog: ModelCatalog) -> String {
        var rows = [["MODEL", "CONTEXT", "IMAGES", "JSON", "WEB SEARCH", "INPUT $/M", "OUTPUT $/M"]]
        rows.append(["builtin", "-", "no", "-", "no", "0", "0"])
        for model in catalog.models {
            let structured: String
            switch model.structuredOutput {
            case .strictSchema: structured = "schema"
            case .bestEffortSchema: structured = "schema (best effort)"
            case .jsonMode: structured = "JSON mode"
            }
            rows.append([
                "\(model.provider.rawValue)/\(model.id)",
                model.contextWindow.map(String.init) ?? "?",
                model.acceptsImages ? "yes" : "no",
                structured,
                model.serverSideWebSearch ? "yes" : "no",
                model.price.map { formatPrice($0.inputPerMillion) } ?? "?",
                model.price.map { formatPrice($0.outputPerMillion) } ?? "?",
            ])
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max()! }
        return rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }

    /// A price without trailing zeros, such as `0.075` or `2.5`.
    private static func formatPrice(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
