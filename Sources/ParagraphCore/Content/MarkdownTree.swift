/// The nodes of one parsed document, stored flat in pre-order.
///
/// A flat array instead of nested child arrays keeps every operation on the tree
/// iterative: copying, comparing and freeing a nested value would recurse once per
/// level, and 100,000 nested block quotes would overflow the stack.
struct MarkdownTree: Sendable {
    /// One node. Its descendants are the records at `index + 1 ..< end`.
    struct Record: Sendable {
        var kind: MarkdownNode.Kind
        var location: SourceLocation?
        var parent: Int?
        var end: Int
    }

    var records: [Record]

    var root: MarkdownNode { MarkdownNode(tree: self, index: 0) }
}
