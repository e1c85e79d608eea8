import Foundation
import Testing
@testable import ParagraphCore

@Suite struct MustacheValueTests {
    @Test func jsonKeepsBooleansApartFromNumbers() throws {
        let json = #"{"flag": true, "one": 1, "half": 0.5, "name": "x", "none": null, "list": [false, 0]}"#
        let value = try MustacheValue(json: Data(json.utf8))
        #expect(value["flag"] == .bool(true))
        #expect(value["one"] == .number(1))
        #expect(value["half"] == .number(0.5))
        #expect(value["name"] == .string("x"))
        #expect(value["none"] == .null)
        #expect(value["list"] == .list([.bool(false), .number(0)]))
    }

    @Test func jsonTopLevelScalarDecodes() throws {
        #expect(try MustacheValue(json: Data("\"text\"".utf8)) == .string("text"))
        #expect(try MustacheValue(json: Data("85".utf8)) == .number(85))
    }

    @Test func invalidJSONThrows() {
        #expect(throws: DecodingError.self) {
            try MustacheValue(json: Data("{".utf8))
        }
    }

    @Test func numberFormatKeepsLargeWholeNumbersExact() {
        #expect(MustacheValue.format(9_007_199_254_740_992) == "9007199254740992")
        #expect(MustacheValue.format(-0.0) == "0")
        #expect(MustacheValue.format(.infinity) == "inf")
    }
}
