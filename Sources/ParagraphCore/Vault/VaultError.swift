/// An entry of `byok.keys`, named in messages by file, line, organization and provider.
public struct EntryReference: Sendable, Equatable {
    public var path: String
    public var location: SourceLocation?
    public var organization: String
    public var provider: Provider

    var name: String { "the \(provider.rawValue) key of organization \(organization)" }
}

/// The reason a vault operation failed. No case carries a provider key or a secret key.
public enum VaultError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `byok.keys` has problems, each with its line.
    case invalidFile([Diagnostic])
    case cannotRead(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case noOrganization
    case invalidOrganization(String)
    case organizationNotFound(organization: String, path: String)
    case organizationExists(organization: String, keyID: KeyID, path: String)
    case entryNotFound(organization: String, provider: Provider, path: String)
    case pendingApproval(EntryReference, keyID: KeyID)
    case approvalInvalid(EntryReference, keyID: KeyID)
    case originMismatch(EntryReference, bound: Origin, requested: Origin)
    case cannotOpen(EntryReference, keyID: KeyID)
    /// The binding sealed with the key differs from the entry it sits in.
    case bindingMismatch(EntryReference, field: String, sealed: String)
    /// The mask written in the entry is not the mask of the sealed key.
    case maskMismatch(EntryReference, written: String, sealed: String)
    case secretKeyMissing(organization: String, keyID: KeyID, searched: [String])
    /// A secret key was found but belongs to another key pair.
    case secretKeyMismatch(organization: String, keyID: KeyID, source: String, foundKeyID: KeyID)
    case secretKeyInvalid(source: String)
    /// The secret-key file exists but is not safe to read. `fix` is the step that makes it safe.
    case secretKeyFileUnsafe(path: String, reason: String, fix: String)
    case noConfigurationFolder
    case secretKeyFileExists(path: String)
    case invalidKey(KeyInputError)
    case invalidOrigin(OriginError)

    /// The file and line the error is about, when it has one.
    public var path: String? {
        switch self {
        case .invalidFile(let diagnostics): return diagnostics.first?.path
        case .cannotRead(let path, _), .cannotWrite(let path, _), .organizationNotFound(_, let path),
             .organizationExists(_, _, let path), .entryNotFound(_, _, let path), .secretKeyFileUnsafe(let path, _, _),
             .secretKeyFileExists(let path):
            return path
        case .pendingApproval(let entry, _), .approvalInvalid(let entry, _), .originMismatch(let entry, _, _),
             .cannotOpen(let entry, _), .bindingMismatch(let entry, _, _), .maskMismatch(let entry, _, _):
            return entry.path
        default: return nil
        }
    }

    public var location: SourceLocation? {
        switch self {
        case .pendingApproval(let entry, _), .approvalInvalid(let entry, _), .originMismatch(let entry, _, _),
             .cannotOpen(let entry, _), .bindingMismatch(let entry, _, _), .maskMismatch(let entry, _, _):
            return entry.location
        default: return nil
        }
    }

    /// The error as printed: `path:line:column: message` where it has a place, else `error: message`.
    public var description: String {
        if case .invalidFile(let diagnostics) = self { return diagnostics.map(\.description).joined(separator: "\n") }
        guard let path else { return "error: \(message)" }
        return Diagnostic(path: path, location: location, message: message).description
    }

    public var message: String {
        switch self {
        case .invalidFile(let diagnostics):
            return diagnostics.map(\.message).joined(separator: "; ")
        case .cannotRead(_, let reason):
            return "cannot read the file: \(reason)"
        case .cannotWrite(_, let reason):
            return "cannot write the file: \(reason)"
        case .noOrganization:
            return "no organization given; pass --org ORG, or set `organization:` in byok.yaml"
        case .invalidOrganization(let name):
            return "organization \"\(name)\" is invalid; use letters, digits, '-', '_' or '.', starting with a letter or digit"
        case .organizationNotFound(let organization, _):
            return "organization \(organization) has no key pair here; create one with `paragraph vault init --org \(organization)`"
        case .organizationExists(let organization, let keyID, _):
            return "organization \(organization) already has a key pair (key id \(keyID)); to replace it, run `paragraph vault rotate --org \(organization)`"
        case .entryNotFound(let organization, let provider, _):
            return "organization \(organization) has no \(provider.rawValue) key; add one with `paragraph keys set \(provider.rawValue) --org \(organization)`"
        case .pendingApproval(let entry, let keyID):
            return """
                \(entry.name) is pending approval, so it is not used; a holder of \(entry.organization)'s secret key \
                (key id \(keyID)) must run `paragraph keys approve \(entry.provider.rawValue) --org \(entry.organization)`
                """
        case .approvalInvalid(let entry, let keyID):
            return """
                the approval of \(entry.name) does not verify under key id \(keyID), so the key is not used. The entry \
                was changed after it was approved, or was approved with another organization's secret key. Check it \
                with `paragraph keys list`, then approve it with \
                `paragraph keys approve \(entry.provider.rawValue) --org \(entry.organization)` or set it again
                """
        case .originMismatch(let entry, let bound, let requested):
            return """
                \(entry.name) is bound to \(bound), so it is not sent to \(requested); to use that endpoint, run \
                `paragraph keys set \(entry.provider.rawValue) --org \(entry.organization) --endpoint \(requested)`
                """
        case .cannotOpen(let entry, let keyID):
            return """
                \(entry.name) cannot be opened with the secret key of key id \(keyID), because the sealed value was \
                changed or sealed to another key pair; set it again with \
                `paragraph keys set \(entry.provider.rawValue) --org \(entry.organization)`
                """
        case .bindingMismatch(let entry, let field, let sealed):
            return """
                \(entry.name) was sealed for \(field) "\(sealed)", so it was copied from another entry and is not \
                used; set it again with `paragraph keys set \(entry.provider.rawValue) --org \(entry.organization)`
                """
        case .maskMismatch(let entry, let written, let sealed):
            return """
                \(entry.name) shows the mask \(written), but the sealed key's mask is \(sealed), so the entry was \
                edited; set it again with `paragraph keys set \(entry.provider.rawValue) --org \(entry.organization)`
                """
        case .secretKeyMissing(let organization, let keyID, let searched):
            return """
                no secret key for organization \(organization) (key id \(keyID)) in \(searched.joined(separator: " or ")); \
                set PARAGRAPH_SECRET_KEY, or copy the key file to that path from a maintainer who has it
                """
        case .secretKeyMismatch(let organization, let keyID, let source, let foundKeyID):
            return """
                \(source) contains the secret key of key id \(foundKeyID), not organization \(organization)'s key id \
                \(keyID); use the secret key that belongs to this byok.keys
                """
        case .secretKeyInvalid(let source):
            return "\(source) is not a secret key: it must be the base64 text of \(Sodium.secretKeyByteCount) bytes, as `paragraph vault init` writes it"
        case .secretKeyFileUnsafe(_, let reason, let fix):
            return "the secret-key file is rejected because \(reason); \(fix)"
        case .noConfigurationFolder:
            return "cannot find the configuration folder: neither XDG_CONFIG_HOME nor HOME is set to an absolute path"
        case .secretKeyFileExists(let path):
            return "a secret-key file already exists at \(path), and Paragraph never overwrites one"
        case .invalidKey(let error):
            return error.description
        case .invalidOrigin(let error):
            return error.description
        }
    }
}

extension RunContext {
    /// Print a vault error on standard error, with its file and line where it has them,
    /// and as a GitHub Actions annotation when running there.
    func report(_ error: VaultError) {
        if case .invalidFile(let diagnostics) = error {
            diagnostics.forEach { report($0) }
        } else if let path = error.path {
            report(Diagnostic(path: path, location: error.location, message: error.message))
        } else {
            printError("error: \(error.message)")
        }
    }
}
