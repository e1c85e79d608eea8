/// Converts the positions that cmark-gfm reports (1-based lines, 1-based byte columns)
/// into `SourceLocation`s whose columns count Unicode scalars.
///
/// cmark-gfm ends lines at `\n`, `\r\n` or a lone `\r`, and counts a leading UTF-8 byte
/// order mark in the columns of line 1. This converter does the same, and reports
/// columns on line 1 as if the byte order mark were absent.
struct MarkdownColumnConverter {
    private let bytes: [UInt8]
    private let lineStarts: [Int]
    private let lineEnds: [Int]
    private let lineOffset: Int

    // The scalar count at the last converted position. Nodes arrive in document order,
    // so most conversions continue from there, which keeps a long line with many
    // inline nodes linear instead of quadratic.
    private var cursorLine = 0
    private var cursorByte = 0
    private var cursorScalars = 0

    /// - Parameter lineOffset: the number of lines before the Markdown text in its file,
    ///   such as the lines of the front matter.
    init(source: String, lineOffset: Int) {
        let bytes = Array(source.utf8)
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        var starts = [bytes.starts(with: byteOrderMark) ? byteOrderMark.count : 0]
        var ends: [Int] = []
        var position = 0
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\n"):
                ends.append(position)
                position += 1
                starts.append(position)
            case UInt8(ascii: "\r"):
                ends.append(position)
                let isCRLF = position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "\n")
                position += isCRLF ? 2 : 1
                starts.append(position)
            default:
                position += 1
            }
        }
        ends.append(bytes.count)

        self.bytes = bytes
        self.lineStarts = starts
        self.lineEnds = ends
        self.lineOffset = lineOffset
    }

    /// Converts cmark-gfm's `line` and `byteColumn`, or returns nil when cmark-gfm
    /// recorded no position (line 0).
    mutating func location(line: Int, byteColumn: Int) -> SourceLocation? {
        guard line >= 1 else { return nil }
        guard line <= lineStarts.count else {
            return SourceLocation(line: line + lineOffset, column: max(byteColumn, 1))
        }

        let contentStart = lineStarts[line - 1]
        let rawStart = line == 1 ? 0 : contentStart
        let target = min(max(rawStart + byteColumn - 1, contentStart), lineEnds[line - 1])

        if cursorLine != line || cursorByte > target {
            cursorLine = line
            cursorByte = contentStart
            cursorScalars = 0
        }
        while cursorByte < target {
            // Every byte except a UTF-8 continuation byte (10xxxxxx) starts a scalar.
            if bytes[cursorByte] & 0b1100_0000 != 0b1000_0000 {
                cursorScalars += 1
            }
            cursorByte += 1
        }
        return SourceLocation(line: line + lineOffset, column: cursorScalars + 1)
    }
}
