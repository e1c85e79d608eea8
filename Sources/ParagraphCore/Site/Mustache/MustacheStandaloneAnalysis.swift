/// Decides which whitespace around tags belongs to the tags rather than to the output,
/// after matching each opening tag with its closing tag.
///
/// A tag is *standalone* when only spaces and tabs share its line: the parser then drops
/// that whitespace and the line ending. Parents and blocks follow the inheritance spec's
/// extra rules, which judge a `{{<parent}}…{{/parent}}` or `{{$block}}…{{/block}}` pair
/// as a whole:
///
/// - A parent pair is standalone when its opening tag starts its line and its closing tag
///   ends its line. The whitespace before the opening tag becomes its indentation, and the
///   line ending after the closing tag is dropped.
/// - A block directly inside a parent pair only needs whitespace after its opening tag to be
///   standalone, and whitespace before its closing tag, because the parent ignores the text
///   around its blocks.
/// - Any other block pair whose opening tag starts a line and whose closing tag ends a line
///   takes the whitespace before the opening tag as its indentation. This holds even when
///   both tags share one line, but then the line ending stays part of the output.
/// - When a block's opening tag is standalone, the leading whitespace of the line after it
///   is the block's *intrinsic indentation*: the parser removes it from each line of the
///   content, and the renderer adds the indentation of the site where the block expands.
struct MustacheStandaloneAnalysis {
    /// For each opening or closing tag, the index of the tag that closes or opens it.
    private(set) var partner: [Int?]
    /// For each text token, whether it is whitespace that belongs to a standalone tag.
    private(set) var isRemoved: [Bool]
    /// The removed whitespace before each tag that starts its line and owns that whitespace.
    private(set) var leadingWhitespace: [Int: String] = [:]
    /// The intrinsic indentation of each standalone block opening tag.
    private(set) var intrinsicIndentation: [Int: String] = [:]
    /// For each parent or block opening tag, whether its pair is standalone.
    private(set) var isStandalonePair: [Bool]

    private let tokens: [MustacheToken]
    private var isInsideParent: [Bool]
    private var lines: [Range<Int>] = []
    private var lineOfToken: [Int]

    init(tokens: [MustacheToken], scanner: MustacheScanner) throws(MustacheError) {
        self.tokens = tokens
        partner = Array(repeating: nil, count: tokens.count)
        isRemoved = Array(repeating: false, count: tokens.count)
        isStandalonePair = Array(repeating: false, count: tokens.count)
        isInsideParent = Array(repeating: false, count: tokens.count)
        lineOfToken = Array(repeating: 0, count: tokens.count)
        try matchPairs(scanner: scanner)
        splitLines()
        for index in tokens.indices where !tokens[index].isText {
            applyRules(toTag: index)
        }
    }

    /// Returns whether the parser removed the whitespace before the tag, so the tag owns its line start.
    func ownsLineStart(_ index: Int) -> Bool {
        leadingWhitespace[index] != nil
    }

    private mutating func matchPairs(scanner: MustacheScanner) throws(MustacheError) {
        var open: [Int] = []
        for (index, token) in tokens.enumerated() {
            switch token.kind {
            case .section, .invertedSection, .parent, .block:
                if token.kind == .block, let enclosing = open.last {
                    isInsideParent[index] = tokens[enclosing].kind == .parent
                }
                open.append(index)
            case .closing:
                guard let opener = open.popLast() else {
                    throw .unexpectedClosingTag(name: token.content, location: scanner.location(of: token.offset))
                }
                guard tokens[opener].content == token.content else {
                    throw .mismatchedClosingTag(
                        expected: tokens[opener].content, opened: scanner.location(of: tokens[opener].offset),
                        found: token.content, location: scanner.location(of: token.offset))
                }
                partner[opener] = index
                partner[index] = opener
            default:
                break
            }
        }
        if let opener = open.last {
            throw .unclosedSection(name: tokens[opener].content, location: scanner.location(of: tokens[opener].offset))
        }
    }

    private mutating func splitLines() {
        var start = 0
        for (index, token) in tokens.enumerated() {
            lineOfToken[index] = lines.count
            if token.endsLine {
                lines.append(start..<index + 1)
                start = index + 1
            }
        }
        if start < tokens.count {
            lines.append(start..<tokens.count)
        }
    }

    private mutating func applyRules(toTag index: Int) {
        let clearLeft = isClearLeft(index)
        let clearRight = isClearRight(index)
        switch tokens[index].kind {
        case .parent:
            guard let closer = partner[index], clearLeft, isClearRight(closer) else { return }
            isStandalonePair[index] = true
            removeLeadingWhitespace(ofLineWith: index)
        case .block where isInsideParent[index]:
            guard clearRight else { return }
            if clearLeft {
                removeLeadingWhitespace(ofLineWith: index)
            }
            removeTrailingWhitespace(ofLineWith: index)
            intrinsicIndentation[index] = indentation(ofLineAfter: index)
        case .block:
            let closer = partner[index]
            isStandalonePair[index] = clearLeft && closer.map(isClearRight) == true
            if clearLeft && (clearRight || isStandalonePair[index]) {
                removeLeadingWhitespace(ofLineWith: index)
            }
            if clearLeft && clearRight {
                removeTrailingWhitespace(ofLineWith: index)
                intrinsicIndentation[index] = indentation(ofLineAfter: index)
            }
        case .closing:
            guard let opener = partner[index] else { return }
            switch tokens[opener].kind {
            case .parent:
                if isStandalonePair[opener] {
                    removeTrailingWhitespace(ofLineWith: index)
                }
            case .block where isInsideParent[opener]:
                if clearLeft {
                    removeLeadingWhitespace(ofLineWith: index)
                }
            default:
                if clearLeft && clearRight {
                    removeLeadingWhitespace(ofLineWith: index)
                    removeTrailingWhitespace(ofLineWith: index)
                }
            }
        case .variable:
            return
        default:
            if clearLeft && clearRight {
                removeLeadingWhitespace(ofLineWith: index)
                removeTrailingWhitespace(ofLineWith: index)
            }
        }
    }

    /// Returns whether only spaces and tabs precede the tag on its line.
    private func isClearLeft(_ index: Int) -> Bool {
        let line = lines[lineOfToken[index]]
        return tokens[line.lowerBound..<index].allSatisfy(isBlankText)
    }

    /// Returns whether only spaces, tabs and the line ending follow the tag on its line.
    private func isClearRight(_ index: Int) -> Bool {
        let line = lines[lineOfToken[index]]
        return tokens[index + 1..<line.upperBound].allSatisfy(isBlankText)
    }

    private func isBlankText(_ token: MustacheToken) -> Bool {
        guard token.isText else { return false }
        var text = token.content.utf8[...]
        if text.last == UInt8(ascii: "\n") {
            text = text.dropLast()
            if text.last == UInt8(ascii: "\r") {
                text = text.dropLast()
            }
        }
        return text.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    private mutating func removeLeadingWhitespace(ofLineWith index: Int) {
        let line = lines[lineOfToken[index]]
        var whitespace = ""
        for position in line.lowerBound..<index {
            whitespace += tokens[position].content
            isRemoved[position] = true
        }
        leadingWhitespace[index] = whitespace
    }

    private mutating func removeTrailingWhitespace(ofLineWith index: Int) {
        let line = lines[lineOfToken[index]]
        for position in index + 1..<line.upperBound {
            isRemoved[position] = true
        }
    }

    /// Returns the spaces and tabs that start the line after the tag's line, or "" when there is none.
    private func indentation(ofLineAfter index: Int) -> String {
        let next = lineOfToken[index] + 1
        guard next < lines.count, case let first = tokens[lines[next].lowerBound], first.isText else { return "" }
        return String(first.content.prefix { $0 == " " || $0 == "\t" })
    }
}
