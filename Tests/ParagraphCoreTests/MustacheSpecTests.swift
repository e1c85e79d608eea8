import Foundation
import Testing
@testable import ParagraphCore

/// Runs the language-independent Mustache specification's JSON test files when they are
/// installed beside the repository. Each failing case is reported with its file and name.
@Suite struct MustacheSpecTests {
    struct SpecFile: Decodable {
        var tests: [SpecCase]
    }

    struct SpecCase: Decodable {
        var name: String
        var data: MustacheValue
        var template: String
        var expected: String
        var partials: [String: String]?
    }

    /// The folder where the spec files are expected: `shared/mustache-spec` beside the
    /// repository root, which is the nearest folder above this file that has `Package.swift`.
    static let expectedSpecFolder: URL? = {
        var folder = URL(filePath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appending(path: "Package.swift").path) {
                return folder.deletingLastPathComponent().appending(path: "shared/mustache-spec")
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }()

    static let specFolder: URL? = expectedSpecFolder.flatMap { folder in
        FileManager.default.fileExists(atPath: folder.path) ? folder : nil
    }

    static let skipReason = Comment(
        rawValue: "Mustache spec files not found in \(expectedSpecFolder?.path ?? "a shared folder beside the repository")")

    @Test(
        .enabled(if: specFolder != nil, skipReason),
        arguments: ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance"]
    )
    func specFilePasses(_ file: String) throws {
        let url = try #require(Self.specFolder).appending(path: "\(file).json")
        let spec = try JSONDecoder().decode(SpecFile.self, from: Data(contentsOf: url))
        #expect(!spec.tests.isEmpty, "\(file).json has no tests")

        for test in spec.tests {
            let label = Comment(rawValue: "\(file).json: \(test.name)")
            do {
                let template = try MustacheTemplate(source: test.template)
                let output = try template.render(test.data, partials: test.partials ?? [:])
                #expect(output == test.expected, label)
            } catch {
                Issue.record(error, label)
            }
        }
    }
}
