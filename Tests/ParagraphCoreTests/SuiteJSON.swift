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
        do {
            return try JSONValue.parseStream(text).map(SuiteJSON.init(json:))
        } catch {
            throw JSONConversionError(description: error.description)
        }
    }

    /// Converts the library's JSON value, reading numbers as doubles so they compare by value.
    init(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let text): self = .number(Double(text) ?? .nan)
        case .string(let text): self = .string(text)
        case .array(let items): self = .array(items.map(SuiteJSON.init(json:)))
        case .object(let members): self = .object(members.map { (key: $0.0, value: SuiteJSON(json: $0.1)) })
        }
    }
}
