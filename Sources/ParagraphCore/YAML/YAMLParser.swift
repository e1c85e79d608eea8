import CYAML

/// Parses YAML text into `YAMLNode` trees through libyaml's event API.
///
/// Aliases are expanded into copies of their anchored node. The total number of
/// nodes after expansion is capped, so a document of nested aliases (an "alias
/// bomb") fails quickly instead of exhausting memory. Merge keys (`<<`) are
/// applied, with keys written in the mapping taking precedence, and duplicate
/// keys are rejected.
public struct YAMLParser: Sendable {
    public var maxNodes: Int

    public init(maxNodes: Int = 100_000) {
        self.maxNodes = maxNodes
    }

    /// Parse every document in `text`; an empty stream gives an empty array.
    ///
    /// `firstLine` is the file line on which `text` starts, so locations in
    /// nodes and errors are file lines when the YAML is part of a larger file.
    public func parseDocuments(_ text: String, firstLine: Int = 1) throws(YAMLError) -> [YAMLNode] {
        var bytes = Array(text.utf8)
        // A block scalar whose last line ends the text gets no final line break from libyaml, so
        // `notes: |` then `  x` gives "x". YAML expects "x\n", so end the last line.
        if let last = bytes.last, last != UInt8(ascii: "\n"), last != UInt8(ascii: "\r") {
            bytes.append(UInt8(ascii: "\n"))
        }
        let length = bytes.count
        if bytes.isEmpty { bytes = [0] }  // libyaml needs a valid pointer even for empty input.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)

        return try bytes.withUnsafeBufferPointer { (buffer) throws(YAMLError) -> [YAMLNode] in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                throw .syntax(message: "libyaml could not allocate a parser", location: SourceLocation(line: 1, column: 1))
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, length)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)

            var builder = TreeBuilder(maxNodes: maxNodes, lineOffset: firstLine - 1)
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    throw Self.syntaxError(parser, lines: lines, lineOffset: firstLine - 1)
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { break }
                try builder.handle(event)
            }
            return builder.documents
        }
    }

    /// Parse a text that contains at most one document; nil when it contains none.
    public func parseDocument(_ text: String, firstLine: Int = 1) throws(YAMLError) -> YAMLNode? {
        let documents = try parseDocuments(text, firstLine: firstLine)
        if documents.count > 1 {
            throw .syntax(
                message: "expected one YAML document but found \(documents.count); remove the extra '---' or '...' line",
                location: documents[1].location)
        }
        return documents.first
    }

    private static func syntaxError(_ parser: yaml_parser_t, lines: [Substring], lineOffset: Int) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let problemLocation = SourceLocation(
            line: Int(parser.problem_mark.line) + 1 + lineOffset, column: Int(parser.problem_mark.column) + 1)
        var message = problem
        var location = problemLocation
        if let context = parser.context.map({ String(cString: $0) }) {
            let contextLocation = SourceLocation(
                line: Int(parser.context_mark.line) + 1 + lineOffset, column: Int(parser.context_mark.column) + 1)
            message = "\(problem) \(context) that starts here (the problem is at line \(problemLocation.line), column \(problemLocation.column))"
            location = contextLocation
        }

        // A tab where indentation is expected is the most common cause of this message.
        let lineIndex = problemLocation.line - 1 - lineOffset
        if lineIndex < lines.count, lines[lineIndex].contains("\t") {
            message += "; YAML indentation must use spaces, not tabs"
        } else if problem.contains("unexpected end of stream") {
            message += "; check for an unclosed quote or bracket"
        }
        return .syntax(message: message, location: location)
    }
}

/// Builds nodes from libyaml events with an explicit stack, so nesting depth
/// is limited by memory rather than by the call stack.
private struct TreeBuilder {
    struct Built {
        var node: YAMLNode
        var size: Int
    }

    enum Entry {
        case pair(key: YAMLNode, value: YAMLNode)
        case merge([YAMLPair])
    }

    /// An open collection. Frames are mutated in place on the stack, because binding an
    /// enum payload to a variable and appending to it would copy the array every time.
    struct Frame {
        var start: Start
        var isMapping: Bool
        var items: [YAMLNode] = []
        var entries: [Entry] = []
        /// Keys written in this mapping, by canonical form, for the duplicate check.
        var keyLocations: [String: SourceLocation] = [:]
        var pendingKey: YAMLNode?
        /// Nodes in the frame after alias expansion, itself included.
        var size = 1
    }

    struct Start {
        var location: SourceLocation
        var tag: String?
        var anchor: String?
        var isFlow: Bool
    }

    let maxNodes: Int
    let lineOffset: Int
    var documents: [YAMLNode] = []
    var stack: [Frame] = []
    var anchors: [String: Built] = [:]
    var totalNodes = 0
    var documentRoot: YAMLNode?

    init(maxNodes: Int, lineOffset: Int) {
        self.maxNodes = maxNodes
        self.lineOffset = lineOffset
    }

    mutating func handle(_ event: yaml_event_t) throws(YAMLError) {
        let location = SourceLocation(line: Int(event.start_mark.line) + 1 + lineOffset, column: Int(event.start_mark.column) + 1)
        let endLocation = SourceLocation(line: Int(event.end_mark.line) + 1 + lineOffset, column: Int(event.end_mark.column) + 1)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            anchors = [:]
            documentRoot = nil

        case YAML_DOCUMENT_END_EVENT:
            documents.append(documentRoot ?? YAMLNode(.scalar(YAMLScalar(text: "", style: .plain)), location: location))

        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = Self.string(data.value, length: data.length)
            let tag = data.tag.map { String(cString: $0) }
            let style: YAMLScalar.Style
            switch data.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let node = YAMLNode(
                .scalar(YAMLScalar(text: text, style: style, tag: tag)), location: location, endLocation: endLocation, tag: tag)
            try complete(Built(node: node, size: 1), anchor: data.anchor.map { String(cString: $0) }, at: location)

        case YAML_ALIAS_EVENT:
            let name = String(cString: event.data.alias.anchor)
            guard var built = anchors[name] else {
                throw .undefinedAlias(name: name, location: location)
            }
            built.node.location = location
            built.node.endLocation = endLocation
            built.node.isAlias = true
            try complete(built, anchor: nil, at: location)

        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            let start = Start(
                location: location, tag: data.tag.map { String(cString: $0) },
                anchor: data.anchor.map { String(cString: $0) }, isFlow: data.style == YAML_FLOW_SEQUENCE_STYLE)
            stack.append(Frame(start: start, isMapping: false))

        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            let start = Start(
                location: location, tag: data.tag.map { String(cString: $0) },
                anchor: data.anchor.map { String(cString: $0) }, isFlow: data.style == YAML_FLOW_MAPPING_STYLE)
            stack.append(Frame(start: start, isMapping: true))

        case YAML_SEQUENCE_END_EVENT:
            guard let frame = stack.popLast(), !frame.isMapping else { return }
            let start = frame.start
            let node = YAMLNode(
                .sequence(frame.items), location: start.location, endLocation: location, tag: start.tag, isFlow: start.isFlow)
            try complete(Built(node: node, size: frame.size), anchor: start.anchor, at: start.location)

        case YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast(), frame.isMapping else { return }
            let start = frame.start
            let pairs = try Self.flatten(frame.entries)
            let node = YAMLNode(
                .mapping(pairs), location: start.location, endLocation: location, tag: start.tag, isFlow: start.isFlow)
            try complete(Built(node: node, size: frame.size), anchor: start.anchor, at: start.location)

        default:
            break
        }
    }

    /// Attach a finished node to its parent, counting it against the node limit.
    ///
    /// A node read from the text counts once, when it completes. An alias counts the whole
    /// size of the node it copies, so nested aliases that multiply reach the limit.
    private mutating func complete(_ built: Built, anchor: String?, at location: SourceLocation) throws(YAMLError) {
        totalNodes += built.node.isAlias ? built.size : 1
        if totalNodes > maxNodes {
            throw .aliasExpansionTooLarge(limit: maxNodes, location: location)
        }
        if let anchor {
            anchors[anchor] = built
        }
        guard !stack.isEmpty else {
            documentRoot = built.node
            return
        }
        let top = stack.count - 1
        stack[top].size += built.size
        guard stack[top].isMapping else {
            stack[top].items.append(built.node)
            return
        }
        guard let key = stack[top].pendingKey else {
            stack[top].pendingKey = built.node
            return
        }
        stack[top].pendingKey = nil
        if let merged = try Self.mergeSource(key: key, value: built.node) {
            stack[top].entries.append(.merge(merged))
            return
        }
        let canonical = Self.canonicalKey(key)
        if let first = stack[top].keyLocations[canonical] {
            throw .duplicateKey(key: key.scalar?.text ?? canonical, location: key.location, first: first)
        }
        stack[top].keyLocations[canonical] = key.location
        stack[top].entries.append(.pair(key: key, value: built.node))
    }

    /// Returns the pairs a `<<` key brings in, or nil when `key` is not a merge key.
    private static func mergeSource(key: YAMLNode, value: YAMLNode) throws(YAMLError) -> [YAMLPair]? {
        guard let scalar = key.scalar, scalar.style == .plain, scalar.text == "<<", key.tag == nil else {
            return nil
        }
        switch value.content {
        case .mapping(let pairs):
            return pairs
        case .sequence(let items):
            var pairs: [YAMLPair] = []
            for item in items {
                guard let itemPairs = item.mapping else { throw .invalidMerge(location: item.location) }
                // Earlier mappings in the list win over later ones.
                for pair in itemPairs where !pairs.contains(where: { canonicalKey($0.key) == canonicalKey(pair.key) }) {
                    pairs.append(pair)
                }
            }
            return pairs
        case .scalar:
            throw .invalidMerge(location: value.location)
        }
    }

    /// Keys written in the mapping win over merged ones, wherever the merge appears.
    private static func flatten(_ entries: [Entry]) throws(YAMLError) -> [YAMLPair] {
        var explicit = Set<String>()
        for case .pair(let key, _) in entries {
            explicit.insert(canonicalKey(key))
        }
        var seen = Set<String>()
        var pairs: [YAMLPair] = []
        for entry in entries {
            switch entry {
            case .pair(let key, let value):
                seen.insert(canonicalKey(key))
                pairs.append(YAMLPair(key: key, value: value))
            case .merge(let merged):
                for pair in merged {
                    let canonical = canonicalKey(pair.key)
                    if explicit.contains(canonical) || seen.contains(canonical) { continue }
                    seen.insert(canonical)
                    pairs.append(pair)
                }
            }
        }
        return pairs
    }

    /// Returns a string that is equal for two keys exactly when they are the same YAML value.
    static func canonicalKey(_ node: YAMLNode) -> String {
        switch node.content {
        case .scalar(let scalar):
            switch scalar.value {
            case .null: return "null"
            case .bool(let flag): return "bool:\(flag)"
            case .integer: return "int:\(scalar.text)"
            case .float: return "float:\(scalar.text)"
            case .string: return "str:\(scalar.text)"
            }
        case .sequence(let items):
            return "[" + items.map(canonicalKey).joined(separator: ",") + "]"
        case .mapping(let pairs):
            return "{" + pairs.map { canonicalKey($0.key) + ":" + canonicalKey($0.value) }.joined(separator: ",") + "}"
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<UInt8>?, length: Int) -> String {
        guard let pointer else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }
}
