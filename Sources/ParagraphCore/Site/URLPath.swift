/// Percent-encoding and joining for the paths of a site's URLs.
enum URLPath {
    /// Percent-encodes every byte of `path` except the unreserved characters of RFC 3986
    /// (`A-Z a-z 0-9 - . _ ~`) and `/`, so the result is valid in an href, a sitemap and a feed.
    static func encode(_ path: String) -> String {
        var encoded = ""
        encoded.reserveCapacity(path.utf8.count)
        for byte in path.utf8 {
            if isUnreserved(byte) || byte == UInt8(ascii: "/") {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + hexDigits[Int(byte >> 4)] + hexDigits[Int(byte & 0x0F)]
            }
        }
        return encoded
    }

    /// Encodes the `%` signs in `url` that do not start a `%XX` escape, leaving everything else as it is.
    static func escapingBarePercentSigns(_ url: String) -> String {
        let bytes = Array(url.utf8)
        guard bytes.contains(UInt8(ascii: "%")) else { return url }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 8)
        for (index, byte) in bytes.enumerated() {
            result.append(byte)
            guard byte == UInt8(ascii: "%") else { continue }
            let isEscape = index + 2 < bytes.count && isHexDigit(bytes[index + 1]) && isHexDigit(bytes[index + 2])
            if !isEscape {
                result += Array("25".utf8)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Makes the URL path segment Hugo makes from a file or folder name: lower-cased, spaces as hyphens.
    static func segment(fromName name: String) -> String {
        name.lowercased().replacingOccurrences(of: " ", with: "-")
    }

    /// Joins site-relative path parts with single slashes, always starting with `/`.
    static func join(_ parts: [String]) -> String {
        let segments = parts.flatMap { $0.split(separator: "/") }
        return "/" + segments.joined(separator: "/")
    }

    private static let hexDigits = Array("0123456789ABCDEF").map(String.init)

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }
}
