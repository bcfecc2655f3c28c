import OCPP
import Testing

@testable import Station

/// A frame handed to the station where it lies (``Station/handle(received:now:effects:)``), as a runner
/// hands it its read buffer: the station acts as on the same bytes in an array, and keeps nothing that
/// points into them.
@Suite struct ReceivedTextTests {
    /// Hands `text` to the station in a buffer that is overwritten as soon as the call returns.
    private func receive(_ text: String, _ harness: inout StationHarness) -> [StationEffect] {
        var buffer = Array(text.utf8)
        var effects: [StationEffect] = []
        buffer.withUnsafeBytes { harness.station.handle(received: $0, now: harness.now, effects: &effects) }
        for index in buffer.indices { buffer[index] = UInt8(ascii: "x") }
        return effects
    }

    @Test func aCallIsAnsweredWithItsIdAfterTheBufferIsReused() {
        var harness = StationHarness()
        harness.boot()
        let effects = receive(#"[2,"csms-0000000000000000042","Reset",{"type":"Soft"}]"#, &harness)
        let answers = effects.compactMap { effect -> OutgoingMessage? in
            guard case .send(let message) = effect, message.kind == .callResult else { return nil }
            return message
        }
        #expect(answers.map(\.messageId) == ["csms-0000000000000000042"])
        #expect(answers.map { String(decoding: $0.bytes, as: UTF8.self) }
            == [#"[3,"csms-0000000000000000042",{"status":"Accepted"}]"#])
    }

    @Test func anAnswerCompletesTheCallInFlightAsTheSameBytesInAnArrayDo() throws {
        var harness = StationHarness()
        harness.csms = nil
        harness.boot()
        let boot = try #require(harness.calls(.bootNotification).last)
        let answer = #"[3,"\#(boot.messageId)",{"status":"Accepted","currentTime":"2019-04-19T14:25:43Z","interval":60}]"#
        var inArray = harness
        inArray.receive(answer)
        let effects = receive(answer, &harness)
        let completed = effects.compactMap { effect -> String? in
            guard case .callCompleted(.bootNotification, let messageId, .answered) = effect else { return nil }
            return messageId.description
        }
        #expect(completed == [boot.messageId])
        #expect(harness.station.isRegistered && inArray.station.isRegistered)
    }

    @Test func aBrokenCallIsRefusedWithItsId() {
        var harness = StationHarness()
        harness.boot()
        let effects = receive(#"[2,"77","Reset",{"type":"Gentle"}]"#, &harness)
        let refusals = effects.compactMap { effect -> OutgoingMessage? in
            guard case .send(let message) = effect, message.kind == .callError else { return nil }
            return message
        }
        #expect(refusals.map(\.messageId) == ["77"])
    }
}
