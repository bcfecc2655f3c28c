// Fuzz target `frame`: arbitrary bytes as one WebSocket text message to the OCPP layer.
//
// The bytes are parsed as a frame; a CALL is decoded as a request of both sides, a CALLRESULT as the
// response of each of the 28 actions. Beyond "no trap, no hang", every value that decodes must encode
// into a frame that parses and decodes back equal: what the layer accepts, it can also write.
import OCPP

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FrameRoundTrip.check(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

enum FrameRoundTrip {
    static func check(_ bytes: [UInt8]) {
        guard let frame = try? OCPPFrame(parsing: bytes) else { return }
        switch frame {
        case .call(let call):
            if let request = try? StationRequest(call) {
                var text: [UInt8] = []
                request.encodeCall(messageId: call.messageId, into: &text)
                guard case .call(let again) = reparse(text) else { fail("not a CALL", text) }
                expect(try? StationRequest(again), request, text)
                expect(again.messageId, call.messageId, text)
            }
            if let request = try? CentralSystemRequest(call) {
                var text: [UInt8] = []
                request.encodeCall(messageId: call.messageId, into: &text)
                guard case .call(let again) = reparse(text) else { fail("not a CALL", text) }
                expect(try? CentralSystemRequest(again), request, text)
            }
        case .callResult(let result):
            for action in Action.allCases {
                requestTypes[action]!.checkResponseRoundTrip(result)
            }
        case .callError(let error):
            var text: [UInt8] = []
            OCPPFrame.encodeCallError(
                messageId: error.messageId, code: error.code, description: error.description, details: error.details,
                into: &text)
            expect(reparse(text), frame, text)
        }
    }

    static func expect<Value: Equatable>(_ found: Value?, _ wanted: Value, _ text: [UInt8]) {
        guard found == wanted else {
            fail("decoded back as \(String(describing: found)), not \(wanted)", text)
        }
    }
}
