import Foundation

/// `paragraph enrich [PATH…]`: fill the fields that published pages lack.
struct EnrichCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "enrich",
        abstract: "Fill the metadata that published pages lack; print it, or write it into front matter.",
        arguments: "[PATH…]",
        positionalRange: 0...Int.max,
        options: [
            .flag("write", help: "Write the filled fields into each page's front matter."),
            .flag("diff", help: "Print the unified diff that --write would make; only byok.lock is written."),
            .flag("dry-run", help: "Print each page's missing fields and models, and the requests, tokens and cost a run would spend; send and write nothing."),
            .flag("check", help: "List missing fields and exit 3 when any selected page lacks one; writes nothing."),
            .value("regenerate", "FIELD", help: "Generate FIELD again where the tool wrote it, even if its input is unchanged (repeatable)."),
            .flag("force", help: "Also replace values a person wrote. Use with care."),
            .flag("json", help: "Print one JSON object per page instead of text."),
            .flag("offline", help: "Send no request: fields that chose a provider model get byok.lock's value or builtin's."),
        ] + SelectionFlags.options,
        discussion: """
            PATH limits the run to these pages or folders, relative to the site or its content folder.
            Only fields named in fill: are filled, and a value a person wrote is never changed.
            Each field is filled by the model that the page or byok.yaml chose, with the organization's approved key.
            Values are reused from byok.lock while their input is unchanged, so a repeated run sends nothing.
            """)

    enum Mode {
        case print, write, diff, dryRun, check
    }

    static func run(_ arguments: ParsedArguments, context: RunContext) async -> Int32 {
        let started = Date()
        let modes: [(String, Mode)] = [("write", .write), ("diff", .diff), ("dry-run", .dryRun), ("check", .check)]
        let chosen = modes.filter { arguments.has($0.0) }
        guard chosen.count <= 1 else {
            context.printError(UsageError(
                message: "choose one of " + chosen.map { "--" + $0.0 }.joined(separator: ", "), command: "enrich").description)
            return ExitCode.usage
        }
        let mode = chosen.first?.1 ?? .print

        let root = siteRoot(arguments, context: context)
        let site: LoadedSite
        do {
            site = try LoadedSite.load(root: root, options: SelectionFlags.options(from: arguments), now: context.now)
        } catch {
            error.diagnostics.forEach(context.report)
            return ExitCode.usage
        }
        let pages: [Page]
        do {
            pages = try filter(site.pages, by: arguments.positionals, site: site)
        } catch {
            context.printError(error.description)
            return ExitCode.usage
        }

        let writer = PageWriter(siteRoot: root)
        var writeLock: SiteWriteLock?
        if mode == .write {
            do {
                writeLock = try SiteWriteLock.acquire(siteRoot: root)
            } catch {
                context.printError("error: \(SiteWriteLock.relativePath): cannot create the lock file: \(error.localizedDescription)")
                return ExitCode.usage
            }
            guard writeLock != nil else {
                context.printError("error: another paragraph run is writing this site (\(SiteWriteLock.relativePath) is locked); wait for it to finish, then run again")
                return ExitCode.usage
            }
            // Only now, with the lock held, are leftover temporary files surely not another run's.
            writer.removeStaleTemporaryFiles(under: site.scanner.contentURL)
        }
        defer { withExtendedLifetime(writeLock) {} }

        // Pages that failed to parse are reported when the run covers them.
        var failures = site.diagnostics.filter { diagnostic in
            arguments.positionals.isEmpty || arguments.positionals.contains { covers($0, diagnostic.path, site: site) }
        }
        failures.forEach(context.report)

        var options = EnrichmentOptions(force: arguments.has("force"))
        for name in arguments.values["regenerate"] ?? [] {
            guard let field = Field(rawValue: name) else {
                context.printError(UsageError(
                    message: "unknown field \"\(name)\" for --regenerate; use one of \(Field.allCases.map(\.rawValue).joined(separator: ", "))",
                    command: "enrich").description)
                return ExitCode.usage
            }
            options.regenerate.insert(field)
        }
        let lock: LockFile
        do {
            lock = try LockFile.load(siteRoot: root)
        } catch {
            context.report(error)
            return ExitCode.usage
        }
        let signer = lockSigner(site: site, context: context)
        if signer == nil, let organization = site.configuration.organization,
           let vault = try? Vault.load(siteRoot: root, configuration: site.configuration, context: context),
           (try? vault.organization(organization)) != nil {
            options.trustUnsignedEntries = false
        }
        var enricher = Enricher(site: site, lock: lock, signer: signer, options: options, now: context.now)
        let offline = arguments.has("offline")
        var summary = EnrichmentSummary()
        var batch: BatchOutcome?
        var estimate: EnrichmentPreflight.Estimate?
        if mode != .check {
            let chosen = EnrichmentPreflight.chosenProviders(pages, site: site)
            var preflight: ProviderPreflight?
            var runtime: ProviderRuntime?
            var keys: [Provider: String] = [:]
            if !offline {
                keys = chosen.isEmpty ? [:] : (ProviderKeySession(arguments, providers: chosen, root: root, context: context)?.keys ?? [:])
                preflight = ProviderPreflight(approvedProviders: Set(keys.keys))
            }
            if mode == .dryRun {
                // Pages whose provider lacks a key are still estimated, and the key is reported once per provider.
                for provider in chosen.subtracting(keys.keys).sorted(by: { $0.rawValue < $1.rawValue }) where !offline {
                    let diagnostic = Diagnostic(
                        path: "byok.yaml", location: nil,
                        message: "no approved \(provider.displayName) key, so a run without --offline would fail the pages that chose \(provider.rawValue); add one with `paragraph keys set \(provider.rawValue)`")
                    failures.append(diagnostic)
                    context.report(diagnostic)
                }
                let planningPreflight = preflight.map { _ in ProviderPreflight(approvedProviders: chosen) }
                var planning = enricher
                var total = EnrichmentPreflight.Estimate()
                for preparation in planning.prepareAll(pages, preflight: planningPreflight) {
                    switch preparation {
                    case .failed(let diagnostic):
                        failures.append(diagnostic)
                        context.report(diagnostic)
                    case .skipped:
                        continue
                    case .ready(let prepared):
                        for request in prepared.requests {
                            total.add(request.request, provider: request.provider, catalog: .standard)
                        }
                    }
                }
                estimate = total
            } else {
                guard let outcome = await runBatch(pages, enricher: &enricher, keys: keys, preflight: preflight, site: site, arguments: arguments, context: context, lock: lock) else {
                    return ExitCode.usage
                }
                batch = outcome
            }
        }
        var results = batch?.results.makeIterator()
        var pagesMissingFields = 0
        var pagesWritten = 0
        // A file reached through a symbolic link and by its own path is one file: edit it once.
        var editedFiles = Set<String>()
        var pendingWrites: [PendingWrite] = []
        for page in pages {
            if mode == .check || mode == .dryRun {
                let outcome = plan(page, site: site)
                switch outcome {
                case .failure(let diagnostic):
                    // A dry run has already reported the page's problems.
                    guard mode == .check else { continue }
                    failures.append(diagnostic)
                    context.report(diagnostic)
                case .success(let plan):
                    guard plan.selection.isSelected, !plan.assignments.isEmpty else { continue }
                    pagesMissingFields += 1
                    let fields = plan.assignments.map { mode == .check ? $0.field.rawValue : "\($0.field.rawValue) <- \($0.model)" }
                    context.print("\(page.path.escapingControlCharacters()): " + (mode == .check ? "missing " : "") + fields.joined(separator: ", "))
                }
                continue
            }

            guard let result = results?.next() else { break }
            summary.add(result)
            switch result {
            case .failed(let diagnostic):
                failures.append(diagnostic)
                context.report(diagnostic)
            case .skipped(let plan):
                if arguments.has("json") { context.print(json(plan, filled: []).serialized()) }
            case .enriched(let plan, let filled, let warnings):
                warnings.forEach(context.report)
                guard !filled.isEmpty else { continue }
                let edits = filled.map {
                    FrontMatterEdit(dottedPath: site.configuration.path(for: $0.field), value: $0.value, replacesValue: $0.replacesValue)
                }
                switch mode {
                case .print:
                    break
                case .write, .diff:
                    let url = site.scanner.contentURL.appendingPathComponent(page.contentPath)
                    guard editedFiles.insert(url.resolvingSymlinksInPath().path).inserted else { continue }
                    do throws(Diagnostic) {
                        let old = try Self.read(url, path: page.path)
                        let new: [UInt8]
                        do {
                            new = try FrontMatterEditor().apply(edits, to: old)
                        } catch {
                            throw error.diagnostic(path: page.path)
                        }
                        if mode == .diff {
                            context.output(UnifiedDiff.diff(old: old, new: new, oldName: "a/" + page.path, newName: "b/" + page.path))
                            continue
                        }
                        // Pages are written after byok.lock, so a run killed in between leaves
                        // values that the next run finds in the lock rather than unowned ones.
                        pendingWrites.append(PendingWrite(
                            url: url, path: page.path, old: old, bytes: new, report: report(plan, filled, site: site, json: arguments.has("json"))))
                        continue
                    } catch {
                        failures.append(error)
                        context.report(error)
                        continue
                    }
                case .dryRun, .check:
                    continue
                }
                if mode != .diff {
                    context.output(report(plan, filled, site: site, json: arguments.has("json")))
                }
            }
        }

        // --diff records its values too, so the requests it paid for are not sent again by --write.
        if mode == .print || mode == .write || mode == .diff {
            if arguments.positionals.isEmpty {
                enricher.pruneLock(keeping: Set(site.pages.map(\.path) + site.diagnostics.map(\.path)))
            }
            if enricher.lock != lock {
                do {
                    try enricher.lock.write(siteRoot: root)
                } catch {
                    let diagnostic = Diagnostic(path: LockFile.fileName, location: nil, message: "cannot write the file: \(error.localizedDescription)")
                    failures.append(diagnostic)
                    context.report(diagnostic)
                    pendingWrites = []
                }
            }
        }
        for pending in pendingWrites {
            do {
                try writer.replace(pending.url, with: pending.bytes, expecting: pending.old)
                pagesWritten += 1
                context.output(pending.report)
            } catch {
                failures.append(error)
                context.report(error)
            }
        }

        if let report = batch?.report {
            do {
                try UsageLedger(siteRoot: root).append(report.ledger, redactor: { context.redactor.redact($0) })
            } catch {
                context.printError("warning: could not append to \(UsageLedger.relativePath): \(error.localizedDescription)")
            }
            for model in report.unpricedModels.sorted() {
                context.report(Diagnostic(
                    path: "byok.yaml", location: nil,
                    message: "the price of \(model) is unknown, so its cost is estimated at its provider's highest catalog price",
                    severity: .warning))
            }
            if !report.offlinePages.isEmpty {
                let names = report.offlinePages.prefix(10).joined(separator: ", ") + (report.offlinePages.count > 10 ? ", and \(report.offlinePages.count - 10) more" : "")
                context.report(Diagnostic(
                    path: LockFile.fileName, location: nil,
                    message: "no request was sent, so byok.lock and builtin filled the fields that these pages meant for a provider: \(names)",
                    severity: .warning))
            }
        }

        let seconds = Date().timeIntervalSince(started)
        switch mode {
        case .check:
            context.printError("\(pagesMissingFields) page\(pagesMissingFields == 1 ? "" : "s") missing fields; \(failures.count) error\(failures.count == 1 ? "" : "s")")
            if !failures.isEmpty { return ExitCode.pageFailures }
            return pagesMissingFields > 0 ? ExitCode.missingFields : ExitCode.success
        case .dryRun:
            let spend = estimate ?? EnrichmentPreflight.Estimate()
            for model in spend.unpricedModels.sorted() {
                context.printError("warning: the price of \(model) is unknown; the estimate counts it at its provider's highest catalog price")
            }
            context.printError("\(pagesMissingFields) page\(pagesMissingFields == 1 ? "" : "s") to fill; \(spend.line); nothing written")
            return failures.isEmpty ? ExitCode.success : ExitCode.pageFailures
        case .write:
            context.printError(summary.line(seconds: seconds, errors: failures.count) + "; \(pagesWritten) file\(pagesWritten == 1 ? "" : "s") written")
        case .print, .diff:
            let lockNote = enricher.lock != lock ? "; values recorded in \(LockFile.fileName)" : ""
            context.printError(summary.line(seconds: seconds, errors: failures.count) + "; no page changed" + lockNote)
        }
        if let report = batch?.report {
            providerSummary(report, site: site).forEach(context.printError)
        }
        return failures.isEmpty ? ExitCode.success : ExitCode.pageFailures
    }

    struct PendingWrite {
        var url: URL
        var path: String
        /// The file's bytes when the edit was made; the write is skipped if they changed since.
        var old: [UInt8]
        var bytes: [UInt8]
        var report: String
    }

    /// The lines printed for one enriched page.
    static func report(_ plan: PagePlan, _ filled: [FilledField], site: LoadedSite, json asJSON: Bool) -> String {
        if asJSON { return json(plan, filled: filled).serialized() + "\n" }
        var lines = [plan.page.path.escapingControlCharacters()]
        for value in filled {
            lines.append("  \(site.configuration.path(for: value.field)) (\(value.attribution)): \(value.value.displayText)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A signer for lock entries when this run holds the organization's secret key; nil otherwise.
    static func lockSigner(site: LoadedSite, context: RunContext) -> LockSigner? {
        guard let organization = site.configuration.organization,
              let vault = try? Vault.load(siteRoot: site.root, configuration: site.configuration, context: context),
              let secretKey = try? vault.secretKey(for: organization) else { return nil }
        return LockSigner(organization: organization, secretKey: secretKey)
    }

    private static func plan(_ page: Page, site: LoadedSite) -> Result<PagePlan, Diagnostic> {
        do {
            let selection = try site.selector.select(page)
            return .success(try site.planner.plan(page, selection: selection))
        } catch {
            return .failure(error)
        }
    }

    private static func read(_ url: URL, path: String) throws(Diagnostic) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Diagnostic(path: path, location: nil, message: "cannot read the file; check its permissions")
        }
        return Array(data)
    }

    /// Pages under the given paths, each path relative to the site or to its content folder.
    static func filter(_ pages: [Page], by paths: [String], site: LoadedSite) throws(UsageError) -> [Page] {
        guard !paths.isEmpty else { return pages }
        let contentPrefix = site.configuration.contentFolder == "." ? "" : site.configuration.contentFolder + "/"
        var selected: [Page] = []
        for argument in paths {
            guard var relative = SitePath.normalise(argument) else {
                throw UsageError(message: "\(argument) leads outside the site", command: "enrich")
            }
            if relative == "." || relative + "/" == contentPrefix { return pages }
            if !contentPrefix.isEmpty, relative.hasPrefix(contentPrefix) {
                relative = String(relative.dropFirst(contentPrefix.count))
            }
            let matches = pages.filter { $0.contentPath == relative || $0.contentPath.hasPrefix(relative + "/") }
            guard !matches.isEmpty else {
                throw UsageError(message: "no page found at \(argument)", command: "enrich")
            }
            selected += matches.filter { page in !selected.contains { $0.path == page.path } }
        }
        return selected
    }

    private static func covers(_ argument: String, _ path: String, site: LoadedSite) -> Bool {
        guard let relative = SitePath.normalise(argument) else { return false }
        let prefixed = site.configuration.contentFolder + "/" + relative
        return [relative, prefixed].contains { $0 == "." || path == $0 || path.hasPrefix($0 + "/") }
    }

    static func json(_ plan: PagePlan, filled: [FilledField]) -> JSONValue {
        .object([
            ("path", .string(plan.page.path)),
            ("selected", .bool(plan.selection.isSelected)),
            ("reason", .string(plan.selection.explanation)),
            ("filled", .object(filled.map { ($0.field.rawValue, $0.value.json) })),
            ("models", .object(filled.map { ($0.field.rawValue, .string($0.attribution)) })),
        ])
    }
}
