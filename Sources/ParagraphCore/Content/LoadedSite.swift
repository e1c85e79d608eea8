import Foundation

/// A site's configuration and pages, read and classified: the first steps every command shares.
public struct LoadedSite: Sendable {
    public var root: URL
    public var configuration: SiteConfiguration
    public var scanner: SiteScanner
    /// Every page that parsed, in path order.
    public var pages: [Page]
    /// Pages that failed to read or parse.
    public var diagnostics: [Diagnostic]
    public var selector: PageSelector

    /// Load `byok.yaml` and every page; a configuration error stops here, a page error is collected.
    public static func load(root: URL, options: SelectionOptions, now: Date) throws(ConfigurationError) -> LoadedSite {
        let configuration = try ConfigurationLoader.load(siteRoot: root)
        let scanner = SiteScanner(siteRoot: root, configuration: configuration)
        let result = scanner.scan()
        let selector = PageSelector(pages: result.pages, options: options, now: now, siteLanguage: configuration.site.language)
        return LoadedSite(
            root: root, configuration: configuration, scanner: scanner, pages: result.pages,
            diagnostics: result.diagnostics, selector: selector)
    }

    public var planner: EnrichmentPlanner {
        EnrichmentPlanner(configuration: configuration, selector: selector)
    }
}
