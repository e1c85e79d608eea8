import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that readers see either the old content or the new, never a part.
public enum AtomicFile {
    /// Write `data` to a temporary file in the destination's folder, then rename it into place.
    ///
    /// The temporary name starts with `SiteScanner.temporaryFilePrefix`, so a file left
    /// behind by a killed process is never taken for a page and the next run removes it.
    /// The file is written with POSIX calls rather than `FileManager.createFile`, which
    /// writes through a temporary file of its own with a name of its choosing.
    /// - Parameter group: the group id to give the new file, as the replaced file had; a failure to set it is ignored.
    public static func write(_ data: Data, to url: URL, permissions: Int = 0o644, group: UInt32? = nil) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(
            SiteScanner.temporaryFilePrefix + UUID().uuidString.prefix(8) + "-" + url.lastPathComponent)

        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(permissions))
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == 0, let group {
            _ = fchown(descriptor, uid_t.max, gid_t(group))
        }
        // The process umask may have narrowed the mode given to open.
        if failure == 0, fchmod(descriptor, mode_t(permissions)) != 0 { failure = errno }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)

        if failure == 0, rename(temporary.path, url.path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary.path)
            throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO)
        }
    }
}
