import Basics
import Fleet
import Foundation
import Metrics
import Synchronization

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// A `run` whose stations are more than one process can hold: worker processes of this same program each
/// run one shard (`--shard k/N`) and the user sees one run, with one progress line, one summary and one
/// report, merged exactly from the workers' as `report merge` does.
///
/// Ctrl-C and SIGTERM reach the parent alone (the workers have process groups of their own) and are
/// forwarded as SIGINT, so each worker stops its stations, closes its links and writes its report, marked
/// interrupted. A worker that fails is an error that names it; the others are stopped, and none outlives
/// the parent (``ParentWatch``).
struct RunWorkers {
    /// Where a worker finds the stations' password: not on its command line, where `ps` would show it.
    static let passwordVariable = "OCPP_FLEET_WORKER_PASSWORD"
    /// Descriptors a process keeps beside its stations' sockets: loops, files, the metrics server.
    static let headroom = 256

    let options: RunOptions
    let configuration: FleetRunConfiguration
    let processes: Int

    /// How many processes the stations of `options` need: `--processes`, or enough processes of at most
    /// `--max-stations-per-process` stations, or of what the open-file limit allows.
    /// - Throws: ``UsageError`` when the run cannot be split as asked.
    static func processCount(
        options: RunOptions, configuration: FleetRunConfiguration
    ) throws(UsageError) -> Int {
        let stations = configuration.shard.stations(ofFleetOf: configuration.stations).count
        let capacity = options.maxStationsPerProcess
            ?? stationsPerProcess(openFileLimit: openFileLimit(), embeddedCSMS: options.csms == nil)
        let count = options.processes ?? (stations + capacity - 1) / max(1, capacity)
        guard count > 1 else { return 1 }
        if count > stations {
            throw UsageError("--processes \(count) for \(stations) stations: at most one process per station", command: "run")
        }
        if configuration.shard.count > 1 {
            throw UsageError(
                "shard \(options.shard) has \(stations) stations, more than one "
                    + "process holds (\(capacity)): cut the fleet into more shards (--shard I/N with a larger N)",
                command: "run")
        }
        return count
    }

    /// Stations one process can run: each needs a socket, and a second one when the CSMS runs in-process.
    static func stationsPerProcess(openFileLimit: UInt64, embeddedCSMS: Bool) -> Int {
        let usable = openFileLimit > UInt64(headroom) ? Int(min(openFileLimit, 1 << 40)) - headroom : 1
        return max(1, usable / (embeddedCSMS ? 2 : 1))
    }

    /// The hard open-file limit: the run raises its soft limit to it.
    static func openFileLimit() -> UInt64 {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        return UInt64(limit.rlim_max)
    }

    /// Runs the workers until they have all ended, and writes the merged report.
    func run() async -> ExitCode {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("ocpp-fleet-run-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let stations = configuration.stations
        let printer = ProgressPrinter(stations: stations, quiet: options.quiet)
        let latest = Mutex([WorkerProgress?](repeating: nil, count: processes))
        let started = StartedWorkers()
        let watcher = InterruptWatcher(
            announcement: options.interruptAnnouncement(stopping: "stopping \(processes) worker processes")
        ) { started.stopAll() }
        options.announce(configuration, processes: processes)
        for number in 1...processes {
            do {
                let worker = try WorkerProcess(
                    name: "worker \(number)/\(processes)", arguments: arguments(worker: number, folder: folder),
                    environment: options.password.map { [Self.passwordVariable: $0] } ?? [:]
                ) { line in
                    guard let progress = WorkerProgress(line: line) else { return }
                    latest.withLock { $0[number - 1] = progress }
                }
                started.add(worker)
            } catch {
                Output.error("error: cannot start worker \(number)/\(processes): \(error)")
                started.stopAll()
                _ = await started.waitAll()
                return .badInput
            }
        }
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(250))
                let figures = latest.withLock { $0.compactMap { $0 } }
                if !figures.isEmpty { printer.show(line: WorkerProgress.line(merging: figures, stations: stations)) }
            }
        }
        let exits = await started.waitAll()
        ticker.cancel()
        await ticker.value
        printer.finish()
        withExtendedLifetime(watcher) {}
        return finish(exits: exits, folder: folder, interruption: watcher.exitCode)
    }

    /// Judges the workers' ends, merges their reports and writes the run's.
    private func finish(exits: [(WorkerProcess, WorkerProcess.Exit)], folder: URL, interruption: ExitCode?) -> ExitCode {
        let accepted: Set<WorkerProcess.Exit> = [
            .exited(ExitCode.ok.rawValue), .exited(ExitCode.unreachable.rawValue),
            .exited(ExitCode.interrupted.rawValue), .exited(ExitCode.terminated.rawValue),
        ]
        let failed = exits.filter { !accepted.contains($0.1) }
        for (worker, exit) in failed {
            Output.error("error: \(worker.name) (pid \(worker.pid)) \(exit); the other workers were stopped")
        }
        if !failed.isEmpty { return .badInput }
        var reports: [(file: String, report: RunReport)] = []
        for (number, (worker, _)) in exits.enumerated() {
            let file = folder.appendingPathComponent("\(number + 1)/report.json").path
            do {
                reports.append((file, try ReportJSONReader.read(file: file)))
            } catch {
                Output.error("error: \(worker.name) (pid \(worker.pid)) left no readable report: \(error)")
                return .badInput
            }
        }
        let merged: RunReport
        do {
            merged = try ReportMerge.merge(reports)
        } catch {
            Output.error("error: the workers' reports do not merge: \(error)")
            return .badInput
        }
        gatherTraces()
        let output = options.output
        let unreachable = exits.filter { $0.1 == .exited(ExitCode.unreachable.rawValue) }
        if !unreachable.isEmpty {
            let names = unreachable.map(\.0.name).joined(separator: ", ")
            Output.error("error: \(names) could not reach the CSMS")
            _ = output.finish(merged)
            return .unreachable
        }
        return output.finish(merged, interruption: interruption)
    }

    /// The command line of worker `number` (from 1): this run's options, for its shard.
    func arguments(worker number: Int, folder: URL) -> [String] {
        var arguments = [
            "run", "--worker", "--quiet", "--shard", "\(number)/\(processes)",
            "--stations", String(configuration.stations), "--profile", options.profile.description,
            "--duration", "\(options.duration.milliseconds)ms", "--speed", String(options.speed),
            "--seed", String(options.seed), "--ramp", "\(options.ramp / Double(processes))/s",
            "--report", folder.appendingPathComponent(String(number)).path,
        ]
        if let csms = options.csms { arguments += ["--csms", csms.absoluteString] }
        let sources = sourceAddresses(worker: number)
        if !sources.isEmpty { arguments += ["--source-addresses", sources.joined(separator: ",")] }
        if let port = options.metricsPort { arguments += ["--metrics-port", String(port + number - 1)] }
        if let trace = options.trace { arguments += ["--trace", Self.tracePart(trace, worker: number)] }
        if let caFile = options.caFile { arguments += ["--ca-file", caFile] }
        if options.insecure { arguments.append("--insecure") }
        if let ping = options.pingInterval { arguments += ["--ping-interval", "\(ping.milliseconds)ms"] }
        arguments += ["--connect-timeout", "\(options.connectTimeout.milliseconds)ms"]
        return arguments
    }

    /// The worker's local addresses: its share of `--source-addresses` when there are enough for each
    /// worker to have its own, all of them otherwise; with none given, none (against a CSMS on a 127.x
    /// address, the worker's shard connects from addresses of its own: `FleetRunConfiguration.sourceAddresses`).
    func sourceAddresses(worker number: Int) -> [String] {
        let given = options.sourceAddresses
        if given.count >= processes {
            return given.indices.filter { $0 % processes == number - 1 }.map { given[$0] }
        }
        return given
    }

    private static func tracePart(_ trace: String, worker number: Int) -> String {
        "\(trace).worker-\(number)"
    }

    /// Joins the workers' traces into `--trace`'s file, worker after worker, and removes their parts.
    private func gatherTraces() {
        guard let trace = options.trace else { return }
        guard FileManager.default.createFile(atPath: trace, contents: nil), let output = FileHandle(forWritingAtPath: trace) else {
            Output.error("error: cannot write \(trace)")
            return
        }
        defer { try? output.close() }
        for number in 1...processes {
            let part = Self.tracePart(trace, worker: number)
            guard let input = FileHandle(forReadingAtPath: part) else { continue }
            while let chunk = try? input.read(upToCount: 1 << 20), !chunk.isEmpty { output.write(chunk) }
            try? input.close()
            try? FileManager.default.removeItem(atPath: part)
        }
    }
}
