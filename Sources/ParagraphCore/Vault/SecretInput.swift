import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads a secret from this process's standard input, for `RunContext.readSecret`.
public enum SecretInput {
    /// The maximum input length in bytes. Longer input is cut there, so it fails the key's length check.
    static let maximumLength = 16 * 1024

    /// Read one secret. On a terminal, it is one line typed after a prompt on standard
    /// error, with echo turned off. Otherwise it is all of standard input. Leading and
    /// trailing spaces and line breaks are removed. Returns nil when reading failed.
    public static func readSecret(prompt: String) -> SecretBytes? {
        let buffer = SecretBytes(count: maximumLength)
        let count: Int?
        if isatty(STDIN_FILENO) == 1 {
            count = readFromTerminal(into: buffer, prompt: prompt)
        } else {
            count = readAll(into: buffer, stopAtLineEnd: false)
        }
        guard let count else { return nil }
        return buffer.copy(0..<count).trimmingWhitespace()
    }

    private static func readFromTerminal(into buffer: SecretBytes, prompt: String) -> Int? {
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return nil }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        silent.c_lflag |= tcflag_t(ECHONL)
        FileHandle.standardError.write(Data(prompt.utf8))
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent) == 0 else { return nil }
        // NOTE: an interrupt (Ctrl-C) while the prompt waits ends the process with echo
        // still off; `stty echo` or `reset` turns it back on.
        defer { tcsetattr(STDIN_FILENO, TCSAFLUSH, &original) }
        return readAll(into: buffer, stopAtLineEnd: true)
    }

    /// Read into `buffer` until end of input, a full buffer or, when asked, a line break.
    private static func readAll(into buffer: SecretBytes, stopAtLineEnd: Bool) -> Int? {
        var total = 0
        while total < buffer.count {
            let count = buffer.withUnsafeMutableBytes { bytes -> Int in
                let wanted = stopAtLineEnd ? 1 : bytes.count - total
                return read(STDIN_FILENO, bytes.baseAddress! + total, wanted)
            }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            total += count
            let last = buffer.withUnsafeBytes { $0[total - 1] }
            if stopAtLineEnd && (last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r")) { break }
        }
        return total
    }
}
