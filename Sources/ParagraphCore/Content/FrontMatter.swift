/// A page file split into its front matter and its Markdown body.
///
/// The split keeps what write-back needs to reproduce the file byte for byte:
/// the byte-order mark, the line ending style and the exact YAML text.
public struct FrontMatter: Sendable {
    public enum LineEnding: String, Sendable {
        case lf = "\n"
        case crlf = "\r\n"
        case cr = "\r"
    }

    /// Whether the file starts with a UTF-8 byte-order mark.
    public var hasByteOrderMark: Bool
    /// The line ending of the file's first line, used for lines the tool adds.
    public var lineEnding: LineEnding
    /// Whether the file has a `---` fenced block at its start.
    public var isPresent: Bool
    /// The YAML between the fences, with its original line endings; empty when absent.
    public var yamlText: String
    /// The 1-based file line of the first YAML line (the line after the opening fence).
    public var yamlStartLine: Int
    /// The 1-based file line of the closing fence, or 0 without front matter.
    public var closingFenceLine: Int
    /// The parsed front matter: always a mapping, empty when the block is absent or empty.
    public var fields: YAMLNode
    public var body: String
    /// The 1-based file line on which the body starts.
    public var bodyStartLine: Int
}

/// A reason a page's front matter could not be read.
public enum FrontMatterError: Error, Sendable, Equatable {
    case invalidUTF8
    case tomlNotSupported
    case jsonNotSupported
    case unclosed
    /// The first line starts with `---` but is not a fence, such as `----` or `---title`.
    case malformedFence
    case notAMapping(SourceLocation)
    case yaml(YAMLError)

    public var location: SourceLocation {
        switch self {
        case .invalidUTF8, .tomlNotSupported, .jsonNotSupported, .unclosed, .malformedFence:
            return SourceLocation(line: 1, column: 1)
        case .notAMapping(let location):
            return location
        case .yaml(let error):
            return error.location
        }
    }

    public var message: String {
        switch self {
        case .invalidUTF8:
            return "the file is not valid UTF-8; save it as UTF-8"
        case .tomlNotSupported:
            return "TOML front matter (+++) is not supported yet; convert the site with `hugo convert toYAML`"
        case .jsonNotSupported:
            return "JSON front matter ({) is not supported yet; convert the site with `hugo convert toYAML`"
        case .unclosed:
            return "front matter opened with '---' is never closed; add a line containing only '---' after it"
        case .malformedFence:
            return "the first line starts with '---' but is not a front-matter fence; make it exactly '---' (a comment after it is fine), or start the file with something else"
        case .notAMapping:
            return "front matter must be a mapping of keys to values, such as `title: My page`"
        case .yaml(let error):
            return error.message
        }
    }

    public func diagnostic(path: String) -> Diagnostic {
        Diagnostic(path: path, location: location, message: message)
    }
}

extension FrontMatter {
    /// Split and parse a page file's bytes.
    ///
    /// Front matter starts only when the very first line (after an optional
    /// byte-order mark) is `---`, which may carry a `# comment`. It ends at the
    /// next line that is `---` or `...` at column 1, so a `---` later in the body,
    /// or an indented one inside a block scalar, stays where it is.
    public static func parse(_ bytes: [UInt8], parser: YAMLParser = YAMLParser()) throws(FrontMatterError) -> FrontMatter {
        var start = 0
        let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if hasBOM { start = 3 }
        guard let text = String(validating: bytes[start...], as: UTF8.self) else {
            throw .invalidUTF8
        }

        let lines = LineTable(bytes: Array(bytes[start...]))
        let lineEnding = lines.firstLineEnding
        let firstLine = lines.count > 0 ? lines.content(0) : []
        let trimmedFirst = trimmingTrailingBlanks(firstLine)

        if trimmedFirst == Array("+++".utf8) { throw .tomlNotSupported }
        if firstLine.first == UInt8(ascii: "{") { throw .jsonNotSupported }
        // Site generators also read `--- # comment` and `----` as an opening fence, so a page
        // like that must never be taken for one without front matter and given a second block.
        if !isFence(firstLine, "---"), firstLine.starts(with: Array("---".utf8)) { throw .malformedFence }
        guard isFence(firstLine, "---") else {
            return FrontMatter(
                hasByteOrderMark: hasBOM, lineEnding: lineEnding, isPresent: false, yamlText: "",
                yamlStartLine: 1, closingFenceLine: 0,
                fields: YAMLNode(.mapping([]), location: SourceLocation(line: 1, column: 1)),
                body: text, bodyStartLine: 1)
        }

        var closing: Int?
        for index in 1..<max(lines.count, 1) {
            let content = lines.content(index)
            if isFence(content, "---") || isFence(content, "...") {
                closing = index
                break
            }
        }
        guard let closing else { throw .unclosed }

        let yamlBytes = bytes[(start + lines.start(1))..<(start + lines.start(closing))]
        let bodyBytes = bytes[(start + lines.end(closing))...]
        let yamlText = String(decoding: yamlBytes, as: UTF8.self)
        let body = String(decoding: bodyBytes, as: UTF8.self)

        let root: YAMLNode?
        do {
            root = try parser.parseDocument(yamlText, firstLine: 2)
        } catch {
            throw .yaml(error)
        }
        let fields: YAMLNode
        switch root?.content {
        case nil:
            fields = YAMLNode(.mapping([]), location: SourceLocation(line: 2, column: 1))
        case .scalar(let scalar) where scalar.value == .null:
            // A block holding only comments or blank lines is an empty mapping.
            fields = YAMLNode(.mapping([]), location: SourceLocation(line: 2, column: 1))
        case .mapping:
            fields = root!
        default:
            throw .notAMapping(root!.location)
        }

        return FrontMatter(
            hasByteOrderMark: hasBOM, lineEnding: lineEnding, isPresent: true, yamlText: yamlText,
            yamlStartLine: 2, closingFenceLine: closing + 1, fields: fields,
            body: body, bodyStartLine: closing + 2)
    }

    /// Returns whether a line is `marker`, optionally followed by blanks and a `#` comment.
    private static func isFence(_ line: ArraySlice<UInt8>, _ marker: String) -> Bool {
        let trimmed = trimmingTrailingBlanks(line)
        let markerBytes = Array(marker.utf8)
        guard trimmed.starts(with: markerBytes) else { return false }
        let rest = trimmed.dropFirst(markerBytes.count)
        guard let first = rest.first else { return true }
        guard first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") else { return false }
        return rest.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.first == UInt8(ascii: "#")
    }

    private static func trimmingTrailingBlanks(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var result = Array(bytes)
        while let last = result.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            result.removeLast()
        }
        return result
    }
}
