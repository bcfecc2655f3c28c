/// Records what happens on one event loop: calls and answers per action, links, transactions,
/// scheduler lag, and a per-second timeline.
///
/// A recorder belongs to one loop and is used from that loop's thread only, so it takes no lock; it is not
/// `Sendable`. Recording a message touches a few counters and two histograms and allocates nothing (a
/// histogram grows only when a value exceeds every earlier one by a power of two). Actions are registered
/// once, ahead of the hot path, and recorded by ``ActionID``.
///
/// Latency is measured from when a call was *due*, not when it was written, so that a slow CSMS or a busy
/// loop cannot hide the delay it causes (coordinated omission); the service time (written → answered) is
/// recorded beside it.
///
/// The loop calls ``advance(toElapsedMicros:)`` whenever it wakes, and someone calls ``collect()`` on the
/// loop's thread every second or so (each second waiting to be collected holds its latency histogram), then
/// hands the ``LoopMetrics`` to a ``MetricsAggregator``.
///
/// ```swift
/// let recorder = MetricsRecorder()
/// let boot = recorder.register(action: "BootNotification")
/// recorder.recordSent(boot)
/// recorder.recordAnswer(boot, latencyMicros: now - due, serviceMicros: now - written)
/// recorder.advance(toElapsedMicros: now - runStart)
/// aggregator.add(recorder.collect(), fromLoop: 0)
/// ```
public final class MetricsRecorder {
    // The state is unchecked for exclusivity: a recorder is confined to its loop's thread, and no access
    // calls out while it lasts, as the static checks of a value type would prove. The runtime's checks
    // cost a tenth of a simulated CALL (two to four a CALL, each a thread-local look-up).
    private let highestTrackableLatency: UInt64
    private let wholeRange: Bool
    @exclusivity(unchecked) private var actions: [ActionMetrics] = []
    @exclusivity(unchecked) private var actionIndexByName: [String: Int] = [:]
    @exclusivity(unchecked) private var connections = ConnectionMetrics()
    @exclusivity(unchecked) private var transactions = TransactionMetrics()
    @exclusivity(unchecked) private var csmsFaults = CSMSFaultMetrics()
    @exclusivity(unchecked) private var schedulerLag: LatencyHistogram
    @exclusivity(unchecked) private var connectTime: LatencyHistogram
    @exclusivity(unchecked) private var currentSecond = TimelineSecond(second: 0)
    @exclusivity(unchecked) private var closedSeconds: [TimelineSecond] = []
    @exclusivity(unchecked) private var elapsedMicros: UInt64 = 0
    @exclusivity(unchecked) private var storms = StormTracker()
    /// Stations online: link up and BootNotification accepted.
    @exclusivity(unchecked) private var online: UInt64 = 0
    /// The BootNotification action's index once registered: its latencies during a storm are the storm's.
    @exclusivity(unchecked) private var bootIndex: Int?

    /// Makes an empty recorder whose run starts at elapsed time 0.
    /// - Parameters:
    ///   - highestTrackableLatency: latencies above it, in microseconds, count as it.
    ///   - wholeRange: whether the totals' histograms take their whole range at their first value, so that
    ///     the recorder's memory stays the same for a day-long run whatever latencies it meets (184 KiB
    ///     each). A simulation leaves them growing: its latencies are virtual and small, and it hands its
    ///     totals over every simulated minute, each handing over copying them at their next value.
    public init(highestTrackableLatency: UInt64 = LatencyHistogram.defaultHighestTrackableValue, wholeRange: Bool = false) {
        self.highestTrackableLatency = highestTrackableLatency
        self.wholeRange = wholeRange
        schedulerLag = LatencyHistogram(highestTrackableValue: highestTrackableLatency, wholeRange: wholeRange)
        connectTime = LatencyHistogram(highestTrackableValue: highestTrackableLatency, wholeRange: wholeRange)
    }

    /// Registers an action (or finds it when registered already).
    /// - Parameter name: the OCPP action, e.g. `Heartbeat`.
    /// - Returns: the handle to record it with.
    public func register(action name: String) -> ActionID {
        if let index = actionIndexByName[name] { return ActionID(index: index) }
        actions.append(ActionMetrics(name: name, highestTrackableLatency: highestTrackableLatency, wholeRange: wholeRange))
        actionIndexByName[name] = actions.count - 1
        if name == Self.bootNotification { bootIndex = actions.count - 1 }
        return ActionID(index: actions.count - 1)
    }

    // MARK: Calls

    /// A station sent a call.
    public func recordSent(_ action: ActionID) {
        actions[action.index].sent &+= 1
        currentSecond.counts.sent &+= 1
    }

    /// The CSMS answered a call with a CallResult.
    /// - Parameters:
    ///   - latencyMicros: from when the call was due to the answer.
    ///   - serviceMicros: from when the call was written to the answer.
    public func recordAnswer(_ action: ActionID, latencyMicros: UInt64, serviceMicros: UInt64) {
        actions[action.index].ok &+= 1
        recordAnswerTimes(action, latencyMicros: latencyMicros, serviceMicros: serviceMicros)
    }

    /// The CSMS answered a call with a CallError; its latency counts like any answer's.
    /// - Parameters:
    ///   - code: the CallError's code, e.g. `NotImplemented`.
    ///   - latencyMicros: from when the call was due to the answer.
    ///   - serviceMicros: from when the call was written to the answer.
    public func recordCallError(_ action: ActionID, code: String, latencyMicros: UInt64, serviceMicros: UInt64) {
        actions[action.index].callErrors.add(code)
        currentSecond.counts.callErrors &+= 1
        recordAnswerTimes(action, latencyMicros: latencyMicros, serviceMicros: serviceMicros)
    }

    /// A call got no answer in time.
    public func recordTimeout(_ action: ActionID) {
        actions[action.index].timeouts &+= 1
        currentSecond.counts.timeouts &+= 1
    }

    /// An answer (CallResult or CallError) came for a call already counted as a timeout: counted as late,
    /// and its latency recorded like any answer's.
    /// - Parameters:
    ///   - latencyMicros: from when the call was due to the answer, `nil` when no longer known.
    ///   - serviceMicros: from when the call was written to the answer, `nil` when no longer known.
    public func recordLateAnswer(_ action: ActionID, latencyMicros: UInt64?, serviceMicros: UInt64?) {
        actions[action.index].late &+= 1
        guard let latencyMicros, let serviceMicros else { return }
        recordAnswerTimes(action, latencyMicros: latencyMicros, serviceMicros: serviceMicros)
    }

    /// A station received a call from the CSMS.
    public func recordReceived(_ action: ActionID) {
        actions[action.index].received &+= 1
    }

    private func recordAnswerTimes(_ action: ActionID, latencyMicros: UInt64, serviceMicros: UInt64) {
        actions[action.index].latency.record(latencyMicros)
        actions[action.index].serviceTime.record(serviceMicros)
        currentSecond.counts.answered &+= 1
        currentSecond.latency.record(latencyMicros)
        if storms.isStormy, action.index == bootIndex { storms.bootAnswered(latencyMicros: latencyMicros) }
    }

    // MARK: Links

    /// A station starts connecting.
    /// - Parameter isReconnect: whether the station had been connected before.
    public func recordConnectAttempt(isReconnect: Bool) {
        connections.attempted &+= 1
        if isReconnect { connections.reconnectAttempts &+= 1 }
        currentSecond.counts.connectAttempts &+= 1
        storms.connectAttempt()
    }

    /// A station's WebSocket handshake completed.
    /// - Parameter isReconnect: whether the station had been connected before: it came back.
    public func recordConnected(isReconnect: Bool) {
        connections.established &+= 1
        if isReconnect { connections.reconnects &+= 1 }
        connections.current &+= 1
        connections.maxConcurrent = Swift.max(connections.maxConcurrent, connections.current)
        currentSecond.counts.accepted &+= 1
        storms.accepted()
    }

    /// How long a connection attempt that succeeded took, from its start to the end of its WebSocket
    /// handshake.
    public func recordConnectTime(micros: UInt64) {
        connectTime.record(micros)
    }

    /// A connection attempt failed.
    /// - Parameters:
    ///   - reason: a short, bounded word: `refused`, `timeout`, `http_status`, `handshake`, `tls`….
    ///   - httpStatus: for `http_status`, the status the CSMS answered the upgrade with, e.g. `503`.
    public func recordConnectFailed(reason: String, httpStatus: String? = nil) {
        connections.failed.add(reason)
        currentSecond.counts.connectFailures &+= 1
        switch reason {
        case "refused":
            currentSecond.counts.refused &+= 1
            storms.refused("tcp")
        case "http_status":
            currentSecond.counts.refused &+= 1
            storms.refused(httpStatus ?? "http")
        case "timeout":
            currentSecond.counts.connectTimeouts &+= 1
            storms.connectTimedOut()
        default:
            break
        }
    }

    /// An established link closed or broke.
    /// - Parameter reason: a short, bounded word for its cause: `csms_close_1000`, `no_close_frame`,
    ///   `ping_timeout`, `run_end`… (see ``ConnectionMetrics/closed``).
    public func recordDisconnected(reason: String) {
        connections.closed.add(reason)
        if connections.current > 0 { connections.current -= 1 }
    }

    /// What the loop's links hold unsent now (``ConnectionMetrics/unsentBytes``): the loop's send queue,
    /// a running total its channels keep; the collection hands over the latest.
    public func recordSendQueue(bytes: Int, links: Int) {
        connections.unsentBytes = UInt64(max(0, bytes))
        connections.backedUpLinks = UInt64(max(0, links))
    }

    /// The run begins to stop: the links up now are its ``ConnectionMetrics/connectedBeforeStop``, and
    /// storms take in nothing more (the run's own closing of every link is no storm).
    public func recordStopping() {
        connections.connectedBeforeStop = connections.current
        storms.freeze(at: elapsedMicros)
    }

    // MARK: Storms

    /// How many stations the loop runs, the most a storm nobody injected needs: that is as many links
    /// lost within a few seconds as a tenth of the stations that had one (``StormTracker/threshold(connected:)``).
    public var stations: Int {
        get { storms.stations }
        set { storms.stations = newValue }
    }

    /// A fault the run injects is due now (``recordFault(_:occurrence:startMicros:station:isOnline:)``'s
    /// names): its storm begins here before it hits any station, so that its *before* figures are taken
    /// at its planned instant in every part of the fleet, hit or not.
    public func recordFaultPlanned(_ fault: String, occurrence: Int, startMicros: UInt64) {
        storms.planned(fault, occurrence: occurrence, startMicros: startMicros, bootLatency: bootLatency)
    }

    /// A fault the run injects hits `station`, a number the loop gives it: the storm of that occurrence
    /// of the fault begins, or takes it in. Call it before the fault acts on the station.
    /// - Parameters:
    ///   - fault: the fault's name, as the profile names the event (`dropLinks`, `restartCSMS`…).
    ///   - occurrence: tells occurrences of the fault apart (the profile event's index); the same in
    ///     every loop and shard for the same occurrence.
    ///   - startMicros: the fault's planned instant, in microseconds since the run started: the stations'
    ///     recovery is measured from it.
    ///   - isOnline: whether the station's link is up with its BootNotification accepted.
    public func recordFault(_ fault: String, occurrence: Int, startMicros: UInt64, station: Int, isOnline: Bool) {
        storms.fault(
            fault, occurrence: occurrence, startMicros: startMicros, station: station, isOnline: isOnline,
            bootLatency: bootLatency)
    }

    /// `station` is online: its link is up and the CSMS accepted its BootNotification (or, for a model
    /// that does not boot again on a new link, its link is up again). It is back for every storm that
    /// waited for it.
    /// - Parameters:
    ///   - queuedSince: when each message waiting in its queue was due, in microseconds since the run
    ///     started: the messages it kept while offline.
    ///   - atMicros: when, in microseconds since the run started, if not the recorder's time: a
    ///     simulation moves its recorders' time only once a window, but times its storms to the event.
    public func recordOnline(station: Int, queuedSince: [UInt64] = [], atMicros: UInt64? = nil) {
        online &+= 1
        storms.online(station: station, at: atMicros ?? elapsedMicros, queuedSince: queuedSince)
    }

    /// `station` is no longer online (at `atMicros`, if not the recorder's time).
    public func recordOffline(station: Int, atMicros: UInt64? = nil) {
        if online > 0 { online -= 1 }
        storms.offline(station: station, at: atMicros ?? elapsedMicros)
    }

    /// `station` lost its link, or failed to open one, by the CSMS's doing or the network's (closed,
    /// reset, refused, unanswered), not by the run's: many such losses at once are a storm of a CSMS
    /// that went away (``StormMetrics/wentAway``), unless a fault the run injected explains them.
    /// - Parameter atMicros: when, if not the recorder's time.
    public func recordLinkLost(station: Int, atMicros: UInt64? = nil) {
        storms.linkLost(
            station: station, at: atMicros ?? elapsedMicros, connected: Int(clamping: connections.current),
            bootLatency: bootLatency)
    }

    /// The run powers `station` off (a capacity search shrinking the fleet; its link, if any, counts as
    /// closed by ``recordDisconnected(reason:)``): it is no longer online, and no storm waits for it.
    /// - Parameter wasOnline: whether it was online (``recordOnline(station:queuedSince:)``) until then.
    public func recordPoweredOff(station: Int, wasOnline: Bool) {
        if wasOnline, online > 0 { online -= 1 }
        storms.poweredOff(station: station)
    }

    private var bootLatency: LatencyHistogram {
        bootIndex.map { actions[$0].latency } ?? LatencyHistogram()
    }

    static let bootNotification = "BootNotification"

    // MARK: Frames the CSMS got wrong

    /// A station refused a frame from the CSMS: text that is not OCPP-J, an unknown action, a CALL that
    /// breaks its schema.
    /// - Parameter code: the CallError code the frame was refused with, e.g. `FormationViolation`.
    public func recordBadFrame(code: String) {
        csmsFaults.badFrames.add(code)
    }

    /// A CALLRESULT or CALLERROR from the CSMS matched no CALL in flight.
    public func recordUnmatchedAnswer() {
        csmsFaults.unmatchedAnswers &+= 1
    }

    // MARK: Transactions

    /// The CSMS accepted a StartTransaction.
    public func recordTransactionStarted() {
        transactions.started &+= 1
    }

    /// The CSMS answered a StopTransaction.
    /// - Parameter energyWh: the energy the transaction delivered (meterStop − meterStart).
    public func recordTransactionStopped(energyWh: UInt64) {
        transactions.stopped &+= 1
        transactions.energyWh &+= energyWh
    }

    /// A transaction could not be stopped properly.
    public func recordTransactionLost() {
        transactions.lost &+= 1
    }

    /// A station still holds `count` transaction messages unanswered as the run ends.
    public func recordUnsentAtEnd(_ count: Int) {
        transactions.unsentAtEnd &+= UInt64(count)
    }

    /// A station gave up a transaction message: the CSMS will never receive it.
    public func recordMessageLost(_ record: LostMessageRecord) {
        transactions.addLost(record)
    }

    /// A station sent a CALL again after its previous sending got no answer.
    public func recordDuplicateSent() {
        transactions.duplicatesSent &+= 1
    }

    // MARK: Scheduler and time

    /// A timer ran late by `micros` against when it was due.
    public func recordSchedulerLag(micros: UInt64) {
        schedulerLag.record(micros)
    }

    /// Moves the loop's clock forward, closing every second that ended before `elapsedMicros`.
    /// - Parameter elapsedMicros: time since the run started; going backwards is ignored.
    public func advance(toElapsedMicros elapsedMicros: UInt64) {
        guard elapsedMicros > self.elapsedMicros else { return }
        self.elapsedMicros = elapsedMicros
        let second = Int(elapsedMicros / 1_000_000)
        storms.advance(to: elapsedMicros)
        while currentSecond.second < second {
            currentSecond.counts.connected = connections.current
            currentSecond.counts.booted = online
            let next = TimelineSecond(second: currentSecond.second + 1)
            closedSeconds.append(currentSecond)
            currentSecond = next
        }
    }

    /// Hands over the totals so far and the seconds closed since the previous collection.
    public func collect() -> LoopMetrics {
        defer { closedSeconds = [] }
        return LoopMetrics(
            elapsedMicros: elapsedMicros, actions: actions, connections: connections, transactions: transactions,
            csmsFaults: csmsFaults, schedulerLag: schedulerLag, connectTime: connectTime, closedSeconds: closedSeconds,
            openSecond: currentSecond.second, storms: storms.current)
    }

    /// Hands over the seconds closed since the previous collection, without the totals
    /// (``MetricsAggregator/add(seconds:openSecond:fromLoop:)``): for a collector that needs the totals
    /// only at the end (a simulation without a progress line). The totals of ``collect()`` share the
    /// recorder's histograms, which are then copied at their next value, 2 % of a simulation's time.
    /// - Returns: the seconds closed, oldest first, and the first second not closed yet.
    public func collectSeconds() -> (closed: [TimelineSecond], openSecond: Int) {
        defer { closedSeconds = [] }
        return (closedSeconds, currentSecond.second)
    }

    /// The bytes the per-second figures hold in memory: the second in progress and those closed since the
    /// previous collection, each with its latency histogram. It depends on how often ``collect()`` is
    /// called, not on the run's length.
    public var timelineBytes: Int {
        closedSeconds.capacity * MemoryLayout<TimelineSecond>.stride
            + closedSeconds.reduce(0) { $0 + $1.retainedBytes } + currentSecond.retainedBytes
    }

    /// Closes the second in progress too, as the run ends, and hands everything over.
    ///
    /// The second in progress is kept unless the run ended exactly as it began and nothing happened in it,
    /// so that a 60 s run shows 60 seconds, not a 61st empty one that would dip every chart.
    public func collectFinal() -> LoopMetrics {
        let secondStart = UInt64(currentSecond.second) * 1_000_000
        let happened = currentSecond.counts.sent + currentSecond.counts.answered + currentSecond.counts.timeouts
            + currentSecond.counts.connectFailures
        if elapsedMicros > secondStart || happened > 0 || closedSeconds.isEmpty && currentSecond.second == 0 {
            currentSecond.counts.connected = connections.current
            currentSecond.counts.booted = online
            let next = TimelineSecond(second: currentSecond.second + 1)
            closedSeconds.append(currentSecond)
            currentSecond = next
        }
        return collect()
    }
}
