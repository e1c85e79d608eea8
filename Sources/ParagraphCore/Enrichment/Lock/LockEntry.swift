import Foundation

/// The record of one generated value in `byok.lock`: the value, who produced it and from what input.
public struct LockEntry: Sendable, Equatable {
    public var value: FieldValue
    /// The model that produced the value, e.g. `groq/llama-3.1-8b-instant` or `builtin`.
    public var producer: String
    /// The model `builtin` stood in for, when the value is a fallback.
    public var fallbackFor: String?
    /// A hash of the prompt template and answer schema, so a changed prompt refreshes its fields.
    public var promptVersion: String
    /// A hash of everything the model saw: body, title, language, model, prompt version, image bytes.
    public var inputHash: String
    public var inputTokens: Int
    public var outputTokens: Int
    /// The estimated cost in US dollars, from the catalog's prices at the time.
    public var costUSD: Double
    /// When the value was generated, in ISO 8601 UTC.
    public var generatedAt: String
    /// A `crypto_auth` tag over the entry, made with a key derived from the organization's secret key.
    public var mac: String?

    public init(
        value: FieldValue, producer: String, fallbackFor: String? = nil, promptVersion: String, inputHash: String,
        inputTokens: Int = 0, outputTokens: Int = 0, costUSD: Double = 0, generatedAt: String, mac: String? = nil
    ) {
        self.value = value
        self.producer = producer
        self.fallbackFor = fallbackFor
        self.promptVersion = promptVersion
        self.inputHash = inputHash
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costUSD = costUSD
        self.generatedAt = generatedAt
        self.mac = mac
    }

    /// Whether the value was written by `builtin` in place of another model.
    public var isFallback: Bool { fallbackFor != nil }

    /// The bytes the MAC covers, with every field separated so no two entries share them.
    func authenticatedMessage(organization: String, page: String, field: String) -> [UInt8] {
        let parts = [
            "paragraph-lock-v1", organization, page, field, value.json.serialized(), producer, fallbackFor ?? "",
            promptVersion, inputHash, String(inputTokens), String(outputTokens), String(costUSD), generatedAt,
        ]
        return parts.flatMap { Array($0.utf8) + [0] }
    }
}

/// Whether a front-matter value is the tool's, and so may be refreshed, or a person's.
public enum FieldOwnership: Sendable, Equatable {
    /// The page has no value (absent, null or empty).
    case missing
    /// The page's value equals the one `byok.lock` recorded, so the tool wrote it.
    case tool(LockEntry)
    /// Any other value, including one with no lock entry: never changed without `--force`.
    case person

    public static func of(_ node: YAMLNode?, entry: LockEntry?) -> FieldOwnership {
        guard let node, !Self.isEmpty(node) else { return .missing }
        guard let entry, FieldValue(node) == entry.value else { return .person }
        return .tool(entry)
    }

    private static func isEmpty(_ node: YAMLNode) -> Bool {
        switch node.content {
        case .scalar(let scalar): return scalar.value == .null || scalar.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        case .sequence(let items): return items.isEmpty
        case .mapping(let pairs): return pairs.isEmpty
        }
    }
}

extension FieldValue {
    /// The value a front-matter node holds, as text or a list of texts; nil for mappings.
    public init?(_ node: YAMLNode) {
        switch node.content {
        case .scalar(let scalar):
            self = .text(scalar.text)
        case .sequence(let items):
            let texts = items.compactMap { $0.scalar?.text }
            guard texts.count == items.count else { return nil }
            self = .list(texts)
        case .mapping:
            return nil
        }
    }
}
