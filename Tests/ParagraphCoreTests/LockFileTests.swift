import Foundation
import Testing
@testable import ParagraphCore

@Suite struct LockFileTests {
    static func entry(_ value: String, input: String = "abc") -> LockEntry {
        LockEntry(
            value: .text(value), producer: "groq/llama-3.1-8b-instant", fallbackFor: nil, promptVersion: "p1",
            inputHash: input, inputTokens: 812, outputTokens: 40, costUSD: 0.000051, generatedAt: "2026-12-04T20:00:00Z")
    }

    @Test func serializedLockParsesBack() throws {
        var lock = LockFile()
        lock.set(Self.entry("A summary: with colon"), page: "content/b.md", field: .description)
        lock.set(LockEntry(
            value: .list(["a, b", "yes"]), producer: "builtin", fallbackFor: "openai/gpt-5-mini", promptVersion: "p2",
            inputHash: "def", generatedAt: "2026-12-04T20:00:00Z"), page: "content/a b.md", field: .seoKeywords)
        let text = lock.serialized()
        let parsed = try LockFile.parse(Array(text.utf8), path: "byok.lock")
        #expect(parsed == lock)
        #expect(text.contains("\n\n  content/a b.md:\n"))
        #expect(text.range(of: "content/a b.md")!.lowerBound < text.range(of: "content/b.md")!.lowerBound)
    }

    @Test func mergeConflictMarkersAreReported() {
        #expect(throws: Diagnostic.self) {
            try LockFile.parse(Array("version: 1\npages:\n<<<<<<< HEAD\n".utf8), path: "byok.lock")
        }
    }

    @Test func unknownKeysAreReported() {
        #expect(throws: Diagnostic.self) {
            try LockFile.parse(Array("version: 1\npages:\n  a.md:\n    description:\n      value: x\n      oops: 1\n".utf8), path: "byok.lock")
        }
    }

    @Test func signedEntryVerifiesAndTamperingFails() {
        let secret = SecretKey.generate()
        let signer = LockSigner(organization: "acme", secretKey: secret)
        let signed = signer.sign(Self.entry("Summary"), page: "content/a.md", field: .description)
        #expect(signer.verify(signed, page: "content/a.md", field: .description))
        #expect(!signer.verify(signed, page: "content/b.md", field: .description))
        var tampered = signed
        tampered.value = .text("Summary with a link to a scam")
        #expect(!signer.verify(tampered, page: "content/a.md", field: .description))
        let otherOrganization = LockSigner(organization: "acme", secretKey: SecretKey.generate())
        #expect(!otherOrganization.verify(signed, page: "content/a.md", field: .description))
    }

    @Test func ownershipFollowsTheRecordedValue() throws {
        let node = try #require(try YAMLParser().parseDocument("description: Summary\nempty: \"\"\n"))
        #expect(FieldOwnership.of(node["description"], entry: Self.entry("Summary")) == .tool(Self.entry("Summary")))
        #expect(FieldOwnership.of(node["description"], entry: Self.entry("Other")) == .person)
        #expect(FieldOwnership.of(node["description"], entry: nil) == .person)
        #expect(FieldOwnership.of(node["empty"], entry: Self.entry("Summary")) == .missing)
        #expect(FieldOwnership.of(nil, entry: nil) == .missing)
    }

    @Test func changesToDifferentPagesMergeInGit() throws {
        let site = try TestSite([:])
        func git(_ arguments: String...) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid"] + arguments
            process.currentDirectoryURL = site.root
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        var base = LockFile()
        for name in ["a", "b", "c", "d"] {
            base.set(Self.entry("Summary of \(name)"), page: "content/\(name).md", field: .description)
        }
        try FileManager.default.createDirectory(at: site.root, withIntermediateDirectories: true)
        try base.write(siteRoot: site.root)
        #expect(try git("init", "-q", "-b", "main") == 0)
        #expect(try git("add", "byok.lock") == 0)
        #expect(try git("commit", "-q", "-m", "base") == 0)

        var left = base
        left.set(Self.entry("New summary of b", input: "b2"), page: "content/b.md", field: .description)
        left.set(Self.entry("Summary of aa"), page: "content/aa.md", field: .description)
        #expect(try git("checkout", "-q", "-b", "left") == 0)
        try left.write(siteRoot: site.root)
        #expect(try git("commit", "-q", "-am", "left") == 0)

        var right = base
        right.set(Self.entry("New summary of c", input: "c2"), page: "content/c.md", field: .description)
        right.set(Self.entry("Summary of e"), page: "content/e.md", field: .description)
        #expect(try git("checkout", "-q", "main") == 0)
        try right.write(siteRoot: site.root)
        #expect(try git("commit", "-q", "-am", "right") == 0)

        #expect(try git("merge", "-q", "--no-edit", "left") == 0)
        let merged = try LockFile.load(siteRoot: site.root)
        #expect(merged.entry(page: "content/b.md", field: .description)?.inputHash == "b2")
        #expect(merged.entry(page: "content/c.md", field: .description)?.inputHash == "c2")
        #expect(merged.entry(page: "content/aa.md", field: .description) != nil)
        #expect(merged.entry(page: "content/e.md", field: .description) != nil)
    }
}

@Suite struct LockEnrichmentTests {
    static let files: [String: String] = [
        "byok.yaml": "site: { title: Test }\n",
        "content/a.md": "---\ntitle: Alpha page\n---\nThe alpha page explains the first idea in plain words for readers.\n",
        "content/b.md": "---\ntitle: Beta page\n---\nThe beta page explains the second idea in plain words for readers.\n",
    ]

    @Test func secondRunReusesTheLock() async throws {
        let site = try TestSite(Self.files)
        let first = await site.run(["enrich"])
        #expect(first.code == 0)
        let lock = try #require(site.read("byok.lock"))
        #expect(lock.contains("content/a.md:"))
        let second = await site.run(["enrich"])
        #expect(second.output.contains("(builtin, from byok.lock)"))
        #expect(site.read("byok.lock") == lock)
    }

    @Test func changedBodyRefreshesToolValueButNotPersonValue() async throws {
        let site = try TestSite(Self.files)
        _ = await site.run(["enrich", "--write"])
        let written = try #require(site.read("content/a.md"))
        #expect(written.contains("description: The alpha page explains"))

        // A person edits b's description; the body of both pages changes.
        let b = try #require(site.read("content/b.md"))
        let personal = b.replacingOccurrences(of: #"description: [^\n]*"#, with: "description: Written by hand", options: .regularExpression)
        try site.write("content/b.md", personal.replacingOccurrences(of: "second idea", with: "second idea, revised"))
        try site.write("content/a.md", written.replacingOccurrences(of: "first idea", with: "first idea, revised"))

        let second = await site.run(["enrich", "--write"])
        #expect(second.code == 0)
        #expect(site.read("content/a.md")?.contains("description: The alpha page explains the first idea, revised") == true)
        #expect(site.read("content/b.md")?.contains("description: Written by hand") == true)
    }

    @Test func regenerateReplacesOnlyToolValues() async throws {
        let site = try TestSite(Self.files.merging([
            "content/c.md": "---\ntitle: Gamma\ndescription: Mine\n---\nGamma text that a person summarised already.\n",
        ]) { $1 })
        _ = await site.run(["enrich", "--write"])
        let result = await site.run(["enrich", "--write", "--regenerate", "description"])
        #expect(result.code == 0)
        #expect(result.output.contains("content/a.md\n  description (builtin): "))
        #expect(!result.output.contains("content/c.md"))
        #expect(site.read("content/c.md")?.contains("description: Mine") == true)
    }

    @Test func unknownRegenerateFieldIsUsageError() async throws {
        let site = try TestSite(Self.files)
        let result = await site.run(["enrich", "--regenerate", "summary"])
        #expect(result.code == 2)
    }
}

@Suite struct LockTrustTests {
    @Test func unsignedEntryCannotClaimPersonValueWithoutSecret() async throws {
        let site = try VaultTestSite(files: [
            "content/a.md": "---\ntitle: Alpha\ndescription: A carefully written human description.\n---\nBody text of the alpha page.\n",
        ])
        #expect(await site.run(["vault", "init"]).code == 0)
        var forged = LockFile()
        forged.set(LockEntry(
            value: .text("A carefully written human description."), producer: "builtin", promptVersion: "x",
            inputHash: "00000000000000000000000000000000", generatedAt: "2026-01-01T00:00:00Z"),
            page: "content/a.md", field: .description)
        try forged.write(siteRoot: site.root)

        let elsewhere = site.configurationFolder.appendingPathComponent("no-secret").path
        let result = await site.run(["enrich", "--write"], environment: ["XDG_CONFIG_HOME": elsewhere])
        #expect(result.code == 0, "\(result.errors)")
        #expect(site.site.read("content/a.md")?.contains("description: A carefully written human description.") == true)

        // With the secret, the forged entry's MAC fails, so the value is a person's too.
        let withSecret = await site.run(["enrich", "--write"])
        #expect(withSecret.code == 0, "\(withSecret.errors)")
        #expect(site.site.read("content/a.md")?.contains("description: A carefully written human description.") == true)
    }
}
