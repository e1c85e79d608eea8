/// The counts of one build and every problem it found, for the closing summary.
public struct BuildReport: Sendable {
    /// Regular pages and bundles rendered.
    public var pagesBuilt = 0
    /// List pages rendered, the home page included.
    public var listPagesBuilt = 0
    /// Alias redirect pages written.
    public var redirectsBuilt = 0
    /// Pages left out because they are not published.
    public var pagesNotPublished = 0
    /// Static files, theme assets and bundle files copied.
    public var filesCopied = 0
    /// Files of earlier builds removed because this build no longer produces them.
    public var staleFilesRemoved = 0
    /// Fields filled by enrichment, by the model that produced them.
    public var fieldsByProducer: [String: Int] = [:]
    /// Fields `builtin` filled in place of a model that could not be used.
    public var fallbacks = 0
    /// Errors and warnings in the order found.
    public var diagnostics: [Diagnostic] = []
    /// The output folder, relative to the site.
    public var outputFolder = ""

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }

    mutating func countFilled(_ fields: [FilledField]) {
        for field in fields {
            fieldsByProducer[field.producer.description, default: 0] += 1
            if field.isFallback { fallbacks += 1 }
        }
    }

    /// Formats one line such as `Built 18 pages, 4 list pages and 2 redirects into public/; fields filled: 9 by builtin; …`.
    public func summaryLine(seconds: Double) -> String {
        func count(_ number: Int, _ noun: String, _ plural: String? = nil) -> String {
            "\(number) \(number == 1 ? noun : plural ?? noun + "s")"
        }
        var parts = [
            "Built \(count(pagesBuilt, "page")), \(count(listPagesBuilt, "list page")) and "
                + "\(count(redirectsBuilt, "redirect")) into \(outputFolder)/",
        ]
        let fields = fieldsByProducer.sorted { $0.key < $1.key }.map { "\($0.value) by \($0.key)" }
        parts.append(fields.isEmpty ? "no fields filled" : "fields filled: " + fields.joined(separator: ", "))
        if fallbacks > 0 { parts.append("\(fallbacks) as fallback") }
        parts.append("\(pagesNotPublished) not published")
        parts.append("\(count(filesCopied, "file")) copied")
        if staleFilesRemoved > 0 { parts.append("\(count(staleFilesRemoved, "stale file")) removed") }
        parts.append(count(warningCount, "warning"))
        parts.append(count(errorCount, "error"))
        let time = (seconds * 100).rounded() / 100
        return parts.joined(separator: "; ") + " (\(time) s)"
    }
}
