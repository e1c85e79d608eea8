import Foundation

/// Short, single-line, key-free quotes of response bodies for error messages.
enum ResponseExcerpt {
    /// The default length of an excerpt, in characters.
    static let defaultLimit = 200

    /// Return the start of `data` as one line of at most `limit` characters, with every secret removed.
    static func of(_ data: Data, redacting secrets: [String], limit: Int = defaultLimit) -> String {
        of(String(decoding: data, as: UTF8.self), redacting: secrets, limit: limit)
    }

    static func of(_ text: String, redacting secrets: [String], limit: Int = defaultLimit) -> String {
        // Redact before cutting, so a key split by the cut cannot survive.
        var line = redact(text, secrets: secrets)
        line = line.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : String($0) }.joined()
        line = line.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        if line.isEmpty {
            return "(empty body)"
        }
        guard line.count > limit else { return line }
        return String(line.prefix(limit)) + "…"
    }

    /// Replace each secret, also in its JSON-escaped and percent-encoded forms, with `[redacted]`.
    static func redact(_ text: String, secrets: [String]) -> String {
        var result = text
        for secret in secrets where !secret.isEmpty {
            var forms = [secret, secret.replacingOccurrences(of: "/", with: "\\/")]
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
                forms.append(encoded)
            }
            for form in forms {
                result = result.replacingOccurrences(of: form, with: "[redacted]")
            }
        }
        return result
    }
}
