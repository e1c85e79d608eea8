import Foundation

/// The `paragraph` command: dispatches to a subcommand and returns the exit code.
///
/// Exit codes: 0 success, 1 some pages failed, 2 usage or configuration error,
/// 3 `--check` found missing fields.
public enum ParagraphCommand {
    public static let version = "0.1.0"

    /// Computed, because metatypes of a protocol are not `Sendable` and so cannot be stored in a global.
    static var commands: [any Subcommand.Type] {
        [BuildCommand.self, EnrichCommand.self, InspectCommand.self, InitCommand.self, KeysCommand.self, VaultCommand.self,
         UsageCommand.self, ModelsCommand.self, DraftCommand.self, RewriteCommand.self]
    }

    public static func run(_ arguments: [String], context: RunContext) async -> Int32 {
        guard let first = arguments.first else {
            context.errorOutput(generalHelp + "\n")
            return ExitCode.usage
        }
        switch first {
        case "--version", "-V", "version":
            context.print("paragraph \(version)")
            return ExitCode.success
        case "--help", "-h":
            context.print(generalHelp)
            return ExitCode.success
        case "help":
            guard arguments.count > 1 else {
                context.print(generalHelp)
                return ExitCode.success
            }
            guard let command = commands.first(where: { $0.specification.name == arguments[1] }) else {
                context.printError("error: unknown command \"\(arguments[1])\"\n\n" + generalHelp)
                return ExitCode.usage
            }
            context.print(command.specification.helpText)
            return ExitCode.success
        default:
            break
        }

        guard let command = commands.first(where: { $0.specification.name == first }) else {
            context.printError("error: unknown command \"\(first)\"; run `paragraph --help` for the list of commands")
            return ExitCode.usage
        }
        let parsed: ParsedArguments
        do {
            parsed = try ArgumentParser.parse(Array(arguments.dropFirst()), for: command.specification)
        } catch {
            context.printError(error.description)
            return ExitCode.usage
        }
        if parsed.has("help") {
            context.print(command.specification.helpText)
            return ExitCode.success
        }
        return await command.run(parsed, context: context)
    }

    static var generalHelp: String {
        var lines = [
            "paragraph \(version): fill missing SEO and hero metadata in Markdown pages",
            "",
            "Usage: paragraph <command> [options]",
            "",
            "Commands:",
        ]
        let width = (commands.map { $0.specification.name.count }.max() ?? 0) + 2
        for command in commands {
            let name = command.specification.name
            lines.append("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + command.specification.abstract)
        }
        lines += [
            "",
            "Run `paragraph <command> --help` for a command's options.",
            "Every command acts on the site whose byok.yaml is in the current folder, or in --site DIR.",
            "Exit codes: 0 success, 1 some pages failed, 2 usage or configuration error.",
        ]
        return lines.joined(separator: "\n")
    }
}

public enum ExitCode {
    public static let success: Int32 = 0
    public static let pageFailures: Int32 = 1
    public static let usage: Int32 = 2
    public static let missingFields: Int32 = 3
}

/// One `paragraph` subcommand.
protocol Subcommand {
    static var specification: CommandSpecification { get }
    static func run(_ arguments: ParsedArguments, context: RunContext) async -> Int32
}

extension Subcommand {
    /// The site folder: `--site DIR` relative to the working folder, else the working folder.
    static func siteRoot(_ arguments: ParsedArguments, context: RunContext) -> URL {
        guard let site = arguments.value("site") else { return context.currentDirectory }
        if site.hasPrefix("/") { return URL(fileURLWithPath: site).standardizedFileURL }
        return context.currentDirectory.appendingPathComponent(site).standardizedFileURL
    }
}
