import Foundation

/// `paragraph build`: render the published pages to HTML in the output folder.
struct BuildCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "build",
        abstract: "Render the published pages, with their missing metadata filled, to HTML in the output folder.",
        arguments: "",
        positionalRange: 0...0,
        options: [
            .value("output", "DIR", help: "Write the site to DIR, a folder inside the site; a relative DIR starts at the site folder (default: output: in byok.yaml, else public)."),
            .flag("offline", help: "Open no network connection: fields come from byok.lock, else builtin."),
        ] + SelectionFlags.options,
        discussion: """
            Filled values are used for the rendered pages only; no Markdown file is changed.
            Templates come from the site's templates folder, and the default theme fills in any it lacks.
            Files that an earlier build wrote and this one no longer produces are removed from the output folder.
            """)

    static func run(_ arguments: ParsedArguments, context: RunContext) async -> Int32 {
        let started = Date()
        let root = siteRoot(arguments, context: context)
        let site: LoadedSite
        do {
            site = try await LoadedSite.loadConcurrently(root: root, options: SelectionFlags.options(from: arguments), now: context.now)
        } catch {
            error.diagnostics.forEach(context.report)
            return ExitCode.usage
        }

        var outputFolder = site.configuration.outputFolder
        if let requested = arguments.value("output") {
            guard let folder = Self.outputFolder(requested, siteRoot: root, context: context) else {
                context.printError(UsageError(
                    message: "--output \(requested) is not a folder inside the site \(root.path); give a folder such as public",
                    command: "build").description)
                return ExitCode.usage
            }
            outputFolder = folder
        }

        // Fields whose model is a provider's are filled first, in one batch with the providers in parallel.
        let lock: LockFile
        do {
            lock = try LockFile.load(siteRoot: root)
        } catch {
            context.report(error)
            return ExitCode.usage
        }
        var enricher = Enricher(site: site, lock: lock, signer: EnrichCommand.lockSigner(site: site, context: context), now: context.now)
        var enrichment: [String: EnrichmentResult] = [:]
        var batch: BatchOutcome?
        let chosen = EnrichmentPreflight.chosenProviders(site.pages, site: site)
        if !chosen.isEmpty, !arguments.has("offline") {
            let keys = ProviderKeySession(arguments, providers: chosen, root: root, context: context)?.keys ?? [:]
            // Without every chosen provider's key (a fork's pull request, a writer without the secret), the build
            // still succeeds from byok.lock and builtin, as --offline does.
            let preflight = chosen.isSubset(of: Set(keys.keys)) ? ProviderPreflight(approvedProviders: Set(keys.keys)) : nil
            if preflight == nil {
                context.printError("warning: the keys of \(chosen.map(\.rawValue).sorted().joined(separator: ", ")) are not all available, so fields meant for them come from byok.lock or builtin")
            }
            guard let outcome = await EnrichCommand.runBatch(
                site.pages, enricher: &enricher, keys: keys, preflight: preflight, site: site, arguments: arguments,
                context: context, lock: lock) else {
                return ExitCode.usage
            }
            for (page, result) in zip(site.pages, outcome.results) {
                enrichment[page.path] = result
            }
            batch = outcome
        }

        let report: BuildReport
        do {
            report = try await SiteBuilder(site: site, outputFolder: outputFolder, enricher: enricher, enrichment: enrichment).build()
        } catch {
            error.diagnostics.forEach(context.report)
            return ExitCode.usage
        }
        report.diagnostics.forEach(context.report)
        var failed = report.errorCount > 0
        if enricher.lock != lock {
            do {
                try enricher.lock.write(siteRoot: root)
            } catch {
                context.report(Diagnostic(path: LockFile.fileName, location: nil, message: "cannot write the file: \(error.localizedDescription)"))
                failed = true
            }
        }
        if let report = batch?.report {
            do {
                try UsageLedger(siteRoot: root).append(report.ledger, redactor: { context.redactor.redact($0) })
            } catch {
                context.printError("warning: could not append to \(UsageLedger.relativePath): \(error.localizedDescription)")
            }
            EnrichCommand.providerSummary(report, site: site).forEach(context.printError)
        }
        context.printError(report.summaryLine(seconds: Date().timeIntervalSince(started)))
        if failed { return ExitCode.pageFailures }
        return report.errorCount == 0 ? ExitCode.success : ExitCode.pageFailures
    }

    /// The `--output` folder relative to the site: an absolute path must lie inside the site,
    /// a relative one is taken from the site folder.
    static func outputFolder(_ argument: String, siteRoot: URL, context: RunContext) -> String? {
        guard argument.hasPrefix("/") else {
            guard let folder = SitePath.normalise(argument), folder != "." else { return nil }
            return folder
        }
        let root = siteRoot.standardizedFileURL.path
        let path = URL(fileURLWithPath: argument).standardizedFileURL.path
        guard path.hasPrefix(root + "/") else { return nil }
        return SitePath.normalise(String(path.dropFirst(root.count + 1)))
    }
}
