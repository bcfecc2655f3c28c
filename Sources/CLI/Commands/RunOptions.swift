import Basics
import Fleet
import Foundation
import Metrics

/// The validated options of `run`: the ``FleetOptions`` it shares with `capacity` and the ``ReportOutput``
/// it shares with `simulate` (both read through as if they were its own: `options.csms`, `options.slos`),
/// and its own.
@dynamicMemberLookup
struct RunOptions: Sendable {
    static let ramp = SharedOptions.ramp.with(default: .text("500/s"))
    static let sourceAddresses = Option(
        "--source-addresses", "RANGE", help: "Local addresses to connect from, e.g. 127.0.0.1-127.0.0.8",
        as: SourceAddresses.argument)
    static let metricsPort = Option(
        "--metrics-port", "P", help: "Serve Prometheus metrics on 127.0.0.1:P during the run", as: Count.port)
    static let fault = Option(
        "--fault", "SPEC",
        help: "A network fault at a wall time of the run (see Faults below), e.g. partition@60s:30s, "
            + "drop@2m:stations=1-500",
        repeatable: true, as: FaultArgument.argument)
    static let maxStationsPerProcess = Option(
        "--max-stations-per-process", "N", help: "Spread the stations over worker processes of at most N stations each",
        default: .described("what the open-file limit allows"), as: Count.positive)
    static let worker = Flag("--worker", help: "A worker of a run spread over processes", hidden: true)

    /// Every option of `run`, in the order `--help` lists them.
    static let declarations: [any OptionDeclaration] = [
        FleetOptions.csms, FleetOptions.profile, SharedOptions.stations, SharedOptions.duration, FleetOptions.speed,
        FleetOptions.seed, ramp, SharedOptions.report, SharedOptions.slo, SharedOptions.shard, sourceAddresses,
        metricsPort, SharedOptions.trace, FleetOptions.password, FleetOptions.caFile, FleetOptions.pingInterval,
        FleetOptions.connectTimeout, fault, FleetOptions.insecure, SharedOptions.quiet, SharedOptions.json, SharedOptions.processes, maxStationsPerProcess,
        worker,
    ]

    var fleetOptions: FleetOptions
    var stations: Int?
    var duration: Duration
    var ramp: Double
    var output: ReportOutput
    var shard: FleetShard
    var sourceAddresses: [String]
    var metricsPort: Int?
    var trace: String?
    /// Faults of the command line (`--fault`), timed in wall time from the run's start.
    var faults: [TimedEvent]
    var quiet: Bool
    /// How many processes to spread the stations over (`--processes`); nil decides from the open-file limit.
    var processes: Int?
    /// The most stations one process runs before the run spreads over several (`--max-stations-per-process`);
    /// nil: what the open-file limit allows.
    var maxStationsPerProcess: Int?
    /// This process is a worker of a run spread over processes (``RunWorkers``): it talks to its
    /// parent on stdout, and quits when its parent has gone.
    var isWorker: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        fleetOptions = try FleetOptions(arguments, command: "run")
        stations = try arguments.valueIfGiven(SharedOptions.stations)
        duration = try arguments.value(SharedOptions.duration)
        ramp = try arguments.value(Self.ramp)
        output = try ReportOutput(arguments)
        shard = try arguments.value(SharedOptions.shard)
        sourceAddresses = try arguments.valueIfGiven(Self.sourceAddresses) ?? []
        metricsPort = try arguments.valueIfGiven(Self.metricsPort)
        trace = try arguments.valueIfGiven(SharedOptions.trace)
        faults = try arguments.values(Self.fault)
        quiet = arguments.flag(SharedOptions.quiet)
        processes = try arguments.valueIfGiven(SharedOptions.processes)
        maxStationsPerProcess = try arguments.valueIfGiven(Self.maxStationsPerProcess)
        isWorker = arguments.flag(Self.worker)
        if isWorker, fleetOptions.password == nil {
            fleetOptions.password = ProcessInfo.processInfo.environment[RunWorkers.passwordVariable]
        }
        if processes != nil, maxStationsPerProcess != nil {
            throw UsageError("--processes and --max-stations-per-process contradict each other: choose one", command: "run")
        }
        if duration <= .zero {
            throw UsageError("--duration must be longer than zero", command: "run")
        }
    }

    subscript<Value>(dynamicMember keyPath: KeyPath<FleetOptions, Value>) -> Value {
        fleetOptions[keyPath: keyPath]
    }

    subscript<Value>(dynamicMember keyPath: KeyPath<ReportOutput, Value>) -> Value {
        output[keyPath: keyPath]
    }

    /// What Ctrl-C announces: what `stopping` stops, then what the run still does before it ends.
    func interruptAnnouncement(stopping: String = "stopping") -> String {
        "\(stopping): closing transactions and links, then " + (output.report == nil ? "the summary" : "writing the report")
    }

    /// Says on stderr, unless `--quiet`, what runs against what, for how long and at which speed.
    /// - Parameter processes: how many worker processes share the stations; 1 for this process alone.
    func announce(_ configuration: FleetRunConfiguration, processes: Int = 1) {
        guard !quiet else { return }
        let target = fleetOptions.csms?.absoluteString
            ?? (processes == 1 ? "the embedded CSMS on 127.0.0.1" : "an embedded CSMS on 127.0.0.1 in each process")
        var line = "running \(configuration.stations) stations of \(fleetOptions.profile) against \(target) for "
            + "\(duration) at speed \(configuration.speedText)"
        if processes > 1 { line += " in \(processes) processes" }
        if let note = configuration.stationClockNote() { line += "; \(note)" }
        Output.error(line)
    }

    /// The fleet runner's configuration for these options and the loaded `profile`.
    func runConfiguration(profile: Profile) -> FleetRunConfiguration {
        var configuration = fleetOptions.runConfiguration(profile: profile)
        if let stations { configuration.stations = stations }
        configuration.duration = duration
        configuration.rampPerSecond = ramp
        configuration.shard = shard
        configuration.sourceAddresses = sourceAddresses
        configuration.addFaults(faults)
        configuration.traceFile = trace
        configuration.metricsPort = metricsPort.map(UInt16.init)
        return configuration
    }
}
