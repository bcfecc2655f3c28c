/// `ocpp-fleet profile check FILE`: every error of a profile at once.
struct ProfileCheckCommand: Command {
    static let configuration = CommandConfiguration(
        path: ["profile", "check"],
        abstract: "Check a fleet profile and list every error in it (file, JSON path, expected, found).",
        arguments: "FILE",
        options: []
    )

    var file: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        try arguments.expectPositionals(atMost: 1)
        guard let path = arguments.positionals.first else {
            throw UsageError("missing FILE: the profile to check", command: "profile check")
        }
        do {
            file = try InputFile.argument(path)
        } catch {
            throw UsageError("cannot check \(path): expected \(error.expected)", command: "profile check")
        }
    }

    func run() async throws -> ExitCode {
        throw UsageError("'profile check' is not available yet in this build", command: Self.configuration.name)
    }
}
