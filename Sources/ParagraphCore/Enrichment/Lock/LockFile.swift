import Foundation

/// `byok.lock`: every generated value with its provenance, per page and field.
///
/// The file is YAML with one block per page, sorted by path and separated by a
/// blank line, so changes to different pages in two branches merge cleanly in git.
public struct LockFile: Sendable, Equatable {
    public static let fileName = "byok.lock"
    static let version = 1

    /// Entries by page path (relative to the site) and field.
    public private(set) var pages: [String: [Field: LockEntry]] = [:]

    public init() {}

    public func entry(page: String, field: Field) -> LockEntry? {
        pages[page]?[field]
    }

    public mutating func set(_ entry: LockEntry, page: String, field: Field) {
        pages[page, default: [:]][field] = entry
    }

    public mutating func remove(page: String, field: Field) {
        pages[page]?[field] = nil
        if pages[page]?.isEmpty == true { pages[page] = nil }
    }

    /// Every entry, for totals such as the month's spend.
    public var allEntries: [LockEntry] {
        pages.values.flatMap(\.values)
    }

    // MARK: Reading

    /// Load the site's lock file; a missing file is an empty lock.
    public static func load(siteRoot: URL) throws(Diagnostic) -> LockFile {
        let url = siteRoot.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return LockFile() }
        return try parse(Array(data), path: fileName)
    }

    public static func parse(_ bytes: [UInt8], path: String) throws(Diagnostic) -> LockFile {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Diagnostic(path: path, location: nil, message: "the file is not valid UTF-8; delete it to rebuild the cache")
        }
        if let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex(where: { $0.hasPrefix("<<<<<<<") }) {
            throw Diagnostic(
                path: path, location: SourceLocation(line: line + 1, column: 1),
                message: "unresolved merge conflict; keep both sides' page blocks, or delete the conflicting blocks so they are generated again")
        }
        let root: YAMLNode?
        do {
            root = try YAMLParser().parseDocument(text)
        } catch {
            throw error.diagnostic(path: path)
        }
        var lock = LockFile()
        guard let root, !root.isEmptyValue else { return lock }
        guard let version = root["version"], version.scalar?.text == String(Self.version) else {
            throw Diagnostic(path: path, location: root.location, message: "missing or unknown version; this tool reads version \(Self.version)")
        }
        for pair in root.mapping ?? [] where pair.key.scalar?.text != "version" {
            guard pair.key.scalar?.text == "pages" else {
                throw Diagnostic(path: path, location: pair.key.location, message: "unknown key \"\(pair.key.scalar?.text ?? "")\"")
            }
            for page in pair.value.mapping ?? [] {
                guard let pagePath = page.key.scalar?.text, let fields = page.value.mapping else {
                    throw Diagnostic(path: path, location: page.key.location, message: "each page must map field names to entries")
                }
                for fieldPair in fields {
                    guard let name = fieldPair.key.scalar?.text, let field = Field(rawValue: name) else {
                        throw Diagnostic(path: path, location: fieldPair.key.location, message: "unknown field \"\(fieldPair.key.scalar?.text ?? "")\"")
                    }
                    lock.set(try entry(fieldPair.value, path: path), page: pagePath, field: field)
                }
            }
        }
        return lock
    }

    private static func entry(_ node: YAMLNode, path: String) throws(Diagnostic) -> LockEntry {
        func fail(_ message: String, _ at: YAMLNode) -> Diagnostic {
            Diagnostic(path: path, location: at.location, message: message)
        }
        let known = ["value", "by", "fallback_for", "prompt", "input", "tokens", "cost_usd", "at", "mac"]
        for pair in node.mapping ?? [] where !known.contains(pair.key.scalar?.text ?? "") {
            throw fail("unknown key \"\(pair.key.scalar?.text ?? "")\" in a lock entry", pair.key)
        }
        func text(_ key: String) throws(Diagnostic) -> String {
            guard let value = node[key]?.string else { throw fail("the entry lacks \(key)", node) }
            return value
        }
        guard let valueNode = node["value"], let value = FieldValue(valueNode) else { throw fail("the entry lacks a value", node) }
        let tokens = node["tokens"]?.sequence?.compactMap { $0.scalar.flatMap { Int($0.text) } } ?? []
        guard tokens.count == 2 else { throw fail("tokens must be [input, output]", node["tokens"] ?? node) }
        guard let cost = node["cost_usd"]?.scalar.flatMap({ Double($0.text) }) else { throw fail("the entry lacks cost_usd", node) }
        return LockEntry(
            value: value, producer: try text("by"), fallbackFor: node["fallback_for"]?.string,
            promptVersion: try text("prompt"), inputHash: try text("input"), inputTokens: tokens[0], outputTokens: tokens[1],
            costUSD: cost, generatedAt: try text("at"), mac: node["mac"]?.string)
    }

    // MARK: Writing

    public func serialized() -> String {
        var lines = [
            "# byok.lock: the values Paragraph generated, with the model, prompt and input behind each.",
            "# Commit it: later builds reuse these values instead of paying for them again.",
            "version: \(Self.version)",
            "pages:",
        ]
        for page in pages.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            lines.append("")
            lines.append("  " + YAMLScalarEmitter.emit(page) + ":")
            let fields = pages[page]!
            for field in Field.allCases {
                guard let entry = fields[field] else { continue }
                lines.append("    \(field.rawValue):")
                lines.append("      value: " + FrontMatterEditor.renderValue(entry.value))
                lines.append("      by: " + YAMLScalarEmitter.emit(entry.producer))
                if let fallbackFor = entry.fallbackFor {
                    lines.append("      fallback_for: " + YAMLScalarEmitter.emit(fallbackFor))
                }
                lines.append("      prompt: " + YAMLScalarEmitter.emit(entry.promptVersion))
                lines.append("      input: " + YAMLScalarEmitter.emit(entry.inputHash))
                lines.append("      tokens: [\(entry.inputTokens), \(entry.outputTokens)]")
                lines.append("      cost_usd: " + String(format: "%.6f", entry.costUSD))
                lines.append("      at: " + YAMLScalarEmitter.emit(entry.generatedAt))
                if let mac = entry.mac {
                    lines.append("      mac: " + YAMLScalarEmitter.emit(mac))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Write the lock atomically; an empty lock removes nothing and writes nothing new.
    public func write(siteRoot: URL) throws {
        let url = siteRoot.appendingPathComponent(Self.fileName)
        if pages.isEmpty, !FileManager.default.fileExists(atPath: url.path) { return }
        try AtomicFile.write(Data(serialized().utf8), to: url)
    }
}
