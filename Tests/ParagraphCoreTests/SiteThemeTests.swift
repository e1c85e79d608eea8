import Foundation
import Testing
@testable import ParagraphCore

@Suite struct SiteThemeTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // ParagraphCoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    @Test func embeddedThemeMatchesTemplatesFolder() throws {
        let folder = Self.repositoryRoot.appendingPathComponent("templates")
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(onDisk == DefaultTheme.files.map(\.path).sorted(), "templates/ and DefaultTheme.files list different files")
        for (path, contents) in DefaultTheme.files {
            let text = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
            #expect(text == contents, "templates/\(path) differs from its copy in DefaultTheme.swift; copy the file's text into it")
        }
    }

    @Test func defaultThemeParses() throws {
        let theme = try Theme.load(siteRoot: URL(fileURLWithPath: "/nonexistent"), templatesFolder: "templates")
        for name in Theme.pageTemplateNames {
            #expect(theme.templates[name] != nil, "missing template \(name)")
        }
        #expect(theme.assets["theme.css"] != nil)
    }
}
