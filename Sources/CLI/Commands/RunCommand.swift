import Basics
import Fleet
import Foundation
import Metrics
import Net

/// `ocpp-fleet run`: the main job, a fleet over real sockets against a CSMS.
struct RunCommand: Command {
    static let configuration = CommandConfiguration(
        path: ["run"],
        abstract: "Run a fleet of stations against a CSMS (the embedded one when --csms is not given).",
        options: RunOptions.declarations,
        discussion: """
            CLOCKS:
              Station time runs --speed times faster than the wall clock: EV arrivals, dwell, charging,
              heartbeat and meter-value intervals. Wall time is never scaled: the wait for a CALL's answer,
              connection and handshake timeouts, ping/pong, reconnection waits, BootNotification retries.

            PROCESSES:
              One process holds as many stations as its open-file limit allows (ulimit -n; half as many with
              the embedded CSMS, which holds the other end of each link). Past that, run starts worker
              processes of this same program, each running one shard of the fleet (--shard k/N, with its
              own event loops, its own embedded CSMS when --csms is not given, and loopback source addresses
              of its own against a CSMS on 127.x), forwards Ctrl-C to them, shows one progress line, and merges
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
        let progress = ProgressPrinter(stations: runner.configuration.stations, quiet: options.quiet)
        let watcher = InterruptWatcher(announcement: options.interruptAnnouncement()) { runner.stop() }
        options.announce(runner.configuration)
        let report: RunReport
        do {
            report = try await runner.run { update in progress.show(update.snapshot) }
        } catch {
            progress.finish()
            Output.error("error: \(error)")
            // The attempts of a run that could not reach the CSMS, with how they failed, still make a report.
            if let report = error.report {
                _ = options.output.finish(report)
            }
            return error.isCSMSUnreachable ? .unreachable : .badInput
        }
        progress.finish()
        return options.output.finish(report, interruption: watcher.exitCode)
    }

    /// One shard of a run spread over processes (``RunWorkers``): progress lines on stdout for the parent,
    /// the report into `--report` for it to merge, no banner and no summary.
    private func runAsWorker(_ configuration: FleetRunConfiguration) async -> ExitCode {
        ParentWatch.start()
        var configuration = configuration
        configuration.loops = EventLoopGroup.loopCount(sharingWith: configuration.shard.count)
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
        guard options.output.write(report) else { return .badInput }
        withExtendedLifetime(watcher) {}
        if report.interrupted, exitCode == .ok { return watcher.exitCode ?? .interrupted }
        return exitCode
    }
}
