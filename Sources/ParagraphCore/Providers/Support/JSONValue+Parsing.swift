import Foundation

extension JSONValue {
    /// A JSON parse failure, with the byte offset where parsing stopped.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var offset: Int
        public var reason: String

        public var description: String { "invalid JSON at byte \(offset): \(reason)" }
    }

    /// Parse a JSON text (RFC 8259), keeping object keys in their order and numbers as their text.
    ///
    /// Leading and trailing whitespace is allowed, including the blank lines that
    /// DeepSeek sends while a request waits in its queue. Duplicate keys are kept.
    public static func parse(_ data: Data) throws(ParseError) -> JSONValue {
        var parser = JSONTextParser(bytes: [UInt8](data))
        return try parser.parseDocument()
    }

    public static func parse(_ text: String) throws(ParseError) -> JSONValue {
        try parse(Data(text.utf8))
    }

    /// Parse a stream of JSON texts separated by optional whitespace, such as JSON Lines or
    /// the YAML test suite's expected data. Empty or blank input gives no values.
    public static func parseStream(_ text: String) throws(ParseError) -> [JSONValue] {
        var parser = JSONTextParser(bytes: Array(text.utf8))
        return try parser.parseStream()
    }

    /// A number from an integer.
    public static func integer(_ value: Int) -> JSONValue {
        .number(String(value))
    }

    /// The value of the first member named `key`, or nil when this is not an object or has no such member.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var objectMembers: [(String, JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    public var isObject: Bool { objectMembers != nil }

    /// The number as an integer, when it is one.
    public var intValue: Int? {
        if case .number(let text) = self { return Int(text) }
        return nil
    }

    /// The serialised text as UTF-8, for a request body.
    var serializedData: Data { Data(serialized().utf8) }
}

/// A recursive-descent JSON parser over UTF-8 bytes.
private struct JSONTextParser {
    let bytes: [UInt8]
    var index = 0
    var depth = 0
    /// Nesting deeper than this is rejected, so a hostile body cannot exhaust the stack.
    static let maxDepth = 512

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func parseDocument() throws(JSONValue.ParseError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else { throw fail("unexpected text after the JSON value") }
        return value
    }

    mutating func parseStream() throws(JSONValue.ParseError) -> [JSONValue] {
        var values: [JSONValue] = []
        skipWhitespace()
        while index < bytes.count {
            values.append(try parseValue())
            skipWhitespace()
        }
        return values
    }

    private func fail(_ reason: String) -> JSONValue.ParseError {
        JSONValue.ParseError(offset: index, reason: reason)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) {
            index += 1
        }
    }

    private mutating func parseValue() throws(JSONValue.ParseError) -> JSONValue {
        guard index < bytes.count else { throw fail("unexpected end of text") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            return try parseObject()
        case UInt8(ascii: "["):
            return try parseArray()
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        default:
            return .number(try parseNumber())
        }
    }

    private mutating func expectLiteral(_ literal: String) throws(JSONValue.ParseError) {
        let expected = Array(literal.utf8)
        guard bytes.count - index >= expected.count, Array(bytes[index..<(index + expected.count)]) == expected else {
            throw fail("invalid literal")
        }
        index += expected.count
    }

    private mutating func enterContainer() throws(JSONValue.ParseError) {
        depth += 1
        guard depth <= Self.maxDepth else { throw fail("nested more than \(Self.maxDepth) levels deep") }
    }

    private mutating func parseObject() throws(JSONValue.ParseError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        index += 1
        var members: [(String, JSONValue)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a member name") }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            index += 1
            skipWhitespace()
            members.append((key, try parseValue()))
            skipWhitespace()
            guard index < bytes.count else { throw fail("unterminated object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "}") else { throw fail("expected ',' or '}'") }
            index += 1
            return .object(members)
        }
    }

    private mutating func parseArray() throws(JSONValue.ParseError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw fail("unterminated array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "]") else { throw fail("expected ',' or ']'") }
            index += 1
            return .array(items)
        }
    }

    private mutating func parseNumber() throws(JSONValue.ParseError) -> String {
        let start = index
        while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) {
            index += 1
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard !text.isEmpty else { throw fail("unexpected character") }
        guard JSONValue.isJSONNumber(text) else {
            index = start
            throw fail("invalid number \"\(text)\"")
        }
        return text
    }

    private mutating func parseString() throws(JSONValue.ParseError) -> String {
        index += 1
        var scalars = String.UnicodeScalarView()
        var segmentStart = index
        func flushSegment(upTo end: Int) throws(JSONValue.ParseError) {
            guard segmentStart < end else { return }
            guard let text = String(validating: bytes[segmentStart..<end], as: UTF8.self) else {
                throw JSONValue.ParseError(offset: segmentStart, reason: "invalid UTF-8 in a string")
            }
            scalars.append(contentsOf: text.unicodeScalars)
        }

        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                try flushSegment(upTo: index)
                index += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                try flushSegment(upTo: index)
                index += 1
                scalars.append(try parseEscape())
                segmentStart = index
            case 0x00..<0x20:
                throw fail("unescaped control character in a string")
            default:
                index += 1
            }
        }
        throw fail("unterminated string")
    }

    private mutating func parseEscape() throws(JSONValue.ParseError) -> Unicode.Scalar {
        guard index < bytes.count else { throw fail("unterminated escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let first = try parseHexQuad()
            if (0xD800..<0xDC00).contains(first) {
                // A high surrogate must be followed by an escaped low surrogate.
                guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw fail("unpaired surrogate")
                }
                index += 2
                let second = try parseHexQuad()
                guard (0xDC00..<0xE000).contains(second) else { throw fail("unpaired surrogate") }
                let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                return Unicode.Scalar(combined)!
            }
            guard let scalar = Unicode.Scalar(first) else { throw fail("unpaired surrogate") }
            return scalar
        default:
            throw fail("invalid escape")
        }
    }

    private mutating func parseHexQuad() throws(JSONValue.ParseError) -> UInt32 {
        let digits = bytes.count - index >= 4 ? bytes[index..<(index + 4)] : []
        guard digits.count == 4, digits.allSatisfy({ "0123456789abcdefABCDEF".utf8.contains($0) }),
              let value = UInt32(String(decoding: digits, as: UTF8.self), radix: 16) else {
            throw fail("invalid \\u escape")
        }
        index += 4
        return value
    }
}
