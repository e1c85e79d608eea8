/// Finishes the HTML that cmark-gfm renders from a page body, in one pass over its bytes.
///
/// - A `%` in an `href` or `src` value that does not start a `%XX` escape becomes `%25`.
///   cmark-gfm copies `%` into link destinations as written, on the assumption that it
///   starts an escape, and a bare one makes the URL invalid.
/// - Each heading that cmark-gfm wrote without attributes (`<h2>`) gets an `id` made from
///   its text, as Hugo does, so `#heading` links within the site work. The ids are unique
///   in the page and differ from every id already in the HTML.
enum RenderedHTMLFixer {
    static func fix(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var usedIDs = existingIDs(in: bytes)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 256)

        // Text between the tags that change is copied in runs, from `copied` up to the next change.
        var copied = 0
        var position = 0
        while let open = bytes[position...].firstIndex(of: UInt8(ascii: "<")) {
            if let level = plainHeadingLevel(bytes, at: open) {
                let id = uniqueID(headingText(bytes, openingTagEnd: open + 4, level: level), used: &usedIDs)
                output += bytes[copied..<open]
                output += Array("<h\(level) id=\"".utf8) + Array(id.utf8) + Array("\">".utf8)
                position = open + 4
                copied = position
                continue
            }
            let end = tagEnd(bytes, from: open)
            if bytes[open..<end].contains(UInt8(ascii: "%")) {
                output += bytes[copied..<open]
                output += fixURLAttributes(bytes[open..<end])
                copied = end
            }
            position = end
        }
        output += bytes[copied...]
        return String(decoding: output, as: UTF8.self)
    }

    /// `<h1>` to `<h6>` with no attributes at `position`, as cmark-gfm writes headings.
    private static func plainHeadingLevel(_ bytes: [UInt8], at position: Int) -> Int? {
        guard position + 3 < bytes.count, bytes[position + 1] == UInt8(ascii: "h"),
              (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[position + 2]),
              bytes[position + 3] == UInt8(ascii: ">") else { return nil }
        return Int(bytes[position + 2] - UInt8(ascii: "0"))
    }

    /// Returns the index after the `>` that ends the tag starting at `start`, or the end of the
    /// text. Quoted attribute values may contain `>`.
    private static func tagEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var quote: UInt8?
        var position = start + 1
        while position < bytes.count {
            let byte = bytes[position]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return position + 1
            } else if byte == UInt8(ascii: "<") {
                // Not a tag after all, such as a `<` that cmark-gfm kept in raw HTML text.
                return position
            }
            position += 1
        }
        return bytes.count
    }

    private static let urlAttributes = [Array(" href=\"".utf8), Array(" src=\"".utf8)]

    private static func fixURLAttributes(_ tag: ArraySlice<UInt8>) -> [UInt8] {
        guard tag.contains(UInt8(ascii: "%")) else { return Array(tag) }
        var result: [UInt8] = []
        result.reserveCapacity(tag.count + 8)
        var position = tag.startIndex
        while position < tag.endIndex {
            guard let attribute = urlAttributes.first(where: { tag[position...].starts(with: $0) }) else {
                result.append(tag[position])
                position += 1
                continue
            }
            result += attribute
            let valueStart = position + attribute.count
            let valueEnd = tag[valueStart...].firstIndex(of: UInt8(ascii: "\"")) ?? tag.endIndex
            let value = String(decoding: tag[valueStart..<valueEnd], as: UTF8.self)
            result += Array(URLPath.escapingBarePercentSigns(value).utf8)
            position = valueEnd
        }
        return result
    }

    /// Extracts the text of a heading: the content up to `</hN>` without tags and character references.
    private static func headingText(_ bytes: [UInt8], openingTagEnd start: Int, level: Int) -> String {
        let closing = Array("</h\(level)>".utf8)
        var text: [UInt8] = []
        var position = start
        var inTag = false
        var inReference = false
        while position < bytes.count, !(bytes[position] == UInt8(ascii: "<") && matches(closing, in: bytes, at: position)) {
            let byte = bytes[position]
            if inTag {
                inTag = byte != UInt8(ascii: ">")
            } else if inReference {
                inReference = byte != UInt8(ascii: ";")
            } else if byte == UInt8(ascii: "<") {
                inTag = true
            } else if byte == UInt8(ascii: "&") {
                inReference = true
            } else {
                text.append(byte)
            }
            position += 1
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Makes an id as Hugo's default does. Letters and digits are lower-cased, `-` and `_` kept,
    /// whitespace becomes `-` and other characters are dropped. A taken id gets `-1`, `-2`…
    static func uniqueID(_ text: String, used: inout Set<String>) -> String {
        var id = ""
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII text, the common case, needs no Unicode properties.
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): id.unicodeScalars.append(Unicode.Scalar(byte + 32))
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                    id.unicodeScalars.append(Unicode.Scalar(byte))
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C:
                    id.append("-")
                default:
                    break
                }
            }
            return unique(id, used: &used)
        }
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                id.append(character)
            } else if character.isWhitespace {
                id.append("-")
            }
        }
        return unique(id, used: &used)
    }

    private static func unique(_ proposed: String, used: inout Set<String>) -> String {
        let id = proposed.isEmpty ? "section" : proposed
        var candidate = id
        var counter = 1
        while used.contains(candidate) {
            candidate = "\(id)-\(counter)"
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }

    /// Collects the values of every `id="…"` attribute already in the HTML.
    private static func existingIDs(in bytes: [UInt8]) -> Set<String> {
        let marker = Array(" id=\"".utf8)
        var ids = Set<String>()
        // `=` is rare outside attributes, so the search jumps from one `=` to the next.
        var position = min(3, bytes.count)
        while let equals = bytes[position...].firstIndex(of: UInt8(ascii: "=")) {
            position = equals + 1
            guard equals >= 3, matches(marker, in: bytes, at: equals - 3) else { continue }
            let valueStart = equals + 2
            var valueEnd = valueStart
            while valueEnd < bytes.count, bytes[valueEnd] != UInt8(ascii: "\"") { valueEnd += 1 }
            ids.insert(String(decoding: bytes[min(valueStart, bytes.count)..<valueEnd], as: UTF8.self))
            position = valueEnd
        }
        return ids
    }

    private static func matches(_ pattern: [UInt8], in bytes: [UInt8], at position: Int) -> Bool {
        guard position + pattern.count <= bytes.count else { return false }
        for offset in pattern.indices where bytes[position + offset] != pattern[offset] {
            return false
        }
        return true
    }
}
