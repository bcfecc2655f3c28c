import Testing
@testable import WebSocket

@Suite struct ServerHandshakeTests {
    private static let fields = [
        "Host: localhost:8180",
        "Upgrade: websocket",
        "Connection: keep-alive, Upgrade",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Protocol: ocpp1.5, ocpp1.6",
    ]

    private func request(_ requestLine: String = "GET /ocpp/GU%2F01 HTTP/1.1", fields: [String] = fields) -> [UInt8] {
        let lines = ([requestLine] + fields).map { $0 + "\r\n" }
        return Array((lines.joined() + "\r\n").utf8)
    }

    /// The status line and fields of an HTTP answer.
    private func answerLines(_ output: [UInt8]) -> [Substring] {
        let text = String(decoding: output, as: UTF8.self)
        return text.split(separator: "\r\n\r\n", maxSplits: 1)[0].split(separator: "\r\n")
    }

    @Test func validRequestIsOfferedToTheCaller() {
        var server = WebSocketConnection.server()
        var output: [UInt8] = []
        var offered: WebSocketUpgradeRequest?
        let seen = feed(&server, request(), output: &output) { request in
            offered = request
            return nil
        }
        #expect(seen == [.upgradeRequested(path: "/ocpp/GU%2F01", credentials: nil)])
        #expect(offered?.host == "localhost:8180")
        #expect(offered?.stationIdentity == "GU/01")
    }

    @Test func acceptedRequestIsAnswered101SelectingOCPP16() {
        var server = WebSocketConnection.server()
        var output: [UInt8] = []
        _ = feed(&server, request(), output: &output)
        let lines = answerLines(output)
        #expect(lines.first == "HTTP/1.1 101 Switching Protocols")
        #expect(lines.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="))
        #expect(lines.contains("Sec-WebSocket-Protocol: ocpp1.6"))
        #expect(lines.contains("Upgrade: websocket"))
        #expect(lines.contains("Connection: Upgrade"))
        #expect(server.isOpen)
    }

    @Test func requestFedOneByteAtATimeIsOffered() {
        var server = WebSocketConnection.server()
        var output: [UInt8] = []
        #expect(feed(&server, request(), chunk: 1, output: &output) == [.upgradeRequested(path: "/ocpp/GU%2F01", credentials: nil)])
        #expect(server.isOpen)
    }

    @Test func basicCredentialsAreOffered() {
        var server = WebSocketConnection.server()
        var output: [UInt8] = []
        let fields = Self.fields + ["Authorization: Basic R1UwMDAwMTpzM2M6cmV0"]
        #expect(
            feed(&server, request(fields: fields), output: &output)
                == [.upgradeRequested(
                    path: "/ocpp/GU%2F01", credentials: WebSocketCredentials(username: "GU00001", password: "s3c:ret"))])
    }

    @Test func refusedRequestIsAnswered401WithABasicChallenge() throws {
        var server = WebSocketConnection.server()
        var output: [UInt8] = []
        _ = feed(&server, request(), output: &output) { _ in .unauthorized }
        let lines = answerLines(output)
        #expect(lines.first == "HTTP/1.1 401 Unauthorized")
        #expect(lines.contains("WWW-Authenticate: Basic realm=\"OCPP\""))
        #expect(server.isClosed)
        #expect(throws: WebSocketError.self) { try server.send(text: "x", into: &output) }
    }

    @Test func refusalWithAnotherStatusCarriesNoChallenge() {
        var server = WebSocketConnection.server()
        var output: [UInt8] = []
        _ = feed(&server, request(), output: &output) { _ in .serviceUnavailable }
        let lines = answerLines(output)
        #expect(lines.first == "HTTP/1.1 503 Service Unavailable")
        #expect(!lines.contains { $0.hasPrefix("WWW-Authenticate") })
    }

    @Test(arguments: [
        ("/GU00001", "GU00001"), ("/ocpp/16/GU00001", "GU00001"), ("/ocpp/GU00001?token=1", "GU00001"),
        ("/ocpp/GU%20A", "GU A"), ("/ocpp/GU%zz", "GU%zz"), ("/", ""),
    ])
    func stationIdentityIsTheLastPathSegmentDecoded(path: String, identity: String) {
        #expect(WebSocketUpgradeRequest(path: path, host: "h", credentials: nil).stationIdentity == identity)
    }

    @Test func bytesBeforeTheAnswerAreRefusedHoweverTheyArrive() {
        for chunk in [1, 10, Int.max] {
            var server = WebSocketConnection.server()
            var output: [UInt8] = []
            var seen: [Seen] = []
            let early = request() + bytes("81 85 37 fa 21 3d 7f 9f 4d 51 58")
            var start = 0
            while start < early.count {
                var read = Array(early[start..<min(early.count, start + min(chunk, early.count - start))])
                start += read.count
                read.withUnsafeMutableBytes { buffer in
                    var unread = buffer
                    while let event = server.receive(&unread, into: &output) { seen.append(Seen(event)) }
                }
            }
            #expect(seen == [.upgradeRequested(path: "/ocpp/GU%2F01", credentials: nil), .failed(.invalidRequest, closeCode: nil)])
            #expect(answerLines(output).first == "HTTP/1.1 400 Bad Request")
        }
    }

    private static func without(_ name: String, adding extra: [String] = []) -> [String] {
        let kept: [String] = fields.filter { !$0.hasPrefix(name + ":") }
        return kept + extra
    }

    private static let badRequests: [(String, [String], Int)] = [
        ("POST /ocpp/GU01 HTTP/1.1", fields, 400),
        ("GET /ocpp/GU01 HTTP/1.0", fields, 400),
        ("GET ocpp/GU01 HTTP/1.1", fields, 400),
        ("GET /ocpp/GU01", fields, 400),
        ("GET /ocpp/GU01 HTTP/1.1", without("Host"), 400),
        ("GET /ocpp/GU01 HTTP/1.1", without("Upgrade"), 426),
        ("GET /ocpp/GU01 HTTP/1.1", without("Connection"), 400),
        ("GET /ocpp/GU01 HTTP/1.1", without("Sec-WebSocket-Key"), 400),
        ("GET /ocpp/GU01 HTTP/1.1", without("Sec-WebSocket-Key", adding: ["Sec-WebSocket-Key: c2hvcnQ="]), 400),
        ("GET /ocpp/GU01 HTTP/1.1", without("Sec-WebSocket-Version", adding: ["Sec-WebSocket-Version: 8"]), 426),
        ("GET /ocpp/GU01 HTTP/1.1", without("Sec-WebSocket-Version"), 426),
        ("GET /ocpp/GU01 HTTP/1.1", without("Sec-WebSocket-Protocol"), 400),
        ("GET /ocpp/GU01 HTTP/1.1", without("Authorization", adding: ["Authorization: Bearer abc"]), 400),
        ("GET /ocpp/GU01 HTTP/1.1", without("Folded", adding: [" folded: line"]), 400),
    ]

    @Test(arguments: badRequests)
    func badRequestIsAnsweredWithAnErrorStatus(requestLine: String, fields: [String], status: Int) {
        var server = WebSocketConnection.server()
        var output: [UInt8] = []
        #expect(feed(&server, request(requestLine, fields: fields), output: &output) == [.failed(.invalidRequest, closeCode: nil)])
        #expect(answerLines(output).first?.hasPrefix("HTTP/1.1 \(status) ") == true)
        #expect(server.isClosed)
    }

    @Test func versionMismatchNamesTheSupportedVersion() {
        var server = WebSocketConnection.server()
        var output: [UInt8] = []
        let fields = Self.without("Sec-WebSocket-Version", adding: ["Sec-WebSocket-Version: 8"])
        _ = feed(&server, request(fields: fields), output: &output)
        #expect(answerLines(output).contains("Sec-WebSocket-Version: 13"))
    }

    @Test func requestHeadLargerThanTheLimitIsRefusedBeforeItEnds() {
        var server = WebSocketConnection.server(configuration: WebSocketConfiguration(maxHandshakeSize: 512))
        var output: [UInt8] = []
        let endless = Array("GET / HTTP/1.1\r\nX-Padding: ".utf8) + Array(repeating: UInt8(ascii: "p"), count: 600)
        #expect(feed(&server, endless, chunk: 100, output: &output) == [.failed(.handshakeTooLarge, closeCode: nil)])
        #expect(answerLines(output).first == "HTTP/1.1 431 Request Header Fields Too Large")
    }
}
