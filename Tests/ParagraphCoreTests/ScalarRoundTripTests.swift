import Foundation
import Testing
@testable import ParagraphCore

/// Values that a careless emitter would write so that some YAML reader reads them differently.
let trickyValues: [String] = [
    "key: value", "ends with colon:", "a #comment", "- leading dash", "-", "? question", "*star", "&anchor", "!tag",
    "%directive", "@at", "`backtick`", "| pipe", "> greater", "[bracket", "{brace", "\"double\"", "'single'",
    "it's", "back\\slash", "line\nbreak", "tab\there", "trailing space ", " leading space", "Zażółć gęślą jaźń",
    "日本語のタイトル", "emoji 🚀 launch", "yes", "no", "on", "off", "y", "n", "Y", "N", "null", "Null", "~", "",
    "true", "False", "1e3", "0777", "1_000", "0x1F", ".inf", "-.inf", ".nan", "<<", "=", "2024-01-01",
    "2024-01-01T10:00:00Z", "12:30", "1:20:30", "3.14", "+1", "010", "nbsp\u{A0}inside", "line\u{2028}separator",
    "next\u{85}line", "bom\u{FEFF}inside", "control\u{1}char", "a, b", "a[0]", "C++ and C#", "100%", "x: {y}",
    "Pricing: usage-based", "plain words only",
]

@Suite struct ScalarRoundTripTests {
    @Test func everyValueRoundTripsThroughOwnParser() throws {
        for value in trickyValues {
            let output = try FrontMatterEditor().apply(
                [FrontMatterEdit(path: ["description"], value: .text(value))], to: Array("---\ntitle: A\n---\n".utf8))
            let parsed = try FrontMatter.parse(output)
            #expect(parsed.fields["description"]?.scalar?.text == value, "value \(JSONValue.string(value).serialized())")
            #expect(parsed.fields["description"]?.scalar?.value == .string, "value \(JSONValue.string(value).serialized())")
        }
    }

    @Test func keywordListsRoundTrip() throws {
        let keywords = ["pricing", "a, b", "[x]", "{y}", "yes", "1e3", "C++", "it's \"quoted\""]
        let output = try FrontMatterEditor().apply(
            [FrontMatterEdit(path: ["keywords"], value: .list(keywords))], to: Array("---\ntitle: A\n---\n".utf8))
        let parsed = try FrontMatter.parse(output)
        #expect(parsed.fields["keywords"]?.sequence?.compactMap { $0.scalar?.text } == keywords)
    }

    static let python: String? = {
        for candidate in ["/usr/bin/python3", "python3"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [candidate, "-c", "import yaml"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { continue }
            process.waitUntilExit()
            if process.terminationStatus == 0 { return candidate }
        }
        return nil
    }()

    @Test(.enabled(if: python != nil, "skipped: no python3 with PyYAML (Debian package python3-yaml)"))
    func everyValueRoundTripsThroughPyYAML() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paragraph-pyyaml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        for (index, value) in trickyValues.enumerated() {
            let output = try FrontMatterEditor().apply(
                [FrontMatterEdit(path: ["description"], value: .text(value)),
                 FrontMatterEdit(path: ["keywords"], value: .list([value, "plain"]))],
                to: Array("---\ntitle: A\n---\n".utf8))
            try Data(output).write(to: folder.appendingPathComponent(String(format: "%03d.md", index)))
        }

        // PyYAML implements YAML 1.1, so it resolves yes, on, 0777 and dates where 1.2 readers do not.
        let script = """
            import json, os, sys, yaml
            folder = sys.argv[1]
            result = []
            for name in sorted(os.listdir(folder)):
                text = open(os.path.join(folder, name), encoding="utf-8").read()
                block = text.split("---\\n")[1]
                data = yaml.safe_load(block)
                result.append([data["description"], data["keywords"]])
            print(json.dumps(result))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [Self.python!, "-c", script, folder.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let decoded = try JSONSerialization.jsonObject(with: data) as? [[Any]]
        let rows = try #require(decoded)
        #expect(rows.count == trickyValues.count)
        for (value, row) in zip(trickyValues, rows) {
            #expect(row[0] as? String == value, "PyYAML read \(row[0]) for \(JSONValue.string(value).serialized())")
            #expect(row[1] as? [String] == [value, "plain"], "PyYAML list for \(JSONValue.string(value).serialized())")
        }
    }
}
