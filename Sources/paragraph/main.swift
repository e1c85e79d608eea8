import Foundation
import ParagraphCore

#if canImport(Glibc)
import Glibc
#endif

// Output goes to pipes such as `| head`; a closed pipe should end the process quietly.
signal(SIGPIPE, SIG_IGN)

var standardOutputStatus = stat()
let standardOutputIsRegularFile = fstat(STDOUT_FILENO, &standardOutputStatus) == 0
    && standardOutputStatus.st_mode & S_IFMT == S_IFREG

let context = RunContext(
    environment: ProcessInfo.processInfo.environment,
    currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
    now: Date(),
    standardOutputIsTerminal: isatty(STDOUT_FILENO) == 1,
    standardErrorIsTerminal: isatty(STDERR_FILENO) == 1,
    output: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
    errorOutput: { text in FileHandle.standardError.write(Data(text.utf8)) },
    standardOutputIsRegularFile: standardOutputIsRegularFile,
    readSecret: { prompt in SecretInput.readSecret(prompt: prompt) })

// From here on, the vault's secret key is only in `context.environment`. Removing it from
// the process environment keeps it from child processes, because the library reads the
// context, never the process environment, and starts children with `childProcessEnvironment`.
// NOTE: /proc/<pid>/environ still shows the process's starting environment to its own
// user, because unsetenv cannot change that memory.
unsetenv(SecretKeyStore.environmentVariable)

let code = await ParagraphCommand.run(Array(CommandLine.arguments.dropFirst()), context: context)
exit(code)
