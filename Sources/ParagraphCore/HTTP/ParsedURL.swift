import CCurl
import Foundation

/// A request URL parsed once by libcurl's URL API and checked against the client's rules.
///
/// The transfer connects through this same handle (`CURLOPT_CURLU`), so the
/// host that was checked is the host libcurl connects to.
final class ParsedURL: @unchecked Sendable {
    // Safety: one thread at a time uses `handle`. The caller's thread parses and
    // validates it, and after that only the transfer loop's thread touches it.
    let handle: OpaquePointer
    /// The scheme in lower case, `https` or `http`.
    let scheme: String
    /// The host as libcurl stores it, with IPv6 addresses in brackets.
    let host: String
    /// Whether the host is `localhost`, an address in 127.0.0.0/8, or `::1`.
    let isLoopback: Bool

    private init(handle: OpaquePointer, scheme: String, host: String, isLoopback: Bool) {
        self.handle = handle
        self.scheme = scheme
        self.host = host
        self.isLoopback = isLoopback
    }

    deinit {
        curl_url_cleanup(handle)
    }

    /// Parse `text` and check it against the client's rules. The scheme must be `https`,
    /// or `http` with a loopback host. The URL must have no user name or password and
    /// must not contain any of `secrets`.
    static func parse(_ text: String, secrets: [String]) throws -> ParsedURL {
        if containsSecret(text, secrets: secrets) {
            throw HTTPError.secretInURL
        }
        guard let handle = curl_url() else {
            throw HTTPError.transferFailed(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "curl_url() failed")
        }

        var owned = true
        defer { if owned { curl_url_cleanup(handle) } }

        let status = curl_url_set(handle, CURLUPART_URL, text, 0)
        guard status == CURLUE_OK else {
            throw HTTPError.invalidURL(url: text, reason: String(cString: curl_url_strerror(status)))
        }
        guard let scheme = part(CURLUPART_SCHEME, of: handle)?.lowercased() else {
            throw HTTPError.invalidURL(url: text, reason: "the URL has no scheme")
        }
        guard let host = part(CURLUPART_HOST, of: handle), !host.isEmpty else {
            throw HTTPError.invalidURL(url: text, reason: "the URL has no host")
        }
        if part(CURLUPART_USER, of: handle) != nil || part(CURLUPART_PASSWORD, of: handle) != nil {
            throw HTTPError.credentialsInURL
        }

        let isLoopback = isLoopbackHost(host)
        switch scheme {
        case "https":
            break
        case "http":
            guard isLoopback else { throw HTTPError.plainHTTPToNonLoopbackHost(host) }
        default:
            throw HTTPError.unsupportedScheme(scheme)
        }

        // libcurl may have re-encoded parts of the URL, so check its own spelling as well.
        if let normalised = part(CURLUPART_URL, of: handle), containsSecret(normalised, secrets: secrets) {
            throw HTTPError.secretInURL
        }

        owned = false
        return ParsedURL(handle: handle, scheme: scheme, host: host, isLoopback: isLoopback)
    }

    /// Return one component of the URL, or nil when the URL lacks it.
    private static func part(_ component: CURLUPart, of handle: OpaquePointer) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, component, &value, 0) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }

    static func isLoopbackHost(_ host: String) -> Bool {
        if host.lowercased() == "localhost" {
            return true
        }
        var ipv4 = in_addr()
        if inet_pton(AF_INET, host, &ipv4) == 1 {
            // s_addr is in network byte order, so its first byte in memory is the first octet.
            return withUnsafeBytes(of: &ipv4) { $0[0] } == 127
        }
        guard host.hasPrefix("["), host.hasSuffix("]") else { return false }
        var ipv6 = in6_addr()
        guard inet_pton(AF_INET6, String(host.dropFirst().dropLast()), &ipv6) == 1 else { return false }
        let loopback: [UInt8] = Array(repeating: 0, count: 15) + [1]
        return withUnsafeBytes(of: &ipv6) { Array($0) } == loopback
    }

    /// Return whether any non-empty secret occurs in the text as written or after percent-decoding.
    static func containsSecret(_ text: String, secrets: [String]) -> Bool {
        let decoded = percentDecoded(text)
        return secrets.contains { secret in
            !secret.isEmpty && (text.contains(secret) || decoded.contains(secret))
        }
    }

    /// Decode every valid `%XX` sequence and keep anything else as written.
    static func percentDecoded(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
