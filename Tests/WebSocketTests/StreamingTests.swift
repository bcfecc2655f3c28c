import Basics
import Testing
@testable import WebSocket

/// However the bytes are cut into reads, a connection reports the same events and writes the same bytes.
@Suite struct StreamingTests {
    /// A masked client frame, masked with a key derived from `seed`.
    private static func clientFrame(_ first: UInt8, _ payload: [UInt8], seed: UInt8) -> [UInt8] {
        let key: [UInt8] = [seed, seed &+ 0x5A, seed &+ 0xA5, seed ^ 0xFF]
        var header: [UInt8] = [first]
        switch payload.count {
        case ..<126: header.append(0x80 | UInt8(payload.count))
        case ..<65536: header += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        default: header += [0x80 | 127] + (0..<8).reversed().map { UInt8(truncatingIfNeeded: payload.count >> ($0 * 8)) }
        }
        return header + key + payload.enumerated().map { $0.element ^ key[$0.offset % 4] }
    }

    private static let upgrade = Array("""
        GET /ocpp/GU00001 HTTP/1.1\r
        Host: localhost\r
        Upgrade: websocket\r
        Connection: Upgrade\r
        Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
        Sec-WebSocket-Version: 13\r
        Sec-WebSocket-Protocol: ocpp1.6\r
        \r

        """.utf8)

    /// An upgrade followed by every kind of frame, with control frames between fragments.
    private static let clientStream: [UInt8] = {
        let large = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        return clientFrame(0x81, Array("[2,\"1\",\"Heartbeat\",{}]".utf8), seed: 1)
            + clientFrame(0x02, Array(large[..<1000]), seed: 2)
            + clientFrame(0x89, Array("are you there".utf8), seed: 3)
            + clientFrame(0x00, Array(large[1000..<1300]), seed: 4)
            + clientFrame(0x8A, [1, 2, 3], seed: 5)
            + clientFrame(0x80, Array(large[1300...]), seed: 6)
            + clientFrame(0x81, Array("é€😀".utf8), seed: 7)
            + clientFrame(0x81, [], seed: 8)
            + clientFrame(0x88, [0x03, 0xE8] + Array("bye".utf8), seed: 9)
    }()

    private static let expected: [Seen] = [
        .upgradeRequested(path: "/ocpp/GU00001", credentials: nil),
        .text("[2,\"1\",\"Heartbeat\",{}]"),
        .pong([1, 2, 3]),
        .binary((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }),
        .text("é€😀"),
        .text(""),
        .closed(1000, "bye"),
    ]

    @Test func wholeStreamGivesEveryEvent() {
        var server = WebSocketConnection.server(configuration: acceptingBinary)
        var output: [UInt8] = []
        let seen = feed(&server, Self.upgrade, output: &output) + feed(&server, Self.clientStream, output: &output)
        #expect(seen == Self.expected)
    }

    @Test(arguments: [1, 2, 3, 5, 7, 13, 64, 1000, 4096, 65536])
    func streamCutIntoReadsGivesTheSameEventsAndBytes(chunk: Int) {
        var whole = WebSocketConnection.server(configuration: acceptingBinary)
        var wholeOutput: [UInt8] = []
        let wholeSeen = feed(&whole, Self.upgrade, output: &wholeOutput)
            + feed(&whole, Self.clientStream, output: &wholeOutput)

        var cut = WebSocketConnection.server(configuration: acceptingBinary)
        var cutOutput: [UInt8] = []
        // The upgrade comes alone: a client waits for the answer before it sends frames.
        let cutSeen = feed(&cut, Self.upgrade, chunk: chunk, output: &cutOutput)
            + feed(&cut, Self.clientStream, chunk: chunk, output: &cutOutput)
        #expect(cutSeen == Self.expected)
        #expect(cutSeen == wholeSeen)
        #expect(cutOutput == wholeOutput)
        #expect(cut.isClosed)
        #expect(cut.bufferedByteCount == 0)
    }

    @Test(arguments: [1, 3, 17])
    func clientSideCutIntoReadsGivesTheSameEvents(chunk: Int) {
        var random = SplitMix64(seed: 9)
        var request: [UInt8] = []
        var client = WebSocketConnection.client(
            WebSocketClientRequest(host: "localhost", path: "/GU00001"), configuration: acceptingBinary,
            random: &random, requestInto: &request)
        let answer = switchingProtocols
            + "Sec-WebSocket-Accept: \(ClientHandshake.accept(forKey: requestKey(request)))\r\n"
            + "Sec-WebSocket-Protocol: ocpp1.6\r\n\r\n"
        let stream = Array(answer.utf8) + bytes("01 03 48 65 6c 89 00 80 02 6c 6f 82 7E 01 00")
            + Array(repeating: 7, count: 256) + bytes("88 02 03 e8")
        var output: [UInt8] = []
        #expect(
            feed(&client, stream, chunk: chunk, output: &output)
                == [.opened, .text("Hello"), .binary(Array(repeating: 7, count: 256)), .closed(1000, "")])
    }
}
