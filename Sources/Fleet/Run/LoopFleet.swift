import Metrics
import Net
import OCPP
import Station
import WebSocket

/// One event loop's share of a fleet: its stations, their links and timers, its metrics recorder and its
/// share of the trace. Every method runs on the loop's thread, so nothing here takes a lock.
///
/// The loop fleet is the stations' runner: it feeds each ``Station`` the events of its sockets, of its
/// timers (on the loop's timer wheel, one tag per station timer) and of its ``StationLife``, and carries
/// out the effects the station returns. Time is the ``RunClock``'s: a station's deadline becomes a wall
/// deadline (scaled by the speed, except for the timers that model the network and the CSMS, see
/// ``Station/StationTimer/runsOnWallClock``), and the wall time becomes the station's `now`.
final class LoopFleet: TimerOwner, WebSocketHandler {
    // Confined to `loop`: other threads hold it in a `LoopBound`, to hand it to `loop.execute`.

    /// A timer a station armed, with its deadline in the station's time and on the loops' clock.
    struct ArmedTimer {
        let timer: HostTimer
        let id: TimerID
        let at: Int64
        let due: UInt64
    }

    /// A station and what its runner keeps beside it.
    struct Slot {
        var station: Station
        /// Its index in the whole fleet.
        let index: Int
        var life: StationLife
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
        var calls = StationCalls()
        /// The CSMS must turn its plug-and-charge key on once it is registered.
        var awaitsPlugAndCharge: Bool
        /// Online as the storms last saw it (``LoopFleet/isOnline(_:)``).
        var online = false
        /// The run powered it off (``LoopFleet/resize(to:)``): it does nothing until powered on again.
        var poweredOff = false
    }

    let loop: EventLoop
    /// What the stations do, as the run's metrics count it (the recorder is this loop's).
    private var metrics = StationMetrics(recorder: MetricsRecorder())
    var recorder: MetricsRecorder { metrics.recorder }
    private let clock: RunClock
    private let client: WebSocketClient
    /// The run's seed: each station's WebSocket keys and draws of lost segments derive from it.
    private let seed: UInt64
    private let sourceAddresses: [SocketAddress]
    private let probe: RunProbe
    /// The embedded CSMS, which sends the commands of the stations' plans; nil for another CSMS.
    private let csms: EmbeddedCSMS?
    private let trace: LoopTrace?
    private var slots: ContiguousArray<Slot> = []
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
    private(set) var stopping = false
    private var spareEffects: [StationEffect] = []
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
        self.trace = trace
        eventStarts = plan.profile.events.map {
            clock.nanos(forStationTime: clock.stationTime(forPlanTime: clock.profileStart + $0.at))
        }
        metrics.recorder.stations = stations.count
        self.plan = plan
        self.rampPerSecond = rampPerSecond
        self.poweredOn = poweredOn
        for (index, position) in zip(stations, rampPositions) where position >= poweredOn {
            dormant.append((index, position))
        }
        slots.reserveCapacity(stations.count - dormant.count)
        for index in stations.prefix(stations.count - dormant.count) {
            slots.append(makeSlot(index))
        }
        for (slot, position) in rampPositions.prefix(slots.count).enumerated() {
            let powerOn = clock.startNanos + UInt64(Double(position) / rampPerSecond * 1_000_000_000)
            arm(.powerOn, slot: slot, at: clock.stationTime(atNanos: powerOn), nanos: powerOn)
            scheduleLife(slot)
        }
    }

    private func makeSlot(_ index: Int) -> Slot {
        let stationPlan = plan.station(index)
        return Slot(
            station: stationPlan.makeStation(reconnection: plan.profile.reconnection, seed: plan.seed),
            index: index,
            life: StationLife(plan: stationPlan, profile: plan.profile, end: plan.end, shift: clock.planShift),
            awaitsPlugAndCharge: stationPlan.plugAndCharge && csms != nil)
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
        for slot in slots.indices where !slots[slot].poweredOff && position(of: slot) >= count {
            powerOff(slot)
        }
        // A station powered off must not open its turn later, nor open one on behalf of its next life.
        waiting = waiting[waitingHead...].filter { !slots[$0].poweredOff }
        waitingHead = 0
        for slot in slots.indices where slots[slot].poweredOff && position(of: slot) < count {
            slots[slot] = makeSlot(slots[slot].index)
            start(slot, position: position(of: slot), now: now, stationNow: stationNow)
        }
        while dormantHead < dormant.count, dormant[dormantHead].position < count {
            let (index, position) = dormant[dormantHead]
            dormantHead += 1
            slots.append(makeSlot(index))
            start(slots.count - 1, position: position, now: now, stationNow: stationNow)
        }
        poweredOn = count
        openWaiting()
    }

    private func position(of slot: Int) -> Int {
        slots[slot].index - plan.stations.lowerBound
    }

    /// Powers a station on at its place among those joining now, its life starting now.
    private func start(_ slot: Int, position: Int, now: UInt64, stationNow: Int64) {
        slots[slot].life.skipSteps(before: stationNow)
        let powerOn = now + UInt64(Double(max(0, position - poweredOn)) / rampPerSecond * 1_000_000_000)
        arm(.powerOn, slot: slot, at: clock.stationTime(atNanos: powerOn), nanos: powerOn)
        scheduleLife(slot)
    }

    private func powerOff(_ slot: Int) {
        for timer in slots[slot].timers { loop.cancelTimer(timer.id) }
        slots[slot].timers.removeAll()
        slots[slot].poweredOff = true
        slots[slot].calls.removeAll()
        recorder.recordPoweredOff(station: slot, wasOnline: slots[slot].online)
        slots[slot].online = false
        letGoOfLink(slot, reason: LinkClosure.poweredOff)
    }

    // MARK: Timers

    func timerFired(_ tag: UInt32) {
        let slot = Int(tag >> 8)
        guard let key = HostTimer(truncating: UInt8(truncatingIfNeeded: tag)),
            let position = slots[slot].timers.firstIndex(where: { $0.timer == key })
        else { return }
        let timer = slots[slot].timers.remove(at: position)
        let now = EventLoop.now()
        let deadline = timer.due
        recorder.recordSchedulerLag(micros: now > deadline ? (now - deadline) / 1000 : 0)
        // A wall-clock wait ends when its wall time has passed, whatever station time says by then.
        let onWallClock = key.stationTimer?.runsOnWallClock ?? false
        let stationNow = onWallClock ? clock.stationTime(atNanos: now) : max(clock.stationTime(atNanos: now), timer.at)
        switch key {
        case .powerOn:
            deliver(.powerOn, slot: slot, due: deadline, now: now, stationNow: stationNow)
        case .life:
            live(slot, due: deadline, now: now, stationNow: stationNow)
        case .faultEnd:
            endLinkFaults(slot, now: now)
        default:
            guard let stationTimer = key.stationTimer, !stopping || Self.endsWork(stationTimer) else { return }
            deliver(.timerFired(stationTimer), slot: slot, due: deadline, now: now, stationNow: stationNow)
        }
    }

    /// Whether a timer still fires while the run ends: those that finish what is under way (a CALL's
    /// timeout, a transaction message's retry, the meter's last reading), not those that start new
    /// work (heartbeats, meter values), so that the last CALLs are answered before the links close.
    private static func endsWork(_ timer: StationTimer) -> Bool {
        switch timer {
        case .callTimeout, .transactionRetry, .energy: true
        default: false
        }
    }

    /// Arms a timer for station time `at`, due on the loops at `nanos` (by default when the station's
    /// clock reaches `at`).
    private func arm(_ timer: HostTimer, slot: Int, at: Int64, nanos: UInt64? = nil) {
        cancel(timer, slot: slot)
        let due = nanos ?? clock.nanos(forStationTime: at)
        let id = loop.scheduleTimer(at: due, owner: self, tag: UInt32(slot) << 8 | UInt32(timer.code))
        slots[slot].timers.append(ArmedTimer(timer: timer, id: id, at: at, due: due))
    }

    private func cancel(_ timer: HostTimer, slot: Int) {
        guard let position = slots[slot].timers.firstIndex(where: { $0.timer == timer }) else { return }
        loop.cancelTimer(slots[slot].timers[position].id)
        slots[slot].timers.remove(at: position)
    }

    // MARK: The station's life

    private func scheduleLife(_ slot: Int) {
        guard !stopping, let next = slots[slot].life.nextTime else { return }
        arm(.life, slot: slot, at: next)
    }

    private func live(_ slot: Int, due: UInt64, now: UInt64, stationNow: Int64) {
        guard !stopping else { return }
        while let step = slots[slot].life.popDue(now: stationNow) {
            if let fault = step.fault {
                faultStruck(fault.name, occurrence: fault.event, plannedAt: eventStarts[fault.event], slots: CollectionOfOne(slot))
            }
            switch step {
            case .station(let event):
                deliver(event, slot: slot, due: due, now: now, stationNow: stationNow)
            case .dropLink(let how, _):
                drop(slot, how: how, now: now)
            case .powerCycle:
                deliver(.powerCycle, slot: slot, due: due, now: now, stationNow: stationNow)
            case .linkFault(let fault, _):
                beginLinkFault(fault, slot: slot, now: now)
            case .remoteStart(let connectorId, let idTag):
                command(CSMSCommand.remoteStart(connectorId: connectorId, idTag: idTag), slot)
            case .firmwareRollout(let version):
                // A station already on the version has nothing to update.
                if !slots[slot].station.model.firmwareVersion.hasPrefix(version.rawValue) {
                    command(CSMSCommand.updateFirmware(version, now: slots[slot].station.clockTime(at: stationNow)), slot)
                }
            case .chargingCap(let limit):
                command(CSMSCommand.chargingCap(limit, now: slots[slot].station.clockTime(at: stationNow)), slot)
            }
        }
        scheduleLife(slot)
    }

    // MARK: Faults

    /// Cuts the station's link the way `how` says; a clean close is the station's own, so it learns of it
    /// at once (as after a reboot's close) and reconnects by its policy.
    private func drop(_ slot: Int, how: LinkCut, now: UInt64) {
        guard let channel = slots[slot].channel else { return }
        guard how == .close, channel.isOpen else {
            slots[slot].closing = .dropped(how)
            if how == .close { channel.close() } else { channel.abort(reset: how == .reset) }
            return
        }
        slots[slot].channel = nil
        recorder.recordDisconnected(reason: LinkClosure.closedByProfile.reason)
        channel.close(code: .goingAway)
        deliver(.disconnected, slot: slot, due: now, now: now, stationNow: clock.stationTime(atNanos: now))
        openWaiting()
    }

    private func beginLinkFault(_ fault: LinkFault, slot: Int, now: UInt64) {
        let ends = now + UInt64(max(0, fault.durationMilliseconds)) * 1_000_000
        faults[slot, default: []].append(ActiveLinkFault(fault: fault, ends: ends))
        applyLinkFaults(slot, now: now)
    }

    private func endLinkFaults(_ slot: Int, now: UInt64) {
        faults[slot]?.removeAll { $0.ends <= now }
        if faults[slot]?.isEmpty == true { faults[slot] = nil }
        applyLinkFaults(slot, now: now)
    }

    /// Puts the station's link under its faults (or back to normal) and waits for the first to end.
    private func applyLinkFaults(_ slot: Int, now: UInt64) {
        let conditions = linkConditions(slot)
        if slots[slot].channel?.conditions != nil || conditions != nil {
            slots[slot].channel?.conditions = conditions
        }
        cancel(.faultEnd, slot: slot)
        if let ends = faults[slot]?.map(\.ends).min() {
            arm(.faultEnd, slot: slot, at: clock.stationTime(atNanos: ends), nanos: ends)
        }
    }

    /// What the station's faults under way do to its link together: a partition if any is one, the
    /// longest latency, the narrowest bandwidth, the highest loss. `nil` when none is under way.
    private func linkConditions(_ slot: Int) -> LinkConditions? {
        guard let active = faults[slot], !active.isEmpty else { return nil }
        var conditions = LinkConditions(seed: seed ^ (UInt64(slots[slot].index) &* 0x9E37_79B9_7F4A_7C15))
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

    /// A fault strikes stations `slots` now: the one call every fault the runner injects makes, for the
    /// stations it acts on, just before it acts, so that the report measures the storm it causes
    /// (``Metrics/StormMetrics``: which stations it hit, when each was back and booted). A step of a
    /// station's life that is a fault (``StationLife/Step/fault``) is recorded here by itself; a fault
    /// of the whole fleet (``FleetRunner``'s `restartCSMS`) calls it on every loop with ``allSlots``.
    /// Stations not powered on yet are left out: their first boot is no recovery.
    /// - Parameters:
    ///   - fault: the fault's name in the report, as the profile or `--fault` names it (`dropLinks`…).
    ///   - occurrence: tells the fault's occurrences apart, the same in every loop and shard (the
    ///     profile event's index); the calls for one occurrence make one storm, however spread in time.
    ///   - plannedAt: when the fault was planned, on the loops' clock: the stations' recovery counts from
    ///     it, the same instant in every loop.
    func faultStruck(_ fault: String, occurrence: Int, plannedAt: UInt64, slots struck: some Sequence<Int>) {
        let start = clock.elapsedMicros(atNanos: plannedAt)
        recorder.advance(toElapsedMicros: clock.elapsedMicros(atNanos: EventLoop.now()))
        for slot in struck where !slots[slot].timers.contains(where: { $0.timer == .powerOn }) {
            recorder.recordFault(
                fault, occurrence: occurrence, startMicros: start, station: slot, isOnline: slots[slot].online)
        }
    }

    /// Every station this loop runs.
    var allSlots: Range<Int> { slots.indices }

    /// Online for the storms: the link up, and the BootNotification accepted on it (or before it, for a
    /// model that keeps its registration across links).
    private static func isOnline(_ station: Station) -> Bool {
        station.isConnected && station.isRegistered
    }

    private func onlineChanged(_ slot: Int) {
        slots[slot].online.toggle()
        if slots[slot].online {
            recorder.recordOnline(
                station: slot, queuedSince: slots[slot].calls.queuedDues.map { clock.elapsedMicros(atNanos: $0) })
        } else {
            recorder.recordOffline(station: slot)
        }
    }

    private func command(_ request: CentralSystemRequest, _ slot: Int) {
        csms?.send(request, to: slots[slot].station.identity.chargeBoxId)
    }

    // MARK: Feeding the station

    /// Hands one event to a station and carries out its effects.
    /// - Parameter due: when the event was due on the loops' clock: a CALL it sends is late from then.
    private func deliver(_ event: StationEvent, slot: Int, due: UInt64, now: UInt64, stationNow: Int64) {
        deliver(slot: slot, due: due, now: now, stationNow: stationNow) { station, effects in
            station.handle(event, now: stationNow, effects: &effects)
        }
    }

    /// Lets `handle` give the station of `slot` what happened, then carries out the effects.
    private func deliver(
        slot: Int, due: UInt64, now: UInt64, stationNow: Int64,
        _ handle: (inout Station, inout [StationEffect]) -> Void
    ) {
        recorder.advance(toElapsedMicros: clock.elapsedMicros(atNanos: now))
        // Taken out of the loop fleet while in use: an effect may lead back here (a channel closing at once).
        var effects = spareEffects
        spareEffects = []
        let waited = slots[slot].station.queuedCalls > 0
        handle(&slots[slot].station, &effects)
        let callDue = slots[slot].calls.callDue(eventDue: due, hadQueued: waited)
        let written = slots[slot].calls.written
        for effect in effects {
            perform(effect, slot: slot, due: callDue, now: now, stationNow: stationNow)
        }
        // After the effects, whose BootNotification answer belongs to the storm it ends; before the
        // queue's accounting, which still holds the messages kept offline.
        if Self.isOnline(slots[slot].station) != slots[slot].online { onlineChanged(slot) }
        let sentFromQueue = waited && slots[slot].calls.written != written
        effects.removeAll(keepingCapacity: true)
        spareEffects = effects
        slots[slot].calls.account(queued: slots[slot].station.queuedCalls, due: due, sentFromQueue: sentFromQueue)
    }

    private func perform(_ effect: StationEffect, slot: Int, due: UInt64, now: UInt64, stationNow: Int64) {
        switch effect {
        case .send(let message):
            send(message, slot: slot, due: due, now: now, stationNow: stationNow)
        case .armTimer(let timer, let at):
            let wallDue = timer.runsOnWallClock ? clock.nanos(wallDeadline: at, stationNow: stationNow, after: now) : nil
            arm(HostTimer(timer), slot: slot, at: at, nanos: wallDue)
        case .cancelTimer(let timer):
            cancel(HostTimer(timer), slot: slot)
        case .closeConnection:
            detachAndClose(slot)
        case .connect:
            requestConnect(slot)
        case .callCompleted(let action, let messageId, let outcome):
            metrics.completed(action, messageId: messageId, outcome, station: slot, calls: &slots[slot].calls, now: now)
        case .lateAnswer(let action, let messageId):
            metrics.lateAnswer(action, messageId: messageId, station: slot, now: now)
        case .count(let count):
            metrics.count(count, station: slots[slot].station.identity.chargeBoxId)
        }
    }

    private func send(_ message: OutgoingMessage, slot: Int, due: UInt64, now: UInt64, stationNow: Int64) {
        guard let channel = slots[slot].channel, channel.isOpen else { return }
        let bytes = message.bytes
        bytes.withUnsafeBytes { _ = channel.send(text: $0) }
        trace?.record(nanos: now, planTime: stationNow &- clock.planShift, station: channel.stationID, outgoing: true, frame: bytes)
        metrics.sent(message, calls: &slots[slot].calls, due: due, now: now)
    }

    // MARK: Connections

    private func requestConnect(_ slot: Int) {
        guard !stopping, slots[slot].channel == nil, !slots[slot].poweredOff else { return }
        if opening < maxOpening {
            open(slot)
        } else {
            waiting.append(slot)
        }
    }

    private func open(_ slot: Int) {
        opening += 1
        slots[slot].opening = true
        slots[slot].openedAt = EventLoop.now()
        slots[slot].closing = nil
        recorder.recordConnectAttempt(isReconnect: slots[slot].hasConnected)
        let source = sourceAddresses.isEmpty ? nil : sourceAddresses[slots[slot].index % sourceAddresses.count]
        var keys = RandomStream(
            seed: seed, station: slots[slot].index, purpose: .wire, substream: Int(slots[slot].connects))
        slots[slot].connects &+= 1
        connectingSlot = slot
        let channel = client.connect(
            station: slots[slot].station.identity.chargeBoxId, on: loop, handler: self, sourceAddress: source,
            conditions: faults.isEmpty ? nil : linkConditions(slot), keySeed: keys.next())
        connectingSlot = nil
        // Unless it failed inside the call (its failure was handled already).
        if slots[slot].opening {
            channel.tag = slot
            channel.pingInterval = pingInterval
            slots[slot].channel = channel
        }
    }

    /// Closes a station's link at its own request (a reboot): the station knows it is gone, and may want
    /// a new one before the old one has finished closing.
    private func detachAndClose(_ slot: Int) {
        letGoOfLink(slot, reason: LinkClosure.stationReboot)
        openWaiting()
    }

    /// Closes a station's link (or its opening) after letting go of it, so that the channel's own closing
    /// finds no station to tell; a link that was open counts as closed for `reason`.
    private func letGoOfLink(_ slot: Int, reason: String) {
        guard let channel = slots[slot].channel else { return }
        slots[slot].channel = nil
        if slots[slot].opening {
            slots[slot].opening = false
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
            if slots[slot].channel == nil, !slots[slot].poweredOff, !stopping { open(slot) }
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
        guard slot < slots.count, slots[slot].channel === channel else { return nil }
        return slot
    }

    func webSocketOpened(_ channel: WebSocketChannel) {
        guard let slot = slot(of: channel) else { return }
        slots[slot].opening = false
        opening -= 1
        let now = EventLoop.now()
        recorder.recordConnected(isReconnect: slots[slot].hasConnected)
        recorder.recordConnectTime(micros: now > slots[slot].openedAt ? (now - slots[slot].openedAt) / 1000 : 0)
        slots[slot].hasConnected = true
        probe.linkEstablished()
        deliver(.connected, slot: slot, due: now, now: now, stationNow: clock.stationTime(atNanos: now))
        openWaiting()
    }

    func webSocket(_ channel: WebSocketChannel, received text: UnsafeRawBufferPointer) {
        guard let slot = slot(of: channel) else { return }
        let now = EventLoop.now()
        let stationNow = clock.stationTime(atNanos: now)
        trace?.record(
            nanos: now, planTime: stationNow &- clock.planShift, station: channel.stationID, outgoing: false, frame: text)
        // Read where the channel lent it (its loop's read buffer or its codec's reassembly): no copy.
        deliver(slot: slot, due: now, now: now, stationNow: stationNow) { station, effects in
            station.handle(received: text, now: stationNow, effects: &effects)
        }
        if slots[slot].awaitsPlugAndCharge, slots[slot].station.isRegistered {
            slots[slot].awaitsPlugAndCharge = false
            command(CSMSCommand.plugAndChargeOn, slot)
        }
    }

    func webSocketClosed(_ channel: WebSocketChannel, reason: WebSocketCloseReason) {
        guard let slot = slot(of: channel) else { return }
        slots[slot].channel = nil
        // A link the CSMS (or the network) took away, or an attempt it refused: a storm, when many.
        let lostByPeer: Bool
        if slots[slot].opening {
            slots[slot].opening = false
            opening -= 1
            let failure: ConnectFailure
            if let closing = slots[slot].closing {
                failure = ConnectFailure(cutShort: closing, reason)
            } else if case .failed(let error) = reason {
                failure = ConnectFailure(error)
            } else {
                failure = ConnectFailure(closedBeforeOpening: reason)
            }
            recorder.recordConnectFailed(reason: failure.reason, httpStatus: failure.httpStatus)
            probe.attemptFailed(failure)
            // A CSMS that never let the station in did not go away: a refusal counts once it had.
            lostByPeer = failure.isTheCSMSs && slots[slot].hasConnected
        } else {
            recorder.recordDisconnected(reason: slots[slot].closing?.reason ?? LinkClosure.reason(reason))
            lostByPeer = slots[slot].closing == nil
        }
        slots[slot].closing = nil
        let now = EventLoop.now()
        deliver(.disconnected, slot: slot, due: now, now: now, stationNow: clock.stationTime(atNanos: now))
        if lostByPeer, !stopping { recorder.recordLinkLost(station: slot) }
        openWaiting()
    }

    // MARK: Ending the run

    /// Stops the stations' lives: no more EVs, no more connections; EVs charging now leave, so that each
    /// open transaction sends its StopTransaction.
    func beginStopping() {
        recorder.recordStopping()
        stopping = true
        waiting.removeAll()
        waitingHead = 0
        let now = EventLoop.now()
        let stationNow = clock.stationTime(atNanos: now)
        // The run's end is not part of the experiment: the network heals, so that the last messages go.
        for slot in faults.keys {
            faults[slot] = nil
            applyLinkFaults(slot, now: now)
        }
        for slot in slots.indices where !slots[slot].poweredOff {
            cancel(.life, slot: slot)
            cancel(.powerOn, slot: slot)
            for connector in 1...slots[slot].station.model.connectorCount
            where slots[slot].station.hasTransaction(on: connector) {
                deliver(.evUnplugged(connectorId: connector), slot: slot, due: now, now: now, stationNow: stationNow)
            }
        }
    }

    /// How many connected stations still have a transaction to stop or a CALL to send or to hear back about.
    var unfinishedStations: Int {
        var count = 0
        for slot in slots where slot.channel?.isOpen == true {
            if slot.calls.inFlight != nil || slot.station.queuedCalls > 0 || hasTransaction(slot.station) { count += 1 }
        }
        return count
    }

    /// Closes every link (with a close handshake where open), and counts them as closed by the run's end.
    func closeAll() {
        for slot in slots.indices {
            guard let channel = slots[slot].channel else { continue }
            slots[slot].closing = .runEnd
            channel.close()
        }
    }

    /// Channels not closed yet (open, opening or closing).
    var liveChannels: Int {
        slots.reduce(0) { $0 + ($1.channel == nil ? 0 : 1) }
    }

    /// The last figures of the loop, as the run ends: transactions still open count as lost.
    func finish() -> LoopMetrics {
        for slot in slots where hasTransaction(slot.station) {
            for connector in 1...slot.station.model.connectorCount where slot.station.hasTransaction(on: connector) {
                recorder.recordTransactionLost()
            }
        }
        for slot in slots.indices {
            for timer in slots[slot].timers { loop.cancelTimer(timer.id) }
            slots[slot].timers.removeAll()
        }
        trace?.flush()
        recorder.advance(toElapsedMicros: clock.elapsedMicros(atNanos: EventLoop.now()))
        return recorder.collectFinal()
    }

    /// The figures so far, for the progress line and the timeline.
    func collect() -> LoopMetrics {
        recorder.recordSendQueue(bytes: loop.sendQueue.bytes, links: loop.sendQueue.channels)
        recorder.advance(toElapsedMicros: clock.elapsedMicros(atNanos: EventLoop.now()))
        return recorder.collect()
    }

    private func hasTransaction(_ station: Station) -> Bool {
        (1...station.model.connectorCount).contains { station.hasTransaction(on: $0) }
    }
}
