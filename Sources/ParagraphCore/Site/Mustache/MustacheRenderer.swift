/// Renders a node tree against a context stack, expanding partials, parents and blocks.
struct MustacheRenderer {
    typealias PartialLookup = (String) throws(MustacheError) -> MustacheTemplate?

    /// The rendering state that changes on entering a partial, parent or block.
    private struct Scope {
        /// The text written at each line start: the indentation of all enclosing standalone sites.
        var indentation: String
        /// Block content passed down by enclosing parent tags, by block name.
        var overrides: [String: [MustacheNode]]
    }

    private(set) var output = ""
    /// Indentation to write before the next non-empty output, set at a line start.
    private var pendingIndentation: String?
    private var contextStack: [MustacheValue]
    private var partialDepth = 0
    private let maximumPartialDepth: Int

    init(data: MustacheValue, maximumPartialDepth: Int) {
        contextStack = [data]
        self.maximumPartialDepth = maximumPartialDepth
    }

    mutating func render(_ nodes: [MustacheNode], partials: PartialLookup) throws(MustacheError) {
        try render(nodes, scope: Scope(indentation: "", overrides: [:]), partials: partials)
    }

    private mutating func render(
        _ nodes: [MustacheNode], scope: Scope, partials: PartialLookup
    ) throws(MustacheError) {
        for node in nodes {
            switch node {
            case .text(let text):
                write(text)
            case .lineStart:
                pendingIndentation = scope.indentation
            case .variable(let name, let escaped):
                let text = lookUp(name).interpolatedText
                write(escaped ? Self.escapeHTML(text) : text)
            case .section(let name, let inverted, let children):
                let value = lookUp(name)
                try renderSection(value, inverted: inverted, children: children, scope: scope, partials: partials)
            case .partial(let name, let indentation):
                try include(name, arguments: [:], indentation: indentation, scope: scope, partials: partials)
            case .parent(let name, let arguments, let indentation):
                try include(name, arguments: arguments, indentation: indentation, scope: scope, partials: partials)
            case .block(let name, let content, let indentation):
                try expandBlock(name, content: content, indentation: indentation, scope: scope, partials: partials)
            }
        }
    }

    private mutating func renderSection(
        _ value: MustacheValue, inverted: Bool, children: [MustacheNode], scope: Scope, partials: PartialLookup
    ) throws(MustacheError) {
        if inverted {
            if value.isFalsey {
                try render(children, scope: scope, partials: partials)
            }
            return
        }
        let items: [MustacheValue]
        if case .list(let list) = value {
            items = list
        } else {
            items = value.isFalsey ? [] : [value]
        }
        for item in items {
            contextStack.append(item)
            defer { contextStack.removeLast() }
            try render(children, scope: scope, partials: partials)
        }
    }

    /// Renders the partial or parent template `name`, or nothing when the lookup returns `nil`.
    ///
    /// A standalone site (`indentation != nil`) indents every line of the template, the first
    /// included. An inline site indents none.
    private mutating func include(
        _ name: String, arguments: [String: [MustacheNode]], indentation: String?, scope: Scope,
        partials: PartialLookup
    ) throws(MustacheError) {
        guard let template = try partials(name) else { return }
        guard partialDepth < maximumPartialDepth else {
            throw .partialDepthExceeded(name: name, limit: maximumPartialDepth)
        }
        partialDepth += 1
        defer { partialDepth -= 1 }

        // Arguments from an enclosing parent tag win over this tag's own, so the outermost
        // template decides every block.
        var inner = Scope(indentation: "", overrides: arguments.merging(scope.overrides) { _, outer in outer })
        if let indentation {
            inner.indentation = scope.indentation + indentation
            pendingIndentation = inner.indentation
        }
        try render(template.nodes, scope: inner, partials: partials)
        if indentation != nil {
            pendingIndentation = nil
        }
    }

    /// Renders the content passed for block `name` by a parent tag, or else its default content.
    private mutating func expandBlock(
        _ name: String, content: [MustacheNode], indentation: String?, scope: Scope, partials: PartialLookup
    ) throws(MustacheError) {
        var inner = scope
        var body = content
        if let override = scope.overrides[name] {
            body = override
            // The passed content may contain a block of the same name, which must get its
            // default content, or the expansion would never end.
            inner.overrides[name] = nil
        }
        guard let indentation else {
            try render(body, scope: inner, partials: partials)
            return
        }
        inner.indentation = scope.indentation + indentation
        pendingIndentation = inner.indentation
        try render(body, scope: inner, partials: partials)
        pendingIndentation = nil
    }

    /// Looks up the first part of a dotted name on the innermost context that has it, and each
    /// later part on the value found so far. A missing part resolves to `.null`.
    private func lookUp(_ name: MustacheName) -> MustacheValue {
        guard let first = name.components.first else {
            return contextStack.last ?? .null
        }
        guard var value = contextStack.reversed().lazy.compactMap({ $0[first] }).first else {
            return .null
        }
        for component in name.components.dropFirst() {
            guard let next = value[component] else { return .null }
            value = next
        }
        return value
    }

    private mutating func write(_ text: String) {
        guard !text.isEmpty else { return }
        if let indentation = pendingIndentation {
            output += indentation
            pendingIndentation = nil
        }
        output += text
    }

    /// Replaces `&`, `<`, `>`, `"` and `'` with character references.
    static func escapeHTML(_ text: String) -> String {
        guard text.utf8.contains(where: { "&<>\"'".utf8.contains($0) }) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
