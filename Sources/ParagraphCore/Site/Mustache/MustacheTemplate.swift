/// A Mustache template, parsed once and rendered any number of times.
///
/// Supports the Mustache specification's interpolation (escaped with `{{name}}`, raw with
/// `{{{name}}}` or `{{& name}}`), sections, inverted sections, comments, partials,
/// set-delimiter tags and, from its optional inheritance module, parent tags (`{{<parent}}`)
/// with blocks (`{{$block}}`). Lambdas are not supported.
///
/// ```swift
/// let template = try MustacheTemplate(source: "Hello, {{name}}!")
/// let text = try template.render(["name": "world"])  // "Hello, world!"
/// ```
public struct MustacheTemplate: Sendable {
    /// The maximum nesting depth of partials and parent templates. Rendering deeper fails with
    /// `MustacheError.partialDepthExceeded`, which stops a partial that includes itself.
    public static let maximumPartialDepth = 100

    let nodes: [MustacheNode]

    /// Parses `source`.
    ///
    /// - Throws: `MustacheError` with the line and column of an unclosed tag or section,
    ///   a closing tag that matches no opening tag, an invalid tag name or invalid delimiters.
    public init(source: String) throws(MustacheError) {
        nodes = try MustacheParser(source: source).parse()
    }

    /// Renders the template against `data`, parsing partials from `partials` as they are needed.
    ///
    /// Parent templates (`{{<name}}`) come from `partials` too. A name missing from
    /// `partials` renders as the empty string.
    ///
    /// - Throws: `MustacheError.invalidPartial` when a partial used by this rendering fails to
    ///   parse, and `MustacheError.partialDepthExceeded` when partials nest too deeply.
    public func render(_ data: MustacheValue, partials: [String: String] = [:]) throws(MustacheError) -> String {
        var parsed: [String: MustacheTemplate] = [:]
        return try render(data) { name throws(MustacheError) -> MustacheTemplate? in
            if let template = parsed[name] {
                return template
            }
            guard let source = partials[name] else { return nil }
            do throws(MustacheError) {
                let template = try MustacheTemplate(source: source)
                parsed[name] = template
                return template
            } catch {
                throw .invalidPartial(name: name, error: error)
            }
        }
    }

    /// Renders the template against `data`, asking `partialNamed` for each partial and parent
    /// template it includes.
    ///
    /// `partialNamed` returns `nil` for an unknown name, which renders as the empty string.
    /// It may be called more than once for the same name.
    ///
    /// - Throws: any error `partialNamed` throws, and `MustacheError.partialDepthExceeded`
    ///   when partials nest more than ``maximumPartialDepth`` levels deep.
    public func render(
        _ data: MustacheValue, partialNamed: (String) throws(MustacheError) -> MustacheTemplate?
    ) throws(MustacheError) -> String {
        var renderer = MustacheRenderer(data: data, maximumPartialDepth: Self.maximumPartialDepth)
        try renderer.render(nodes, partials: partialNamed)
        return renderer.output
    }
}
