/// A value the tool produced for one field of one page.
public struct FilledField: Sendable, Equatable {
    public var field: Field
    public var value: FieldValue
    /// The model the plan chose for the field.
    public var chosenModel: ModelReference
    /// The model that produced the value.
    public var producer: ModelReference
    /// Whether the value came from `byok.lock` rather than a new generation.
    public var isLockHit: Bool
    /// Whether the value replaces one the tool wrote earlier, rather than filling a gap.
    public var replacesValue: Bool

    public init(
        field: Field, value: FieldValue, chosenModel: ModelReference, producer: ModelReference,
        isLockHit: Bool = false, replacesValue: Bool = false
    ) {
        self.field = field
        self.value = value
        self.chosenModel = chosenModel
        self.producer = producer
        self.isLockHit = isLockHit
        self.replacesValue = replacesValue
    }

    /// Whether `builtin` stood in for a model that could not be used.
    public var isFallback: Bool { producer != chosenModel }

    /// Who produced the value, e.g. `builtin` or `builtin, fallback for openai/gpt-5-mini`.
    public var attribution: String {
        var text = isFallback ? "\(producer), fallback for \(chosenModel)" : producer.description
        if isLockHit { text += ", from byok.lock" }
        return text
    }
}

/// A generated front-matter value: text, or a list for keywords.
public enum FieldValue: Sendable, Equatable {
    case text(String)
    case list([String])

    /// The value as one line for terminal output.
    public var displayText: String {
        switch self {
        case .text(let text): return JSONValue.string(text).serialized()
        case .list(let items): return JSONValue.array(items.map(JSONValue.string)).serialized()
        }
    }

    public var json: JSONValue {
        switch self {
        case .text(let text): return .string(text)
        case .list(let items): return .array(items.map(JSONValue.string))
        }
    }
}
