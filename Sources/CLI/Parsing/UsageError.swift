/// A command line or input file that cannot be used; the process exits with ``ExitCode/badInput``.
public struct UsageError: Error, Equatable, CustomStringConvertible {
    /// What is wrong, in words a user can act on; never holds a secret.
    public let message: String
    /// The command whose usage line helps, if any.
    public let command: String?

    public init(_ message: String, command: String? = nil) {
        self.message = message
        self.command = command
    }

    public var description: String { message }
}
