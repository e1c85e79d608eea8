/// A value to write at a front-matter path such as `["hero", "alt"]`.
public struct FrontMatterEdit: Sendable, Equatable {
    public var path: [String]
    public var value: FieldValue
    /// Whether an existing value may be replaced: only for a value the tool wrote itself.
    public var replacesValue: Bool

    public init(path: [String], value: FieldValue, replacesValue: Bool = false) {
        self.path = path
        self.value = value
        self.replacesValue = replacesValue
    }

    public init(dottedPath: String, value: FieldValue, replacesValue: Bool = false) {
        self.init(path: dottedPath.split(separator: ".").map(String.init), value: value, replacesValue: replacesValue)
    }
}

/// A reason the editor left a file untouched.
public enum FrontMatterEditError: Error, Sendable, Equatable {
    case unreadable(FrontMatterError)
    /// The path runs through a value that is not a mapping, such as `hero: a.png` for `hero.alt`.
    case notAMapping(key: String, location: SourceLocation)
    /// The path runs through an alias, whose target is elsewhere in the file.
    case throughAlias(key: String, location: SourceLocation)
    case alreadySet(key: String, location: SourceLocation)
    /// The edited text did not parse back to the old tree plus exactly the new fields.
    case verificationFailed(String)

    public var location: SourceLocation? {
        switch self {
        case .unreadable(let error): return error.location
        case .notAMapping(_, let location), .throughAlias(_, let location), .alreadySet(_, let location): return location
        case .verificationFailed: return nil
        }
    }

    public var message: String {
        switch self {
        case .unreadable(let error):
            return error.message
        case .notAMapping(let key, _):
            return "cannot add fields under \"\(key)\" because its value is not a mapping; change it to a mapping or remove it"
        case .throughAlias(let key, _):
            return "cannot add fields under \"\(key)\" because it is an alias; write the fields into the anchored mapping yourself"
        case .alreadySet(let key, _):
            return "\"\(key)\" already has a value, which the tool never replaces"
        case .verificationFailed(let reason):
            return "the edited front matter did not read back as intended (\(reason)); the file was left untouched, please report this"
        }
    }

    public func diagnostic(path: String) -> Diagnostic {
        Diagnostic(path: path, location: location, message: message)
    }
}

/// Inserts fields into a page's front matter as a textual edit.
///
/// Every line the editor does not add or fill stays byte for byte as it was:
/// comments, quoting, key order, blank lines, the byte-order mark, line
/// endings and the body. New keys go at the end of their parent mapping at its
/// own indentation, inside the braces of a flow mapping, or in place of an
/// empty value. A missing parent is added at the end of the front matter. The
/// result is parsed again and must equal the old tree plus exactly the new
/// fields, or the editor throws and the caller keeps the old file.
public struct FrontMatterEditor: Sendable {
    public var parser = YAMLParser()

    public init() {}

    public func apply(_ edits: [FrontMatterEdit], to bytes: [UInt8]) throws(FrontMatterEditError) -> [UInt8] {
        guard !edits.isEmpty else { return bytes }
        let old: FrontMatter
        do {
            old = try FrontMatter.parse(bytes, parser: parser)
        } catch {
            throw .unreadable(error)
        }

        let bomLength = old.hasByteOrderMark ? 3 : 0
        var text = Array(bytes[bomLength...])
        let newline = Array(old.lineEnding.rawValue.utf8)

        if !old.isPresent {
            var block = Array("---".utf8) + newline
            for line in Self.renderLines(Self.tree(of: edits), indent: "", step: "  ") {
                block += Array(line.utf8) + newline
            }
            block += Array("---".utf8) + newline
            text = block + text
        } else {
            let lines = LineTable(bytes: text)
            var operations: [TextOperation] = []
            for (target, group) in try plan(edits, frontMatter: old) {
                operations += try textOperations(for: target, edits: group, frontMatter: old, lines: lines, newline: newline)
            }
            // Apply from the end of the text so earlier offsets stay valid. At one offset, each
            // insertion lands before the ones applied earlier, so apply the shallowest first.
            let ordered = operations.sorted {
                ($0.range.lowerBound, -$0.depth) > ($1.range.lowerBound, -$1.depth)
            }
            for operation in ordered {
                text.replaceSubrange(operation.range, with: operation.replacement)
            }
        }

        let result = Array(bytes[..<bomLength]) + text
        try verify(result, old: old, edits: edits)
        return result
    }

    // MARK: Planning

    /// The place in the existing tree that a group of edits goes to.
    enum Target: Hashable {
        /// Add keys to this mapping, identified by its start.
        case mapping(SourceLocation)
        /// Fill this empty value in place.
        case emptyValue(SourceLocation)
        /// Replace this key's single-line value, which the tool wrote earlier.
        case replaceValue(SourceLocation)
    }

    /// Edits grouped by target, each group keeping the order of `edits` and the
    /// remaining path below the target.
    private func plan(_ edits: [FrontMatterEdit], frontMatter: FrontMatter)
        throws(FrontMatterEditError) -> [(Target, [FrontMatterEdit])]
    {
        var groups: [(Target, [FrontMatterEdit])] = []
        for edit in edits {
            var node = frontMatter.fields
            var remaining = edit.path[...]
            var target = Target.mapping(node.location)
            while let key = remaining.first {
                guard let pair = node.mapping?.first(where: { $0.key.scalar?.text == key }) else { break }
                if pair.value.isEmptyValue {
                    target = .emptyValue(pair.key.location)
                    remaining = remaining.dropFirst()
                    break
                }
                if remaining.count == 1 {
                    guard edit.replacesValue else { throw .alreadySet(key: key, location: pair.key.location) }
                    target = .replaceValue(pair.key.location)
                    remaining = remaining.dropFirst()
                    break
                }
                if pair.value.isAlias { throw .throughAlias(key: key, location: pair.key.location) }
                guard pair.value.mapping != nil else { throw .notAMapping(key: key, location: pair.key.location) }
                node = pair.value
                remaining = remaining.dropFirst()
                target = .mapping(node.location)
            }
            let relative = FrontMatterEdit(path: Array(remaining), value: edit.value)
            if let index = groups.firstIndex(where: { $0.0 == target }) {
                groups[index].1.append(relative)
            } else {
                groups.append((target, [relative]))
            }
        }
        return groups
    }

    // MARK: Rendering new lines

    /// Edits arranged as a tree of keys, keeping first-seen order.
    enum KeyTree {
        case leaf(FieldValue)
        case branch([KeyEntry])
    }

    struct KeyEntry {
        var key: String
        var node: KeyTree
    }

    static func tree(of edits: [FrontMatterEdit]) -> [KeyEntry] {
        var entries: [KeyEntry] = []
        for edit in edits {
            guard let first = edit.path.first else {
                // An edit with no path left is the value of the target itself.
                entries.append(KeyEntry(key: "", node: .leaf(edit.value)))
                continue
            }
            let rest = FrontMatterEdit(path: Array(edit.path.dropFirst()), value: edit.value)
            if rest.path.isEmpty {
                entries.append(KeyEntry(key: first, node: .leaf(edit.value)))
            } else if let index = entries.firstIndex(where: { $0.key == first }), case .branch(let children) = entries[index].node {
                entries[index].node = .branch(children + tree(of: [rest]))
            } else {
                entries.append(KeyEntry(key: first, node: .branch(tree(of: [rest]))))
            }
        }
        return entries
    }

    static func renderValue(_ value: FieldValue) -> String {
        switch value {
        case .text(let text): return YAMLScalarEmitter.emit(text)
        case .list(let items): return YAMLScalarEmitter.emitFlowSequence(items)
        }
    }

    /// Block-style lines for new keys.
    static func renderLines(_ entries: [KeyEntry], indent: String, step: String) -> [String] {
        var lines: [String] = []
        for entry in entries {
            let key = entry.key
            switch entry.node {
            case .leaf(let value):
                lines.append(indent + YAMLScalarEmitter.emit(key) + ": " + renderValue(value))
            case .branch(let children):
                lines.append(indent + YAMLScalarEmitter.emit(key) + ":")
                lines += renderLines(children, indent: indent + step, step: step)
            }
        }
        return lines
    }

    /// Renders entries in flow style, `key: value, other: {sub: value}`, for inserting into braces.
    static func renderFlow(_ entries: [KeyEntry]) -> String {
        entries.map { entry in
            switch entry.node {
            case .leaf(let value): return YAMLScalarEmitter.emit(entry.key) + ": " + renderValue(value)
            case .branch(let children): return YAMLScalarEmitter.emit(entry.key) + ": {" + renderFlow(children) + "}"
            }
        }.joined(separator: ", ")
    }
}
