import Foundation
import OCPP
import Testing

@testable import Station

/// What a station answers the CSMS before it is accepted: nothing while Rejected (OCPP 1.6 §4.2), every
/// CALL while Pending, so that the CSMS can configure it.
@Suite struct RegistrationTests {
    /// A station whose CSMS answers its BootNotification with `status` until `accepted` is set.
    func station(bootAnswer status: String) -> StationHarness {
        var harness = StationHarness()
        harness.csms = { action, payload in
            guard action == .bootNotification else { return StationHarness.acceptingCSMS()(action, payload) }
            return .result(#"{"status":"\#(status)","currentTime":"2019-04-19T14:25:43.083Z","interval":300}"#)
        }
        harness.boot()
        return harness
    }

    @Test func aRejectedStationAnswersNoCall() {
        var harness = station(bootAnswer: "Rejected")
        let before = harness.sent.count
        #expect(harness.request("GetConfiguration", "{}")?.kind == nil)
        #expect(harness.request("Reset", #"{"type":"Hard"}"#, id: "2")?.kind == nil)
        #expect(harness.sent.count == before)
        // Nothing it was asked was done.
        #expect(harness.timers[.reset] == nil)
    }

    @Test func aRejectedStationCountsNoBrokenCallAsAFault() {
        var harness = station(bootAnswer: "Rejected")
        let before = harness.sent.count
        harness.receive(#"[2,"b1","Teleport",{}]"#)
        harness.receive(#"[2,"b2","Reset",{"type":"Sideways"}]"#)
        harness.receive(#"[2,"b3","Reset"]"#)
        #expect(harness.sent.count == before)
        #expect(harness.counts.isEmpty)
    }

    @Test func aRejectedStationAnswersOnceAccepted() {
        var harness = station(bootAnswer: "Rejected")
        harness.csms = StationHarness.acceptingCSMS()
        harness.advance(seconds: 300)
        #expect(harness.station.isRegistered)
        #expect(harness.request("GetLocalListVersion", "{}")?.kind == .callResult)
    }

    @Test func aRejectedStationStaysSilentWhileItsNextBootAwaitsAnswer() {
        var harness = station(bootAnswer: "Rejected")
        harness.csms = nil
        harness.advance(seconds: 300)
        #expect(harness.calls(.bootNotification).count == 2)
        #expect(harness.request("GetLocalListVersion", "{}")?.kind == nil)
    }

    @Test func aPendingStationAnswersEveryCall() {
        var harness = station(bootAnswer: "Pending")
        #expect(!harness.station.isRegistered)
        let answer = harness.request("ChangeConfiguration", #"{"key":"HeartbeatInterval","value":"120"}"#)
        #expect(answer?.kind == .callResult)
        #expect(answer?.payload["status"] as? String == "Accepted")
        #expect(harness.request("Teleport", "{}", id: "2")?.kind == .callError)
    }

    @Test func aPendingAnswerAfterARejectionLiftsTheSilence() {
        var harness = station(bootAnswer: "Rejected")
        harness.csms = { action, payload in
            guard action == .bootNotification else { return StationHarness.acceptingCSMS()(action, payload) }
            return .result(#"{"status":"Pending","currentTime":"2019-04-19T14:25:43.083Z","interval":300}"#)
        }
        harness.advance(seconds: 300)
        #expect(harness.request("GetLocalListVersion", "{}")?.kind == .callResult)
    }

    // MARK: - The interval of a BootNotification answer

    /// The Green'Up's HeartbeatInterval key takes 10 to 86,400 s: an interval the CSMS gives is brought
    /// into that range (assumed).
    @Test(arguments: [
        ("2147483647", "86400"), ("86401", "86400"), ("3", "10"), ("120", "120"),
    ])
    func anAcceptedIntervalIsBroughtIntoTheHeartbeatIntervalRange(interval: String, heartbeat: String) throws {
        var harness = StationHarness()
        harness.csms = { action, payload in
            guard action == .bootNotification else { return StationHarness.acceptingCSMS()(action, payload) }
            return .result(#"{"status":"Accepted","currentTime":"2019-04-19T14:25:43.083Z","interval":\#(interval)}"#)
        }
        harness.boot()
        #expect(harness.station.configurationText(.heartbeatInterval) == heartbeat)
        let seconds = try #require(Int64(heartbeat))
        #expect(harness.timers[.heartbeat] == harness.now + seconds * 1000)
    }

    /// A Pending or Rejected answer's interval is the wait before the next BootNotification, within
    /// confBottNotificationTime's range (1 to 86,400 s, assumed).
    @Test(arguments: ["Pending", "Rejected"])
    func aHugeRetryIntervalWaitsADay(status: String) {
        var harness = StationHarness()
        harness.csms = { _, _ in
            .result(#"{"status":"\#(status)","currentTime":"2019-04-19T14:25:43.083Z","interval":2147483647}"#)
        }
        harness.boot()
        #expect(harness.timers[.bootRetry] == harness.now + 86_400_000)
    }
}
