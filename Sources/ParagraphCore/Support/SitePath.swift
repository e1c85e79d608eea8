/// Lexical checks for paths that configuration and front matter name inside a site.
public enum SitePath {
    /// Normalise a relative path, removing `.` and resolving `..`, or nil when it is
    /// absolute or climbs above its starting folder. Returns `.` for the folder itself.
    ///
    /// - Note: This is a lexical check only; symbolic links are checked where files are opened.
    public static func normalise(_ path: String) -> String? {
        guard !path.hasPrefix("/"), !path.hasPrefix("~"), !path.contains("\0"), !path.contains("\\") else { return nil }
        var components: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return nil }
                components.removeLast()
            default: components.append(component)
            }
        }
        return components.isEmpty ? "." : components.joined(separator: "/")
    }
}
