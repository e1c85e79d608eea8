import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// An advisory lock that lets one run at a time write a site's pages.
///
/// A second `enrich --write` would otherwise remove the first run's temporary files
/// as stale and race it for the same pages. The lock is `flock` on
/// `.paragraph/write.lock`, released when the value is released or the process ends.
public final class SiteWriteLock: @unchecked Sendable {
    public static let relativePath = ".paragraph/write.lock"
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Take the lock, or return nil when another process holds it.
    public static func acquire(siteRoot: URL) throws -> SiteWriteLock? {
        let url = siteRoot.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return SiteWriteLock(descriptor: descriptor)
    }
}
