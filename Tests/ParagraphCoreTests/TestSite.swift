import Foundation
@testable import ParagraphCore

/// A site in a fresh temporary folder, removed when the value is released.
final class TestSite: Sendable {
    let root: URL

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("paragraph-test-\(UUID().uuidString)", isDirectory: true)
        for (path, contents) in files {
            try write(path, contents)
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func write(_ path: String, _ contents: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
    }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: root.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
    }

    static let now = DateParser.parse("2026-06-01T00:00:00Z")!

    func load(_ options: SelectionOptions = SelectionOptions()) throws -> LoadedSite {
        try LoadedSite.load(root: root, options: options, now: Self.now)
    }

    /// Run the command line in this site and collect what it prints.
    func run(_ arguments: [String]) async -> (code: Int32, output: String, errors: String) {
        let output = OutputCollector()
        let errors = OutputCollector()
        let context = RunContext(
            environment: [:], currentDirectory: root, now: Self.now,
            output: { output.append($0) }, errorOutput: { errors.append($0) })
        let code = await ParagraphCommand.run(arguments, context: context)
        return (code, output.text, errors.text)
    }
}

/// Collects text written from any thread.
final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""

    func append(_ text: String) {
        lock.lock()
        buffer += text
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }
}
