import Foundation
import Metrics
import OCPP
import Station
import Testing

@testable import Fleet

/// How a host ends its stations' transactions as the run stops: every transaction the CSMS hears of is
/// stopped, also one that starts after the stop began because an answer was still on its way, and a
/// station offline at the stop comes back to deliver what it holds, unless its CSMS is down.
@Suite struct StationHostStoppingTests {
    /// A backend whose one station is linked to a CSMS played by the test: it keeps what the station sends,
    /// and the test hands the answers back through the host, one at a time, as a loop would.
    final class ScriptedBackend: StationBackend {
        static var measuresFromDue: Bool { true }
        var planShift: Int64 { 0 }
        var isTracing: Bool { false }
        var showsMessageIds: Bool { true }
        var host: StationHost<ScriptedBackend>!
        var linked = false
        /// Every message the station sent, in order.
        var sent: [OutgoingMessage] = []
        /// The station's CALLs not answered yet, oldest first.
        var unanswered: [OutgoingMessage] = []
        /// Milliseconds since the test began.
        var clock: Int64 = 0
        /// How many links the station asked for since the test's setup.
        var connects = 0
        /// The timers the host cancelled, in order.
        var cancelled: [HostTimer] = []

        /// The next instant, a millisecond later: 2026-01-05T08:00:00Z and on, on the station's clock.
        func tick() -> HostInstant {
            clock += 1
            return HostInstant(nanos: UInt64(clock) * 1_000_000, stationTime: 1_767_600_000_000 + clock)
        }

        func elapsedMicros(atNanos nanos: UInt64) -> UInt64 { nanos / 1000 }
        func eventStart(_ event: Int) -> UInt64 { 0 }
        func isLinked(_ slot: Int) -> Bool { linked }

        func send(_ message: consuming OutgoingMessage, bytes: [UInt8]?, slot: Int, now: HostInstant) {
            sent.append(copy message)
            if message.kind == .call { unanswered.append(message) }
        }

        func arm(_ timer: HostTimer, slot: Int, at: Int64, wallFrom now: HostInstant?) {}
        func cancel(_ timer: HostTimer, slot: Int) { cancelled.append(timer) }
        func connect(_ slot: Int, now: HostInstant) { connects += 1 }
        func close(_ slot: Int, now: HostInstant) { linked = false }
        func drop(_ slot: Int, how: LinkCut, now: HostInstant) {}
        func beginLinkFault(_ fault: LinkFault, slot: Int, now: HostInstant) {}
        func endLinkFaults(_ slot: Int, now: HostInstant) {}
        func command(_ request: CentralSystemRequest, slot: Int, now: HostInstant) {}
        func trace(_ frame: [UInt8], index: Int, id: String, outgoing: Bool, planTime: Int64, now: HostInstant) {}

        func sent(_ action: Action) -> [OutgoingMessage] {
            sent.filter { $0.kind == .call && $0.action == action }
        }
    }

    let backend = ScriptedBackend()
    var host: StationHost<ScriptedBackend> { backend.host }

    /// One station of the run fixtures' plan, powered on, linked and registered, nothing left to answer.
    init() throws {
        let plan = FleetPlan(profile: try RunFixtures.profile(), fleetSize: 1, seed: 1, duration: 3_600_000)
        backend.host = StationHost(backend: backend, plan: plan, drivesCSMS: false, shift: 0)
        host.add(plan.station(0))
        host.timerFired(.powerOn, slot: 0, due: 0, now: backend.tick())
        backend.linked = true
        host.linkOpened(0, now: backend.tick())
        answerAll()
        // The link of the power-on is not one the tests ask about.
        backend.connects = 0
    }

    /// Answers the oldest CALL not answered yet as a CSMS that accepts everything would.
    func answerOldest() {
        let call = backend.unanswered.removeFirst()
        let payload =
            switch call.action {
            case .bootNotification: #"{"status":"Accepted","currentTime":"2026-01-05T08:00:00Z","interval":60}"#
            case .heartbeat: #"{"currentTime":"2026-01-05T08:00:00Z"}"#
            case .authorize, .stopTransaction: #"{"idTagInfo":{"status":"Accepted"}}"#
            case .startTransaction: #"{"idTagInfo":{"status":"Accepted"},"transactionId":4242}"#
            default: "{}"
            }
        receive(#"[3,"\#(call.messageId)",\#(payload)]"#)
    }

    /// Answers the station's CALLs until it has none waiting (bounded: a station sends a handful here).
    func answerAll() {
        for _ in 0..<50 where !backend.unanswered.isEmpty { answerOldest() }
    }

    func receive(_ text: String) {
        Array(text.utf8).withUnsafeBytes { host.frameReceived($0, slot: 0, now: backend.tick()) }
    }

    func deliver(_ event: StationEvent) {
        let now = backend.tick()
        host.deliver(event, slot: 0, due: now.nanos, now: now)
    }

    @Test func aDriversAuthorizeAnsweredAfterTheStopBeganStartsATransactionThatIsStoppedToo() throws {
        deliver(.evPlugged(connectorId: 1, ev: .typical))
        deliver(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        // Everything before the driver's Authorize is answered; the Authorize is still on its way.
        for _ in 0..<10 where backend.unanswered.first?.action != .authorize { answerOldest() }
        try #require(backend.unanswered.first?.action == .authorize)

        host.beginStopping(now: backend.tick())
        #expect(backend.sent(.startTransaction).isEmpty)
        answerAll()

        #expect(backend.sent(.startTransaction).count == 1)
        #expect(backend.sent(.stopTransaction).count == 1)
        let stillOpen = host.stations[0].station.hasTransaction(on: 1)
        #expect(!stillOpen)
        #expect(host.unfinishedStations == 0)
    }

    @Test func aRemoteStartReceivedAfterTheStopBeganStartsATransactionThatIsStoppedToo() {
        host.beginStopping(now: backend.tick())
        receive(#"[2,"remote-1","RemoteStartTransaction",{"connectorId":1,"idTag":"APP1"}]"#)
        answerAll()

        #expect(backend.sent.contains { $0.kind == .callResult && $0.messageId == "remote-1" })
        #expect(backend.sent(.startTransaction).count == 1)
        #expect(backend.sent(.stopTransaction).count == 1)
        #expect(host.unfinishedStations == 0)
    }

    @Test func aTransactionWhoseStartTransactionIsAnsweredAfterTheStopBeganStopsWithTheCSMSsId() throws {
        deliver(.evPlugged(connectorId: 1, ev: .typical))
        deliver(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        for _ in 0..<10 where backend.unanswered.first?.action != .startTransaction { answerOldest() }
        try #require(backend.unanswered.first?.action == .startTransaction)

        host.beginStopping(now: backend.tick())
        answerAll()

        let stops = backend.sent(.stopTransaction)
        try #require(stops.count == 1)
        let frame = try #require(try JSONSerialization.jsonObject(with: Data(stops[0].bytes)) as? [Any])
        #expect((frame.last as? [String: Any])?["transactionId"] as? Int == 4242)
        #expect(host.unfinishedStations == 0)
    }

    // MARK: Offline at the stop

    /// An EV charging on connector 1, its transaction accepted by the CSMS.
    func charge() throws {
        deliver(.evPlugged(connectorId: 1, ev: .typical))
        deliver(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        answerAll()
        try #require(host.stations[0].station.transactionId(on: 1) == 4242)
    }

    /// The link goes away under the station, as when the CSMS restarts.
    func loseLink() {
        backend.linked = false
        host.linkLost(0, now: backend.tick())
    }

    /// The link the station asked for opens; what it sends then is answered.
    func openLink() {
        backend.linked = true
        host.linkOpened(0, now: backend.tick())
        answerAll()
    }

    /// The transaction messages the station still holds as the run ends, as the report counts them.
    func unsentAtEnd() -> UInt64 {
        host.recordUnsentTransactionMessages()
        return host.recorder.collectFinal().transactions.unsentAtEnd
    }

    @Test func aStationOfflineAtTheStopReconnectsAtOnceAndDeliversItsStopTransaction() throws {
        try charge()
        loseLink()
        let stopsBefore = backend.sent(.stopTransaction).count

        host.beginStopping(now: backend.tick())
        // Not after its reconnection wait: now, that wait cancelled.
        #expect(backend.connects == 1)
        #expect(backend.cancelled.contains(HostTimer(.reconnect)))
        #expect(host.unfinishedStations == 1)
        openLink()

        let stops = backend.sent(.stopTransaction)
        #expect(stopsBefore == 0 && stops.count == 1)
        let frame = try #require(try JSONSerialization.jsonObject(with: Data(stops[0].bytes)) as? [Any])
        #expect((frame.last as? [String: Any])?["transactionId"] as? Int == 4242)
        #expect(host.unfinishedStations == 0)
        #expect(unsentAtEnd() == 0)
    }

    @Test func aStationRebootingAtTheStopEndsItsRebootBootsAndDeliversItsStopTransaction() throws {
        try charge()
        // A power cut: the transaction stops (PowerLoss), the link closes, the station reboots.
        deliver(.powerCycle)
        #expect(!backend.linked)
        let bootsBefore = backend.sent(.bootNotification).count

        host.beginStopping(now: backend.tick())
        #expect(backend.connects == 1)
        #expect(backend.cancelled.contains(HostTimer(.bootCompleted)))
        openLink()

        #expect(backend.sent(.bootNotification).count == bootsBefore + 1)
        #expect(backend.sent(.stopTransaction).count == 1)
        #expect(host.unfinishedStations == 0)
        #expect(unsentAtEnd() == 0)
    }

    @Test func aStationWhoseReconnectionFailsDuringTheStopTriesAgainWhenItsWaitIsOver() throws {
        try charge()
        loseLink()
        host.beginStopping(now: backend.tick())
        // The attempt fails: the station waits its reconnection interval, and still counts as unfinished.
        loseLink()
        #expect(host.unfinishedStations == 1)

        host.timerFired(HostTimer(.reconnect), slot: 0, due: 0, now: backend.tick())
        #expect(backend.connects == 2)
        openLink()
        #expect(backend.sent(.stopTransaction).count == 1)
        #expect(host.unfinishedStations == 0)
    }

    @Test func onceTheRunClosesEveryLinkAStationStillHoldingMessagesDoesNotReconnect() throws {
        try charge()
        loseLink()
        host.beginStopping(now: backend.tick())
        // The grace period ends before its link opened: the run closes every link, its attempt too.
        host.closeLinks()
        loseLink()

        host.timerFired(HostTimer(.reconnect), slot: 0, due: 0, now: backend.tick())
        #expect(backend.connects == 1)
        #expect(host.unfinishedStations == 0)
        #expect(unsentAtEnd() == 1)
    }

    @Test func withTheCSMSDownAnOfflineStationStaysOfflineAndWhatItHoldsIsCountedUnsent() throws {
        try charge()
        loseLink()

        host.beginStopping(now: backend.tick(), linksMayReturn: false)
        host.timerFired(HostTimer(.reconnect), slot: 0, due: 0, now: backend.tick())

        #expect(backend.connects == 0)
        #expect(host.unfinishedStations == 0)
        #expect(backend.sent(.stopTransaction).isEmpty)
        // Its StopTransaction, and no transaction left open: the EV left, the station knows it stopped.
        #expect(unsentAtEnd() == 1)
        #expect(!host.stations[0].station.hasTransaction(on: 1))
    }

    @Test func aStationOfflineWithNothingToDeliverDoesNotReconnectWhileTheRunStops() {
        loseLink()

        host.beginStopping(now: backend.tick())
        host.timerFired(HostTimer(.reconnect), slot: 0, due: 0, now: backend.tick())

        #expect(backend.connects == 0)
        #expect(host.unfinishedStations == 0)
        #expect(unsentAtEnd() == 0)
    }
}
