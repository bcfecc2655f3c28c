import Metrics
import Net
import OCPP
import Station
import WebSocket

/// One event loop's share of a fleet: its stations' links and timers, its metrics recorder and its share of
/// the trace. Every method runs on the loop's thread, so nothing here takes a lock.
///
/// The loop fleet is the sockets backend of a ``StationHost``, which owns the stations: it hands the host
/// the events of the stations' sockets and of their timers (on the loop's timer wheel, one tag per
/// station timer), and opens, closes and drops links, sends frames and arms timers when the host asks.
/// Time is the ``RunClock``'s: a station's deadline becomes a wall deadline (scaled by the speed, except
/// for the timers that model the network and the CSMS, see ``Station/StationTimer/runsOnWallClock``),
/// and the wall time becomes the station's `now`.
final class LoopFleet: StationBackend, TimerOwner, WebSocketHandler {
    // Confined to `loop`: other threads hold it in a `LoopBound`, to hand it to `loop.execute`.

    /// A timer a station armed, with its deadline in the station's time and on the loops' clock.
    struct ArmedTimer {
        let timer: HostTimer
        let id: TimerID
        let at: Int64
        let due: UInt64
    }

    /// What the loop keeps for a station beside its host's: its link and its timers.
    struct Link {
        var channel: WebSocketChannel?
        /// Its channel is opening (TCP, TLS, upgrade).
        var opening = false
        /// When its channel began opening, in the loop's nanoseconds: the connection time runs from there.
        var openedAt: UInt64 = 0
        /// It has been connected before: its next attempt is a reconnection.
        var hasConnected = false
        /// How many connections it has begun: the substream of the next one's WebSocket keys.
        var connects: UInt32 = 0
        /// Why we are closing its link, if we are: the report counts it as ours, not the CSMS's.
        var closing: LinkClosure?
        var timers: [ArmedTimer] = []
    }

    /// Over sockets a CALL that waited in a station's queue is late from when it was due.
    static var measuresFromDue: Bool { true }

    let loop: EventLoop
    private let clock: RunClock
    private let client: WebSocketClient
    /// The run's seed: each station's WebSocket keys and draws of lost segments derive from it.
    private let seed: UInt64
    private let sourceAddresses: [SocketAddress]
    private let probe: RunProbe
    /// The embedded CSMS, which sends the commands of the stations' plans; nil for another CSMS.
    private let csms: EmbeddedCSMS?
    private let loopTrace: LoopTrace?
    // The hot state is unchecked for exclusivity: confined to the loop, and its accesses are short.

    /// The stations; set once, as the loop fleet is made. Read through an unowned reference, so that each
    /// event costs no reference counting; `hostOwner` keeps it.
    @exclusivity(unchecked) private(set) unowned(unsafe) var host: StationHost<LoopFleet>!
    private var hostOwner: StationHost<LoopFleet>?
    /// Each station's link and timers, by slot.
    @exclusivity(unchecked) private var links: ContiguousArray<Link> = []
    /// Where a message's JSON is written before its channel frames it: one buffer for the loop, rather
    /// than an array made and freed for each message.
    private var outgoing: [UInt8] = []
    /// Stations waiting for their turn to open a connection.
    private var waiting: [Int] = []
    private var waitingHead = 0
    private var opening = 0
    private let maxOpening: Int
    /// How often each open link is pinged, on the wall clock; `nil` sends no pings, as the Green'Up.
    private let pingInterval: Duration?
    /// The slot whose channel ``WebSocketClient/connect(station:on:handler:sourceAddress:conditions:)`` is making:
    /// a failure reported from inside that call finds its station before the channel's tag is set.
    private var connectingSlot: Int?
    /// The link faults under way, by slot: kept beside the slots, so that a fleet without faults pays
    /// nothing for them.
    private var faults: [Int: [ActiveLinkFault]] = [:]
    /// When each of the profile's events is planned, on the loops' clock: a storm's start.
    private let eventStarts: [UInt64]
    private let plan: FleetPlan
    private let rampPerSecond: Double
    /// How many of the shard's stations are on (by place in the ramp): those of this loop have a slot.
    private var poweredOn: Int
    /// This loop's stations never on yet (fleet index, place in the ramp), in ramp order, for ``resize(to:)``.
    private var dormant: [(index: Int, position: Int)] = []
    private var dormantHead = 0

    var recorder: MetricsRecorder { host.recorder }
    var stopping: Bool { host.stopping }
    var planShift: Int64 { clock.planShift }
    var isTracing: Bool { loopTrace != nil }
    /// A CSMS over a socket sees every message id: a station's are the Green'Up's.
    var showsMessageIds: Bool { true }

    /// Makes the loop's share of the fleet: the plans of `stations` (fleet indices), each powered on at its
    /// place in the ramp, `rampPerSecond` stations a second over the whole shard.
    /// - Parameters:
    ///   - rampPositions: for each station, its place in the shard's ramp (0 first), ascending.
    ///   - poweredOn: only stations placed before it in the ramp power on; the others wait for ``resize(to:)``.
    init(
        loop: EventLoop, plan: FleetPlan, stations: [Int], rampPositions: [Int], rampPerSecond: Double,
        clock: RunClock, client: WebSocketClient, sourceAddresses: [SocketAddress], maxOpening: Int,
        pingInterval: Duration?, probe: RunProbe, trace: LoopTrace?, csms: EmbeddedCSMS?, poweredOn: Int = .max
    ) {
        self.loop = loop
        self.csms = csms
        self.clock = clock
        self.client = client
        seed = plan.seed
        self.sourceAddresses = sourceAddresses
        self.maxOpening = max(1, maxOpening)
        self.pingInterval = pingInterval
        self.probe = probe
        loopTrace = trace
        eventStarts = plan.profile.events.map {
            clock.nanos(forStationTime: clock.stationTime(forPlanTime: clock.profileStart + $0.at))
        }
        self.plan = plan
        self.rampPerSecond = rampPerSecond
        self.poweredOn = poweredOn
        for (index, position) in zip(stations, rampPositions) where position >= poweredOn {
            dormant.append((index, position))
        }
        // A real-time run can last a day: its totals keep the same memory whatever latencies it meets.
        let host = StationHost(
            backend: self, plan: plan, drivesCSMS: csms != nil, shift: clock.planShift,
            recorder: MetricsRecorder(wholeRange: true))
        hostOwner = host
        self.host = host
        host.recorder.stations = stations.count
        host.reserveCapacity(stations.count - dormant.count)
        links.reserveCapacity(stations.count - dormant.count)
        for index in stations.prefix(stations.count - dormant.count) {
            host.add(plan.station(index))
            links.append(Link())
        }
        for (slot, position) in rampPositions.prefix(links.count).enumerated() {
            let powerOn = clock.startNanos + UInt64(Double(position) / rampPerSecond * 1_000_000_000)
            arm(.powerOn, slot: slot, at: clock.stationTime(atNanos: powerOn), due: powerOn)
            host.startLife(slot)
        }
    }

    /// The loops' instant `nanos` on the host's two clocks.
    private func instant(_ nanos: UInt64) -> HostInstant {
        HostInstant(nanos: nanos, stationTime: clock.stationTime(atNanos: nanos))
    }

    func elapsedMicros(atNanos nanos: UInt64) -> UInt64 {
        clock.elapsedMicros(atNanos: nanos)
    }

    func eventStart(_ event: Int) -> UInt64 {
        eventStarts[event]
    }

    /// Brings the metrics' timeline to `nanos`, as each event from the loop comes.
    private func advance(to nanos: UInt64) {
        recorder.advance(toElapsedMicros: clock.elapsedMicros(atNanos: nanos))
    }

    // MARK: Resizing

    /// Powers on or off this loop's stations so that those placed below `count` in the shard's ramp are on:
    /// new ones at the ramp's pace from now (the first at once), living their plans from now on; those at
    /// `count` or beyond close their links at once and are forgotten: their calls in flight count as
    /// neither answered nor failed, since no CSMS was at fault. A station powered on again starts afresh.
    func resize(to count: Int) {
        guard !stopping, count != poweredOn else { return }
        let now = EventLoop.now()
        let stationNow = clock.stationTime(atNanos: now)
        for slot in links.indices where !host.stations[slot].poweredOff && position(of: slot) >= count {
            powerOff(slot)
        }
        // A station powered off must not open its turn later, nor open one on behalf of its next life.
        waiting = waiting[waitingHead...].filter { !host.stations[$0].poweredOff }
        waitingHead = 0
        for slot in links.indices where host.stations[slot].poweredOff && position(of: slot) < count {
            host.renew(slot, as: plan.station(host.stations[slot].index))
            links[slot] = Link()
            start(slot, position: position(of: slot), now: now, stationNow: stationNow)
        }
        while dormantHead < dormant.count, dormant[dormantHead].position < count {
            let (index, position) = dormant[dormantHead]
            dormantHead += 1
            let slot = host.add(plan.station(index))
            links.append(Link())
            start(slot, position: position, now: now, stationNow: stationNow)
        }
        poweredOn = count
        openWaiting()
    }

    private func position(of slot: Int) -> Int {
        host.stations[slot].index - plan.stations.lowerBound
    }

    /// Powers a station on at its place among those joining now, its life starting now.
    private func start(_ slot: Int, position: Int, now: UInt64, stationNow: Int64) {
        let powerOn = now + UInt64(Double(max(0, position - poweredOn)) / rampPerSecond * 1_000_000_000)
        arm(.powerOn, slot: slot, at: clock.stationTime(atNanos: powerOn), due: powerOn)
        host.startLife(slot, at: stationNow)
    }

    private func powerOff(_ slot: Int) {
        for timer in links[slot].timers { loop.cancelTimer(timer.id) }
        links[slot].timers.removeAll()
        host.powerOff(slot)
        letGoOfLink(slot, reason: LinkClosure.poweredOff)
    }

    // MARK: Timers

    func timerFired(_ tag: UInt32) {
        let slot = Int(tag >> 8)
        guard let key = HostTimer(truncating: UInt8(truncatingIfNeeded: tag)),
            let position = links[slot].timers.firstIndex(where: { $0.timer == key })
        else { return }
        let timer = links[slot].timers[position]
        removeTimer(at: position, slot: slot)
        let now = EventLoop.now()
        recorder.recordSchedulerLag(micros: now > timer.due ? (now - timer.due) / 1000 : 0)
        advance(to: now)
        // A wall-clock wait ends when its wall time has passed, whatever station time says by then.
        let onWallClock = key.stationTimer?.runsOnWallClock ?? false
        let stationNow = onWallClock ? clock.stationTime(atNanos: now) : max(clock.stationTime(atNanos: now), timer.at)
        host.timerFired(key, slot: slot, due: timer.due, now: HostInstant(nanos: now, stationTime: stationNow))
    }

    func arm(_ timer: HostTimer, slot: Int, at: Int64, wallFrom now: HostInstant?) {
        let due = now.map { clock.nanos(wallDeadline: at, stationNow: $0.stationTime, after: $0.nanos) }
        arm(timer, slot: slot, at: at, due: due ?? clock.nanos(forStationTime: at))
    }

    /// Arms a timer for station time `at`, due on the loops at `due`.
    private func arm(_ timer: HostTimer, slot: Int, at: Int64, due: UInt64) {
        cancel(timer, slot: slot)
        let id = loop.scheduleTimer(at: due, owner: self, tag: UInt32(slot) << 8 | UInt32(timer.code))
        links[slot].timers.append(ArmedTimer(timer: timer, id: id, at: at, due: due))
    }

    func cancel(_ timer: HostTimer, slot: Int) {
        guard let position = links[slot].timers.firstIndex(where: { $0.timer == timer }) else { return }
        loop.cancelTimer(links[slot].timers[position].id)
        removeTimer(at: position, slot: slot)
    }

    /// Forgets a station's timer: the last takes its place, as their order means nothing.
    private func removeTimer(at position: Int, slot: Int) {
        let last = links[slot].timers.count - 1
        if position != last { links[slot].timers.swapAt(position, last) }
        links[slot].timers.removeLast()
    }

    // MARK: Faults

    /// Cuts the station's link the way `how` says; a clean close is the station's own, so it learns of it
    /// at once (as after a reboot's close) and reconnects by its policy.
    func drop(_ slot: Int, how: LinkCut, now: HostInstant) {
        guard let channel = links[slot].channel else { return }
        guard how == .close, channel.isOpen else {
            links[slot].closing = .dropped(how)
            if how == .close { channel.close() } else { channel.abort(reset: how == .reset) }
            return
        }
        links[slot].channel = nil
        recorder.recordDisconnected(reason: LinkClosure.closedByProfile.reason)
        channel.close(code: .goingAway)
        host.linkLost(slot, now: instant(now.nanos))
        openWaiting()
    }

    func beginLinkFault(_ fault: LinkFault, slot: Int, now: HostInstant) {
        let ends = now.nanos + UInt64(max(0, fault.durationMilliseconds)) * 1_000_000
        faults[slot, default: []].append(ActiveLinkFault(fault: fault, ends: ends))
        applyLinkFaults(slot)
    }

    func endLinkFaults(_ slot: Int, now: HostInstant) {
        faults[slot]?.removeAll { $0.ends <= now.nanos }
        if faults[slot]?.isEmpty == true { faults[slot] = nil }
        applyLinkFaults(slot)
    }

    /// Puts the station's link under its faults (or back to normal) and waits for the first to end.
    private func applyLinkFaults(_ slot: Int) {
        let conditions = linkConditions(slot)
        if links[slot].channel?.conditions != nil || conditions != nil {
            links[slot].channel?.conditions = conditions
        }
        cancel(.faultEnd, slot: slot)
        if let ends = faults[slot]?.map(\.ends).min() {
            arm(.faultEnd, slot: slot, at: clock.stationTime(atNanos: ends), due: ends)
        }
    }

    /// What the station's faults under way do to its link together: a partition if any is one, the
    /// longest latency, the narrowest bandwidth, the highest loss. `nil` when none is under way.
    private func linkConditions(_ slot: Int) -> LinkConditions? {
        guard let active = faults[slot], !active.isEmpty else { return nil }
        var conditions = LinkConditions(seed: seed ^ (UInt64(host.stations[slot].index) &* 0x9E37_79B9_7F4A_7C15))
        for entry in active {
            let fault = entry.fault
            if fault.kind == .partition {
                conditions.partitionedUntil = max(conditions.partitionedUntil ?? 0, entry.ends)
            }
            conditions.latency = max(conditions.latency, .milliseconds(fault.latencyMilliseconds))
            if let rate = fault.bytesPerSecond { conditions.bytesPerSecond = min(conditions.bytesPerSecond ?? rate, rate) }
            conditions.lossRate = max(conditions.lossRate, fault.lossRate)
        }
        return conditions
    }

    // MARK: Storms

    /// A fault of the whole fleet (``FleetRunner``'s `restartCSMS`) strikes stations `slots` now (every
    /// loop calls it with ``allSlots``), just before it acts: see ``StationHost/faultStruck(_:occurrence:plannedAt:slots:now:)``.
    /// - Parameter plannedAt: when the fault was planned, on the loops' clock.
    func faultStruck(_ fault: String, occurrence: Int, plannedAt: UInt64, slots struck: some Sequence<Int>) {
        let now = EventLoop.now()
        advance(to: now)
        host.faultStruck(fault, occurrence: occurrence, plannedAt: plannedAt, slots: struck, now: instant(now))
    }

    /// Every station this loop runs.
    var allSlots: Range<Int> { host.slots }

    func command(_ request: CentralSystemRequest, slot: Int, now: HostInstant) {
        csms?.send(request, to: host.stations[slot].station.identity.chargeBoxId)
    }

    // MARK: Frames

    func isLinked(_ slot: Int) -> Bool {
        links[slot].channel?.isOpen == true
    }

    func send(_ message: consuming OutgoingMessage, bytes: [UInt8]?, slot: Int, now: HostInstant) {
        guard let channel = links[slot].channel else { return }
        if let bytes {
            bytes.withUnsafeBytes { _ = channel.send(text: $0) }
            return
        }
        // Taken out while the channel reads it, so that nothing called from the send can write into it.
        var text = outgoing
        outgoing = []
        message.append(to: &text)
        text.withUnsafeBytes { _ = channel.send(text: $0) }
        text.removeAll(keepingCapacity: true)
        outgoing = text
    }

    func trace(_ frame: [UInt8], index: Int, id: String, outgoing: Bool, planTime: Int64, now: HostInstant) {
        loopTrace?.record(nanos: now.nanos, planTime: planTime, station: id, outgoing: outgoing, frame: frame)
    }

    // MARK: Connections

    func connect(_ slot: Int, now: HostInstant) {
        guard links[slot].channel == nil, host.mayLink(slot) else { return }
        if opening < maxOpening {
            open(slot)
        } else {
            waiting.append(slot)
        }
    }

    private func open(_ slot: Int) {
        opening += 1
        links[slot].opening = true
        links[slot].openedAt = EventLoop.now()
        links[slot].closing = nil
        recorder.recordConnectAttempt(isReconnect: links[slot].hasConnected)
        let index = host.stations[slot].index
        let source = sourceAddresses.isEmpty ? nil : sourceAddresses[index % sourceAddresses.count]
        var keys = RandomStream(seed: seed, station: index, purpose: .wire, substream: Int(links[slot].connects))
        links[slot].connects &+= 1
        connectingSlot = slot
        let channel = client.connect(
            station: host.stations[slot].station.identity.chargeBoxId, on: loop, handler: self, sourceAddress: source,
            conditions: faults.isEmpty ? nil : linkConditions(slot), keySeed: keys.next())
        connectingSlot = nil
        // Unless it failed inside the call (its failure was handled already).
        if links[slot].opening {
            channel.tag = slot
            channel.pingInterval = pingInterval
            links[slot].channel = channel
        }
    }

    /// Closes a station's link at its own request (a reboot): the station knows it is gone, and may want
    /// a new one before the old one has finished closing.
    func close(_ slot: Int, now: HostInstant) {
        letGoOfLink(slot, reason: LinkClosure.stationReboot)
        openWaiting()
    }

    /// Closes a station's link (or its opening) after letting go of it, so that the channel's own closing
    /// finds no station to tell; a link that was open counts as closed for `reason`.
    private func letGoOfLink(_ slot: Int, reason: String) {
        guard let channel = links[slot].channel else { return }
        links[slot].channel = nil
        if links[slot].opening {
            links[slot].opening = false
            opening -= 1
        } else {
            recorder.recordDisconnected(reason: reason)
        }
        channel.close()
    }

    /// Opens the connections that wait for a free place.
    private func openWaiting() {
        while opening < maxOpening, waitingHead < waiting.count {
            let slot = waiting[waitingHead]
            waitingHead += 1
            if links[slot].channel == nil, host.mayLink(slot) { open(slot) }
        }
        if waitingHead == waiting.count {
            waiting.removeAll(keepingCapacity: true)
            waitingHead = 0
        }
    }

    /// The slot of a channel that is still its station's, `nil` for one the station let go.
    private func slot(of channel: WebSocketChannel) -> Int? {
        if let connectingSlot { return connectingSlot }
        let slot = channel.tag
        guard slot < links.count, links[slot].channel === channel else { return nil }
        return slot
    }

    func webSocketOpened(_ channel: WebSocketChannel) {
        guard let slot = slot(of: channel) else { return }
        links[slot].opening = false
        opening -= 1
        let now = EventLoop.now()
        advance(to: now)
        recorder.recordConnected(isReconnect: links[slot].hasConnected)
        recorder.recordConnectTime(micros: now > links[slot].openedAt ? (now - links[slot].openedAt) / 1000 : 0)
        links[slot].hasConnected = true
        probe.linkEstablished()
        host.linkOpened(slot, now: instant(now))
        openWaiting()
    }

    func webSocket(_ channel: WebSocketChannel, received text: UnsafeRawBufferPointer) {
        guard let slot = slot(of: channel) else { return }
        let now = EventLoop.now()
        advance(to: now)
        // Read where the channel lent it (its loop's read buffer or its codec's reassembly): no copy.
        host.frameReceived(text, slot: slot, now: instant(now))
    }

    func webSocketClosed(_ channel: WebSocketChannel, reason: WebSocketCloseReason) {
        guard let slot = slot(of: channel) else { return }
        links[slot].channel = nil
        // A link the CSMS (or the network) took away, or an attempt it refused: a storm, when many.
        let lostByPeer: Bool
        if links[slot].opening {
            links[slot].opening = false
            opening -= 1
            let failure: ConnectFailure
            if let closing = links[slot].closing {
                failure = ConnectFailure(cutShort: closing, reason)
            } else if case .failed(let error) = reason {
                failure = ConnectFailure(error)
            } else {
                failure = ConnectFailure(closedBeforeOpening: reason)
            }
            recorder.recordConnectFailed(reason: failure.reason, httpStatus: failure.httpStatus)
            probe.attemptFailed(failure)
            // A CSMS that never let the station in did not go away: a refusal counts once it had.
            lostByPeer = failure.isTheCSMSs && links[slot].hasConnected
        } else {
            recorder.recordDisconnected(reason: links[slot].closing?.reason ?? LinkClosure.reason(reason))
            lostByPeer = links[slot].closing == nil
        }
        links[slot].closing = nil
        let now = EventLoop.now()
        advance(to: now)
        host.linkLost(slot, now: instant(now))
        if lostByPeer, !stopping { recorder.recordLinkLost(station: slot) }
        openWaiting()
    }

    // MARK: Ending the run

    /// Stops the stations' lives: no more EVs, no more connections but those of stations that must
    /// still deliver transaction messages; EVs charging now leave, so that each open transaction sends
    /// its StopTransaction (see ``StationHost/beginStopping(now:linksMayReturn:)``).
    /// - Parameter linksMayReturn: whether the CSMS may be reached while the run stops (false when the
    ///   embedded CSMS is down for good).
    func beginStopping(linksMayReturn: Bool = true) {
        recorder.recordStopping()
        let now = EventLoop.now()
        advance(to: now)
        // The run's end is not part of the experiment: the network heals, so that the last messages go.
        for slot in faults.keys {
            faults[slot] = nil
            applyLinkFaults(slot)
        }
        host.beginStopping(now: instant(now), linksMayReturn: linksMayReturn)
    }

    /// How many stations still have a transaction to stop or a CALL to send or to hear back about, linked
    /// or on their way back.
    var unfinishedStations: Int { host.unfinishedStations }

    /// Closes every link (with a close handshake where open), and counts them as closed by the run's end;
    /// no station opens one again.
    func closeAll() {
        host.closeLinks()
        for slot in links.indices {
            guard let channel = links[slot].channel else { continue }
            links[slot].closing = .runEnd
            channel.close()
        }
    }

    /// Channels not closed yet (open, opening or closing).
    var liveChannels: Int {
        links.reduce(0) { $0 + ($1.channel == nil ? 0 : 1) }
    }

    /// The last figures of the loop, as the run ends: transactions still open count as lost, transaction
    /// messages still held as unsent.
    func finish() -> LoopMetrics {
        host.recordOpenTransactionsLost()
        host.recordUnsentTransactionMessages()
        for slot in links.indices {
            for timer in links[slot].timers { loop.cancelTimer(timer.id) }
            links[slot].timers.removeAll()
        }
        loopTrace?.flush()
        advance(to: EventLoop.now())
        return recorder.collectFinal()
    }

    /// The figures so far, for the progress line and the timeline.
    func collect() -> LoopMetrics {
        recorder.recordSendQueue(bytes: loop.sendQueue.bytes, links: loop.sendQueue.channels)
        advance(to: EventLoop.now())
        return recorder.collect()
    }
}
