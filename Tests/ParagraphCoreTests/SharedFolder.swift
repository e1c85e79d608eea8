import Foundation

/// Locates the public test suites and corpus kept beside the repository, when present.
enum SharedFolder {
    static let url: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // ParagraphCoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .deletingLastPathComponent()
        .appendingPathComponent("shared")

    static func path(_ relative: String) -> URL {
        url.appendingPathComponent(relative)
    }

    static func exists(_ relative: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path(relative).path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
