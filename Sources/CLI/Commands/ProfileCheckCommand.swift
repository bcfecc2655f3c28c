import Fleet
import Foundation

/// `ocpp-fleet profile check FILE`: every error of a profile at once (a built-in profile's name works too).
struct ProfileCheckCommand: Command {
    static let configuration = CommandConfiguration(
        path: ["profile", "check"],
        abstract: "Check a fleet profile and list every error in it (file, JSON path, expected, found).",
        arguments: "FILE|NAME",
        options: []
    )

    var file: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        try arguments.expectPositionals(atMost: 1)
        guard let path = arguments.positionals.first else {
            throw UsageError("missing FILE: the profile to check", command: "profile check")
        }
        file = path
    }

    func run() async throws -> ExitCode {
        do {
            let profile: Profile
            if !FileManager.default.fileExists(atPath: file), let builtIn = BuiltInProfile.named(file) {
                profile = try builtIn.load()
            } else {
                profile = try Profile.load(file: file)
            }
            Output.standard("\(file): ok (\(profile.summary))")
            return .ok
        } catch {
            Output.error(error.description)
            let count = error.diagnostics.count
            Output.error("\(file): \(count) error\(count == 1 ? "" : "s")")
            return .badInput
        }
    }
}
