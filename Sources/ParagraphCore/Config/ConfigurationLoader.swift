import Foundation

/// Every problem found in a `byok.yaml`, reported together so one run shows them all.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// Reads and validates `byok.yaml`.
///
/// Unknown keys and values of the wrong type or range are errors with their
/// line and column. Settings that later features act on are read and
/// validated here already, so a site's file is checked in full from the start.
public struct ConfigurationLoader {
    public static let fileName = "byok.yaml"

    /// Load `byok.yaml` from the site folder.
    public static func load(siteRoot: URL) throws(ConfigurationError) -> SiteConfiguration {
        let url = siteRoot.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            let message = FileManager.default.fileExists(atPath: url.path)
                ? "cannot read the file; check its permissions"
                : "no \(fileName) in \(siteRoot.path); run `paragraph init` to create a site, or pass --site DIR"
            throw ConfigurationError(diagnostics: [Diagnostic(path: fileName, location: nil, message: message)])
        }
        return try parse(Array(data), path: fileName)
    }

    /// Parse the text of a `byok.yaml`; `path` names it in messages.
    public static func parse(_ bytes: [UInt8], path: String) throws(ConfigurationError) -> SiteConfiguration {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        guard let text = String(validating: bytes[start...], as: UTF8.self) else {
            throw ConfigurationError(diagnostics: [
                Diagnostic(path: path, location: nil, message: "the file is not valid UTF-8; save it as UTF-8")
            ])
        }
        let root: YAMLNode?
        do {
            root = try YAMLParser().parseDocument(text)
        } catch {
            throw ConfigurationError(diagnostics: [error.diagnostic(path: path)])
        }
        var reader = ConfigurationReader(path: path)
        let configuration = reader.read(root)
        if !reader.diagnostics.isEmpty {
            throw ConfigurationError(diagnostics: reader.diagnostics)
        }
        return configuration
    }
}
