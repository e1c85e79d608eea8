import Foundation

extension KeysCommand {
    /// `paragraph keys verify [PROVIDER]`: call each provider's model-listing endpoint with the approved key.
    ///
    /// Without PROVIDER every provider is listed, those without a key as `no key`.
    /// Exits 1 when a key was rejected, a provider was unreachable, or another call failed.
    static func verify(_ arguments: ParsedArguments, context: RunContext) async -> Int32 {
        var providers = Provider.allCases
        if arguments.positionals.count == 2 {
            guard let named = provider(arguments.positionals[1], context) else { return ExitCode.usage }
            providers = [named]
        }
        let root = siteRoot(arguments, context: context)
        guard let session = ProviderKeySession(arguments, providers: Set(providers), root: root, context: context),
              let client = ProviderKeySession.makeClient(arguments, context: context) else {
            return ExitCode.usage
        }

        let keys = session.keys
        let verifier = KeyVerifier(site: session.configuration, client: client, keyLookup: { keys[$0] })
        let results = await verifier.verify(providers)
        for result in results {
            context.print(KeyVerifier.report(result))
        }
        let failed = results.contains { result in
            switch result.status {
            case .ok, .noKey: return false
            case .invalidKey, .unreachable, .failed: return true
            }
        }
        return failed ? ExitCode.pageFailures : ExitCode.success
    }
}
