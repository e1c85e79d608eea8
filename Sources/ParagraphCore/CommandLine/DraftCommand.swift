import Foundation

/// `paragraph draft --brief TEXT`: a new page written from a brief, with the web sources the model cited.
///
/// Drafting always searches the web for current sources. Paragraph supports that only
/// through OpenAI's Responses API and its web search tool for now, so any other model
/// is rejected before a request is made.
struct DraftCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "draft",
        abstract: "Write a new draft page from a brief, searching the web for sources (OpenAI models only).",
        arguments: "",
        positionalRange: 0...0,
        options: [
            .value("brief", "TEXT", help: "What the article should cover."),
            .value("model", "MODEL", help: "An OpenAI model with web search (default: defaults.draft, else openai/gpt-5-mini)."),
            .value("out", "PATH", help: "The new page's path inside the site (default: the content folder, named after the brief)."),
            .flag("force", help: "Overwrite PATH when it exists."),
            VaultSession.organizationOption,
        ],
        discussion: """
            The page gets title, description, sources (each cited page once), generated_by (model and time)
            and draft: true in its front matter. Review it, then remove draft: true to publish it.
            """)

    /// OpenAI catalog models with server-side web search, in catalog order.
    static var webSearchModels: [String] {
        ModelCatalog.standard.models(of: .openai).filter(\.serverSideWebSearch).map { "openai/\($0.id)" }
    }

    static func run(_ arguments: ParsedArguments, context: RunContext) async -> Int32 {
        func usage(_ message: String) -> Int32 {
            context.printError(UsageError(message: message, command: "draft").description)
            return ExitCode.usage
        }
        guard let brief = arguments.value("brief")?.trimmingCharacters(in: .whitespacesAndNewlines), !brief.isEmpty else {
            return usage("--brief TEXT is required: say what the article should cover")
        }
        let root = siteRoot(arguments, context: context)
        let configuration: SiteConfiguration
        do {
            configuration = try ConfigurationLoader.load(siteRoot: root)
        } catch {
            error.diagnostics.forEach(context.report)
            return ExitCode.usage
        }

        // The model: checked before anything else so no request goes to a model that cannot browse.
        let model: String
        switch chooseModel(arguments.value("model"), configuration: configuration) {
        case .success(let name): model = name
        case .failure(let message): return usage(message)
        }

        // The output path: inside the site, a Markdown file, and not overwritten without --force.
        let relativePath = arguments.value("out")
            ?? (configuration.contentFolder == "." ? "" : configuration.contentFolder + "/") + BuiltinEngine().slug(title: brief) + ".md"
        guard let normalised = SitePath.normalise(relativePath), normalised != ".",
              normalised.hasSuffix(".md") || normalised.hasSuffix(".markdown") else {
            return usage("--out \(relativePath) must be a .md or .markdown path inside the site")
        }
        let url = root.appendingPathComponent(normalised)
        // The text check above cannot see symbolic links: the folder that will hold the page,
        // and the page itself when it exists, must resolve to places inside the site.
        let siteRealPath = root.resolvingSymlinksInPath().path
        let folderRealPath = url.deletingLastPathComponent().resolvingSymlinksInPath().path
        let isLink = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil
        guard folderRealPath == siteRealPath || folderRealPath.hasPrefix(siteRealPath + "/"), !isLink else {
            return usage("--out \(normalised) leads outside the site through a symbolic link; choose a path inside the site")
        }
        if FileManager.default.fileExists(atPath: url.path), !arguments.has("force") {
            return usage("\(normalised) already exists; choose another --out or pass --force to overwrite it")
        }

        guard let session = ProviderKeySession(arguments, providers: [.openai], root: root, context: context) else {
            return ExitCode.usage
        }
        guard let key = session.keys[.openai] else {
            context.printError("error: no approved OpenAI key; drafting needs one. Add it with `paragraph keys set openai`, then have a holder of the secret key run `paragraph keys approve openai`.")
            return ExitCode.usage
        }
        guard let client = ProviderKeySession.makeClient(arguments, context: context) else { return ExitCode.usage }
        let provider = OpenAIProvider(ProviderConfiguration(provider: .openai, apiKey: key, site: configuration, client: client))

        let modelName = String(model.dropFirst("openai/".count))
        let request = ModelRequest(
            model: modelName, systemPrompt: DraftPage.systemPrompt,
            userText: "Brief (written by the site's editor):\n<brief>\n\(brief)\n</brief>\nLanguage: \(configuration.site.language)",
            output: StructuredOutput(name: "article", schema: DraftPage.schema), maxOutputTokens: 16_000)
        let lock = (try? LockFile.load(siteRoot: root)) ?? LockFile()
        let (worstCase, exceeded) = await SpendingBudget.checkSingle(
            request, provider: .openai, configuration: configuration, lock: lock, now: context.now)
        if let exceeded {
            context.printError("error: drafting could cost up to $\(String(format: "%.2f", worstCase)), which would pass \(exceeded); raise the budget in byok.yaml to draft")
            return ExitCode.pageFailures
        }
        context.printError("Drafting with \(model) and web search; at most about $\(String(format: "%.2f", worstCase)) in tokens, plus the provider's search fees.")

        let response: ModelResponse
        do {
            response = try await RetryDriver().run { _ in try await provider.completeWithWebSearch(request) }
        } catch {
            context.printError("error: drafting failed: \(error)")
            return ExitCode.pageFailures
        }
        guard let answer = response.json, let title = answer["title"]?.stringValue, let description = answer["description"]?.stringValue,
              let body = answer["body"]?.stringValue, !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            context.printError("error: \(model) returned no title, description or body; try again or use another model")
            return ExitCode.pageFailures
        }

        let now = ISO8601DateFormatter().string(from: context.now)
        let page = DraftPage(
            title: title, description: description, body: body, sources: DraftPage.uniqueSources(response.citations),
            model: model, generatedAt: now)
        do {
            try AtomicFile.write(Data(page.fileText().utf8), to: url)
        } catch {
            context.printError("\(normalised): cannot write the file: \(error.localizedDescription)")
            return ExitCode.pageFailures
        }
        try? UsageLedger(siteRoot: root).append([UsageRecord(
            time: now, organization: configuration.organization, provider: "openai", model: modelName, workflow: "draft",
            page: normalised, inputTokens: response.usage.inputTokens, outputTokens: response.usage.outputTokens,
            costUSD: response.costUSD ?? 0, lockHit: false, fallback: false)], redactor: { context.redactor.redact($0) })

        if page.sources.isEmpty {
            context.printError("warning: \(normalised): the model cited no web page, so the draft has no sources; check its facts by hand")
        }
        context.print("Wrote \(normalised) (draft: true) with \(page.sources.count) source\(page.sources.count == 1 ? "" : "s"), \(response.usage.inputTokens) input and \(response.usage.outputTokens) output tokens, about $\(String(format: "%.4f", response.costUSD ?? 0)).")
        return ExitCode.success
    }

    enum ModelChoice {
        case success(String)
        case failure(String)
    }

    /// The `openai/…` model to draft with, or why the requested one cannot draft.
    static func chooseModel(_ requested: String?, configuration: SiteConfiguration) -> ModelChoice {
        let qualifying = webSearchModels
        let reason = "Paragraph supports web search, which drafting needs, only through OpenAI's Responses API for now; use one of \(qualifying.joined(separator: ", "))"
        let reference: ModelReference
        if let requested {
            do {
                reference = configuration.resolve(try ModelReference.parse(requested))
            } catch {
                return .failure("--model: \(error.message)")
            }
        } else if let configured = configuration.defaults.draft {
            reference = configuration.resolve(configured)
        } else {
            return .success(qualifying.contains("openai/gpt-5-mini") ? "openai/gpt-5-mini" : qualifying.first ?? "openai/gpt-5-mini")
        }
        switch reference {
        case .builtin:
            return .failure("the built-in engine cannot draft articles. \(reason)")
        case .alias(let name):
            return .failure("unknown alias \"\(name)\"; define it under aliases: in byok.yaml. \(reason)")
        case .model(let provider, let name):
            guard provider == .openai else { return .failure("\(reference) cannot draft. \(reason)") }
            guard qualifying.contains("openai/\(name)") else {
                return .failure("openai/\(name) has no web search in Paragraph's catalog. \(reason)")
            }
            return .success("openai/\(name)")
        }
    }
}
