import Foundation

/// `paragraph init [DIR]`: a new site with a commented byok.yaml, an example page and the default theme.
struct InitCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "init",
        abstract: "Create a new site: byok.yaml, content/ with an example page, templates/ with the default theme, and static/.",
        arguments: "[DIR]",
        positionalRange: 0...1,
        options: [],
        discussion: "DIR defaults to the current folder. Existing files are never overwritten.")

    static func run(_ arguments: ParsedArguments, context: RunContext) async -> Int32 {
        var root = context.currentDirectory
        if let folder = arguments.positionals.first {
            root = folder.hasPrefix("/") ? URL(fileURLWithPath: folder) : context.currentDirectory.appendingPathComponent(folder)
        }
        root = root.standardizedFileURL

        let files = SiteTemplate.files
        let existing = files.map(\.path).filter {
            FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path)
        }
        guard existing.isEmpty else {
            for path in existing {
                context.printError("\(root.appendingPathComponent(path).path): already exists; init never overwrites files")
            }
            context.printError("error: nothing was written; run init in an empty folder or remove the files above")
            return ExitCode.usage
        }

        for file in files {
            do {
                try AtomicFile.write(Data(file.contents.utf8), to: root.appendingPathComponent(file.path))
            } catch {
                context.printError("\(root.appendingPathComponent(file.path).path): cannot write the file: \(error.localizedDescription)")
                return ExitCode.usage
            }
        }
        context.print("Created a site in \(root.path):")
        for file in files { context.print("  \(file.path)") }
        context.print("Next: cd into it and run `paragraph build` to render it into public/, or `paragraph enrich` to see what the built-in engine fills.")
        return ExitCode.success
    }
}

/// The files `paragraph init` writes.
enum SiteTemplate {
    static let files: [(path: String, contents: String)] = [
        ("byok.yaml", byokYAML),
        ("content/_index.md", homePage),
        ("content/posts/hello-world.md", examplePage),
        ("static/.gitkeep", ""),
    ] + DefaultTheme.files.map { ("templates/" + $0.path, $0.contents) }

    static let byokYAML = """
        # Paragraph site configuration. Every key is optional; the values below are the defaults.
        site:
          title: My Site
          base_url: https://example.com   # used for canonical links, the sitemap and the feed
          language: en                    # generated text is in the page's `lang`, else this

        # organization: my-org            # names the key pair in byok.keys once you add provider keys
        # keys: byok.keys                 # the sealed key file, safe to commit

        content: content                  # folders, all inside the site folder
        templates: templates
        static: static
        output: public
        exclude: []                       # globs under content/ to leave out, e.g. ["drafts/**"]

        defaults:
          model: builtin                  # offline, free, needs no key; or provider/model, e.g. openai/gpt-5-mini
          # seo: groq/llama-3.1-8b-instant   # the model for description, seo.title, keywords and slug
          # hero: google/gemini-2.5-flash    # the model for hero.alt and hero.caption

        fallback: builtin                 # builtin | fail: what a failed provider call does
        fill: [description, seo.title, slug, hero.alt, hero.caption]   # also available: seo.keywords
        # fields: { seo.keywords: keywords }   # front-matter paths your site generator reads
        slugs: file                       # file: URLs follow file names | title: propose slugs from titles
        refresh: on-change                # on-change | never: refresh generated values when the page changes

        # aliases:
        #   fast: groq/llama-3.1-8b-instant
        # providers:
        #   openai: { models: [gpt-5-mini], max_concurrency: 8 }
        # budget:
        #   max_usd_per_build: 2.00
        #   max_usd_per_month: 40.00

        """

    static let homePage = """
        ---
        title: Home
        ---

        Welcome to the new site. Pages live under `content/`.

        """

    static let examplePage = """
        ---
        title: Hello, world
        date: 2026-01-01
        ---

        This example page has a title and no description. Run `paragraph enrich` and the
        built-in engine proposes one from this first paragraph, without calling any provider.

        ## Next steps

        Edit this page, add your own, and set `defaults.model` in byok.yaml when you want an AI model to fill the metadata.

        """
}
