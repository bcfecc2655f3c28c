import Basics
import Testing
@testable import WebSocket

@Suite struct ClientHandshakeTests {
    /// A client started with a seeded generator, and the request it wrote.
    private func start(credentials: WebSocketCredentials? = nil) -> (WebSocketConnection, String) {
        var random = SplitMix64(seed: 42)
        var output: [UInt8] = []
        let client = WebSocketConnection.client(
            WebSocketClientRequest(host: "csms.example:8180", path: "/ocpp/GU00001", credentials: credentials),
            random: &random, requestInto: &output)
        return (client, String(decoding: output, as: UTF8.self))
    }

    private func answer(_ key: String, fields: String = "Sec-WebSocket-Protocol: ocpp1.6\r\n") -> String {
        switchingProtocols + "Sec-WebSocket-Accept: \(ClientHandshake.accept(forKey: key))\r\n" + fields + "\r\n"
    }

    @Test func requestAsksForTheStationPathWithOCPP16() {
        let (_, request) = start()
        let lines = request.split(separator: "\r\n", omittingEmptySubsequences: false)
        #expect(lines.first == "GET /ocpp/GU00001 HTTP/1.1")
        #expect(lines.contains("Host: csms.example:8180"))
        #expect(lines.contains("Upgrade: websocket"))
        #expect(lines.contains("Connection: Upgrade"))
        #expect(lines.contains("Sec-WebSocket-Version: 13"))
        #expect(lines.contains("Sec-WebSocket-Protocol: ocpp1.6"))
        #expect(!request.contains("Authorization"))
        #expect(request.hasSuffix("\r\n\r\n"))
    }

    @Test func keyIsSixteenBytesFromTheCallersRandomSource() {
        let (_, first) = start()
        let (_, again) = start()
        let key = requestKey(Array(first.utf8))
        #expect(Base64.decode(key.utf8)?.count == 16)
        #expect(requestKey(Array(again.utf8)) == key)
        var other = SplitMix64(seed: 43)
        var output: [UInt8] = []
        _ = WebSocketConnection.client(
            WebSocketClientRequest(host: "h", path: "/x"), random: &other, requestInto: &output)
        #expect(requestKey(output) != key)
    }

    @Test func credentialsAreSentAsBasicAuthorization() {
        let (_, request) = start(credentials: WebSocketCredentials(username: "GU00001", password: "s3cret"))
        // base64("GU00001:s3cret")
        #expect(request.contains("Authorization: Basic R1UwMDAwMTpzM2NyZXQ=\r\n"))
    }

    @Test func validAnswerOpensTheConnection() {
        var (client, request) = start()
        var output: [UInt8] = []
        #expect(feed(&client, Array(answer(requestKey(Array(request.utf8))).utf8), output: &output) == [.opened])
        #expect(client.isOpen)
    }

    @Test func framesRightAfterTheAnswerAreDelivered() {
        var (client, request) = start()
        var output: [UInt8] = []
        let bytes = Array(answer(requestKey(Array(request.utf8))).utf8) + bytes("81 05 48 65 6c 6c 6f")
        #expect(feed(&client, bytes, output: &output) == [.opened, .text("Hello")])
    }

    @Test func answerFedOneByteAtATimeOpensTheConnection() {
        var (client, request) = start()
        var output: [UInt8] = []
        let bytes = Array(answer(requestKey(Array(request.utf8))).utf8) + bytes("81 05 48 65 6c 6c 6f")
        #expect(feed(&client, bytes, chunk: 1, output: &output) == [.opened, .text("Hello")])
    }

    @Test func statusOtherThan101FailsWithStatusLineAndBodyStart() throws {
        var (client, _) = start()
        var output: [UInt8] = []
        let body = "station GU00001 is not known to this CSMS"
        let refusal = "HTTP/1.1 404 Not Found\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
        var events: [WebSocketEvent] = []
        var bytes = Array(refusal.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var unread = buffer
            while let event = client.receive(&unread, into: &output) { events.append(event) }
        }
        guard case .failed(let error) = try #require(events.first) else {
            Issue.record("expected a failure, got \(events)")
            return
        }
        #expect(events.count == 1)
        #expect(error.code == .unexpectedStatus)
        #expect(error.statusLine == "HTTP/1.1 404 Not Found")
        #expect(error.bodyPrefix == body)
        #expect(client.isClosed)
    }

    @Test func refusalBodyIsCutToItsStart() {
        var (client, _) = start()
        var output: [UInt8] = []
        let body = String(repeating: "x", count: 1000)
        let refusal = "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 1000\r\n\r\n" + body
        var prefix: String?
        var bytes = Array(refusal.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var unread = buffer
            if case .failed(let error) = client.receive(&unread, into: &output) { prefix = error.bodyPrefix }
        }
        #expect(prefix == String(repeating: "x", count: ClientHandshake.bodyPrefixLimit))
    }

    @Test(arguments: [1, 5, 1000])
    func chunkedRefusalBodyIsDecodedAndEndsAtItsLastChunk(chunk: Int) {
        var (client, _) = start()
        var output: [UInt8] = []
        let refusal = "HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "8\r\nstation \r\n0B;ext=1\r\nis disabled\r\n0\r\n\r\n"
        var error: WebSocketError?
        var bytes = Array(refusal.utf8)
        var start = 0
        while start < bytes.count, error == nil {
            let end = min(bytes.count, start + chunk)
            bytes[start..<end].withUnsafeMutableBytes { buffer in
                var unread = buffer
                if case .failed(let failure) = client.receive(&unread, into: &output) { error = failure }
            }
            start = end
        }
        #expect(error?.code == .unexpectedStatus)
        #expect(error?.statusLine == "HTTP/1.1 403 Forbidden")
        #expect(error?.bodyPrefix == "station is disabled")
    }

    @Test func refusalCutShortReportsItsStatusWhenInputEnds() {
        var (client, _) = start()
        var output: [UInt8] = []
        let refusal = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 100\r\n\r\nbusy"
        #expect(feed(&client, Array(refusal.utf8), output: &output) == [])
        guard case .failed(let error) = client.inputEnded() else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .unexpectedStatus)
        #expect(error.statusLine == "HTTP/1.1 503 Service Unavailable")
        #expect(error.bodyPrefix == "busy")
    }

    @Test func wrongAcceptFails() {
        var (client, _) = start()
        var output: [UInt8] = []
        let wrong = answer("dGhlIHNhbXBsZSBub25jZQ==")
        #expect(feed(&client, Array(wrong.utf8), output: &output) == [.failed(.wrongAccept, closeCode: nil)])
    }

    @Test(arguments: ["", "Sec-WebSocket-Protocol: ocpp2.0.1\r\n", "Sec-WebSocket-Protocol: ocpp1.6, ocpp2.0.1\r\n"])
    func serverNotSelectingOCPP16IsSubprotocolRefused(fields: String) {
        var (client, request) = start()
        var output: [UInt8] = []
        let bytes = Array(answer(requestKey(Array(request.utf8)), fields: fields).utf8)
        #expect(feed(&client, bytes, output: &output) == [.failed(.subprotocolRefused, closeCode: nil)])
    }

    @Test(arguments: [
        "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Extensions: permessage-deflate\r\n",
    ])
    func upgradeWithoutItsFieldsIsInvalid(head: String) {
        var (client, request) = start()
        var output: [UInt8] = []
        let key = requestKey(Array(request.utf8))
        let bytes = head + "Sec-WebSocket-Accept: \(ClientHandshake.accept(forKey: key))\r\nSec-WebSocket-Protocol: ocpp1.6\r\n\r\n"
        #expect(feed(&client, Array(bytes.utf8), output: &output) == [.failed(.invalidResponse, closeCode: nil)])
    }

    @Test func answerThatIsNotHTTPIsInvalid() {
        var (client, _) = start()
        var output: [UInt8] = []
        #expect(feed(&client, Array("SSH-2.0-OpenSSH_9.6\r\n\r\n".utf8), output: &output) == [.failed(.invalidResponse, closeCode: nil)])
    }

    @Test func answerHeadLargerThanTheLimitFails() {
        var random = SplitMix64(seed: 1)
        var output: [UInt8] = []
        var client = WebSocketConnection.client(
            WebSocketClientRequest(host: "h", path: "/x"), configuration: WebSocketConfiguration(maxHandshakeSize: 256),
            random: &random, requestInto: &output)
        let head = "HTTP/1.1 101 Switching Protocols\r\nX-Padding: \(String(repeating: "p", count: 300))\r\n\r\n"
        #expect(feed(&client, Array(head.utf8), chunk: 7, output: &output).last == .failed(.handshakeTooLarge, closeCode: nil))
    }

    @Test func inputEndingDuringTheHandshakeIsAnAbruptClose() {
        var (client, _) = start()
        #expect(client.inputEnded().map(Seen.init) == .failed(.abruptClose, closeCode: nil))
        #expect(client.inputEnded() == nil)
    }

    @Test func sendingBeforeTheUpgradeIsRefused() {
        var (client, _) = start()
        var output: [UInt8] = []
        #expect(throws: WebSocketError.self) { try client.send(text: "[2,\"1\",\"Heartbeat\",{}]", into: &output) }
        #expect(output.isEmpty)
    }
}
