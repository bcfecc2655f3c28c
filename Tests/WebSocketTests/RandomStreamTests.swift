import Basics
import Testing
@testable import WebSocket

/// Seeded random streams: valid ones decode the same however they are cut, garbage never traps.
@Suite struct RandomStreamTests {
    /// A random valid sequence of client frames (fragments, interleaved pings and pongs) and the events
    /// it must give.
    private static func validStream(_ random: inout SplitMix64) -> (bytes: [UInt8], expected: [Seen]) {
        var bytes: [UInt8] = []
        var expected: [Seen] = []
        func frame(_ first: UInt8, _ payload: [UInt8]) {
            let key = UInt32(truncatingIfNeeded: random.next())
            withUnsafeBytes(of: key) { keyBytes in
                var header: [UInt8] = [first]
                switch payload.count {
                case ..<126: header.append(0x80 | UInt8(payload.count))
                case ..<65536: header += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
                default: header += [0x80 | 127, 0, 0, 0, 0] + (0..<4).reversed().map { UInt8(truncatingIfNeeded: payload.count >> ($0 * 8)) }
                }
                bytes += header + Array(keyBytes) + payload.enumerated().map { $0.element ^ keyBytes[$0.offset & 3] }
            }
        }
        for _ in 0..<Int(random.next() % 12) + 1 {
            let isText = random.next() % 2 == 0
            let length = [0, 5, 125, 126, 700, 65535, 65536, 70_000][Int(random.next() % 8)]
            let payload: [UInt8] = isText
                ? Array(String(repeating: "é", count: length / 2).utf8)
                : (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let pieces = Int(random.next() % 4) + 1
            var start = 0
            for piece in 0..<pieces {
                let end = piece == pieces - 1 ? payload.count : min(payload.count, start + Int(random.next() % UInt64(payload.count + 1)))
                let opcode: UInt8 = piece == 0 ? (isText ? 0x1 : 0x2) : 0x0
                frame((piece == pieces - 1 ? 0x80 : 0) | opcode, Array(payload[start..<end]))
                start = end
                if piece == pieces - 1 {
                    expected.append(isText ? .text(String(decoding: payload, as: UTF8.self)) : .binary(payload))
                }
                if random.next() % 3 == 0 {
                    let control = (0..<Int(random.next() % 126)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                    if random.next() % 2 == 0 {
                        frame(0x89, control)
                    } else {
                        frame(0x8A, control)
                        expected.append(.pong(control))
                    }
                }
            }
        }
        frame(0x88, [0x03, 0xE8])
        expected.append(.closed(1000, ""))
        return (bytes, expected)
    }

    /// Feeds `bytes` in reads of random sizes.
    private static func feedRandomly(
        _ connection: inout WebSocketConnection, _ bytes: [UInt8], _ random: inout SplitMix64, output: inout [UInt8]
    ) -> [Seen] {
        var seen: [Seen] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + 1 + Int(random.next() % 3000))
            seen += feed(&connection, Array(bytes[start..<end]), output: &output)
            start = end
        }
        return seen
    }

    @Test func validStreamsGiveTheirEventsHoweverTheyAreCut() {
        var random = SplitMix64(seed: 2026)
        for _ in 0..<20 {
            let (bytes, expected) = Self.validStream(&random)
            var whole = openServer(configuration: acceptingBinary)
            var wholeOutput: [UInt8] = []
            #expect(feed(&whole, bytes, output: &wholeOutput) == expected)

            var cut = openServer(configuration: acceptingBinary)
            var cutOutput: [UInt8] = []
            #expect(Self.feedRandomly(&cut, bytes, &random, output: &cutOutput) == expected)
            #expect(cutOutput == wholeOutput)
            #expect(cut.bufferedByteCount == 0)
        }
    }

    @Test func garbageEndsInAFailureOrWaitsWithoutTrapping() {
        var random = SplitMix64(seed: 7)
        for round in 0..<300 {
            var connection = round % 2 == 0 ? openServer() : openClient()
            var output: [UInt8] = []
            let garbage = (0..<Int(random.next() % 400)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let seen = Self.feedRandomly(&connection, garbage, &random, output: &output)
            // Whatever came before, a failure or a close is the last word, and nothing follows it.
            if let end = seen.firstIndex(where: {
                if case .failed = $0 { return true }
                if case .closed = $0 { return true }
                return false
            }) {
                #expect(end == seen.count - 1)
                #expect(connection.isClosed)
                #expect(connection.bufferedByteCount == 0)
            }
        }
    }

    @Test func garbageHandshakesFailWithinTheHeadLimit() {
        var random = SplitMix64(seed: 11)
        let alphabet = Array("GET /HTTP1.: \r\nUpgrade:websocketConnection,Sec-WebSocket-KeyVersion13ocpp".utf8)
        for round in 0..<300 {
            var connection: WebSocketConnection
            var output: [UInt8] = []
            if round % 2 == 0 {
                connection = .server(configuration: WebSocketConfiguration(maxHandshakeSize: 300))
            } else {
                connection = .client(
                    WebSocketClientRequest(host: "h", path: "/x"),
                    configuration: WebSocketConfiguration(maxHandshakeSize: 300), random: &random, requestInto: &output)
            }
            let garbage = (0..<Int(random.next() % 600)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let seen = Self.feedRandomly(&connection, garbage, &random, output: &output)
            #expect(seen.count <= 2)
            // A head cannot outgrow the limit unnoticed: more than 300 bytes always end in a failure.
            if garbage.count > 300 {
                #expect(connection.isClosed)
            }
        }
    }
}
