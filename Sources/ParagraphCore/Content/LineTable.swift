/// The byte ranges of a text's lines, where a line ends with LF, CRLF or a lone CR.
public struct LineTable: Sendable {
    /// Start offsets of every line, plus the total length as a sentinel.
    private var starts: [Int]
    /// Offsets where each line's content ends, before its terminator.
    private var contentEnds: [Int]
    /// The text the table indexes.
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        var contentEnds: [Int] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                contentEnds.append(index)
                index += 1
                starts.append(index)
            } else if byte == UInt8(ascii: "\r") {
                contentEnds.append(index)
                index += (index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n")) ? 2 : 1
                starts.append(index)
            } else {
                index += 1
            }
        }
        if starts.last! < bytes.count || bytes.isEmpty {
            contentEnds.append(bytes.count)
            starts.append(bytes.count)
        } else {
            // The text ends with a terminator: no further, empty line.
            starts[starts.count - 1] = bytes.count
        }
        self.starts = starts
        self.contentEnds = contentEnds
    }

    public var count: Int { contentEnds.count }

    /// The offset where line `index` (0-based) starts.
    public func start(_ index: Int) -> Int { starts[index] }

    /// The offset just past line `index`'s terminator.
    public func end(_ index: Int) -> Int { starts[index + 1] }

    /// The bytes of line `index` without its terminator.
    public func content(_ index: Int) -> ArraySlice<UInt8> { bytes[starts[index]..<contentEnds[index]] }

    /// The terminator of the first line, LF when the text has a single unterminated line.
    public var firstLineEnding: FrontMatter.LineEnding {
        guard count > 0, contentEnds[0] < bytes.count else { return .lf }
        if bytes[contentEnds[0]] == UInt8(ascii: "\n") { return .lf }
        if contentEnds[0] + 1 < bytes.count, bytes[contentEnds[0] + 1] == UInt8(ascii: "\n") { return .crlf }
        return .cr
    }
}
