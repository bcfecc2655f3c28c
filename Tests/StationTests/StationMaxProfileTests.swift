import Foundation
import OCPP
import Testing

@testable import Station

/// A ChargePointMaxProfile limits the station as a whole (OCPP 1.6 §3.13.1): the connectors share it.
@Suite struct StationMaxProfileTests {
    /// A Green'Up 2 VE under a ChargePointMaxProfile of 9 kW, then 4.6 kW after half an hour.
    func cappedStation() -> StationHarness {
        var harness = StationHarness()
        harness.boot()
        let profile = #"{"connectorId":0,"csChargingProfiles":{"chargingProfileId":1,"stackLevel":0,"chargingProfilePurpose":"ChargePointMaxProfile","chargingProfileKind":"Absolute","chargingSchedule":{"startSchedule":"2019-04-19T14:25:43.083Z","chargingRateUnit":"W","chargingSchedulePeriod":[{"startPeriod":0,"limit":9000},{"startPeriod":1800,"limit":4600}]}}}"#
        #expect(harness.request("SetChargingProfile", profile)?.payload["status"] as? String == "Accepted")
        return harness
    }

    func charge(_ harness: inout StationHarness, connector: Int, ev: EVCharacteristics = .typical, idTag: String) {
        harness.handle(.evPlugged(connectorId: connector, ev: ev))
        harness.handle(.badgePresented(connectorId: connector, idTag: idTag))
    }

    @Test func oneEVAloneDrawsAllItCanUnderTheStationLimit() {
        var harness = cappedStation()
        charge(&harness, connector: 1, idTag: "A")
        #expect(harness.station.powerW(of: 1) == 7_360)
    }

    @Test func twoEVsShareTheStationLimit() {
        var harness = cappedStation()
        charge(&harness, connector: 1, idTag: "A")
        charge(&harness, connector: 3, idTag: "B")
        #expect(harness.station.powerW(of: 1) == 4_500)
        #expect(harness.station.powerW(of: 3) == 4_500)
    }

    @Test func whenOneLeavesTheOtherTakesTheWholeShare() {
        var harness = cappedStation()
        charge(&harness, connector: 1, idTag: "A")
        charge(&harness, connector: 3, idTag: "B")
        harness.handle(.evUnplugged(connectorId: 3))
        #expect(harness.station.powerW(of: 1) == 7_360)
    }

    @Test func whatAnEVCannotTakeGoesToTheOthers() {
        var harness = cappedStation()
        charge(&harness, connector: 1, ev: EVCharacteristics(maxPowerW: 2_000, phases: 1, energyWantedWh: 20_000), idTag: "A")
        charge(&harness, connector: 3, idTag: "B")
        #expect(harness.station.powerW(of: 1) == 2_000)
        #expect(harness.station.powerW(of: 3) == 7_000)
    }

    @Test func thePowerFollowsTheStationSchedule() {
        var harness = cappedStation()
        charge(&harness, connector: 1, idTag: "A")
        charge(&harness, connector: 3, idTag: "B")
        harness.advance(seconds: 1_800)
        #expect(harness.station.powerW(of: 1) == 2_300)
        #expect(harness.station.powerW(of: 3) == 2_300)
        // Energy is the integral of the shared power: 4.5 kW for 30 min, then 2.3 kW for 10 min.
        harness.advance(seconds: 600)
        #expect(abs(harness.station.registerWh(of: 1) - (2_250 + 383.33)) < 0.5)
    }

    @Test func aSuspendedEVLeavesItsShareToTheOthers() {
        var harness = cappedStation()
        // Wants 100 Wh: at 4.5 kW it tapers after 72 s and is full soon after.
        charge(&harness, connector: 1, ev: EVCharacteristics(maxPowerW: 7_400, phases: 1, energyWantedWh: 100), idTag: "A")
        charge(&harness, connector: 3, idTag: "B")
        harness.advance(seconds: 600)
        #expect(harness.station.status(of: 1) == .suspendedEV)
        #expect(harness.station.powerW(of: 3) == 7_360)
    }

    @Test func theCompositeScheduleOfTheStationIsTheStationLimit() throws {
        var harness = cappedStation()
        charge(&harness, connector: 1, idTag: "A")
        let answerReply = harness.request("GetCompositeSchedule", #"{"connectorId":0,"duration":3600,"chargingRateUnit":"W"}"#, id: "2")
        let answer = try #require(answerReply)
        #expect(answer.payload["connectorId"] as? Int == 0)
        let schedule = try #require(answer.payload["chargingSchedule"] as? [String: Any])
        let periods = try #require(schedule["chargingSchedulePeriod"] as? [[String: Any]])
        #expect(periods.map { $0["startPeriod"] as? Int } == [0, 1800])
        #expect(periods.map { $0["limit"] as? Double } == [9000, 4600])
    }

    @Test func aStationLimitInAmperesBoundsTheCurrentOfEachPhase() {
        var harness = StationHarness()
        harness.boot()
        let profile = #"{"connectorId":0,"csChargingProfiles":{"chargingProfileId":1,"stackLevel":0,"chargingProfilePurpose":"ChargePointMaxProfile","chargingProfileKind":"Absolute","chargingSchedule":{"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":16}]}}}"#
        harness.request("SetChargingProfile", profile)
        charge(&harness, connector: 1, idTag: "A")
        #expect(harness.station.powerW(of: 1) == 16 * 230)
    }
}
