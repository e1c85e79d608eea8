import Foundation

/// Finds the files a page brings along, its bundle files and its hero image, and
/// rejects any that leads outside the site by `..`, an absolute path or a symbolic link.
struct ResourceLocator: Sendable {
    let siteRoot: URL
    let siteRealPath: String
    let contentFolder: String
    let staticFolder: String

    init(site: LoadedSite) {
        siteRoot = site.root.standardizedFileURL
        siteRealPath = OutputFolder.realPath(siteRoot.path) ?? siteRoot.path
        contentFolder = site.configuration.contentFolder
        staticFolder = site.configuration.staticFolder
    }

    /// The location a hero image is served from, and the copy that puts it there when it is not a static file.
    struct HeroLocation {
        var location: String
        var isRemote: Bool
        var copy: ResourceCopy?
    }

    /// Resolves `hero.image`: a path relative to the page's folder, else to the static folder,
    /// or an `http` or `https` URL, which is used as it is.
    func heroImage(_ image: String, node: YAMLNode?, of page: Page, route: OutputRoute) throws(Diagnostic) -> HeroLocation {
        func failure(_ message: String) -> Diagnostic {
            Diagnostic(path: page.path, location: node?.location, message: message)
        }
        let lowered = image.lowercased()
        if lowered.hasPrefix("https://") || lowered.hasPrefix("http://") {
            return HeroLocation(location: image, isRemote: true, copy: nil)
        }
        if image.hasPrefix("/") || image.hasPrefix("~") {
            throw failure("hero.image \"\(image)\" is an absolute path; write it relative to the page's folder or to \(staticFolder)/, such as images/hero.png")
        }
        if image.contains("://") || image.contains("\\") || image.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            throw failure("hero.image \"\(image)\" is not a file path; write a path such as images/hero.png, or an https URL")
        }

        let pageFolder = [contentFolder, page.folder].filter { !$0.isEmpty && $0 != "." }.joined(separator: "/")
        guard let inContent = SitePath.normalise(pageFolder.isEmpty ? image : pageFolder + "/" + image) else {
            throw failure("hero.image \"\(image)\" leads outside the site; keep the image inside the page's folder or \(staticFolder)/")
        }
        if let source = try checkedFile(inContent, failure: failure) {
            let fileName = URL(fileURLWithPath: inContent).lastPathComponent
            // An image inside the page's folder keeps its relative path beside the page.
            let relative = SitePath.normalise(image).flatMap { $0.hasPrefix("..") ? nil : $0 } ?? fileName
            let destination = route.folder.isEmpty ? relative : route.folder + "/" + relative
            return HeroLocation(location: "/" + destination, isRemote: false, copy: ResourceCopy(source: source, destination: destination))
        }

        if let inStatic = SitePath.normalise(image), inStatic != ".",
           try checkedFile(staticFolder + "/" + inStatic, failure: failure) != nil {
            return HeroLocation(location: "/" + inStatic, isRemote: false, copy: nil)
        }
        throw failure("hero.image \"\(image)\" was not found in \(pageFolder.isEmpty ? "." : pageFolder)/ or \(staticFolder)/; check the path")
    }

    /// Lists the files to copy beside a bundle (all files under its folder) or a list page
    /// (the files directly in its folder), leaving out page files.
    func bundleResources(of page: Page, route: OutputRoute) throws(Diagnostic) -> [ResourceCopy] {
        guard page.kind != .regular else { return [] }
        let folder = [contentFolder, page.folder].filter { !$0.isEmpty && $0 != "." }.joined(separator: "/")
        let folderURL = folder.isEmpty ? siteRoot : siteRoot.appendingPathComponent(folder)
        let listing = SiteFiles.listing(under: folderURL, recursive: page.kind == .bundle) { _, _ in false }

        var copies: [ResourceCopy] = []
        for relative in listing.files where !Self.isPageFile(relative) {
            let sitePath = folder.isEmpty ? relative : folder + "/" + relative
            let failure = { (message: String) in Diagnostic(path: page.path, location: nil, message: message) }
            guard let source = try checkedFile(sitePath, failure: failure) else { continue }
            copies.append(ResourceCopy(source: source, destination: route.folder.isEmpty ? relative : route.folder + "/" + relative))
        }
        return copies
    }

    /// Returns the real location of a file at a site-relative path, or nil when there is no file there.
    ///
    /// - Throws: when the path, after following symbolic links, leads outside the site.
    private func checkedFile(_ sitePath: String, failure: (String) -> Diagnostic) throws(Diagnostic) -> URL? {
        let url = siteRoot.appendingPathComponent(sitePath)
        var status = stat()
        guard lstat(url.path, &status) == 0 else { return nil }
        guard let real = OutputFolder.realPath(url.path) else {
            throw failure("\(sitePath) is a broken symbolic link; remove it or point it at a file inside the site")
        }
        guard OutputFolder.isInside(real, folder: siteRealPath) else {
            throw failure("\(sitePath) is a symbolic link to \(real), outside the site; copy the file into the site instead")
        }
        var target = stat()
        guard stat(real, &target) == 0, (target.st_mode & S_IFMT) == S_IFREG else { return nil }
        return URL(fileURLWithPath: real)
    }

    static func isPageFile(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown")
    }
}
