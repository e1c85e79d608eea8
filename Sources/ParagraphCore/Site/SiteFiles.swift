import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Lists the files a build copies from the site: static files, bundle resources and theme assets.
enum SiteFiles {
    struct Listing {
        /// Paths relative to the listed folder, sorted. A symbolic link to a file is listed,
        /// so the caller can check where it leads.
        var files: [String] = []
        /// Folders that are symbolic links, relative to the listed folder; they are not entered.
        var linkedFolders: [String] = []
    }

    /// Lists the files under `folder`, skipping hidden entries and the tool's temporary files.
    ///
    /// - Parameter recursive: whether to list subfolders too.
    /// - Parameter skipping: a test on each relative path; a matching file or folder is left out.
    static func listing(under folder: URL, recursive: Bool = true, skipping: (String, Bool) -> Bool = { _, _ in false }) -> Listing {
        var listing = Listing()
        var stack = [""]
        while let current = stack.popLast() {
            let url = current.isEmpty ? folder : folder.appendingPathComponent(current)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { continue }
            for name in names where !name.hasPrefix(".") && !name.hasPrefix(SiteScanner.temporaryFilePrefix) {
                let relative = current.isEmpty ? name : current + "/" + name
                var status = stat()
                guard lstat(url.appendingPathComponent(name).path, &status) == 0 else { continue }
                let type = status.st_mode & S_IFMT
                if type == S_IFDIR {
                    if recursive, !skipping(relative, true) { stack.append(relative) }
                } else if type == S_IFLNK, isDirectory(url.appendingPathComponent(name).path) {
                    if recursive, !skipping(relative, true) { listing.linkedFolders.append(relative) }
                } else if type == S_IFREG || type == S_IFLNK, !skipping(relative, false) {
                    listing.files.append(relative)
                }
            }
        }
        listing.files.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        listing.linkedFolders.sort()
        return listing
    }

    /// Lists the files under `folder`, recursively, as `listing(under:)` does.
    static func list(under folder: URL) -> [String] {
        listing(under: folder).files
    }

    private static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }
}
