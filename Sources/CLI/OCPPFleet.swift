#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The `ocpp-fleet` command line: picks the subcommand, parses its options, runs it, and maps every
/// outcome to an ``ExitCode``.
public enum OCPPFleet {
    /// Every subcommand, in the order `--help` lists them.
    public static let commands: [any Command.Type] = [
        RunCommand.self,
        CSMSCommand.self,
        SimulateCommand.self,
        CapacityCommand.self,
        ProfileCheckCommand.self,
        ProfileListCommand.self,
        ReportMergeCommand.self,
        ReportCompareCommand.self,
    ]

    /// Runs the command line `arguments` (without the program name).
    public static func main(_ arguments: [String]) async -> ExitCode {
        guard let first = arguments.first, first != "--help", first != "-h", first != "help" else {
            Output.standard(help)
            return arguments.isEmpty ? .badInput : .ok
        }
        if first == "--version" {
            Output.standard("ocpp-fleet \(version)")
            return .ok
        }
        guard let command = command(for: arguments) else {
            // A closure, not `\.configuration`: a key path to a static member through `any Command.Type`
            // crashes Swift 6.3.1's SILGen.
            let group = commands.map { $0.configuration }.filter { $0.path.count > 1 && $0.path[0] == first }
            if !group.isEmpty {
                let rest = arguments.dropFirst()
                if let word = rest.first, ["--help", "-h", "help"].contains(word) {
                    Output.standard(groupHelp(first, group))
                    return .ok
                }
                let what = rest.first.map { "unknown command '\(first) \($0)'" } ?? "'\(first)' needs a subcommand"
                Output.error("error: \(what)\n\n\(groupHelp(first, group))")
                return .badInput
            }
            Output.error("error: unknown command '\(arguments.prefix(2).joined(separator: " "))'\n\n\(help)")
            return .badInput
        }
        let configuration = command.configuration
        do {
            let parsed = try ParsedArguments(
                Array(arguments.dropFirst(configuration.path.count)), for: configuration)
            if parsed.wantsHelp {
                Output.standard(configuration.help)
                return .ok
            }
            return try await command.init(parsed).run()
        } catch let error as UsageError {
            Output.error("error: \(error.message)\n(see: ocpp-fleet \(error.command ?? configuration.name) --help)")
            return .badInput
        } catch {
            Output.error("error: \(error)")
            return .badInput
        }
    }

    static let version = "0.1.0"

    private static func command(for arguments: [String]) -> (any Command.Type)? {
        commands
            .filter { arguments.starts(with: $0.configuration.path) }
            .max { $0.configuration.path.count < $1.configuration.path.count }
    }

    /// The help of a word that only groups subcommands (`profile`, `report`).
    static func groupHelp(_ word: String, _ group: [CommandConfiguration]) -> String {
        var text = "USAGE: ocpp-fleet \(word) <subcommand> [options]\n\nSUBCOMMANDS:\n"
        let width = group.map { $0.path[1].count }.max() ?? 0
        for configuration in group {
            let name = configuration.path[1]
            text += "  \(name)\(String(repeating: " ", count: width - name.count))  \(configuration.abstract)\n"
        }
        return text + "\nRun 'ocpp-fleet \(word) <subcommand> --help' for a subcommand's options."
    }

    static var help: String {
        var text = """
            OVERVIEW: a fleet of virtual Legrand Green'Up charging stations (OCPP 1.6J) to load-test a CSMS.

            USAGE: ocpp-fleet <command> [options]

            COMMANDS:

            """
        let configurations = commands.map { command in command.configuration }
        let width = configurations.map { configuration in configuration.name.count }.max() ?? 0
        for configuration in configurations {
            let padding = String(repeating: " ", count: width - configuration.name.count)
            text += "  \(configuration.name)\(padding)  \(configuration.abstract)\n"
        }
        text += """

            Run 'ocpp-fleet <command> --help' for a command's options.
            Exit codes: 0 ok, 1 an SLO failed (or 'report compare' found a regression), 2 bad usage or bad input
            file, 3 could not reach the CSMS, 4 'report compare' is inconclusive (too few samples for a verdict),
            5 'capacity' found the fleet, not the CSMS, to be the limit,
            130 (SIGINT) or 143 (SIGTERM) stopped before its end (the report is written, marked interrupted).
            """
        return text
    }
}
