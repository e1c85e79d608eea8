import Foundation
import Testing
@testable import ParagraphCore

@Suite struct SiteOutputFolderTests {
    private func makeFolder(_ site: TestSite) throws -> OutputFolder {
        try FileManager.default.createDirectory(at: site.root, withIntermediateDirectories: true)
        return try OutputFolder(relativePath: "public", siteRoot: site.root, readFolders: ["content", "static", "templates"])
    }

    @Test func concurrentWritesIntoNewFolderSucceed() async throws {
        let site = try TestSite([:])
        let folder = try makeFolder(site)
        // Many writers create the same new folders at once, and each must still find its folder inside
        // the output. The race this guards against depends on timing, so one pass proves little.
        let failures = await BlockingWorkQueue.map(2000, width: 32) { index -> String? in
            do throws(OutputFolderError) {
                try folder.write(Data("\(index)".utf8), to: "images/set-\(index % 50)/part-\(index % 7)/file-\(index).txt")
                return nil
            } catch {
                return error.message
            }
        }
        #expect(failures.compactMap { $0 }.isEmpty, "\(failures.compactMap { $0 }.prefix(3))")
        #expect(site.read("public/images/set-49/part-4/file-1999.txt") == "1999")
    }

    @Test func writeThroughLinkedFolderIsRejected() throws {
        let site = try TestSite([:])
        let folder = try makeFolder(site)
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("paragraph-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createSymbolicLink(at: folder.url.appendingPathComponent("linked"), withDestinationURL: outside)
        try FileManager.default.createSymbolicLink(
            at: folder.url.appendingPathComponent("broken"), withDestinationURL: outside.appendingPathComponent("missing"))

        #expect(throws: OutputFolderError.self) { try folder.write(Data("x".utf8), to: "linked/a/index.html") }
        #expect(throws: OutputFolderError.self) { try folder.write(Data("x".utf8), to: "broken/index.html") }
        #expect(throws: OutputFolderError.self) { try folder.write(Data("x".utf8), to: "../escape.html") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
    }

    @Test func removeFileKeepsFoldersWithOtherFiles() throws {
        let site = try TestSite([:])
        let folder = try makeFolder(site)
        try folder.write(Data("a".utf8), to: "blog/a/index.html")
        try folder.write(Data("b".utf8), to: "blog/b/index.html")
        #expect(folder.removeFile("blog/a/index.html"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("blog/a").path))
        #expect(site.read("public/blog/b/index.html") == "b")
        #expect(!folder.removeFile("blog/a/index.html"))
        #expect(!folder.removeFile("blog"))
    }

    @Test func manifestIgnoresPathsOutsideTheFolder() throws {
        let site = try TestSite([:])
        let folder = try makeFolder(site)
        try site.write("public/" + OutputManifest.fileName, "# header\na/index.html\n../x\n/etc/passwd\n./b\nc//d\n\(OutputManifest.fileName)\n")
        #expect(OutputManifest.read(in: folder).paths == ["a/index.html"])
    }
}
