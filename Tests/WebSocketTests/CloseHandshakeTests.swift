import Testing
@testable import WebSocket

@Suite struct CloseHandshakeTests {
    @Test func peerCloseIsEchoedAndReported() {
        var client = openClient()
        var output: [UInt8] = []
        let frame = bytes("88 06 03 e8") + Array("done".utf8)
        #expect(feed(&client, frame, output: &output) == [.closed(1000, "done")])
        #expect(client.isClosed)
        // The echo is a masked client close frame carrying 1000 and no reason.
        #expect(output.count == 2 + 4 + 2)
        #expect(output[0] == 0x88 && output[1] == 0x82)
        #expect((UInt16(output[6] ^ output[2]) << 8 | UInt16(output[7] ^ output[3])) == 1000)
    }

    @Test func emptyPeerCloseIsAnsweredWithAnEmptyClose() {
        var server = openServer()
        var output: [UInt8] = []
        #expect(feed(&server, bytes("88 80 37 fa 21 3d"), output: &output) == [.closed(nil, "")])
        #expect(output == bytes("88 00"))
    }

    @Test func ourCloseIsReportedWhenThePeerAnswers() {
        var server = openServer()
        var output: [UInt8] = []
        server.close(.goingAway, reason: "restart", into: &output)
        #expect(output == bytes("88 09 03 e9") + Array("restart".utf8))
        #expect(!server.isOpen && !server.isClosed)
        output = []
        let answer = bytes("88 82 37 fa 21 3d") + [0x03 ^ 0x37, 0xe9 ^ 0xfa]
        #expect(feed(&server, answer, output: &output) == [.closed(1001, "")])
        #expect(output.isEmpty)
        #expect(server.isClosed)
    }

    @Test func messagesStillArriveWhileClosing() {
        var server = openServer()
        var output: [UInt8] = []
        server.close(into: &output)
        #expect(feed(&server, bytes("81 85 37 fa 21 3d 7f 9f 4d 51 58"), output: &output) == [.text("Hello")])
    }

    @Test func nothingCanBeSentAfterClosing() {
        var server = openServer()
        var output: [UInt8] = []
        server.close(into: &output)
        let written = output.count
        #expect(throws: WebSocketError.self) { try server.send(text: "late", into: &output) }
        #expect(throws: WebSocketError.self) { try server.sendPing(into: &output) }
        server.close(.normalClosure, into: &output)
        #expect(output.count == written)
    }

    @Test func pingWhileClosingIsNotAnswered() {
        var server = openServer()
        var output: [UInt8] = []
        server.close(into: &output)
        output = []
        #expect(feed(&server, bytes("89 80 37 fa 21 3d"), output: &output) == [])
        #expect(output.isEmpty)
    }

    @Test func closeReasonIsCutToFitAControlFrameWithoutSplittingACharacter() {
        var server = openServer()
        var output: [UInt8] = []
        server.close(.normalClosure, reason: String(repeating: "é", count: 100), into: &output)
        #expect(output.count - 2 <= 125)
        #expect(String(validating: output[4...], as: UTF8.self) == String(repeating: "é", count: 61))
    }

    @Test func inputEndingWhileOpenIsAnAbruptClose() {
        var client = openClient()
        #expect(client.inputEnded().map(Seen.init) == .failed(.abruptClose, closeCode: nil))
        #expect(client.isClosed)
    }

    @Test func inputEndingAfterTheCloseHandshakeIsNormal() {
        var client = openClient()
        var output: [UInt8] = []
        _ = feed(&client, bytes("88 02 03 e8"), output: &output)
        #expect(client.inputEnded() == nil)
    }
}
