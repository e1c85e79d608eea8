/// Walks the YAML tree of a `byok.yaml`, filling a `SiteConfiguration` and collecting diagnostics.
struct ConfigurationReader {
    let path: String
    var diagnostics: [Diagnostic] = []

    init(path: String) {
        self.path = path
    }

    private static let topLevelKeys = [
        "site", "organization", "keys", "content", "templates", "static", "output", "exclude", "raw_html",
        "defaults", "fallback", "fill", "fields", "slugs", "refresh", "aliases", "providers", "budget",
    ]

    mutating func read(_ root: YAMLNode?) -> SiteConfiguration {
        var configuration = SiteConfiguration()
        guard let root, !root.isEmptyValue else { return configuration }
        guard let pairs = mapping(root, named: "the file") else { return configuration }

        // Aliases first, so defaults can be checked against them.
        if let aliases = value(of: "aliases", in: pairs) {
            configuration.aliases = readAliases(aliases)
        }
        for pair in pairs {
            guard let key = keyName(pair.key, allowed: Self.topLevelKeys, context: "top level") else { continue }
            let value = pair.value
            switch key {
            case "site": configuration.site = readSite(value)
            case "organization":
                if let text = string(value, named: key) {
                    if isIdentifier(text) {
                        configuration.organization = text
                    } else {
                        error(value, "organization \"\(text)\" is invalid; use lowercase letters, digits, '-', '_' or '.', starting with a letter or digit")
                    }
                }
            case "keys": configuration.keysFile = relativePath(value, named: key) ?? configuration.keysFile
            case "content": configuration.contentFolder = relativePath(value, named: key) ?? configuration.contentFolder
            case "templates": configuration.templatesFolder = relativePath(value, named: key) ?? configuration.templatesFolder
            case "static": configuration.staticFolder = relativePath(value, named: key) ?? configuration.staticFolder
            case "output":
                if let folder = relativePath(value, named: key) {
                    if folder == "." {
                        error(value, "output cannot be the site folder itself; use a subfolder such as `public`")
                    } else {
                        configuration.outputFolder = folder
                    }
                }
            case "exclude":
                configuration.exclude = stringList(value, named: key).map(Glob.init)
            case "raw_html": configuration.rawHTML = bool(value, named: key) ?? configuration.rawHTML
            case "defaults": configuration.defaults = readDefaults(value, aliases: configuration.aliases)
            case "fallback": configuration.fallback = choice(value, named: key) ?? configuration.fallback
            case "fill": configuration.fill = readFill(value)
            case "fields": configuration.fieldPaths = readFieldPaths(value)
            case "slugs": configuration.slugs = choice(value, named: key) ?? configuration.slugs
            case "refresh": configuration.refresh = choice(value, named: key) ?? configuration.refresh
            case "aliases": break
            case "providers": configuration.providers = readProviders(value)
            case "budget": configuration.budget = readBudget(value)
            default: break
            }
        }
        return configuration
    }

    // MARK: Sections

    private mutating func readSite(_ node: YAMLNode) -> SiteConfiguration.Site {
        var site = SiteConfiguration.Site()
        guard let pairs = mapping(node, named: "site") else { return site }
        for pair in pairs {
            guard let key = keyName(pair.key, allowed: ["title", "base_url", "language"], context: "site") else { continue }
            switch key {
            case "title":
                if let text = string(pair.value, named: "site.title") { site.title = text }
            case "base_url":
                guard let text = string(pair.value, named: "site.base_url") else { continue }
                if isHTTPURL(text) {
                    site.baseURL = text.hasSuffix("/") ? String(text.dropLast()) : text
                } else {
                    error(pair.value, "site.base_url \"\(text)\" is not an http or https URL; write it like https://example.com")
                }
            case "language":
                guard let text = string(pair.value, named: "site.language") else { continue }
                if isLanguageTag(text) {
                    site.language = text
                } else {
                    error(pair.value, "site.language \"\(text)\" is not a language tag; use one such as en, pl or pt-BR")
                }
            default: break
            }
        }
        return site
    }

    private mutating func readDefaults(_ node: YAMLNode, aliases: [String: ModelReference]) -> SiteConfiguration.Defaults {
        var defaults = SiteConfiguration.Defaults()
        guard let pairs = mapping(node, named: "defaults") else { return defaults }
        for pair in pairs {
            guard let key = keyName(pair.key, allowed: ["model", "seo", "hero", "draft"], context: "defaults") else {
                continue
            }
            guard let reference = modelReference(pair.value, named: "defaults.\(key)", aliases: aliases) else { continue }
            switch key {
            case "model": defaults.model = reference
            case "seo": defaults.seo = reference
            case "hero": defaults.hero = reference
            // NOTE: which models may draft (OpenAI with web search only) is checked by `paragraph draft`, not here.
            case "draft": defaults.draft = reference
            default: break
            }
        }
        return defaults
    }

    private mutating func readAliases(_ node: YAMLNode) -> [String: ModelReference] {
        var aliases: [String: ModelReference] = [:]
        guard let pairs = mapping(node, named: "aliases") else { return aliases }
        for pair in pairs {
            guard let name = string(pair.key, named: "an alias name") else { continue }
            guard isIdentifier(name), name != "builtin" else {
                error(pair.key, "alias name \"\(name)\" is invalid; use letters, digits, '-' or '_' without '/', and not `builtin`")
                continue
            }
            guard let reference = modelReference(pair.value, named: "aliases.\(name)", aliases: [:]) else { continue }
            if case .alias(let target) = reference {
                error(pair.value, "alias \"\(name)\" points at \"\(target)\", which is not `provider/model`; aliases cannot refer to other aliases")
                continue
            }
            aliases[name] = reference
        }
        return aliases
    }

    private mutating func readFill(_ node: YAMLNode) -> [Field] {
        var fields: [Field] = []
        guard let items = sequence(node, named: "fill") else { return Field.defaultFill }
        for item in items {
            guard let name = string(item, named: "a fill entry") else { continue }
            guard let field = Field(rawValue: name) else {
                error(item, "unknown field \"\(name)\" in fill; use any of \(Field.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            if fields.contains(field) {
                error(item, "field \"\(name)\" is listed twice in fill; remove one")
                continue
            }
            fields.append(field)
        }
        return fields
    }

    private mutating func readFieldPaths(_ node: YAMLNode) -> [Field: String] {
        var paths: [Field: String] = [:]
        guard let pairs = mapping(node, named: "fields") else { return paths }
        for pair in pairs {
            guard let name = string(pair.key, named: "a field name") else { continue }
            guard let field = Field(rawValue: name) else {
                error(pair.key, "unknown field \"\(name)\" in fields; use any of \(Field.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            guard let target = string(pair.value, named: "fields.\(name)") else { continue }
            let segments = target.split(separator: ".", omittingEmptySubsequences: false)
            guard !segments.isEmpty, segments.allSatisfy({ !$0.isEmpty && isIdentifier(String($0)) }) else {
                error(pair.value, "front-matter path \"\(target)\" is invalid; use keys joined by dots, such as `keywords` or `params.seo.title`")
                continue
            }
            if let clash = paths.first(where: { $0.value == target }) {
                error(pair.value, "fields \(clash.key.rawValue) and \(name) both map to \"\(target)\"; give each its own path")
                continue
            }
            paths[field] = target
        }

        // One field's path may not be another's, or lie inside it: writing one would change the other.
        let effective = Field.allCases.map { ($0, (paths[$0] ?? $0.rawValue).split(separator: ".")) }
        for (index, (field, path)) in effective.enumerated() {
            for (other, otherPath) in effective[(index + 1)...] where path.starts(with: otherPath) || otherPath.starts(with: path) {
                guard paths[field] != nil || paths[other] != nil else { continue }
                error(node, "fields: \(field.rawValue) is read from \"\(path.joined(separator: "."))\" and \(other.rawValue) from \"\(otherPath.joined(separator: "."))\", which overlap; give each its own path")
            }
        }
        return paths
    }

    private mutating func readProviders(_ node: YAMLNode) -> [Provider: SiteConfiguration.ProviderSettings] {
        var providers: [Provider: SiteConfiguration.ProviderSettings] = [:]
        guard let pairs = mapping(node, named: "providers") else { return providers }
        for pair in pairs {
            guard let name = keyName(pair.key, allowed: Provider.allCases.map(\.rawValue), context: "providers"),
                  let provider = Provider(rawValue: name) else { continue }
            var settings = SiteConfiguration.ProviderSettings()
            guard pair.value.scalar?.value != .null else {
                providers[provider] = settings
                continue
            }
            guard let fields = mapping(pair.value, named: "providers.\(name)") else { continue }
            let allowed = ["models", "max_concurrency", "requests_per_minute", "base_url"]
            for field in fields {
                guard let key = keyName(field.key, allowed: allowed, context: "providers.\(name)") else { continue }
                switch key {
                case "models":
                    settings.models = stringList(field.value, named: "providers.\(name).models")
                case "max_concurrency":
                    settings.maxConcurrency = integer(field.value, named: "providers.\(name).max_concurrency", in: 1...256)
                case "requests_per_minute":
                    settings.requestsPerMinute = integer(field.value, named: "providers.\(name).requests_per_minute", in: 1...1_000_000)
                case "base_url":
                    // NOTE: origin rules (https, or http to loopback only) are enforced again where requests are made.
                    guard let text = string(field.value, named: "providers.\(name).base_url") else { continue }
                    let authority = text.drop { $0 != "/" }.dropFirst(2).prefix { $0 != "/" }
                    if authority.contains("@") {
                        // The part before @ may be a credential, so it is not repeated in the message.
                        error(field.value, "providers.\(name).base_url must not contain a user name or password; remove the part before @ and keep keys in byok.keys")
                    } else if isHTTPURL(text) {
                        settings.baseURL = text
                    } else {
                        error(field.value, "providers.\(name).base_url \"\(text)\" is not an http or https URL")
                    }
                default: break
                }
            }
            providers[provider] = settings
        }
        return providers
    }

    private mutating func readBudget(_ node: YAMLNode) -> SiteConfiguration.Budget {
        var budget = SiteConfiguration.Budget()
        guard let pairs = mapping(node, named: "budget") else { return budget }
        for pair in pairs {
            guard let key = keyName(pair.key, allowed: ["max_usd_per_build", "max_usd_per_month"], context: "budget") else {
                continue
            }
            let amount = number(pair.value, named: "budget.\(key)")
            if key == "max_usd_per_build" { budget.maxUSDPerBuild = amount } else { budget.maxUSDPerMonth = amount }
        }
        return budget
    }
}
