import Foundation
import ParagraphCore

#if canImport(Glibc)
import Glibc
#endif

// Output goes to pipes such as `| head`; a closed pipe should end the process quietly.
signal(SIGPIPE, SIG_IGN)

let context = RunContext(
    environment: ProcessInfo.processInfo.environment,
    currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
    now: Date(),
    standardOutputIsTerminal: isatty(STDOUT_FILENO) == 1,
    standardErrorIsTerminal: isatty(STDERR_FILENO) == 1,
    output: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
    errorOutput: { text in FileHandle.standardError.write(Data(text.utf8)) })

let code = await ParagraphCommand.run(Array(CommandLine.arguments.dropFirst()), context: context)
exit(code)
