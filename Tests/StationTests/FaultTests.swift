import Foundation
import OCPP
import Testing

@testable import Station

@Suite struct FaultTests {
    func registered() -> StationHarness {
        var harness = StationHarness()
        harness.boot()
        return harness
    }

    func lastStatusNotification(_ harness: StationHarness, connector: Int) -> [String: Any]? {
        harness.calls(.statusNotification).last { $0.payload["connectorId"] as? Int == connector }?.payload
    }

    func status(_ answer: StationHarness.Sent?) -> String? {
        answer?.payload["status"] as? String
    }

    @Test func aGroundFailureStopsTheTransactionWithReasonOtherAndReportsFaulted() throws {
        var harness = registered()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        harness.advance(seconds: 45)
        harness.handle(.connectorFaulted(connectorId: 1, errorCode: .groundFailure))
        let stop = try #require(harness.calls(.stopTransaction).first)
        #expect(stop.payload["reason"] as? String == "Other")
        #expect(stop.payload["meterStop"] as? Int == 92)
        #expect(harness.station.powerW(of: 1) == 0)
        #expect(!harness.station.hasTransaction(on: 1))
        let faulted = try #require(lastStatusNotification(harness, connector: 1))
        #expect(faulted["status"] as? String == "Faulted")
        #expect(faulted["errorCode"] as? String == "GroundFailure")
        #expect(harness.statuses(connector: 1) == ["Available", "Preparing", "Charging", "Faulted"])
        // The other connectors go on.
        #expect(harness.station.status(of: 3) == .available)
    }

    @Test func aFaultWithoutATransactionOnlyReportsFaulted() throws {
        var harness = registered()
        harness.handle(.connectorFaulted(connectorId: 2, errorCode: .overCurrentFailure))
        #expect(harness.calls(.stopTransaction).isEmpty)
        let faulted = try #require(lastStatusNotification(harness, connector: 2))
        #expect(faulted["status"] as? String == "Faulted")
        #expect(faulted["errorCode"] as? String == "OverCurrentFailure")
    }

    @Test func aNewErrorCodeOnAFaultedConnectorIsReported() throws {
        var harness = registered()
        harness.handle(.connectorFaulted(connectorId: 2, errorCode: .groundFailure))
        harness.handle(.connectorFaulted(connectorId: 2, errorCode: .highTemperature))
        let codes = harness.calls(.statusNotification).filter { $0.payload["connectorId"] as? Int == 2 }.compactMap {
            $0.payload["errorCode"] as? String
        }
        #expect(codes == ["NoError", "GroundFailure", "HighTemperature"])
    }

    @Test func clearingTheFaultReportsNoErrorAndTheStateOfTheConnector() throws {
        var harness = registered()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        harness.handle(.connectorFaulted(connectorId: 1, errorCode: .groundFailure))
        harness.handle(.connectorFaultCleared(connectorId: 1))
        // The EV is still plugged and its transaction is over.
        let cleared = try #require(lastStatusNotification(harness, connector: 1))
        #expect(cleared["status"] as? String == "Finishing")
        #expect(cleared["errorCode"] as? String == "NoError")
        harness.handle(.evUnplugged(connectorId: 1))
        #expect(harness.statuses(connector: 1).last == "Available")
    }

    @Test func aFaultedConnectorTakesNoDriver() {
        var harness = registered()
        harness.handle(.connectorFaulted(connectorId: 1, errorCode: .powerSwitchFailure))
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        #expect(harness.calls(.authorize).isEmpty)
        #expect(status(harness.request("RemoteStartTransaction", #"{"connectorId":1,"idTag":"APP"}"#)) == "Rejected")
        #expect(harness.calls(.startTransaction).isEmpty)
        #expect(harness.station.status(of: 1) == .faulted)
        // Once repaired, the EV waiting there can start.
        harness.handle(.connectorFaultCleared(connectorId: 1))
        #expect(harness.station.status(of: 1) == .preparing)
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        #expect(harness.station.hasTransaction(on: 1))
    }

    @Test func reserveNowOnAFaultedConnectorAnswersFaulted() {
        var harness = registered()
        harness.handle(.connectorFaulted(connectorId: 3, errorCode: .groundFailure))
        let reserve = #"{"connectorId":3,"expiryDate":"2019-04-19T18:00:00Z","idTag":"MINE","reservationId":5}"#
        #expect(status(harness.request("ReserveNow", reserve)) == "Faulted")
        harness.handle(.connectorFaultCleared(connectorId: 3))
        #expect(status(harness.request("ReserveNow", reserve, id: "2")) == "Accepted")
    }

    @Test func aConnectorMadeInoperativeWhileFaultedIsUnavailableOnceRepaired() {
        var harness = registered()
        harness.handle(.connectorFaulted(connectorId: 2, errorCode: .groundFailure))
        #expect(status(harness.request("ChangeAvailability", #"{"connectorId":2,"type":"Inoperative"}"#)) == "Accepted")
        #expect(harness.station.status(of: 2) == .faulted)
        harness.handle(.connectorFaultCleared(connectorId: 2))
        #expect(harness.statuses(connector: 2) == ["Available", "Faulted", "Unavailable"])
        #expect(status(harness.request("ChangeAvailability", #"{"connectorId":2,"type":"Operative"}"#, id: "2")) == "Accepted")
        #expect(harness.statuses(connector: 2).last == "Available")
    }

    @Test func aFaultOnAConnectorMadeInoperativeShowsFaultedThenUnavailable() {
        var harness = registered()
        harness.request("ChangeAvailability", #"{"connectorId":0,"type":"Inoperative"}"#)
        harness.handle(.connectorFaulted(connectorId: 4, errorCode: .overCurrentFailure))
        #expect(harness.station.status(of: 4) == .faulted)
        harness.handle(.connectorFaultCleared(connectorId: 4))
        #expect(harness.statuses(connector: 4) == ["Available", "Unavailable", "Faulted", "Unavailable"])
    }

    @Test func aFaultOnAnUnknownConnectorIsIgnored() {
        var harness = registered()
        let before = harness.sent.count
        harness.handle(.connectorFaulted(connectorId: 9, errorCode: .groundFailure))
        harness.handle(.connectorFaultCleared(connectorId: 9))
        #expect(harness.sent.count == before)
    }
}
