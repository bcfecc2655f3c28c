import Fleet
import Foundation
import Metrics

/// `ocpp-fleet run`: the main job, a fleet over real sockets against a CSMS.
struct RunCommand: Command {
    static let configuration = CommandConfiguration(
        path: ["run"],
        abstract: "Run a fleet of stations against a CSMS (the embedded one when --csms is not given).",
        options: [
            OptionSpec("--csms", value: "URL", help: "ws:// or wss:// URL of the CSMS; station k connects to URL/<id>. Default: the embedded CSMS on loopback."),
            OptionSpec("--profile", value: "NAME|FILE", help: "A built-in profile (see 'ocpp-fleet profile list') or a profile file (default: the built-in 'default')."),
            OptionSpec("--stations", value: "N", help: "Number of stations (default: the profile's, else 1000)."),
            OptionSpec("--duration", value: "D", help: "Wall-clock length of the run: 90s, 10m, 2h (default: 60s)."),
            OptionSpec("--speed", value: "X", help: "Station-time compression: 60 runs one simulated minute per second (default: 1 with --csms, 60 against the embedded CSMS)."),
            OptionSpec("--seed", value: "N", help: "Seed of every random choice (default: 1)."),
            OptionSpec("--ramp", value: "N/s", help: "New connections per second (default: 500/s)."),
            OptionSpec("--report", value: "DIR", help: "Write report.json, report.html, timeline.csv and junit.xml there."),
            OptionSpec("--slo", value: "EXPR", help: "A service-level objective, e.g. 'p99(StartTransaction) < 800ms'.", repeatable: true),
            OptionSpec("--shard", value: "I/N", help: "Run only the I-th of N equal parts of the fleet."),
            OptionSpec("--source-addresses", value: "RANGE", help: "Local addresses to connect from, e.g. 127.0.0.1-127.0.0.8."),
            OptionSpec("--metrics-port", value: "P", help: "Serve Prometheus metrics on 127.0.0.1:P during the run."),
            OptionSpec("--trace", value: "FILE", help: "Write every OCPP frame as JSON lines."),
            OptionSpec("--password", value: "SECRET", help: "HTTP Basic password of every station (OCPP security profiles 1 and 2); never printed."),
            OptionSpec("--ca-file", value: "PEM", help: "Trust this CA for wss:// (a private CA)."),
            OptionSpec("--ping-interval", value: "D", help: "Ping every link this often on the wall clock and drop it (reason ping_timeout) when a ping is still unanswered at the next, e.g. 30s. Default: no pings, as the Green'Up."),
            OptionSpec("--fault", value: "SPEC", help: "A network fault at a wall time of the run, e.g. partition@60s:30s, drop@2m:stations=1-500 (see Faults below).", repeatable: true),
            OptionSpec("--insecure", help: "Do not verify the CSMS's certificate (prints a warning)."),
            OptionSpec("--quiet", help: "No progress line."),
            OptionSpec("--json", help: "Print the summary as JSON on stdout."),
            OptionSpec("--processes", value: "N", help: "Spread the stations over N worker processes (default: as many as the open-file limit needs; one report all the same)."),
            OptionSpec("--max-stations-per-process", value: "N", help: "Spread the stations over worker processes of at most N stations each (default: what the open-file limit allows)."),
            OptionSpec("--worker", help: "A worker of a run spread over processes.", hidden: true),
        ],
        discussion: """
            CLOCKS:
              Station time runs --speed times faster than the wall clock: EV arrivals, dwell, charging,
              heartbeat and meter-value intervals. Wall time is never scaled: the wait for a CALL's answer,
              connection and handshake timeouts, ping/pong, reconnection waits, BootNotification retries.

            PROCESSES:
              One process holds as many stations as its open-file limit allows (ulimit -n; half as many with
              the embedded CSMS, which holds the other end of each link). Past that, run starts worker
              processes of this same program, each running one shard of the fleet (--shard k/N, with its
              own event loops, its own embedded CSMS when --csms is not given, and its own loopback source
              address against a CSMS on 127.x), forwards Ctrl-C to them, shows one progress line, and merges
              their reports exactly into one (as 'report merge' does). --trace gathers the workers' traces
              into one file, worker after worker; with --metrics-port P, worker k serves on P+k-1.

            EXIT CODES:
              0 ok, 1 an SLO failed, 2 bad usage or bad input file (nothing started), 3 the CSMS could not be
              reached, 130 (SIGINT, Ctrl-C) or 143 (SIGTERM) interrupted: the report is written and marked
              "interrupted": true.

            \(FaultSpec.grammar)

            \(SLO.grammar)
            """
    )

    var options: RunOptions

    init(_ arguments: ParsedArguments) throws(UsageError) {
        try arguments.expectPositionals(atMost: 0)
        options = try RunOptions(arguments)
    }

    func run() async throws -> ExitCode {
        let profile = try options.profile.load(command: "run")
        if options.insecure, !options.isWorker {
            Output.error("warning: --insecure: the CSMS's certificate is not verified")
        }
        let configuration = options.runConfiguration(profile: profile)
        if options.isWorker { return await runAsWorker(configuration) }
        let processes = try RunWorkers.processCount(options: options, configuration: configuration)
        if processes > 1 {
            return await RunWorkers(options: options, configuration: configuration, processes: processes).run()
        }
        let runner = FleetRunner(configuration: configuration)
        let stations = runner.configuration.stations
        let progress = ProgressPrinter(stations: stations, quiet: options.quiet)
        let watcher = InterruptWatcher(
            announcement: "stopping: closing transactions and links, then "
                + (options.report == nil ? "the summary" : "writing the report")
        ) { runner.stop() }
        if !options.quiet {
            let target = options.csms?.absoluteString ?? "the embedded CSMS on 127.0.0.1"
            Output.error("running \(stations) stations of \(options.profile) against \(target) for \(options.duration) at speed \(runner.configuration.speedText)" + (runner.configuration.stationClockNote().map { "; \($0)" } ?? ""))
        }
        let report: RunReport
        do {
            report = try await runner.run { update in progress.show(update.snapshot) }
        } catch {
            progress.finish()
            Output.error("error: \(error)")
            // The attempts of a run that could not reach the CSMS, with how they failed, still make a report.
            if let report = error.report {
                _ = ReportOutput(slos: options.slos, directory: options.report, json: options.json).finish(report)
            }
            return error.isCSMSUnreachable ? .unreachable : .badInput
        }
        progress.finish()
        return ReportOutput(slos: options.slos, directory: options.report, json: options.json)
            .finish(report, interruption: watcher.exitCode)
    }

    /// One shard of a run spread over processes (``RunWorkers``): progress lines on stdout for the parent,
    /// the report into `--report` for it to merge, no banner and no summary.
    private func runAsWorker(_ configuration: FleetRunConfiguration) async -> ExitCode {
        ParentWatch.start()
        let runner = FleetRunner(configuration: configuration)
        let watcher = InterruptWatcher(announcement: "") { runner.stop() }
        var report: RunReport
        var exitCode = ExitCode.ok
        do {
            report = try await runner.run { update in Output.standard(WorkerProgress(update.snapshot).line) }
        } catch {
            Output.error("error: \(error)")
            guard let failed = error.report else { return .badInput }
            report = failed
            exitCode = error.isCSMSUnreachable ? .unreachable : .badInput
        }
        if let directory = options.report {
            do {
                try ReportDirectory(URL(fileURLWithPath: directory)).write(report)
            } catch {
                Output.error("error: cannot write the report into \(directory): \(error)")
                return .badInput
            }
        }
        withExtendedLifetime(watcher) {}
        if report.interrupted, exitCode == .ok { return watcher.exitCode ?? .interrupted }
        return exitCode
    }
}
