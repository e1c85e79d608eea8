import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The scheme, host and port a provider key may be sent to, parsed and normalised once.
///
/// The normal form lower-cases the scheme and host, drops the scheme's default port and
/// has no user info, path, query or fragment, so two origins are the same endpoint exactly
/// when their descriptions are equal. Only `https` is allowed, and `http` only for
/// loopback hosts.
public struct Origin: Sendable, Hashable, CustomStringConvertible {
    public enum Scheme: String, Sendable {
        case https, http

        var defaultPort: Int { self == .https ? 443 : 80 }
    }

    public let scheme: Scheme
    /// The lower-cased host name, dotted-quad IPv4 address, or bracketed IPv6 address.
    public let host: String
    /// The port, or nil for the scheme's default port.
    public let port: Int?

    public var description: String {
        "\(scheme.rawValue)://\(host)" + (port.map { ":\($0)" } ?? "")
    }

    /// Whether the host is `localhost`, an address in 127.0.0.0/8, or `[::1]`.
    public var isLoopback: Bool {
        host == "localhost" || host == "[::1]" || (host.hasPrefix("127.") && Self.isDottedQuad(host))
    }

    /// Parse a URL or origin such as `https://API.example.com:443/v1` into its normal form.
    ///
    /// A path is allowed and dropped, because an endpoint is often given as a base URL.
    /// User info, a query, a fragment, a non-ASCII or percent-encoded host, and a numeric
    /// host that is not a plain dotted-quad IPv4 address are errors: each can make two
    /// readers disagree on which server the URL names.
    public static func parse(_ text: String) throws(OriginError) -> Origin {
        guard !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) else {
            throw OriginError(text: text, reason: "it contains a space or a control character")
        }
        guard let separator = text.range(of: "://") else {
            throw OriginError(text: text, reason: "it has no scheme; write it as https://host")
        }
        let schemeText = text[..<separator.lowerBound].lowercased()
        guard let scheme = Scheme(rawValue: schemeText) else {
            throw OriginError(text: text, reason: "the scheme \"\(schemeText)\" is not supported; use https")
        }

        let rest = text[separator.upperBound...]
        let authority = rest.prefix { !"/?#\\".contains($0) }
        let remainder = rest[authority.endIndex...]
        if remainder.contains("?") || remainder.contains("#") {
            throw OriginError(text: text, reason: "an endpoint takes no query or fragment")
        }
        if remainder.hasPrefix("\\") {
            throw OriginError(text: text, reason: "a backslash after the host is read as a slash by some clients and not by others")
        }
        if authority.contains("@") {
            throw OriginError(text: text, reason: "it contains user info (the part before @); give the host alone and keep credentials out of URLs")
        }

        let (host, port) = try splitHostAndPort(String(authority), text: text)
        let origin = Origin(scheme: scheme, host: host, port: port == scheme.defaultPort ? nil : port)
        if scheme == .http && !origin.isLoopback {
            throw OriginError(text: text, reason: "http is allowed only for loopback hosts (localhost, 127.0.0.1, [::1]); use https")
        }
        return origin
    }

    private static func splitHostAndPort(_ authority: String, text: String) throws(OriginError) -> (String, Int?) {
        var hostText = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw OriginError(text: text, reason: "the IPv6 address has no closing bracket")
            }
            hostText = String(authority[...close])
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else {
                    throw OriginError(text: text, reason: "only a port may follow the IPv6 address")
                }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            hostText = String(authority[..<colon])
            portText = authority[authority.index(after: colon)...]
        }

        let host = try normaliseHost(hostText, text: text)
        guard let portText else { return (host, nil) }
        guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy(\.isASCIIDigit),
              let port = Int(portText), (1...65535).contains(port) else {
            throw OriginError(text: text, reason: "the port \"\(portText)\" is not a number from 1 to 65535")
        }
        return (host, port)
    }

    private static func normaliseHost(_ host: String, text: String) throws(OriginError) -> String {
        if host.hasPrefix("[") {
            return try normaliseIPv6(String(host.dropFirst().dropLast()), text: text)
        }
        let lowered = host.lowercased()
        guard !lowered.isEmpty else { throw OriginError(text: text, reason: "the host is empty") }
        guard lowered.utf8.count <= 253 else { throw OriginError(text: text, reason: "the host is longer than 253 characters") }
        guard lowered.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }) else {
            throw OriginError(
                text: text,
                reason: "the host may contain only ASCII letters, digits, '-' and '.'; write an international name in its xn-- form")
        }
        let labels = lowered.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            guard !label.isEmpty else {
                throw OriginError(text: text, reason: "the host has an empty label (a leading, trailing or doubled dot)")
            }
            guard label.count <= 63, !label.hasPrefix("-"), !label.hasSuffix("-") else {
                throw OriginError(text: text, reason: "the host label \"\(label)\" is not a valid DNS label")
            }
        }
        // Resolvers read `127.1`, `0x7f.0.0.1` or `2130706433` as addresses, so a numeric
        // last label means the host must be written as a plain dotted quad.
        if let last = labels.last, last.allSatisfy(\.isASCIIDigit) || last.hasPrefix("0x") {
            guard isDottedQuad(lowered) else {
                throw OriginError(text: text, reason: "a numeric host must be a dotted-quad IPv4 address such as 127.0.0.1")
            }
        }
        return lowered
    }

    private static func normaliseIPv6(_ address: String, text: String) throws(OriginError) -> String {
        guard !address.contains("%") else {
            throw OriginError(text: text, reason: "an IPv6 zone id (%…) is not supported")
        }
        var binary = in6_addr()
        guard inet_pton(AF_INET6, address, &binary) == 1 else {
            throw OriginError(text: text, reason: "\"\(address)\" is not a valid IPv6 address")
        }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &binary, &buffer, socklen_t(buffer.count)) != nil else {
            throw OriginError(text: text, reason: "\"\(address)\" is not a valid IPv6 address")
        }
        let canonical = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "[\(canonical)]"
    }

    /// Return whether `host` is four decimal numbers from 0 to 255, without leading zeros.
    static func isDottedQuad(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCIIDigit)
                && !(part.count > 1 && part.hasPrefix("0")) && Int(part)! <= 255
        }
    }
}

/// A URL that cannot be an endpoint origin, with the reason.
public struct OriginError: Error, Sendable, Equatable, CustomStringConvertible {
    public var text: String
    public var reason: String

    public var description: String { "invalid endpoint \"\(text)\": \(reason)" }
}

extension Provider {
    /// The origin of the provider's documented API, which a key is bound to unless
    /// `keys set --endpoint` binds another.
    public var documentedOrigin: Origin {
        switch self {
        case .openai: return Origin(scheme: .https, host: "api.openai.com", port: nil)
        case .anthropic: return Origin(scheme: .https, host: "api.anthropic.com", port: nil)
        case .google: return Origin(scheme: .https, host: "generativelanguage.googleapis.com", port: nil)
        case .xai: return Origin(scheme: .https, host: "api.x.ai", port: nil)
        case .groq: return Origin(scheme: .https, host: "api.groq.com", port: nil)
        case .deepseek: return Origin(scheme: .https, host: "api.deepseek.com", port: nil)
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
