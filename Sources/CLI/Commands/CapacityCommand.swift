import Fleet
import Foundation
import Metrics

/// `ocpp-fleet capacity`: how many stations a CSMS holds within its SLOs, found step by step.
///
/// Each step is a run of its own (stations connect, live for `--hold`, are judged, disconnect), the next
/// one `--step` stations larger: the runner cannot grow a fleet while it runs, and a fresh run per size
/// also keeps each step's figures its own.
struct CapacityCommand: Command {
    static let configuration = CommandConfiguration(
        path: ["capacity"],
        abstract: "Grow the fleet step by step until an SLO fails: the CSMS's capacity.",
        options: [
            OptionSpec("--csms", value: "URL", help: "ws:// or wss:// URL of the CSMS (required)."),
            OptionSpec("--profile", value: "NAME|FILE", help: "A built-in profile (see 'ocpp-fleet profile list') or a profile file (default: the built-in 'default')."),
            OptionSpec("--step", value: "N", help: "Stations added at each step; the first step has N (default: 500)."),
            OptionSpec("--max-stations", value: "N", help: "Stop growing at this size (default: 50000)."),
            OptionSpec("--hold", value: "D", help: "How long each step runs before it is judged (default: 60s)."),
            OptionSpec("--speed", value: "X", help: "Station-time compression, as for run (default: 1: N stations are N real stations)."),
            OptionSpec("--seed", value: "N", help: "Seed of every random choice (default: 1)."),
            OptionSpec("--ramp", value: "N/s", help: "New connections per second (default: a step's stations within the first quarter of --hold, at least 500/s)."),
            OptionSpec("--slo", value: "EXPR", help: "An SLO every step must meet (at least one).", repeatable: true),
            OptionSpec("--report", value: "DIR", help: "Write each step's report in DIR/stations-N/ and the summary in DIR/capacity.json."),
            OptionSpec("--password", value: "SECRET", help: "HTTP Basic password of every station; never printed."),
            OptionSpec("--ca-file", value: "PEM", help: "Trust this CA for wss://."),
            OptionSpec("--ping-interval", value: "D", help: "Ping every link this often on the wall clock and drop it (reason ping_timeout) when a ping is still unanswered at the next, e.g. 30s. Default: no pings, as the Green'Up."),
            OptionSpec("--insecure", help: "Do not verify the CSMS's certificate (prints a warning)."),
            OptionSpec("--quiet", help: "No progress line and no line per step; only the final table."),
        ],
        discussion: """
            How the search goes: step 1 runs --step stations for --hold and checks every --slo; if all hold,
            step 2 runs a fresh fleet --step stations larger, and so on. Each step is a separate run (the
            stations of one step disconnect before the next connects). The search stops at the first step
            that misses an SLO or cannot reach the CSMS, at --max-stations, or at Ctrl-C; the capacity is the
            largest size that met every SLO.
            Exit codes: 0 a capacity was found, 1 even the first step failed an SLO, 2 bad usage,
            3 the CSMS could not be reached at the first step, 130 (SIGINT) or 143 (SIGTERM) interrupted.

            \(SLO.grammar)
            """
    )

    var csms: URL
    var profile: ProfileArgument
    var step: Int
    var maxStations: Int
    var hold: Duration
    var speed: Double
    var seed: UInt64
    var ramp: Double?
    var slos: [SLO]
    var report: String?
    var password: String?
    var caFile: String?
    var insecure: Bool
    var quiet: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        try arguments.expectPositionals(atMost: 0)
        guard let csms = try arguments.value("--csms", as: CSMSURL.argument) else {
            throw UsageError("option --csms URL is required", command: "capacity")
        }
        self.csms = csms
        profile = try arguments.value("--profile", as: ProfileArgument.argument) ?? .standard
        step = try arguments.value("--step", as: Count.positive) ?? 500
        maxStations = try arguments.value("--max-stations", as: Count.positive) ?? 50_000
        hold = try arguments.value("--hold", as: Duration.argument) ?? .seconds(60)
        speed = try arguments.value("--speed", as: Count.positiveReal) ?? 1
        seed = try arguments.value("--seed", as: Count.seed) ?? 1
        ramp = try arguments.value("--ramp", as: Rate.argument)
        slos = try SLOArgument.all(arguments, command: "capacity")
        report = arguments.value("--report")
        password = arguments.value("--password")
        caFile = try arguments.value("--ca-file", as: InputFile.argument)
        insecure = arguments.flag("--insecure")
        quiet = arguments.flag("--quiet")
        if slos.isEmpty {
            throw UsageError("capacity needs at least one --slo to judge each step by", command: "capacity")
        }
        if hold <= .zero {
            throw UsageError("--hold must be longer than zero", command: "capacity")
        }
        if step > maxStations {
            throw UsageError(
                "--step \(step) is larger than --max-stations \(maxStations): no step would run", command: "capacity")
        }
        if caFile != nil, insecure {
            throw UsageError("--ca-file and --insecure contradict each other: choose one", command: "capacity")
        }
        if csms.scheme == "ws", caFile != nil || insecure {
            throw UsageError("--ca-file and --insecure apply to wss:// only", command: "capacity")
        }
    }

    /// The fleet sizes to try: `step`, `2 × step`, … and `maxStations` last when it is not a multiple.
    static func sizes(step: Int, maxStations: Int) -> [Int] {
        var sizes = Array(stride(from: step, through: maxStations, by: step))
        if sizes.last != maxStations { sizes.append(maxStations) }
        return sizes
    }

    /// The ramp of a step: `--ramp`, or fast enough that the step's stations are all connecting within the
    /// first quarter of the hold, so that most of the hold measures the whole fleet.
    func rampPerSecond(stations: Int) -> Double {
        ramp ?? max(500, Double(stations) / (hold.seconds / 4))
    }

    func run() async throws -> ExitCode {
        let loaded = try profile.load(command: "capacity")
        if insecure {
            Output.error("warning: --insecure: the CSMS's certificate is not verified")
        }
        let interruption = CapacityInterruption()
        let watcher = InterruptWatcher(announcement: "stopping: ending this step, then the summary") {
            interruption.interrupt()
        }
        if !quiet {
            Output.error(
                "capacity of \(csms.absoluteString): steps of \(step) stations up to \(maxStations), each held "
                    + "\(hold) at speed \(speed), judged by \(slos.map(\.expression).joined(separator: ", "))")
        }
        var steps: [CapacityStep] = []
        for (index, stations) in Self.sizes(step: step, maxStations: maxStations).enumerated() {
            if interruption.isInterrupted { break }
            let result = await runStep(stations: stations, profile: loaded, interruption: interruption)
            steps.append(result)
            if !quiet { Output.error("step \(index + 1): \(result.line)") }
            if result.outcome != .passed { break }
        }
        let summary = CapacitySummary(steps: steps, interrupted: interruption.isInterrupted)
        if let report {
            let file = URL(fileURLWithPath: report).appendingPathComponent("capacity.json")
            do {
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(summary.json(search: searchDescription).utf8).write(to: file, options: .atomic)
            } catch {
                Output.error("error: cannot write \(file.path): \(error)")
                Output.standard(summary.table)
                return .badInput
            }
        }
        Output.standard(summary.table)
        if let report { Output.error("reports written to \(report)/") }
        // The signal says which of 130 and 143.
        return summary.exitCode == .interrupted ? watcher.exitCode ?? .interrupted : summary.exitCode
    }

    /// Runs one step and judges it; never throws, so the steps before it are always summed up.
    private func runStep(
        stations: Int, profile: Profile, interruption: CapacityInterruption
    ) async -> CapacityStep {
        var configuration = FleetRunConfiguration(profile: profile, profileName: self.profile.description)
        configuration.csmsURL = csms.absoluteString
        configuration.stations = stations
        configuration.duration = hold
        configuration.speed = speed
        configuration.seed = seed
        configuration.rampPerSecond = rampPerSecond(stations: stations)
        configuration.password = password
        configuration.caFile = caFile
        configuration.insecure = insecure
        let runner = FleetRunner(configuration: configuration)
        let progress = ProgressPrinter(stations: stations, quiet: quiet)
        var runReport: RunReport
        do {
            runReport = try await runner.run { update in
                progress.show(update.snapshot)
                if interruption.isInterrupted { runner.stop() }
            }
        } catch {
            progress.finish()
            let outcome: CapacityStep.Outcome =
                error.isCSMSUnreachable ? .unreachable(error.description) : .error(error.description)
            return CapacityStep(stations: stations, slo: [], outcome: outcome, reportFolder: nil)
        }
        progress.finish()
        runReport.evaluate(slos)
        var outcome: CapacityStep.Outcome =
            interruption.isInterrupted ? .interrupted : runReport.allSLOsPassed ? .passed : .failed
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
        return CapacityStep(stations: stations, slo: runReport.slo, outcome: outcome, reportFolder: folder)
    }

    /// `stations-00500`: padded to the width of the largest size, so that folders sort by size.
    static func folderName(stations: Int, maxStations: Int) -> String {
        let digits = String(stations)
        let width = String(maxStations).count
        return "stations-" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The search's settings as `capacity.json` records them (never the password).
    private var searchDescription: [String: Any] {
        var search: [String: Any] = [
            "csms": csms.absoluteString, "profile": profile.description, "step": step, "max_stations": maxStations,
            "hold_s": hold.seconds, "speed": speed, "seed": seed, "slo": slos.map(\.expression),
        ]
        if let ramp { search["ramp_per_s"] = ramp }
        return search
    }
}
