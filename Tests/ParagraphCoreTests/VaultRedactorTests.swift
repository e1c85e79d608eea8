import Foundation
import Testing
@testable import ParagraphCore

/// Scrubbing known secrets from output, and masking them under GitHub Actions.
@Suite struct VaultRedactorTests {
    @Test func rawJSONAndURLFormsReplaced() throws {
        let redactor = Redactor()
        // Base64 text has `+`, `/` and `=`, which JSON and URL encoders change.
        let secret = "ab+cd/ef=gh+ij/kl="
        redactor.register(secretBytes(secret), mask: "[masked]")

        for form in encodedForms(of: secret) {
            #expect(redactor.redact("before \(form) after") == "before [masked] after", "form \(form)")
        }
        #expect(redactor.redact("ab%2bcd%2fef%3dgh%2Bij%2Fkl%3D") == "[masked]")
        #expect(redactor.redact(#"{"key":"ab+cd\/ef\u003dgh+ij\/kl="}"#) == #"{"key":"[masked]"}"#)
    }

    @Test func providerKeyFormsReplaced() {
        let redactor = Redactor()
        let key = makeFakeKey()
        redactor.register(secretBytes(key), mask: "sk-…" + key.suffix(4))
        let json = JSONValue.object([("key", .string(key))]).serialized()
        let query = "https://example.com/?key=" + key.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!

        #expect(!redactor.redact(json).contains(key))
        #expect(!redactor.redact(query).contains(String(key.dropFirst(8))))
        #expect(redactor.redact("\(key)\(key)") == "sk-…\(key.suffix(4))sk-…\(key.suffix(4))")
    }

    @Test func unrelatedTextUnchanged() {
        let redactor = Redactor()
        redactor.register(secretBytes(makeFakeKey()), mask: "[masked]")
        let text = "sk-test-0000 %41 \\u0041 \\/ ünïcödé …"
        #expect(redactor.redact(text) == text)
        #expect(redactor.redact(Data(text.utf8)) == Data(text.utf8))
    }

    @Test func shortSecretNotRegistered() {
        let redactor = Redactor()
        #expect(!redactor.register(secretBytes("abc"), mask: "[masked]"))
        #expect(redactor.redact("abc") == "abc")
    }

    @Test func contextOutputRedacted() throws {
        let site = try VaultTestSite()
        let output = OutputCollector()
        let errors = OutputCollector()
        let context = site.context(output: output, errors: errors)
        let key = makeFakeKey()
        context.registerSecret(secretBytes(key), mask: "[key]")

        context.print("out \(key)")
        context.printError("err \(key)")
        context.report(Diagnostic(path: "x.md", location: nil, message: key))
        #expect(output.text == "out [key]\n")
        #expect(errors.text == "err [key]\nx.md: [key]\n")
    }

    @Test func environmentSecretKeyRedactedFromStart() throws {
        let site = try VaultTestSite()
        let output = OutputCollector()
        let secret = SecretKey.generate().base64Text().withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        let context = site.context(environment: ["PARAGRAPH_SECRET_KEY": secret], output: output)
        context.print("secret=\(secret) url=\(secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
        #expect(output.text == "secret=[PARAGRAPH_SECRET_KEY] url=[PARAGRAPH_SECRET_KEY]\n")
    }

    @Test func gitHubActionsMaskPrintedFirstOnPipe() throws {
        let site = try VaultTestSite()
        let output = OutputCollector()
        let context = site.context(environment: ["GITHUB_ACTIONS": "true"], output: output)
        let key = makeFakeKey()
        context.registerSecret(secretBytes(key), mask: "[key]")
        context.registerSecret(secretBytes(key), mask: "[key]")
        context.print("using \(key)")

        #expect(output.text == "::add-mask::\(key)\nusing [key]\n")
    }

    @Test func gitHubActionsNoMaskLineIntoRegularFile() throws {
        let site = try VaultTestSite()
        let output = OutputCollector()
        let context = site.context(environment: ["GITHUB_ACTIONS": "true"], standardOutputIsRegularFile: true, output: output)
        let key = makeFakeKey()
        context.registerSecret(secretBytes(key), mask: "[key]")
        context.print("using \(key)")

        #expect(output.text == "using [key]\n")
    }
}
