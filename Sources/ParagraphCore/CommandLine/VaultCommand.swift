import Foundation

/// `paragraph vault init|rotate`: the organization's key pair.
struct VaultCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "vault",
        abstract: "Create or rotate the organization's key pair, which seals its provider keys in byok.keys.",
        arguments: "init|rotate",
        positionalRange: 1...1,
        options: [VaultSession.organizationOption],
        discussion: """
            vault init     create a key pair: the public key goes into byok.keys, the secret key into
                           paragraph/keys/ in $XDG_CONFIG_HOME or ~/.config, with mode 0600
            vault rotate   create a new key pair and re-seal every key of the organization to it
            """)

    static func run(_ arguments: ParsedArguments, context: RunContext) async -> Int32 {
        switch arguments.positionals[0] {
        case "init": return initialize(arguments, context: context)
        case "rotate": return rotate(arguments, context: context)
        case let action:
            context.printError(UsageError(message: "unknown action \"\(action)\"; use init or rotate", command: "vault").description)
            return ExitCode.usage
        }
    }

    private static func initialize(_ arguments: ParsedArguments, context: RunContext) -> Int32 {
        guard var session = VaultSession(arguments, root: siteRoot(arguments, context: context), context: context),
              let organization = session.requireOrganization(context) else { return ExitCode.usage }
        let created: (secretKey: SecretKey, file: URL)
        do {
            created = try session.vault.initialize(organization: organization)
        } catch {
            context.report(error)
            return ExitCode.usage
        }

        let secretPath = created.file.path
        context.print("Created a key pair for organization \(organization) (key id \(created.secretKey.keyID)).")
        context.print("  public key: \(session.vault.path), which is safe to commit")
        context.print("  secret key: \(secretPath) (mode 0600); never commit it, because it opens every key of \(organization)")
        context.print("")
        context.print("To give CI the secret key, store the file's contents as the secret \(SecretKeyStore.environmentVariable) without printing them, e.g.")
        context.print("  gh secret set \(SecretKeyStore.environmentVariable) --env production < \(secretPath)")
        context.print("and pass it only to the one step that runs Paragraph, in a job that runs on protected branches.")
        context.print("Other maintainers who approve keys need the file at the same path on their machines, with mode 0600.")
        if session.configuration.organization != organization {
            context.print("Set `organization: \(organization)` in byok.yaml so commands use it without --org.")
        }
        context.print("Next: paragraph keys set PROVIDER\(session.organizationFlag)")
        return ExitCode.success
    }

    private static func rotate(_ arguments: ParsedArguments, context: RunContext) -> Int32 {
        guard var session = VaultSession(arguments, root: siteRoot(arguments, context: context), context: context),
              let organization = session.requireOrganization(context) else { return ExitCode.usage }
        let result: RotationResult
        do {
            result = try session.vault.rotate(organization: organization)
        } catch {
            context.report(error)
            return ExitCode.usage
        }

        let all = (result.reapproved + result.pending).map(\.rawValue).sorted()
        context.print("Rotated the key pair of organization \(result.organization): key id \(result.oldKeyID) -> \(result.newKeyID).")
        context.print("  re-sealed: \(all.isEmpty ? "no keys" : all.joined(separator: ", "))")
        if !result.reapproved.isEmpty {
            context.print("  approved again: \(result.reapproved.map(\.rawValue).joined(separator: ", "))")
        }
        if !result.pending.isEmpty {
            context.print("  pending, as before or because their approval did not verify: \(result.pending.map(\.rawValue).joined(separator: ", "))")
        }
        context.print("  new secret key: \(result.newSecretKeyFile.path) (mode 0600)")
        if let removed = result.removedSecretKeyFile {
            context.print("  removed the old secret key: \(removed.path)")
        }
        if let kept = result.keptSecretKeyFile {
            context.printError("warning: the old secret key \(kept.path) could not be removed; delete it yourself")
        }
        context.print("")
        context.print("Commit \(session.vault.path), and replace the CI secret \(SecretKeyStore.environmentVariable) with the new file's contents, e.g.")
        context.print("  gh secret set \(SecretKeyStore.environmentVariable) --env production < \(result.newSecretKeyFile.path)")
        if !all.isEmpty {
            context.print("Anyone who held the old secret key can still open the keys in the repository's history, so also rotate")
            context.print("each provider key at its provider, then run `paragraph keys set PROVIDER\(session.organizationFlag)` for: \(all.joined(separator: ", ")).")
        }
        return ExitCode.success
    }
}

/// The state the `keys` and `vault` commands share: the site's configuration, its vault
/// and the organization they act on.
struct VaultSession {
    static let organizationOption = OptionSpecification.value(
        "org", "ORG", help: "The organization to act on (default: `organization:` in byok.yaml).")

    let configuration: SiteConfiguration
    var vault: Vault
    /// `--org`, else `organization:` from byok.yaml; nil when neither is set.
    let organization: String?
    /// `--org` alone, when it was given.
    let explicitOrganization: String?

    /// Load the configuration and the vault of the site in `root`, reporting any problem on
    /// standard error; nil after a problem.
    init?(_ arguments: ParsedArguments, root: URL, context: RunContext) {
        do {
            configuration = try ConfigurationLoader.load(siteRoot: root)
        } catch {
            error.diagnostics.forEach(context.report)
            return nil
        }

        explicitOrganization = arguments.value("org")
        if let name = explicitOrganization, !OrganizationName.isValid(name) {
            context.report(VaultError.invalidOrganization(name))
            return nil
        }
        organization = explicitOrganization ?? configuration.organization

        do {
            vault = try Vault.load(siteRoot: root, configuration: configuration, context: context)
        } catch {
            context.report(error)
            return nil
        }
    }

    /// Return the organization, or report on standard error that none was given and return nil.
    func requireOrganization(_ context: RunContext) -> String? {
        if organization == nil { context.report(VaultError.noOrganization) }
        return organization
    }

    /// ` --org ORG` when the organization was given as an option, for commands shown in messages.
    var organizationFlag: String {
        explicitOrganization.map { " --org \($0)" } ?? ""
    }
}
