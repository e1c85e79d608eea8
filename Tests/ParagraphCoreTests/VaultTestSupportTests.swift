import Foundation
@testable import ParagraphCore

/// A site with a `byok.yaml`, a private configuration folder outside the site, and
/// commands run with captured output: what the vault and keys tests share.
final class VaultTestSite: Sendable {
    let site: TestSite
    /// `XDG_CONFIG_HOME` for the runs; never the real `~/.config`.
    let configurationFolder: URL

    init(organization: String? = "acme", files: [String: String] = [:]) throws {
        var all = files
        all["byok.yaml"] = organization.map { "organization: \($0)\n" } ?? "site: { title: Test }\n"
        site = try TestSite(all)
        configurationFolder = FileManager.default.temporaryDirectory
            .appendingPathComponent("paragraph-config-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: configurationFolder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: configurationFolder)
    }

    var root: URL { site.root }

    var environment: [String: String] {
        ["XDG_CONFIG_HOME": configurationFolder.path, "HOME": configurationFolder.appendingPathComponent("home").path]
    }

    var store: SecretKeyStore { SecretKeyStore(environment: environment) }

    /// Make a context that collects its output and reads `input` as the secret from standard input.
    func context(
        environment extra: [String: String] = [:], input: String? = nil, standardOutputIsRegularFile: Bool = false,
        output: OutputCollector = OutputCollector(), errors: OutputCollector = OutputCollector()
    ) -> RunContext {
        RunContext(
            environment: environment.merging(extra) { $1 }, currentDirectory: root, now: TestSite.now,
            output: { output.append($0) }, errorOutput: { errors.append($0) },
            standardOutputIsRegularFile: standardOutputIsRegularFile,
            readSecret: { _ in input.map { SecretBytes(copying: Array($0.utf8)) } })
    }

    /// Run the command line in this site and collect what it prints.
    func run(
        _ arguments: [String], input: String? = nil, environment extra: [String: String] = [:],
        standardOutputIsRegularFile: Bool = false
    ) async -> (code: Int32, output: String, errors: String) {
        let output = OutputCollector()
        let errors = OutputCollector()
        let context = context(
            environment: extra, input: input, standardOutputIsRegularFile: standardOutputIsRegularFile,
            output: output, errors: errors)
        let code = await ParagraphCommand.run(arguments, context: context)
        return (code, output.text, errors.text)
    }

    /// Load the site's vault as a command would.
    func vault(_ context: RunContext? = nil) throws -> Vault {
        let configuration = try ConfigurationLoader.load(siteRoot: root)
        return try Vault.load(siteRoot: root, configuration: configuration, context: context ?? self.context())
    }

    /// Read every regular file under the site, by path relative to it.
    func siteFiles() throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.path.dropFirst(root.path.count + 1))] = try Data(contentsOf: url)
        }
        return files
    }
}

/// Make up a provider key that no provider issued: `sk-test-` and 40 random hex digits.
func makeFakeKey() -> String {
    "sk-test-" + (0..<20).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
}

/// List the text forms a secret can take in output: raw, JSON-escaped and URL-encoded.
func encodedForms(of secret: String) -> [String] {
    var forms = [secret]
    forms.append(secret.replacingOccurrences(of: "/", with: "\\/"))
    forms.append(secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? secret)
    forms.append(secret.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? secret)
    forms.append(secret.unicodeScalars.map { String(format: "\\u%04x", $0.value) }.joined())
    return Array(Set(forms))
}

extension Vault {
    /// Return the entry of `provider` in `organization`, for tests that edit entries in memory.
    func entry(_ provider: Provider, of organization: String = "acme") -> KeyEntry {
        file.organizations[organization]!.entries[provider]!
    }

    mutating func replaceEntry(_ entry: KeyEntry, of organization: String = "acme") {
        file.organizations[organization]!.entries[entry.provider] = entry
    }
}
