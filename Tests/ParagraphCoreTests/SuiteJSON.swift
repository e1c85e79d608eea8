import Foundation
@testable import ParagraphCore

/// A JSON value, used to compare parsed YAML with the expected data of the YAML test suite.
///
/// Numbers are compared by value, so `0x0C` in YAML equals `12` in JSON, and NaN equals NaN.
/// Objects are compared without regard to key order.
enum SuiteJSON: Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([SuiteJSON])
    case object([(key: String, value: SuiteJSON)])

    static func == (lhs: SuiteJSON, rhs: SuiteJSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null):
            return true
        case (.bool(let left), .bool(let right)):
            return left == right
        case (.number(let left), .number(let right)):
            return left == right || (left.isNaN && right.isNaN)
        case (.string(let left), .string(let right)):
            return left == right
        case (.array(let left), .array(let right)):
            return left == right
        case (.object(let left), .object(let right)):
            guard left.count == right.count else { return false }
            // Sorting by key, then by position, keeps duplicate keys in source order, so they line up.
            let sortedLeft = left.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }
            let sortedRight = right.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }
            return zip(sortedLeft, sortedRight).allSatisfy { $0.element.key == $1.element.key && $0.element.value == $1.element.value }
        default:
            return false
        }
    }

    var description: String {
        switch self {
        case .null:
            return "null"
        case .bool(let flag):
            return String(flag)
        case .number(let number):
            return String(number)
        case .string(let text):
            return String(reflecting: text)
        case .array(let items):
            return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let pairs):
            return "{" + pairs.map { String(reflecting: $0.key) + ": " + $0.value.description }.joined(separator: ", ") + "}"
        }
    }
}

/// A YAML node that has no JSON form, or a JSON text that could not be read.
struct JSONConversionError: Error, CustomStringConvertible {
    var description: String
}

// MARK: - YAML to JSON

extension SuiteJSON {
    /// Converts a parsed YAML node: mappings become objects keyed by the key scalar's text,
    /// and integers and floats become numbers.
    init(_ node: YAMLNode) throws(JSONConversionError) {
        switch node.content {
        case .scalar(let scalar):
            self = try SuiteJSON(scalar)
        case .sequence(let items):
            var values: [SuiteJSON] = []
            for item in items {
                values.append(try SuiteJSON(item))
            }
            self = .array(values)
        case .mapping(let pairs):
            var members: [(key: String, value: SuiteJSON)] = []
            for pair in pairs {
                guard let key = pair.key.scalar?.text else {
                    throw JSONConversionError(
                        description: "mapping key at line \(pair.key.location.line) is a collection, which JSON cannot represent")
                }
                members.append((key, try SuiteJSON(pair.value)))
            }
            self = .object(members)
        }
    }

    private init(_ scalar: YAMLScalar) throws(JSONConversionError) {
        switch scalar.value {
        case .null:
            self = .null
        case .bool(let flag):
            self = .bool(flag)
        case .string:
            self = .string(scalar.text)
        case .integer:
            guard let number = Self.integer(scalar.text) else {
                throw JSONConversionError(description: "integer scalar \(String(reflecting: scalar.text)) has no numeric value")
            }
            self = .number(number)
        case .float:
            guard let number = Self.float(scalar.text) else {
                throw JSONConversionError(description: "float scalar \(String(reflecting: scalar.text)) has no numeric value")
            }
            self = .number(number)
        }
    }

    /// Reads a core-schema integer: decimal with an optional sign, `0o` octal or `0x` hexadecimal.
    private static func integer(_ text: String) -> Double? {
        if text.hasPrefix("0o") {
            return UInt64(text.dropFirst(2), radix: 8).map { Double($0) }
        }
        if text.hasPrefix("0x") {
            return UInt64(text.dropFirst(2), radix: 16).map { Double($0) }
        }
        return Double(text)
    }

    /// Reads a core-schema float, including the `.inf` and `.nan` spellings.
    private static func float(_ text: String) -> Double? {
        switch text.lowercased() {
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        case ".nan": return .nan
        default: return Double(text)
        }
    }
}

// MARK: - JSON text

extension SuiteJSON {
    /// Reads a stream of JSON values separated by optional whitespace, the form of the YAML test
    /// suite's `in.json` files, with one value per YAML document. An empty text gives no values.
    static func parseStream(_ text: String) throws(JSONConversionError) -> [SuiteJSON] {
        var reader = JSONStreamReader(bytes: Array(text.utf8))
        var values: [SuiteJSON] = []
        reader.skipWhitespace()
        while !reader.isAtEnd {
            values.append(try reader.readValue())
            reader.skipWhitespace()
        }
        return values
    }
}

/// A recursive-descent reader for RFC 8259 JSON over UTF-8 bytes.
private struct JSONStreamReader {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { index >= bytes.count }

    mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) {
            index += 1
        }
    }

    mutating func readValue() throws(JSONConversionError) -> SuiteJSON {
        skipWhitespace()
        guard index < bytes.count else { throw failure("expected a value but the text ended") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            return try readObject()
        case UInt8(ascii: "["):
            return try readArray()
        case UInt8(ascii: "\""):
            return .string(try readString())
        case UInt8(ascii: "t"):
            try readLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try readLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try readLiteral("null")
            return .null
        default:
            return .number(try readNumber())
        }
    }

    private mutating func readObject() throws(JSONConversionError) -> SuiteJSON {
        index += 1
        var members: [(key: String, value: SuiteJSON)] = []
        skipWhitespace()
        if consume("}") { return .object(members) }
        while true {
            skipWhitespace()
            let key = try readString()
            skipWhitespace()
            guard consume(":") else { throw failure("expected ':' after an object key") }
            members.append((key, try readValue()))
            skipWhitespace()
            if consume("}") { return .object(members) }
            guard consume(",") else { throw failure("expected ',' or '}' in an object") }
        }
    }

    private mutating func readArray() throws(JSONConversionError) -> SuiteJSON {
        index += 1
        var items: [SuiteJSON] = []
        skipWhitespace()
        if consume("]") { return .array(items) }
        while true {
            items.append(try readValue())
            skipWhitespace()
            if consume("]") { return .array(items) }
            guard consume(",") else { throw failure("expected ',' or ']' in an array") }
        }
    }

    private mutating func readString() throws(JSONConversionError) -> String {
        guard consume("\"") else { throw failure("expected a string") }
        var scalars = String.UnicodeScalarView()
        var literalStart = index
        while true {
            guard index < bytes.count else { throw failure("unterminated string") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                scalars.append(contentsOf: String(decoding: bytes[literalStart..<index], as: UTF8.self).unicodeScalars)
            }
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(scalars)
            }
            if byte == UInt8(ascii: "\\") {
                index += 1
                scalars.append(try readEscape())
                literalStart = index
                continue
            }
            index += 1
        }
    }

    /// Reads the part of an escape after the backslash, joining a UTF-16 surrogate pair.
    private mutating func readEscape() throws(JSONConversionError) -> Unicode.Scalar {
        guard index < bytes.count else { throw failure("unterminated escape") }
        let letter = bytes[index]
        index += 1
        switch letter {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"): break
        default: throw failure("unknown escape \\\(Character(Unicode.Scalar(letter)))")
        }

        let unit = try readHexUnit()
        if (0xD800...0xDBFF).contains(unit) {
            guard consume("\\"), consume("u") else { throw failure("high surrogate without a low surrogate") }
            let low = try readHexUnit()
            guard (0xDC00...0xDFFF).contains(low) else { throw failure("invalid low surrogate") }
            let combined = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            guard let scalar = Unicode.Scalar(combined) else { throw failure("invalid surrogate pair") }
            return scalar
        }
        guard let scalar = Unicode.Scalar(unit) else { throw failure("lone low surrogate") }
        return scalar
    }

    private mutating func readHexUnit() throws(JSONConversionError) -> UInt16 {
        guard index + 4 <= bytes.count,
              let unit = UInt16(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else {
            throw failure("expected four hexadecimal digits after \\u")
        }
        index += 4
        return unit
    }

    private mutating func readNumber() throws(JSONConversionError) -> Double {
        let start = index
        let numberBytes = Set("+-0123456789.eE".utf8)
        while index < bytes.count, numberBytes.contains(bytes[index]) {
            index += 1
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard !text.isEmpty, let number = Double(text) else {
            throw failure("invalid number \(String(reflecting: text))")
        }
        return number
    }

    private mutating func readLiteral(_ word: String) throws(JSONConversionError) {
        let expected = Array(word.utf8)
        guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
            throw failure("expected \(word)")
        }
        index += expected.count
    }

    private mutating func consume(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(character.value) else { return false }
        index += 1
        return true
    }

    private func failure(_ problem: String) -> JSONConversionError {
        JSONConversionError(description: "invalid JSON at byte \(index): \(problem)")
    }
}
