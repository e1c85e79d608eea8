import Foundation
import Testing
@testable import ParagraphCore

/// Reading and writing `byok.keys`.
@Suite struct VaultFileTests {
    /// Make a vault with organizations acme (approved openai, pending groq) and beta (no keys).
    func makeFile() throws -> (VaultTestSite, String) {
        let site = try VaultTestSite()
        var vault = try site.vault()
        let secretKey = try vault.initialize(organization: "acme").secretKey
        _ = try vault.initialize(organization: "beta")
        _ = try vault.setKey(
            secretBytes(makeFakeKey()), provider: .openai, organization: "acme",
            origin: Provider.openai.documentedOrigin, secretKey: secretKey)
        _ = try vault.setKey(
            secretBytes(makeFakeKey()), provider: .groq, organization: "acme",
            origin: Provider.groq.documentedOrigin, secretKey: nil)
        try vault.save()
        return (site, try #require(site.site.read("byok.keys")))
    }

    @Test func writtenFileParsesToSameText() throws {
        let (_, text) = try makeFile()
        let file = try VaultFile.parse(Array(text.utf8), path: "byok.keys")
        #expect(file.serialized() == text)
        #expect(file.organizations.keys.sorted() == ["acme", "beta"])
        #expect(file.organizations["acme"]?.entries[.groq]?.isPending == true)
        #expect(file.organizations["acme"]?.entries[.openai]?.isPending == false)
        #expect(file.organizations["beta"]?.entries.isEmpty == true)
    }

    @Test func layoutIsOneBlockPerEntryInNameOrder() throws {
        let (_, text) = try makeFile()
        let keys = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
            String($0.prefix { $0 != ":" })
        }
        #expect(keys == [
            "version", "organizations",
            "  acme", "    key_id", "    public_key", "    providers",
            "      groq", "        origin", "        mask", "        set", "        sealed", "        approval",
            "      openai", "        origin", "        mask", "        set", "        sealed", "        approval",
            "  beta", "    key_id", "    public_key", "    providers",
        ])
        #expect(text.contains("        approval: pending\n"))
        #expect(text.contains("        set: \"2026-06-01T00:00:00Z\"\n"))
    }

    func diagnostics(_ text: String) -> [String] {
        do {
            _ = try VaultFile.parse(Array(text.utf8), path: "byok.keys")
            return []
        } catch {
            guard case .invalidFile(let diagnostics) = error else { return ["\(error)"] }
            return diagnostics.map(\.description)
        }
    }

    @Test func invalidFieldsReportedWithLines() throws {
        let (_, text) = try makeFile()
        var lines = text.components(separatedBy: "\n")
        let index = { (prefix: String) in lines.firstIndex { $0.hasPrefix(prefix) }! }
        lines[index("        origin: \"https://api.groq.com\"")] = "        origin: \"https://API.groq.com:443\""
        let mask = index("        mask:")
        lines[mask] = "        mask: 12"
        let sealed = index("        sealed:")
        lines[sealed] = "        sealed: \"c2hvcnQ=\""
        lines[index("        approval: pending")] = "        approval: maybe"
        let found = diagnostics(lines.joined(separator: "\n"))

        #expect(found.count == 4)
        #expect(found.contains { $0.contains("origin \"https://API.groq.com:443\" is not in normal form (https://api.groq.com)") })
        #expect(found.contains { $0.hasPrefix("byok.keys:\(mask + 1):15: mask must be a short text") })
        #expect(found.contains { $0.hasPrefix("byok.keys:\(sealed + 1):17: sealed has 5 bytes") })
        #expect(found.contains { $0.contains("approval must be base64 of 32 bytes or `pending`") })
    }

    @Test func unknownAndMissingKeysReported() {
        let found = diagnostics("""
            version: 1
            organizations:
              acme:
                key_id: "0123456789abcdef"
                providers: {}
                owner: me
              beta: 5
            """)
        #expect(found.contains("byok.keys:6:5: unknown key \"owner\" in organization acme; the keys are key_id, public_key, providers"))
        #expect(found.contains { $0.hasPrefix("byok.keys:4:5: organization acme lacks public_key") })
        #expect(found.contains { $0.hasPrefix("byok.keys:7:9: organization beta must be a mapping") })
    }

    @Test func unknownProviderReported() throws {
        let (_, text) = try makeFile()
        let found = diagnostics(text.replacingOccurrences(of: "      groq:", with: "      mistral:"))
        #expect(found.count == 1)
        #expect(found.first?.contains("unknown provider \"mistral\"; the providers are openai, anthropic, google, xai, groq, deepseek") == true)
    }

    @Test func otherVersionReported() {
        #expect(diagnostics("version: 2\norganizations: {}\n") == [
            "byok.keys:1:10: version 2 is not supported; this Paragraph reads version 1, so upgrade Paragraph"
        ])
    }

    @Test func publicKeyOfWrongLengthReported() {
        let found = diagnostics("""
            version: 1
            organizations:
              acme:
                key_id: "0123456789abcdef"
                public_key: "AAAA"
                providers: {}
            """)
        #expect(found.first?.hasPrefix("byok.keys:5:17: public_key must be base64 of 32 bytes, but it has 3") == true)
    }

    @Test func emptyVaultRoundTrips() throws {
        let text = VaultFile().serialized()
        #expect(text.hasSuffix("version: 1\norganizations: {}\n"))
        #expect(try VaultFile.parse(Array(text.utf8), path: "byok.keys").organizations.isEmpty)
    }
}
