import Foundation

extension VaultFile {
    /// Parse and check the text of `byok.keys`; `path` names the file in messages.
    ///
    /// Every field is checked for its form (base64 lengths, key id, origin in normal form,
    /// date) and the key id is recomputed from the public key. All problems are reported
    /// together, each with its line and column.
    public static func parse(_ bytes: [UInt8], path: String) throws(VaultError) -> VaultFile {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        guard let text = String(validating: bytes[start...], as: UTF8.self) else {
            throw .invalidFile([Diagnostic(path: path, location: nil, message: "the file is not valid UTF-8; restore it from git")])
        }
        let root: YAMLNode?
        do {
            root = try YAMLParser().parseDocument(text)
        } catch {
            throw .invalidFile([error.diagnostic(path: path)])
        }
        var reader = VaultFileReader(path: path)
        let file = reader.read(root)
        guard reader.diagnostics.isEmpty else { throw .invalidFile(reader.diagnostics) }
        return file
    }
}

/// Walks the YAML tree of a `byok.keys`, building a `VaultFile` and collecting diagnostics.
private struct VaultFileReader {
    let path: String
    var diagnostics: [Diagnostic] = []

    private static let restoreHint = "restore the file from git, or set the key again"

    mutating func read(_ root: YAMLNode?) -> VaultFile {
        var file = VaultFile()
        guard let root, !root.isEmptyValue else {
            error(at: nil, "the file is empty; restore it from git, or delete it and run `paragraph vault init`")
            return file
        }
        guard let fields = fields(of: root, named: "the file", required: ["version", "organizations"]) else { return file }

        if let version = fields["version"] {
            if version.scalar?.value != .integer || version.string != String(VaultFile.version) {
                error(at: version, "version \(version.string ?? "?") is not supported; this Paragraph reads version \(VaultFile.version), so upgrade Paragraph")
                return file
            }
        }
        guard let organizations = fields["organizations"] else { return file }
        guard let pairs = organizations.mapping else {
            error(at: organizations, "organizations must be a mapping from organization name to its keys")
            return file
        }
        for pair in pairs {
            guard let name = pair.key.string, OrganizationName.isValid(name) else {
                error(at: pair.key, "\"\(pair.key.string ?? "?")\" is not a valid organization name; use letters, digits, '-', '_' or '.'")
                continue
            }
            if let organization = readOrganization(name, pair.value, at: pair.key.location) {
                file.organizations[name] = organization
            }
        }
        return file
    }

    private mutating func readOrganization(_ name: String, _ node: YAMLNode, at location: SourceLocation) -> OrganizationKeys? {
        guard let fields = fields(of: node, named: "organization \(name)", required: ["key_id", "public_key", "providers"]),
              let keyIDNode = fields["key_id"], let publicKeyNode = fields["public_key"],
              let providersNode = fields["providers"] else { return nil }

        guard let publicKeyBytes = base64(publicKeyNode, count: Sodium.publicKeyByteCount, named: "public_key"),
              let publicKey = PublicKey(bytes: publicKeyBytes) else { return nil }
        guard let keyIDText = keyIDNode.string, let keyID = KeyID(validating: keyIDText) else {
            error(at: keyIDNode, "key_id must be 16 lowercase hexadecimal digits; \(Self.restoreHint)")
            return nil
        }
        guard keyID == publicKey.keyID else {
            error(at: keyIDNode, "key_id \(keyID) does not match public_key, whose key id is \(publicKey.keyID); the file was edited or damaged, so restore it from git")
            return nil
        }

        var organization = OrganizationKeys(name: name, publicKey: publicKey)
        organization.location = location
        guard let providerPairs = providersNode.mapping else {
            error(at: providersNode, "providers must be a mapping from provider name to its sealed key")
            return nil
        }
        for pair in providerPairs {
            guard let providerName = pair.key.string, let provider = Provider(rawValue: providerName) else {
                let known = Provider.allCases.map(\.rawValue).joined(separator: ", ")
                error(at: pair.key, "unknown provider \"\(pair.key.string ?? "?")\"; the providers are \(known)")
                continue
            }
            if let entry = readEntry(provider, pair.value, organization: name, at: pair.key.location) {
                organization.entries[provider] = entry
            }
        }
        return organization
    }

    private mutating func readEntry(
        _ provider: Provider, _ node: YAMLNode, organization: String, at location: SourceLocation
    ) -> KeyEntry? {
        let required = ["origin", "mask", "set", "sealed", "approval"]
        guard let fields = fields(of: node, named: "the \(provider.rawValue) entry of \(organization)", required: required),
              let originNode = fields["origin"], let maskNode = fields["mask"], let setNode = fields["set"],
              let sealedNode = fields["sealed"], let approvalNode = fields["approval"] else { return nil }

        var origin: Origin?
        if let text = originNode.string {
            do {
                let parsed = try Origin.parse(text)
                if parsed.description == text {
                    origin = parsed
                } else {
                    error(at: originNode, "origin \"\(text)\" is not in normal form (\(parsed)); \(Self.restoreHint)")
                }
            } catch {
                self.error(at: originNode, "origin: \(error.description)")
            }
        } else {
            error(at: originNode, "origin must be a URL such as \"https://api.openai.com\"")
        }

        var mask: String?
        if let text = maskNode.string, (1...16).contains(text.count), text.contains("…"),
           !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            mask = text
        } else {
            error(at: maskNode, "mask must be a short text such as \"sk-…9f2c\"; \(Self.restoreHint)")
        }

        var setAt: Date?
        if let text = setNode.string, let date = DateParser.parse(text) {
            setAt = date
        } else {
            error(at: setNode, "set must be a date and time such as \"2026-06-01T09:30:00Z\"")
        }

        let minimumSealed = Sodium.sealOverheadByteCount + SealedPlaintext.versionTag.count + 8 + KeyMask.lengthRange.lowerBound
        var sealed = base64(sealedNode, count: nil, named: "sealed")
        if let count = sealed?.count, count < minimumSealed || count > 4096 {
            error(at: sealedNode, "sealed has \(count) bytes, which no sealed key has; \(Self.restoreHint)")
            sealed = nil
        }

        var approval: [UInt8]?
        var approvalIsValid = true
        if approvalNode.string != "pending" {
            approval = base64(approvalNode, count: Sodium.authenticatorByteCount, named: "approval", alternative: "or `pending`")
            approvalIsValid = approval != nil
        }

        guard let origin, let mask, let setAt, let sealed, approvalIsValid else { return nil }
        return KeyEntry(
            provider: provider, origin: origin, mask: mask, setAt: setAt, sealed: sealed, approval: approval,
            location: location)
    }

    /// Check that a mapping has exactly the `required` keys, and return its values by key.
    private mutating func fields(of node: YAMLNode, named name: String, required: [String]) -> [String: YAMLNode]? {
        guard let pairs = node.mapping else {
            error(at: node, "\(name) must be a mapping with \(required.joined(separator: ", "))")
            return nil
        }
        var fields: [String: YAMLNode] = [:]
        for pair in pairs {
            guard let key = pair.key.string, required.contains(key) else {
                error(at: pair.key, "unknown key \"\(pair.key.string ?? "?")\" in \(name); the keys are \(required.joined(separator: ", "))")
                continue
            }
            fields[key] = pair.value
        }
        let missing = required.filter { fields[$0] == nil }
        if !missing.isEmpty {
            error(at: node, "\(name) lacks \(missing.joined(separator: ", ")); \(Self.restoreHint)")
            return nil
        }
        return fields
    }

    private mutating func base64(_ node: YAMLNode, count: Int?, named name: String, alternative: String = "") -> [UInt8]? {
        let expected = count.map { "base64 of \($0) bytes" } ?? "base64"
        let suffix = alternative.isEmpty ? "" : " " + alternative
        guard let text = node.string, let data = Data(base64Encoded: text) else {
            error(at: node, "\(name) must be \(expected)\(suffix); \(Self.restoreHint)")
            return nil
        }
        if let count, data.count != count {
            error(at: node, "\(name) must be \(expected)\(suffix), but it has \(data.count); \(Self.restoreHint)")
            return nil
        }
        return Array(data)
    }

    private mutating func error(at node: YAMLNode?, _ message: String) {
        diagnostics.append(Diagnostic(path: path, location: node?.location, message: message))
    }
}
