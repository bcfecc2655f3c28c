import Foundation
import OCPP
import Testing

@testable import Station

/// An answer that comes after its CALL's wait expired is late, not a fault of the CSMS: the station reports
/// it once, for the last few CALLs it gave up on, and does not act on it.
@Suite struct LateAnswerTests {
    /// A registered station whose CSMS has stopped answering, and whose first Heartbeat has timed out.
    func heartbeatTimedOut() throws -> (StationHarness, messageId: String) {
        var harness = StationHarness()
        harness.boot()
        harness.csms = nil
        harness.advance(seconds: 60 + 10)
        let heartbeat = try #require(harness.calls(.heartbeat).last)
        #expect(harness.completed.last?.messageId == heartbeat.messageId)
        #expect(harness.completed.last?.outcome == .timedOut)
        return (harness, heartbeat.messageId)
    }

    @Test func aResultAfterTheTimeoutIsALateAnswer() throws {
        var (harness, id) = try heartbeatTimedOut()
        harness.receive(#"[3,"\#(id)",{"currentTime":"2019-04-19T14:26:53.083Z"}]"#)
        #expect(harness.lateAnswers.map(\.messageId) == [id])
        #expect(harness.lateAnswers.map(\.action) == [.heartbeat])
        #expect(!harness.counts.contains(.unmatchedAnswer))
        // The CALL completed once, as timed out.
        #expect(harness.completed.filter { $0.messageId == id }.map(\.outcome) == [.timedOut])
    }

    @Test func aCallErrorAfterTheTimeoutIsALateAnswer() throws {
        var (harness, id) = try heartbeatTimedOut()
        harness.receive(#"[4,"\#(id)","InternalError","",{}]"#)
        #expect(harness.lateAnswers.map(\.messageId) == [id])
        #expect(!harness.counts.contains(.unmatchedAnswer))
    }

    @Test func aSecondLateAnswerToTheSameCallIsUnmatched() throws {
        var (harness, id) = try heartbeatTimedOut()
        harness.receive(#"[3,"\#(id)",{"currentTime":"2019-04-19T14:26:53.083Z"}]"#)
        harness.receive(#"[3,"\#(id)",{"currentTime":"2019-04-19T14:26:53.083Z"}]"#)
        #expect(harness.lateAnswers.count == 1)
        #expect(harness.counts.filter { $0 == .unmatchedAnswer }.count == 1)
    }

    @Test func anIdTheStationNeverSentIsStillUnmatched() throws {
        var (harness, _) = try heartbeatTimedOut()
        harness.receive(#"[3,"99999999999999999999",{"currentTime":"2019-04-19T14:26:53.083Z"}]"#)
        #expect(harness.lateAnswers.isEmpty)
        #expect(harness.counts.filter { $0 == .unmatchedAnswer }.count == 1)
    }

    @Test func aLateBootAcceptanceDoesNotRegisterTheStation() throws {
        var harness = StationHarness()
        harness.csms = nil
        harness.boot()
        let boot = try #require(harness.calls(.bootNotification).first)
        harness.advance(seconds: 10)
        #expect(harness.completed.last?.outcome == .timedOut)
        harness.receive(#"[3,"\#(boot.messageId)",{"status":"Accepted","currentTime":"2019-04-19T18:25:43.083Z","interval":60}]"#)
        #expect(harness.lateAnswers.map(\.action) == [.bootNotification])
        #expect(!harness.station.isRegistered)
        #expect(harness.station.clockOffsetMs == 0)
        #expect(harness.timers[.heartbeat] == nil)
        // The station goes on as it would have: it retries its BootNotification after confBottNotificationTime.
        harness.csms = StationHarness.acceptingCSMS()
        harness.advance(seconds: 30)
        #expect(harness.station.isRegistered)
    }

    /// A transaction message is retried under the same id: once it is in flight again, an answer to that
    /// id answers the retry, and a second one is unmatched.
    @Test func aRetriedCallIsInFlightAgainNotLate() throws {
        var harness = StationHarness()
        harness.boot()
        let accepting = StationHarness.acceptingCSMS()
        harness.csms = { action, payload in action == .startTransaction ? .silence : accepting(action, payload) }
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        harness.advance(seconds: 10 + 10)
        let starts = harness.calls(.startTransaction)
        #expect(starts.count == 2)
        let id = try #require(starts.first?.messageId)
        #expect(starts.last?.messageId == id)
        let answer = #"[3,"\#(id)",{"idTagInfo":{"status":"Accepted"},"transactionId":77}]"#
        harness.receive(answer)
        #expect(harness.completed.filter { $0.messageId == id }.map(\.outcome) == [.timedOut, .answered])
        #expect(harness.station.transactionId(on: 1) == 77)
        harness.receive(answer)
        #expect(harness.lateAnswers.isEmpty)
        #expect(harness.counts.filter { $0 == .unmatchedAnswer }.count == 1)
    }

    @Test func onlyTheLastFewCallsThatTimedOutAreRemembered() throws {
        var (harness, first) = try heartbeatTimedOut()
        for _ in 0..<Station.lateAnswerMemory {
            harness.advance(seconds: 60)
        }
        let timedOut = harness.completed.filter { $0.outcome == .timedOut }.map(\.messageId)
        #expect(timedOut.count == Station.lateAnswerMemory + 1)
        #expect(harness.station.timedOutCalls.count == Station.lateAnswerMemory)
        harness.receive(#"[3,"\#(first)",{"currentTime":"2019-04-19T14:26:53.083Z"}]"#)
        #expect(harness.counts.filter { $0 == .unmatchedAnswer }.count == 1)
        for id in timedOut.dropFirst() {
            harness.receive(#"[3,"\#(id)",{"currentTime":"2019-04-19T14:26:53.083Z"}]"#)
        }
        #expect(harness.lateAnswers.map(\.messageId) == Array(timedOut.dropFirst()))
        #expect(harness.station.timedOutCalls.isEmpty)
    }
}
