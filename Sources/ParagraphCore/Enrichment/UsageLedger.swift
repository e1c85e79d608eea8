import Foundation

/// One provider request as recorded in the usage ledger.
public struct UsageRecord: Sendable, Equatable, Codable {
    /// When the request finished, in ISO 8601 UTC.
    public var time: String
    public var organization: String?
    public var provider: String
    public var model: String
    public var workflow: String
    public var page: String
    public var inputTokens: Int
    public var outputTokens: Int
    /// The estimated cost in US dollars.
    public var costUSD: Double
    /// Whether the value came from `byok.lock`, so no request was sent.
    public var lockHit: Bool
    /// Whether `builtin` stood in because the request failed.
    public var fallback: Bool

    enum CodingKeys: String, CodingKey {
        case time, organization, provider, model, workflow, page
        case inputTokens = "input_tokens"
        case outputTokens = "output_tokens"
        case costUSD = "cost_usd"
        case lockHit = "lock_hit"
        case fallback
    }
}

/// The git-ignored file `.paragraph/usage.jsonl`, one JSON object per line, appended to by every request.
public struct UsageLedger: Sendable {
    public static let relativePath = ".paragraph/usage.jsonl"
    public let url: URL

    public init(siteRoot: URL) {
        url = siteRoot.appendingPathComponent(Self.relativePath)
    }

    /// Append records with one `write` of whole lines, so concurrent runs do not interleave inside a line.
    public func append(_ records: [UsageRecord], redactor: (String) -> String = { $0 }) throws {
        guard !records.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var text = ""
        for record in records {
            text += redactor(String(decoding: try encoder.encode(record), as: UTF8.self)) + "\n"
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: url.path) {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// Every record, skipping lines that do not parse (a line cut short by a crash, for example).
    public func records() -> (records: [UsageRecord], skippedLines: Int) {
        guard let data = FileManager.default.contents(atPath: url.path) else { return ([], 0) }
        var records: [UsageRecord] = []
        var skipped = 0
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            if let record = try? JSONDecoder().decode(UsageRecord.self, from: Data(line)) {
                records.append(record)
            } else {
                skipped += 1
            }
        }
        return (records, skipped)
    }
}
