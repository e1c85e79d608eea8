import Foundation

/// `paragraph keys set|list|remove|approve|verify`: the organization's provider keys in byok.keys.
struct KeysCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "keys",
        abstract: "Add, list, approve, remove or verify the organization's provider keys, sealed in byok.keys.",
        arguments: "set|list|remove|approve|verify [PROVIDER]",
        positionalRange: 1...3,
        options: [
            VaultSession.organizationOption,
            .value("endpoint", "URL", help: "keys set: bind the key to this URL's origin instead of the provider's documented API."),
            .flag("json", help: "keys list: print one JSON object instead of a table."),
        ],
        discussion: """
            keys set PROVIDER         seal a key for PROVIDER; it is read from a hidden prompt on a terminal,
                                      else from standard input, and never from an argument
            keys list                 show every key's provider, organization, origin, mask, approval and date
                                      (all organizations, unless --org is given); never a key
            keys remove PROVIDER      remove PROVIDER's key
            keys approve [PROVIDER]   approve PROVIDER's key, or every pending key; needs the secret key
            keys verify [PROVIDER]    call PROVIDER's model-listing endpoint, or every provider's, with the approved
                                      key and the base_url from byok.yaml: ok, invalid key, unreachable or no key;
                                      needs the secret key, and exits 1 when any call failed
            Providers: \(Provider.allCases.map(\.rawValue).joined(separator: ", ")).
            """)

    static func run(_ arguments: ParsedArguments, context: RunContext) async -> Int32 {
        let action = arguments.positionals[0]
        switch action {
        case "set":
            return set(arguments, context: context)
        case "list":
            guard arguments.positionals.count == 1 else { return usage("keys list takes no PROVIDER", context) }
            return list(arguments, context: context)
        case "remove":
            guard arguments.positionals.count == 2 else { return usage("keys remove takes one PROVIDER", context) }
            return remove(arguments, context: context)
        case "approve":
            guard arguments.positionals.count <= 2 else { return usage("keys approve takes at most one PROVIDER", context) }
            return approve(arguments, context: context)
        case "verify":
            guard arguments.positionals.count <= 2 else { return usage("keys verify takes at most one PROVIDER", context) }
            return await verify(arguments, context: context)
        default:
            return usage("unknown action \"\(action)\"; use set, list, remove, approve or verify", context)
        }
    }

    private static func usage(_ message: String, _ context: RunContext) -> Int32 {
        context.printError(UsageError(message: message, command: "keys").description)
        return ExitCode.usage
    }

    static func provider(_ name: String, _ context: RunContext) -> Provider? {
        guard let provider = Provider(rawValue: name) else {
            let known = Provider.allCases.map(\.rawValue).joined(separator: ", ")
            _ = usage("unknown provider \"\(name)\"; the providers are \(known)", context)
            return nil
        }
        return provider
    }

    private static func session(_ arguments: ParsedArguments, _ context: RunContext) -> (VaultSession, String)? {
        guard let session = VaultSession(arguments, root: siteRoot(arguments, context: context), context: context),
              let organization = session.requireOrganization(context) else { return nil }
        return (session, organization)
    }

    // MARK: keys set

    private static func set(_ arguments: ParsedArguments, context: RunContext) -> Int32 {
        if arguments.positionals.count > 2 {
            // Treat the argument as a key, so nothing printed from now on can show it.
            let argument = SecretBytes(copying: Array(arguments.positionals[2].utf8))
            context.registerSecret(argument, mask: KeyMask.mask(argument))
            let message = """
                keys set never takes the key as an argument, because arguments stay in shell history and other \
                users can see them in the process list; run `paragraph keys set \(arguments.positionals[1])` and paste \
                the key at the prompt, or pipe it to standard input. If others can see this machine's processes or \
                your history, replace that key at the provider
                """
            return usage(message, context)
        }
        guard arguments.positionals.count == 2 else { return usage("keys set needs a PROVIDER", context) }
        guard let provider = provider(arguments.positionals[1], context) else { return ExitCode.usage }
        var origin = provider.documentedOrigin
        if let endpoint = arguments.value("endpoint") {
            do {
                origin = try Origin.parse(endpoint)
            } catch {
                context.report(VaultError.invalidOrigin(error))
                return ExitCode.usage
            }
        }
        guard case (var session, let organization)? = session(arguments, context) else { return ExitCode.usage }
        do {
            _ = try session.vault.organization(organization)
        } catch {
            context.report(error)
            return ExitCode.usage
        }

        let prompt = "Paste the \(provider.rawValue) key for organization \(organization) (input is hidden): "
        guard let key = context.readSecret(prompt)?.trimmingWhitespace() else {
            context.report(VaultError.invalidKey(.empty))
            return ExitCode.usage
        }
        let secretKey = optionalSecretKey(session.vault, organization: organization, context: context)

        let outcome: KeySetOutcome
        do {
            outcome = try session.vault.setKey(
                key, provider: provider, organization: organization, origin: origin, secretKey: secretKey)
            try session.vault.save()
        } catch {
            context.report(error)
            return ExitCode.usage
        }

        let entry = outcome.entry
        context.print("Sealed the \(provider.rawValue) key of organization \(organization) (\(entry.mask)) for \(entry.origin).")
        if let replaced = outcome.replaced {
            let state = replaced.isPending ? "pending" : "approved"
            context.print("It replaces the earlier key \(replaced.mask) (\(state), set \(VaultDate.day(replaced.setAt))).")
        }
        let keyID = (try? session.vault.organization(organization).keyID)?.text ?? "?"
        if outcome.isApproved {
            context.print("Approved with the secret key of key id \(keyID), so it is ready to use. Commit \(session.vault.path).")
        } else {
            context.print("It is pending and will not be used until a holder of \(organization)'s secret key (key id \(keyID)) runs:")
            context.print("  paragraph keys approve \(provider.rawValue)\(session.organizationFlag)")
            context.print("Commit \(session.vault.path) so they can.")
        }
        return ExitCode.success
    }

    /// Look up the organization's secret key, returning nil when it is not available. A key
    /// that exists but cannot be used is a warning, because `keys set` works without it.
    private static func optionalSecretKey(_ vault: Vault, organization: String, context: RunContext) -> SecretKey? {
        do {
            return try vault.secretKey(for: organization)
        } catch {
            switch error {
            case .secretKeyMissing, .noConfigurationFolder:
                break
            default:
                context.printError("warning: \(error.message)")
                context.printError("warning: without a usable secret key, the new key is saved as pending")
            }
            return nil
        }
    }

    // MARK: keys list

    private static func list(_ arguments: ParsedArguments, context: RunContext) -> Int32 {
        guard let session = VaultSession(arguments, root: siteRoot(arguments, context: context), context: context) else {
            return ExitCode.usage
        }
        let listing: VaultListing
        do {
            listing = try session.vault.listing(organization: session.explicitOrganization)
        } catch {
            context.report(error)
            return ExitCode.usage
        }

        for (organization, error) in listing.secretKeyErrors.sorted(by: { $0.key < $1.key }) {
            if case .secretKeyMissing = error { continue }
            context.printError("warning: organization \(organization): \(error.message)")
        }
        for status in listing.statuses {
            let reference = session.vault.reference(status.entry, organization: status.organization)
            let keyID = session.vault.file.organizations[status.organization]!.keyID
            switch status.approval {
            case .pending: warn(.pendingApproval(reference, keyID: keyID), context)
            case .invalid: warn(.approvalInvalid(reference, keyID: keyID), context)
            case .approved, .unverified: break
            }
        }

        if arguments.has("json") {
            context.print(json(listing, vault: session.vault).serialized(pretty: true))
        } else if session.vault.file.organizations.isEmpty {
            context.print("No key pair in \(session.vault.path) yet; create one with `paragraph vault init`.")
        } else {
            context.print(table(listing))
        }
        return ExitCode.success
    }

    private static func warn(_ error: VaultError, _ context: RunContext) {
        guard let path = error.path else {
            context.printError("warning: \(error.message)")
            return
        }
        context.report(Diagnostic(path: path, location: error.location, message: error.message, severity: .warning))
    }

    static func table(_ listing: VaultListing) -> String {
        var rows = [["PROVIDER", "ORGANIZATION", "ORIGIN", "MASK", "APPROVAL", "SET", "SECRET KEY"]]
        for status in listing.statuses {
            rows.append([
                status.entry.provider.rawValue, status.organization, status.entry.origin.description, status.entry.mask,
                status.approval.rawValue, VaultDate.day(status.entry.setAt),
                status.isSecretKeyAvailable ? "available" : "not available",
            ])
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max()! }
        var lines = rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        for organization in listing.emptyOrganizations {
            lines.append("(organization \(organization) has a key pair and no keys yet; add one with `paragraph keys set PROVIDER --org \(organization)`)")
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ listing: VaultListing, vault: Vault) -> JSONValue {
        let organizations = vault.file.organizations.keys.sorted().filter { name in
            listing.statuses.contains { $0.organization == name } || listing.emptyOrganizations.contains(name)
        }
        return .object([
            ("organizations", .array(organizations.map { name in
                let keys = listing.statuses.filter { $0.organization == name }
                return .object([
                    ("name", .string(name)),
                    ("key_id", .string(vault.file.organizations[name]!.keyID.text)),
                    ("secret_key_available", .bool(listing.secretKeyErrors[name] == nil)),
                    ("keys", .array(keys.map { status in
                        .object([
                            ("provider", .string(status.entry.provider.rawValue)),
                            ("origin", .string(status.entry.origin.description)),
                            ("mask", .string(status.entry.mask)),
                            ("approval", .string(status.approval.rawValue)),
                            ("set", .string(VaultDate.format(status.entry.setAt))),
                        ])
                    })),
                ])
            })),
        ])
    }

    // MARK: keys remove

    private static func remove(_ arguments: ParsedArguments, context: RunContext) -> Int32 {
        guard let provider = provider(arguments.positionals[1], context) else { return ExitCode.usage }
        guard case (var session, let organization)? = session(arguments, context) else { return ExitCode.usage }
        let removed: KeyEntry
        do {
            removed = try session.vault.removeKey(provider, organization: organization)
            try session.vault.save()
        } catch {
            context.report(error)
            return ExitCode.usage
        }
        context.print("Removed the \(provider.rawValue) key of organization \(organization) (\(removed.mask)) from \(session.vault.path).")
        context.print("The key still works at \(provider.rawValue), and anyone with \(organization)'s secret key can open it from the repository's history; revoke it at \(provider.rawValue) if it must stop working.")
        return ExitCode.success
    }

    // MARK: keys approve

    private static func approve(_ arguments: ParsedArguments, context: RunContext) -> Int32 {
        var provider: Provider?
        if arguments.positionals.count == 2 {
            guard let named = self.provider(arguments.positionals[1], context) else { return ExitCode.usage }
            provider = named
        }
        guard case (var session, let organization)? = session(arguments, context) else { return ExitCode.usage }
        let outcomes: [ApprovalOutcome]
        do {
            let secretKey = try session.vault.secretKey(for: organization)
            outcomes = try session.vault.approve(provider, organization: organization, secretKey: secretKey)
        } catch {
            context.report(error)
            return ExitCode.usage
        }
        if outcomes.isEmpty {
            context.print("Organization \(organization) has no keys to approve.")
            return ExitCode.success
        }

        var approvedCount = 0
        var failed = false
        for outcome in outcomes {
            switch outcome {
            case .approved(let entry):
                approvedCount += 1
                context.print("Approved the \(entry.provider.rawValue) key of organization \(organization): \(entry.mask) for \(entry.origin), set \(VaultDate.day(entry.setAt)).")
            case .alreadyApproved(let entry):
                context.print("The \(entry.provider.rawValue) key of organization \(organization) is already approved.")
            case .failed(_, let error):
                failed = true
                context.report(error)
            }
        }
        if approvedCount > 0 {
            do {
                try session.vault.save()
            } catch {
                context.report(error)
                return ExitCode.usage
            }
            context.print("Commit \(session.vault.path).")
        }
        return failed ? ExitCode.usage : ExitCode.success
    }
}
