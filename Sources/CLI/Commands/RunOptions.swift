import Basics
import Fleet
import Foundation
import Metrics

/// The validated options of `run` (and of `capacity`, which runs the same fleet step by step).
struct RunOptions: Sendable {
    var csms: URL?
    var profile: ProfileArgument
    var stations: Int?
    var duration: Duration
    var speed: Double
    var seed: UInt64
    var ramp: Double
    var report: String?
    var slos: [SLO]
    var shard: FleetShard
    var sourceAddresses: [String]
    var metricsPort: Int?
    var trace: String?
    var password: String?
    var caFile: String?
    var insecure: Bool
    /// How often each link is pinged (wall time); nil sends none, as the Green'Up.
    var pingInterval: Duration?
    /// Faults of the command line (`--fault`), timed in wall time from the run's start.
    var faults: [TimedEvent]
    var quiet: Bool
    var json: Bool
    /// How many processes to spread the stations over (`--processes`); nil decides from the open-file limit.
    var processes: Int?
    /// The most stations one process runs before the run spreads over several (`--max-stations-per-process`);
    /// nil: what the open-file limit allows.
    var maxStationsPerProcess: Int?
    /// This process is a worker of a run spread over several processes (``RunWorkers``): it talks to its
    /// parent on stdout, and quits when its parent has gone.
    var isWorker: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        csms = try arguments.value("--csms", as: CSMSURL.argument)
        profile = try arguments.value("--profile", as: ProfileArgument.argument) ?? .standard
        stations = try arguments.value("--stations", as: Count.positive)
        duration = try arguments.value("--duration", as: Duration.argument) ?? .seconds(60)
        // Against a real CSMS, N stations are N real stations; the embedded demo shows a busy hour in a minute.
        speed = try arguments.value("--speed", as: Count.positiveReal) ?? (csms == nil ? 60 : 1)
        seed = try arguments.value("--seed", as: Count.seed) ?? 1
        ramp = try arguments.value("--ramp", as: Rate.argument) ?? 500
        report = arguments.value("--report")
        slos = try SLOArgument.all(arguments, command: "run")
        shard = try arguments.value("--shard", as: FleetShard.argument) ?? .whole
        sourceAddresses = try arguments.value("--source-addresses", as: SourceAddresses.argument) ?? []
        metricsPort = try arguments.value("--metrics-port", as: Count.port)
        trace = arguments.value("--trace")
        password = arguments.value("--password")
        caFile = try arguments.value("--ca-file", as: InputFile.argument)
        insecure = arguments.flag("--insecure")
        pingInterval = try arguments.value("--ping-interval", as: Duration.argument)
        faults = try FaultArgument.all(arguments, command: "run")
        quiet = arguments.flag("--quiet")
        json = arguments.flag("--json")
        processes = try arguments.value("--processes", as: Count.positive)
        maxStationsPerProcess = try arguments.value("--max-stations-per-process", as: Count.positive)
        isWorker = arguments.flag("--worker")
        if isWorker, password == nil {
            password = ProcessInfo.processInfo.environment[RunWorkers.passwordVariable]
        }
        if processes != nil, maxStationsPerProcess != nil {
            throw UsageError("--processes and --max-stations-per-process contradict each other: choose one", command: "run")
        }
        if caFile != nil, insecure {
            throw UsageError("--ca-file and --insecure contradict each other: choose one", command: "run")
        }
        if let csms, csms.scheme == "ws", caFile != nil || insecure {
            throw UsageError("--ca-file and --insecure apply to wss:// only", command: "run")
        }
        if let pingInterval, pingInterval <= .zero {
            throw UsageError("--ping-interval must be longer than zero", command: "run")
        }
        if duration <= .zero {
            throw UsageError("--duration must be longer than zero", command: "run")
        }
    }

    /// The fleet runner's configuration for these options and the loaded `profile`.
    func runConfiguration(profile: Profile) -> FleetRunConfiguration {
        var configuration = FleetRunConfiguration(profile: profile, profileName: self.profile.description)
        configuration.csmsURL = csms?.absoluteString
        if let stations { configuration.stations = stations }
        configuration.duration = duration
        configuration.speed = speed
        configuration.seed = seed
        configuration.rampPerSecond = ramp
        configuration.shard = shard
        configuration.sourceAddresses = sourceAddresses
        configuration.password = password
        configuration.caFile = caFile
        configuration.insecure = insecure
        configuration.pingInterval = pingInterval
        configuration.addFaults(faults)
        configuration.traceFile = trace
        configuration.metricsPort = metricsPort.map(UInt16.init)
        return configuration
    }
}
