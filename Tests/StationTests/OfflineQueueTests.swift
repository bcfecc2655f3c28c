import OCPP
import Testing

@testable import Station

/// Nothing lost, and proven so: every transaction message reaches the CSMS once from the station's side,
/// is sent again only where OCPP-J allows it (and then counted), or is reported lost by name.
@Suite struct OfflineQueueTests {

    private static func transactionCalls(_ harness: StationHarness) -> [StationHarness.Sent] {
        harness.stationCalls.filter { [.startTransaction, .meterValues, .stopTransaction].contains($0.action) }
    }

    private static func lost(_ harness: StationHarness) -> [LostMessage] {
        harness.counts.compactMap { if case .messageLost(let lost) = $0 { lost } else { nil } }
    }

    private static func duplicates(_ harness: StationHarness) -> [Action] {
        harness.counts.compactMap { if case .duplicateSent(let action) = $0 { action } else { nil } }
    }

    @Test func everyMessageProducedOfflineIsSentOnceInOrderAfterReconnection() {
        var harness = StationHarness.chargingOffline()
        harness.advance(seconds: 125)  // four samples
        harness.handle(.evUnplugged(connectorId: 1))
        harness.autoConnect = true
        harness.advance(seconds: 30)
        let delivered = Self.transactionCalls(harness).dropFirst()  // the StartTransaction went online
        #expect(delivered.map(\.action) == [.meterValues, .meterValues, .meterValues, .meterValues, .stopTransaction])
        #expect(Set(delivered.map(\.messageId)).count == delivered.count)
        #expect(delivered.allSatisfy { $0.payload["transactionId"] as? Int == 1001 })
        #expect(Self.duplicates(harness).isEmpty && Self.lost(harness).isEmpty)
        #expect(harness.station.queuedCalls == 0)
    }

    @Test func theOfflineQueueSaysHowManyWaitAndSinceWhen() {
        var harness = StationHarness.chargingOffline()
        #expect(harness.station.oldestQueuedAt == nil)
        let firstSample = harness.now + 30_000
        harness.advance(seconds: 65)
        #expect(harness.station.queuedCalls == 2)
        #expect(harness.station.oldestQueuedAt == firstSample)
        harness.autoConnect = true
        harness.advance(seconds: 30)
        #expect(harness.station.oldestQueuedAt == nil)
    }

    @Test func aCallLeftUnansweredIsSentAgainUnderItsIdAndCountedAsADuplicate() {
        var harness = StationHarness()
        var silent = true
        let accepting = StationHarness.acceptingCSMS()
        harness.csms = { action, payload in action == .meterValues && silent ? .silence : accepting(action, payload) }
        harness.boot()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        harness.advance(seconds: 40)  // the sample at 30 s times out at 40 s
        silent = false
        harness.advance(seconds: 10)  // TransactionMessageRetryInterval × 1
        let samples = harness.calls(.meterValues)
        #expect(samples.count == 2)
        #expect(samples[0].messageId == samples[1].messageId)
        #expect(Self.duplicates(harness) == [.meterValues])
    }

    @Test func aCallInFlightWhenTheLinkDropsCountsAsADuplicateWhenSentAgain() {
        var harness = StationHarness()
        var silent = true
        let accepting = StationHarness.acceptingCSMS()
        harness.csms = { action, payload in action == .stopTransaction && silent ? .silence : accepting(action, payload) }
        harness.boot()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        harness.handle(.evUnplugged(connectorId: 1))
        harness.handle(.disconnected)
        silent = false
        harness.advance(seconds: 30)
        let stops = harness.calls(.stopTransaction)
        #expect(stops.count == 2 && stops[0].messageId == stops[1].messageId)
        #expect(Self.duplicates(harness) == [.stopTransaction])
        #expect(harness.counts.contains(.transactionStopped(energyWh: 0)))
    }

    @Test func aRetryAfterACallErrorIsNotADuplicate() {
        var harness = StationHarness()
        var refusing = true
        let accepting = StationHarness.acceptingCSMS()
        harness.csms = { action, payload in
            action == .startTransaction && refusing ? .error("InternalError") : accepting(action, payload)
        }
        harness.boot()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        refusing = false
        harness.advance(seconds: 10)
        #expect(harness.calls(.startTransaction).count == 2)
        #expect(Self.duplicates(harness).isEmpty)
    }

    @Test func retriesWaitTheRetryIntervalTimesTheNumberOfEarlierSendings() {
        var harness = StationHarness()
        let accepting = StationHarness.acceptingCSMS()
        harness.csms = { action, payload in action == .stopTransaction ? .error("InternalError") : accepting(action, payload) }
        harness.boot()
        harness.request("ChangeConfiguration", #"{"key":"TransactionMessageAttempts","value":"4"}"#)
        harness.request("ChangeConfiguration", #"{"key":"TransactionMessageRetryInterval","value":"5"}"#)
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        harness.handle(.evUnplugged(connectorId: 1))
        var sentAt: [Int64] = []
        let start = harness.now
        for _ in 0..<60 {
            let before = harness.calls(.stopTransaction).count
            harness.advance(seconds: 1)
            if harness.calls(.stopTransaction).count > before { sentAt.append((harness.now - start) / 1000) }
        }
        // Sent at once (not in this list), then 5 × 1, 5 × 2 and 5 × 3 seconds after each refusal.
        #expect(sentAt == [5, 15, 30])
        #expect(StationTimer.transactionRetry.runsOnWallClock)
    }

    @Test func aMessageThatExhaustsItsAttemptsIsReportedLostByName() throws {
        var harness = StationHarness()
        let accepting = StationHarness.acceptingCSMS()
        harness.csms = { action, payload in action == .meterValues ? .error("InternalError") : accepting(action, payload) }
        harness.boot()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        harness.advance(seconds: 30)  // the first sample, refused; retried at 40 s and 60 s
        let sample = try #require(harness.calls(.meterValues).first)
        let stamp = (sample.payload["meterValue"] as? [[String: Any]])?.first?["timestamp"] as? String
        harness.advance(seconds: 30)
        let lost = Self.lost(harness).first
        #expect(lost?.action == .meterValues)
        #expect(lost?.transactionId == 1001)
        #expect(lost?.timestamp?.description == stamp)
        #expect(lost?.reason == .attempts)
        #expect(!harness.counts.contains(.transactionLost))
    }

    @Test func aLostStartTransactionTakesItsLaterMessagesAndNamesEachOne() {
        var harness = StationHarness()
        let accepting = StationHarness.acceptingCSMS()
        harness.csms = { action, payload in action == .startTransaction ? .error("InternalError") : accepting(action, payload) }
        harness.boot()
        harness.request("ChangeConfiguration", #"{"key":"TransactionMessageRetryInterval","value":"40"}"#)
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        harness.advance(seconds: 110)  // refused at 0, 40 and 120 s; samples queue behind it at 30, 60, 90 s
        harness.advance(seconds: 20)
        let lost = Self.lost(harness)
        #expect(lost.first?.action == .startTransaction && lost.first?.reason == .attempts)
        #expect(lost.first?.transactionId == nil && lost.first?.timestamp != nil)
        #expect(lost.dropFirst().map(\.reason) == Array(repeating: .startLost, count: lost.count - 1))
        #expect(lost.count >= 4)
        #expect(harness.counts.filter { $0 == .transactionLost }.count == 1)
        #expect(harness.calls(.meterValues).isEmpty)
        harness.handle(.evUnplugged(connectorId: 1))
        #expect(harness.calls(.stopTransaction).isEmpty)
    }

    @Test func aFullOfflineQueueLosesMeterValuesFirstAndSaysSo() {
        var harness = StationHarness.chargingOffline()
        harness.request("ChangeConfiguration", #"{"key":"MeterValueSampleInterval","value":"10"}"#)
        harness.advance(seconds: Double(Station.offlineQueueCapacity + 5) * 10)
        #expect(harness.station.queuedCalls == Station.offlineQueueCapacity)
        let full = Self.lost(harness)
        #expect(!full.isEmpty && full.allSatisfy { $0.action == .meterValues && $0.reason == .queueFull })
        harness.handle(.evUnplugged(connectorId: 1))
        #expect(harness.station.queuedCalls == Station.offlineQueueCapacity)
        #expect(Self.lost(harness).count == full.count + 1)  // the oldest sample made room for the stop
        harness.autoConnect = true
        harness.advance(seconds: 30)
        #expect(harness.calls(.stopTransaction).count == 1)
        #expect(harness.calls(.meterValues).count == Station.offlineQueueCapacity - 1)
        #expect(!harness.counts.contains(.transactionLost))
    }

    @Test func aStationPowerCycledOfflineStopsItsTransactionAfterBootBehindWhatItHadQueued() throws {
        var harness = StationHarness.chargingOffline()
        harness.advance(seconds: 65)  // two samples queued
        let sentBefore = harness.sent.count
        harness.handle(.powerCycle)
        harness.autoConnect = true
        harness.advance(seconds: 60)
        let after = harness.sent[sentBefore...].filter { $0.kind == .call && $0.action != .statusNotification }
        #expect(after.map(\.action) == [.bootNotification, .meterValues, .meterValues, .stopTransaction])
        let stop = try #require(after.last)
        #expect(stop.payload["reason"] as? String == "PowerLoss")
        #expect(stop.payload["transactionId"] as? Int == 1001)
        #expect(Self.duplicates(harness).isEmpty && Self.lost(harness).isEmpty)
    }
}
