import OCPP
import Testing

@testable import Station

/// A message's JSON written into a buffer the caller reuses is the JSON its ``OutgoingMessage/bytes`` gives,
/// after whatever the buffer held.
@Suite struct OutgoingMessageTests {
    @Test func aTypedCallIsAppendedAsItsBytes() {
        let message = OutgoingMessage(call: .heartbeat(HeartbeatRequest()), messageId: "17")
        var buffer = Array("[prefix]".utf8)
        message.append(to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == #"[prefix][2,"17","Heartbeat",{}]"#)
        #expect(Array(buffer.dropFirst(8)) == message.bytes)
    }

    @Test func aWrittenFrameIsAppendedAsItIs() {
        let frame = Array(#"[3,"42",{"status":"Accepted"}]"#.utf8)
        let message = OutgoingMessage(bytes: frame, action: .reset, messageId: "42", kind: .callResult)
        var buffer: [UInt8] = [0x20]
        message.append(to: &buffer)
        #expect(buffer == [0x20] + frame)
    }
}
