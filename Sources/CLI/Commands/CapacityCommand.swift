import Basics
import Fleet
import Foundation
import Metrics
import Net

/// `ocpp-fleet capacity`: how many stations a CSMS holds within its SLOs, found step by step.
///
/// The search grows one fleet while it runs (`--step` stations more at each step) until a step misses an
/// SLO, then halves the gap between the largest size that passed and the smallest that failed down to
/// `--resolution`, powering stations of the running fleet off or on again. A fresh fleet would reconnect
/// every station at each step, and their boot messages would load the CSMS far beyond the step's steady
/// load just where the search looks closest; stations powered off close their links at once, their calls
/// in flight counted neither way. `--fresh` starts a fresh fleet at every step. Each step is judged on its hold without its warm-up,
/// and records the fleet's own health, so that a fleet too small for the load is not taken for the CSMS's
/// limit.
@dynamicMemberLookup
struct CapacityCommand: Command {
    static let configuration = CommandConfiguration(
        path: ["capacity"],
        abstract: "Grow the fleet step by step until an SLO fails, then narrow down: the CSMS's capacity.",
        options: declarations,
        discussion: """
            How the search goes: step 1 runs --step stations for --hold and checks every --slo on the hold
            without its --warm-up (a step's measurement starts once all its stations are up, if that takes
            longer, but at most a hold late); while all hold, the running fleet grows by --step stations (the new ones
            connect at --ramp) and the next step is judged the same way. After the first step that misses an
            SLO, the search bisects: it tries the size halfway between the largest that passed and the
            smallest that failed, until they are within --resolution, powering stations of the running fleet
            off (their links close at once, their calls in flight count neither as answered nor as failed,
            their transactions stay open as after a power cut) or on again; with --fresh every step is a separate run, all its stations connecting anew. The search
            stops when the knee is within --resolution, when even the first step fails, at --max-stations,
            when the CSMS cannot be reached, or at Ctrl-C; the capacity is the largest size that met every SLO.
            Every step records the fleet's own health: how late its timers ran (scheduler lag p99), the
            CPU share of its loops, and its send queue (bytes its links hold because the CSMS did not
            read them yet: when it grows, the CSMS fell behind reading, and the verdict says so). When the fleet was saturated at the smallest size that failed, the verdict
            names no CSMS capacity: the fleet saturated at that many msgs/s, and more processes or machines
            are needed to load this CSMS.
            Exit codes: 0 a capacity was found, 1 even the first step failed an SLO, 2 bad usage,
            3 the CSMS could not be reached at the first step, 5 the fleet, not the CSMS, was the limit,
            130 (SIGINT) or 143 (SIGTERM) interrupted.

            \(SLO.grammar)
            """
    )

    static let csms = FleetOptions.csms.with(default: .required)
    static let step = Option(
        "--step", "N", help: "Stations added at each step; the first step has N", default: .text("500"),
        as: Count.positive)
    static let maxStations = Option(
        "--max-stations", "N", help: "Stop growing at this size", default: .text("50000"), as: Count.positive)
    static let resolution = Option(
        "--resolution", "R",
        help: "Narrow the knee down until the sizes that passed and failed are this close: a share of the "
            + "capacity (5%) or a number of stations",
        default: .text("5%"), as: CapacitySearch.resolution)
    static let hold = Option(
        "--hold", "D", help: "How long each step runs before it is judged", default: .text("60s"),
        as: Duration.argument)
    static let warmUp = Option(
        "--warm-up", "D",
        help: "The first part of each step's hold left out of its figures: stations connecting, queues settling",
        default: .described("a quarter of --hold"), as: Duration.argument)
    static let fresh = Flag("--fresh", help: "Start a fresh fleet at every step instead of growing the running one")
    static let ramp = SharedOptions.ramp.with(
        default: .described("a step's new stations within the first quarter of --hold, at least 500/s"))
    static let loops = Option(
        "--loops", "N", help: "Event loops (threads) carrying the fleet", default: .described("one per core"),
        as: Count.positive)
    static let slo = SharedOptions.slo.with(help: "An SLO every step must meet (at least one)")
    static let report = SharedOptions.report.with(
        help: "Write each step's report in DIR/stations-N/, and capacity.json, report.html and junit.xml in DIR")
    static let quiet = SharedOptions.quiet.with(help: "No progress line and no line per step; only the final table")

    /// Every option of `capacity`, in the order `--help` lists them.
    static let declarations: [any OptionDeclaration] = [
        csms, FleetOptions.profile, step, maxStations, resolution, hold, warmUp, fresh, FleetOptions.speed,
        FleetOptions.seed, ramp, loops, slo, report, FleetOptions.password, FleetOptions.caFile,
        FleetOptions.pingInterval, FleetOptions.connectTimeout, FleetOptions.insecure, quiet,
    ]

    /// What it shares with `run`, read through as its own (`command.speed`).
    var fleetOptions: FleetOptions
    var csms: URL
    var step: Int
    var maxStations: Int
    var resolution: CapacitySearch.Resolution
    var hold: Duration
    var warmUp: Duration
    var fresh: Bool
    var ramp: Double?
    var loops: Int?
    var slos: [SLO]
    var report: String?
    var quiet: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        try arguments.expectPositionals(atMost: 0)
        csms = try arguments.value(Self.csms)
        fleetOptions = try FleetOptions(arguments, command: "capacity")
        step = try arguments.value(Self.step)
        maxStations = try arguments.value(Self.maxStations)
        resolution = try arguments.value(Self.resolution)
        hold = try arguments.value(Self.hold)
        warmUp = try arguments.valueIfGiven(Self.warmUp) ?? hold / 4
        fresh = arguments.flag(Self.fresh)
        ramp = try arguments.valueIfGiven(Self.ramp)
        loops = try arguments.valueIfGiven(Self.loops)
        slos = try arguments.values(Self.slo)
        report = try arguments.valueIfGiven(Self.report)
        quiet = arguments.flag(Self.quiet)
        if slos.isEmpty {
            throw UsageError("capacity needs at least one --slo to judge each step by", command: "capacity")
        }
        if hold <= .zero {
            throw UsageError("--hold must be longer than zero", command: "capacity")
        }
        if warmUp < .zero || warmUp >= hold {
            throw UsageError("--warm-up must be shorter than --hold: a step is judged on what is left", command: "capacity")
        }
        if step > maxStations {
            throw UsageError(
                "--step \(step) is larger than --max-stations \(maxStations): no step would run", command: "capacity")
        }
    }

    subscript<Value>(dynamicMember keyPath: KeyPath<FleetOptions, Value>) -> Value {
        fleetOptions[keyPath: keyPath]
    }

    /// The fleet sizes of the growing phase: `step`, `2 × step`, … and `maxStations` last when it is not a
    /// multiple.
    static func sizes(step: Int, maxStations: Int) -> [Int] {
        var sizes = Array(stride(from: step, through: maxStations, by: step))
        if sizes.last != maxStations { sizes.append(maxStations) }
        return sizes
    }

    /// The ramp for `stations` new stations: `--ramp`, or fast enough that they are all connecting within
    /// the first quarter of the hold, so that most of the hold measures the whole fleet.
    func rampPerSecond(stations: Int) -> Double {
        ramp ?? max(500, Double(stations) / (hold.seconds / 4))
    }

    func run() async throws -> ExitCode {
        let loaded = try fleetOptions.profile.load(command: "capacity")
        if fleetOptions.insecure {
            Output.error("warning: --insecure: the CSMS's certificate is not verified")
        }
        let interruption = CapacityInterruption()
        let watcher = InterruptWatcher(announcement: "stopping: ending this step, then the summary") {
            interruption.interrupt()
        }
        if !quiet {
            Output.error(
                "capacity of \(csms.absoluteString): steps of \(step) stations up to \(maxStations), "
                    + "narrowed down to \(resolutionText), each held \(hold) (the first \(warmUp) left out) at speed "
                    + "\(fleetOptions.speed) on \(fresh ? "a fresh fleet per step" : "a growing fleet"), judged by "
                    + slos.map(\.expression).joined(separator: ", "))
        }
        let steps = await search(profile: loaded, interruption: interruption)
        let summary = CapacitySummary(steps: steps, interrupted: interruption.isInterrupted)
        if let report {
            let directory = URL(fileURLWithPath: report)
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                let files = [
                    ("capacity.json", summary.json(search: searchSettings)),
                    ("junit.xml", CapacityJUnit.render(summary, search: searchSettings)),
                    ("report.html", CapacityReportHTML.render(summary, csms: csms.absoluteString)),
                ]
                for (name, text) in files {
                    try Data(text.utf8).write(to: directory.appendingPathComponent(name), options: .atomic)
                }
            } catch {
                Output.error("error: cannot write the capacity report into \(directory.path): \(error)")
                Output.standard(summary.table)
                return .badInput
            }
        }
        Output.standard(summary.table)
        if let report { Output.error("reports written to \(report)/") }
        // The signal says which of 130 and 143.
        return summary.exitCode == .interrupted ? watcher.exitCode ?? .interrupted : summary.exitCode
    }

    /// Runs the steps the search asks for, on a growing fleet (or a fresh one per step), until it is over.
    private func search(profile: Profile, interruption: CapacityInterruption) async -> [CapacityStep] {
        var search = CapacitySearch(step: step, maxStations: maxStations, resolution: resolution)
        var steps: [CapacityStep] = []
        var fleet: CapacityFleet?
        var stationsOn = 0
        searching: while let stations = search.next(), !interruption.isInterrupted {
            let phase = search.phase
            let start: CapacityStep.Start
            let running: CapacityFleet
            if !fresh, let current = fleet, stations <= current.capacity {
                start = stations > stationsOn ? .grown : .shrunk
                current.resize(to: stations)
                running = current
            } else {
                start = .fresh
                await fleet?.stop()
                running = CapacityFleet(configuration: fleetConfiguration(stations: stations, profile: profile))
                fleet = running
            }
            stationsOn = stations
            var result = await runStep(stations: stations, on: running, interruption: interruption)
            result.phase = phase
            result.start = start
            steps.append(result)
            if !quiet { Output.error("step \(steps.count): \(result.line)") }
            switch result.outcome {
            case .passed: search.record(stations, passed: true)
            case .failed: search.record(stations, passed: false)
            case .unreachable, .interrupted, .error: break searching
            }
        }
        await fleet?.stop()
        return steps
    }

    /// The configuration of a fleet whose first step has `stations`: exactly that many with --fresh; else
    /// room to grow up to --max-stations (or as many as this process may open sockets for), the stations
    /// beyond the step's waiting to be powered on, and a duration longer than the whole search can last.
    func fleetConfiguration(stations: Int, profile: Profile) -> FleetRunConfiguration {
        var configuration = fleetOptions.runConfiguration(profile: profile)
        if let loops { configuration.loops = loops }
        configuration.poweredOnAtStart = stations
        if fresh {
            configuration.stations = stations
            configuration.rampPerSecond = rampPerSecond(stations: stations)
            // Stopped once its hold is measured (which may start up to a hold late): never reached.
            configuration.duration = hold * 2 + .seconds(60)
        } else {
            let sockets = (try? NetProcess.prepare()).map { Int(clamping: $0) - 64 } ?? maxStations
            configuration.stations = max(stations, min(maxStations, sockets))
            configuration.rampPerSecond = max(rampPerSecond(stations: stations), rampPerSecond(stations: step))
            // Every size of the growing phase and of a bisection down to one station, each measured up to a
            // hold late, with room to spare.
            let bisections = maxStations.bitWidth - maxStations.leadingZeroBitCount
            let steps = Self.sizes(step: step, maxStations: maxStations).count + 2 * bisections + 2
            configuration.duration = hold * (2 * steps) + .seconds(600)
        }
        return configuration
    }

    /// Runs one step on `fleet`, whose first `stations` are on or powering on now, and judges it on its
    /// hold without the warm-up; never throws, so the steps before it are always summed up.
    private func runStep(
        stations: Int, on fleet: CapacityFleet, interruption: CapacityInterruption
    ) async -> CapacityStep {
        let progress = ProgressPrinter(stations: stations, quiet: quiet)
        fleet.show(on: progress)
        defer { fleet.show(on: nil) }
        let begin = fleet.elapsedMicros
        let giveUp: @Sendable () -> Bool = { interruption.isInterrupted }
        guard let first = await measurementStart(on: fleet, stations: stations, begin: begin, giveUp: giveUp),
            let last = await fleet.sample(
                reaching: first.snapshot.elapsedMicros + (hold - warmUp).microseconds, giveUp: giveUp)
        else {
            if interruption.isInterrupted {
                return CapacityStep(stations: stations, slo: [], outcome: .interrupted, reportFolder: nil)
            }
            let failure = fleet.failure
            let outcome: CapacityStep.Outcome =
                failure.map { $0.isCSMSUnreachable ? .unreachable($0.description) : .error($0.description) }
                ?? .error("the fleet stopped reporting its figures")
            return CapacityStep(stations: stations, slo: [], outcome: outcome, reportFolder: nil)
        }
        let window = last.snapshot.since(first.snapshot)
        let description = RunDescription(
            seed: fleetOptions.seed, stations: stations, durationSeconds: window.elapsedSeconds, speed: fleetOptions.speed,
            csms: csms.absoluteString, profile: fleetOptions.profile.description)
        let usage = ProcessUsage(
            userSeconds: last.usage.userSeconds - first.usage.userSeconds,
            systemSeconds: last.usage.systemSeconds - first.usage.systemSeconds, maxRSSBytes: last.usage.maxRSSBytes)
        var runReport = RunReport(run: description, snapshot: window, process: usage)
        runReport.evaluate(slos)
        let demand = first.demandNanos.flatMap { before in last.demandNanos.map { Double($0 &- min(before, $0)) / 1e9 } }
        let figures = CapacityFigures(
            report: runReport, cpuSeconds: usage.cpuSeconds, demandSeconds: demand, loops: fleet.loops,
            unsentBefore: first.snapshot.connections.unsentBytes)
        var outcome: CapacityStep.Outcome = runReport.allSLOsPassed ? .passed : .failed
        var folder: String?
        if let report {
            let name = Self.folderName(stations: stations, maxStations: maxStations)
            let directory = URL(fileURLWithPath: report).appendingPathComponent(name)
            do {
                try ReportDirectory(directory).write(runReport)
                folder = name
            } catch {
                outcome = .error("cannot write the report into \(directory.path): \(error)")
            }
        }
        return CapacityStep(
            stations: stations, slo: runReport.slo, outcome: outcome, reportFolder: folder, figures: figures)
    }

    /// Where a step's measurement starts: after its warm-up, and not before all its stations are up (on a
    /// busy machine, or against a CSMS slow to accept links, they may take longer than the warm-up), though
    /// never later than a whole hold after the step began: stations a CSMS refuses are its business too.
    /// - Returns: the sample that opens the window, or `nil` when the run ended or Ctrl-C came first.
    private func measurementStart(
        on fleet: CapacityFleet, stations: Int, begin: UInt64, giveUp: @escaping @Sendable () -> Bool
    ) async -> CapacityFleet.Sample? {
        var sample = await fleet.sample(reaching: begin + warmUp.microseconds, giveUp: giveUp)
        while let current = sample, current.snapshot.connections.current < UInt64(stations),
            current.snapshot.elapsedMicros < begin + hold.microseconds
        {
            sample = await fleet.sample(reaching: current.snapshot.elapsedMicros + 1, giveUp: giveUp)
        }
        return sample
    }

    /// `stations-00500`: padded to the width of the largest size, so that folders sort by size.
    static func folderName(stations: Int, maxStations: Int) -> String {
        let digits = String(stations)
        let width = String(maxStations).count
        return "stations-" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The resolution as the banner says it.
    private var resolutionText: String {
        switch resolution {
        case .share(let share): String(format: "%g%%", share * 100)
        case .stations(let stations): "\(stations) stations"
        }
    }

    /// The search's settings as `capacity.json` and `junit.xml` record them (never the password).
    var searchSettings: CapacitySearchSettings {
        CapacitySearchSettings(
            csms: csms.absoluteString, profile: fleetOptions.profile.description, step: step, maxStations: maxStations,
            resolution: resolution, holdSeconds: hold.seconds, warmUpSeconds: warmUp.seconds, speed: fleetOptions.speed,
            seed: fleetOptions.seed, slo: slos.map(\.expression), fresh: fresh, ramp: ramp, loops: loops)
    }
}
