/// A piece of a template source: a tag, or text that ends at a tag, after a line feed or at
/// the end of the source. Text never spans two lines, so a line is a run of tokens ending with
/// a text token whose `endsLine` is true.
struct MustacheToken: Sendable {
    enum Kind: Sendable, Equatable {
        case text
        case variable(escaped: Bool)
        case section
        case invertedSection
        case closing
        case comment
        case partial
        case parent
        case block
        case setDelimiters
    }

    var kind: Kind
    /// The text of a text token, or the name of a tag (empty for comments and set-delimiter tags).
    var content: String
    /// Offset of the token's first byte in the UTF-8 source.
    var offset: Int
    /// Whether this is a text token that ends with a line feed.
    var endsLine = false

    var isText: Bool { kind == .text }
}

/// Splits a template source into tokens, following set-delimiter tags as it goes.
struct MustacheScanner {
    let bytes: [UInt8]
    private let lineStarts: [Int]

    init(source: String) {
        bytes = Array(source.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        lineStarts = starts
    }

    func scan() throws(MustacheError) -> [MustacheToken] {
        var tokens: [MustacheToken] = []
        var opening = Array("{{".utf8)
        var closing = Array("}}".utf8)
        var position = 0
        while position < bytes.count {
            guard let tagStart = find(opening, from: position) else {
                appendText(position..<bytes.count, to: &tokens)
                break
            }
            appendText(position..<tagStart, to: &tokens)
            position = try scanTag(at: tagStart, opening: &opening, closing: &closing, into: &tokens)
        }
        return tokens
    }

    /// Converts a byte offset into a line and a column, both counted from 1, the column in characters.
    func location(of offset: Int) -> SourceLocation {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset {
                low = middle
            } else {
                high = middle - 1
            }
        }
        let prefix = String(decoding: bytes[lineStarts[low]..<offset], as: UTF8.self)
        return SourceLocation(line: low + 1, column: prefix.count + 1)
    }

    /// Scans the tag that starts at `start` and returns the offset just after it.
    private func scanTag(
        at start: Int, opening: inout [UInt8], closing: inout [UInt8], into tokens: inout [MustacheToken]
    ) throws(MustacheError) -> Int {
        let contentStart = start + opening.count
        let first = contentStart < bytes.count ? bytes[contentStart] : nil

        if first == UInt8(ascii: "{") {
            let terminator = [UInt8(ascii: "}")] + closing
            guard let end = find(terminator, from: contentStart + 1) else {
                throw unclosedTag(at: start, terminator: terminator)
            }
            let name = try tagName(contentStart + 1..<end, tagStart: start)
            tokens.append(MustacheToken(kind: .variable(escaped: false), content: name, offset: start))
            return end + terminator.count
        }

        if first == UInt8(ascii: "=") {
            let terminator = [UInt8(ascii: "=")] + closing
            guard let end = find(terminator, from: contentStart + 1) else {
                // A tag such as `{{=<% %>}}` ends without the `=`, which makes its delimiters invalid.
                if let plainEnd = find(closing, from: contentStart + 1) {
                    let content = String(decoding: bytes[start..<plainEnd + closing.count], as: UTF8.self)
                    throw .invalidDelimiters(content: content, location: location(of: start))
                }
                throw unclosedTag(at: start, terminator: terminator)
            }
            let delimiters = bytes[contentStart + 1..<end].split(whereSeparator: Self.isWhitespace)
            let hasEqualsSign = delimiters.contains { $0.contains(UInt8(ascii: "=")) }
            guard delimiters.count == 2, !hasEqualsSign else {
                let content = String(decoding: bytes[start..<end + terminator.count], as: UTF8.self)
                throw .invalidDelimiters(content: content, location: location(of: start))
            }
            opening = Array(delimiters[0])
            closing = Array(delimiters[1])
            tokens.append(MustacheToken(kind: .setDelimiters, content: "", offset: start))
            return end + terminator.count
        }

        guard let end = find(closing, from: contentStart) else {
            throw unclosedTag(at: start, terminator: closing)
        }
        var nameStart = contentStart
        while nameStart < end, Self.isWhitespace(bytes[nameStart]) {
            nameStart += 1
        }
        let kind = nameStart < end ? Self.kind(ofSigil: bytes[nameStart]) : nil
        if kind == .comment {
            tokens.append(MustacheToken(kind: .comment, content: "", offset: start))
        } else if let kind {
            let name = try tagName(nameStart + 1..<end, tagStart: start)
            tokens.append(MustacheToken(kind: kind, content: name, offset: start))
        } else {
            let name = try tagName(contentStart..<end, tagStart: start)
            tokens.append(MustacheToken(kind: .variable(escaped: true), content: name, offset: start))
        }
        return end + closing.count
    }

    private func unclosedTag(at start: Int, terminator: [UInt8]) -> MustacheError {
        .unclosedTag(closingDelimiter: String(decoding: terminator, as: UTF8.self), location: location(of: start))
    }

    private static func kind(ofSigil byte: UInt8) -> MustacheToken.Kind? {
        switch byte {
        case UInt8(ascii: "#"): return .section
        case UInt8(ascii: "^"): return .invertedSection
        case UInt8(ascii: "/"): return .closing
        case UInt8(ascii: "!"): return .comment
        case UInt8(ascii: ">"): return .partial
        case UInt8(ascii: "<"): return .parent
        case UInt8(ascii: "$"): return .block
        case UInt8(ascii: "&"): return .variable(escaped: false)
        default: return nil
        }
    }

    /// Returns the tag name in `range` without surrounding whitespace.
    ///
    /// - Throws: `MustacheError.invalidTagName` when the name is empty or contains whitespace.
    private func tagName(_ range: Range<Int>, tagStart: Int) throws(MustacheError) -> String {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, Self.isWhitespace(bytes[lower]) {
            lower += 1
        }
        while upper > lower, Self.isWhitespace(bytes[upper - 1]) {
            upper -= 1
        }
        let name = String(decoding: bytes[lower..<upper], as: UTF8.self)
        if name.isEmpty || bytes[lower..<upper].contains(where: Self.isWhitespace) {
            throw .invalidTagName(name: name, location: location(of: tagStart))
        }
        return name
    }

    /// Appends the text in `range` as one token per line.
    private func appendText(_ range: Range<Int>, to tokens: inout [MustacheToken]) {
        var start = range.lowerBound
        while start < range.upperBound {
            var end = start
            while end < range.upperBound, bytes[end] != UInt8(ascii: "\n") {
                end += 1
            }
            let endsLine = end < range.upperBound
            if endsLine {
                end += 1
            }
            let text = String(decoding: bytes[start..<end], as: UTF8.self)
            tokens.append(MustacheToken(kind: .text, content: text, offset: start, endsLine: endsLine))
            start = end
        }
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            if bytes[index] == first, bytes[index..<index + needle.count].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): return true
        default: return false
        }
    }
}
