import Testing
@testable import WebSocket

/// An idle connection must cost almost nothing: 10,000 of them share a budget of 512 bytes each.
@Suite struct MemoryTests {
    @Test func connectionStateIsASmallStruct() {
        #expect(MemoryLayout<WebSocketConnection>.size <= 56)
    }

    @Test func openConnectionKeepsNoBuffer() {
        #expect(openServer().bufferedByteCount == 0)
        #expect(openClient().bufferedByteCount == 0)
    }

    @Test func frameStraddlingReadsIsKeptOnlyUntilItCompletes() {
        var server = openServer()
        var output: [UInt8] = []
        let frame = bytes("81 85 37 fa 21 3d 7f 9f 4d 51 58")
        #expect(feed(&server, Array(frame[..<4]), output: &output) == [])
        #expect(server.bufferedByteCount > 0)
        #expect(feed(&server, Array(frame[4...]), output: &output) == [.text("Hello")])
        #expect(server.bufferedByteCount == 0)
    }

    @Test func fragmentsAreKeptOnlyUntilTheMessageCompletes() {
        var client = openClient()
        var output: [UInt8] = []
        #expect(feed(&client, bytes("01 03 48 65 6c"), output: &output) == [])
        #expect(client.bufferedByteCount > 0)
        #expect(feed(&client, bytes("80 02 6c 6f"), output: &output) == [.text("Hello")])
        #expect(client.bufferedByteCount == 0)
    }

    @Test func messageWholeInOneReadIsDeliveredInPlaceUnmasked() {
        var server = openServer()
        var output: [UInt8] = []
        var read = bytes("81 85 37 fa 21 3d 7f 9f 4d 51 58")
        read.withUnsafeMutableBytes { buffer in
            var unread = buffer
            guard case .text(let payload) = server.receive(&unread, into: &output) else {
                Issue.record("expected a text message")
                return
            }
            payload.withUnsafeBytes { bytes in
                #expect(bytes.baseAddress == UnsafeRawPointer(buffer.baseAddress! + 6))
                #expect(Array(bytes) == Array("Hello".utf8))
            }
            #expect(unread.isEmpty)
        }
    }

    @Test func handshakeBuffersAreFreedOnceOpen() {
        var server = WebSocketConnection.server()
        var output: [UInt8] = []
        let request = Array("GET /GU1 HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ocpp1.6\r\n\r\n".utf8)
        _ = feed(&server, request, chunk: 10, output: &output)
        #expect(server.isOpen)
        #expect(server.bufferedByteCount == 0)
    }
}
