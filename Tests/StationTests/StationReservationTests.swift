import Foundation
import OCPP
import Testing

@testable import Station

/// ReserveNow on connectorId 0 (ReserveConnectorZeroSupported is true on a Green'Up): OCPP 1.6 §5.13 says
/// the station keeps one connector free for the reserved idTag as long as the reservation holds.
@Suite struct StationReservationTests {
    /// A Green'Up 1 VE (connectors 1 and 2) with reservation 7 on connector 0 for MINE, expiring in 10 minutes.
    func reservedStation() -> StationHarness {
        var harness = StationHarness(model: .greenUp1VE)
        harness.boot()
        let answer = harness.request(
            "ReserveNow", #"{"connectorId":0,"expiryDate":"2019-04-19T14:35:43.083Z","idTag":"MINE","reservationId":7}"#)
        #expect(answer?.payload["status"] as? String == "Accepted")
        return harness
    }

    @Test func anotherIdTagMayTakeAConnectorWhileAnotherStaysFree() throws {
        var harness = reservedStation()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "OTHER"))
        let start = try #require(harness.calls(.startTransaction).first)
        #expect(start.payload["reservationId"] as? Int == 0)
    }

    @Test func anotherIdTagCannotTakeTheLastFreeConnector() {
        var harness = reservedStation()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "OTHER"))
        harness.handle(.evPlugged(connectorId: 2, ev: .typical))
        harness.handle(.badgePresented(connectorId: 2, idTag: "SECOND"))
        #expect(harness.calls(.authorize).compactMap { $0.payload["idTag"] as? String } == ["OTHER"])
        #expect(!harness.station.hasTransaction(on: 2))
        let remote = harness.request("RemoteStartTransaction", #"{"connectorId":2,"idTag":"APP"}"#)
        #expect(remote?.payload["status"] as? String == "Rejected")
        let anywhere = harness.request("RemoteStartTransaction", #"{"idTag":"APP"}"#, id: "2")
        #expect(anywhere?.payload["status"] as? String == "Rejected")
        #expect(!harness.station.hasTransaction(on: 2))
    }

    @Test func plugAndChargeCannotTakeTheLastFreeConnector() {
        var harness = reservedStation()
        harness.request("ChangeConfiguration", #"{"key":"oCPPPlugAndCharge","value":"true"}"#, id: "2")
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.evPlugged(connectorId: 2, ev: .typical))
        #expect(harness.station.hasTransaction(on: 1))
        #expect(!harness.station.hasTransaction(on: 2))
    }

    @Test func theReservedIdTagStartsOnTheLastFreeConnectorWithItsReservation() throws {
        var harness = reservedStation()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "OTHER"))
        harness.handle(.evPlugged(connectorId: 2, ev: .typical))
        harness.handle(.badgePresented(connectorId: 2, idTag: "MINE"))
        let start = try #require(harness.calls(.startTransaction).last)
        #expect(start.payload["connectorId"] as? Int == 2)
        #expect(start.payload["reservationId"] as? Int == 7)
    }

    @Test func theReservedIdTagMayUseAnyConnectorAndThenTheReservationIsOver() throws {
        var harness = reservedStation()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "MINE"))
        let start = try #require(harness.calls(.startTransaction).first)
        #expect(start.payload["reservationId"] as? Int == 7)
        // The reservation is used: the last connector is anybody's.
        harness.handle(.evPlugged(connectorId: 2, ev: .typical))
        harness.handle(.badgePresented(connectorId: 2, idTag: "OTHER"))
        #expect(harness.station.hasTransaction(on: 2))
        let cancel = harness.request("CancelReservation", #"{"reservationId":7}"#, id: "2")
        #expect(cancel?.payload["status"] as? String == "Rejected")
    }

    @Test func expiryFreesTheLastConnector() {
        var harness = reservedStation()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "OTHER"))
        harness.handle(.evPlugged(connectorId: 2, ev: .typical))
        harness.handle(.badgePresented(connectorId: 2, idTag: "SECOND"))
        #expect(!harness.station.hasTransaction(on: 2))
        harness.advance(seconds: 600)
        harness.handle(.badgePresented(connectorId: 2, idTag: "SECOND"))
        #expect(harness.station.hasTransaction(on: 2))
    }

    @Test func cancellingFreesTheLastConnector() {
        var harness = reservedStation()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "OTHER"))
        harness.request("CancelReservation", #"{"reservationId":7}"#, id: "2")
        harness.handle(.evPlugged(connectorId: 2, ev: .typical))
        harness.handle(.badgePresented(connectorId: 2, idTag: "SECOND"))
        #expect(harness.station.hasTransaction(on: 2))
    }

    @Test func aSecondReservationOnConnectorZeroIsOccupied() {
        var harness = reservedStation()
        let answer = harness.request(
            "ReserveNow", #"{"connectorId":0,"expiryDate":"2019-04-19T14:35:43.083Z","idTag":"YOURS","reservationId":8}"#,
            id: "2")
        #expect(answer?.payload["status"] as? String == "Occupied")
    }
}
