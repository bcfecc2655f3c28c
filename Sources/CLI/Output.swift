import Basics

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Writes the command's text to stdout or stderr, whole lines at a time.
enum Output {
    static func standard(_ text: String) {
        write(text.hasSuffix("\n") ? text : text + "\n", to: STDOUT_FILENO)
    }

    static func error(_ text: String) {
        write(text.hasSuffix("\n") ? text : text + "\n", to: STDERR_FILENO)
    }

    /// Writes to stderr as is, without ending the line (for a progress line redrawn in place).
    static func errorFragment(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    /// Whether stderr is a terminal, where a live progress line can redraw itself.
    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// A closed or full stdout loses the text, never the command's outcome.
    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in try? WriteLoop.write(UnsafeRawBufferPointer(bytes), to: descriptor) }
    }
}
