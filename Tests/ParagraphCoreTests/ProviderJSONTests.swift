import Foundation
import Testing
@testable import ParagraphCore

@Suite struct ProviderJSONTests {
    @Test func parseKeepsKeyOrderAndNumberText() throws {
        let value = try JSONValue.parse(#"{"b":1.10,"a":[true,false,null],"c":{"z":"x","y":-2e3}}"#)

        #expect(value.objectMembers?.map(\.0) == ["b", "a", "c"])
        #expect(value["b"] == .number("1.10"))
        #expect(value["a"] == .array([.bool(true), .bool(false), .null]))
        #expect(value["c"]?.objectMembers?.map(\.0) == ["z", "y"])
        #expect(value["c"]?["y"] == .number("-2e3"))
        #expect(value.serialized() == #"{"b":1.10,"a":[true,false,null],"c":{"z":"x","y":-2e3}}"#)
    }

    @Test func parseSkipsLeadingBlankLines() throws {
        let value = try JSONValue.parse("\n\n\r\n  \t{\"ok\":true}\n")
        #expect(value["ok"] == .bool(true))
    }

    @Test func parseDecodesEscapes() throws {
        let value = try JSONValue.parse(#"["a\"b\\c\/d\n\t\u00e9\ud83d\ude00"]"#)
        #expect(value == .array([.string("a\"b\\c/d\n\té😀")]))
    }

    @Test func parseRejectsInvalidText() {
        let invalid = [
            "", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "01", "1.", "+1", "nul", "\"unterminated", "\"\\x\"",
            "\"\\ud800\"", "\"\\u12g4\"", "\"\\u+123\"", "{} extra", "\"tab\there\"",
        ]
        for text in invalid {
            #expect(throws: JSONValue.ParseError.self, "\(text)") { try JSONValue.parse(text) }
        }
    }

    @Test func parseRejectsDeepNesting() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(deep) }
    }

    @Test func parseErrorNamesOffset() {
        do {
            _ = try JSONValue.parse("{\"a\":tru}")
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 5)
            #expect(error.description.hasPrefix("invalid JSON at byte 5"))
        }
    }

    @Test func accessorsReturnNilForOtherKinds() {
        let value = JSONValue.array([.string("x")])
        #expect(value["key"] == nil)
        #expect(value.stringValue == nil)
        #expect(value.arrayValue == [.string("x")])
        #expect(JSONValue.number("1.5").intValue == nil)
        #expect(JSONValue.integer(42).intValue == 42)
    }

    @Test func excerptRedactsKeyInEveryForm() {
        let key = "sk-test-ab/cd+ef"
        let body = #"{"error":"bad key \#(key) or sk-test-ab\/cd+ef or sk%2Dtest%2Dab%2Fcd%2Bef"}"#
        let excerpt = ResponseExcerpt.of(Data(body.utf8), redacting: [key])

        #expect(!excerpt.contains("ab/cd"))
        #expect(!excerpt.contains("ab\\/cd"))
        #expect(!excerpt.contains("%2Fcd"))
        #expect(excerpt.components(separatedBy: "[redacted]").count == 4)
    }

    @Test func excerptIsOneShortLine() {
        let body = String(repeating: "word\n\t", count: 100)
        let excerpt = ResponseExcerpt.of(Data(body.utf8), redacting: [], limit: 20)

        #expect(excerpt == "word word word word …")
        #expect(ResponseExcerpt.of(Data(), redacting: []) == "(empty body)")
    }

    @Test func excerptRedactsBeforeCutting() {
        let key = "sk-" + String(repeating: "k", count: 40)
        let excerpt = ResponseExcerpt.of(Data(("x " + key).utf8), redacting: [key], limit: 20)
        #expect(!excerpt.contains("kkkk"))
    }
}
