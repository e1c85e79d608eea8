import Foundation
import Testing
@testable import ParagraphCore

/// Paths from front matter and configuration never lead a build outside the site.
@Suite struct BuildConfinementTests {
    /// A folder beside the site that stands for the rest of the file system.
    final class Outside: Sendable {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("paragraph-outside-\(UUID().uuidString)")

        init() throws {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try Data("secret".utf8).write(to: url.appendingPathComponent("secret.png"))
        }

        deinit { try? FileManager.default.removeItem(at: url) }

        var contents: [String] { BuiltOutput.files(under: url) }
    }

    static let files = BuildSiteTests.basicFiles

    /// Reads every file in the site outside `public/`, to show that a build wrote nothing else.
    private func filesOutsideOutput(_ site: TestSite) -> [String: String] {
        var result: [String: String] = [:]
        for path in BuiltOutput.files(under: site.root) where !path.hasPrefix("public/") {
            result[path] = site.read(path)
        }
        return result
    }

    @Test func slugClimbingOutFailsItsPage() async throws {
        var files = Self.files
        files["content/blog/escape.md"] = "---\ntitle: Escape\nslug: ../../x\n---\nText.\n"
        let site = try TestSite(files)
        let before = filesOutsideOutput(site)
        let result = await site.run(["build"])
        #expect(result.code == 1)
        #expect(result.errors.contains("content/blog/escape.md:3:7: slug \"../../x\" is not one path segment"), "\(result.errors)")
        #expect(filesOutsideOutput(site) == before)
        #expect(!FileManager.default.fileExists(atPath: site.root.deletingLastPathComponent().appendingPathComponent("x").path))
        #expect(!BuiltOutput.files(under: site.root.appendingPathComponent("public")).contains { $0.hasPrefix("x/") })
        // The other pages are built.
        #expect(site.read("public/blog/first/index.html") != nil)
        #expect(result.errors.contains("1 error"))
    }

    @Test func urlClimbingOutFailsItsPage() async throws {
        var files = Self.files
        files["content/blog/escape.md"] = "---\ntitle: Escape\nurl: /../../../outside/\n---\nText.\n"
        let site = try TestSite(files)
        let before = filesOutsideOutput(site)
        let result = await site.run(["build"])
        #expect(result.code == 1)
        #expect(result.errors.contains("content/blog/escape.md:3:6: url \"/../../../outside/\" leads outside the output folder"), "\(result.errors)")
        #expect(filesOutsideOutput(site) == before)
    }

    @Test func absoluteHeroImageFailsItsPage() async throws {
        let outside = try Outside()
        var files = Self.files
        files["content/blog/abs.md"] = "---\ntitle: Absolute\nhero:\n  image: \(outside.url.path)/secret.png\n---\nText.\n"
        let site = try TestSite(files)
        let before = filesOutsideOutput(site)
        let result = await site.run(["build"])
        #expect(result.code == 1)
        #expect(result.errors.contains("content/blog/abs.md:4:10: hero.image \"\(outside.url.path)/secret.png\" is an absolute path"), "\(result.errors)")
        #expect(site.read("public/blog/abs/index.html") == nil)
        #expect(!BuiltOutput.files(under: site.root.appendingPathComponent("public")).contains { $0.hasSuffix("secret.png") })
        #expect(filesOutsideOutput(site) == before)
        #expect(outside.contents == ["secret.png"])
    }

    @Test func heroImageClimbingOutFailsItsPage() async throws {
        var files = Self.files
        files["content/blog/up.md"] = "---\ntitle: Up\nhero:\n  image: ../../../../etc/hostname\n---\nText.\n"
        let site = try TestSite(files)
        let result = await site.run(["build"])
        #expect(result.code == 1)
        #expect(result.errors.contains("content/blog/up.md:4:10: hero.image \"../../../../etc/hostname\" leads outside the site"), "\(result.errors)")
        #expect(site.read("public/blog/up/index.html") == nil)
    }

    @Test func heroImageLinkedOutsideFailsItsPage() async throws {
        let outside = try Outside()
        var files = Self.files
        files["content/blog/linked.md"] = "---\ntitle: Linked\nhero:\n  image: images/secret.png\n---\nText.\n"
        let site = try TestSite(files)
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("static/images"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: site.root.appendingPathComponent("static/images/secret.png"), withDestinationURL: outside.url.appendingPathComponent("secret.png"))
        let result = await site.run(["build"])
        #expect(result.code == 1)
        #expect(result.errors.contains("content/blog/linked.md:4:10: static/images/secret.png is a symbolic link to"), "\(result.errors)")
        #expect(site.read("public/blog/linked/index.html") == nil)
        // The static copy skips the link too, so its target never reaches the output.
        #expect(result.errors.contains("static/images/secret.png: this file is a symbolic link leading outside the site"))
        let output = BuiltOutput.files(under: site.root.appendingPathComponent("public"))
        #expect(!output.contains { $0.hasSuffix("secret.png") })
        #expect(outside.contents == ["secret.png"])
        #expect(site.read("public/blog/first/index.html") != nil)
    }

    @Test func bundleFileLinkedOutsideFailsItsPage() async throws {
        let outside = try Outside()
        var files = Self.files
        files["content/blog/bundle/index.md"] = "---\ntitle: Bundle\n---\nText.\n"
        let site = try TestSite(files)
        try FileManager.default.createSymbolicLink(
            at: site.root.appendingPathComponent("content/blog/bundle/secret.png"), withDestinationURL: outside.url.appendingPathComponent("secret.png"))
        let result = await site.run(["build"])
        #expect(result.code == 1)
        #expect(result.errors.contains("content/blog/bundle/index.md: content/blog/bundle/secret.png is a symbolic link to"), "\(result.errors)")
        #expect(site.read("public/blog/bundle/index.html") == nil)
        #expect(site.read("public/blog/bundle/secret.png") == nil)
    }

    @Test func outputSubfolderLinkedOutsideFailsPagesWritingThere() async throws {
        let outside = try Outside()
        let site = try TestSite(Self.files)
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("public"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: site.root.appendingPathComponent("public/blog"), withDestinationURL: outside.url)
        let result = await site.run(["build"])
        #expect(result.code == 1)
        #expect(result.errors.contains("content/blog/first.md: the output path blog/first/index.html would be written through a symbolic link"), "\(result.errors)")
        #expect(outside.contents == ["secret.png"])
        #expect(site.read("public/about/index.html") != nil)
    }

    @Test func outputOutsideSiteIsConfigurationError() async throws {
        let outside = try Outside()
        let site = try TestSite(Self.files)

        let option = await site.run(["build", "--output", "../elsewhere"])
        #expect(option.code == 2)
        #expect(option.errors.contains("--output ../elsewhere is not a folder inside the site"))

        let absolute = await site.run(["build", "--output", outside.url.path])
        #expect(absolute.code == 2)

        try site.write("byok.yaml", "site: { title: T }\noutput: ../elsewhere\n")
        let configured = await site.run(["build"])
        #expect(configured.code == 2)
        #expect(configured.errors.contains("byok.yaml:2:9: output \"../elsewhere\" leads outside the site folder"), "\(configured.errors)")

        try site.write("byok.yaml", "site: { title: T }\noutput: linked\n")
        try FileManager.default.createSymbolicLink(at: site.root.appendingPathComponent("linked"), withDestinationURL: outside.url)
        let linked = await site.run(["build"])
        #expect(linked.code == 2)
        #expect(linked.errors.contains("output \"linked\" leads outside the site through a symbolic link"), "\(linked.errors)")
        #expect(outside.contents == ["secret.png"])
    }

    @Test func outputOverlappingContentIsConfigurationError() async throws {
        let site = try TestSite(Self.files)
        for folder in ["content", "content/public", "static", "."] {
            let result = await site.run(["build", "--output", folder])
            #expect(result.code == 2, "--output \(folder)")
        }
    }
}
