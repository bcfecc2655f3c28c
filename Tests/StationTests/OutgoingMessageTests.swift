import OCPP
import Testing

@testable import Station

/// A message's JSON written into a buffer the caller reuses is the JSON its ``OutgoingMessage/bytes`` gives,
/// after whatever the buffer held.
@Suite struct OutgoingMessageTests {
    let id: MessageID = {
        var generator = SeededGenerator(seed: 5)
        return generator.messageID()
    }()

    @Test func aTypedCallIsAppendedAsItsBytes() {
        let message = OutgoingMessage(call: .heartbeat(HeartbeatRequest()), messageId: id)
        var buffer = Array("[prefix]".utf8)
        message.append(to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == #"[prefix][2,"\#(id)","Heartbeat",{}]"#)
        #expect(Array(buffer.dropFirst(8)) == message.bytes)
        #expect(message.messageId == id.description)
    }

    @Test func aTypedCallIsWrittenAsTheOCPPLayerWritesItsRequestAndID() {
        let request = StationRequest.statusNotification(
            StatusNotificationRequest(connectorId: 1, errorCode: .noError, status: .available))
        var expected: [UInt8] = []
        request.encodeCall(messageId: id.description, into: &expected)
        #expect(OutgoingMessage(call: request, messageId: id).bytes == expected)
    }

    @Test func aHeartbeatIsLentAsTheRequestItWasMadeOf() {
        let message = OutgoingMessage(call: .heartbeat(HeartbeatRequest()), messageId: id)
        var lent: [StationRequest] = []
        message.lendRequest { lent.append($0) }
        #expect(lent == [.heartbeat(HeartbeatRequest())])
        #expect(message.request == .heartbeat(HeartbeatRequest()))
        #expect(message.isTyped)
    }

    @Test func aWrittenFrameIsAppendedAsItIs() {
        let frame = Array(#"[3,"42",{"status":"Accepted"}]"#.utf8)
        let message = OutgoingMessage(bytes: frame, action: .reset, messageId: "42", kind: .callResult)
        var buffer: [UInt8] = [0x20]
        message.append(to: &buffer)
        #expect(buffer == [0x20] + frame)
    }
}
