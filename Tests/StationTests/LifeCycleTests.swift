import OCPP
import Testing

@testable import Station

@Suite struct LifeCycleTests {
    @Test func powerOnAsksForAConnection() {
        var harness = StationHarness()
        harness.autoConnect = false
        harness.boot()
        #expect(harness.connects == 1)
        #expect(harness.sent.isEmpty)
    }

    @Test func bootNotificationCarriesTheGuidesIdentity() throws {
        var harness = StationHarness()
        harness.boot()
        let boot = try #require(harness.calls(.bootNotification).first)
        #expect(boot.payload["chargePointVendor"] as? String == "Legrand")
        #expect(boot.payload["chargePointModel"] as? String == "059004")
        #expect(boot.payload["chargeBoxSerialNumber"] as? String == "260988")
        #expect(boot.payload["firmwareVersion"] as? String == "V01.01.65/V01.01.08")
        #expect(boot.payload["meterType"] as? String == "internal")
        #expect(boot.payload.count == 5)
    }

    @Test func messageIdsAreTwentyDigits() {
        var harness = StationHarness()
        harness.boot()
        for call in harness.stationCalls {
            #expect(call.messageId.count == 20)
            #expect(call.messageId.allSatisfy { $0.isNumber })
        }
    }

    @Test func acceptedBootReportsEveryConnectorIncludingZero() {
        var harness = StationHarness()
        harness.boot()
        #expect(harness.station.isRegistered)
        let reported = harness.calls(.statusNotification).compactMap { $0.payload["connectorId"] as? Int }
        #expect(reported == [0, 1, 2, 3, 4])
        let first = harness.calls(.statusNotification)[1].payload
        #expect(first["errorCode"] as? String == "NoError")
        #expect(first["info"] as? String == "No failure")
        #expect(first["vendorId"] as? String == "Legrand")
        #expect(first["status"] as? String == "Available")
    }

    @Test func heartbeatFollowsTheIntervalTheCSMSGives() {
        var harness = StationHarness()
        harness.csms = StationHarness.acceptingCSMS(interval: 120)
        harness.boot()
        harness.advance(seconds: 119)
        #expect(harness.calls(.heartbeat).isEmpty)
        harness.advance(seconds: 1)
        #expect(harness.calls(.heartbeat).count == 1)
        harness.advance(seconds: 360)
        #expect(harness.calls(.heartbeat).count == 4)
        #expect(harness.calls(.heartbeat)[0].text.hasSuffix(#""Heartbeat",{}]"#))
        #expect(harness.station.configurationText(.heartbeatInterval) == "120")
    }

    @Test func aHeartbeatDueWhileACallIsInFlightGoesOnceItIsAnswered() throws {
        var harness = StationHarness()
        harness.boot()
        let accepting = try #require(harness.csms)
        harness.csms = { action, payload in action == .heartbeat ? .silence : accepting(action, payload) }
        harness.advance(seconds: 60)
        let first = try #require(harness.calls(.heartbeat).last)
        harness.handle(.timerFired(.heartbeat))
        #expect(harness.calls(.heartbeat).count == 1)
        harness.receive(#"[3,"\#(first.messageId)",{"currentTime":"2019-04-19T14:26:43Z"}]"#)
        #expect(harness.calls(.heartbeat).count == 2)
        #expect(harness.calls(.heartbeat).last?.messageId != first.messageId)
        #expect(harness.completed.contains { $0.messageId == first.messageId && $0.outcome == .answered })
    }

    @Test func aHeartbeatThatTimedOutIsNotSentAgain() throws {
        var harness = StationHarness()
        harness.boot()
        let accepting = try #require(harness.csms)
        harness.csms = { action, payload in action == .heartbeat ? .silence : accepting(action, payload) }
        harness.advance(seconds: 75)
        #expect(harness.calls(.heartbeat).count == 1)
        #expect(harness.completed.last?.action == .heartbeat && harness.completed.last?.outcome == .timedOut)
        #expect(harness.station.queuedCalls == 0)
    }

    @Test func pendingBootIsRetriedAfterTheIntervalAndSendsNothingElse() {
        var harness = StationHarness()
        var accept = false
        let accepting = StationHarness.acceptingCSMS()
        harness.csms = { action, payload in
            if action == .bootNotification, !accept {
                return .result(#"{"status":"Pending","currentTime":"2019-04-19T14:25:43Z","interval":45}"#)
            }
            return accepting(action, payload)
        }
        harness.boot()
        #expect(!harness.station.isRegistered)
        harness.advance(seconds: 44)
        #expect(harness.calls(.bootNotification).count == 1)
        #expect(harness.calls(.statusNotification).isEmpty)
        accept = true
        harness.advance(seconds: 1)
        #expect(harness.calls(.bootNotification).count == 2)
        #expect(harness.station.isRegistered)
    }

    @Test func rejectedBootIsRetriedAfterTheInterval() {
        var harness = StationHarness()
        harness.csms = { _, _ in .result(#"{"status":"Rejected","currentTime":"2019-04-19T14:25:43Z","interval":300}"#) }
        harness.boot()
        harness.advance(seconds: 299)
        #expect(harness.calls(.bootNotification).count == 1)
        harness.advance(seconds: 1)
        #expect(harness.calls(.bootNotification).count == 2)
        #expect(harness.calls(.heartbeat).isEmpty)
    }

    @Test func unansweredBootTimesOutThenRetriesPerConfBottNotificationTime() {
        var harness = StationHarness()
        harness.csms = { _, _ in .silence }
        harness.boot()
        harness.advance(seconds: 10)  // confBasicTime
        #expect(harness.completed.map(\.outcome) == [.timedOut])
        harness.advance(seconds: 29)
        #expect(harness.calls(.bootNotification).count == 1)
        harness.advance(seconds: 1)  // confBottNotificationTime 30 s after the timeout
        #expect(harness.calls(.bootNotification).count == 2)
    }

    @Test func lostLinkIsRetriedEveryServerReconnectionTime() {
        var harness = StationHarness()
        harness.boot()
        harness.autoConnect = false
        harness.handle(.disconnected)
        harness.advance(seconds: 29)
        #expect(harness.connects == 1)
        harness.advance(seconds: 1)
        #expect(harness.connects == 2)
        harness.handle(.disconnected)  // that attempt failed
        harness.advance(seconds: 30)
        #expect(harness.connects == 3)
    }

    @Test func stationsDroppedTogetherComeBackInStep() {
        var first = StationHarness(seed: 1)
        var second = StationHarness(seed: 99)
        for index in 0..<2 {
            var harness = index == 0 ? first : second
            harness.boot()
            harness.autoConnect = false
            harness.handle(.disconnected)
            if index == 0 { first = harness } else { second = harness }
        }
        #expect(first.timers[.reconnect] == second.timers[.reconnect])
    }

    @Test func anotherReconnectionPolicyBacksOffWithJitter() throws {
        var harness = StationHarness(
            options: StationOptions(reconnection: .exponentialBackoff(initialMs: 1_000, maxMs: 60_000, jitter: 0.5)))
        harness.boot()
        harness.autoConnect = false
        var delays: [Int64] = []
        for _ in 0..<8 {
            harness.handle(.disconnected)
            let at = try #require(harness.timers[.reconnect])
            delays.append(at - harness.now)
            harness.now = at
            harness.timers[.reconnect] = nil
            harness.handle(.timerFired(.reconnect))
        }
        #expect(delays[0] >= 500 && delays[0] <= 1_000)
        #expect(delays[3] >= 4_000 && delays[3] <= 8_000)
        #expect(delays[7] >= 30_000 && delays[7] <= 60_000)
    }

    @Test func retryBackOffDoublesTheWaitUntilALinkIsUpAgain() throws {
        var harness = StationHarness(
            options: StationOptions(
                reconnection: .retryBackOff(waitMinimumMs: 5_000, randomRangeMs: 0, repeatTimes: 2)))
        harness.boot()
        harness.autoConnect = false
        var delays: [Int64] = []
        for _ in 0..<4 {
            harness.handle(.disconnected)
            let at = try #require(harness.timers[.reconnect])
            delays.append(at - harness.now)
            harness.now = at
            harness.timers[.reconnect] = nil
            harness.handle(.timerFired(.reconnect))
        }
        harness.handle(.connected)
        harness.handle(.disconnected)
        let afterReconnection = try #require(harness.timers[.reconnect])
        #expect(delays == [5_000, 10_000, 20_000, 20_000])
        #expect(afterReconnection - harness.now == 5_000)
    }

    @Test func reconnectionStartsWithANewBootNotification() {
        var harness = StationHarness()
        harness.boot()
        harness.handle(.disconnected)
        harness.advance(seconds: 30)
        #expect(harness.calls(.bootNotification).count == 2)
        #expect(harness.station.isRegistered)
    }

    @Test func changingServerReconnectionTimeChangesTheDelay() {
        var harness = StationHarness()
        harness.boot()
        harness.request("ChangeConfiguration", #"{"key":"serverReconnectionTime","value":"5"}"#)
        harness.autoConnect = false
        harness.handle(.disconnected)
        #expect(harness.timers[.reconnect] == harness.now + 5_000)
    }

    @Test func powerCycleStopsTransactionsWithPowerLossAndBootsAgain() throws {
        var harness = StationHarness()
        harness.boot()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        harness.advance(seconds: 60)
        harness.handle(.powerCycle)
        #expect(harness.closes == 1)
        #expect(!harness.station.hasTransaction(on: 1))
        harness.advance(seconds: 30)  // boot time, then reconnect
        let stop = try #require(harness.calls(.stopTransaction).first)
        #expect(stop.payload["reason"] as? String == "PowerLoss")
        #expect(harness.calls(.bootNotification).count == 2)
        #expect(harness.station.status(of: 1) == .finishing)
    }

    @Test func minimumStatusDurationDelaysTheNextReport() {
        var harness = StationHarness()
        harness.boot()
        harness.request("ChangeConfiguration", #"{"key":"MinimumStatusDuration","value":"10"}"#)
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        #expect(harness.statuses(connector: 1) == ["Available"])
        harness.advance(seconds: 10)
        #expect(harness.statuses(connector: 1) == ["Available", "Preparing"])
    }
}
