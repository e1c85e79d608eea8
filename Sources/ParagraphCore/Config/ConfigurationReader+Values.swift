/// Typed value readers that report a diagnostic and return nil on a bad value.
extension ConfigurationReader {
    mutating func error(_ node: YAMLNode, _ message: String) {
        diagnostics.append(Diagnostic(path: path, location: node.location, message: message))
    }

    func value(of key: String, in pairs: [YAMLPair]) -> YAMLNode? {
        pairs.first { $0.key.scalar?.text == key }?.value
    }

    /// The key's name when it is one of `allowed`; otherwise a diagnostic with the closest allowed key.
    mutating func keyName(_ key: YAMLNode, allowed: [String], context: String) -> String? {
        guard let name = key.scalar?.text else {
            error(key, "keys in \(context) must be plain names")
            return nil
        }
        if allowed.contains(name) { return name }
        var message = "unknown key \"\(name)\" in \(context)"
        if let suggestion = Self.closest(to: name, in: allowed) {
            message += "; did you mean \"\(suggestion)\"?"
        } else {
            message += "; allowed keys are \(allowed.joined(separator: ", "))"
        }
        error(key, message)
        return nil
    }

    mutating func mapping(_ node: YAMLNode, named name: String) -> [YAMLPair]? {
        if let pairs = node.mapping { return pairs }
        if node.scalar?.value == .null { return [] }
        error(node, "\(name) must be a mapping of keys to values")
        return nil
    }

    mutating func sequence(_ node: YAMLNode, named name: String) -> [YAMLNode]? {
        if let items = node.sequence { return items }
        if node.scalar?.value == .null { return [] }
        error(node, "\(name) must be a list, such as [a, b]")
        return nil
    }

    mutating func string(_ node: YAMLNode, named name: String) -> String? {
        guard let scalar = node.scalar, scalar.value != .null else {
            error(node, "\(name) must be a text value")
            return nil
        }
        return scalar.text
    }

    mutating func stringList(_ node: YAMLNode, named name: String) -> [String] {
        guard let items = sequence(node, named: name) else { return [] }
        return items.compactMap { string($0, named: "each entry of \(name)") }
    }

    mutating func bool(_ node: YAMLNode, named name: String) -> Bool? {
        guard case .bool(let flag) = node.scalar?.value else {
            error(node, "\(name) must be true or false")
            return nil
        }
        return flag
    }

    mutating func integer(_ node: YAMLNode, named name: String, in range: ClosedRange<Int>) -> Int? {
        guard let scalar = node.scalar, scalar.value == .integer, let value = Int(scalar.text), range.contains(value) else {
            error(node, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    mutating func number(_ node: YAMLNode, named name: String) -> Double? {
        guard let scalar = node.scalar, scalar.value == .integer || scalar.value == .float,
              let value = Double(scalar.text), value.isFinite, value >= 0 else {
            error(node, "\(name) must be an amount in US dollars of zero or more, such as 2.00")
            return nil
        }
        return value
    }

    mutating func choice<Choice: RawRepresentable & CaseIterable>(_ node: YAMLNode, named name: String) -> Choice?
    where Choice.RawValue == String {
        let options = Choice.allCases.map(\.rawValue)
        guard let text = node.scalar?.text, let value = Choice(rawValue: text) else {
            error(node, "\(name) must be one of \(options.joined(separator: ", "))")
            return nil
        }
        return value
    }

    mutating func modelReference(_ node: YAMLNode, named name: String, aliases: [String: ModelReference]) -> ModelReference? {
        guard let text = string(node, named: name) else { return nil }
        let reference: ModelReference
        do {
            reference = try ModelReference.parse(text)
        } catch {
            self.error(node, "\(name): \(error.message)")
            return nil
        }
        if case .alias(let alias) = reference, !aliases.isEmpty || name.hasPrefix("defaults") {
            guard let target = aliases[alias] else {
                let known = aliases.keys.sorted()
                let hint = known.isEmpty ? "define it under aliases:" : "known aliases are \(known.joined(separator: ", "))"
                self.error(node, "\(name): unknown alias \"\(alias)\"; \(hint), or write `provider/model`")
                return nil
            }
            return target
        }
        return reference
    }

    /// A relative path that stays inside the site folder, normalised; nil after reporting a bad one.
    mutating func relativePath(_ node: YAMLNode, named name: String) -> String? {
        guard let text = string(node, named: name) else { return nil }
        guard let normalised = SitePath.normalise(text) else {
            error(node, "\(name) \"\(text)\" leads outside the site folder; use a path inside it, such as `\(name == "output" ? "public" : name)`")
            return nil
        }
        return normalised
    }

    func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || ("0"..."9").contains(first) else {
            return false
        }
        return text.count <= 64 && text.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0))
        }
    }

    func isHTTPURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") else { return false }
        let rest = text.drop(while: { $0 != "/" }).dropFirst(2)
        let host = rest.prefix(while: { $0 != "/" && $0 != ":" && $0 != "?" && $0 != "#" })
        return !host.isEmpty && !text.contains(" ") && !rest.prefix(while: { $0 != "/" }).contains("@")
    }

    func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, (2...3).contains(primary.count), primary.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return false
        }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    /// The allowed name within two edits of `name`, if there is one.
    static func closest(to name: String, in allowed: [String]) -> String? {
        let scored = allowed.map { ($0, editDistance(name, $0)) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
