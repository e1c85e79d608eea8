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
            .flag("offline", help: "Open no network connection; this version never opens one, because builtin fills every field."),
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

        let report: BuildReport
        do {
            report = try await SiteBuilder(site: site, outputFolder: outputFolder).build()
        } catch {
            error.diagnostics.forEach(context.report)
            return ExitCode.usage
        }
        report.diagnostics.forEach(context.report)
        context.printError(report.summaryLine(seconds: Date().timeIntervalSince(started)))
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
