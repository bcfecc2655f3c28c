import Testing
@testable import WebSocket

@Suite struct FrameTests {
    @Test func unmaskedHelloFromServerIsDeliveredToClient() {
        var client = openClient()
        var output: [UInt8] = []
        #expect(feed(&client, bytes("81 05 48 65 6c 6c 6f"), output: &output) == [.text("Hello")])
        #expect(output.isEmpty)
    }

    @Test func maskedHelloFromClientIsDeliveredToServer() {
        var server = openServer()
        var output: [UInt8] = []
        #expect(feed(&server, bytes("81 85 37 fa 21 3d 7f 9f 4d 51 58"), output: &output) == [.text("Hello")])
    }

    @Test func serverWritesUnmaskedHelloAsInRFC() throws {
        var server = openServer()
        var output: [UInt8] = []
        try server.send(text: "Hello", into: &output)
        #expect(output == bytes("81 05 48 65 6c 6c 6f"))
    }

    @Test func maskingHelloWithRFCKeyGivesRFCBytes() {
        var output: [UInt8] = []
        let key = [UInt8](bytes("37 fa 21 3d")).withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
        Array("Hello".utf8).withUnsafeBytes {
            FrameWriter.append(opcode: .text, payload: $0, maskingKey: key, to: &output)
        }
        #expect(output == bytes("81 85 37 fa 21 3d 7f 9f 4d 51 58"))
    }

    @Test func fragmentedHelloIsReassembled() {
        var client = openClient()
        var output: [UInt8] = []
        #expect(feed(&client, bytes("01 03 48 65 6c 80 02 6c 6f"), output: &output) == [.text("Hello")])
    }

    @Test func pingIsAnsweredWithPongCarryingItsPayload() {
        var client = openClient()
        var output: [UInt8] = []
        #expect(feed(&client, bytes("89 05 48 65 6c 6c 6f"), output: &output) == [])
        // A client's pong is masked: check the header, then unmask what follows.
        #expect(output.count == 2 + 4 + 5)
        #expect(Array(output[0..<2]) == bytes("8a 85"))
        let key = Array(output[2..<6])
        let payload = (0..<5).map { output[6 + $0] ^ key[$0 % 4] }
        #expect(payload == Array("Hello".utf8))
    }

    @Test func serverAnswersMaskedPingWithUnmaskedPong() {
        var server = openServer()
        var output: [UInt8] = []
        #expect(feed(&server, bytes("89 85 37 fa 21 3d 7f 9f 4d 51 58"), output: &output) == [])
        #expect(output == bytes("8a 05 48 65 6c 6c 6f"))
    }

    @Test func pongIsReported() {
        var client = openClient()
        var output: [UInt8] = []
        #expect(feed(&client, bytes("8a 05 48 65 6c 6c 6f"), output: &output) == [.pong(Array("Hello".utf8))])
    }

    @Test func binaryOf256BytesUsesTwoByteLength() {
        var client = openClient(configuration: acceptingBinary)
        var output: [UInt8] = []
        let payload = (0..<256).map { UInt8(truncatingIfNeeded: $0) }
        #expect(feed(&client, bytes("82 7E 01 00") + payload, output: &output) == [.binary(payload)])
        var server = openServer()
        payload.withUnsafeBytes { try? server.send(binary: $0, into: &output) }
        #expect(output == bytes("82 7E 01 00") + payload)
    }

    @Test func binaryOf64KiBUsesEightByteLength() {
        var client = openClient(configuration: acceptingBinary)
        var output: [UInt8] = []
        let payload = (0..<65536).map { UInt8(truncatingIfNeeded: $0 * 7) }
        #expect(feed(&client, bytes("82 7F 00 00 00 00 00 01 00 00") + payload, output: &output) == [.binary(payload)])
        var server = openServer()
        payload.withUnsafeBytes { try? server.send(binary: $0, into: &output) }
        #expect(output == bytes("82 7F 00 00 00 00 00 01 00 00") + payload)
    }
}
