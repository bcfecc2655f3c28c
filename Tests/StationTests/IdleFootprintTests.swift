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
        var harness = StationHarness()
        harness.boot()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        harness.autoConnect = false
        harness.handle(.disconnected)
        harness.advance(seconds: 125)
        #expect(harness.station.queue.capacity >= 4)
        harness.handle(.evUnplugged(connectorId: 1))
        harness.autoConnect = true
        harness.advance(seconds: 30)
        #expect(harness.calls(.stopTransaction).count == 1)
        #expect(harness.station.queue.capacity == 0)
    }
}
