import Foundation
import OCPP
import Testing

@testable import Station

@Suite struct OfflineTests {
    @Test func chargingGoesOnOfflineAndQueuedMessagesArriveInOrder() throws {
        var harness = StationHarness.chargingOffline()
        let sentBefore = harness.sent.count
        harness.advance(seconds: 95)  // three samples offline
        harness.handle(.evUnplugged(connectorId: 1))
        #expect(harness.sent.count == sentBefore)
        #expect(harness.station.queuedCalls == 4)
        #expect(harness.station.registerWh(of: 1) > 190)
        harness.autoConnect = true
        harness.advance(seconds: 30)
        let delivered = harness.sent[sentBefore...].filter { $0.kind == .call && $0.action != .statusNotification }
        #expect(delivered.map(\.action) == [.bootNotification, .meterValues, .meterValues, .meterValues, .stopTransaction])
        let stamps = delivered.dropFirst().compactMap { call -> String? in
            ((call.payload["meterValue"] ?? call.payload["transactionData"]) as? [[String: Any]])?.first?["timestamp"] as? String
        }
        #expect(stamps == stamps.sorted())
        #expect(delivered.last?.payload["reason"] as? String == "EVDisconnected")
    }

    @Test func aStartSentOfflineGivesItsTransactionIdToTheMessagesAfterIt() throws {
        var harness = StationHarness()
        harness.boot()
        harness.request("ChangeConfiguration", #"{"key":"AllowOfflineTxForUnknownId","value":"true"}"#)
        harness.autoConnect = false
        harness.handle(.disconnected)
        harness.handle(.evPlugged(connectorId: 2, ev: .typical))
        harness.handle(.badgePresented(connectorId: 2, idTag: "OFFLINE"))
        harness.advance(seconds: 31)
        harness.handle(.badgePresented(connectorId: 2, idTag: "OFFLINE"))
        harness.autoConnect = true
        harness.advance(seconds: 30)
        let start = try #require(harness.calls(.startTransaction).first)
        #expect(start.payload["timestamp"] as? String == "2019-04-19T16:25:43.083+02:00")
        #expect(harness.calls(.meterValues).first?.payload["transactionId"] as? Int == 1001)
        #expect(harness.calls(.stopTransaction).first?.payload["transactionId"] as? Int == 1001)
    }

    @Test func aRefusedTransactionMessageIsRetriedThenGivenUp() {
        var harness = StationHarness()
        let accepting = StationHarness.acceptingCSMS()
        harness.csms = { action, payload in
            action == .startTransaction ? .error("InternalError") : accepting(action, payload)
        }
        harness.boot()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        #expect(harness.calls(.startTransaction).count == 1)
        harness.advance(seconds: 9)
        #expect(harness.calls(.startTransaction).count == 1)
        harness.advance(seconds: 1)  // TransactionMessageRetryInterval × 1
        #expect(harness.calls(.startTransaction).count == 2)
        harness.advance(seconds: 20)  // × 2
        #expect(harness.calls(.startTransaction).count == 3)  // TransactionMessageAttempts
        harness.advance(seconds: 100)
        #expect(harness.calls(.startTransaction).count == 3)
        #expect(harness.calls(.startTransaction).map(\.messageId).allSatisfy { $0 == harness.calls(.startTransaction)[0].messageId })
        #expect(harness.counts.contains(.transactionLost))
        #expect(harness.completed.filter { $0.action == .startTransaction }.map(\.outcome) == Array(repeating: .callError(.internalError), count: 3))
        harness.handle(.evUnplugged(connectorId: 1))
        #expect(harness.calls(.stopTransaction).isEmpty)
    }

    @Test func anUnansweredTransactionMessageTimesOutAndIsRetried() {
        var harness = StationHarness()
        var silent = true
        let accepting = StationHarness.acceptingCSMS()
        harness.csms = { action, payload in
            action == .stopTransaction && silent ? .silence : accepting(action, payload)
        }
        harness.boot()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        harness.handle(.evUnplugged(connectorId: 1))
        harness.advance(seconds: 10)
        #expect(harness.completed.last?.outcome == .timedOut)
        silent = false
        harness.advance(seconds: 10)
        #expect(harness.calls(.stopTransaction).count == 2)
        #expect(harness.counts.contains(.transactionStopped(energyWh: 0)))
    }

    @Test func aCallInFlightWhenTheLinkDropsIsSentAgainAfterReconnection() {
        var harness = StationHarness()
        var silent = true
        let accepting = StationHarness.acceptingCSMS()
        harness.csms = { action, payload in
            action == .startTransaction && silent ? .silence : accepting(action, payload)
        }
        harness.boot()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        harness.handle(.disconnected)
        #expect(harness.completed.last?.outcome == .connectionLost)
        silent = false
        harness.advance(seconds: 30)
        #expect(harness.calls(.startTransaction).count == 2)
        #expect(harness.station.transactionId(on: 1) == 1001)
    }

    @Test func statusChangesOfflineAreReportedAfterReconnection() {
        var harness = StationHarness()
        harness.boot()
        harness.autoConnect = false
        harness.handle(.disconnected)
        harness.handle(.evPlugged(connectorId: 4, ev: .typical))
        harness.autoConnect = true
        harness.advance(seconds: 30)
        #expect(harness.statuses(connector: 4).last == "Preparing")
    }

    /// The guide says nothing of statuses while offline; OCPP 1.6 queues only transaction messages. The
    /// station keeps no history: a Green'Up boots again when its link comes back (the model's
    /// bootsOnReconnect) and then reports the status each connector has now, once each.
    @Test func onlyTheLatestStatusOfEachConnectorIsReportedAfterReconnection() {
        var harness = StationHarness()
        harness.boot()
        harness.autoConnect = false
        harness.handle(.disconnected)
        let before = harness.sent.count
        harness.handle(.evPlugged(connectorId: 4, ev: .typical))
        harness.handle(.evUnplugged(connectorId: 4))
        harness.handle(.evPlugged(connectorId: 4, ev: .typical))
        harness.handle(.evPlugged(connectorId: 2, ev: .typical))
        harness.handle(.evUnplugged(connectorId: 2))
        harness.handle(.connectorFaulted(connectorId: 3, errorCode: .groundFailure))
        #expect(harness.sent.count == before)
        #expect(harness.station.queuedCalls == 0)
        harness.autoConnect = true
        harness.advance(seconds: 30)
        let reported = harness.calls(.statusNotification)[...].filter { call in
            harness.sent[before...].contains { $0.messageId == call.messageId }
        }
        let pairs = reported.map { "\($0.payload["connectorId"] as? Int ?? -1):\($0.payload["status"] as? String ?? "")" }
        #expect(harness.calls(.bootNotification).count == 2)
        #expect(pairs.sorted() == ["0:Available", "1:Available", "2:Available", "3:Faulted", "4:Preparing"])
        #expect(reported.first { $0.payload["connectorId"] as? Int == 3 }?.payload["errorCode"] as? String == "GroundFailure")
    }
}
