import Foundation

/// The list of files the last build wrote, kept in the output folder so the next build
/// can remove the ones it no longer produces without touching files it never wrote.
///
/// The file contains one path per line, relative to the output folder, after a header line.
/// It is rewritten twice per build: before any output is written, with the old and new
/// paths together, so a build that is interrupted leaves no written file unlisted; and at
/// the end with the new paths only, after the stale files are gone.
struct OutputManifest: Sendable {
    static let fileName = ".paragraph-manifest"
    static let header = "# Files written by `paragraph build`; the next build removes those it no longer writes."

    var paths: Set<String>

    /// Reads the manifest in `folder`, or returns an empty one when there is none.
    ///
    /// Lines that are not normalised relative paths are ignored, so an edited manifest
    /// cannot name a file outside the folder.
    static func read(in folder: OutputFolder) -> OutputManifest {
        let url = folder.url.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return OutputManifest(paths: []) }
        var paths = Set<String>()
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let path = String(line)
            guard !path.hasPrefix("#"), let normalised = SitePath.normalise(path), normalised == path,
                  normalised != ".", normalised != fileName else { continue }
            paths.insert(path)
        }
        return OutputManifest(paths: paths)
    }

    func write(in folder: OutputFolder) throws(OutputFolderError) {
        let lines = [Self.header] + paths.sorted()
        try folder.write(Data((lines.joined(separator: "\n") + "\n").utf8), to: Self.fileName)
    }
}
