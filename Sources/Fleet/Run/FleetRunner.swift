import Basics
import CSMS
import Glibc
import Metrics
import Net
import OCPP
import Synchronization

/// The main job: a fleet of stations over real WebSocket connections against a CSMS.
///
/// The stations of the configuration's shard are spread over one event loop per core (station `i` on
/// loop `i % loops`), connect at the ramp's rate, and live their planned lives on clocks that start at
/// the wall clock and run `speed` times faster (the profile's `start` only says where in its week the plan
/// begins); the waits that model the network and the CSMS (a CALL's answer, reconnections, BootNotification
/// retries) stay on the wall clock. When the run's time is up, or ``stop()`` is called, open transactions
/// are stopped, links closed, and the report is complete all the same.
///
/// ```swift
/// let runner = FleetRunner(configuration: configuration)
/// signalSource.setEventHandler { runner.stop() }          // SIGINT
/// let report = try await runner.run { print($0.line) }   // about once a second
/// ```
public final class FleetRunner: Sendable {
    /// What this runner runs.
    public let configuration: FleetRunConfiguration
    private let stopRequested = Atomic<Bool>(false)
    /// The size ``resize(to:)`` asked for; 0 until it is called.
    private let sizeTarget = Atomic<Int>(0)
    private let latest = Mutex(MetricsSnapshot())
    /// What the run's coordinator sleeps on between the things it has to do.
    private let alarm = RunAlarm()

    /// Prepares a run; nothing starts before ``run(progress:)``.
    public init(configuration: FleetRunConfiguration) {
        self.configuration = configuration
    }

    /// Ends the run early, from any thread (a SIGINT handler): ``run(progress:)`` stops the open
    /// transactions, closes the links and returns the report of what happened until then, marked
    /// ``Metrics/RunReport/interrupted`` when the run's time was not up.
    public func stop() {
        stopRequested.store(true, ordering: .releasing)
        alarm.ring()
    }

    /// Powers stations on or off while the run goes, from any thread, so that the first `stations` of the
    /// shard are on: new ones connect at ``FleetRunConfiguration/rampPerSecond`` from about now and live
    /// their plans from then on; stations beyond close their links at once, their calls in flight counted
    /// as neither answered nor failed (no CSMS was at fault), and start afresh if powered on again.
    /// - Parameter stations: how many of the shard's stations should be on, from 1 to all of them.
    public func resize(to stations: Int) {
        sizeTarget.store(stations, ordering: .releasing)
        alarm.ring()
    }

    /// Runs the fleet until its duration is over or ``stop()`` is called, and reports.
    /// - Parameter progress: called about once a second with the figures so far (not on a loop's thread).
    /// - Returns: the run's report, with the embedded CSMS's counters when it ran one.
    /// - Throws: ``FleetRunError``: ``FleetRunError/isCSMSUnreachable`` when no station could connect at
    ///   all within the connect timeout (with the reason, and the ``FleetRunError/report`` of the
    ///   attempts), an embedded CSMS that did not come back from a restart (with the report until then),
    ///   or a configuration, trace or server that cannot be used.
    public func run(
        progress: @escaping @Sendable (FleetRunProgress) -> Void = { _ in }
    ) async throws(FleetRunError) -> RunReport {
        let plan = try makePlan()
        let sources = try sourceAddresses()
        try prepareProcess(stations: plan.stations.count)
        // Each resource is closed by the scope that opened it, on every path out, in the reverse order of
        // opening: the trace file last, once the loops that write it have stopped.
        let traceFile = try configuration.traceFile.map { path throws(FleetRunError) in try TraceFile(path: path) }
        defer { traceFile?.close() }
        let group = try startLoops()
        defer { group.shutdown() }
        return try await withEmbeddedCSMS(plan: plan, group: group) { embedded throws(FleetRunError) in
            let client = try makeClient(url: configuration.csmsURL ?? embedded!.url, stations: plan.stations.count)
            let metricsServer = try startMetricsServer(csms: embedded)
            defer { metricsServer?.stop() }
            let report = try await drive(
                plan: plan, sources: sources.isEmpty ? loopbackSources(client) : sources, group: group,
                client: client, embedded: embedded, traceFile: traceFile, progress: progress)
            // The loops handed over their last lines as the run finished.
            try traceFile?.finish(report: report)
            return report
        }
    }

    /// Runs the fleet on `group` until its time is up, ``stop()`` is called, or the run fails.
    private func drive(
        plan: FleetPlan, sources: [SocketAddress], group: EventLoopGroup, client: WebSocketClient,
        embedded: EmbeddedCSMS?, traceFile: TraceFile?, progress: @escaping @Sendable (FleetRunProgress) -> Void
    ) async throws(FleetRunError) -> RunReport {
        let probe = RunProbe()
        // Station clocks start at the wall clock: a station's timestamps and the CSMS's absolute times
        // (retrieveDate, startSchedule, expiryDate) mean the same instants.
        let startNanos = EventLoop.now() + 50_000_000
        let clock = RunClock(
            startNanos: startNanos, stationStart: Self.wallClockMillis(atNanos: startNanos), profileStart: plan.start,
            speed: configuration.speed)
        var stationCount = min(plan.stations.count, configuration.poweredOnAtStart ?? plan.stations.count)
        let fleets = await startFleets(
            plan: plan, group: group, clock: clock, client: client, sources: sources, probe: probe,
            trace: traceFile, csms: embedded, poweredOn: stationCount)
        var restarts = embedded == nil ? [] : csmsRestarts(clock: clock)
        var aggregator = MetricsAggregator(loopCount: fleets.count)
        let end = clock.startNanos + configuration.duration.nanoseconds
        let connectTimeout = configuration.connectTimeout.nanoseconds
        var nextCollection = clock.startNanos + 1_000_000_000
        var nextHeapTrim = clock.startNanos + 60_000_000_000
        // The embedded CSMS is down between a restart's two moments: a run that stops then stops without it.
        var csmsIsDown = false

        while !stopRequested.load(ordering: .acquiring) {
            await pause(
                until: min(end, nextCollection, nextHeapTrim, restarts.first?.at ?? .max), probe: probe,
                loop: group.loops[0])
            let now = EventLoop.now()
            // Checked before the end: a loop that wakes late (a busy machine) must not take a CSMS that
            // refused every station for a run that went well.
            if probe.establishedCount == 0, probe.failedCount > 0,
                now >= clock.startNanos + connectTimeout || now >= end || probe.failedCount >= stationCount
            {
                await each(fleets) { $0.beginStopping() }
                let report = await finishRun(
                    fleets, stationCount: stationCount, aggregator: &aggregator, clock: clock, client: client,
                    embedded: embedded, interrupted: false, progress: progress)
                let failure = probe.failure!
                throw FleetRunError.unreachable(failure.unreachableReason, detail: failure.detail, report: report)
            }
            if now >= end { break }
            let target = min(sizeTarget.load(ordering: .acquiring), plan.stations.count)
            if target > 0, target != stationCount {
                stationCount = target
                await each(fleets) { $0.resize(to: target) }
            }
            if let restart = restarts.first, now >= restart.at, let embedded {
                restarts.removeFirst()
                if restart.isDown {
                    await each(fleets) {
                        $0.faultStruck("restartCSMS", occurrence: restart.event, plannedAt: restart.at, slots: $0.allSlots)
                    }
                    await embedded.goDown()
                    csmsIsDown = true
                    Self.keepDowntime(of: restart, wentDownAt: EventLoop.now(), in: &restarts)
                } else {
                    do {
                        try await embedded.comeBack(pausingOn: alarm, loop: group.loops[0])
                        csmsIsDown = false
                    } catch {
                        // A run whose CSMS stays down measures nothing the profile asked for: it stops, and
                        // says why.
                        await each(fleets) { $0.beginStopping(linksMayReturn: false) }
                        let report = await finishRun(
                            fleets, stationCount: stationCount, aggregator: &aggregator, clock: clock, client: client,
                            embedded: embedded, interrupted: true, progress: progress)
                        throw error.with(report: report)
                    }
                }
            }
            if now >= nextCollection {
                nextCollection += 1_000_000_000
                await collect(fleets, into: &aggregator)
                progress(FleetRunProgress(snapshot: aggregator.snapshot(), stations: stationCount, isStopping: false))
            }
            // A day-long run must not grow: the pages freed after each backlog go back to the system.
            if now >= nextHeapTrim {
                nextHeapTrim += 60_000_000_000
                ProcessHeap.returnFreePages()
            }
        }

        // Stopped before its time: the report covers part of the run, and says so.
        let interrupted = stopRequested.load(ordering: .acquiring) && EventLoop.now() < end
        // Stations offline now come back to deliver their transaction messages, unless the CSMS is down.
        let linksMayReturn = !csmsIsDown
        await each(fleets) { $0.beginStopping(linksMayReturn: linksMayReturn) }
        await waitUntil(fleets, within: configuration.drainTimeout) { $0.unfinishedStations }
        return await finishRun(
            fleets, stationCount: stationCount, aggregator: &aggregator, clock: clock, client: client,
            embedded: embedded, interrupted: interrupted, progress: progress)
    }

    /// Waits for the coordinator's next deadline, or for ``stop()`` or ``resize(to:)``. Until a first link
    /// opens it looks every 50 ms, so that a CSMS that refuses every station ends the run as soon as the
    /// last attempt failed.
    private func pause(until deadline: UInt64, probe: RunProbe, loop: EventLoop) async {
        let soon = probe.establishedCount == 0 ? EventLoop.now() + 50_000_000 : UInt64.max
        await alarm.wait(until: min(deadline, soon), on: loop)
    }

    /// Closes every link of fleets that have begun stopping, stops the embedded CSMS (so that its
    /// counters are final), and makes the report (`interrupted` when the run was stopped before its time).
    /// The loops and the trace file are left to the scopes that opened them.
    private func finishRun(
        _ fleets: [LoopBound<LoopFleet>], stationCount: Int, aggregator: inout MetricsAggregator, clock: RunClock,
        client: WebSocketClient, embedded: EmbeddedCSMS?, interrupted: Bool,
        progress: @Sendable (FleetRunProgress) -> Void
    ) async -> RunReport {
        await each(fleets) { $0.closeAll() }
        await waitUntil(fleets, within: .seconds(2)) { $0.liveChannels }
        // A run stopped at once ends before its clock starts (50 ms after the loops are ready).
        let endedNanos = EventLoop.now()
        let elapsed = Double(clock.elapsedMicros(atNanos: endedNanos)) / 1e6
        for (index, fleet) in fleets.enumerated() {
            aggregator.add(await onLoop(fleet) { $0.finish() }, fromLoop: index)
        }
        await embedded?.server.stop()
        let snapshot = aggregator.finish()
        latest.withLock { $0 = snapshot }
        progress(FleetRunProgress(snapshot: snapshot, stations: stationCount, isStopping: true))
        let description = RunDescription(
            seed: configuration.seed, stations: stationCount, durationSeconds: elapsed, speed: configuration.speed,
            csms: embedded == nil ? client.url.description : "embedded", profile: configuration.profileName,
            shard: "\(configuration.shard.index + 1)/\(configuration.shard.count)",
            stationClockStart: OCPPDateTime(millisecondsSinceEpoch: clock.stationStart).description,
            stationClockAheadSeconds: clock.stationAheadSeconds(atNanos: endedNanos))
        var report = RunReport(
            run: description, snapshot: snapshot, process: .current(), csms: embedded?.server.counterSnapshot ?? [:])
        report.interrupted = interrupted
        return report
    }

    // MARK: Opening and closing

    private func startLoops() throws(FleetRunError) -> EventLoopGroup {
        do {
            return try EventLoopGroup(loopCount: max(1, configuration.loops))
        } catch {
            throw FleetRunError.invalidConfiguration("cannot start the event loops: \(error)")
        }
    }

    /// Runs `body` with the embedded CSMS started on `group` (nil when the run has a `--csms`), and stops
    /// it when `body` returns or throws.
    private func withEmbeddedCSMS<Result>(
        plan: FleetPlan, group: EventLoopGroup, _ body: (EmbeddedCSMS?) async throws(FleetRunError) -> Result
    ) async throws(FleetRunError) -> Result {
        guard configuration.csmsURL == nil else { return try await body(nil) }
        let embedded = try await EmbeddedCSMS.start(plan: plan, password: configuration.password, group: group)
        do {
            let result = try await body(embedded)
            await embedded.server.stop()
            return result
        } catch {
            await embedded.server.stop()
            throw error
        }
    }

    /// The `--metrics-port` server, reading the latest figures and the embedded CSMS's counters; nil
    /// without the option.
    private func startMetricsServer(csms embedded: EmbeddedCSMS?) throws(FleetRunError) -> MetricsHTTPServer? {
        do {
            return try configuration.metricsPort.map { port throws(SystemCallError) in
                try MetricsHTTPServer(port: port) { [self] in
                    PrometheusExposition.render(latest.withLock { $0 }, csms: embedded?.server.counterSnapshot ?? [:])
                }
            }
        } catch {
            throw FleetRunError.metricsServer("\(error)")
        }
    }

    // MARK: Preparing

    private func makePlan() throws(FleetRunError) -> FleetPlan {
        let configuration = configuration
        guard configuration.speed > 0, configuration.speed.isFinite else {
            throw FleetRunError.invalidConfiguration("the speed must be a positive number")
        }
        guard configuration.rampPerSecond > 0 else {
            throw FleetRunError.invalidConfiguration("the ramp must be more than 0 connections per second")
        }
        guard configuration.duration > .zero else {
            throw FleetRunError.invalidConfiguration("the duration must be longer than zero")
        }
        let profileDuration = Int64(Double(configuration.duration.nanoseconds) / 1e6 * configuration.speed)
        let plan = FleetPlan(
            profile: configuration.profile, fleetSize: configuration.stations, seed: configuration.seed,
            duration: profileDuration, shard: configuration.shard)
        guard !plan.stations.isEmpty else {
            throw FleetRunError.invalidConfiguration(
                "the fleet has no station to run (check --stations and --shard)")
        }
        return plan
    }

    /// Raises the open-file limit and ignores SIGPIPE (a write to a link the CSMS just closed must be an
    /// error, not the end of the process), and refuses a fleet that cannot have all its sockets: it would
    /// otherwise fail station by station.
    private func prepareProcess(stations: Int) throws(FleetRunError) {
        let openFileLimit: UInt64
        do {
            openFileLimit = try NetProcess.prepare()
        } catch {
            throw FleetRunError.invalidConfiguration("cannot prepare the process for sockets: \(error)")
        }
        // Each station holds a socket, and so does its end in the embedded CSMS.
        let embedded = configuration.csmsURL == nil
        let descriptors = UInt64(stations) * (embedded ? 2 : 1) + 64
        guard descriptors <= openFileLimit else {
            throw FleetRunError.invalidConfiguration(
                "\(stations) stations\(embedded ? " with the embedded CSMS" : "") need about \(descriptors) open "
                    + "files and this process may open \(openFileLimit): "
                    + (embedded ? "serve the CSMS from another process (ocpp-fleet csms), " : "")
                    + "raise the limit (ulimit -n), or split the fleet with --shard")
        }
    }

    private func makeClient(url: String, stations: Int) throws(FleetRunError) -> WebSocketClient {
        let options = WebSocketClientOptions(
            password: configuration.password, connectTimeout: configuration.connectTimeout,
            caFile: configuration.caFile, insecure: configuration.insecure)
        do {
            return try WebSocketClient(url: url, options: options)
        } catch {
            if error.code == .invalidURL { throw FleetRunError.invalidConfiguration(error.description) }
            let failure = ConnectFailure(error)
            throw FleetRunError.unreachable(
                failure.unreachableReason, detail: failure.detail,
                report: failedBeforeStart(failure, stations: stations, csms: url))
        }
    }

    /// The report of a run that failed before any station started (a CSMS host that does not resolve, a
    /// CA file that cannot be read): each station's attempt would have failed the same way, and counts so.
    private func failedBeforeStart(_ failure: ConnectFailure, stations: Int, csms: String) -> RunReport {
        let recorder = MetricsRecorder()
        for _ in 0..<stations {
            recorder.recordConnectAttempt(isReconnect: false)
            recorder.recordConnectFailed(reason: failure.reason)
        }
        var aggregator = MetricsAggregator(loopCount: 1)
        aggregator.add(recorder.collectFinal(), fromLoop: 0)
        let description = RunDescription(
            seed: configuration.seed, stations: stations, durationSeconds: 0, speed: configuration.speed,
            csms: (try? WebSocketURL(csms))?.description ?? csms,
            profile: configuration.profileName, shard: "\(configuration.shard.index + 1)/\(configuration.shard.count)")
        return RunReport(run: description, snapshot: aggregator.finish(), process: .current())
    }

    /// With none given, the source addresses that keep the kernel's search for a free local port short
    /// against a CSMS on a 127.x address (see ``LoopbackSources``).
    private func loopbackSources(_ client: WebSocketClient) -> [SocketAddress] {
        LoopbackSources.addresses(csmsHost: client.url.host, fleetSize: configuration.stations, shard: configuration.shard)
            .compactMap { SocketAddress(ip: $0, port: 0) }
    }

    private func sourceAddresses() throws(FleetRunError) -> [SocketAddress] {
        var addresses: [SocketAddress] = []
        for text in configuration.sourceAddresses {
            guard let address = SocketAddress(ip: text, port: 0) else {
                throw FleetRunError.invalidConfiguration("\"\(text)\" is not a numeric IP address to connect from")
            }
            addresses.append(address)
        }
        return addresses
    }

    /// Builds each loop's share of the fleet on its loop, stations `i` with `i % loops` its number.
    private func startFleets(
        plan: FleetPlan, group: EventLoopGroup, clock: RunClock, client: WebSocketClient, sources: [SocketAddress],
        probe: RunProbe, trace: TraceFile?, csms: EmbeddedCSMS?, poweredOn: Int
    ) async -> [LoopBound<LoopFleet>] {
        let loops = group.loops
        let wallOffsetMicros = SystemClock.wallMicroseconds() - Int64(EventLoop.now() / 1000)
        let maxOpening = max(1, configuration.maxConnectsInFlight / loops.count)
        let ramp = configuration.rampPerSecond
        let pingInterval = configuration.pingInterval
        var fleets: [LoopBound<LoopFleet>] = []
        for (number, loop) in loops.enumerated() {
            let stations = plan.stations.filter { $0 % loops.count == number }
            let positions = stations.map { $0 - plan.stations.lowerBound }
            let fleet = await withCheckedContinuation { continuation in
                loop.execute {
                    let fleet = LoopFleet(
                        loop: loop, plan: plan, stations: stations, rampPositions: positions, rampPerSecond: ramp,
                        clock: clock, client: client, sourceAddresses: sources, maxOpening: maxOpening,
                        pingInterval: pingInterval, probe: probe,
                        trace: trace.map { LoopTrace(file: $0, wallOffsetMicros: wallOffsetMicros) },
                        csms: csms, poweredOn: poweredOn)
                    continuation.resume(returning: LoopBound(fleet, loop: loop))
                }
            }
            fleets.append(fleet)
        }
        return fleets
    }

    /// When the profile's `restartCSMS` events take the embedded CSMS down and bring it back, on the
    /// loops' clock, in order.
    private func csmsRestarts(clock: RunClock) -> [(at: UInt64, isDown: Bool, event: Int)] {
        var moments: [(at: UInt64, isDown: Bool, event: Int)] = []
        for (index, event) in configuration.profile.events.enumerated() {
            guard case .restartCSMS(let downtime) = event.action else { continue }
            let down = clock.stationTime(forPlanTime: clock.profileStart + event.at)
            moments.append((clock.nanos(forStationTime: down), true, index))
            moments.append((clock.nanos(forStationTime: down + downtime), false, index))
        }
        return moments.sorted { $0.at < $1.at }
    }

    /// Moves the return of the CSMS that went down at `wentDown` (later than planned, on a loaded machine
    /// whose runner woke late) so that it stays down as long as the profile says: a CSMS back at once
    /// would make no storm of reconnections.
    static func keepDowntime(
        of down: (at: UInt64, isDown: Bool, event: Int), wentDownAt wentDown: UInt64,
        in restarts: inout [(at: UInt64, isDown: Bool, event: Int)]
    ) {
        guard wentDown > down.at, let up = restarts.firstIndex(where: { !$0.isDown && $0.event == down.event }) else {
            return
        }
        restarts[up].at = max(restarts[up].at, wentDown + (restarts[up].at - down.at))
        restarts.sort { $0.at < $1.at }
    }

    // MARK: Talking to the loops

    /// Runs `body` on the fleet's loop and returns its result.
    private func onLoop<T: Sendable>(
        _ fleet: LoopBound<LoopFleet>, _ body: @escaping @Sendable (LoopFleet) -> T
    ) async -> T {
        await withCheckedContinuation { continuation in
            fleet.loop.execute { continuation.resume(returning: body(fleet.value)) }
        }
    }

    private func each(_ fleets: [LoopBound<LoopFleet>], _ body: @escaping @Sendable (LoopFleet) -> Void) async {
        for fleet in fleets { await onLoop(fleet, body) }
    }

    private func collect(_ fleets: [LoopBound<LoopFleet>], into aggregator: inout MetricsAggregator) async {
        for (index, fleet) in fleets.enumerated() {
            aggregator.add(await onLoop(fleet) { $0.collect() }, fromLoop: index)
        }
        let snapshot = aggregator.snapshot()
        latest.withLock { $0 = snapshot }
    }

    /// Waits until `count` is zero on every loop, or `limit` has passed.
    private func waitUntil(
        _ fleets: [LoopBound<LoopFleet>], within limit: Duration, count: @escaping @Sendable (LoopFleet) -> Int
    ) async {
        let deadline = EventLoop.now() + limit.nanoseconds
        while EventLoop.now() < deadline {
            var remaining = 0
            for fleet in fleets { remaining += await onLoop(fleet, count) }
            if remaining == 0 { return }
            await alarm.wait(until: EventLoop.now() + 20_000_000, on: fleets[0].loop)
        }
    }

    /// The wall clock at the loops' instant `nanos`, in milliseconds since the Unix epoch.
    private static func wallClockMillis(atNanos nanos: UInt64) -> Int64 {
        (SystemClock.wallMicroseconds() - Int64(EventLoop.now() / 1000) + Int64(nanos / 1000)) / 1000
    }
}
