/// Builds the node tree of a template from its tokens and the standalone analysis.
///
/// Besides nesting sections, the parser places a `.lineStart` node before the first output
/// of each source line, so partial indentation applies to template lines and not to line
/// feeds inside interpolated values. The first line of a template or of a block's content
/// gets none, because the site that includes it decides whether that line is indented.
struct MustacheParser {
    private let scanner: MustacheScanner

    init(source: String) {
        scanner = MustacheScanner(source: source)
    }

    /// An open section, parent or block, or the template itself at the bottom of the stack.
    private struct Frame {
        /// The index of the opening tag, or `nil` for the template itself.
        var opener: Int?
        var nodes: [MustacheNode] = []
        /// Whether no token has been placed in this frame yet.
        var isEmpty = true
        /// Whether this frame is a template or a block's content, whose first line is not marked.
        var isFragment: Bool
        /// The intrinsic indentation of the innermost enclosing block, removed from each line start.
        var removedIndentation: String
    }

    func parse() throws(MustacheError) -> [MustacheNode] {
        let tokens = try scanner.scan()
        let analysis = try MustacheStandaloneAnalysis(tokens: tokens, scanner: scanner)
        var frames = [Frame(opener: nil, isFragment: true, removedIndentation: "")]
        var isAtLineStart = true

        for (index, token) in tokens.enumerated() {
            if analysis.isRemoved[index] {
                isAtLineStart = isAtLineStart || token.endsLine
                continue
            }
            let startsLine = isAtLineStart
            if isAtLineStart {
                isAtLineStart = false
                let isFragmentStart = frames[frames.count - 1].isFragment && frames[frames.count - 1].isEmpty
                if !analysis.ownsLineStart(index) && !isFragmentStart {
                    frames[frames.count - 1].nodes.append(.lineStart)
                }
            }
            let removedIndentation = frames[frames.count - 1].removedIndentation
            frames[frames.count - 1].isEmpty = false

            switch token.kind {
            case .text:
                var text = token.content
                if startsLine {
                    text = Self.removingIndentation(removedIndentation, from: text)
                }
                frames[frames.count - 1].nodes.append(.text(text))
                isAtLineStart = token.endsLine
            case .variable(let escaped):
                let name = try dottedName(token)
                frames[frames.count - 1].nodes.append(.variable(name, escaped: escaped))
            case .comment, .setDelimiters:
                break
            case .partial:
                let indentation = analysis.leadingWhitespace[index].map {
                    Self.removingIndentation(removedIndentation, from: $0)
                }
                frames[frames.count - 1].nodes.append(.partial(name: token.content, indentation: indentation))
            case .section, .invertedSection:
                _ = try dottedName(token)
                frames.append(Frame(opener: index, isFragment: false, removedIndentation: removedIndentation))
            case .parent:
                frames.append(Frame(opener: index, isFragment: false, removedIndentation: removedIndentation))
            case .block:
                let intrinsic = analysis.intrinsicIndentation[index] ?? removedIndentation
                frames.append(Frame(opener: index, isFragment: true, removedIndentation: intrinsic))
            case .closing:
                let frame = frames.removeLast()
                let node = try makeNode(
                    closing: frame, tokens: tokens, analysis: analysis,
                    removedIndentation: frames[frames.count - 1].removedIndentation)
                frames[frames.count - 1].nodes.append(node)
            }
        }
        return frames[0].nodes
    }

    /// Builds the node for a section, parent or block whose closing tag was just read.
    private func makeNode(
        closing frame: Frame, tokens: [MustacheToken], analysis: MustacheStandaloneAnalysis, removedIndentation: String
    ) throws(MustacheError) -> MustacheNode {
        guard let opener = frame.opener else {
            preconditionFailure("the standalone analysis matched every closing tag with an opening tag")
        }
        let token = tokens[opener]
        switch token.kind {
        case .section, .invertedSection:
            let name = try dottedName(token)
            return .section(name, inverted: token.kind == .invertedSection, children: frame.nodes)
        case .parent:
            var arguments: [String: [MustacheNode]] = [:]
            for case .block(let name, let content, _) in frame.nodes {
                arguments[name] = content
            }
            let indentation = analysis.isStandalonePair[opener] ? analysis.leadingWhitespace[opener] : nil
            return .parent(
                name: token.content, arguments: arguments,
                indentation: indentation.map { Self.removingIndentation(removedIndentation, from: $0) })
        default:
            var indentation = analysis.intrinsicIndentation[opener]
            if indentation == nil, analysis.isStandalonePair[opener] {
                indentation = analysis.leadingWhitespace[opener]
            }
            return .block(
                name: token.content, content: frame.nodes,
                indentation: indentation.map { Self.removingIndentation(removedIndentation, from: $0) })
        }
    }

    private func dottedName(_ token: MustacheToken) throws(MustacheError) -> MustacheName {
        guard let name = MustacheName(token.content) else {
            throw .invalidTagName(name: token.content, location: scanner.location(of: token.offset))
        }
        return name
    }

    /// Removes the longest prefix of `text` that is also a prefix of `indentation`.
    static func removingIndentation(_ indentation: String, from text: String) -> String {
        guard !indentation.isEmpty else { return text }
        var remainder = text.unicodeScalars[...]
        for scalar in indentation.unicodeScalars {
            guard remainder.first == scalar else { break }
            remainder = remainder.dropFirst()
        }
        return String(remainder)
    }
}
