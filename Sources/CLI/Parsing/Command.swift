/// A subcommand of `ocpp-fleet`: parse → validate → run, as swift-argument-parser shapes commands.
public protocol Command: Sendable {
    /// Its name, options and help.
    static var configuration: CommandConfiguration { get }
    /// Reads and validates the arguments; nothing starts before this succeeds.
    init(_ arguments: ParsedArguments) throws(UsageError)
    /// Does the work and says how the process should exit.
    func run() async throws -> ExitCode
}
