import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A failure to place a file in the output folder.
enum OutputFolderError: Error, Sendable {
    /// The path climbs out of the output folder, or one of its folders is a symbolic link leading out.
    case outsideOutputFolder(path: String, resolved: String?)
    case writeFailed(path: String, reason: String)

    var message: String {
        switch self {
        case .outsideOutputFolder(let path, let resolved?):
            return "the output path \(path) would be written through a symbolic link to \(resolved), outside the output folder; remove the link"
        case .outsideOutputFolder(let path, nil):
            return "the output path \(path) leads outside the output folder"
        case .writeFailed(let path, let reason):
            return "cannot write \(path) in the output folder: \(reason)"
        }
    }
}

/// The folder a build writes into. Every write is atomic and confined to the folder:
/// a path that climbs out, or that passes through a symbolic link leading out, is rejected.
struct OutputFolder: Sendable {
    /// The folder as configured, inside the site.
    let url: URL
    /// The folder's real path, with symbolic links resolved, used for the confinement checks.
    let realPath: String

    /// Prepares the output folder, creating it when missing.
    ///
    /// - Throws: a message when the folder leads outside the site through a symbolic link,
    ///   or overlaps a folder the build reads from.
    init(relativePath: String, siteRoot: URL, readFolders: [String]) throws(Diagnostic) {
        guard let normalised = SitePath.normalise(relativePath), normalised != "." else {
            throw Diagnostic(
                path: ConfigurationLoader.fileName, location: nil,
                message: "output \"\(relativePath)\" must be a folder inside the site, such as `public`")
        }
        for folder in readFolders {
            let other = SitePath.normalise(folder) ?? folder
            if other == "." || normalised == other || normalised.hasPrefix(other + "/") || other.hasPrefix(normalised + "/") {
                throw Diagnostic(
                    path: ConfigurationLoader.fileName, location: nil,
                    message: "output \"\(normalised)\" overlaps the folder \"\(other)\" that the build reads; choose a separate folder such as `public`")
            }
        }

        let siteReal = Self.realPath(siteRoot.path) ?? siteRoot.path
        let url = siteRoot.appendingPathComponent(normalised)
        // Check before creating anything: a symbolic link on the way must not lead out of the site.
        let existing = Self.realPathOfNearestExisting(url.path)
        guard let existing, Self.isInside(existing, folder: siteReal) else {
            throw Diagnostic(
                path: ConfigurationLoader.fileName, location: nil,
                message: "output \"\(normalised)\" leads outside the site through a symbolic link to \(existing ?? "a missing file"); use a folder inside the site")
        }
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw Diagnostic(
                path: ConfigurationLoader.fileName, location: nil,
                message: "cannot create the output folder \(normalised): \(error.localizedDescription)")
        }
        let real = Self.realPath(url.path) ?? url.path
        guard Self.isInside(real, folder: siteReal), real != siteReal else {
            throw Diagnostic(
                path: ConfigurationLoader.fileName, location: nil,
                message: "output \"\(normalised)\" leads outside the site through a symbolic link to \(real); use a folder inside the site")
        }
        self.url = url
        self.realPath = real
    }

    /// Checks that writing at a path relative to the output folder stays inside the folder,
    /// and returns the file URL.
    func checkedURL(for relativePath: String) throws(OutputFolderError) -> URL {
        guard let normalised = SitePath.normalise(relativePath), normalised != "." else {
            throw .outsideOutputFolder(path: relativePath, resolved: nil)
        }
        // The parent folders decide where the file lands; the file itself, when it is a
        // symbolic link, is replaced by the rename rather than followed.
        let folder = normalised.split(separator: "/").dropLast().joined(separator: "/")
        let parent = Self.realPathOfNearestExisting(folder.isEmpty ? url.path : url.path + "/" + folder)
        guard let parent, Self.isInside(parent, folder: realPath) else {
            throw .outsideOutputFolder(path: normalised, resolved: parent)
        }
        return URL(fileURLWithPath: url.path + "/" + normalised)
    }

    /// Writes `data` atomically at a path relative to the output folder.
    ///
    /// A file that already contains exactly `data` is left untouched, so a repeated build
    /// rewrites only what changed.
    func write(_ data: Data, to relativePath: String) throws(OutputFolderError) {
        let target = try checkedURL(for: relativePath)
        if let existing = FileManager.default.contents(atPath: target.path), existing == data,
           !Self.isSymbolicLink(target.path) {
            return
        }
        do {
            try AtomicFile.write(data, to: target)
        } catch {
            throw .writeFailed(path: relativePath, reason: error.localizedDescription)
        }
    }

    /// Removes a file the tool wrote earlier, then the folders it leaves empty, up to the output root.
    ///
    /// Only regular files and symbolic links inside the folder are removed; a folder is never removed
    /// while it has content.
    ///
    /// - Returns: whether a file was removed.
    @discardableResult
    func removeFile(_ relativePath: String) -> Bool {
        guard let normalised = SitePath.normalise(relativePath), normalised != ".",
              let target = try? checkedURL(for: normalised) else { return false }
        var status = stat()
        guard lstat(target.path, &status) == 0 else { return false }
        let type = status.st_mode & S_IFMT
        guard type == S_IFREG || type == S_IFLNK, unlink(target.path) == 0 else { return false }

        var folder = target.deletingLastPathComponent()
        while folder.path.count > url.path.count, folder.path.hasPrefix(url.path + "/") {
            // rmdir fails on a folder that still has entries, which ends the walk.
            guard rmdir(folder.path) == 0 else { return true }
            folder = folder.deletingLastPathComponent()
        }
        return true
    }

    static func isInside(_ path: String, folder: String) -> Bool {
        path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    static func isSymbolicLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK
    }

    /// Resolves every symbolic link in `path`, returning nil when it does not exist or a link is broken.
    static func realPath(_ path: String) -> String? {
        guard let resolved = Glibc.realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Resolves the real path of `path`, or of its nearest ancestor that exists, and appends the
    /// missing components unchanged. Returns nil when an existing component is a broken link.
    ///
    /// - Parameter path: an absolute path without `.` or `..` components.
    static func realPathOfNearestExisting(_ path: String) -> String? {
        var existing = path
        var missing: [Substring] = []
        var retried = false
        while true {
            if let resolved = realPath(existing.isEmpty ? "/" : existing) {
                var result = resolved
                for component in missing.reversed() {
                    result += (result.hasSuffix("/") ? "" : "/") + component
                }
                return result
            }
            var status = stat()
            if lstat(existing, &status) == 0 {
                // A link that does not resolve is broken or loops. Any other entry was created
                // by another thread after `realpath` looked, so resolving it again succeeds.
                if (status.st_mode & S_IFMT) == S_IFLNK || retried { return nil }
                retried = true
                continue
            }
            guard let slash = existing.lastIndex(of: "/"), !existing.isEmpty else { return nil }
            missing.append(existing[existing.index(after: slash)...])
            existing = String(existing[..<slash])
            retried = false
        }
    }
}
