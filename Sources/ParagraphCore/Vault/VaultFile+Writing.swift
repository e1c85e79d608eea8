import Foundation

extension VaultFile {
    private static let header = """
        # Provider keys for Paragraph, each sealed with libsodium to its organization's public key.
        # Safe to commit: opening a key needs the organization's secret key, and a key is used
        # only with an approval made with that secret. Change it with `paragraph keys` and
        # `paragraph vault`; a hand edit makes the affected entries unusable.

        """

    /// Serialise the file, with organizations and providers sorted by name and every field on its own line.
    public func serialized() -> String {
        var lines = [Self.header + "version: \(Self.version)"]
        guard !organizations.isEmpty else { return (lines + ["organizations: {}", ""]).joined(separator: "\n") }
        lines.append("organizations:")
        for name in organizations.keys.sorted() {
            let organization = organizations[name]!
            lines.append("  \(name):")
            lines.append("    key_id: \(Self.quoted(organization.keyID.text))")
            lines.append("    public_key: \(Self.quoted(organization.publicKey.base64))")
            let entries = organization.entries.values.sorted { $0.provider.rawValue < $1.provider.rawValue }
            guard !entries.isEmpty else {
                lines.append("    providers: {}")
                continue
            }
            lines.append("    providers:")
            for entry in entries {
                lines.append("      \(entry.provider.rawValue):")
                lines.append("        origin: \(Self.quoted(entry.origin.description))")
                lines.append("        mask: \(Self.quoted(entry.mask))")
                lines.append("        set: \(Self.quoted(VaultDate.format(entry.setAt)))")
                lines.append("        sealed: \(Self.quoted(Data(entry.sealed).base64EncodedString()))")
                lines.append("        approval: \(entry.approval.map { Self.quoted(Data($0).base64EncodedString()) } ?? "pending")")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Quote `text` as a YAML double-quoted scalar. Every value written here is printable ASCII or `…`.
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
