import Foundation

/// `paragraph inspect PAGE`: what Paragraph reads from one page and what it would do with it.
struct InspectCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "inspect",
        abstract: "Show a page's parsed front matter, whether it is published, and the model for each missing field.",
        arguments: "PAGE",
        positionalRange: 1...1,
        options: [
            .flag("json", help: "Print one JSON object instead of text."),
        ] + SelectionFlags.options,
        discussion: "PAGE is a path relative to the site folder or to its content folder.")

    static func run(_ arguments: ParsedArguments, context: RunContext) async -> Int32 {
        let root = siteRoot(arguments, context: context)
        let configuration: SiteConfiguration
        do {
            configuration = try ConfigurationLoader.load(siteRoot: root)
        } catch {
            error.diagnostics.forEach(context.report)
            return ExitCode.usage
        }
        let scanner = SiteScanner(siteRoot: root, configuration: configuration)
        let page: Page
        do {
            page = try scanner.page(at: arguments.positionals[0])
        } catch {
            context.report(error)
            // A path that names no file is a usage error, as in enrich; a page that fails to parse is a page failure.
            let argument = arguments.positionals[0]
            let exists = [root.appendingPathComponent(argument), scanner.contentURL.appendingPathComponent(argument)]
                .contains { FileManager.default.fileExists(atPath: $0.path) }
            return exists ? ExitCode.pageFailures : ExitCode.usage
        }

        // Cascades come from the ancestors' list pages, so read those too.
        let ancestors = scanner.discover().filter { SiteScanner.kind(of: $0) == .section }.compactMap { try? scanner.page(at: $0) }
        let selector = PageSelector(
            pages: ancestors + [page], options: SelectionFlags.options(from: arguments), now: context.now,
            siteLanguage: configuration.site.language)
        let planner = EnrichmentPlanner(configuration: configuration, selector: selector)
        let plan: PagePlan
        do {
            let selection = try selector.select(page)
            plan = try planner.plan(page, selection: selection)
        } catch {
            context.report(error)
            return ExitCode.pageFailures
        }

        if arguments.has("json") {
            context.print(json(plan).serialized(pretty: true))
        } else {
            context.print(text(plan))
        }
        return ExitCode.success
    }

    static func json(_ plan: PagePlan) -> JSONValue {
        .object([
            ("path", .string(plan.page.path)),
            ("kind", .string(plan.page.kind.rawValue)),
            ("selected", .bool(plan.selection.isSelected)),
            ("reason", .string(plan.selection.explanation)),
            ("ai", .bool(!plan.isEmbargoed)),
            ("front_matter", JSONValue(plan.page.fields)),
            ("missing", .array(plan.missingFields.map { .string($0.rawValue) })),
            ("models", .object(plan.assignments.map { ($0.field.rawValue, .string($0.model.description)) })),
        ])
    }

    static func text(_ plan: PagePlan) -> String {
        var lines = [plan.page.path]
        lines.append("  kind: \(plan.page.kind.rawValue)")
        lines.append("  selected: \(plan.selection.isSelected ? "yes" : "no") (\(plan.selection.explanation))")
        if plan.isEmbargoed { lines.append("  ai: false, so only builtin fills this page") }
        lines.append("  front matter:")
        let frontMatter = JSONValue(plan.page.fields).serialized(pretty: true)
        lines += frontMatter.split(separator: "\n").map { "    " + $0 }
        if plan.assignments.isEmpty {
            lines.append("  missing: nothing")
        } else {
            lines.append("  missing:")
            for (field, model) in plan.assignments {
                lines.append("    \(field.rawValue) <- \(model)")
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// The `--drafts`, `--future` and `--expired` flags shared by commands that select pages.
enum SelectionFlags {
    static let options: [OptionSpecification] = [
        .flag("drafts", help: "Include pages with draft: true."),
        .flag("future", help: "Include pages whose publishDate or date is in the future."),
        .flag("expired", help: "Include pages whose expiryDate has passed."),
    ]

    static func options(from arguments: ParsedArguments) -> SelectionOptions {
        SelectionOptions(drafts: arguments.has("drafts"), future: arguments.has("future"), expired: arguments.has("expired"))
    }
}
