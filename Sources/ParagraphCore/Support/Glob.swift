/// A path pattern with `*` (any run within one segment), `**` (any number of
/// segments), `?` (one character) and `[abc]` classes, matched against
/// `/`-separated relative paths.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    private let segments: [Substring]

    public init(_ pattern: String) {
        self.pattern = pattern
        var trimmed = Substring(pattern)
        while trimmed.hasPrefix("./") { trimmed = trimmed.dropFirst(2) }
        while trimmed.hasPrefix("/") { trimmed = trimmed.dropFirst() }
        segments = trimmed.split(separator: "/", omittingEmptySubsequences: true)
    }

    public var description: String { pattern }

    /// Whether `path` matches; a pattern naming a folder also matches everything under it.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        return Self.match(segments[...], parts[...], allowPrefix: true)
    }

    private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>, allowPrefix: Bool) -> Bool {
        // Iterative over `**` positions through a work list, so long paths cannot recurse deeply.
        var pending: [(ArraySlice<Substring>, ArraySlice<Substring>)] = [(pattern, path)]
        var visited = Set<[Int]>()
        while let (pattern, path) = pending.popLast() {
            guard visited.insert([pattern.startIndex, path.startIndex]).inserted else { continue }
            guard let head = pattern.first else {
                if path.isEmpty { return true }
                continue
            }
            if head == "**" {
                pending.append((pattern.dropFirst(), path))
                if !path.isEmpty { pending.append((pattern, path.dropFirst())) }
                continue
            }
            guard let segment = path.first else { continue }
            if matchSegment(Array(head.unicodeScalars), Array(segment.unicodeScalars)) {
                if pattern.count == 1, allowPrefix, path.count > 1 { return true }
                pending.append((pattern.dropFirst(), path.dropFirst()))
            }
        }
        return false
    }

    private static func matchSegment(_ pattern: [Unicode.Scalar], _ text: [Unicode.Scalar]) -> Bool {
        var p = 0, t = 0
        var starP = -1, starT = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "*" {
                starP = p
                starT = t
                p += 1
            } else if p < pattern.count, let next = matchOne(pattern, p, text[t]) {
                p = next
                t += 1
            } else if starP >= 0 {
                p = starP + 1
                starT += 1
                t = starT
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// The pattern index after matching `character` at `index`, or nil when it does not match.
    private static func matchOne(_ pattern: [Unicode.Scalar], _ index: Int, _ character: Unicode.Scalar) -> Int? {
        switch pattern[index] {
        case "?":
            return index + 1
        case "[":
            var cursor = index + 1
            let negated = cursor < pattern.count && (pattern[cursor] == "!" || pattern[cursor] == "^")
            if negated { cursor += 1 }
            var matched = false
            var first = true
            while cursor < pattern.count, pattern[cursor] != "]" || first {
                first = false
                if cursor + 2 < pattern.count, pattern[cursor + 1] == "-", pattern[cursor + 2] != "]" {
                    if pattern[cursor] <= character && character <= pattern[cursor + 2] { matched = true }
                    cursor += 3
                } else {
                    if pattern[cursor] == character { matched = true }
                    cursor += 1
                }
            }
            guard cursor < pattern.count else {
                // No closing bracket: treat `[` literally.
                return character == "[" ? index + 1 : nil
            }
            return matched != negated ? cursor + 1 : nil
        default:
            return pattern[index] == character ? index + 1 : nil
        }
    }
}
