import Foundation

/// An HTTP request method.
public struct HTTPMethod: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static let get = HTTPMethod(rawValue: "GET")
    public static let head = HTTPMethod(rawValue: "HEAD")
    public static let post = HTTPMethod(rawValue: "POST")
    public static let put = HTTPMethod(rawValue: "PUT")
    public static let patch = HTTPMethod(rawValue: "PATCH")
    public static let delete = HTTPMethod(rawValue: "DELETE")

    public var description: String { rawValue }
}

/// One request for `HTTPClient.send(_:)`.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// An absolute `https` URL, or an `http` URL whose host is a loopback address.
    public var url: String
    public var headers: HTTPHeaders
    public var body: Data?
    /// Secrets that this request carries in its headers, such as an API key.
    ///
    /// The client rejects the request if any of them appears in the URL, and
    /// removes them from the lines it passes to the request log.
    public var secretHeaderValues: [String]
    /// A total timeout for this request in place of the client's default.
    public var timeout: Duration?

    public init(
        method: HTTPMethod = .get, url: String, headers: HTTPHeaders = HTTPHeaders(), body: Data? = nil,
        secretHeaderValues: [String] = [], timeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.secretHeaderValues = secretHeaderValues
        self.timeout = timeout
    }
}
