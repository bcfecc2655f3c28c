import Testing
@testable import WebSocket

/// A peer's malformed bytes close the connection with the close code RFC 6455 asks for.
@Suite struct MalformedFrameTests {
    /// The close code in the unmasked close frame a server wrote.
    private func closeCode(in output: [UInt8]) -> UInt16? {
        guard output.count >= 4, output[0] == 0x88 else { return nil }
        return UInt16(output[2]) << 8 | UInt16(output[3])
    }

    /// Feeds client frames (masked with RFC 6455's sample key) to an open server.
    private func serverFed(
        _ frame: [UInt8], configuration: WebSocketConfiguration = WebSocketConfiguration()
    ) -> (seen: [Seen], closeCode: UInt16?, server: WebSocketConnection) {
        var server = openServer(configuration: configuration)
        var output: [UInt8] = []
        let seen = feed(&server, frame, output: &output)
        return (seen, closeCode(in: output), server)
    }

    /// A masked client frame with `payload`, header bits as given.
    private func clientFrame(first: UInt8, payload: [UInt8], lengthByte: UInt8? = nil) -> [UInt8] {
        let key: [UInt8] = [0x37, 0xfa, 0x21, 0x3d]
        let masked = payload.enumerated().map { $0.element ^ key[$0.offset % 4] }
        return [first, 0x80 | (lengthByte ?? UInt8(payload.count))] + key + masked
    }

    @Test(arguments: [0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF] as [UInt8])
    func unknownOpcodeClosesWith1002(opcode: UInt8) {
        let result = serverFed(clientFrame(first: 0x80 | opcode, payload: []))
        #expect(result.seen == [.failed(.protocolViolation, closeCode: 1002)])
        #expect(result.closeCode == 1002)
        #expect(result.server.isClosed)
    }

    @Test(arguments: [0x40, 0x20, 0x10] as [UInt8])
    func reservedBitSetClosesWith1002(bit: UInt8) {
        let result = serverFed(clientFrame(first: 0x81 | bit, payload: Array("Hello".utf8)))
        #expect(result.seen == [.failed(.protocolViolation, closeCode: 1002)])
        #expect(result.closeCode == 1002)
    }

    @Test func unmaskedClientFrameAtServerClosesWith1002() {
        let result = serverFed(bytes("81 05 48 65 6c 6c 6f"))
        #expect(result.seen == [.failed(.protocolViolation, closeCode: 1002)])
        #expect(result.closeCode == 1002)
    }

    @Test func maskedServerFrameAtClientClosesWith1002() {
        var client = openClient()
        var output: [UInt8] = []
        #expect(feed(&client, bytes("81 85 37 fa 21 3d 7f 9f 4d 51 58"), output: &output) == [.failed(.protocolViolation, closeCode: 1002)])
        // A client's close frame is masked: unmask its code.
        #expect(output.count >= 8)
        #expect(output[0] == 0x88 && output[1] & 0x80 != 0)
        #expect((UInt16(output[6] ^ output[2]) << 8 | UInt16(output[7] ^ output[3])) == 1002)
    }

    @Test func binaryFrameClosesWith1003FromItsHeaderAlone() {
        var client = openClient()
        var output: [UInt8] = []
        // The header of a 1,000-byte binary frame whose payload has not come yet.
        #expect(feed(&client, bytes("82 7E 03 E8"), output: &output) == [.failed(.binaryMessage, closeCode: 1003)])
        #expect(client.isClosed)
        #expect(client.bufferedByteCount == 0)
        #expect(output.count >= 8)
        #expect((UInt16(output[6] ^ output[2]) << 8 | UInt16(output[7] ^ output[3])) == 1003)
    }

    @Test func binaryFrameIsDeliveredWhenAccepted() {
        let result = serverFed(clientFrame(first: 0x82, payload: [1, 2, 3]), configuration: acceptingBinary)
        #expect(result.seen == [.binary([1, 2, 3])])
        #expect(result.closeCode == nil)
    }

    @Test func lengthWithItsTopBitSetClosesWith1002() {
        let result = serverFed(bytes("82 FF 80 00 00 00 00 00 00 00 37 fa 21 3d"))
        #expect(result.seen == [.failed(.protocolViolation, closeCode: 1002)])
    }

    @Test func frameLargerThanTheLimitClosesWith1009BeforeItsPayloadArrives() {
        // Only the header of a 2 GiB frame is sent: the limit is checked on the header alone.
        let result = serverFed(bytes("81 FF 00 00 00 00 80 00 00 00 37 fa 21 3d"))
        #expect(result.seen == [.failed(.messageTooBig, closeCode: 1009)])
        #expect(result.closeCode == 1009)
    }

    @Test func messageLargerThanTheLimitAcrossFragmentsClosesWith1009() {
        let configuration = WebSocketConfiguration(maxFrameSize: 100, maxMessageSize: 150)
        let fragments = clientFrame(first: 0x01, payload: Array(repeating: 1, count: 100))
            + clientFrame(first: 0x80, payload: Array(repeating: 2, count: 100))
        let result = serverFed(fragments, configuration: configuration)
        #expect(result.seen == [.failed(.messageTooBig, closeCode: 1009)])
        #expect(result.closeCode == 1009)
    }

    @Test(arguments: [
        [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xCE], [0x80],
        Array("Hello".utf8) + [0xC3],
    ] as [[UInt8]])
    func invalidUTF8InTextClosesWith1007(payload: [UInt8]) {
        let result = serverFed(clientFrame(first: 0x81, payload: payload))
        #expect(result.seen == [.failed(.invalidUTF8, closeCode: 1007)])
        #expect(result.closeCode == 1007)
    }

    @Test func invalidUTF8SplitAcrossFragmentsClosesWith1007() {
        let fragments = clientFrame(first: 0x01, payload: [0x48, 0xE2, 0x82]) + clientFrame(first: 0x80, payload: [0x28])
        let result = serverFed(fragments)
        #expect(result.seen == [.failed(.invalidUTF8, closeCode: 1007)])
    }

    @Test func invalidUTF8InAFirstFragmentFailsBeforeTheMessageEnds() {
        let result = serverFed(clientFrame(first: 0x01, payload: Array("Hello".utf8) + [0xC0, 0xAF]))
        #expect(result.seen == [.failed(.invalidUTF8, closeCode: 1007)])
        #expect(result.closeCode == 1007)
    }

    @Test func characterSplitOverThreeFragmentsIsDelivered() {
        let fragments = clientFrame(first: 0x01, payload: [0xF0]) + clientFrame(first: 0x00, payload: [0x9F, 0x98])
            + clientFrame(first: 0x80, payload: [0x80])
        #expect(serverFed(fragments).seen == [.text("😀")])
    }

    @Test func characterLeftUnfinishedByTheLastFragmentClosesWith1007() {
        let fragments = clientFrame(first: 0x01, payload: [0x41]) + clientFrame(first: 0x80, payload: [0xE2, 0x82])
        #expect(serverFed(fragments).seen == [.failed(.invalidUTF8, closeCode: 1007)])
    }

    @Test func validUTF8SplitAcrossFragmentsIsDelivered() {
        let fragments = clientFrame(first: 0x01, payload: [0x48, 0xE2, 0x82]) + clientFrame(first: 0x80, payload: [0xAC])
        #expect(serverFed(fragments).seen == [.text("H€")])
    }

    @Test func fragmentedControlFrameClosesWith1002() {
        let result = serverFed(clientFrame(first: 0x09, payload: Array("Hello".utf8)))
        #expect(result.seen == [.failed(.protocolViolation, closeCode: 1002)])
    }

    @Test func controlFrameOver125BytesClosesWith1002() {
        var frame = clientFrame(first: 0x89, payload: Array(repeating: 0, count: 126), lengthByte: 126)
        frame.insert(contentsOf: [0x00, 0x7E], at: 2)
        let result = serverFed(frame)
        #expect(result.seen == [.failed(.protocolViolation, closeCode: 1002)])
    }

    @Test func continuationWithoutStartClosesWith1002() {
        let result = serverFed(clientFrame(first: 0x80, payload: Array("Hello".utf8)))
        #expect(result.seen == [.failed(.protocolViolation, closeCode: 1002)])
    }

    @Test func newMessageInsideFragmentedOneClosesWith1002() {
        let frames = clientFrame(first: 0x01, payload: [0x48]) + clientFrame(first: 0x81, payload: [0x49])
        #expect(serverFed(frames).seen == [.failed(.protocolViolation, closeCode: 1002)])
    }

    @Test func closeFrameOfOneByteClosesWith1002() {
        #expect(serverFed(clientFrame(first: 0x88, payload: [0x03])).seen == [.failed(.protocolViolation, closeCode: 1002)])
    }

    @Test(arguments: [0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000] as [UInt16])
    func closeWithReservedCodeClosesWith1002(code: UInt16) {
        let frame = clientFrame(first: 0x88, payload: [UInt8(code >> 8), UInt8(code & 0xFF)])
        #expect(serverFed(frame).seen == [.failed(.protocolViolation, closeCode: 1002)])
    }

    @Test func closeWithInvalidUTF8ReasonClosesWith1007() {
        let frame = clientFrame(first: 0x88, payload: [0x03, 0xE8, 0xC0, 0xAF])
        #expect(serverFed(frame).seen == [.failed(.invalidUTF8, closeCode: 1007)])
    }

    @Test func bytesAfterAFailureAreIgnored() {
        let frames = bytes("81 05 48 65 6c 6c 6f") + clientFrame(first: 0x81, payload: Array("Hello".utf8))
        #expect(serverFed(frames).seen == [.failed(.protocolViolation, closeCode: 1002)])
    }
}
