import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Finds and stores organizations' secret keys.
///
/// A secret key comes from `PARAGRAPH_SECRET_KEY` (base64) when it contains the right one,
/// else from the file `paragraph/keys/<key id>` in `$XDG_CONFIG_HOME` or `~/.config`. The
/// file must be a regular file of mode 0600 owned by the user, as ssh requires of its keys.
public struct SecretKeyStore: Sendable {
    public static let environmentVariable = "PARAGRAPH_SECRET_KEY"

    /// The largest key file read; a base64 secret key with a line break has 45 bytes.
    private static let maximumFileSize = 1024

    let environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// `$XDG_CONFIG_HOME/paragraph/keys`, else `$HOME/.config/paragraph/keys`; nil when
    /// neither variable is an absolute path, as the XDG base directory rules require.
    public var folder: URL? {
        if let configuration = environment["XDG_CONFIG_HOME"], configuration.hasPrefix("/") {
            return URL(fileURLWithPath: configuration, isDirectory: true).appendingPathComponent("paragraph/keys", isDirectory: true)
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".config/paragraph/keys", isDirectory: true)
        }
        return nil
    }

    /// The file that contains the secret key of `keyID`.
    public func fileURL(for keyID: KeyID) -> URL? {
        folder?.appendingPathComponent(keyID.text, isDirectory: false)
    }

    /// Look up the secret key whose public key is `publicKey`.
    ///
    /// The file name comes from the key id recomputed from `publicKey`, never from text
    /// in `byok.keys`. Errors name the organization and the key id.
    public func secretKey(organization: String, publicKey: PublicKey) throws(VaultError) -> SecretKey {
        let keyID = publicKey.keyID
        var mismatch: VaultError?
        if let text = environment[Self.environmentVariable], !text.isEmpty {
            // NOTE: the environment's String copy of the secret cannot be zeroed, only this array.
            var bytes = Array(text.utf8)
            defer { bytes.zeroize() }
            let key = bytes.withUnsafeBytes { SecretKey.decode(base64: $0) }
            guard let key else { throw .secretKeyInvalid(source: Self.environmentVariable) }
            if key.publicKey == publicKey { return key }
            mismatch = .secretKeyMismatch(
                organization: organization, keyID: keyID, source: Self.environmentVariable, foundKeyID: key.keyID)
        }

        guard let url = fileURL(for: keyID) else { throw mismatch ?? .noConfigurationFolder }
        guard let text = try readKeyFile(url) else {
            throw mismatch ?? .secretKeyMissing(
                organization: organization, keyID: keyID, searched: [Self.environmentVariable, url.path])
        }
        let key = text.withUnsafeBytes { SecretKey.decode(base64: $0) }
        guard let key else { throw .secretKeyInvalid(source: url.path) }
        guard key.publicKey == publicKey else {
            throw .secretKeyMismatch(organization: organization, keyID: keyID, source: url.path, foundKeyID: key.keyID)
        }
        return key
    }

    /// Read a key file after checking that only its owner, the current user, can read it;
    /// nil when there is no file.
    private func readKeyFile(_ url: URL) throws(VaultError) -> SecretBytes? {
        let path = url.path
        var status = stat()
        guard lstat(path, &status) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return nil }
            throw .cannotRead(path: path, reason: String(cString: strerror(code)))
        }
        try checkSafe(status, path: path)

        // Open without following links and without blocking on a FIFO, then check the
        // opened file again, so a file swapped in after `lstat` is caught too.
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .cannotRead(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        guard fstat(descriptor, &status) == 0 else {
            throw .cannotRead(path: path, reason: String(cString: strerror(errno)))
        }
        try checkSafe(status, path: path)
        guard Int(status.st_size) <= Self.maximumFileSize else { throw .secretKeyInvalid(source: path) }

        let buffer = SecretBytes(count: Self.maximumFileSize)
        var total = 0
        while total < Self.maximumFileSize {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + total, $0.count - total) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw .cannotRead(path: path, reason: String(cString: strerror(errno))) }
            if count == 0 { break }
            total += count
        }
        return buffer.copy(0..<total)
    }

    private func checkSafe(_ status: stat, path: String) throws(VaultError) {
        let type = status.st_mode & S_IFMT
        if type == S_IFLNK {
            throw .secretKeyFileUnsafe(
                path: path, reason: "it is a symbolic link",
                fix: "replace the link with the file: `cp --remove-destination \"$(readlink -f \(path))\" \(path) && chmod 600 \(path)`")
        }
        guard type == S_IFREG else {
            throw .secretKeyFileUnsafe(
                path: path, reason: "it is not a regular file", fix: "replace it with the key file, then run `chmod 600 \(path)`")
        }
        guard status.st_uid == geteuid() else {
            throw .secretKeyFileUnsafe(
                path: path, reason: "it is owned by user id \(status.st_uid), not by you (user id \(geteuid()))",
                fix: "run `sudo chown $(id -u) \(path)`")
        }
        let mode = status.st_mode & 0o7777
        guard mode == 0o600 else {
            let consequence = mode & 0o077 != 0 ? "so other users can read or change it" : "and it must be exactly 0600"
            throw .secretKeyFileUnsafe(
                path: path, reason: "its mode is \(String(format: "%04o", mode)), \(consequence)", fix: "run `chmod 600 \(path)`")
        }
    }

    /// Write `key` to a new file named after its key id, with mode 0600, in a folder of
    /// mode 0700; an existing file is never overwritten.
    @discardableResult
    func save(_ key: SecretKey) throws(VaultError) -> URL {
        guard let folder, let url = fileURL(for: key.keyID) else { throw .noConfigurationFolder }
        try createPrivateFolder(folder)

        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw .secretKeyFileExists(path: url.path) }
            throw .cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
        }
        var succeeded = false
        defer {
            close(descriptor)
            if !succeeded { unlink(url.path) }
        }
        // The umask may have cleared bits of 0600; the file must be exactly 0600.
        guard fchmod(descriptor, 0o600) == 0 else {
            throw .cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
        }
        let text = key.base64Text()
        let line = SecretBytes(count: text.count + 1)
        line.withUnsafeMutableBytes { output in
            text.withUnsafeBytes { output.copyMemory(from: $0) }
            output[text.count] = UInt8(ascii: "\n")
        }
        var written = 0
        while written < line.count {
            let count = line.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw .cannotWrite(path: url.path, reason: String(cString: strerror(errno))) }
            written += count
        }
        guard fsync(descriptor) == 0 else {
            throw .cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
        }
        succeeded = true
        return url
    }

    /// Remove the file of `keyID`, if there is one.
    func removeFile(for keyID: KeyID) throws(VaultError) {
        guard let url = fileURL(for: keyID) else { return }
        if unlink(url.path) != 0 && errno != ENOENT {
            throw .cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
        }
    }

    /// Create `folder` and its missing parents with mode 0700.
    private func createPrivateFolder(_ folder: URL) throws(VaultError) {
        var missing: [String] = []
        var current = folder.path
        while !current.isEmpty && current != "/" && !FileManager.default.fileExists(atPath: current) {
            missing.append(current)
            current = (current as NSString).deletingLastPathComponent
        }
        for path in missing.reversed() where mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
