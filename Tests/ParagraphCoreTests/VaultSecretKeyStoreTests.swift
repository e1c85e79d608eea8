import Foundation
import Testing
@testable import ParagraphCore

/// Finding an organization's secret key in the environment or the configuration folder.
@Suite struct VaultSecretKeyStoreTests {
    /// Make a site whose acme key pair exists, and return it with the secret key and its file.
    func makeSite() throws -> (VaultTestSite, SecretKey, URL) {
        let site = try VaultTestSite()
        var vault = try site.vault()
        let created = try vault.initialize(organization: "acme")
        return (site, created.secretKey, created.file)
    }

    func permissions(_ url: URL) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
    }

    @Test func initWritesPrivateFileNamedByKeyID() throws {
        let (site, secretKey, file) = try makeSite()
        #expect(file.lastPathComponent == secretKey.keyID.text)
        #expect(file.deletingLastPathComponent().path == site.configurationFolder.appendingPathComponent("paragraph/keys").path)
        #expect(try permissions(file) == 0o600)
        #expect(try permissions(file.deletingLastPathComponent()) == 0o700)
        let loaded = try site.store.secretKey(organization: "acme", publicKey: secretKey.publicKey)
        #expect(loaded.bytes.isEqual(to: secretKey.bytes))
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o400, 0o700])
    func secretKeyFileWithLooseModeRejected(_ mode: Int) throws {
        let (site, secretKey, file) = try makeSite()
        chmod(file.path, mode_t(mode))

        do {
            _ = try site.store.secretKey(organization: "acme", publicKey: secretKey.publicKey)
            Issue.record("a file of mode \(String(mode, radix: 8)) was read")
        } catch {
            guard case .secretKeyFileUnsafe(let path, _, let fix) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(path == file.path)
            #expect(fix == "run `chmod 600 \(file.path)`")
            #expect(error.description.contains("its mode is 0\(String(mode, radix: 8))"))
        }
    }

    @Test func secretKeyFileSymbolicLinkRejected() throws {
        let (site, secretKey, file) = try makeSite()
        let target = site.configurationFolder.appendingPathComponent("elsewhere")
        try FileManager.default.moveItem(at: file, to: target)
        try FileManager.default.createSymbolicLink(at: file, withDestinationURL: target)

        #expect {
            try site.store.secretKey(organization: "acme", publicKey: secretKey.publicKey)
        } throws: { error in
            guard case VaultError.secretKeyFileUnsafe(_, let reason, _) = error else { return false }
            return reason == "it is a symbolic link"
        }
    }

    @Test func secretKeyFolderInPlaceOfFileRejected() throws {
        let (site, secretKey, file) = try makeSite()
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)

        #expect {
            try site.store.secretKey(organization: "acme", publicKey: secretKey.publicKey)
        } throws: { error in
            guard case VaultError.secretKeyFileUnsafe(_, let reason, _) = error else { return false }
            return reason == "it is not a regular file"
        }
    }

    @Test(.enabled(if: geteuid() == 0, "only root can give a file to another user"))
    func secretKeyFileOfOtherUserRejected() throws {
        let (site, secretKey, file) = try makeSite()
        chown(file.path, 65534, 65534)

        #expect {
            try site.store.secretKey(organization: "acme", publicKey: secretKey.publicKey)
        } throws: { error in
            guard case VaultError.secretKeyFileUnsafe(_, let reason, _) = error else { return false }
            return reason.hasPrefix("it is owned by user id 65534")
        }
    }

    @Test func environmentSecretKeyWinsOverFile() throws {
        let (site, secretKey, file) = try makeSite()
        try FileManager.default.removeItem(at: file)
        let text = secretKey.base64Text().withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        let store = SecretKeyStore(environment: site.environment.merging(["PARAGRAPH_SECRET_KEY": text + "\n"]) { $1 })

        let loaded = try store.secretKey(organization: "acme", publicKey: secretKey.publicKey)
        #expect(loaded.keyID == secretKey.keyID)
    }

    @Test func environmentSecretKeyNotBase64Rejected() throws {
        let (site, secretKey, _) = try makeSite()
        let store = SecretKeyStore(environment: site.environment.merging(["PARAGRAPH_SECRET_KEY": "not a key"]) { $1 })
        #expect(throws: VaultError.secretKeyInvalid(source: "PARAGRAPH_SECRET_KEY")) {
            try store.secretKey(organization: "acme", publicKey: secretKey.publicKey)
        }
    }

    @Test func configurationFolderFollowsXDGThenHome() {
        let xdg = SecretKeyStore(environment: ["XDG_CONFIG_HOME": "/x/config", "HOME": "/home/u"])
        #expect(xdg.folder?.path == "/x/config/paragraph/keys")
        let home = SecretKeyStore(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/home/u"])
        #expect(home.folder?.path == "/home/u/.config/paragraph/keys")
        #expect(SecretKeyStore(environment: [:]).folder == nil)
    }

    @Test func keyIDFromFileRecomputedBeforeNamingFile() throws {
        let (site, secretKey, _) = try makeSite()
        let text = try #require(site.site.read("byok.keys"))

        // A key id that names another file is rejected for its form.
        try site.site.write("byok.keys", text.replacingOccurrences(of: secretKey.keyID.text, with: "../../../etc/pass"))
        #expect {
            try site.vault()
        } throws: { error in
            guard case VaultError.invalidFile(let diagnostics) = error else { return false }
            return diagnostics.first?.description.hasPrefix("byok.keys:8:13: key_id must be 16 lowercase hexadecimal digits") == true
        }

        // A well-formed key id that does not belong to the public key is rejected too.
        try site.site.write("byok.keys", text.replacingOccurrences(of: secretKey.keyID.text, with: "0123456789abcdef"))
        #expect {
            try site.vault()
        } throws: { error in
            guard case VaultError.invalidFile(let diagnostics) = error else { return false }
            return diagnostics.first?.message.hasPrefix("key_id 0123456789abcdef does not match public_key") == true
        }
    }

    @Test func childProcessEnvironmentOmitsSecretKey() throws {
        let site = try VaultTestSite()
        let context = site.context(environment: ["PARAGRAPH_SECRET_KEY": "c2VjcmV0LXNlY3JldC1zZWNyZXQ=", "PATH": "/bin"])
        #expect(context.childProcessEnvironment["PARAGRAPH_SECRET_KEY"] == nil)
        #expect(context.childProcessEnvironment["PATH"] == "/bin")
    }
}
