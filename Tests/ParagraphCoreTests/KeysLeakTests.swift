import Foundation
import Testing
@testable import ParagraphCore

/// A provider key written through `keys set`, and the vault's secret key, never appear in
/// what any command prints or writes under the site, whether the command succeeds or fails.
@Suite struct KeysLeakTests {
    static let page = """
        ---
        title: Pricing
        ---

        Usage-based pricing arrives next month.

        """

    /// Every command, with arguments that make many of them fail. `KEY` stands for the key.
    static let commands: [[String]] = [
        ["keys", "list"],
        ["keys", "list", "--json"],
        ["keys", "list", "--org", "acme"],
        ["keys", "approve"],
        ["keys", "approve", "openai"],
        ["keys", "approve", "deepseek"],
        ["keys", "approve", "anthropic"],
        ["keys", "set", "openai", "KEY"],
        ["keys", "set", "openai", "--endpoint", "http://proxy.example.com"],
        ["keys", "set", "nosuch"],
        ["keys", "set"],
        ["keys", "set", "openai", "--org", "nobody"],
        ["keys", "remove", "google"],
        ["keys", "verify"],
        ["keys", "--help"],
        ["vault", "init"],
        ["vault", "init", "--org", "Bad Name"],
        ["vault", "rotate", "--org", "nobody"],
        ["vault", "rotate"],
        ["vault", "--help"],
        ["inspect", "content/pricing.md"],
        ["inspect", "content/pricing.md", "--json"],
        ["inspect", "content/missing.md"],
        ["init"],
        ["help", "keys"],
        ["--help"],
        ["--version"],
        ["nosuch"],
        ["keys", "list"],
        ["keys", "set", "openai"],
        ["keys", "remove", "openai"],
        ["keys", "list"],
    ]

    @Test(arguments: [false, true])
    func fakeKeyNeverPrintedOrWritten(gitHubActionsWithOutputInFile: Bool) async throws {
        let site = try VaultTestSite(files: ["content/pricing.md": Self.page])
        let key = makeFakeKey()
        let pendingKey = makeFakeKey()
        var environment: [String: String] = [:]
        if gitHubActionsWithOutputInFile { environment["GITHUB_ACTIONS"] = "true" }

        // The transcript contains what the commands printed, and the command lines with KEY
        // left in place of the key.
        func run(_ arguments: [String], input: String? = nil, extra: [String: String] = [:]) async -> String {
            let result = await site.run(
                arguments.map { $0 == "KEY" ? key : $0 }, input: input, environment: environment.merging(extra) { $1 },
                standardOutputIsRegularFile: gitHubActionsWithOutputInFile)
            return "$ \(arguments.joined(separator: " "))\n\(result.output)\(result.errors)"
        }

        var transcript = await run(["vault", "init"])
        transcript += await run(["keys", "set", "openai"], input: key)
        let keyID = try site.vault().organization("acme").keyID
        let secretKey = try #require(site.store.fileURL(for: keyID)).path
        let vaultSecret = try String(contentsOfFile: secretKey, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        // A pending entry sealed by a writer without the secret key, which `keys approve` opens.
        transcript += await run(["keys", "set", "deepseek"], input: pendingKey, extra: ["XDG_CONFIG_HOME": "/nonexistent"])

        for arguments in Self.commands {
            transcript += await run(arguments, input: key)
        }
        // The same commands with the vault's secret key in the environment, as in CI.
        let current = try site.vault().organization("acme").keyID
        let ciSecret = try String(contentsOfFile: site.store.fileURL(for: current)!.path, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        for arguments in Self.commands {
            transcript += await run(arguments, input: key, extra: ["PARAGRAPH_SECRET_KEY": ciSecret])
        }

        let secrets = [key, pendingKey, vaultSecret, ciSecret]
        for secret in secrets {
            for form in encodedForms(of: secret) {
                #expect(!transcript.contains(form), "a command printed secret number \(secrets.firstIndex(of: secret)!)")
            }
        }
        #expect(!transcript.contains("::add-mask::"), "a mask line went into a regular file or a plain run")
        // The run did reach the code paths that matter.
        #expect(transcript.contains("Approved the deepseek key"))
        #expect(transcript.contains("Rotated the key pair of organization acme"))
        #expect(transcript.contains("keys set never takes the key as an argument"))

        for (path, contents) in try site.siteFiles() {
            let text = String(decoding: contents, as: UTF8.self)
            for secret in secrets {
                for form in encodedForms(of: secret) {
                    #expect(!text.contains(form), "\(path) holds a secret")
                }
            }
        }
    }

    @Test func gitHubActionsMasksOpenedKeysBeforeOtherOutput() async throws {
        let site = try VaultTestSite()
        let key = makeFakeKey()
        _ = await site.run(["vault", "init"])
        _ = await site.run(["keys", "set", "groq"], input: key, environment: ["XDG_CONFIG_HOME": "/nonexistent"])

        let result = await site.run(["keys", "approve", "groq"], environment: ["GITHUB_ACTIONS": "true"])
        #expect(result.code == 0)
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "::add-mask::\(key)")
        #expect(result.output.components(separatedBy: key).count == 2, "the key appears only in the mask line")
    }
}
