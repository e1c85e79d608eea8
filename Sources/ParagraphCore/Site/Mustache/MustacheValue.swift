/// The data a Mustache template renders: the JSON data model, with lookups by key.
///
/// Sections treat `null`, `false`, an empty list and an empty string as false. Every other
/// value, including the number 0, is true.
public enum MustacheValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number, rendered without a fraction when it is a whole number (`85`, not `85.0`).
    case number(Double)
    case string(String)
    case list([MustacheValue])
    case object([String: MustacheValue])

    /// Accesses the member under `key` of an object, or returns `nil` for a missing key or another kind of value.
    public subscript(key: String) -> MustacheValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    /// Whether a section over this value renders nothing and an inverted section renders its content.
    var isFalsey: Bool {
        switch self {
        case .null: return true
        case .bool(let value): return !value
        case .number: return false
        case .string(let text): return text.isEmpty
        case .list(let items): return items.isEmpty
        case .object: return false
        }
    }

    /// The text an interpolation tag writes, before HTML escaping.
    ///
    /// A list or an object has no text form and renders as the empty string.
    var interpolatedText: String {
        switch self {
        case .null, .list, .object: return ""
        case .bool(let value): return value ? "true" : "false"
        case .number(let number): return Self.format(number)
        case .string(let text): return text
        }
    }

    /// Formats whole numbers up to 2^53 in magnitude as integers and every other number
    /// in Swift's shortest round-trip form (`1.21`, `1e+300`).
    static func format(_ number: Double) -> String {
        let exactIntegerLimit = 9_007_199_254_740_992.0
        if number.isFinite, number.rounded() == number, abs(number) <= exactIntegerLimit {
            return String(Int64(number))
        }
        return number.description
    }
}

extension MustacheValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension MustacheValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension MustacheValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
}

extension MustacheValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .number(value) }
}

extension MustacheValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension MustacheValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: MustacheValue...) { self = .list(elements) }
}

extension MustacheValue: ExpressibleByDictionaryLiteral {
    /// Builds an object; when a key repeats, the last value wins.
    public init(dictionaryLiteral elements: (String, MustacheValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
