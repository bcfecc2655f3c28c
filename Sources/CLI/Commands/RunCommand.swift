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
        ],
        discussion: """
            CLOCKS:
              Station time runs --speed times faster than the wall clock: EV arrivals, dwell, charging,
              heartbeat and meter-value intervals. Wall time is never scaled: the wait for a CALL's answer,
              connection and handshake timeouts, ping/pong, reconnection waits, BootNotification retries.

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
        if options.insecure {
            Output.error("warning: --insecure: the CSMS's certificate is not verified")
        }
        let runner = FleetRunner(configuration: options.runConfiguration(profile: profile))
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
}
