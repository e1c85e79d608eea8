/// Line-based unified diffs, as `diff -u` prints them, computed with Myers' algorithm.
public enum UnifiedDiff {
    enum Edit: Equatable {
        case same(Int, Int)
        case removed(Int)
        case added(Int)
    }

    /// Computes a unified diff of two texts, or `""` when they are equal. Lines keep their terminators.
    public static func diff(old: [UInt8], new: [UInt8], oldName: String, newName: String, context: Int = 3) -> String {
        let oldLines = splitLines(old)
        let newLines = splitLines(new)
        let edits = script(oldLines, newLines)
        guard edits.contains(where: { if case .same = $0 { return false } else { return true } }) else { return "" }

        var output = "--- \(oldName)\n+++ \(newName)\n"
        var index = 0
        while index < edits.count {
            // Find the next change and the span of changes that lie within 2 × context of each other.
            guard let start = edits[index...].firstIndex(where: { if case .same = $0 { return false } else { return true } }) else { break }
            var end = start
            var cursor = start
            while cursor < edits.count {
                if case .same = edits[cursor] {
                    let run = edits[cursor...].prefix { if case .same = $0 { return true } else { return false } }.count
                    if cursor + run >= edits.count || run > 2 * context { break }
                    cursor += run
                } else {
                    end = cursor
                    cursor += 1
                }
            }
            let hunkStart = max(index, start - context)
            let hunkEnd = min(edits.count - 1, end + context)
            output += hunk(edits[hunkStart...hunkEnd], oldLines: oldLines, newLines: newLines)
            index = hunkEnd + 1
        }
        return output
    }

    private static func hunk(_ edits: ArraySlice<Edit>, oldLines: [[UInt8]], newLines: [[UInt8]]) -> String {
        var oldStart: Int?
        var newStart: Int?
        var oldCount = 0
        var newCount = 0
        var body = ""
        for edit in edits {
            switch edit {
            case .same(let a, let b):
                oldStart = oldStart ?? a
                newStart = newStart ?? b
                oldCount += 1
                newCount += 1
                body += " " + text(oldLines[a])
            case .removed(let a):
                oldStart = oldStart ?? a
                oldCount += 1
                body += "-" + text(oldLines[a])
            case .added(let b):
                newStart = newStart ?? b
                newCount += 1
                body += "+" + text(newLines[b])
            }
        }
        // An empty side starts at the line before, as diff -u prints it.
        // diff -u leaves out a count of one.
        func label(_ start: Int, _ count: Int) -> String { count == 1 ? "\(start)" : "\(start),\(count)" }
        let oldLabel = oldCount == 0 ? label(startBefore(edits, old: true), 0) : label((oldStart ?? 0) + 1, oldCount)
        let newLabel = newCount == 0 ? label(startBefore(edits, old: false), 0) : label((newStart ?? 0) + 1, newCount)
        return "@@ -\(oldLabel) +\(newLabel) @@\n" + body
    }

    private static func startBefore(_ edits: ArraySlice<Edit>, old: Bool) -> Int {
        for edit in edits {
            switch edit {
            case .same(let a, let b): return old ? a : b
            case .removed(let a) where old: return a
            case .added(let b) where !old: return b
            default: continue
            }
        }
        return 0
    }

    /// Formats a line as a hunk prints it. A line without a terminator gets diff's marker.
    private static func text(_ line: [UInt8]) -> String {
        var value = String(decoding: line, as: UTF8.self).escapingControlCharacters(keepingLineBreaks: true)
        if !(line.last == 0x0A || line.last == 0x0D) { value += "\n\\ No newline at end of file\n" }
        return value
    }

    static func splitLines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A || bytes[index] == 0x0D {
                if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                lines.append(Array(bytes[start...index]))
                start = index + 1
            }
            index += 1
        }
        if start < bytes.count { lines.append(Array(bytes[start...])) }
        return lines
    }

    /// Computes the shortest edit script between two line arrays (Myers, 1986), in O((N+M)·D) time.
    static func script(_ a: [[UInt8]], _ b: [[UInt8]]) -> [Edit] {
        let n = a.count, m = b.count
        let maximum = n + m
        var frontier = [Int](repeating: 0, count: 2 * maximum + 2)
        var trace: [[Int]] = []
        var found = false
        for d in 0...maximum {
            trace.append(frontier)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && frontier[maximum + k - 1] < frontier[maximum + k + 1]) {
                    x = frontier[maximum + k + 1]
                } else {
                    x = frontier[maximum + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                frontier[maximum + k] = x
                if x >= n, y >= m {
                    found = true
                    break
                }
            }
            if found { break }
        }

        // Walk back through the saved frontiers to recover the path.
        var edits: [Edit] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let saved = trace[d]
            let k = x - y
            let previousK: Int
            if k == -d || (k != d && saved[maximum + k - 1] < saved[maximum + k + 1]) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let previousX = d == 0 ? 0 : saved[maximum + previousK]
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                x -= 1
                y -= 1
                edits.append(.same(x, y))
            }
            if d > 0 {
                if x == previousX {
                    y -= 1
                    edits.append(.added(y))
                } else {
                    x -= 1
                    edits.append(.removed(x))
                }
            }
        }
        return edits.reversed()
    }
}
