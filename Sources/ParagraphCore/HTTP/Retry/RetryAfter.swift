import Foundation

/// Parsers for the waits that servers ask for before a retry.
public enum RetryAfter {
    /// Return the wait from `retry-after-ms` if present and valid, else from `Retry-After`.
    ///
    /// `retry-after-ms` is a non-standard header in milliseconds. It is more
    /// precise than `Retry-After`, so it goes first.
    public static func delay(in headers: HTTPHeaders, now: Date) -> Duration? {
        if let milliseconds = headers["retry-after-ms"], let delay = parseMilliseconds(milliseconds) {
            return delay
        }
        if let value = headers["retry-after"] {
            return parse(value, now: now)
        }
        return nil
    }

    /// Parse a `Retry-After` value: delta-seconds or an HTTP-date (RFC 9110, section 10.2.3).
    ///
    /// Fractional seconds are accepted too. A date in the past means no wait.
    public static func parse(_ value: String, now: Date) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let delay = decimalDuration(text, unit: .seconds) {
            return delay
        }
        guard let date = parseHTTPDate(text) else { return nil }
        return .seconds(min(max(0, date.timeIntervalSince(now)), maxSeconds))
    }

    /// Parse a `retry-after-ms` value: a non-negative number of milliseconds.
    public static func parseMilliseconds(_ value: String) -> Duration? {
        decimalDuration(value.trimmingCharacters(in: .whitespaces), unit: .milliseconds)
    }

    /// Parse a duration in the JSON form of `google.protobuf.Duration`, such as `"27s"` or `"34.4s"`.
    public static func parseProtobufDuration(_ value: String) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        guard text.hasSuffix("s") else { return nil }
        return decimalDuration(String(text.dropLast()), unit: .seconds)
    }

    /// The `retryDelay` of the `google.rpc.RetryInfo` entry in a Google API error
    /// body (`error.details[]`), as Gemini sends with a 429.
    public static func googleRetryDelay(inErrorBody body: Data) -> Duration? {
        guard let root = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              let error = root["error"] as? [String: Any],
              let details = error["details"] as? [[String: Any]] else { return nil }
        for detail in details {
            guard let type = detail["@type"] as? String, type.hasSuffix("google.rpc.RetryInfo"),
                  let delay = detail["retryDelay"] as? String else { continue }
            return parseProtobufDuration(delay)
        }
        return nil
    }

    /// Any wait from a server is capped here, far beyond every retry budget, so `Duration` cannot overflow.
    private static let maxSeconds: Double = 1_000_000_000

    private enum DecimalUnit {
        case seconds
        case milliseconds

        var duration: Duration { self == .seconds ? .seconds(1) : .milliseconds(1) }
        /// Digits of a fraction of this unit that attoseconds can hold.
        var fractionDigits: Int { self == .seconds ? 18 : 15 }
    }

    /// Parse a non-negative decimal number of `unit`s exactly, without floating point.
    ///
    /// Only digits and at most one dot are accepted, so signs, exponents, `nan`
    /// and `inf` are rejected.
    private static func decimalDuration(_ text: String, unit: DecimalUnit) -> Duration? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        let isDigits: (Substring) -> Bool = { $0.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }
        guard !(whole.isEmpty && fraction.isEmpty), isDigits(whole), isDigits(fraction) else { return nil }

        let cap = Duration.seconds(maxSeconds)
        let significantWhole = whole.drop { $0 == "0" }
        guard significantWhole.count <= 15 else { return cap }
        let wholeDuration = unit.duration * (Int64(significantWhole) ?? 0)
        guard wholeDuration < cap else { return cap }

        let usedFraction = fraction.prefix(unit.fractionDigits)
        var attoseconds = Int64(usedFraction) ?? 0
        for _ in usedFraction.count..<unit.fractionDigits {
            attoseconds *= 10
        }
        return wholeDuration + Duration(secondsComponent: 0, attosecondsComponent: attoseconds)
    }

    /// Parse the three HTTP-date forms that RFC 9110 requires recipients to accept.
    static func parseHTTPDate(_ text: String) -> Date? {
        let formats = [
            "EEE, dd MMM yyyy HH:mm:ss 'GMT'",  // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
            "EEEE, dd-MMM-yy HH:mm:ss 'GMT'",   // obsolete RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
            "EEE MMM d HH:mm:ss yyyy",          // asctime: Sun Nov  6 08:49:37 1994
        ]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        let collapsed = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        for format in formats {
            formatter.dateFormat = format
            if let date = formatter.date(from: collapsed) {
                return date
            }
        }
        return nil
    }
}
