import Foundation

/// Writes files so that readers see either the old content or the new, never a part.
public enum AtomicFile {
    /// Write `data` to a temporary file in the destination's folder, then rename it into place.
    ///
    /// The temporary name starts with `SiteScanner.temporaryFilePrefix`, so a file left
    /// behind by a crash is never taken for a page.
    public static func write(_ data: Data, to url: URL, permissions: Int = 0o644) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(
            SiteScanner.temporaryFilePrefix + UUID().uuidString.prefix(8) + "-" + url.lastPathComponent)
        guard FileManager.default.createFile(
            atPath: temporary.path, contents: data, attributes: [.posixPermissions: permissions]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        // The process umask may have narrowed the mode given at creation.
        chmod(temporary.path, mode_t(permissions))
        if rename(temporary.path, url.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
    }
}
