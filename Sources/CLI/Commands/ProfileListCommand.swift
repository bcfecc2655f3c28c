import Fleet

/// `ocpp-fleet profile list`: the profiles built into the binary, each with what it is for.
struct ProfileListCommand: Command {
    static let configuration = CommandConfiguration(
        path: ["profile", "list"],
        abstract: "List the profiles built into ocpp-fleet (--profile NAME) with what each is for.",
        options: []
    )

    init(_ arguments: ParsedArguments) throws(UsageError) {
        try arguments.expectPositionals(atMost: 0)
    }

    func run() async throws -> ExitCode {
        var rows: [(String, String)] = []
        for builtIn in BuiltInProfile.all {
            do {
                rows.append((builtIn.name, try builtIn.load().description))
            } catch {
                rows.append((builtIn.name, "(does not load: \(error.description))"))
            }
        }
        let width = rows.map(\.0.count).max() ?? 0
        Output.standard(rows.map { name, description in
            name + String(repeating: " ", count: width - name.count) + "  " + description
        }.joined(separator: "\n"))
        return .ok
    }
}
