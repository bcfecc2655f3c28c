import OCPP
import Testing

@testable import Station

/// What a station keeps while it idles between CALLs: thousands of idle stations make a fleet, so what
/// one holds for the messages it no longer has is multiplied by all of them.
@Suite struct IdleFootprintTests {
    @Test func aStationWhoseCallsAreAllAnsweredHoldsNoQueueStorage() {
        var harness = StationHarness()
        harness.boot()
        #expect(harness.station.isRegistered && !harness.calls(.statusNotification).isEmpty)
        #expect(harness.station.queuedCalls == 0)
        #expect(harness.station.queue.capacity == 0)
    }

    @Test func aQueueFilledOfflineGivesItsStorageBackOnceDelivered() {
        var harness = StationHarness.chargingOffline()
        harness.advance(seconds: 125)
        #expect(harness.station.queue.capacity >= 4)
        harness.handle(.evUnplugged(connectorId: 1))
        harness.autoConnect = true
        harness.advance(seconds: 30)
        #expect(harness.calls(.stopTransaction).count == 1)
        #expect(harness.station.queue.capacity == 0)
    }

    @Test func aConnectorHoldsNothingForAnEVADriverOrAReservationBeforeOneComes() {
        var harness = StationHarness()
        harness.boot()
        #expect(harness.station.connectors.allSatisfy { !$0.isOccupied })
    }

    @Test func aConnectorGivesItsOccupancyBackWhenTheEVThatChargedLeaves() {
        var harness = StationHarness()
        harness.boot()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        harness.advance(seconds: 60)
        #expect(harness.station.connectors[1].isOccupied)
        #expect(harness.station.transactionId(on: 1) != nil)
        harness.handle(.evUnplugged(connectorId: 1))
        harness.advance(seconds: 10)
        #expect(harness.calls(.stopTransaction).count == 1)
        #expect(!harness.station.connectors[1].isOccupied)
        #expect(harness.station.registerWh(of: 1) > 0)
    }
}
