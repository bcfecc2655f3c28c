/// A report file that cannot be read back: which file, where in it, and what was expected there.
public struct ReportFileError: Error, Equatable, CustomStringConvertible {
    /// The file, as it was named.
    public let file: String
    /// Where in the file, as a JSON path (`$.messages.by_action.Heartbeat.sent`); `$` for the whole file.
    public let path: String
    /// What should have been there, in words.
    public let expected: String

    public var description: String { "\(file): at \(path): expected \(expected)" }
}
