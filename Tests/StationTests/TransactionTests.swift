import Foundation
import OCPP
import Testing

@testable import Station

@Suite struct TransactionTests {
    /// A registered station with an EV plugged on connector 1 and BADGE1 presented.
    func charging(model: StationModel = .greenUp2VE, ev: EVCharacteristics = .typical) -> StationHarness {
        var harness = StationHarness(model: model)
        harness.boot()
        harness.handle(.evPlugged(connectorId: 1, ev: ev))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        return harness
    }

    @Test func badgeAuthorizesThenStartsWithTheGreenUpsFields() throws {
        let harness = charging()
        #expect(harness.calls(.authorize).first?.payload["idTag"] as? String == "BADGE1")
        let start = try #require(harness.calls(.startTransaction).first)
        #expect(start.payload["connectorId"] as? Int == 1)
        #expect(start.payload["idTag"] as? String == "BADGE1")
        #expect(start.payload["meterStart"] as? Int == 0)
        #expect(start.payload["reservationId"] as? Int == 0)
        #expect(start.payload["timestamp"] as? String == "2019-04-19T16:25:43.083+02:00")
        #expect(harness.station.transactionId(on: 1) == 1001)
        #expect(harness.counts.contains(.transactionStarted))
    }

    @Test func statusGoesPreparingThenCharging() {
        let harness = charging()
        #expect(harness.statuses(connector: 1) == ["Available", "Preparing", "Charging"])
    }

    @Test func meterValuesComeEverySampleIntervalAsTheGuideShowsThem() throws {
        var harness = charging()
        harness.advance(seconds: 29)
        #expect(harness.calls(.meterValues).isEmpty)
        harness.advance(seconds: 1)
        let meter = try #require(harness.calls(.meterValues).first)
        #expect(meter.payload["connectorId"] as? Int == 1)
        #expect(meter.payload["transactionId"] as? Int == 1001)
        let value = try #require((meter.payload["meterValue"] as? [[String: Any]])?.first)
        #expect(value["timestamp"] as? String == "2019-04-19T16:26:13.083+02:00")
        let sampled = try #require(value["sampledValue"] as? [[String: Any]])
        #expect(sampled.map { $0["measurand"] as? String } == ["Current.Import", "Energy.Active.Import.Interval", "Power.Active.Export"])
        #expect(sampled.map { $0["unit"] as? String } == ["A", "Wh", "W"])
        #expect(sampled.map { $0["location"] as? String } == ["Outlet", nil, "Outlet"])
        #expect(sampled.allSatisfy { $0["context"] as? String == "Sample.Clock" && $0["format"] as? String == "Raw" })
        // 7.4 kW for 30 s is 61.67 Wh; 32 A max on one phase: 7360 W offered, the EV takes 7360 W.
        #expect(sampled[2]["value"] as? String == "7360.0")
        #expect(sampled[0]["value"] as? String == "32.0")
        #expect(abs((Double(sampled[1]["value"] as? String ?? "") ?? 0) - 61.333) < 0.01)
        harness.advance(seconds: 60)
        #expect(harness.calls(.meterValues).count == 3)
    }

    @Test func theNewFirmwareSendsItsQuirks() throws {
        var harness = charging(model: .greenUp1VENewFirmware)
        harness.advance(seconds: 30)
        let meter = try #require(harness.calls(.meterValues).first)
        let sampled = try #require((meter.payload["meterValue"] as? [[String: Any]])?.first?["sampledValue"] as? [[String: Any]])
        let power = try #require(sampled.first { $0["measurand"] as? String == "Power.Active.Import" })
        #expect(power["unit"] as? String == "kW")
        #expect(power["value"] as? String == "7.36")
        #expect(sampled.first { $0["measurand"] as? String == "Current.Import" }?["phase"] as? String == "N")
        #expect(sampled.first { $0["measurand"] as? String == "Voltage" }?["phase"] as? String == "L1-N")
    }

    @Test func badgeAgainStopsLocallyWithInterruptionEndData() throws {
        var harness = charging()
        harness.advance(seconds: 45)
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        let stop = try #require(harness.calls(.stopTransaction).first)
        #expect(stop.payload["reason"] as? String == "Local")
        #expect(stop.payload["transactionId"] as? Int == 1001)
        #expect(stop.payload["idTag"] as? String == "BADGE1")
        // 7360 W for 45 s = 92 Wh.
        #expect(stop.payload["meterStop"] as? Int == 92)
        let data = try #require((stop.payload["transactionData"] as? [[String: Any]])?.first)
        let sampled = try #require(data["sampledValue"] as? [[String: Any]])
        #expect(sampled.map { $0["measurand"] as? String } == ["Current.Import", "Energy.Active.Import.Interval"])
        #expect(sampled.allSatisfy { $0["context"] as? String == "Interruption.End" })
        #expect(harness.statuses(connector: 1).last == "Finishing")
        #expect(harness.counts.contains(.transactionStopped(energyWh: 92)))
        harness.handle(.evUnplugged(connectorId: 1))
        #expect(harness.statuses(connector: 1).last == "Available")
    }

    @Test func unplugStopsWithEVDisconnected() throws {
        var harness = charging()
        harness.advance(seconds: 10)
        harness.handle(.evUnplugged(connectorId: 1))
        let stop = try #require(harness.calls(.stopTransaction).first)
        #expect(stop.payload["reason"] as? String == "EVDisconnected")
        #expect(harness.statuses(connector: 1).last == "Available")
    }

    @Test func theDomesticSocketDeliversAtMostTenAmperesOnOnePhase() {
        var harness = StationHarness()
        harness.boot()
        harness.handle(.evPlugged(connectorId: 2, ev: EVCharacteristics(maxPowerW: 11_000, phases: 3, energyWantedWh: 30_000)))
        harness.handle(.badgePresented(connectorId: 2, idTag: "BADGE1"))
        #expect(harness.station.powerW(of: 2) == 2_300)
    }

    @Test func aThreePhaseEVOnT2SDrawsUpToTwentyTwoKilowatts() {
        var harness = charging(ev: EVCharacteristics(maxPowerW: 50_000, phases: 3, energyWantedWh: 30_000))
        #expect(harness.station.powerW(of: 1) == 32 * 230 * 3)
        harness.advance(seconds: 1)
    }

    @Test func plugAndChargeStartsWithTheDefaultIdTagOfTheSide() {
        var harness = StationHarness()
        harness.boot()
        harness.request("ChangeConfiguration", #"{"key":"oCPPPlugAndCharge","value":"true"}"#)
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.evPlugged(connectorId: 3, ev: .typical))
        let tags = harness.calls(.startTransaction).compactMap { $0.payload["idTag"] as? String }
        #expect(tags == ["LEGRAND001", "LEGRAND002"])
        #expect(harness.calls(.authorize).isEmpty)
    }

    @Test func aRefusedBadgeStartsNothing() {
        var harness = StationHarness()
        let accepting = StationHarness.acceptingCSMS()
        harness.csms = { action, payload in
            action == .authorize ? .result(#"{"idTagInfo":{"status":"Blocked"}}"#) : accepting(action, payload)
        }
        harness.boot()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "STOLEN"))
        #expect(harness.calls(.startTransaction).isEmpty)
        #expect(harness.station.status(of: 1) == .preparing)
    }

    @Test func localPreAuthorizeSkipsAuthorizeForACachedBadge() {
        var harness = StationHarness()
        harness.boot()
        harness.request("ChangeConfiguration", #"{"key":"AuthorizationCacheEnabled","value":"true"}"#)
        harness.request("ChangeConfiguration", #"{"key":"LocalPreAuthorize","value":"true"}"#)
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        #expect(harness.calls(.authorize).count == 1)
        #expect(harness.calls(.startTransaction).count == 2)
    }

    @Test func anExpiredCachedBadgeIsAskedAgain() {
        var harness = StationHarness()
        let accepting = StationHarness.acceptingCSMS()
        // Every idTagInfo the CSMS sends (Authorize, Start, Stop) says the badge expires at 14:30Z.
        harness.csms = { action, payload in
            guard case .result(let answer) = accepting(action, payload) else { return .silence }
            return .result(
                answer.replacingOccurrences(
                    of: #""status":"Accepted"}"#, with: #""status":"Accepted","expiryDate":"2019-04-19T14:30:00Z"}"#))
        }
        harness.boot()
        harness.request("ChangeConfiguration", #"{"key":"AuthorizationCacheEnabled","value":"true"}"#)
        harness.request("ChangeConfiguration", #"{"key":"LocalPreAuthorize","value":"true"}"#)
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        harness.advance(seconds: 600)
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        #expect(harness.calls(.authorize).count == 2)
    }

    @Test func offlineUnknownBadgeNeedsAllowOfflineTxForUnknownId() {
        var harness = StationHarness()
        harness.boot()
        harness.autoConnect = false
        harness.handle(.disconnected)
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "NEW"))
        #expect(!harness.station.hasTransaction(on: 1))
        var allowing = StationHarness()
        allowing.boot()
        allowing.request("ChangeConfiguration", #"{"key":"AllowOfflineTxForUnknownId","value":"true"}"#)
        allowing.autoConnect = false
        allowing.handle(.disconnected)
        allowing.handle(.evPlugged(connectorId: 1, ev: .typical))
        allowing.handle(.badgePresented(connectorId: 1, idTag: "NEW"))
        #expect(allowing.station.hasTransaction(on: 1))
    }

    @Test func offlineKnownBadgeNeedsLocalAuthorizeOffline() {
        var harness = StationHarness()
        harness.boot()
        harness.request("ChangeConfiguration", #"{"key":"LocalAuthListEnabled","value":"true"}"#)
        harness.request(
            "SendLocalList",
            #"{"listVersion":1,"updateType":"Full","localAuthorizationList":[{"idTag":"KNOWN","idTagInfo":{"status":"Accepted"}}]}"#)
        harness.autoConnect = false
        harness.handle(.disconnected)
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "KNOWN"))
        #expect(!harness.station.hasTransaction(on: 1))
        harness.autoConnect = true
        harness.advance(seconds: 30)
        harness.request("ChangeConfiguration", #"{"key":"LocalAuthorizeOffline","value":"true"}"#)
        harness.autoConnect = false
        harness.handle(.disconnected)
        harness.handle(.badgePresented(connectorId: 1, idTag: "KNOWN"))
        #expect(harness.station.hasTransaction(on: 1))
    }

    @Test func aRefusedStartSuspendsTheChargeByDefault() {
        var harness = StationHarness()
        let accepting = StationHarness.acceptingCSMS()
        harness.csms = { action, payload in
            action == .startTransaction
                ? .result(#"{"idTagInfo":{"status":"Invalid"},"transactionId":7}"#) : accepting(action, payload)
        }
        harness.boot()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        #expect(harness.station.status(of: 1) == .suspendedEVSE)
        #expect(harness.station.powerW(of: 1) == 0)
        #expect(harness.calls(.stopTransaction).isEmpty)
    }

    @Test func aRefusedStartStopsWhenStopTransactionOnInvalidId() {
        var harness = StationHarness()
        let accepting = StationHarness.acceptingCSMS()
        harness.csms = { action, payload in
            action == .startTransaction
                ? .result(#"{"idTagInfo":{"status":"Invalid"},"transactionId":7}"#) : accepting(action, payload)
        }
        harness.boot()
        harness.request("ChangeConfiguration", #"{"key":"StopTransactionOnInvalidId","value":"true"}"#)
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        #expect(harness.calls(.stopTransaction).first?.payload["reason"] as? String == "DeAuthorized")
        #expect(harness.calls(.stopTransaction).first?.payload["transactionId"] as? Int == 7)
    }

    @Test func aBadgeOfTheSameGroupStopsTheTransaction() {
        var harness = StationHarness()
        let accepting = StationHarness.acceptingCSMS()
        harness.csms = { action, payload in
            action == .authorize
                ? .result(#"{"idTagInfo":{"status":"Accepted","parentIdTag":"FLEET"}}"#) : accepting(action, payload)
        }
        harness.boot()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "DRIVER1"))
        harness.handle(.badgePresented(connectorId: 1, idTag: "DRIVER2"))
        #expect(harness.calls(.stopTransaction).first?.payload["idTag"] as? String == "DRIVER2")
    }

    @Test func aStrangersBadgeDoesNotStopTheTransaction() {
        var harness = charging()
        harness.handle(.badgePresented(connectorId: 1, idTag: "STRANGER"))
        #expect(harness.calls(.stopTransaction).isEmpty)
        #expect(harness.station.hasTransaction(on: 1))
    }

    @Test func theEVTapersThenSuspendsWhenFull() {
        var harness = charging(ev: EVCharacteristics(maxPowerW: 7_360, phases: 1, energyWantedWh: 1_000))
        harness.advance(seconds: 440)  // 900 Wh at 7360 W: 440.2 s
        harness.advance(seconds: 1)
        #expect(harness.station.powerW(of: 1) == 1_840)
        harness.advance(seconds: 200)
        #expect(harness.station.status(of: 1) == .suspendedEV)
        #expect(harness.statuses(connector: 1).last == "SuspendedEV")
        #expect(abs(harness.station.registerWh(of: 1) - 1_000) < 0.01)
    }

    @Test func theIntervalsOfMeterValuesAddUpToTheStop() throws {
        var harness = charging()
        harness.advance(seconds: 125)
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        var total = 0.0
        for call in harness.calls(.meterValues) + harness.calls(.stopTransaction) {
            let values = (call.payload["meterValue"] ?? call.payload["transactionData"]) as? [[String: Any]] ?? []
            for sample in values.flatMap({ $0["sampledValue"] as? [[String: Any]] ?? [] })
            where sample["measurand"] as? String == "Energy.Active.Import.Interval" {
                total += Double(sample["value"] as? String ?? "") ?? 0
            }
        }
        let stop = try #require(harness.calls(.stopTransaction).first)
        #expect(abs(total - harness.station.registerWh(of: 1)) < 0.01)
        #expect(stop.payload["meterStop"] as? Int == Int(total))
    }

    /// A runner is never handed a deadline further than ``Station/timerHorizonMs``, whatever the EV.
    @Test func anEVThatWouldTakeCenturiesToFillArmsNoTimerPastTheHorizon() throws {
        var harness = charging(ev: EVCharacteristics(maxPowerW: 7_400, phases: 1, energyWantedWh: 1e308))
        let energy = try #require(harness.timers[.energy(connectorId: 1)])
        #expect(energy == harness.now + Station.timerHorizonMs)
        harness.now = energy
        harness.handle(.timerFired(.energy(connectorId: 1)))
        #expect(harness.timers[.energy(connectorId: 1)] == energy + Station.timerHorizonMs)
        #expect(harness.station.status(of: 1) == .charging)
    }
}
