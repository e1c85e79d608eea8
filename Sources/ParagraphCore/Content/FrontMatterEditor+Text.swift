/// A replacement of a byte range in the text after the byte-order mark.
struct TextOperation {
    var range: Range<Int>
    var replacement: [UInt8]
    /// The indentation of inserted lines. Of two insertions at one offset, the
    /// deeper one must come first in the text, because it belongs to the inner block.
    var depth = 0
}

extension FrontMatterEditor {
    /// Computes the byte edits that put one group of new keys at its target.
    func textOperations(
        for target: Target, edits: [FrontMatterEdit], frontMatter: FrontMatter, lines: LineTable, newline: [UInt8]
    ) throws(FrontMatterEditError) -> [TextOperation] {
        let entries = Self.tree(of: edits)
        let root = frontMatter.fields
        let step = String(repeating: " ", count: Self.indentStep(of: root))

        switch target {
        case .mapping(let location):
            guard let mapping = Self.findMapping(at: location, in: root) else {
                throw .verificationFailed("lost track of the mapping at line \(location.line)")
            }
            if mapping.isFlow {
                let close = Self.offset(of: mapping.endLocation, lines: lines)
                let before = Self.previousNonBlank(before: close, in: lines.bytes)
                let separator = (before == UInt8(ascii: "{") || before == UInt8(ascii: ",")) ? "" : ", "
                return [TextOperation(range: close..<close, replacement: Array((separator + Self.renderFlow(entries)).utf8))]
            }
            let indent = String(repeating: " ", count: (mapping.mapping?.first?.key.location.column ?? 1) - 1)
            let insertionLine: Int
            if location == root.location {
                // New top-level keys go just before the closing fence.
                insertionLine = frontMatter.closingFenceLine - 1
            } else {
                insertionLine = Self.lastLine(of: mapping, lines: lines)
            }
            let offset = lines.end(insertionLine - 1)
            return [TextOperation(
                range: offset..<offset, replacement: Self.joinLines(Self.renderLines(entries, indent: indent, step: step), newline: newline),
                depth: indent.count)]

        case .replaceValue(let keyLocation):
            guard let (_, pair) = Self.findPair(keyAt: keyLocation, in: root),
                  case .leaf(let fieldValue) = entries.first?.node, entries.count == 1 else {
                throw .verificationFailed("lost track of the key at line \(keyLocation.line)")
            }
            let value = pair.value
            var end = value.endLocation
            // A flow sequence's end points at its closing bracket; the bracket belongs to the value.
            if value.sequence != nil { end.column += 1 }
            guard value.location.line == end.line, value.scalar.map({ $0.style != .literal && $0.style != .folded }) ?? value.isFlow else {
                throw .notAMapping(key: pair.key.scalar?.text ?? "", location: pair.key.location)
            }
            let range = Self.offset(of: value.location, lines: lines)..<Self.offset(of: end, lines: lines)
            return [TextOperation(range: range, replacement: Array(Self.renderValue(fieldValue).utf8))]

        case .emptyValue(let keyLocation):
            guard let (parent, pair) = Self.findPair(keyAt: keyLocation, in: root) else {
                throw .verificationFailed("lost track of the key at line \(keyLocation.line)")
            }
            let value = pair.value
            let hasToken = !(value.scalar?.style == .plain && value.scalar?.text.isEmpty == true)
            let tokenRange = hasToken ? Self.offset(of: value.location, lines: lines)..<Self.offset(of: value.endLocation, lines: lines) : nil
            let afterColon = try Self.offsetAfterColon(following: pair.key, lines: lines)

            // The value itself is the field: write it where the empty one was.
            if entries.count == 1, entries[0].key.isEmpty, case .leaf(let fieldValue) = entries[0].node {
                let rendered = Array(Self.renderValue(fieldValue).utf8)
                if let tokenRange {
                    return [TextOperation(range: tokenRange, replacement: rendered)]
                }
                return [TextOperation(range: afterColon..<afterColon, replacement: Array(" ".utf8) + rendered)]
            }
            if edits.contains(where: { $0.path.isEmpty }) {
                throw .verificationFailed("a value and keys below it were both requested")
            }
            if parent.isFlow {
                let rendered = Array(("{" + Self.renderFlow(entries) + "}").utf8)
                if let tokenRange { return [TextOperation(range: tokenRange, replacement: rendered)] }
                return [TextOperation(range: afterColon..<afterColon, replacement: Array(" ".utf8) + rendered)]
            }
            // A block parent: drop the `~` or `""` and add the keys on the lines below, one step deeper.
            var operations: [TextOperation] = []
            if let tokenRange { operations.append(TextOperation(range: tokenRange, replacement: [])) }
            let indent = String(repeating: " ", count: pair.key.location.column - 1) + step
            let offset = lines.end(pair.key.location.line - 1)
            operations.append(TextOperation(
                range: offset..<offset, replacement: Self.joinLines(Self.renderLines(entries, indent: indent, step: step), newline: newline),
                depth: indent.count))
            return operations
        }
    }

    static func joinLines(_ lines: [String], newline: [UInt8]) -> [UInt8] {
        lines.flatMap { Array($0.utf8) + newline }
    }

    /// Returns the file's own indentation step: how far the first nested block mapping is indented, else 2.
    static func indentStep(of root: YAMLNode) -> Int {
        for pair in root.mapping ?? [] {
            if let child = pair.value.mapping?.first, !pair.value.isFlow, !pair.value.isAlias {
                let step = child.key.location.column - pair.key.location.column
                if step > 0 { return step }
            }
        }
        return 2
    }

    /// Returns the last file line that belongs to a node's value.
    ///
    /// libyaml's end event for a block collection points at the token after it,
    /// and a block scalar ends at the next token too, so neither can be used directly.
    static func lastLine(of node: YAMLNode, lines: LineTable) -> Int {
        var current = node
        while true {
            if current.isAlias || current.isFlow { return current.endLocation.line }
            switch current.content {
            case .mapping(let pairs):
                guard let last = pairs.last else { return current.endLocation.line }
                current = last.value
            case .sequence(let items):
                guard let last = items.last else { return current.endLocation.line }
                current = last
            case .scalar(let scalar):
                guard scalar.style == .literal || scalar.style == .folded else { return current.endLocation.line }
                let header = lines.content(current.location.line - 1)
                let keepsTrailingLines = String(decoding: header, as: UTF8.self).contains("+")
                var line = current.endLocation.line - 1
                if current.endLocation.column > 1 { line = current.endLocation.line }
                if keepsTrailingLines { return max(line, current.location.line) }
                while line > current.location.line, lines.content(line - 1).allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    line -= 1
                }
                return line
            }
        }
    }

    /// Converts a line and column to a byte offset, counting the column in Unicode scalars as libyaml does.
    static func offset(of location: SourceLocation, lines: LineTable) -> Int {
        guard location.line - 1 < lines.count else { return lines.end(lines.count - 1) }
        let content = lines.content(location.line - 1)
        var index = content.startIndex
        var remaining = location.column - 1
        while remaining > 0, index < content.endIndex {
            let byte = content[index]
            // The lead byte of a UTF-8 sequence gives its length.
            if byte < 0x80 {
                index += 1
            } else if byte < 0xE0 {
                index += 2
            } else if byte < 0xF0 {
                index += 3
            } else {
                index += 4
            }
            remaining -= 1
        }
        return min(index, content.endIndex)
    }

    /// Returns the nearest byte before `offset` that is not a space, tab or line break.
    static func previousNonBlank(before offset: Int, in bytes: [UInt8]) -> UInt8? {
        var index = offset - 1
        while index >= 0 {
            let byte = bytes[index]
            if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return byte }
            index -= 1
        }
        return nil
    }

    /// Returns the offset just after the `:` that follows a key on its line.
    static func offsetAfterColon(following key: YAMLNode, lines: LineTable) throws(FrontMatterEditError) -> Int {
        let content = lines.content(key.endLocation.line - 1)
        var index = offset(of: key.endLocation, lines: lines)
        while index < content.endIndex {
            if content[index] == UInt8(ascii: ":") { return index + 1 }
            guard content[index] == 0x20 || content[index] == 0x09 else { break }
            index += 1
        }
        throw .verificationFailed("no ':' after the key on line \(key.endLocation.line)")
    }

    static func findMapping(at location: SourceLocation, in root: YAMLNode) -> YAMLNode? {
        var stack = [root]
        while let node = stack.popLast() {
            if node.location == location, node.mapping != nil, !node.isAlias { return node }
            guard !node.isAlias else { continue }
            stack += node.mapping?.map(\.value) ?? node.sequence ?? []
        }
        return nil
    }

    static func findPair(keyAt location: SourceLocation, in root: YAMLNode) -> (YAMLNode, YAMLPair)? {
        var stack = [root]
        while let node = stack.popLast() {
            guard !node.isAlias else { continue }
            for pair in node.mapping ?? [] where pair.key.location == location {
                return (node, pair)
            }
            stack += node.mapping?.map(\.value) ?? node.sequence ?? []
        }
        return nil
    }

    // MARK: Verification

    func verify(_ result: [UInt8], old: FrontMatter, edits: [FrontMatterEdit]) throws(FrontMatterEditError) {
        let new: FrontMatter
        do {
            new = try FrontMatter.parse(result, parser: parser)
        } catch {
            throw .verificationFailed("it no longer parses: \(error.message)")
        }
        guard new.body == old.body else { throw .verificationFailed("the body changed") }
        guard new.hasByteOrderMark == old.hasByteOrderMark else { throw .verificationFailed("the byte-order mark changed") }
        if old.isPresent, new.lineEnding != old.lineEnding { throw .verificationFailed("the line endings changed") }

        var expected = old.fields
        for edit in edits {
            expected = Self.setting(edit.path[...], to: edit.value, in: expected)
        }
        guard expected == new.fields else { throw .verificationFailed("keys other than the new fields changed") }
    }

    static func setting(_ path: ArraySlice<String>, to value: FieldValue, in node: YAMLNode) -> YAMLNode {
        guard let key = path.first else { return valueNode(value) }
        var pairs = node.isEmptyValue ? [] : (node.mapping ?? [])
        let location = node.location
        if let index = pairs.firstIndex(where: { $0.key.scalar?.text == key }) {
            pairs[index].value = setting(path.dropFirst(), to: value, in: pairs[index].value)
        } else {
            let keyNode = YAMLNode(.scalar(YAMLScalar(text: key, style: .doubleQuoted)), location: location)
            let empty = YAMLNode(.mapping([]), location: location)
            pairs.append(YAMLPair(key: keyNode, value: setting(path.dropFirst(), to: value, in: empty)))
        }
        var result = node
        result.content = .mapping(pairs)
        return result
    }

    static func valueNode(_ value: FieldValue) -> YAMLNode {
        let origin = SourceLocation(line: 1, column: 1)
        switch value {
        case .text(let text):
            return YAMLNode(.scalar(YAMLScalar(text: text, style: .doubleQuoted)), location: origin)
        case .list(let items):
            return YAMLNode(.sequence(items.map {
                YAMLNode(.scalar(YAMLScalar(text: $0, style: .doubleQuoted)), location: origin)
            }), location: origin)
        }
    }
}
