import Net
import Testing

@Suite struct TLSEngineTests {
    @Test func handshakeCompletesOnBothSidesAndReportsItOnce() throws {
        let pair = try EnginePair()
        pair.handshake()
        #expect(pair.clientError == nil)
        #expect(pair.serverError == nil)
        #expect(pair.client.state == .established)
        #expect(pair.server.state == .established)
        #expect(pair.clientOutcomes.filter(\.handshakeCompleted).count == 1)
        #expect(pair.serverOutcomes.filter(\.handshakeCompleted).count == 1)
    }

    @Test func applicationDataFlowsBothWays() throws {
        let pair = try EnginePair()
        pair.handshake()
        try pair.client.send(Array("GET /ocpp/CP001 HTTP/1.1\r\n\r\n".utf8))
        pair.pump()
        try pair.server.send(Array("HTTP/1.1 101 Switching Protocols\r\n\r\n".utf8))
        pair.pump()
        #expect(String(decoding: pair.serverReceived, as: UTF8.self) == "GET /ocpp/CP001 HTTP/1.1\r\n\r\n")
        #expect(String(decoding: pair.clientReceived, as: UTF8.self) == "HTTP/1.1 101 Switching Protocols\r\n\r\n")
    }

    @Test func largeMessagesSpanningSeveralRecordsArriveWhole() throws {
        let pair = try EnginePair()
        pair.handshake()
        let message = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try pair.client.send(message)
        pair.pump()
        #expect(pair.serverReceived == message)
    }

    @Test func plaintextSentBeforeTheHandshakeIsDeliveredAfterIt() throws {
        let pair = try EnginePair()
        try pair.client.send(Array("early".utf8))
        pair.handshake()
        #expect(String(decoding: pair.serverReceived, as: UTF8.self) == "early")
    }

    @Test func ciphertextArrivingOneByteAtATimeIsReassembled() throws {
        let pair = try EnginePair()
        pair.handshake(chunkSize: 1)
        try pair.client.send(Array("one byte at a time".utf8))
        pair.pump(chunkSize: 1)
        #expect(pair.server.state == .established)
        #expect(String(decoding: pair.serverReceived, as: UTF8.self) == "one byte at a time")
    }

    @Test func closeExchangesCloseNotifyAndClosesBothSides() throws {
        let pair = try EnginePair()
        pair.handshake()
        pair.client.close()
        #expect(pair.client.state == .closing)
        pair.pump()
        #expect(pair.serverOutcomes.last?.closeNotifyReceived == true)
        #expect(pair.clientOutcomes.last?.closeNotifyReceived == true)
        #expect(pair.server.state == .closed)
        #expect(pair.client.state == .closed)
        try pair.client.receiveEndOfStream()
        try pair.server.receiveEndOfStream()
    }

    @Test func dataSentBeforeCloseArrivesBeforeTheCloseNotify() throws {
        let pair = try EnginePair()
        pair.handshake()
        try pair.server.send(Array("last words".utf8))
        pair.server.close()
        pair.pump()
        #expect(String(decoding: pair.clientReceived, as: UTF8.self) == "last words")
        #expect(pair.client.state == .closed)
    }

    @Test func endOfStreamWithoutCloseNotifyIsAnError() throws {
        let pair = try EnginePair()
        pair.handshake()
        let error = #expect(throws: TLSError.self) { try pair.server.receiveEndOfStream() }
        #expect(error?.reason == .closedWithoutCloseNotify)
        #expect(pair.server.state == .failed(try #require(error)))
    }

    @Test func endOfStreamAfterOurCloseNotifyIsNotAnError() throws {
        let pair = try EnginePair()
        pair.handshake()
        pair.client.close()
        _ = pair.client.takeOutput()
        try pair.client.receiveEndOfStream()
        #expect(pair.client.state == .closed)
    }

    @Test func endOfStreamDuringTheHandshakeIsAHandshakeFailure() throws {
        let pair = try EnginePair()
        try pair.client.startHandshake()
        let error = #expect(throws: TLSError.self) { try pair.client.receiveEndOfStream() }
        #expect(error?.reason == .handshakeFailed)
    }

    @Test func sendingAfterCloseIsRefused() throws {
        let pair = try EnginePair()
        pair.handshake()
        pair.client.close()
        let error = #expect(throws: TLSError.self) { try pair.client.send(Array("late".utf8)) }
        #expect(error?.reason == .connectionClosed)
    }

    @Test func garbageFromThePeerFailsTheHandshake() throws {
        let pair = try EnginePair()
        try pair.client.startHandshake()
        var plaintext: [UInt8] = []
        let error = #expect(throws: TLSError.self) {
            try pair.client.receive(Array("HTTP/1.1 400 Bad Request\r\n\r\n".utf8), into: &plaintext)
        }
        #expect(error?.reason == .handshakeFailed)
        #expect(error?.detail.contains("wrong version number") == true)
    }
}
