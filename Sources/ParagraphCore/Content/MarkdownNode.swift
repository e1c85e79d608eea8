/// A node of a parsed Markdown document: a block such as a paragraph or a list, or an
/// inline such as emphasis or a link.
///
/// A node is a cheap view into its document's storage, so copying one never copies
/// the tree. Every traversal below is iterative, however deep the nesting.
public struct MarkdownNode: Sendable {
    let tree: MarkdownTree
    let index: Int

    /// The node's type, with the data that cmark-gfm stores for that type.
    public var kind: Kind { tree.records[index].kind }

    /// The start of the node in the source, or nil for line breaks, which cmark-gfm
    /// does not position.
    ///
    /// Columns count Unicode scalars from 1.
    /// - Note: cmark-gfm 0.29 gives continuation lines of a paragraph the column offset of
    ///   its first line, so inline nodes on lazily indented lines can be a few columns off.
    public var location: SourceLocation? { tree.records[index].location }

    /// The node that contains this one, or nil for the document.
    public var parent: MarkdownNode? {
        tree.records[index].parent.map { MarkdownNode(tree: tree, index: $0) }
    }

    /// The direct children, in document order.
    public var children: [MarkdownNode] {
        var result: [MarkdownNode] = []
        var child = index + 1
        let end = tree.records[index].end
        while child < end {
            result.append(MarkdownNode(tree: tree, index: child))
            child = tree.records[child].end
        }
        return result
    }

    /// The number of nodes below this one, at any depth.
    public var descendantCount: Int { tree.records[index].end - index - 1 }

    /// The next step of `walk(_:)` after it visits a node.
    public enum WalkStep: Sendable {
        /// Continue with the node's children, then its following nodes.
        case visitChildren
        /// Continue after the node's last descendant.
        case skipChildren
        /// End the walk.
        case stop
    }

    /// Visits this node's descendants in document order, without the node itself.
    ///
    /// The walk is a loop over the flat storage, so its stack use does not grow with
    /// the depth of the tree.
    public func walk(_ visit: (MarkdownNode) throws -> WalkStep) rethrows {
        var position = index + 1
        let end = tree.records[index].end
        while position < end {
            switch try visit(MarkdownNode(tree: tree, index: position)) {
            case .visitChildren:
                position += 1
            case .skipChildren:
                position = tree.records[position].end
            case .stop:
                return
            }
        }
    }

    /// The first descendant, in document order, for which `predicate` returns true.
    public func firstDescendant(where predicate: (MarkdownNode) throws -> Bool) rethrows -> MarkdownNode? {
        var found: MarkdownNode?
        try walk { node in
            if try predicate(node) {
                found = node
                return .stop
            }
            return .visitChildren
        }
        return found
    }
}
