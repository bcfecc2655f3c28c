import Foundation
import OCPP
import Testing

@testable import Station

/// The station sets its clock from BootNotification's currentTime: what it writes and what the CSMS sends
/// are read on that clock, while its timers stay on the runner's.
@Suite struct StationClockTests {
    static let hour: Int64 = 3_600_000

    /// A station registered by a CSMS whose clock is an hour ahead of the runner's.
    func registeredAnHourBehindTheCSMS() -> StationHarness {
        var harness = StationHarness()
        harness.csmsClockOffsetMs = Self.hour
        harness.boot()
        return harness
    }

    func status(_ answer: StationHarness.Sent?) -> String? {
        answer?.payload["status"] as? String
    }

    @Test func theStationTakesTheTimeOfItsBootAnswer() {
        let harness = registeredAnHourBehindTheCSMS()
        #expect(harness.station.clockOffsetMs == Self.hour)
        #expect(harness.station.clockTime(at: harness.now) == harness.now + Self.hour)
    }

    @Test func everyTimestampTheStationWritesIsOnItsClock() throws {
        var harness = registeredAnHourBehindTheCSMS()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        harness.advance(seconds: 30)
        harness.handle(.evUnplugged(connectorId: 1))
        // The runner's 14:25:43.083Z is the CSMS's 15:25:43.083Z, written in the Green'Up's +02:00.
        let start = try #require(harness.calls(.startTransaction).first)
        #expect(start.payload["timestamp"] as? String == "2019-04-19T17:25:43.083+02:00")
        let meter = try #require(harness.calls(.meterValues).first)
        #expect((meter.payload["meterValue"] as? [[String: Any]])?.first?["timestamp"] as? String == "2019-04-19T17:26:13.083+02:00")
        let stop = try #require(harness.calls(.stopTransaction).first)
        #expect(stop.payload["timestamp"] as? String == "2019-04-19T17:26:13.083+02:00")
        let data = (stop.payload["transactionData"] as? [[String: Any]])?.first
        #expect(data?["timestamp"] as? String == "2019-04-19T17:26:13.083+02:00")
    }

    @Test func timersStayOnTheRunnersClock() {
        let harness = registeredAnHourBehindTheCSMS()
        #expect(harness.timers[.heartbeat] == harness.now + 60_000)
    }

    @Test func aReservationExpiresAtItsExpiryDateOnTheStationsClock() {
        var harness = registeredAnHourBehindTheCSMS()
        // 15:35:43.083Z is ten minutes ahead on the CSMS's clock, an hour and ten on the runner's.
        let reserve = #"{"connectorId":3,"expiryDate":"2019-04-19T15:35:43.083Z","idTag":"MINE","reservationId":1}"#
        #expect(status(harness.request("ReserveNow", reserve)) == "Accepted")
        #expect(harness.timers[.reservationExpiry(connectorId: 3)] == harness.now + 600_000)
        harness.advance(seconds: 600)
        #expect(harness.statuses(connector: 3) == ["Available", "Reserved", "Available"])
    }

    @Test func aReservationAlreadyOverOnTheStationsClockIsRejected() {
        var harness = registeredAnHourBehindTheCSMS()
        // Half an hour ahead of the runner, half an hour past for the CSMS.
        let reserve = #"{"connectorId":3,"expiryDate":"2019-04-19T14:55:43.083Z","idTag":"MINE","reservationId":1}"#
        #expect(status(harness.request("ReserveNow", reserve)) == "Rejected")
    }

    @Test func aFirmwareDownloadStartsAtItsRetrieveDateOnTheStationsClock() {
        var harness = registeredAnHourBehindTheCSMS()
        harness.request("UpdateFirmware", #"{"location":"https://fw.example.com/greenup.bin","retrieveDate":"2019-04-19T15:30:43.083Z"}"#)
        harness.advance(seconds: 299)
        #expect(harness.calls(.firmwareStatusNotification).isEmpty)
        harness.advance(seconds: 1)
        #expect(harness.calls(.firmwareStatusNotification).map { $0.payload["status"] as? String } == ["Downloading"])
    }

    @Test func anIdTagExpiryIsReadOnTheStationsClock() {
        var harness = registeredAnHourBehindTheCSMS()
        harness.csms = { action, payload in
            guard action == .authorize else { return StationHarness.acceptingCSMS()(action, payload) }
            // Half an hour ahead of the runner: already past for the CSMS, and so for the station.
            return .result(#"{"idTagInfo":{"status":"Accepted","expiryDate":"2019-04-19T14:55:43.083Z"}}"#)
        }
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        #expect(harness.calls(.authorize).count == 1)
        #expect(harness.calls(.startTransaction).isEmpty)
    }

    @Test func aChargingScheduleStartsAtItsStartScheduleOnTheStationsClock() {
        var harness = registeredAnHourBehindTheCSMS()
        // Ten amperes from 15:35:43.083Z on the CSMS's clock: ten minutes from now.
        let profile = #"{"connectorId":0,"csChargingProfiles":{"chargingProfileId":5,"stackLevel":1,"chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Absolute","chargingSchedule":{"startSchedule":"2019-04-19T15:35:43.083Z","chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":10}]}}}"#
        #expect(status(harness.request("SetChargingProfile", profile)) == "Accepted")
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        #expect(harness.station.powerW(of: 1) == 7_360)
        harness.advance(seconds: 599)
        #expect(harness.station.powerW(of: 1) == 7_360)
        harness.advance(seconds: 1)
        #expect(harness.station.powerW(of: 1) == 2_300)
    }

    @Test func aCompositeScheduleStartsAtTheStationsNow() throws {
        var harness = registeredAnHourBehindTheCSMS()
        let answerReply = harness.request("GetCompositeSchedule", #"{"connectorId":1,"duration":600}"#)
        let answer = try #require(answerReply)
        #expect(answer.payload["scheduleStart"] as? String == "2019-04-19T17:25:43.083+02:00")
    }

    @Test func everyBootAnswerSetsTheClockPendingAndRejectedToo() {
        for status in ["Pending", "Rejected"] {
            var harness = StationHarness()
            harness.csms = { _, _ in
                .result(#"{"status":"\#(status)","currentTime":"2019-04-19T16:25:43.083Z","interval":300}"#)
            }
            harness.boot()
            #expect(harness.station.clockOffsetMs == 2 * Self.hour, "\(status)")
        }
    }

    @Test func aLaterBootAnswerMovesTheClockAgain() {
        var harness = registeredAnHourBehindTheCSMS()
        harness.csmsClockOffsetMs = -Self.hour
        harness.request("Reset", #"{"type":"Soft"}"#)
        harness.advance(seconds: 40)
        #expect(harness.calls(.bootNotification).count == 2)
        #expect(harness.station.clockOffsetMs == -Self.hour)
    }

    @Test func aBootAnswerWithoutAReadableCurrentTimeLeavesTheClockAsItIs() {
        var harness = registeredAnHourBehindTheCSMS()
        harness.csms = { action, payload in
            guard action == .bootNotification else { return StationHarness.acceptingCSMS()(action, payload) }
            return .result(#"{"status":"Accepted","currentTime":"yesterday","interval":60}"#)
        }
        harness.request("Reset", #"{"type":"Soft"}"#)
        harness.advance(seconds: 40)
        #expect(harness.calls(.bootNotification).count == 2)
        #expect(harness.station.clockOffsetMs == Self.hour)
        harness.csms = { action, payload in
            guard action == .bootNotification else { return StationHarness.acceptingCSMS()(action, payload) }
            return .result(#"{"status":"Accepted","interval":60}"#)
        }
        harness.advance(seconds: 30)
        #expect(harness.calls(.bootNotification).count == 3)
        #expect(harness.station.clockOffsetMs == Self.hour)
    }
}
