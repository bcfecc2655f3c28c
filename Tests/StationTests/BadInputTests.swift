import Foundation
import OCPP
import Testing

@testable import Station

/// What the CSMS sends that OCPP-J refuses or does not expect: each gets the CallError OCPP-J 1.6 §4.2.3
/// prescribes (when it is a CALL whose id could be read), a count, and the station goes on.
@Suite struct BadInputTests {
    func registered() -> StationHarness {
        var harness = StationHarness()
        harness.boot()
        return harness
    }

    /// A registered station whose Heartbeat waits for an answer the test gives by hand.
    func awaitingHeartbeatAnswer() throws -> (StationHarness, messageId: String) {
        var harness = registered()
        harness.csms = nil
        harness.advance(seconds: 60)
        let heartbeat = try #require(harness.calls(.heartbeat).last)
        return (harness, heartbeat.messageId)
    }

    func badFrames(_ harness: StationHarness) -> [CallErrorCode] {
        harness.counts.compactMap { if case .badFrame(let code) = $0 { code } else { nil } }
    }

    /// The station still serves drivers: a badge on a plugged EV starts a transaction the CSMS numbers.
    func expectStillCharges(_ harness: inout StationHarness) {
        harness.csms = StationHarness.acceptingCSMS()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        #expect(harness.station.transactionId(on: 1) == 1001)
        #expect(harness.station.status(of: 1) == .charging)
    }

    @Test func anUnknownActionIsNotImplemented() throws {
        var harness = registered()
        let answerReply = harness.request("Teleport", "{}")
        let answer = try #require(answerReply)
        #expect(answer.kind == .callError)
        #expect(answer.frame[2] as? String == "NotImplemented")
        #expect(badFrames(harness) == [.notImplemented])
    }

    @Test func anActionOnlyTheCSMSReceivesIsNotSupported() throws {
        var harness = registered()
        let answerReply = harness.request("Heartbeat", "{}")
        let answer = try #require(answerReply)
        #expect(answer.frame[2] as? String == "NotSupported")
        #expect(badFrames(harness) == [.notSupported])
    }

    /// One kind of broken CALL per row: the frame, the id it carries, the code OCPP-J 1.6 §4.2.3 gives it.
    @Test(arguments: [
        // A field holds a value outside its enumeration, or too long a string.
        (#"[2,"p1","Reset",{"type":"Sideways"}]"#, "PropertyConstraintViolation"),
        (#"[2,"p2","RemoteStartTransaction",{"idTag":"ABCDEFGHIJKLMNOPQRSTU"}]"#, "PropertyConstraintViolation"),
        // A required field is missing.
        (#"[2,"o1","Reset",{}]"#, "OccurenceConstraintViolation"),
        (#"[2,"o2","ChangeAvailability",{"connectorId":1}]"#, "OccurenceConstraintViolation"),
        // A field of the wrong JSON type.
        (#"[2,"t1","Reset",{"type":1}]"#, "TypeConstraintViolation"),
        (#"[2,"t2","ChangeAvailability",{"connectorId":"1","type":"Inoperative"}]"#, "TypeConstraintViolation"),
        // Not the PDU's structure: a payload that is not an object, a field the PDU does not have, a frame
        // followed by more text (two frames in one WebSocket message).
        (#"[2,"f1","Reset","Hard"]"#, "FormationViolation"),
        (#"[2,"f2","Reset",{"type":"Hard","when":"now"}]"#, "FormationViolation"),
        (#"[2,"f3","GetLocalListVersion",{}][2,"f4","ClearCache",{}]"#, "FormationViolation"),
        // The frame itself is incomplete.
        (#"[2,"e1","Reset"]"#, "ProtocolError"),
    ])
    func aCallThatBreaksTheSchemaGetsTheCodeOCPPJPrescribes(frame: String, code: String) throws {
        var harness = registered()
        let before = harness.sent.count
        harness.receive(frame)
        let answers = harness.sent[before...]
        let answer = try #require(answers.first)
        #expect(answers.count == 1)
        #expect(answer.kind == .callError)
        #expect(answer.frame[1] as? String == String(frame.split(separator: "\"")[1]))
        #expect(answer.frame[2] as? String == code)
        #expect(badFrames(harness).map(\.rawValue) == [code])
        #expect(harness.closes == 0)
        // Nothing the refused CALL asked for was done.
        #expect(harness.station.status(of: 1) == .available)
        #expect(harness.timers[.reset] == nil)
        expectStillCharges(&harness)
    }

    @Test func garbageIsCountedAndNotAnswered() {
        var harness = registered()
        let before = harness.sent.count
        harness.receive("this is not json")
        harness.receive("[3,")
        harness.receive(#"[5,"x","Reset",{"type":"Hard"}]"#)
        #expect(harness.sent.count == before)
        // What code text that is not a frame deserves is the OCPP layer's to say; the station counts it.
        #expect(badFrames(harness).count == 3)
        #expect(badFrames(harness).last == .protocolError)
        expectStillCharges(&harness)
    }

    @Test func aResultWithAnUnknownIdIsCountedAndIgnored() throws {
        var (harness, heartbeatId) = try awaitingHeartbeatAnswer()
        let before = harness.sent.count
        harness.receive(#"[3,"12345678901234567890",{"currentTime":"2019-04-19T14:26:43.083Z"}]"#)
        harness.receive(#"[4,"nobody","GenericError","",{}]"#)
        #expect(harness.counts.filter { $0 == .unmatchedAnswer }.count == 2)
        #expect(harness.sent.count == before)  // An answer is never answered.
        // The Heartbeat still waits for its own answer, which is then matched.
        #expect(harness.completed.allSatisfy { $0.messageId != heartbeatId })
        #expect(harness.timers[.callTimeout] != nil)
        harness.receive(#"[3,"\#(heartbeatId)",{"currentTime":"2019-04-19T14:26:43.083Z"}]"#)
        #expect(harness.completed.last?.messageId == heartbeatId)
        #expect(harness.completed.last?.outcome == .answered)
        #expect(harness.counts.filter { $0 == .unmatchedAnswer }.count == 2)
        expectStillCharges(&harness)
    }

    @Test func aSecondAnswerToTheSameCallIsUnmatched() throws {
        var (harness, heartbeatId) = try awaitingHeartbeatAnswer()
        let answer = #"[3,"\#(heartbeatId)",{"currentTime":"2019-04-19T14:26:43.083Z"}]"#
        harness.receive(answer)
        harness.receive(answer)
        #expect(harness.completed.filter { $0.messageId == heartbeatId }.count == 1)
        #expect(harness.counts.filter { $0 == .unmatchedAnswer }.count == 1)
    }

    @Test func aResultThatBreaksTheSchemaCountsAsAnErrorAndTheStationGoesOn() {
        var harness = StationHarness()
        harness.csms = { action, payload in
            action == .bootNotification ? .result(#"{"status":"Maybe"}"#) : StationHarness.acceptingCSMS()(action, payload)
        }
        harness.boot()
        #expect(harness.counts.contains(.badFrame(.propertyConstraintViolation)))
        #expect(harness.completed.last?.outcome == .callError(.propertyConstraintViolation))
        #expect(!harness.station.isRegistered)
        harness.csms = StationHarness.acceptingCSMS()
        harness.advance(seconds: 30)
        #expect(harness.station.isRegistered)
    }

    /// OCPP-J 1.6 §4.1.1 asks the sender not to send a CALL before its previous one is answered, and
    /// prescribes nothing to the receiver. The station answers every CALL as it arrives, so a CSMS that
    /// sends its next CALL before the previous answer reached it gets each answered, in order.
    @Test func callsSentBeforeThePreviousAnswerArrivedAreEachAnsweredInOrder() throws {
        var harness = registered()
        let list = #"{"listVersion":7,"updateType":"Full","localAuthorizationList":[{"idTag":"A","idTagInfo":{"status":"Accepted"}}]}"#
        let before = harness.sent.count
        harness.receive(#"[2,"a","SendLocalList",\#(list)]"#)
        harness.receive(#"[2,"b","GetLocalListVersion",{}]"#)
        harness.receive(#"[2,"c","ChangeAvailability",{"connectorId":2,"type":"Inoperative"}]"#)
        let answers = harness.sent[before...].filter { $0.kind != .call }
        #expect(answers.map(\.messageId) == ["a", "b", "c"])
        #expect(answers.allSatisfy { $0.kind == .callResult })
        #expect(answers.map(\.action) == [.sendLocalList, .getLocalListVersion, .changeAvailability])
        #expect(answers[0].payload["status"] as? String == "Accepted")
        #expect(answers[1].payload["listVersion"] as? Int == 7)
        #expect(answers[2].payload["status"] as? String == "Accepted")
        #expect(badFrames(harness).isEmpty)
        #expect(harness.station.status(of: 2) == .unavailable)
    }

    /// Each side may have one CALL of its own outstanding (§4.1.1): a CSMS request arriving while the
    /// station waits for its Heartbeat's answer is answered at once, and the Heartbeat's answer still matches.
    @Test func aCallArrivingWhileTheStationAwaitsItsOwnAnswerIsAnswered() throws {
        var (harness, heartbeatId) = try awaitingHeartbeatAnswer()
        let answerReply = harness.request("GetLocalListVersion", "{}", id: "csms-7")
        let answer = try #require(answerReply)
        #expect(answer.kind == .callResult)
        #expect(answer.payload["listVersion"] as? Int == 0)
        harness.receive(#"[3,"\#(heartbeatId)",{"currentTime":"2019-04-19T14:26:43.083Z"}]"#)
        #expect(harness.completed.last?.messageId == heartbeatId)
        #expect(harness.completed.last?.outcome == .answered)
        #expect(!harness.counts.contains(.unmatchedAnswer))
        #expect(badFrames(harness).isEmpty)
    }

    @Test func theStationKeepsWorkingAfterBadInput() {
        var harness = registered()
        harness.receive("]]]")
        harness.request("Teleport", "{}")
        harness.receive(#"[3,"nobody",{}]"#)
        expectStillCharges(&harness)
    }
}
