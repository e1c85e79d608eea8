import Foundation
import Testing
@testable import ParagraphCore

/// One case of the YAML test suite: a folder with `in.yaml`, and `in.json` or `error`.
struct YAMLSuiteCase: Sendable {
    /// The folder name, with the sub-folder for cases that have several (`2G84/00`).
    var id: String
    var name: String
    var yaml: String
    /// The expected data: one JSON value per YAML document.
    var expectedJSON: String?
    var mustFail: Bool
}

/// The result of parsing one suite case with `YAMLParser`.
enum YAMLSuiteOutcome: Sendable {
    case agree
    case disagree(String)
    case validRejected(YAMLError)
    case invalidRejected
    case invalidAccepted
    /// A valid case without `in.json`, mostly because a key is a collection or null. The error is nil when it parsed.
    case validWithoutJSON(YAMLError?)

    var rejection: YAMLError? {
        switch self {
        case .validRejected(let error): return error
        case .validWithoutJSON(let error): return error
        default: return nil
        }
    }
}

/// Loads the YAML test suite from `shared/yaml-test-suite` beside the repository folder and runs every case.
enum YAMLTestSuite {
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Tests/ParagraphCoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the repository
        .deletingLastPathComponent()  // the folder that contains the repository
        .appendingPathComponent("shared/yaml-test-suite")

    static var folderExists: Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("README.md").path)
    }

    /// Every case with its outcome, computed once and shared by the tests below.
    static let results: [(suiteCase: YAMLSuiteCase, outcome: YAMLSuiteOutcome)] = loadCases().map { ($0, run($0)) }

    // MARK: Known differences
    // Each comes from libyaml 0.2.5, a YAML 1.1 parser. The YAML layer receives only its events.

    /// Valid cases whose parsed data differs from `in.json`, with the reason.
    static let knownDisagreements: [String: String] = [
        "652Z": "in a flow collection libyaml reads `?` as the explicit key indicator even before a non-space, so `?foo` becomes the key `foo`",
        "HM87/01": "in a flow collection libyaml reads `?` as the explicit key indicator even before a non-space, so `[?x]` becomes `[{x: null}]`",
        "Y2GN": "libyaml ends an anchor name at `:`, so `&an:chor value` gives the anchor `an` and the scalar `:chor value`",
    ]

    /// Invalid cases that libyaml parses without an error, with the rule it does not check.
    static let knownAcceptedInvalid: [String: String] = [
        "9C9N": "flow sequence lines less indented than the mapping that contains them",
        "9HCY": "a directive after a document that has no `...` end marker",
        "9JBA": "a comment with no space before `#` after a flow sequence",
        "CVW2": "a comment with no space before `#` after a comma in a flow sequence",
        "DK95/01": "a tab that indents a continuation line of a double-quoted scalar",
        "EB22": "a directive after a document that has no `...` end marker",
        "G5U8": "a plain `-` as an entry of a flow sequence",
        "MUS6/00": "a comment with no space before `#` after a %YAML directive",
        "MUS6/01": "a directive after a document that has no `...` end marker",
        "QB6E": "continuation lines of a quoted scalar less indented than its mapping value",
        "RHX7": "a directive after a document that has no `...` end marker",
        "S98Z": "leading blank lines of a block scalar more indented than its first non-blank line",
        "SU5Z": "a comment with no space before `#` after a double-quoted scalar",
        "X4QW": "a comment with no space before `#` after a block scalar indicator",
        "Y79Y/003": "a tab that indents an entry of a flow sequence",
        "YJV2": "a plain `-` as an entry of a flow sequence",
    ]

    /// Valid cases that the YAML layer itself rejects, with the check that rejects them.
    static let knownLayerRejections: [String: String] = [
        "X38W": "the alias `*a` repeats the key `[a, b]` of the same flow mapping, so the duplicate-key check rejects it",
    ]

    // MARK: Counts measured with libyaml 0.2.5 on the suite's data at commit 6ad3d2c.
    // libyaml rejects the other valid cases because it lacks YAML 1.2 syntax. Examples are tabs
    // as separation space, anchors with `:` or non-ASCII characters, and `:` right after a quoted
    // flow key or on the next line. Others are multi-line flow keys, bare documents after `...`,
    // block scalars at column 0, streams of only `...`, and reserved or `%YAML 1.3` directives.

    static let measuredCaseCount = 402
    static let measuredAgreeCount = 236
    static let measuredInvalidRejectedCount = 78

    static func loadCases() -> [YAMLSuiteCase] {
        let manager = FileManager.default
        let names = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
        var cases: [YAMLSuiteCase] = []
        for name in names.sorted() {
            let caseFolder = folder.appendingPathComponent(name)
            if let suiteCase = loadCase(id: name, at: caseFolder) {
                cases.append(suiteCase)
                continue
            }
            let subfolders = (try? manager.contentsOfDirectory(atPath: caseFolder.path)) ?? []
            for subfolder in subfolders.sorted() {
                if let suiteCase = loadCase(id: "\(name)/\(subfolder)", at: caseFolder.appendingPathComponent(subfolder)) {
                    cases.append(suiteCase)
                }
            }
        }
        return cases
    }

    private static func loadCase(id: String, at caseFolder: URL) -> YAMLSuiteCase? {
        func read(_ file: String) -> String? {
            guard let data = FileManager.default.contents(atPath: caseFolder.appendingPathComponent(file).path) else {
                return nil
            }
            return String(decoding: data, as: UTF8.self)
        }

        guard let yaml = read("in.yaml") else { return nil }
        let name = read("===")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        // A few invalid cases also carry an `in.json`, so the `error` file decides.
        let mustFail = FileManager.default.fileExists(atPath: caseFolder.appendingPathComponent("error").path)
        return YAMLSuiteCase(id: id, name: name, yaml: yaml, expectedJSON: read("in.json"), mustFail: mustFail)
    }

    static func run(_ suiteCase: YAMLSuiteCase) -> YAMLSuiteOutcome {
        let documents: [YAMLNode]
        do {
            documents = try YAMLParser().parseDocuments(suiteCase.yaml)
        } catch {
            if suiteCase.mustFail { return .invalidRejected }
            if suiteCase.expectedJSON == nil { return .validWithoutJSON(error) }
            return .validRejected(error)
        }
        if suiteCase.mustFail { return .invalidAccepted }
        guard let expectedJSON = suiteCase.expectedJSON else { return .validWithoutJSON(nil) }

        do {
            let expected = try SuiteJSON.parseStream(expectedJSON)
            var parsed: [SuiteJSON] = []
            for document in documents {
                parsed.append(try SuiteJSON(document))
            }
            if parsed == expected { return .agree }
            return .disagree("parsed \(parsed), expected \(expected)")
        } catch {
            return .disagree(error.description)
        }
    }

    /// Returns true when libyaml rejected the text, and false when a check of the YAML layer did.
    static func isLibyamlError(_ error: YAMLError) -> Bool {
        if case .syntax = error { return true }
        return false
    }
}

@Suite(.enabled(if: YAMLTestSuite.folderExists, "YAML test suite not found; put it in shared/yaml-test-suite beside the repository folder"))
struct YAMLTestSuiteTests {
    let results = YAMLTestSuite.results

    @Test func suiteCountsDoNotDrop() {
        var agree = 0
        var disagree: [String] = []
        var validRejected: [String] = []
        var invalidRejected = 0
        var invalidAccepted: [String] = []
        var withoutJSONParsed = 0
        var withoutJSONRejected: [String] = []
        for (suiteCase, outcome) in results {
            switch outcome {
            case .agree: agree += 1
            case .disagree: disagree.append(suiteCase.id)
            case .validRejected: validRejected.append(suiteCase.id)
            case .invalidRejected: invalidRejected += 1
            case .invalidAccepted: invalidAccepted.append(suiteCase.id)
            case .validWithoutJSON(nil): withoutJSONParsed += 1
            case .validWithoutJSON: withoutJSONRejected.append(suiteCase.id)
            }
        }

        print("""
            YAML test suite, \(results.count) cases:
              agree: \(agree)
              disagree: \(disagree.count) \(disagree)
              valid, not parsed: \(validRejected.count) \(validRejected)
              invalid, rejected: \(invalidRejected)
              invalid, accepted: \(invalidAccepted.count) \(invalidAccepted)
              valid without in.json: parsed \(withoutJSONParsed), rejected \(withoutJSONRejected.count) \(withoutJSONRejected)
            """)
        for (suiteCase, outcome) in results {
            if case .disagree(let detail) = outcome {
                print("  \(suiteCase.id) (\(suiteCase.name)): \(detail)")
            }
        }

        #expect(results.count >= YAMLTestSuite.measuredCaseCount)
        #expect(agree >= YAMLTestSuite.measuredAgreeCount)
        #expect(invalidRejected >= YAMLTestSuite.measuredInvalidRejectedCount)
    }

    @Test func validCasesMatchJSON() {
        for (suiteCase, outcome) in results {
            let reason = YAMLTestSuite.knownDisagreements[suiteCase.id]
            switch outcome {
            case .disagree(let detail):
                #expect(reason != nil, "\(suiteCase.id) (\(suiteCase.name)): \(detail)")
            case .agree:
                #expect(reason == nil, "\(suiteCase.id) now agrees; remove it from knownDisagreements")
            default:
                #expect(reason == nil, "\(suiteCase.id) no longer parses to compare; check its entry in knownDisagreements")
            }
        }
    }

    @Test func invalidCasesAreRejected() {
        for (suiteCase, outcome) in results where suiteCase.mustFail {
            let reason = YAMLTestSuite.knownAcceptedInvalid[suiteCase.id]
            if case .invalidAccepted = outcome {
                #expect(reason != nil, "\(suiteCase.id) (\(suiteCase.name)) is invalid but parsed without an error")
            } else {
                #expect(reason == nil, "\(suiteCase.id) is now rejected; remove it from knownAcceptedInvalid")
            }
        }
    }

    @Test func validCasesRejectedOnlyByLibyaml() {
        for (suiteCase, outcome) in results where !suiteCase.mustFail {
            let reason = YAMLTestSuite.knownLayerRejections[suiteCase.id]
            guard let error = outcome.rejection, !YAMLTestSuite.isLibyamlError(error) else {
                #expect(reason == nil, "\(suiteCase.id) is no longer rejected by the YAML layer; remove it from knownLayerRejections")
                continue
            }
            #expect(reason != nil, "\(suiteCase.id) (\(suiteCase.name)) is valid but the YAML layer rejected it: \(error.message)")
        }
    }
}

/// Checks the JSON stream reader on escapes and layouts that the suite's `in.json` files do not all use.
@Suite struct JSONStreamReaderTests {
    @Test func streamOfValuesSplitsOnWhitespace() throws {
        let values = try SuiteJSON.parseStream("{\"a\": [1, 2.5e1]}\n\"x\"null\n  true ")
        #expect(values == [.object([("a", .array([.number(1), .number(25)]))]), .string("x"), .null, .bool(true)])
        #expect(try SuiteJSON.parseStream("  \n").isEmpty)
    }

    @Test func stringEscapesDecode() throws {
        let values = try SuiteJSON.parseStream(#""tab\tquote\"slash\/ e\u00e9 face\ud83d\ude00""#)
        #expect(values == [.string("tab\tquote\"slash/ e\u{E9} face\u{1F600}")])
    }

    @Test func loneHighSurrogateIsRejected() {
        #expect(throws: JSONConversionError.self) {
            try SuiteJSON.parseStream(#""\ud83d x""#)
        }
    }

    @Test func yamlNumbersConvertByValue() throws {
        let node = try #require(try YAMLParser().parseDocument("[0o14, 0xC, +12, 1e3, -.inf, .NaN, !!str 12]"))
        let expected: [SuiteJSON] = [.number(12), .number(12), .number(12), .number(1000), .number(-.infinity), .number(.nan), .string("12")]
        #expect(try SuiteJSON(node) == .array(expected))
    }

    @Test func objectsCompareWithoutKeyOrder() {
        let left = SuiteJSON.object([("a", .number(1)), ("b", .null)])
        let right = SuiteJSON.object([("b", .null), ("a", .number(1))])
        #expect(left == right)
        #expect(left != SuiteJSON.object([("a", .number(1)), ("b", .bool(false))]))
    }
}
