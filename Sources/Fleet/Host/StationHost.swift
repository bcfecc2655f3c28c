import Metrics
import OCPP
import Station

/// The one station host of both engines: it owns each station of a loop (over sockets) or of a
/// simulation core (in virtual time) with its life, hands it its events and carries out its effects,
/// through a ``StationBackend`` for all that differs between the two.
///
/// What it does once for both: the station's life (``StationLife``: EVs, badges, app starts, the
/// commands of the embedded CSMS, faults), the CALLs' bookkeeping and the mapping of what a station does
/// to the metrics (``StationMetrics``) and to the trace (``TraceLine``'s times on the plan's calendar),
/// the storms' view of who is online, and the one timer encoding (``HostTimer``). What its backend does:
/// how a frame travels, how a link opens, closes or drops, how a timer fires, and where "now" comes from.
///
/// Confined to its backend's thread, like its metrics recorder.
final class StationHost<Backend: StationBackend> {
    // The hot state is unchecked for exclusivity: it is confined to one thread, and its accesses are
    // short (a station's `handle` calls nothing back), as the static checks of a value type would prove.

    /// The stations, by slot.
    @exclusivity(unchecked) private(set) var stations: ContiguousArray<HostedStation> = []
    /// What the stations do, as the run's metrics count it.
    @exclusivity(unchecked) private(set) var metrics: StationMetrics
    /// Buffers handed to the stations, reused; a stack, because carrying out one station's effects may
    /// make it (or its link) act again before the first buffer is done with.
    @exclusivity(unchecked) private var spareEffects: [[StationEffect]] = []
    private unowned(unsafe) let backend: Backend
    private let plan: FleetPlan
    /// Whether the host drives the CSMS (the embedded one): it sends the commands of the stations' plans.
    private let drivesCSMS: Bool
    /// How far the plan's steps move onto the stations' clock.
    private let shift: Int64
    /// The run is ending: the stations' lives are over, and only what finishes work under way still runs.
    private(set) var stopping = false
    /// While the run stops, the stations' links may come back (the CSMS is up): an offline station that
    /// holds transaction messages then reconnects to deliver them.
    private var linksMayReturn = false
    /// The run has closed every link for good: no station opens one again, whatever it still holds.
    private var linksClosed = false

    var recorder: MetricsRecorder { metrics.recorder }

    /// - Parameters:
    ///   - backend: the world of the stations; it owns the host.
    ///   - drivesCSMS: whether the host sends the commands of the stations' plans to the CSMS.
    ///   - shift: how far the plan's calendar moves onto the stations' clock (``RunClock/planShift``
    ///     over sockets, 0 in virtual time).
    init(backend: Backend, plan: FleetPlan, drivesCSMS: Bool, shift: Int64, recorder: MetricsRecorder = MetricsRecorder()) {
        self.backend = backend
        self.plan = plan
        self.drivesCSMS = drivesCSMS
        self.shift = shift
        metrics = StationMetrics(recorder: recorder)
    }

    // MARK: Stations

    /// Makes room for `count` stations.
    func reserveCapacity(_ count: Int) {
        stations.reserveCapacity(count)
    }

    /// Adds the station `stationPlan` plans, switched off, in the next slot. - Returns: its slot.
    @discardableResult
    func add(_ stationPlan: StationPlan) -> Int {
        stations.append(makeStation(stationPlan))
        return stations.count - 1
    }

    /// Makes the station of `slot` anew from its plan, switched off: a station powered on again starts afresh.
    func renew(_ slot: Int, as stationPlan: StationPlan) {
        stations[slot] = makeStation(stationPlan)
    }

    private func makeStation(_ stationPlan: StationPlan) -> HostedStation {
        HostedStation(
            station: stationPlan.makeStation(
                reconnection: plan.profile.reconnection, seed: plan.seed, compactMessageIds: !backend.showsMessageIds),
            index: stationPlan.index, life: StationLife(plan: stationPlan, profile: plan.profile, end: plan.end, shift: shift),
            awaitsPlugAndCharge: stationPlan.plugAndCharge && drivesCSMS)
    }

    /// Every slot.
    var slots: Range<Int> { stations.indices }

    /// Starts the station's life at station time `time`: a station that joins a running fleet does not
    /// live the time before it.
    func startLife(_ slot: Int, at time: Int64? = nil) {
        if let time { stations[slot].life.skipSteps(before: time) }
        scheduleLife(slot)
    }

    /// The run powers the station off: it is forgotten, its calls in flight counted as neither answered
    /// nor failed; its backend lets go of its link and timers.
    func powerOff(_ slot: Int) {
        stations[slot].poweredOff = true
        stations[slot].poweredOn = false
        stations[slot].calls.removeAll()
        recorder.recordPoweredOff(station: slot, wasOnline: stations[slot].online)
        stations[slot].online = false
    }

    // MARK: What the backend hears

    /// A timer of the station armed through the backend fired.
    /// - Parameter due: when it was due on the host's clock: a CALL it sends is late from then.
    func timerFired(_ timer: HostTimer, slot: Int, due: UInt64, now: HostInstant) {
        switch timer {
        case .powerOn:
            stations[slot].poweredOn = true
            deliver(.powerOn, slot: slot, due: due, now: now)
        case .life:
            live(slot, due: due, now: now)
        case .faultEnd:
            backend.endLinkFaults(slot, now: now)
        default:
            guard let stationTimer = timer.stationTimer,
                !stopping || Self.endsWork(stationTimer) || (Self.bringsBack(stationTimer) && mayLink(slot))
            else { return }
            deliver(.timerFired(stationTimer), slot: slot, due: due, now: now)
        }
    }

    /// Whether a timer brings a station back to its CSMS: a reconnection, the end of a reboot, a
    /// BootNotification's retry. While the run stops they fire only for the stations that still have
    /// transaction messages to deliver (``mayLink(_:)``).
    private static func bringsBack(_ timer: StationTimer) -> Bool {
        switch timer {
        case .reconnect, .bootCompleted, .bootRetry: true
        default: false
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

    /// The station's link is open.
    func linkOpened(_ slot: Int, now: HostInstant) {
        deliver(.connected, slot: slot, due: now.nanos, now: now)
    }

    /// The station's link is gone (or its opening failed).
    func linkLost(_ slot: Int, now: HostInstant) {
        deliver(.disconnected, slot: slot, due: now.nanos, now: now)
    }

    /// A frame from the CSMS reached the station.
    /// - Parameter frame: lent for the call only; the station copies out what it keeps.
    func frameReceived(_ frame: UnsafeRawBufferPointer, slot: Int, now: HostInstant) {
        if backend.isTracing { trace(Array(frame), slot: slot, outgoing: false, now: now) }
        deliver(slot: slot, due: now.nanos, now: now) { station, effects in
            station.handle(received: frame, now: now.stationTime, effects: &effects)
        }
        provisionPlugAndCharge(slot, now: now)
    }

    /// The CSMS's answer to a CALL of the station reached it as a typed value (a CSMS in the same process).
    func answerReceived(_ response: StationResponse, messageId: String, slot: Int, now: HostInstant) {
        if backend.isTracing {
            var bytes: [UInt8] = []
            response.encodeCallResult(messageId: messageId, into: &bytes)
            trace(bytes, slot: slot, outgoing: false, now: now)
        }
        deliver(slot: slot, due: now.nanos, now: now) { station, effects in
            station.handle(answer: response, messageId: messageId, now: now.stationTime, effects: &effects)
        }
        provisionPlugAndCharge(slot, now: now)
    }

    /// Once a plug-and-charge station is first registered, the CSMS turns its `oCPPPlugAndCharge` key on,
    /// as an operator commissioning it would.
    private func provisionPlugAndCharge(_ slot: Int, now: HostInstant) {
        guard stations[slot].awaitsPlugAndCharge, stations[slot].station.isRegistered else { return }
        stations[slot].awaitsPlugAndCharge = false
        backend.command(CSMSCommand.plugAndChargeOn, slot: slot, now: now)
    }

    // MARK: The station's life

    private func scheduleLife(_ slot: Int) {
        guard !stopping, let next = stations[slot].life.nextTime else { return }
        backend.arm(.life, slot: slot, at: next, wallFrom: nil)
    }

    private func live(_ slot: Int, due: UInt64, now: HostInstant) {
        guard !stopping else { return }
        while let step = stations[slot].life.popDue(now: now.stationTime) {
            if let fault = step.fault {
                faultStruck(fault.name, occurrence: fault.event, plannedAt: backend.eventStart(fault.event),
                    slots: CollectionOfOne(slot), now: now)
            }
            switch step {
            case .station(let event):
                deliver(event, slot: slot, due: due, now: now)
            case .dropLink(let how, _):
                backend.drop(slot, how: how, now: now)
            case .powerCycle:
                deliver(.powerCycle, slot: slot, due: due, now: now)
            case .linkFault(let fault, _):
                backend.beginLinkFault(fault, slot: slot, now: now)
            case .remoteStart(let connectorId, let idTag):
                command(CSMSCommand.remoteStart(connectorId: connectorId, idTag: idTag), slot, now: now)
            case .firmwareRollout(let version):
                // A station already on the version has nothing to update.
                if !stations[slot].station.model.firmwareVersion.hasPrefix(version.rawValue) {
                    let clock = stations[slot].station.clockTime(at: now.stationTime)
                    command(CSMSCommand.updateFirmware(version, now: clock), slot, now: now)
                }
            case .chargingCap(let limit):
                let clock = stations[slot].station.clockTime(at: now.stationTime)
                command(CSMSCommand.chargingCap(limit, now: clock), slot, now: now)
            }
        }
        scheduleLife(slot)
    }

    private func command(_ request: CentralSystemRequest, _ slot: Int, now: HostInstant) {
        guard drivesCSMS else { return }
        backend.command(request, slot: slot, now: now)
    }

    // MARK: Storms

    /// A fault strikes stations `slots` now: the one call every fault injected makes, for the stations
    /// it acts on, just before it acts, so that the report measures the storm it causes
    /// (``Metrics/StormMetrics``: which stations it hit, when each was back and booted). A step of a
    /// station's life that is a fault (``StationLife/Step/fault``) is recorded here by itself; a fault of
    /// the whole fleet (a restart of the CSMS) is recorded by the backend with every slot. Stations not
    /// powered on yet are left out: their first boot is no recovery.
    /// - Parameters:
    ///   - fault: the fault's name in the report, as the profile or `--fault` names it (`dropLinks`…).
    ///   - occurrence: tells the fault's occurrences apart, the same in every loop, core and shard (the
    ///     profile event's index); the calls for one occurrence make one storm, however spread in time.
    ///   - plannedAt: when the fault was planned, on the host's clock: the stations' recovery counts from
    ///     it, the same instant in every loop.
    func faultStruck(
        _ fault: String, occurrence: Int, plannedAt: UInt64, slots struck: some Sequence<Int>, now: HostInstant
    ) {
        let start = backend.elapsedMicros(atNanos: plannedAt)
        for slot in struck where stations[slot].poweredOn {
            recorder.recordFault(
                fault, occurrence: occurrence, startMicros: start, station: slot, isOnline: stations[slot].online)
        }
    }

    /// Online for the storms: the link up, and the BootNotification accepted on it (or before it, for a
    /// model that keeps its registration across links).
    private func isOnline(_ slot: Int) -> Bool {
        stations[slot].station.isConnected && stations[slot].station.isRegistered
    }

    private func onlineChanged(_ slot: Int, now: HostInstant) {
        stations[slot].online.toggle()
        let at = backend.elapsedMicros(atNanos: now.nanos)
        if stations[slot].online {
            recorder.recordOnline(
                station: slot, queuedSince: stations[slot].calls.queuedDues.map { backend.elapsedMicros(atNanos: $0) },
                atMicros: at)
        } else {
            recorder.recordOffline(station: slot, atMicros: at)
        }
    }

    // MARK: Feeding the station

    /// Hands one event to a station and carries out its effects.
    /// - Parameter due: when the event was due on the host's clock: a CALL it sends is late from then
    ///   (when the backend ``StationBackend/measuresFromDue``).
    func deliver(_ event: StationEvent, slot: Int, due: UInt64, now: HostInstant) {
        deliver(slot: slot, due: due, now: now) { station, effects in
            station.handle(event, now: now.stationTime, effects: &effects)
        }
    }

    /// Lets `handle` give the station of `slot` what happened, then carries out its effects.
    @inline(__always)
    private func deliver(
        slot: Int, due: UInt64, now: HostInstant, _ handle: (inout Station, inout [StationEffect]) -> Void
    ) {
        var effects = takeEffects()
        // The effects of earlier events may still fill the buffer (left as `.connect`): this event's follow.
        let first = effects.count
        let waited = Backend.measuresFromDue && stations[slot].station.queuedCalls > 0
        handle(&stations[slot].station, &effects)
        perform(&effects, from: first, slot: slot, due: due, now: now, waited: waited)
    }

    /// How many spent effects (each a `.connect`, holding nothing) a buffer keeps before it is emptied.
    private static var effectsKept: Int { 64 }

    private func takeEffects() -> [StationEffect] {
        spareEffects.popLast() ?? []
    }

    /// Carries out a station's effects from `first` on, and gives the buffer back.
    /// - Parameter waited: whether the station had CALLs queued before the event (asked only when the
    ///   backend measures from the due time).
    private func perform(
        _ effects: inout [StationEffect], from first: Int, slot: Int, due: UInt64, now: HostInstant, waited: Bool
    ) {
        let measuresFromDue = Backend.measuresFromDue
        let callDue = measuresFromDue ? stations[slot].calls.callDue(eventDue: due, hadQueued: waited) : now.nanos
        let written = measuresFromDue ? stations[slot].calls.written : 0
        // Each effect is moved out of the buffer, which is emptied next, rather than copied (a copy
        // retains its message's storage, and the buffer's emptying releases it again).
        for index in first..<effects.count {
            var effect = StationEffect.connect
            swap(&effect, &effects[index])
            perform(effect, slot: slot, due: callDue, now: now)
        }
        // Emptied only once it has grown: emptying it after each event (its every element destroyed
        // through the runtime) cost more than the event's own effects.
        if effects.count >= Self.effectsKept { effects.removeAll(keepingCapacity: true) }
        spareEffects.append(effects)
        // After the effects, whose BootNotification answer belongs to the storm it ends; before the
        // queue's accounting, which still holds the messages kept offline.
        if isOnline(slot) != stations[slot].online { onlineChanged(slot, now: now) }
        if measuresFromDue {
            let sentFromQueue = waited && stations[slot].calls.written != written
            stations[slot].calls.account(
                queued: stations[slot].station.queuedCalls, due: due, sentFromQueue: sentFromQueue)
        }
        if stopping { endTransactions(slot, now: now) }
    }

    private func perform(_ effect: consuming StationEffect, slot: Int, due: UInt64, now: HostInstant) {
        switch consume effect {
        case .send(let message):
            send(message, slot: slot, due: due, now: now)
        case .armTimer(let timer, let at):
            backend.arm(HostTimer(timer), slot: slot, at: at, wallFrom: timer.runsOnWallClock ? now : nil)
        case .cancelTimer(let timer):
            backend.cancel(HostTimer(timer), slot: slot)
        case .closeConnection:
            backend.close(slot, now: now)
        case .connect:
            backend.connect(slot, now: now)
        case .callCompleted(let action, let messageId, let outcome):
            metrics.completed(
                action, messageId: messageId, outcome, station: slot, calls: &stations[slot].calls, now: now.nanos)
        case .lateAnswer(let action, let messageId):
            metrics.lateAnswer(action, messageId: messageId, station: slot, now: now.nanos)
        case .count(let count):
            metrics.count(count, station: stations[slot].station.identity.chargeBoxId)
        }
    }

    private func send(_ message: consuming OutgoingMessage, slot: Int, due: UInt64, now: HostInstant) {
        guard backend.isLinked(slot) else { return }
        var traced: [UInt8]?
        if backend.isTracing {
            traced = message.bytes
            trace(traced!, slot: slot, outgoing: true, now: now)
        }
        metrics.sent(message, calls: &stations[slot].calls, due: due, now: now.nanos)
        backend.send(message, bytes: traced, slot: slot, now: now)
    }

    private func trace(_ frame: [UInt8], slot: Int, outgoing: Bool, now: HostInstant) {
        backend.trace(
            frame, index: stations[slot].index, id: stations[slot].station.identity.chargeBoxId, outgoing: outgoing,
            planTime: now.stationTime &- shift, now: now)
    }

    // MARK: Ending the run

    /// Stops the stations' lives: no more EVs; EVs charging now leave, so that each open transaction
    /// sends its StopTransaction, and so do those of transactions that start while the run stops.
    ///
    /// Nothing is lost at the stop: a station offline now that holds transaction messages (a
    /// StopTransaction queued as its EV left, meter values kept while its CSMS was away) reconnects at
    /// once, rather than after its reconnection wait, or ends its reboot at once, boots if it must, and
    /// sends them, as a real station coming back online would; the run waits for it as for the others
    /// (``unfinishedStations``). The run's end is not part of the experiment.
    /// - Parameter linksMayReturn: whether the stations' links may come back while the run stops: false
    ///   when the CSMS is down for good (a restart of the embedded CSMS that would end after the run).
    ///   What stations still hold at the end is counted (``recordUnsentTransactionMessages()``).
    func beginStopping(now: HostInstant, linksMayReturn: Bool = true) {
        stopping = true
        self.linksMayReturn = linksMayReturn
        for slot in stations.indices where !stations[slot].poweredOff {
            backend.cancel(.life, slot: slot)
            backend.cancel(.powerOn, slot: slot)
            endTransactions(slot, now: now)
            bringBack(slot, now: now)
        }
    }

    /// Whether the station may open a link: any time during the run; while it stops, only when it holds
    /// transaction messages to deliver and links may come back.
    func mayLink(_ slot: Int) -> Bool {
        guard !stations[slot].poweredOff, !linksClosed else { return false }
        return !stopping || (linksMayReturn && stations[slot].station.unansweredTransactionMessages > 0)
    }

    /// As the run begins to stop, an offline station that must deliver its transaction messages tries to
    /// connect now: its wait to reconnect, or its reboot, ends at once.
    private func bringBack(_ slot: Int, now: HostInstant) {
        guard mayLink(slot), !backend.isLinked(slot) else { return }
        let station = stations[slot].station
        let timer: StationTimer
        if station.awaitsReconnection {
            timer = .reconnect
        } else if station.isOff, stations[slot].poweredOn {
            timer = .bootCompleted
        } else {
            return
        }
        backend.cancel(HostTimer(timer), slot: slot)
        deliver(.timerFired(timer), slot: slot, due: now.nanos, now: now)
    }

    /// While the run stops, the EV of each transaction of the station leaves, so that its StopTransaction
    /// follows. Checked after every event of the stop, not only as it begins: a transaction may start
    /// after it began, when the answer to a driver's Authorize or a CSMS's RemoteStartTransaction was
    /// still on its way, and would otherwise stay open.
    private func endTransactions(_ slot: Int, now: HostInstant) {
        for connector in 1...stations[slot].station.model.connectorCount
        where stations[slot].station.hasTransaction(on: connector) && stations[slot].station.hasEV(on: connector) {
            deliver(.evUnplugged(connectorId: connector), slot: slot, due: now.nanos, now: now)
        }
    }

    /// How many stations still have work while the run stops: linked ones with a transaction to stop or
    /// a CALL to send or to hear back about, and offline ones on their way back with transaction messages
    /// to deliver (``mayLink(_:)``).
    var unfinishedStations: Int {
        var count = 0
        for slot in stations.indices {
            let station = stations[slot]
            if backend.isLinked(slot) {
                if station.calls.inFlight != nil || station.station.queuedCalls > 0 || Self.hasTransaction(station.station) {
                    count += 1
                }
            } else if stopping, mayLink(slot) {
                count += 1
            }
        }
        return count
    }

    /// The run closes every link, once the stop's grace period is over: a station whose link closes now
    /// does not reconnect (what it holds is counted by ``recordUnsentTransactionMessages()``).
    func closeLinks() {
        linksClosed = true
    }

    /// Counts the transaction messages the stations still hold unanswered as the run ends: those of
    /// stations whose link did not come back in time, or whose CSMS was down.
    func recordUnsentTransactionMessages() {
        for hosted in stations where !hosted.poweredOff {
            recorder.recordUnsentAtEnd(hosted.station.unansweredTransactionMessages)
        }
    }

    /// Counts the transactions still open as lost: the run ends.
    func recordOpenTransactionsLost() {
        for hosted in stations where Self.hasTransaction(hosted.station) {
            for connector in 1...hosted.station.model.connectorCount where hosted.station.hasTransaction(on: connector) {
                recorder.recordTransactionLost()
            }
        }
    }

    private static func hasTransaction(_ station: Station) -> Bool {
        (1...station.model.connectorCount).contains { station.hasTransaction(on: $0) }
    }
}
