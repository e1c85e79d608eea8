import Foundation

/// Replaces page files with their edited text, atomically and keeping their permissions.
public struct PageWriter: Sendable {
    public var siteRoot: URL

    public init(siteRoot: URL) {
        self.siteRoot = siteRoot
    }

    /// Write `bytes` over the file at `url`.
    ///
    /// A symbolic link is followed and its target replaced, so the link stays a link.
    /// The target must lie inside the site and be writable by this user. When `expected`
    /// is given, the file must still hold exactly those bytes, so an edit made while the
    /// run was busy is not overwritten.
    ///
    /// - Note: The file is compared just before the rename; an edit saved in that moment is still lost.
    public func replace(_ url: URL, with bytes: [UInt8], expecting expected: [UInt8]? = nil) throws(Diagnostic) {
        let displayPath = relativePath(of: url)
        let target = url.resolvingSymlinksInPath()
        let root = siteRoot.resolvingSymlinksInPath().path
        guard target.path.hasPrefix(root + "/") else {
            throw Diagnostic(
                path: displayPath, location: nil,
                message: "this page links to \(target.path), outside the site, so it is not written")
        }
        if FileManager.default.fileExists(atPath: target.path), access(target.path, W_OK) != 0 {
            throw Diagnostic(
                path: displayPath, location: nil,
                message: "the file is read-only, so it is not written; make it writable or leave the page out of the run")
        }
        if let expected, FileManager.default.contents(atPath: target.path).map(Array.init) != expected {
            throw Diagnostic(
                path: displayPath, location: nil,
                message: "the file changed while this run was working on it, so it is not written; run the command again")
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: target.path)
        let permissions = (attributes?[.posixPermissions] as? NSNumber)?.intValue ?? 0o644
        let group = (attributes?[.groupOwnerAccountID] as? NSNumber)?.uint32Value
        do {
            try AtomicFile.write(Data(bytes), to: target, permissions: permissions, group: group)
        } catch {
            throw Diagnostic(path: displayPath, location: nil, message: "cannot write the file: \(error.localizedDescription)")
        }
    }

    /// Remove temporary files that an interrupted earlier run left under `folder`.
    @discardableResult
    public func removeStaleTemporaryFiles(under folder: URL) -> Int {
        var removed = 0
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return 0 }
        for case let url as URL in enumerator where url.lastPathComponent.hasPrefix(SiteScanner.temporaryFilePrefix) {
            if (try? FileManager.default.removeItem(at: url)) != nil { removed += 1 }
        }
        return removed
    }

    private func relativePath(of url: URL) -> String {
        let path = url.standardizedFileURL.path
        let root = siteRoot.standardizedFileURL.path + "/"
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }
}
