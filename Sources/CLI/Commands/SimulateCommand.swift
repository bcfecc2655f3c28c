import Basics
import Fleet
import Foundation
import Metrics

/// `ocpp-fleet simulate`: the fleet and the embedded CSMS in one process, in virtual time.
struct SimulateCommand: Command {
    static let configuration = CommandConfiguration(
        path: ["simulate"],
        abstract: "Simulate a fleet and the embedded CSMS in virtual time, with no sockets.",
        options: [
            OptionSpec("--profile", value: "NAME|FILE", help: "A built-in profile (see 'ocpp-fleet profile list') or a profile file (default: the built-in 'default')."),
            OptionSpec("--stations", value: "N", help: "Number of stations (default: the profile's, else 1000)."),
            OptionSpec("--duration", value: "D", help: "Simulated time: 90s, 10m, 24h (default: 24h)."),
            OptionSpec("--seed", value: "N", help: "Seed of every random choice (default: 1)."),
            OptionSpec("--shard", value: "I/N", help: "Simulate only the I-th of N equal parts of the fleet."),
            OptionSpec("--trace", value: "FILE", help: "Write every OCPP frame as JSON lines (byte-identical for the same inputs)."),
            OptionSpec("--report", value: "DIR", help: "Write report.json, report.html, timeline.csv and junit.xml there."),
            OptionSpec("--slo", value: "EXPR", help: "A service-level objective (see 'run --help').", repeatable: true),
            OptionSpec("--quiet", help: "No progress line."),
            OptionSpec("--json", help: "Print the summary as JSON on stdout."),
        ]
    )

    var profileArgument: ProfileArgument
    var profile: Profile
    var stations: Int?
    var duration: Duration
    var seed: UInt64
    var shard: FleetShard
    var trace: String?
    var report: String?
    var slos: [SLO]
    var quiet: Bool
    var json: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        try arguments.expectPositionals(atMost: 0)
        profileArgument = try arguments.value("--profile", as: ProfileArgument.argument) ?? .standard
        stations = try arguments.value("--stations", as: Count.positive)
        duration = try arguments.value("--duration", as: Duration.argument) ?? .seconds(86_400)
        seed = try arguments.value("--seed", as: Count.seed) ?? 1
        shard = try arguments.value("--shard", as: FleetShard.argument) ?? .whole
        trace = arguments.value("--trace")
        report = arguments.value("--report")
        slos = try SLOArgument.all(arguments, command: "simulate")
        quiet = arguments.flag("--quiet")
        json = arguments.flag("--json")
        if duration <= .zero {
            throw UsageError("--duration must be longer than zero", command: "simulate")
        }
        profile = try profileArgument.load(command: "simulate")
    }

    func run() async throws -> ExitCode {
        let fleet: Fleet
        do {
            fleet = try Fleet(
                profile: profile, stations: stations, seed: seed,
                shard: shard, profileName: profileArgument.description)
        } catch {
            throw UsageError("\(error)", command: "simulate")
        }
        let line = SimulationProgressLine(started: Date(), duration: duration.seconds)
        let progress = ProgressPrinter(stations: fleet.stationCount, quiet: quiet) { snapshot, stations in
            line.render(snapshot, stations: stations)
        }
        let report = try await fleet.simulate(duration: duration, trace: trace) { snapshot in
            progress.show(snapshot)
        }
        progress.finish()
        return ReportOutput(slos: slos, directory: self.report, json: json).finish(report)
    }
}
