import Foundation
import Testing
@testable import ParagraphCore

@Suite struct UnifiedDiffTests {
    /// The output of the system's `diff -u` with fixed file labels.
    func systemDiff(_ old: String, _ new: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paragraph-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(old.utf8).write(to: folder.appendingPathComponent("a"))
        try Data(new.utf8).write(to: folder.appendingPathComponent("b"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
        process.arguments = ["-u", "--label", "a", "--label", "b", "a", "b"]
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static let cases: [(String, String)] = [
        ("a\nb\nc\n", "a\nb\nc\n"),
        ("---\ntitle: A\n---\nBody\n", "---\ntitle: A\ndescription: D\n---\nBody\n"),
        ("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n", "0\n1\n2\n3\n4\n5\n6\nseven\n8\n9\n10\n11\n12\n13\n14\n15\n16\n"),
        ("x\n", ""),
        ("", "y\n"),
        ("a\nb", "a\nc"),
        ("same\n" + String(repeating: "line\n", count: 20) + "end\n", "changed\n" + String(repeating: "line\n", count: 20) + "END\n"),
    ]

    @Test(arguments: 0..<cases.count)
    func diffMatchesSystemDiff(_ index: Int) throws {
        let (old, new) = Self.cases[index]
        let ours = UnifiedDiff.diff(old: Array(old.utf8), new: Array(new.utf8), oldName: "a", newName: "b")
        #expect(ours == (try systemDiff(old, new)))
    }
}
