import Foundation
import Metrics
import OCPP
import Station
import Testing

@testable import Fleet

/// How a host ends its stations' transactions as the run stops: every transaction the CSMS hears of is
/// stopped, also one that starts after the stop began because an answer was still on its way, and a
/// station offline at the stop comes back to deliver what it holds, unless its CSMS is down.
@Suite struct StationHostStoppingTests: ScriptedHostTests {
    let backend: ScriptedBackend

    init() throws {
        backend = try ScriptedBackend.withOneRegisteredStation()
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
