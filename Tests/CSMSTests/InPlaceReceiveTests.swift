import CSMS
import OCPP
import Testing

/// Frames read where they lie (a server's read buffer): the answer to a CALL is written into the caller's
/// buffer, everything else comes out as effects, as from the frame's bytes.
@Suite struct InPlaceReceiveTests {
    /// Delivers `text` in place; returns the answer written, when it is due, and the effects.
    private func deliver(
        _ text: String, to harness: inout CSMSHarness, from station: StationHandle
    ) -> (answer: [UInt8], due: Int64?, effects: [CSMSEffect]) {
        var answer: [UInt8] = []
        var effects: [CSMSEffect] = []
        let bytes = Array(text.utf8)
        let due = bytes.withUnsafeBytes { text in
            harness.csms.receive(text, from: station, now: harness.now, answeringInto: &answer, effects: &effects)
        }
        return (answer, due, effects)
    }

    @Test func aCallIsAnsweredIntoTheBufferAndNotAsASendEffect() throws {
        var harness = CSMSHarness()
        let station = harness.connect()
        let (answer, due, effects) = deliver(#"[2,"id-123456789012345678","Heartbeat",{}]"#, to: &harness,
                                             from: station)
        #expect(due == harness.now)
        #expect(effects.isEmpty)
        guard case .callResult(let result) = try OCPPFrame(parsing: answer) else {
            Issue.record("expected a CALLRESULT, got \(String(decoding: answer, as: UTF8.self))")
            return
        }
        #expect(result.messageId == "id-123456789012345678")
        #expect(try result.decode(responseTo: HeartbeatRequest.self).currentTime.millisecondsSinceEpoch == harness.now)
    }

    @Test func theAnswerIsDueAfterTheConfiguredDelay() {
        var harness = CSMSHarness(CSMSConfiguration(answerDelay: 750))
        let station = harness.connect()
        #expect(deliver(#"[2,"1","Heartbeat",{}]"#, to: &harness, from: station).due == harness.now + 750)
    }

    @Test func anIdWithEscapesIsAnsweredWithTheSameId() throws {
        var harness = CSMSHarness()
        let station = harness.connect()
        let (answer, _, _) = deliver(#"[2,"a\"b\\c","Heartbeat",{}]"#, to: &harness, from: station)
        #expect(try OCPPFrame(parsing: answer).messageId == #"a"b\c"#)
    }

    @Test func aCallThatDoesNotDecodeIsAnsweredWithACallErrorEffect() throws {
        var harness = CSMSHarness()
        let station = harness.connect()
        let (answer, due, effects) = deliver(#"[2,"9","Authorize",{}]"#, to: &harness, from: station)
        #expect(answer.isEmpty)
        #expect(due == nil)
        let sent = try #require(effects.compactMap(\.frame).first)
        guard case .callError(let error) = try OCPPFrame(parsing: sent.bytes) else {
            Issue.record("expected a CALLERROR")
            return
        }
        #expect(error.messageId == "9")
        #expect(error.code == .occurenceConstraintViolation)
    }

    @Test func anAnswerToACommandCompletesItAndWritesNothing() throws {
        var harness = CSMSHarness()
        let station = harness.connect()
        let id = try #require(harness.csms.send(.reset(ResetRequest(type: .soft)), to: "GU0001", now: harness.now,
                                                 into: &harness.effects))
        let (answer, due, effects) = deliver("[3,\"\(id)\",{\"status\":\"Accepted\"}]", to: &harness, from: station)
        #expect(answer.isEmpty)
        #expect(due == nil)
        let completion = try #require(effects.compactMap(\.completion).first)
        #expect(completion.messageId == id)
    }

    @Test func aStaleHandleGetsNoAnswer() {
        var harness = CSMSHarness()
        let old = harness.connect()
        _ = harness.connect()
        let (answer, due, _) = deliver(#"[2,"1","Heartbeat",{}]"#, to: &harness, from: old)
        #expect(answer.isEmpty)
        #expect(due == nil)
    }
}
