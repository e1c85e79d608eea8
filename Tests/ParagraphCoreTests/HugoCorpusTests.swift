import Foundation
import Testing
@testable import ParagraphCore

/// Runs page discovery, selection and the built-in engine over Hugo's own documentation.
@Suite(.enabled(if: SharedFolder.exists("corpus/hugo-docs"), "skipped: ../shared/corpus/hugo-docs is not beside the repository"))
struct HugoCorpusTests {
    @Test func corpusParsesSelectsAndGetsDescriptions() async throws {
        let site = try TestSite(["byok.yaml": "site: { title: Hugo, language: en }\n"])
        try FileManager.default.copyItem(at: SharedFolder.path("corpus/hugo-docs"), to: site.root.appendingPathComponent("content"))
        let loaded = try site.load()

        var selected = 0
        var notSelected = 0
        var selectionErrors: [Diagnostic] = []
        var missingDescription = 0
        var enricher = Enricher(site: loaded)
        var emptyDescriptions: [String] = []
        for page in loaded.pages {
            switch enricher.enrich(page) {
            case .failed(let diagnostic):
                selectionErrors.append(diagnostic)
            case .skipped:
                notSelected += 1
            case .enriched(let plan, let filled, _):
                selected += 1
                guard plan.missingFields.contains(.description) else { continue }
                missingDescription += 1
                let description = filled.first { $0.field == .description }?.value
                if case .text(let text) = description, !text.isEmpty, text.count <= 155 { continue }
                emptyDescriptions.append(page.path)
            }
        }
        print("Hugo corpus: \(loaded.pages.count + loaded.diagnostics.count) files, \(loaded.pages.count) parsed, "
            + "\(loaded.diagnostics.count) failed to parse, \(selected) selected, \(notSelected) not selected, "
            + "\(selectionErrors.count) selection errors, \(missingDescription) selected pages filled by builtin")
        for diagnostic in loaded.diagnostics + selectionErrors { print("  \(diagnostic)") }

        // Every failure names its place in the file.
        for diagnostic in loaded.diagnostics + selectionErrors {
            #expect(diagnostic.location != nil, "\(diagnostic)")
        }
        #expect(emptyDescriptions.isEmpty, "pages without a valid builtin description: \(emptyDescriptions)")
        #expect((760...820).contains(selected))
        #expect((170...230).contains(notSelected))
        #expect((30...60).contains(missingDescription))
    }
}
