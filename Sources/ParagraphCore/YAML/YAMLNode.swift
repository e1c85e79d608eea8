/// A YAML node with the place it starts in its source, after aliases are expanded.
public struct YAMLNode: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        /// Pairs in source order. Keys are unique by their resolved value.
        case mapping([YAMLPair])
    }

    public var content: Content
    public var location: SourceLocation
    /// Where libyaml's event for the node's end points: just past a scalar (for a
    /// block scalar, at the next token), at the closing bracket of a flow
    /// collection, or at the token after a block collection.
    public var endLocation: SourceLocation
    /// The tag written in the source (`!!str`, `!custom`), if any.
    public var tag: String?
    /// Whether the collection was written in flow style (`{…}` or `[…]`).
    public var isFlow: Bool
    /// Whether the node is a copy made for an alias (`*name`); its children's locations are the anchor's.
    public var isAlias = false

    public init(
        _ content: Content, location: SourceLocation, endLocation: SourceLocation? = nil, tag: String? = nil,
        isFlow: Bool = false
    ) {
        self.content = content
        self.location = location
        self.endLocation = endLocation ?? location
        self.tag = tag
        self.isFlow = isFlow
    }

    public static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool {
        lhs.content == rhs.content
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The string a scalar resolves to, or nil for null and for collections.
    public var string: String? {
        guard let scalar, scalar.value != .null else { return nil }
        return scalar.text
    }

    /// Look up a mapping value by a plain string key.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first { $0.key.scalar?.text == key }?.value
    }

    /// Look up a value by a dotted path such as `seo.title`.
    public func value(atPath path: String) -> YAMLNode? {
        var node: YAMLNode? = self
        for component in path.split(separator: ".") {
            node = node?[String(component)]
        }
        return node
    }

    /// Whether this node is absent in meaning: null, or an empty string.
    public var isEmptyValue: Bool {
        guard let scalar else { return false }
        return scalar.value == .null || scalar.text.isEmpty
    }
}

public struct YAMLPair: Sendable, Equatable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// A scalar as written, with its YAML 1.2 core-schema resolution.
public struct YAMLScalar: Sendable, Equatable {
    public enum Style: Sendable, Equatable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// The scalar's text after YAML's quoting and folding rules, e.g. `1.10` stays `1.10`.
    public var text: String
    public var style: Style
    public var value: YAMLValue

    public init(text: String, style: Style, tag: String? = nil) {
        self.text = text
        self.style = style
        self.value = YAMLValue.resolve(text, style: style, tag: tag)
    }

    public static func == (lhs: YAMLScalar, rhs: YAMLScalar) -> Bool {
        lhs.value == rhs.value && lhs.text == rhs.text
    }
}
