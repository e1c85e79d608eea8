import Foundation

/// `paragraph usage [--since DATE]`: spend per provider and model from the usage ledger.
struct UsageCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "usage",
        abstract: "Sum requests, tokens and estimated cost per provider and model from the usage ledger.",
        arguments: "",
        positionalRange: 0...0,
        options: [
            .value("since", "DATE", help: "Count only requests on or after DATE (e.g. 2026-12-01)."),
            .flag("json", help: "Print one JSON object instead of a table."),
        ],
        discussion: "The ledger is .paragraph/usage.jsonl in the site folder; it is appended to by every provider request.")

    struct Total {
        var requests = 0
        var lockHits = 0
        var fallbacks = 0
        var inputTokens = 0
        var outputTokens = 0
        var costUSD = 0.0
    }

    static func run(_ arguments: ParsedArguments, context: RunContext) async -> Int32 {
        let root = siteRoot(arguments, context: context)
        var since: Date?
        if let text = arguments.value("since") {
            guard let date = DateParser.parse(text) else {
                context.printError(UsageError(message: "--since \(text) is not a date; write it as 2026-12-01", command: "usage").description)
                return ExitCode.usage
            }
            since = date
        }

        let ledger = UsageLedger(siteRoot: root)
        let (records, skipped) = ledger.records()
        if skipped > 0 {
            context.printError("warning: \(UsageLedger.relativePath): \(skipped) line\(skipped == 1 ? "" : "s") could not be read and were skipped")
        }
        var totals: [String: Total] = [:]
        for record in records {
            if let since, let time = DateParser.parse(record.time), time < since { continue }
            var total = totals["\(record.provider)/\(record.model)", default: Total()]
            if record.lockHit { total.lockHits += 1 } else { total.requests += 1 }
            if record.fallback { total.fallbacks += 1 }
            total.inputTokens += record.inputTokens
            total.outputTokens += record.outputTokens
            total.costUSD += record.costUSD
            totals["\(record.provider)/\(record.model)"] = total
        }

        let keys = totals.keys.sorted()
        if arguments.has("json") {
            let rows: [(String, JSONValue)] = keys.map { key in
                let total = totals[key]!
                return (key, .object([
                    ("requests", .number(String(total.requests))), ("lock_hits", .number(String(total.lockHits))),
                    ("fallbacks", .number(String(total.fallbacks))), ("input_tokens", .number(String(total.inputTokens))),
                    ("output_tokens", .number(String(total.outputTokens))),
                    ("cost_usd", .number(String(format: "%.6f", total.costUSD))),
                ]))
            }
            context.print(JSONValue.object(rows).serialized(pretty: true))
            return ExitCode.success
        }
        guard !keys.isEmpty else {
            context.print("No provider requests recorded\(since == nil ? "" : " since \(arguments.value("since")!)") in \(UsageLedger.relativePath).")
            return ExitCode.success
        }
        var lines = [["MODEL", "REQUESTS", "LOCK HITS", "FALLBACKS", "INPUT TOKENS", "OUTPUT TOKENS", "COST (USD)"]]
        var sum = Total()
        for key in keys {
            let total = totals[key]!
            lines.append([key, String(total.requests), String(total.lockHits), String(total.fallbacks),
                          String(total.inputTokens), String(total.outputTokens), String(format: "%.4f", total.costUSD)])
            sum.requests += total.requests
            sum.costUSD += total.costUSD
        }
        let widths = lines[0].indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        for line in lines {
            context.print(zip(line, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  "))
        }
        context.print("Total: \(sum.requests) requests, estimated $\(String(format: "%.4f", sum.costUSD)).")
        return ExitCode.success
    }
}
