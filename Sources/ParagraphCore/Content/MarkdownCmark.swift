import CCmarkGFM

/// The bridge to cmark-gfm: the only code in Paragraph that imports the C module.
///
/// Every function parses from source and frees each C object it created before it
/// returns, so no C pointer outlives a call or crosses a concurrency boundary.
enum MarkdownCmark {
    /// The syntax extensions attached to every parser. `tagfilter` only changes HTML
    /// output, and only when raw HTML is passed through.
    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    // Footnotes are a parser option in cmark-gfm, not an extension. Style attributes
    // instead of `align` keep table cell alignment valid in HTML5. Smart punctuation
    // stays off so the text nodes keep the quotes and dashes as written.
    private static let options = CMARK_OPT_FOOTNOTES | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES

    // cmark-gfm 0.29.0.gfm.6 registers its extensions behind a plain static flag (its
    // libraries import no pthread functions), and documents may be parsed on several
    // threads at once. Swift initializes a static constant once, under a lock.
    private static let coreExtensionsRegistered: Void = cmark_gfm_core_extensions_ensure_registered()

    /// Parses `source` into the flat tree behind `MarkdownDocument`.
    static func parse(_ source: String, lineOffset: Int) throws(MarkdownError) -> MarkdownTree {
        try withDocument(source) { (root, _) throws(MarkdownError) -> MarkdownTree in
            var converter = MarkdownColumnConverter(source: source, lineOffset: lineOffset)
            return makeTree(root: root, converter: &converter)
        }
    }

    /// Renders `source` as HTML. Without `rawHTML`, cmark-gfm replaces raw HTML with
    /// `<!-- raw HTML omitted -->` and drops `javascript:` and similar link destinations.
    static func renderHTML(_ source: String, rawHTML: Bool) throws(MarkdownError) -> String {
        try withDocument(source) { (root, parser) throws(MarkdownError) -> String in
            let renderOptions = options | (rawHTML ? CMARK_OPT_UNSAFE : 0)
            guard let html = cmark_render_html(root, renderOptions, cmark_parser_get_syntax_extensions(parser)) else {
                throw .libraryCallFailed(step: "render HTML")
            }
            defer { cmark_get_default_mem_allocator().pointee.free(html) }
            return String(cString: html)
        }
    }

    /// Parses `source` with all extensions attached and passes the document's root and
    /// the parser to `body`. Both are freed when `body` returns.
    private static func withDocument<Result>(
        _ source: String,
        _ body: (OpaquePointer, OpaquePointer) throws(MarkdownError) -> Result
    ) throws(MarkdownError) -> Result {
        _ = coreExtensionsRegistered

        guard let parser = cmark_parser_new(options) else {
            throw .libraryCallFailed(step: "create a parser")
        }
        defer { cmark_parser_free(parser) }

        for name in extensionNames {
            guard let syntaxExtension = cmark_find_syntax_extension(name) else {
                throw .extensionNotFound(name: name)
            }
            cmark_parser_attach_syntax_extension(parser, syntaxExtension)
        }

        var text = source
        text.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return }
            base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { characters in
                cmark_parser_feed(parser, characters, buffer.count)
            }
        }
        guard let root = cmark_parser_finish(parser) else {
            throw .libraryCallFailed(step: "finish parsing")
        }
        defer { cmark_node_free(root) }

        return try body(root, parser)
    }

    /// Copies the C tree into flat pre-order records with an explicit stack of open
    /// ancestors, so that deep nesting cannot overflow the call stack.
    private static func makeTree(root: OpaquePointer, converter: inout MarkdownColumnConverter) -> MarkdownTree {
        var records: [MarkdownTree.Record] = []
        var openAncestors: [Int] = []
        var node = root

        while true {
            let index = records.count
            let location = converter.location(
                line: Int(cmark_node_get_start_line(node)), byteColumn: Int(cmark_node_get_start_column(node)))
            records.append(MarkdownTree.Record(
                kind: kind(of: node), location: location, parent: openAncestors.last, end: index + 1))

            if let child = cmark_node_first_child(node) {
                openAncestors.append(index)
                node = child
                continue
            }

            // The node is a leaf: go to the next sibling of the nearest node that has one,
            // closing each ancestor that has no more children on the way up.
            var current = node
            while true {
                if !openAncestors.isEmpty, let sibling = cmark_node_next(current) {
                    node = sibling
                    break
                }
                guard let finished = openAncestors.popLast(), let parent = cmark_node_parent(current) else {
                    return MarkdownTree(records: records)
                }
                records[finished].end = records.count
                current = parent
            }
        }
    }

    private static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        let typeName = String(cString: cmark_node_get_type_string(node))
        guard let name = NodeName(rawValue: typeName) ?? coreNodeName(of: node) else {
            return .other(name: typeName)
        }

        switch name {
        case .document: return .document
        case .blockQuote: return .blockQuote
        case .list:
            return .list(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0)
        case .item: return .listItem(taskChecked: nil)
        case .taskListItem: return .listItem(taskChecked: cmark_gfm_extensions_get_tasklist_item_checked(node))
        case .codeBlock: return .codeBlock(info: string(cmark_node_get_fence_info(node)), code: literal(node))
        case .htmlBlock: return .htmlBlock(html: literal(node))
        case .customBlock: return .customBlock
        case .paragraph: return .paragraph
        case .heading: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case .thematicBreak: return .thematicBreak
        case .footnoteDefinition: return .footnoteDefinition
        case .table: return .table
        case .tableHeaderRow: return .tableRow(isHeader: true)
        case .tableRow: return .tableRow(isHeader: false)
        case .tableCell: return .tableCell
        case .text: return .text(literal(node))
        case .softBreak: return .softBreak
        case .lineBreak: return .lineBreak
        case .code: return .code(literal(node))
        case .htmlInline: return .inlineHTML(html: literal(node))
        case .customInline: return .customInline
        case .emphasis: return .emphasis
        case .strong: return .strong
        case .strikethrough: return .strikethrough
        case .link: return .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case .image: return .image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case .footnoteReference: return .footnoteReference(label: literal(node))
        }
    }

    /// The name for a core node type that `cmark_node_get_type_string` does not name:
    /// cmark-gfm 0.29.0.gfm.6 returns "<unknown>" for both footnote node types.
    /// Only the two known values are matched, so an unexpected raw value stays unknown.
    private static func coreNodeName(of node: OpaquePointer) -> NodeName? {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_FOOTNOTE_DEFINITION: return .footnoteDefinition
        case CMARK_NODE_FOOTNOTE_REFERENCE: return .footnoteReference
        default: return nil
        }
    }

    private static func literal(_ node: OpaquePointer) -> String {
        string(cmark_node_get_literal(node))
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    /// cmark-gfm's node type names, as `cmark_node_get_type_string` returns them.
    /// Extension node types have no fixed numeric value, so the name is the stable key.
    private enum NodeName: String {
        case document
        case blockQuote = "block_quote"
        case list
        case item
        case taskListItem = "tasklist"
        case codeBlock = "code_block"
        case htmlBlock = "html_block"
        case customBlock = "custom_block"
        case paragraph
        case heading
        case thematicBreak = "thematic_break"
        case footnoteDefinition = "footnote_definition"
        case table
        case tableHeaderRow = "table_header"
        case tableRow = "table_row"
        case tableCell = "table_cell"
        case text
        case softBreak = "softbreak"
        case lineBreak = "linebreak"
        case code
        case htmlInline = "html_inline"
        case customInline = "custom_inline"
        case emphasis = "emph"
        case strong
        case strikethrough
        case link
        case image
        case footnoteReference = "footnote_reference"
    }
}
