import Foundation
import Metrics

/// `ocpp-fleet capacity`: how many stations a CSMS holds within its SLOs, found step by step.
struct CapacityCommand: Command {
    static let configuration = CommandConfiguration(
        path: ["capacity"],
        abstract: "Grow the fleet step by step until an SLO fails: the CSMS's capacity.",
        options: [
            OptionSpec("--csms", value: "URL", help: "ws:// or wss:// URL of the CSMS (required)."),
            OptionSpec("--profile", value: "FILE", help: "Fleet profile (default: Profiles/default.json)."),
            OptionSpec("--step", value: "N", help: "Stations added at each step (default: 500)."),
            OptionSpec("--max-stations", value: "N", help: "Stop growing at this size (default: 50000)."),
            OptionSpec("--hold", value: "D", help: "How long each step runs before it is judged (default: 60s)."),
            OptionSpec("--speed", value: "X", help: "Clock compression (default: 60)."),
            OptionSpec("--seed", value: "N", help: "Seed of every random choice (default: 1)."),
            OptionSpec("--slo", value: "EXPR", help: "An SLO every step must meet (at least one; see 'run --help').", repeatable: true),
            OptionSpec("--report", value: "DIR", help: "Write one report per step and a summary there."),
            OptionSpec("--password", value: "SECRET", help: "HTTP Basic password of every station; never printed."),
            OptionSpec("--ca-file", value: "PEM", help: "Trust this CA for wss://."),
            OptionSpec("--insecure", help: "Do not verify the CSMS's certificate (prints a warning)."),
            OptionSpec("--quiet", help: "No progress line."),
        ]
    )

    var csms: URL
    var step: Int
    var maxStations: Int
    var hold: Duration
    var slos: [SLO]

    init(_ arguments: ParsedArguments) throws(UsageError) {
        try arguments.expectPositionals(atMost: 0)
        guard let csms = try arguments.value("--csms", as: CSMSURL.argument) else {
            throw UsageError("option --csms URL is required", command: "capacity")
        }
        self.csms = csms
        step = try arguments.value("--step", as: Count.positive) ?? 500
        maxStations = try arguments.value("--max-stations", as: Count.positive) ?? 50_000
        hold = try arguments.value("--hold", as: Duration.argument) ?? .seconds(60)
        slos = try SLOArgument.all(arguments, command: "capacity")
        if slos.isEmpty {
            throw UsageError("capacity needs at least one --slo to judge each step by", command: "capacity")
        }
    }

    func run() async throws -> ExitCode {
        throw UsageError("'capacity' is not available yet in this build", command: Self.configuration.name)
    }
}
