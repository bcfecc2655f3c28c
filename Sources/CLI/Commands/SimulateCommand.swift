import Basics
import Fleet
import Foundation
import Metrics

/// `ocpp-fleet simulate`: the fleet and the embedded CSMS in one process, in virtual time.
struct SimulateCommand: Command {
    static let configuration = CommandConfiguration(
        path: ["simulate"],
        abstract: "Simulate a fleet and the embedded CSMS in virtual time, with no sockets.",
        options: declarations,
        discussion: SLO.grammar
    )

    static let duration = SharedOptions.duration.with(help: "Simulated time: 90s, 10m, 24h", default: .text("24h"))
    static let trace = SharedOptions.trace.with(
        help: "Write every OCPP frame as JSON lines (byte-identical for the same inputs)")

    /// Every option of `simulate`, in the order `--help` lists them.
    static let declarations: [any OptionDeclaration] = [
        FleetOptions.profile, SharedOptions.stations, duration, FleetOptions.seed, SharedOptions.shard, trace,
        SharedOptions.report, SharedOptions.slo, SharedOptions.quiet, SharedOptions.json,
    ]

    var profileArgument: ProfileArgument
    var profile: Profile
    var stations: Int?
    var duration: Duration
    var seed: UInt64
    var shard: FleetShard
    var trace: String?
    var output: ReportOutput
    var quiet: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        try arguments.expectPositionals(atMost: 0)
        profileArgument = try arguments.valueIfGiven(FleetOptions.profile) ?? .standard
        stations = try arguments.valueIfGiven(SharedOptions.stations)
        duration = try arguments.value(Self.duration)
        seed = try arguments.value(FleetOptions.seed)
        shard = try arguments.value(SharedOptions.shard)
        trace = try arguments.valueIfGiven(Self.trace)
        output = try ReportOutput(arguments)
        quiet = arguments.flag(SharedOptions.quiet)
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
        return output.finish(report)
    }
}
