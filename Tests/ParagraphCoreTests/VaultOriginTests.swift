import Testing
@testable import ParagraphCore

/// Parsing and normalising endpoint origins.
@Suite struct VaultOriginTests {
    @Test(arguments: [
        ("https://api.openai.com", "https://api.openai.com"),
        ("HTTPS://API.OpenAI.COM", "https://api.openai.com"),
        ("https://api.openai.com:443", "https://api.openai.com"),
        ("https://api.openai.com/v1/chat/completions", "https://api.openai.com"),
        ("https://api.openai.com:8443/", "https://api.openai.com:8443"),
        ("http://localhost:11434", "http://localhost:11434"),
        ("http://127.0.0.1:80", "http://127.0.0.1"),
        ("http://127.8.9.10", "http://127.8.9.10"),
        ("http://[::1]:8080", "http://[::1]:8080"),
        ("https://[2001:DB8:0:0::1]", "https://[2001:db8::1]"),
        ("https://xn--bcher-kva.example", "https://xn--bcher-kva.example"),
    ])
    func normalForm(_ input: String, _ expected: String) throws {
        #expect(try Origin.parse(input).description == expected)
    }

    @Test(arguments: [
        ("https://api.openai.com@example.net", "user info"),
        ("https://user:pass@api.openai.com", "user info"),
        ("http://api.openai.com", "loopback"),
        ("http://127.0.0.1.example.net", "loopback"),
        ("ftp://api.openai.com", "scheme"),
        ("api.openai.com", "no scheme"),
        ("https://api.openai.com?x=1", "query"),
        ("https://api.openai.com/#x", "query"),
        ("https://api.openai.com\\@example.net", "backslash"),
        ("https://", "empty"),
        ("https://api..openai.com", "empty label"),
        ("https://api.openai.com.", "empty label"),
        ("https://api.openai.com:0", "port"),
        ("https://api.openai.com:65536", "port"),
        ("https://api.openai.com:", "port"),
        ("https://api.openai.com:+443", "port"),
        ("https://bücher.example", "xn--"),
        ("https://api%2eopenai.com", "ASCII letters"),
        ("https://api.openai.com /x", "space"),
        ("http://127.1", "dotted-quad"),
        ("http://0x7f.0.0.1", "dotted-quad"),
        ("http://2130706433", "dotted-quad"),
        ("http://127.000.0.1", "dotted-quad"),
        ("http://[fe80::1%25eth0]", "zone"),
        ("https://[::1", "closing bracket"),
        ("https://-api.example.com", "DNS label"),
    ])
    func rejected(_ input: String, _ reasonFragment: String) {
        #expect {
            try Origin.parse(input)
        } throws: { error in
            (error as? OriginError)?.reason.contains(reasonFragment) == true
        }
    }

    @Test func loopbackHosts() throws {
        #expect(try Origin.parse("http://localhost").isLoopback)
        #expect(try Origin.parse("http://127.0.0.1").isLoopback)
        #expect(try Origin.parse("http://[::1]").isLoopback)
        #expect(try !Origin.parse("https://localhost.example.com").isLoopback)
        #expect(try !Origin.parse("https://127.0.0.1.nip.example").isLoopback)
    }

    @Test func documentedOriginsAreNormal() throws {
        for provider in Provider.allCases {
            let origin = provider.documentedOrigin
            #expect(try Origin.parse(origin.description) == origin)
            #expect(origin.scheme == .https)
        }
    }
}
