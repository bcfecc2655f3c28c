import Basics
import CSMS
import Dispatch
import Metrics

/// The whole fleet and the embedded CSMS in one process, in virtual time, with no sockets.
///
/// Each station talks to its own core of the embedded CSMS, and frames take ``linkLatency`` each way;
/// nothing else costs time, so a day of a thousand stations runs in seconds. The stations are split
/// between threads (one per core of the machine), which run in lockstep windows of ``window``; what the
/// stations see is recorded as a run over sockets records it, and every frame, optionally, in a trace.
/// Neither the trace nor the report depends on the number of threads.
///
/// ```swift
/// let plan = FleetPlan(profile: profile, fleetSize: 1_000, seed: 1, duration: 86_400_000)
/// let simulation = try Simulation(plan: plan, tracePath: "trace.jsonl")
/// try simulation.run()
/// let report = simulation.report(profileName: "default.json")
/// ```
///
/// A simulation is used from one thread (it starts its own workers inside ``run()``).
public final class Simulation {
    /// How long a frame takes from one end of a link to the other, in milliseconds.
    public static let linkLatency: Int64 = 2
    /// How much virtual time the threads run between two meetings, in milliseconds: each meeting merges
    /// their trace lines and collects their metrics.
    public static let window: Int64 = 60_000
    /// How much wall time passes, in nanoseconds, between two calls of a progress callback: a line is not
    /// redrawn more often than this, and gathering the totals for it copies every histogram at its next
    /// value (a day of 1,000 stations has 1,440 windows and takes about 2 s).
    public static let progressInterval: UInt64 = 200_000_000

    /// The plan being run.
    public let plan: FleetPlan
    private let cores: [SimulationCore]
    private var aggregator: MetricsAggregator
    private let trace: TraceWriter?
    private var now: Int64

    /// Prepares the stations of `plan` (all of them, or its shard's), switched off.
    ///
    /// - Parameters:
    ///   - plan: what to run.
    ///   - tracePath: where to write the trace of every frame, or `nil` for none.
    ///   - threads: how many threads share the stations; by default one per processor.
    ///   - typedFrames: whether a station's CALLs and their answers travel as typed values (by default),
    ///     or as JSON as over a socket; the trace and the report are the same either way, the typed
    ///     exchange is only faster.
    ///   - pingInterval: how often each link is pinged (as `run --ping-interval` does), or `nil` for no
    ///     pings, as a Green'Up sends none: a partition (a profile's `partition` event or `--fault`) then
    ///     cuts the stations off without their links being found dead.
    /// - Throws: ``SimulationError`` when the plan has no station or the trace cannot be written.
    public init(
        plan: FleetPlan, tracePath: String? = nil, threads: Int? = nil, typedFrames: Bool = true,
        pingInterval: Duration? = nil
    ) throws(SimulationError) {
        guard !plan.stations.isEmpty else { throw .noStations }
        self.plan = plan
        trace = try tracePath.map { path throws(SimulationError) in try TraceWriter(path: path) }
        let count = max(1, min(threads ?? System.processorCount, plan.stations.count))
        let stations = plan.stations
        cores = (0..<count).map { part in
            let lower = stations.lowerBound + stations.count * part / count
            let upper = stations.lowerBound + stations.count * (part + 1) / count
            return SimulationCore(
                plan: plan, stations: lower..<upper, tracing: tracePath != nil, typedFrames: typedFrames,
                pingInterval: pingInterval.map { max(1, $0.milliseconds) })
        }
        aggregator = MetricsAggregator(loopCount: count)
        now = plan.start
    }

    /// The number of scheduler events fired so far, over every thread.
    public var eventsFired: Int { cores.reduce(0) { $0 + $1.scheduler.firedCount } }

    /// Runs until the end of the plan.
    /// - Parameter progress: called after each ``window`` with the metrics so far (a progress line).
    /// - Throws: ``SimulationError`` when the trace could not be written.
    public func run(progress: ((MetricsSnapshot) -> Void)? = nil) throws(SimulationError) {
        try run(until: plan.end, progress: progress)
    }

    /// Runs every event due up to `time` (at most the end of the plan).
    /// - Parameters:
    ///   - time: where to stop, in milliseconds since the Unix epoch.
    ///   - progress: called with the metrics so far after the first ``window``, after the first window to
    ///     end ``progressInterval`` of wall time or more after the previous call, and after the last window.
    /// - Throws: ``SimulationError`` when the trace could not be written.
    public func run(until time: Int64, progress: ((MetricsSnapshot) -> Void)? = nil) throws(SimulationError) {
        let end = min(time, plan.end)
        var nextProgress: UInt64 = 0
        while now < end {
            let windowEnd = min(end, (now - plan.start) / Self.window * Self.window + Self.window + plan.start)
            runCores(until: windowEnd)
            let wall = SystemClock.monotonicNanoseconds()
            let showsProgress = progress != nil && (wall >= nextProgress || windowEnd == end)
            for (index, core) in cores.enumerated() {
                // The totals only for a progress line: the report takes them at the end.
                if showsProgress {
                    aggregator.add(core.recorder.collect(), fromLoop: index)
                } else {
                    let seconds = core.recorder.collectSeconds()
                    aggregator.add(seconds: seconds.closed, openSecond: seconds.openSecond, fromLoop: index)
                }
            }
            if let trace {
                trace.write(merging: cores.map { $0.trace ?? TraceBuffer() })
                for core in cores { core.trace?.clear() }
            }
            now = windowEnd
            if showsProgress, let progress {
                nextProgress = wall + Self.progressInterval
                progress(aggregator.snapshot())
            }
        }
        // At the plan's end the trace is whole: its file is closed then, not whenever the simulation goes.
        if now >= plan.end { trace?.close() } else { trace?.flush() }
        if let failure = trace?.failure { throw failure }
    }

    private func runCores(until time: Int64) {
        guard cores.count > 1 else {
            cores[0].run(until: time)
            return
        }
        // Each worker touches only its own core, and concurrentPerform returns once all are done.
        nonisolated(unsafe) let cores = cores
        DispatchQueue.concurrentPerform(iterations: cores.count) { index in
            cores[index].run(until: time)
        }
    }

    /// The report of the simulation, as `run` makes it; durations and rates are in virtual time.
    ///
    /// Ask for it once, when the simulation is over: it closes the metrics' last second.
    ///
    /// - Parameters:
    ///   - profileName: how the report names the profile (its file, usually).
    ///   - wallSeconds: how long the simulation took, to state the speed it ran at; 0 when unknown.
    public func report(profileName: String, wallSeconds: Double = 0) -> RunReport {
        for (index, core) in cores.enumerated() {
            // Virtual time ends with the links as they are: those up now were up before the stop.
            core.recorder.recordStopping()
            aggregator.add(core.recorder.collectFinal(), fromLoop: index)
        }
        var counters = CSMSCounters()
        for core in cores {
            counters.add(core.csmsCounters)
        }
        let snapshot = aggregator.finish()
        var csms = counters.snapshot
        // Summed over one core per station, the cores' peaks overstate; the fleet's own peak does not.
        csms["stations.max_connected"] = Double(snapshot.connections.maxConcurrent)
        let simulatedSeconds = Double(now - plan.start) / 1000
        let description = RunDescription(
            seed: plan.seed, stations: plan.stations.count, durationSeconds: simulatedSeconds,
            speed: wallSeconds > 0 ? simulatedSeconds / wallSeconds : 0, csms: "embedded", profile: profileName,
            shard: "\(plan.shard.index + 1)/\(plan.shard.count)")
        return RunReport(run: description, snapshot: snapshot, process: .current(), csms: csms)
    }
}
