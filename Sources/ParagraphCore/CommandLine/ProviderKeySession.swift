import Foundation

/// The approved provider keys of one run, opened from the vault for the origins this site calls.
///
/// Shared by `models test` and `keys verify`. Each key is opened for the origin of the
/// provider's base URL (the documented one, or `providers.<name>.base_url`), so a key
/// approved for another origin is never sent there.
struct ProviderKeySession {
    let configuration: SiteConfiguration
    /// The opened keys, as text for request headers; the vault registered each with the redactor.
    let keys: [Provider: String]

    /// Open the keys of `providers` for the organization, reporting on standard error each
    /// one that exists but cannot be used. Return nil after a problem that stops the command.
    init?(_ arguments: ParsedArguments, providers: Set<Provider>, root: URL, context: RunContext) {
        guard let session = VaultSession(arguments, root: root, context: context) else { return nil }
        configuration = session.configuration
        guard !providers.isEmpty else {
            keys = [:]
            return
        }
        guard let organization = session.requireOrganization(context) else { return nil }
        let secretKey: SecretKey
        do {
            secretKey = try session.vault.secretKey(for: organization)
        } catch {
            context.report(error)
            return nil
        }

        var opened: [Provider: String] = [:]
        for provider in providers.sorted(by: { $0.rawValue < $1.rawValue }) {
            let baseURL = configuration.providers[provider]?.baseURL ?? provider.defaultBaseURL
            let origin: Origin
            do {
                origin = try Origin.parse(baseURL)
            } catch {
                context.printError("error: providers.\(provider.rawValue).base_url: \(error)")
                continue
            }
            do {
                opened[provider] = try session.vault.openKey(provider, organization: organization, for: origin, secretKey: secretKey).text()
            } catch {
                if case .entryNotFound = error { continue }
                context.report(error)
            }
        }
        keys = opened
    }

    /// An HTTP client with the proxy from the environment and, for `--verbose`, a redacted request log.
    static func makeClient(_ arguments: ParsedArguments, context: RunContext) -> HTTPClient? {
        let environment = context.environment
        let proxy = environment["https_proxy"] ?? environment["HTTPS_PROXY"]
        let log = arguments.has("verbose")
            ? HTTPRequestLog(redact: { context.redactor.redact($0) }, write: { context.printError($0) })
            : nil
        do {
            return try HTTPClient(configuration: HTTPClient.Configuration(proxy: proxy), requestLog: log)
        } catch {
            context.printError("error: could not start the HTTP client: \(error)")
            return nil
        }
    }
}
