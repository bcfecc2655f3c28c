import Foundation
import OCPP
import Testing

@testable import Station

/// Numbers and dates from the wire that once trapped (issue #14): the station refuses what a Green'Up
/// would not hold, and what it holds never reaches arithmetic that overflows.
@Suite struct WireValueTests {
    /// The largest integer the OCPP layer lets through (a wire integer is 32-bit signed; beyond, the frame
    /// is refused before it reaches the station).
    static let wireMax = "2147483647"
    static let nearInt64Max = "9223372036854775807"

    func registered() -> StationHarness {
        var harness = StationHarness()
        harness.boot()
        return harness
    }

    func status(_ answer: StationHarness.Sent?) -> String? {
        answer?.payload["status"] as? String
    }

    static func profile(
        purpose: String = "TxDefaultProfile", kind: String = "Absolute", duration: String = "3600",
        startPeriod: String = "1800", limit: String = "16", phases: String = "3"
    ) -> String {
        #"{"chargingProfileId":7,"stackLevel":0,"chargingProfilePurpose":"\#(purpose)","chargingProfileKind":"\#(kind)","chargingSchedule":{"duration":\#(duration),"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":\#(limit),"numberPhases":\#(phases)},{"startPeriod":\#(startPeriod),"limit":8}]}}"#
    }

    /// Beyond 32 bits the OCPP layer refuses the frame: the station answers PropertyConstraintViolation
    /// and acts on nothing.
    @Test(arguments: [
        #"{"connectorId":1,"duration":9223372036854775807}"#, #"{"connectorId":-9223372036854775808,"duration":60}"#,
        #"{"connectorId":1,"duration":2147483648}"#,
    ])
    func aWireIntegerBeyond32BitsIsRefused(payload: String) {
        var harness = registered()
        let answer = harness.request("GetCompositeSchedule", payload)
        #expect(answer?.kind == .callError)
        #expect(answer?.frame[2] as? String == "PropertyConstraintViolation")
    }

    @Test(arguments: [wireMax, "31622401", "0", "-1"])
    func aCompositeScheduleOverMoreThanAYearIsRejected(duration: String) {
        var harness = registered()
        #expect(status(harness.request("GetCompositeSchedule", #"{"connectorId":1,"duration":\#(duration)}"#)) == "Rejected")
    }

    @Test func aCompositeScheduleOverAYearIsAnswered() {
        var harness = registered()
        harness.request("SetChargingProfile", #"{"connectorId":0,"csChargingProfiles":\#(Self.profile(kind: "Relative"))}"#)
        #expect(status(harness.request("GetCompositeSchedule", #"{"connectorId":1,"duration":31622400}"#)) == "Accepted")
    }

    /// A schedule the Green'Up could not run (assumed): beyond a year, before its start, a negative limit,
    /// a number of phases that is not 1 to 3.
    @Test(arguments: [
        profile(duration: wireMax), profile(duration: "31622401"), profile(duration: "-1"),
        profile(startPeriod: wireMax), profile(startPeriod: "-1"), profile(limit: "-16"),
        profile(phases: "-2147483648"), profile(phases: "0"), profile(phases: "4"),
    ])
    func aScheduleTheStationCannotRunIsRejected(profile: String) {
        var harness = registered()
        #expect(status(harness.request("SetChargingProfile", #"{"connectorId":0,"csChargingProfiles":\#(profile)}"#)) == "Rejected")
        #expect(harness.station.profiles.profiles.isEmpty)
    }

    @Test(arguments: [
        profile(purpose: "TxProfile", kind: "Relative", duration: wireMax),
        profile(purpose: "TxProfile", kind: "Relative", startPeriod: wireMax),
    ])
    func aRemoteStartWithSuchAProfileIsRejected(profile: String) {
        var harness = registered()
        let answer = harness.request("RemoteStartTransaction", #"{"connectorId":1,"idTag":"APP","chargingProfile":\#(profile)}"#)
        #expect(status(answer) == "Rejected")
        #expect(!harness.station.hasTransaction(on: 1))
    }

    /// 1e307 A is some 7e309 W on three phases, past the largest double.
    @Test func aHugeLimitIsHugeNotInfinite() throws {
        var harness = registered()
        let huge = Self.profile(kind: "Relative", limit: "1e307")
        #expect(status(harness.request("SetChargingProfile", #"{"connectorId":0,"csChargingProfiles":\#(huge)}"#)) == "Accepted")
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        #expect(harness.station.powerW(of: 1) == 7_360)
        let answerReply = harness.request("GetCompositeSchedule", #"{"connectorId":1,"duration":3000,"chargingRateUnit":"A"}"#, id: "2")
        let answer = try #require(answerReply)
        let periods = (answer.payload["chargingSchedule"] as? [String: Any])?["chargingSchedulePeriod"] as? [[String: Any]]
        let limits = try #require(periods?.compactMap { $0["limit"] as? Double })
        #expect(limits.count == 2)
        #expect(limits.first.map { $0 > 1e300 && $0.isFinite } == true)
        #expect(limits.last == 8)
    }

    /// Dates far ahead arm their timer no further than the horizon; when it fires, the date is checked again.
    @Test(arguments: ["2700-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59-23:59"])
    func aReservationYearsAheadIsKeptAndCheckedAgainAtTheHorizon(expiry: String) throws {
        var harness = registered()
        let reserve = #"{"connectorId":1,"expiryDate":"\#(expiry)","idTag":"MINE","reservationId":2147483647}"#
        #expect(status(harness.request("ReserveNow", reserve)) == "Accepted")
        let timer = StationTimer.reservationExpiry(connectorId: 1)
        let first = try #require(harness.timers[timer])
        #expect(first == harness.now + Station.timerHorizonMs)
        harness.now = first
        harness.handle(.timerFired(timer))
        #expect(harness.timers[timer] == first + Station.timerHorizonMs)
        #expect(harness.station.status(of: 1) == .reserved)
        #expect(status(harness.request("CancelReservation", #"{"reservationId":2147483647}"#, id: "2")) == "Accepted")
    }

    @Test func aFirmwareDownloadYearsAheadWaitsForItsDate() throws {
        var harness = registered()
        harness.request("UpdateFirmware", #"{"location":"https://fw.example.com/fw.bin","retrieveDate":"9999-12-31T23:59:59Z","retries":2147483647,"retryInterval":-2147483648}"#)
        let first = try #require(harness.timers[.firmware])
        #expect(first == harness.now + Station.timerHorizonMs)
        harness.now = first
        harness.handle(.timerFired(.firmware))
        #expect(harness.timers[.firmware] == first + Station.timerHorizonMs)
        #expect(harness.calls(.firmwareStatusNotification).isEmpty)
    }

    @Test func aFirmwareDownloadDatedYearOneStartsNow() {
        var harness = registered()
        harness.request("UpdateFirmware", #"{"location":"https://fw.example.com/fw.bin","retrieveDate":"0001-01-01T00:00:00Z"}"#)
        #expect(harness.timers[.firmware] == harness.now)
        harness.advance(seconds: 0)
        #expect(harness.calls(.firmwareStatusNotification).map { $0.payload["status"] as? String } == ["Downloading"])
    }

    @Test(arguments: [
        ("HeartbeatInterval", nearInt64Max), ("HeartbeatInterval", "9223372036854775808"), ("HeartbeatInterval", "-1"),
        ("MeterValueSampleInterval", "99999999999999999999"), ("ConnectionTimeOut", "-9223372036854775808"),
        ("TransactionMessageRetryInterval", "1e308"), ("serverReconnectionTime", "2147483648"),
    ])
    func anIntegerKeyRefusesAValueOutOfItsRange(key: String, value: String) {
        var harness = registered()
        #expect(status(harness.request("ChangeConfiguration", #"{"key":"\#(key)","value":"\#(value)"}"#)) == "Rejected")
    }

    /// Connector ids at the ends of Int64 name no connector: each command answers without touching one.
    @Test(arguments: ["2147483647", "-2147483648", "-1"])
    func aConnectorIdOutOfRangeNamesNoConnector(connectorId: String) {
        var harness = registered()
        #expect(status(harness.request("ChangeAvailability", #"{"connectorId":\#(connectorId),"type":"Inoperative"}"#, id: "1")) == "Rejected")
        #expect(status(harness.request("UnlockConnector", #"{"connectorId":\#(connectorId)}"#, id: "2")) == "NotSupported")
        #expect(status(harness.request("TriggerMessage", #"{"requestedMessage":"MeterValues","connectorId":\#(connectorId)}"#, id: "3")) == "Rejected")
        #expect(status(harness.request("GetCompositeSchedule", #"{"connectorId":\#(connectorId),"duration":60}"#, id: "4")) == "Rejected")
        #expect(status(harness.request("RemoteStartTransaction", #"{"connectorId":\#(connectorId),"idTag":"APP"}"#, id: "5")) == "Rejected")
        #expect(status(harness.request("ReserveNow", #"{"connectorId":\#(connectorId),"expiryDate":"2019-04-19T18:00:00Z","idTag":"X","reservationId":1}"#, id: "6")) == "Rejected")
        #expect(status(harness.request("SetChargingProfile", #"{"connectorId":\#(connectorId),"csChargingProfiles":\#(Self.profile())}"#, id: "7")) == "Rejected")
        #expect(status(harness.request("ClearChargingProfile", #"{"connectorId":\#(connectorId)}"#, id: "8")) == "Unknown")
    }
}
