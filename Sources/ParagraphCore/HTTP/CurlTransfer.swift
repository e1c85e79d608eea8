import CCurl
import Foundation

/// One request on its way through the transfer loop, with the response received so far.
///
/// Apart from the `let` properties, every member is used only on the transfer
/// loop's thread, which is why the class can be `@unchecked Sendable`.
final class CurlTransfer: @unchecked Sendable {
    enum State {
        case queued
        case running
        case finished
    }

    let request: HTTPRequest
    let url: ParsedURL
    let connectTimeout: Duration
    let timeout: Duration
    let maxResponseBytes: Int
    let userAgent: String
    let proxy: String?

    var state = State.queued
    var cancelRequested = false
    var continuation: CheckedContinuation<HTTPResponse, any Error>?
    var easy: UnsafeMutableRawPointer?
    var headerList: UnsafeMutablePointer<curl_slist>?
    /// A retained reference to `self`, passed to libcurl's callbacks and released in `releaseCurlResources()`.
    var callbackUserData: UnsafeMutableRawPointer?
    /// A buffer where libcurl writes a message about the last failure. It must outlive the easy handle.
    let errorBuffer: UnsafeMutablePointer<CChar>

    var headers = HTTPHeaders()
    var body = Data()
    var receivedBytes = 0
    var exceededLimit = false
    /// The thread that last ran a callback of this transfer, so tests can check it is the loop's.
    var callbackThreadID: UInt?

    init(request: HTTPRequest, url: ParsedURL, configuration: HTTPClient.Configuration) {
        self.request = request
        self.url = url
        self.connectTimeout = configuration.connectTimeout
        self.timeout = request.timeout ?? configuration.timeout
        self.maxResponseBytes = configuration.maxResponseBytes
        self.userAgent = configuration.userAgent
        self.proxy = configuration.proxy
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        errorBuffer.deallocate()
    }

    /// Create and configure the easy handle. On failure nothing stays allocated.
    func makeEasyHandle() throws -> UnsafeMutableRawPointer {
        guard let handle = curl_easy_init() else {
            throw HTTPError.transferFailed(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "curl_easy_init() failed")
        }
        easy = handle
        callbackUserData = Unmanaged.passRetained(self).toOpaque()
        do {
            try configure(handle)
        } catch {
            releaseCurlResources()
            throw error
        }
        return handle
    }

    /// Free the easy handle and header list and drop the callbacks' reference. The caller
    /// has already removed the handle from the multi handle.
    func releaseCurlResources() {
        if let easy {
            curl_easy_cleanup(easy)
            self.easy = nil
        }
        if let headerList {
            curl_slist_free_all(headerList)
            self.headerList = nil
        }
        if let callbackUserData {
            Unmanaged<CurlTransfer>.fromOpaque(callbackUserData).release()
            self.callbackUserData = nil
        }
    }

    private func configure(_ handle: UnsafeMutableRawPointer) throws {
        let protocols = url.isLoopback ? "http,https" : "https"

        try check(paragraph_easy_setopt_curlu(handle, url.handle), "CURLOPT_CURLU")
        try check(paragraph_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1), "CURLOPT_NOSIGNAL")
        try check(paragraph_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, protocols), "CURLOPT_PROTOCOLS_STR")
        try check(paragraph_easy_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, protocols), "CURLOPT_REDIR_PROTOCOLS_STR")
        try check(paragraph_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0), "CURLOPT_FOLLOWLOCATION")
        // An empty proxy also stops libcurl from taking one from the environment.
        let proxy = url.isLoopback ? "" : (self.proxy ?? "")
        try check(paragraph_easy_setopt_string(handle, CURLOPT_PROXY, proxy), "CURLOPT_PROXY")
        if url.isLoopback {
            // No proxy may see loopback traffic, which carries test keys.
            try check(paragraph_easy_setopt_string(handle, CURLOPT_NOPROXY, "*"), "CURLOPT_NOPROXY")
        }
        try check(paragraph_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connectTimeout)), "CURLOPT_CONNECTTIMEOUT_MS")
        try check(paragraph_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(timeout)), "CURLOPT_TIMEOUT_MS")
        try check(paragraph_easy_setopt_long(handle, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS)), "CURLOPT_HTTP_VERSION")
        // An empty string offers every encoding this libcurl can decode, such as gzip.
        try check(paragraph_easy_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""), "CURLOPT_ACCEPT_ENCODING")
        try check(paragraph_easy_setopt_string(handle, CURLOPT_USERAGENT, userAgent), "CURLOPT_USERAGENT")
        try check(paragraph_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), "CURLOPT_ERRORBUFFER")

        try check(paragraph_easy_setopt_write_function(handle, CURLOPT_WRITEFUNCTION, curlBodyCallback), "CURLOPT_WRITEFUNCTION")
        try check(paragraph_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, callbackUserData), "CURLOPT_WRITEDATA")
        try check(paragraph_easy_setopt_write_function(handle, CURLOPT_HEADERFUNCTION, curlHeaderCallback), "CURLOPT_HEADERFUNCTION")
        try check(paragraph_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, callbackUserData), "CURLOPT_HEADERDATA")

        try configureMethodAndBody(handle)
        try configureHeaders(handle)
    }

    private func configureMethodAndBody(_ handle: UnsafeMutableRawPointer) throws {
        let method = request.method
        if let body = request.body {
            try check(paragraph_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)), "CURLOPT_POSTFIELDSIZE_LARGE")
            // COPYPOSTFIELDS makes libcurl keep its own copy, so `body` need not outlive this call.
            let status = body.withUnsafeBytes { bytes -> CURLcode in
                if let base = bytes.baseAddress, bytes.count > 0 {
                    return paragraph_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: base))
                }
                return paragraph_easy_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, "")
            }
            try check(status, "CURLOPT_COPYPOSTFIELDS")
            if method != .post {
                try check(paragraph_easy_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method.rawValue), "CURLOPT_CUSTOMREQUEST")
            }
            return
        }
        switch method {
        case .get:
            try check(paragraph_easy_setopt_long(handle, CURLOPT_HTTPGET, 1), "CURLOPT_HTTPGET")
        case .head:
            try check(paragraph_easy_setopt_long(handle, CURLOPT_NOBODY, 1), "CURLOPT_NOBODY")
        case .post:
            try check(paragraph_easy_setopt_long(handle, CURLOPT_POST, 1), "CURLOPT_POST")
            try check(paragraph_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, 0), "CURLOPT_POSTFIELDSIZE_LARGE")
        default:
            try check(paragraph_easy_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method.rawValue), "CURLOPT_CUSTOMREQUEST")
        }
    }

    private func configureHeaders(_ handle: UnsafeMutableRawPointer) throws {
        // An empty Expect stops libcurl from waiting for `100 Continue` before sending a large body.
        var lines = ["Expect:"]
        for field in request.headers {
            // libcurl sends "Name;" as a header with an empty value, while "Name:" would remove the header.
            lines.append(field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
        }
        for line in lines {
            guard let appended = curl_slist_append(headerList, line) else {
                throw HTTPError.transferFailed(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "curl_slist_append() failed")
            }
            headerList = appended
        }
        try check(paragraph_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList), "CURLOPT_HTTPHEADER")
    }

    private func check(_ status: CURLcode, _ option: String) throws {
        guard status == CURLE_OK else {
            let reason = String(cString: curl_easy_strerror(status))
            throw HTTPError.transferFailed(code: Int(status.rawValue), message: "setting \(option) failed: \(reason)")
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    // MARK: Callbacks, run by libcurl on the loop's thread

    /// Store body bytes, and return false to make libcurl abort once the limit is passed.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        callbackThreadID = currentThreadID()
        receivedBytes += bytes.count
        guard receivedBytes <= maxResponseBytes else {
            exceededLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Parse one header line as libcurl delivers it, including the status line and the final empty line.
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) -> Bool {
        callbackThreadID = currentThreadID()
        receivedBytes += bytes.count
        guard receivedBytes <= maxResponseBytes else {
            exceededLimit = true
            return false
        }

        var end = bytes.count
        while end > 0 && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) {
            end -= 1
        }
        let line = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<end]), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            // A new status line starts a new response, such as the one after `100 Continue`.
            headers = HTTPHeaders()
        } else if line.first == " " || line.first == "\t" {
            // An obsolete folded line continues the previous field's value.
            headers.appendToLastValue(" " + line.trimmingCharacters(in: CharacterSet(charactersIn: " \t")))
        } else if let colon = line.firstIndex(of: ":") {
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
            headers.add(name: name, value: value)
        }
        return true
    }

    // MARK: Outcome

    /// Build the response, or the error that `code` is, once libcurl reports the transfer done.
    func outcome(_ code: CURLcode) -> Result<HTTPResponse, any Error> {
        guard let easy else { return .failure(HTTPError.clientShutDown) }
        guard code == CURLE_OK else { return .failure(error(for: code)) }

        var status = 0
        _ = paragraph_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        let timing = HTTPTiming(
            connect: Self.duration(easy, CURLINFO_CONNECT_TIME_T),
            firstByte: Self.duration(easy, CURLINFO_STARTTRANSFER_TIME_T),
            total: Self.duration(easy, CURLINFO_TOTAL_TIME_T))
        return .success(HTTPResponse(status: status, headers: headers, body: body, timing: timing))
    }

    private static func duration(_ easy: UnsafeMutableRawPointer, _ info: CURLINFO) -> Duration {
        var microseconds: curl_off_t = 0
        _ = paragraph_easy_getinfo_off_t(easy, info, &microseconds)
        return .microseconds(microseconds)
    }

    private func error(for code: CURLcode) -> HTTPError {
        if exceededLimit {
            return .responseTooLarge(limit: maxResponseBytes)
        }
        let buffered = String(cString: errorBuffer)
        let message = buffered.isEmpty ? String(cString: curl_easy_strerror(code)) : buffered

        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(message)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT, CURLE_GOT_NOTHING:
            return .connectionFailed(message)
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR:
            return receivedBytes == 0 ? .connectionFailed(message) : .incompleteResponse(message)
        case CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return .incompleteResponse(message)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE,
             CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return .tlsFailed(message)
        default:
            return .transferFailed(code: Int(code.rawValue), message: message)
        }
    }
}

/// CURLOPT_WRITEFUNCTION: `userdata` is the retained `CurlTransfer`.
private let curlBodyCallback: paragraph_write_callback = { data, size, count, userdata in
    guard let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    let length = size * count
    return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

/// CURLOPT_HEADERFUNCTION: `userdata` is the retained `CurlTransfer`.
private let curlHeaderCallback: paragraph_write_callback = { data, size, count, userdata in
    guard let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    let length = size * count
    return transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

/// Return an identifier of the calling thread, comparable across threads.
func currentThreadID() -> UInt {
    #if os(Linux)
    return UInt(pthread_self())
    #else
    return UInt(bitPattern: pthread_self())
    #endif
}
