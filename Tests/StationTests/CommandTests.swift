import Foundation
import OCPP
import Testing

@testable import Station

@Suite struct CommandTests {
    func registered(model: StationModel = .greenUp2VE) -> StationHarness {
        var harness = StationHarness(model: model)
        harness.boot()
        return harness
    }

    func status(_ answer: StationHarness.Sent?) -> String? {
        answer?.payload["status"] as? String
    }

    // MARK: - Configuration

    @Test func getConfigurationWithoutKeysListsEveryKeyOfTheGuide() throws {
        var harness = registered()
        let answerReply = harness.request("GetConfiguration", "{}")
        let answer = try #require(answerReply)
        let keys = try #require(answer.payload["configurationKey"] as? [[String: Any]])
        #expect(keys.count == ConfigurationKey.allCases.count)
        let heartbeat = try #require(keys.first { $0["key"] as? String == "HeartbeatInterval" })
        #expect(heartbeat["value"] as? String == "60")
        #expect(heartbeat["readonly"] as? Bool == false)
        let connectors = try #require(keys.first { $0["key"] as? String == "NumberOfConnectors" })
        #expect(connectors["value"] as? String == "4")
        #expect(connectors["readonly"] as? Bool == true)
        #expect(keys.first { $0["key"] as? String == "uiD" }?["value"] as? String == "0224B1FFFF3EAF33")
    }

    @Test func getConfigurationListsUnknownKeysAsUnknown() throws {
        var harness = registered()
        let answerReply = harness.request("GetConfiguration", #"{"key":["MeterValueSampleInterval","Bogus"]}"#)
        let answer = try #require(answerReply)
        let keys = try #require(answer.payload["configurationKey"] as? [[String: Any]])
        #expect(keys.map { $0["key"] as? String } == ["MeterValueSampleInterval"])
        #expect(answer.payload["unknownKey"] as? [String] == ["Bogus"])
    }

    @Test(arguments: [
        ("HeartbeatInterval", "300", "Accepted"), ("HeartbeatInterval", "5", "Rejected"),
        ("LightIntensity", "50", "Rejected"), ("ConnectorPhaseRotation", "0.RST", "NotSupported"),
        ("NumberOfConnectors", "8", "Rejected"), ("NoSuchKey", "1", "NotSupported"),
        ("MeterValuesSampledData", "Voltage", "Rejected"),
    ])
    func changeConfigurationAnswersAsTheGuideSays(key: String, value: String, expected: String) {
        var harness = registered()
        #expect(status(harness.request("ChangeConfiguration", #"{"key":"\#(key)","value":"\#(value)"}"#)) == expected)
    }

    @Test func aNewHeartbeatIntervalMovesTheHeartbeat() {
        var harness = registered()
        harness.request("ChangeConfiguration", #"{"key":"HeartbeatInterval","value":"15"}"#)
        harness.advance(seconds: 45)
        #expect(harness.calls(.heartbeat).count == 3)
    }

    @Test func aNewSampleIntervalMovesTheMeterValues() {
        var harness = registered()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        harness.request("ChangeConfiguration", #"{"key":"MeterValueSampleInterval","value":"10"}"#)
        harness.advance(seconds: 30)
        #expect(harness.calls(.meterValues).count == 3)
    }

    @Test func aNewMeasurandListChangesTheSampledValues() throws {
        var harness = registered()
        harness.request("ChangeConfiguration", #"{"key":"MeterValuesSampledData","value":"Power.Active.Export"}"#)
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        harness.advance(seconds: 30)
        let meter = try #require(harness.calls(.meterValues).first)
        let sampled = (meter.payload["meterValue"] as? [[String: Any]])?.first?["sampledValue"] as? [[String: Any]]
        #expect(sampled?.map { $0["measurand"] as? String } == ["Power.Active.Export"])
    }

    // MARK: - Availability, reset, unlock

    @Test func changeAvailabilityMakesAConnectorUnavailable() {
        var harness = registered()
        #expect(status(harness.request("ChangeAvailability", #"{"connectorId":2,"type":"Inoperative"}"#)) == "Accepted")
        #expect(harness.statuses(connector: 2).last == "Unavailable")
        harness.handle(.evPlugged(connectorId: 2, ev: .typical))
        harness.handle(.badgePresented(connectorId: 2, idTag: "BADGE1"))
        #expect(harness.calls(.authorize).isEmpty)
        #expect(status(harness.request("ChangeAvailability", #"{"connectorId":2,"type":"Operative"}"#)) == "Accepted")
        #expect(harness.statuses(connector: 2).last == "Preparing")
    }

    @Test func changeAvailabilityIsScheduledWhileATransactionRuns() {
        var harness = registered()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        #expect(status(harness.request("ChangeAvailability", #"{"connectorId":0,"type":"Inoperative"}"#)) == "Scheduled")
        #expect(harness.statuses(connector: 3).last == "Unavailable")
        #expect(harness.station.status(of: 1) == .charging)
        harness.handle(.evUnplugged(connectorId: 1))
        #expect(harness.statuses(connector: 1).last == "Unavailable")
    }

    @Test func changeAvailabilityOfAnUnknownConnectorIsRejected() {
        var harness = registered()
        #expect(status(harness.request("ChangeAvailability", #"{"connectorId":5,"type":"Inoperative"}"#)) == "Rejected")
    }

    @Test(arguments: [("Soft", "SoftReset"), ("Hard", "HardReset")])
    func resetStopsTransactionsThenReboots(type: String, reason: String) {
        var harness = registered()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        #expect(status(harness.request("Reset", #"{"type":"\#(type)"}"#)) == "Accepted")
        #expect(harness.calls(.stopTransaction).first?.payload["reason"] as? String == reason)
        harness.advance(seconds: 2)
        #expect(harness.closes == 1)
        harness.advance(seconds: 30)
        #expect(harness.calls(.bootNotification).count == 2)
    }

    @Test func unlockStopsTheTransactionOnAT2S() {
        var harness = registered()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        #expect(status(harness.request("UnlockConnector", #"{"connectorId":1}"#)) == "Unlocked")
        #expect(harness.calls(.stopTransaction).first?.payload["reason"] as? String == "UnlockCommand")
    }

    @Test func theDomesticSocketHasNoLockToRelease() {
        var harness = registered()
        #expect(status(harness.request("UnlockConnector", #"{"connectorId":2}"#)) == "NotSupported")
        #expect(status(harness.request("UnlockConnector", #"{"connectorId":9}"#)) == "NotSupported")
    }

    // MARK: - Authorization lists

    @Test func clearCacheForgetsCachedBadges() {
        var harness = registered()
        harness.request("ChangeConfiguration", #"{"key":"AuthorizationCacheEnabled","value":"true"}"#)
        harness.request("ChangeConfiguration", #"{"key":"LocalPreAuthorize","value":"true"}"#)
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        #expect(status(harness.request("ClearCache", "{}")) == "Accepted")
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        #expect(harness.calls(.authorize).count == 2)
    }

    @Test func sendLocalListFullThenDifferentialWithVersionChecks() {
        var harness = registered()
        #expect(harness.request("GetLocalListVersion", "{}")?.payload["listVersion"] as? Int == 0)
        let full = #"{"listVersion":3,"updateType":"Full","localAuthorizationList":[{"idTag":"A","idTagInfo":{"status":"Accepted"}}]}"#
        #expect(status(harness.request("SendLocalList", full)) == "Accepted")
        #expect(harness.request("GetLocalListVersion", "{}")?.payload["listVersion"] as? Int == 3)
        let stale = #"{"listVersion":3,"updateType":"Differential","localAuthorizationList":[{"idTag":"B"}]}"#
        #expect(status(harness.request("SendLocalList", stale)) == "VersionMismatch")
        let next = #"{"listVersion":4,"updateType":"Differential","localAuthorizationList":[{"idTag":"A"}]}"#
        #expect(status(harness.request("SendLocalList", next)) == "Accepted")
        #expect(harness.station.authorization.localList.isEmpty)
    }

    @Test func sendLocalListOfMoreThanFiveHundredFails() {
        var harness = registered()
        let entries = (0..<501).map { #"{"idTag":"T\#($0)","idTagInfo":{"status":"Accepted"}}"# }.joined(separator: ",")
        let request = #"{"listVersion":1,"updateType":"Full","localAuthorizationList":[\#(entries)]}"#
        #expect(status(harness.request("SendLocalList", request)) == "Failed")
    }

    // MARK: - Reservations

    @Test func reserveNowHoldsTheConnectorForItsIdTag() throws {
        var harness = registered()
        let reserve = #"{"connectorId":1,"expiryDate":"2019-04-19T15:25:43Z","idTag":"MINE","reservationId":42}"#
        #expect(status(harness.request("ReserveNow", reserve)) == "Accepted")
        #expect(harness.statuses(connector: 1).last == "Reserved")
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "OTHER"))
        #expect(harness.calls(.authorize).isEmpty)
        harness.handle(.badgePresented(connectorId: 1, idTag: "MINE"))
        let start = try #require(harness.calls(.startTransaction).first)
        #expect(start.payload["reservationId"] as? Int == 42)
    }

    @Test func aReservationExpires() {
        var harness = registered()
        let reserve = #"{"connectorId":3,"expiryDate":"2019-04-19T14:35:43.083Z","idTag":"MINE","reservationId":1}"#
        harness.request("ReserveNow", reserve)
        harness.advance(seconds: 600)
        #expect(harness.statuses(connector: 3) == ["Available", "Reserved", "Available"])
    }

    @Test func reserveNowAnswersOccupiedUnavailableAndRejected() {
        var harness = registered()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.request("ChangeAvailability", #"{"connectorId":2,"type":"Inoperative"}"#)
        func reserve(_ connector: Int, _ id: Int) -> String? {
            status(harness.request("ReserveNow", #"{"connectorId":\#(connector),"expiryDate":"2019-04-19T18:00:00Z","idTag":"X","reservationId":\#(id)}"#))
        }
        #expect(reserve(1, 1) == "Occupied")
        #expect(reserve(2, 2) == "Unavailable")
        #expect(reserve(7, 3) == "Rejected")
        #expect(reserve(0, 4) == "Accepted")
    }

    @Test func cancelReservationFreesTheConnector() {
        var harness = registered()
        harness.request("ReserveNow", #"{"connectorId":1,"expiryDate":"2019-04-19T18:00:00Z","idTag":"X","reservationId":9}"#)
        #expect(status(harness.request("CancelReservation", #"{"reservationId":9}"#)) == "Accepted")
        #expect(harness.statuses(connector: 1).last == "Available")
        #expect(status(harness.request("CancelReservation", #"{"reservationId":9}"#)) == "Rejected")
    }

    // MARK: - Remote start and stop

    @Test func remoteStartOnAFreeConnectorStartsWithTheDriversEV() throws {
        var harness = registered()
        #expect(status(harness.request("RemoteStartTransaction", #"{"connectorId":3,"idTag":"APP"}"#)) == "Accepted")
        #expect(harness.calls(.authorize).first?.payload["idTag"] as? String == "APP")
        let start = try #require(harness.calls(.startTransaction).first)
        #expect(start.payload["connectorId"] as? Int == 3)
        // The answer goes out before the StartTransaction.
        let answer = try #require(harness.sent.firstIndex { $0.kind == .callResult && $0.action == .remoteStartTransaction })
        let startIndex = try #require(harness.sent.firstIndex { $0.action == .startTransaction })
        #expect(answer < startIndex)
    }

    /// OCPP 1.6 §5.11: the connector goes Preparing, the idTag is authorized when AuthorizeRemoteTxRequests
    /// is true, then StartTransaction, then Charging, whether the EV came with the request or plugs in later.
    @Test(arguments: [
        (true, true, ["Preparing", "Authorize", "StartTransaction", "Charging"]),
        (true, false, ["Preparing", "StartTransaction", "Charging"]),
        (false, true, ["Preparing", "Authorize", "StartTransaction", "Charging"]),
        (false, false, ["Preparing", "StartTransaction", "Charging"]),
    ])
    func remoteStartSendsItsMessagesInTheSpecsOrder(evComesWithTheRequest: Bool, authorize: Bool, order: [String]) {
        var harness = StationHarness(options: StationOptions(remoteStartEV: evComesWithTheRequest ? .typical : nil))
        harness.boot()
        harness.request("ChangeConfiguration", #"{"key":"AuthorizeRemoteTxRequests","value":"\#(authorize)"}"#)
        let before = harness.sent.count
        #expect(status(harness.request("RemoteStartTransaction", #"{"connectorId":1,"idTag":"APP"}"#, id: "r")) == "Accepted")
        if !evComesWithTheRequest { harness.handle(.evPlugged(connectorId: 1, ev: .typical)) }
        let calls = harness.sent[before...].filter { $0.kind == .call }
        #expect(calls.map { $0.action == .statusNotification ? $0.payload["status"] as? String ?? "" : $0.action?.rawValue ?? "" } == order)
        #expect(calls.filter { $0.action == .statusNotification }.allSatisfy { $0.payload["connectorId"] as? Int == 1 })
    }

    @Test func remoteStartWithoutAuthorizeRemoteTxRequestsSkipsAuthorize() {
        var harness = registered()
        harness.request("ChangeConfiguration", #"{"key":"AuthorizeRemoteTxRequests","value":"false"}"#)
        harness.request("RemoteStartTransaction", #"{"idTag":"APP"}"#)
        #expect(harness.calls(.authorize).isEmpty)
        #expect(harness.calls(.startTransaction).first?.payload["connectorId"] as? Int == 1)
    }

    @Test func remoteStartWithoutAnEVWaitsForConnectionTimeOut() {
        var harness = StationHarness(options: StationOptions(remoteStartEV: nil))
        harness.boot()
        harness.request("RemoteStartTransaction", #"{"connectorId":1,"idTag":"APP"}"#)
        #expect(harness.station.status(of: 1) == .preparing)
        harness.advance(seconds: 60)
        #expect(harness.station.status(of: 1) == .available)
        #expect(harness.calls(.startTransaction).isEmpty)
    }

    @Test func remoteStartWithoutAnEVStartsWhenItIsPluggedInTime() {
        var harness = StationHarness(options: StationOptions(remoteStartEV: nil))
        harness.boot()
        harness.request("RemoteStartTransaction", #"{"connectorId":1,"idTag":"APP"}"#)
        harness.advance(seconds: 20)
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        #expect(harness.station.hasTransaction(on: 1))
    }

    @Test func remoteStartOnABusyConnectorIsRejected() {
        var harness = registered()
        harness.request("RemoteStartTransaction", #"{"connectorId":1,"idTag":"APP"}"#)
        #expect(status(harness.request("RemoteStartTransaction", #"{"connectorId":1,"idTag":"APP2"}"#, id: "2")) == "Rejected")
    }

    @Test func remoteStartWithATxProfileChargesAtItsLimit() {
        var harness = registered()
        let profile = #"{"chargingProfileId":1,"stackLevel":0,"chargingProfilePurpose":"TxProfile","chargingProfileKind":"Relative","chargingSchedule":{"chargingRateUnit":"W","chargingSchedulePeriod":[{"startPeriod":0,"limit":3000}]}}"#
        harness.request("RemoteStartTransaction", #"{"connectorId":1,"idTag":"APP","chargingProfile":\#(profile)}"#)
        #expect(harness.station.powerW(of: 1) == 3_000)
    }

    @Test func remoteStopStopsWithReasonRemote() {
        var harness = registered()
        harness.request("RemoteStartTransaction", #"{"connectorId":1,"idTag":"APP"}"#)
        #expect(status(harness.request("RemoteStopTransaction", #"{"transactionId":1001}"#)) == "Accepted")
        #expect(harness.calls(.stopTransaction).first?.payload["reason"] as? String == "Remote")
        #expect(status(harness.request("RemoteStopTransaction", #"{"transactionId":555}"#)) == "Rejected")
    }

    // MARK: - Smart charging

    @Test func aTxDefaultProfileCapsThePowerAndFollowsItsSchedule() {
        var harness = registered()
        let profile = #"{"connectorId":0,"csChargingProfiles":{"chargingProfileId":5,"stackLevel":1,"chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Absolute","chargingSchedule":{"startSchedule":"2019-04-19T14:25:43.083Z","chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":10},{"startPeriod":600,"limit":16}]}}}"#
        #expect(status(harness.request("SetChargingProfile", profile)) == "Accepted")
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        #expect(harness.station.powerW(of: 1) == 2_300)
        harness.advance(seconds: 600)
        #expect(harness.station.powerW(of: 1) == 3_680)
    }

    @Test func aProfileBelowSixAmperesSuspendsTheCharge() {
        var harness = registered()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        let profile = #"{"connectorId":0,"csChargingProfiles":{"chargingProfileId":1,"stackLevel":0,"chargingProfilePurpose":"ChargePointMaxProfile","chargingProfileKind":"Absolute","chargingSchedule":{"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":0}]}}}"#
        #expect(status(harness.request("SetChargingProfile", profile)) == "Accepted")
        #expect(harness.station.status(of: 1) == .suspendedEVSE)
        #expect(status(harness.request("ClearChargingProfile", #"{"id":1}"#, id: "2")) == "Accepted")
        #expect(harness.station.status(of: 1) == .charging)
        #expect(status(harness.request("ClearChargingProfile", #"{"id":1}"#, id: "3")) == "Unknown")
    }

    @Test(arguments: [
        // ChargePointMaxProfile only on connector 0.
        #"{"connectorId":1,"csChargingProfiles":{"chargingProfileId":1,"stackLevel":0,"chargingProfilePurpose":"ChargePointMaxProfile","chargingProfileKind":"Absolute","chargingSchedule":{"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":8}]}}}"#,
        // TxProfile without a transaction.
        #"{"connectorId":1,"csChargingProfiles":{"chargingProfileId":1,"stackLevel":0,"chargingProfilePurpose":"TxProfile","chargingProfileKind":"Relative","chargingSchedule":{"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":8}]}}}"#,
        // Stack level above ChargeProfileMaxStackLevel (10).
        #"{"connectorId":0,"csChargingProfiles":{"chargingProfileId":1,"stackLevel":11,"chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Absolute","chargingSchedule":{"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":8}]}}}"#,
        // An unknown connector.
        #"{"connectorId":9,"csChargingProfiles":{"chargingProfileId":1,"stackLevel":0,"chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Absolute","chargingSchedule":{"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":8}]}}}"#,
    ])
    func setChargingProfileRejectsWhatTheStationCannotHold(request: String) {
        var harness = registered()
        #expect(status(harness.request("SetChargingProfile", request)) == "Rejected")
    }

    @Test func theNewFirmwareAcceptsStackLevelsUpToAHundred() {
        var harness = registered(model: .greenUp2VENewFirmware)
        let request = #"{"connectorId":0,"csChargingProfiles":{"chargingProfileId":1,"stackLevel":100,"chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Absolute","chargingSchedule":{"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":8}]}}}"#
        #expect(status(harness.request("SetChargingProfile", request)) == "Accepted")
    }

    @Test func getCompositeScheduleCombinesTheProfiles() throws {
        var harness = registered()
        harness.request("SetChargingProfile", #"{"connectorId":0,"csChargingProfiles":{"chargingProfileId":1,"stackLevel":0,"chargingProfilePurpose":"ChargePointMaxProfile","chargingProfileKind":"Absolute","chargingSchedule":{"chargingRateUnit":"W","chargingSchedulePeriod":[{"startPeriod":0,"limit":9000}]}}}"#)
        harness.request("SetChargingProfile", #"{"connectorId":1,"csChargingProfiles":{"chargingProfileId":2,"stackLevel":0,"chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Absolute","chargingSchedule":{"chargingRateUnit":"W","chargingSchedulePeriod":[{"startPeriod":0,"limit":4600},{"startPeriod":1800,"limit":11000}]}}}"#)
        let answerReply = harness.request("GetCompositeSchedule", #"{"connectorId":1,"duration":3600,"chargingRateUnit":"W"}"#)
        let answer = try #require(answerReply)
        #expect(answer.payload["status"] as? String == "Accepted")
        let schedule = try #require(answer.payload["chargingSchedule"] as? [String: Any])
        let periods = try #require(schedule["chargingSchedulePeriod"] as? [[String: Any]])
        #expect(periods.map { $0["startPeriod"] as? Int } == [0, 1800])
        #expect(periods.map { $0["limit"] as? Double } == [4600, 9000])
        #expect(schedule["chargingRateUnit"] as? String == "W")
    }

    @Test func getCompositeScheduleOfAnUnknownConnectorIsRejected() {
        var harness = registered()
        #expect(status(harness.request("GetCompositeSchedule", #"{"connectorId":8,"duration":60}"#)) == "Rejected")
    }

    // MARK: - Trigger, diagnostics, firmware, data transfer

    @Test(arguments: [
        ("BootNotification", Action.bootNotification), ("Heartbeat", .heartbeat),
        ("StatusNotification", .statusNotification), ("MeterValues", .meterValues),
        ("DiagnosticsStatusNotification", .diagnosticsStatusNotification),
        ("FirmwareStatusNotification", .firmwareStatusNotification),
    ])
    func triggerMessageSendsTheMessageAfterTheAnswer(name: String, action: Action) throws {
        var harness = registered()
        let before = harness.sent.count
        #expect(status(harness.request("TriggerMessage", #"{"requestedMessage":"\#(name)","connectorId":1}"#)) == "Accepted")
        let after = harness.sent[before...]
        let answer = try #require(after.firstIndex { $0.kind == .callResult })
        let triggered = try #require(after.firstIndex { $0.kind == .call && $0.action == action })
        #expect(answer < triggered)
    }

    @Test func triggeredStatusNotificationIsForTheConnectorAsked() {
        var harness = registered()
        let before = harness.calls(.statusNotification).count
        harness.request("TriggerMessage", #"{"requestedMessage":"StatusNotification","connectorId":3}"#)
        let new = harness.calls(.statusNotification).dropFirst(before)
        #expect(new.map { $0.payload["connectorId"] as? Int } == [3])
    }

    @Test func triggerMessageForAnUnknownConnectorIsRejected() {
        var harness = registered()
        #expect(status(harness.request("TriggerMessage", #"{"requestedMessage":"MeterValues","connectorId":12}"#)) == "Rejected")
    }

    @Test func getDiagnosticsUploadsThenReportsUploaded() {
        var harness = registered()
        let answer = harness.request("GetDiagnostics", #"{"location":"ftp://logs.example.com/in/"}"#)
        #expect(answer?.payload["fileName"] as? String != nil)
        harness.advance(seconds: 15)
        let statuses = harness.calls(.diagnosticsStatusNotification).compactMap { $0.payload["status"] as? String }
        #expect(statuses == ["Uploading", "Uploaded"])
    }

    @Test func getDiagnosticsToAnUnsupportedProtocolFails() {
        var harness = registered()
        harness.request("GetDiagnostics", #"{"location":"gopher://logs.example.com/"}"#)
        harness.advance(seconds: 15)
        let statuses = harness.calls(.diagnosticsStatusNotification).compactMap { $0.payload["status"] as? String }
        #expect(statuses == ["Uploading", "UploadFailed"])
    }

    @Test func updateFirmwareReportsInOrderRebootsAndBootsWithTheNewVersion() {
        var harness = registered(model: .greenUp1VE)
        let answer = harness.request("UpdateFirmware", #"{"location":"https://fw.example.com/greenup.bin","retrieveDate":"2019-04-19T14:30:43.083Z"}"#)
        #expect(answer?.payload.isEmpty == true)
        harness.advance(seconds: 299)
        #expect(harness.calls(.firmwareStatusNotification).isEmpty)
        harness.advance(seconds: 1 + 60 + 120 + 30)
        let statuses = harness.calls(.firmwareStatusNotification).compactMap { $0.payload["status"] as? String }
        #expect(statuses == ["Downloading", "Downloaded", "Installing", "Installed"])
        #expect(harness.closes == 1)
        #expect(harness.calls(.bootNotification).last?.payload["firmwareVersion"] as? String == "V01.17.00/V01.01.10")
        #expect(harness.station.model.name == "greenup-1ve-fw2")
    }

    @Test func dataTransferIsNotAvailable() {
        var harness = registered()
        #expect(status(harness.request("DataTransfer", #"{"vendorId":"com.example"}"#)) == "UnknownVendorId")
    }
}
