import Foundation

extension ModelReference {
    /// Why a model reference could not be read.
    public enum ParseError: Error, Sendable, Equatable {
        case empty
        case unknownProvider(String)
        case missingModelName(Provider)
        case invalidCharacters(String)

        public var message: String {
            let providers = Provider.allCases.map(\.rawValue).joined(separator: ", ")
            switch self {
            case .empty:
                return "the model is empty; write `builtin`, `provider/model` or an alias"
            case .unknownProvider(let name):
                return "unknown provider \"\(name)\"; use one of \(providers), or `builtin`"
            case .missingModelName(let provider):
                return "the model name after \"\(provider.rawValue)/\" is missing, e.g. \(provider.rawValue)/\(provider.exampleModel)"
            case .invalidCharacters(let text):
                return "\"\(text)\" is not a valid model; model names use letters, digits and . _ : - /"
            }
        }
    }

    /// Parse `builtin`, `provider/model` or an alias name.
    public static func parse(_ text: String) throws(ParseError) -> ModelReference {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .empty }
        guard trimmed.unicodeScalars.allSatisfy(Self.isAllowed) else { throw .invalidCharacters(trimmed) }
        if trimmed == "builtin" { return .builtin }
        guard let slash = trimmed.firstIndex(of: "/") else { return .alias(trimmed) }

        let providerName = String(trimmed[..<slash])
        guard let provider = Provider(rawValue: providerName.lowercased()) else {
            throw .unknownProvider(providerName)
        }
        let name = String(trimmed[trimmed.index(after: slash)...])
        guard !name.isEmpty else { throw .missingModelName(provider) }
        return .model(provider, name)
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._:-/@".unicodeScalars.contains(scalar))
    }
}

extension Provider {
    /// A model name used in examples and error messages.
    public var exampleModel: String {
        switch self {
        case .openai: return "gpt-5-mini"
        case .anthropic: return "claude-haiku-4-5"
        case .google: return "gemini-2.5-flash"
        case .xai: return "grok-4-fast"
        case .groq: return "llama-3.1-8b-instant"
        case .deepseek: return "deepseek-chat"
        }
    }
}
