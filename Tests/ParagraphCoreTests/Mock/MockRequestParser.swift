import Foundation
@testable import ParagraphCore

/// Parses HTTP/1.1 requests from the bytes received on one connection.
enum MockRequestParser {
    struct Parsed {
        var method: String
        var target: String
        var headers: HTTPHeaders
        var body: Data
        /// Whether the client asked to close the connection after this request.
        var closeAfter: Bool
        /// Bytes of the buffer that this request used.
        var length: Int
    }

    enum Failure: Error {
        case malformed(String)
    }

    static let maxHeaderBytes = 64 * 1024

    /// Parse the first complete request in `buffer`, or return nil when more bytes are needed.
    static func parse(_ buffer: [UInt8]) throws -> Parsed? {
        guard let headerEnd = find([13, 10, 13, 10], in: buffer, from: 0) else {
            if buffer.count > maxHeaderBytes { throw Failure.malformed("header section too large") }
            return nil
        }
        let headText = String(decoding: buffer[..<headerEnd], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else {
            throw Failure.malformed("invalid request line")
        }

        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw Failure.malformed("invalid header line \(line)") }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.add(name: String(line[..<colon]), value: value)
        }

        let bodyStart = headerEnd + 4
        let body: Data
        let end: Int
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            guard let (decoded, chunkedEnd) = try decodeChunked(buffer, from: bodyStart) else { return nil }
            body = decoded
            end = chunkedEnd
        } else {
            let length = try headers["content-length"].map { text -> Int in
                guard let length = Int(text), length >= 0 else { throw Failure.malformed("invalid Content-Length") }
                return length
            } ?? 0
            guard buffer.count - bodyStart >= length else { return nil }
            body = Data(buffer[bodyStart..<(bodyStart + length)])
            end = bodyStart + length
        }

        let connection = headers["connection"]?.lowercased() ?? ""
        let isHTTP10 = requestLine[2] == "HTTP/1.0"
        let closeAfter = connection.contains("close") || (isHTTP10 && !connection.contains("keep-alive"))
        return Parsed(
            method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body,
            closeAfter: closeAfter, length: end)
    }

    /// Decode a chunked body starting at `start`, or return nil when it is not complete yet.
    private static func decodeChunked(_ buffer: [UInt8], from start: Int) throws -> (Data, Int)? {
        var body = Data()
        var position = start
        while true {
            guard let lineEnd = find([13, 10], in: buffer, from: position) else { return nil }
            let sizeText = String(decoding: buffer[position..<lineEnd], as: UTF8.self)
            let sizeField = sizeText.split(separator: ";").first.map(String.init) ?? ""
            guard let size = Int(sizeField.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0 else {
                throw Failure.malformed("invalid chunk size")
            }
            position = lineEnd + 2
            if size == 0 {
                // Skip trailer fields up to the empty line that ends the body.
                while true {
                    guard let trailerEnd = find([13, 10], in: buffer, from: position) else { return nil }
                    let isEmpty = trailerEnd == position
                    position = trailerEnd + 2
                    if isEmpty { return (body, position) }
                }
            }
            guard buffer.count >= position + size + 2 else { return nil }
            body.append(contentsOf: buffer[position..<(position + size)])
            position += size + 2
        }
    }

    private static func find(_ pattern: [UInt8], in buffer: [UInt8], from start: Int) -> Int? {
        guard buffer.count >= pattern.count, start <= buffer.count - pattern.count else { return nil }
        for index in start...(buffer.count - pattern.count) where buffer[index] == pattern[0] {
            if Array(buffer[index..<(index + pattern.count)]) == pattern { return index }
        }
        return nil
    }
}
