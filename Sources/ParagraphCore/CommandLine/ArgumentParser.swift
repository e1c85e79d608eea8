import Foundation

/// A command-line option: a flag (`--drafts`) or an option with a value (`--site DIR`).
public struct OptionSpecification: Sendable {
    public var name: String
    public var short: Character?
    /// The placeholder shown in help for an option that takes a value; nil for a flag.
    public var valueName: String?
    public var help: String

    public static func flag(_ name: String, short: Character? = nil, help: String) -> OptionSpecification {
        OptionSpecification(name: name, short: short, valueName: nil, help: help)
    }

    public static func value(_ name: String, _ valueName: String, short: Character? = nil, help: String) -> OptionSpecification {
        OptionSpecification(name: name, short: short, valueName: valueName, help: help)
    }
}

/// A command's name, options, positional arguments and help text.
public struct CommandSpecification: Sendable {
    public var name: String
    public var abstract: String
    /// Positional arguments as shown in usage, e.g. `PAGE` or `[PATH…]`.
    public var arguments: String
    public var positionalRange: ClosedRange<Int>
    public var options: [OptionSpecification]
    public var discussion: String?

    /// Options every command accepts.
    public static let commonOptions: [OptionSpecification] = [
        .value("site", "DIR", help: "Use the site whose byok.yaml is in DIR (default: the current folder)."),
        .flag("verbose", short: "v", help: "Print more detail about each step."),
        .flag("help", short: "h", help: "Show this help and exit."),
    ]

    public var helpText: String {
        var lines = ["Usage: paragraph \(name)\(arguments.isEmpty ? "" : " " + arguments) [options]", "", abstract]
        if let discussion { lines += ["", discussion] }
        lines += ["", "Options:"]
        let all = options + Self.commonOptions
        let labels = all.map { option -> String in
            var label = option.short.map { "-\($0), " } ?? "    "
            label += "--\(option.name)"
            if let valueName = option.valueName { label += " \(valueName)" }
            return label
        }
        let width = (labels.map(\.count).max() ?? 0) + 2
        for (label, option) in zip(labels, all) {
            lines.append("  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + option.help)
        }
        return lines.joined(separator: "\n")
    }
}

/// The result of parsing a command's arguments.
public struct ParsedArguments: Sendable {
    public var flags: Set<String> = []
    public var values: [String: [String]] = [:]
    public var positionals: [String] = []

    public func has(_ flag: String) -> Bool { flags.contains(flag) }
    public func value(_ name: String) -> String? { values[name]?.last }
}

/// A usage error, printed with a pointer to the command's help.
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var command: String

    public var description: String {
        "error: \(message)\nRun `paragraph \(command) --help` for usage."
    }
}

/// Parses `--name value`, `--name=value`, `-x`, bundled short flags and `--`.
public enum ArgumentParser {
    public static func parse(_ arguments: [String], for command: CommandSpecification) throws(UsageError) -> ParsedArguments {
        let options = command.options + CommandSpecification.commonOptions
        var parsed = ParsedArguments()
        var index = 0
        var onlyPositionals = false

        func fail(_ message: String) -> UsageError { UsageError(message: message, command: command.name) }

        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || argument == "-" || !argument.hasPrefix("-") {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }

            var specifications: [(OptionSpecification, String?)] = []
            if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                let name = String(body.prefix { $0 != "=" })
                let inline = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
                guard let option = options.first(where: { $0.name == name }) else {
                    throw fail("unknown option --\(name) for `paragraph \(command.name)`")
                }
                specifications.append((option, inline))
            } else {
                for character in argument.dropFirst() {
                    guard let option = options.first(where: { $0.short == character }) else {
                        throw fail("unknown option -\(character) for `paragraph \(command.name)`")
                    }
                    specifications.append((option, nil))
                }
            }

            for (option, inline) in specifications {
                guard option.valueName != nil else {
                    if inline != nil { throw fail("--\(option.name) takes no value") }
                    parsed.flags.insert(option.name)
                    continue
                }
                let value: String
                if let inline {
                    value = inline
                } else if index < arguments.count {
                    value = arguments[index]
                    index += 1
                } else {
                    throw fail("--\(option.name) needs a value (\(option.valueName!))")
                }
                parsed.values[option.name, default: []].append(value)
            }
        }

        if parsed.has("help") { return parsed }
        if !command.positionalRange.contains(parsed.positionals.count) {
            let expected = command.arguments.isEmpty ? "no arguments" : command.arguments
            throw fail("expected \(expected), got \(parsed.positionals.count) argument\(parsed.positionals.count == 1 ? "" : "s")")
        }
        return parsed
    }
}
