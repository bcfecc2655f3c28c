import Foundation
import Testing
import WebSocket

@testable import Net

/// Our server against the Python `websockets` client and a raw-socket peer sending malformed frames.
@Suite(.serialized) struct WebSocketServerTests {
    @Test func servesAPythonClientWithOCPP16AndTheStationIdFromThePath() async throws {
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let recorder = ChannelRecorder(echoes: true)
        let server = try await testLoop.startServer(recorder)
        let heartbeat = #"[2,"1","Heartbeat",{}]"#
        let peer = try PythonProcess(
            script: "ws_client.py", arguments: ["ws://\(server.address)/ocpp/CP%2042", heartbeat, "second"])
        defer { peer.stop() }
        #expect(await peer.waitForExit())
        #expect(await peer.line(startingWith: "SUBPROTOCOL ") == "ocpp1.6")
        #expect(await peer.line(startingWith: "CLOSED ") == "1000")
        #expect(peer.output.contains(heartbeat))
        #expect(peer.output.contains("second"))
        #expect(await recorder.wait { $0.contains(.opened("CP 42")) })
        #expect(await recorder.wait { $0.texts == [heartbeat, "second"] }, "\(recorder.events)")
        guard case .closed(let code, _) = await recorder.firstCloseReason() else {
            Issue.record("expected a clean close")
            return
        }
        #expect(code == 1000)
    }

    @Test func aHandlerRefusalAnswersTheClientWithItsHTTPStatus() async throws {
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let recorder = ChannelRecorder(echoes: true)
        recorder.refusal = .unauthorized
        let url = try await testLoop.server(recorder)
        let peer = try PythonProcess(script: "ws_client.py", arguments: ["\(url)/GU1"])
        defer { peer.stop() }
        #expect(await peer.waitForExit())
        #expect(await peer.line(startingWith: "REFUSED ") == "401")
        #expect(recorder.events.openedCount == 0)
    }

    @Test func ourClientAndServerTalkWithCredentialsAcrossLoops() async throws {
        let testLoop = try TestLoop(loops: 2)
        defer { testLoop.shutdown() }
        let serverSide = ChannelRecorder(echoes: true)
        let url = try await testLoop.server(serverSide)
        let clientSide = ChannelRecorder()
        let loop = testLoop.group.loops[1]
        for index in 0..<20 {
            try await testLoop.connect(
                clientSide, to: url, station: "GU\(index)", options: WebSocketClientOptions(password: "pw"), on: loop)
        }
        #expect(await clientSide.wait { $0.openedCount == 20 })
        try await loop.submit {
            for channel in clientSide.channels { channel.send(text: "hello \(channel.stationID)") }
        }
        #expect(await clientSide.wait { $0.texts.count == 20 })
        #expect(Set(clientSide.events.texts) == Set((0..<20).map { "hello GU\($0)" }))
        #expect(serverSide.credentialsSeen.contains(WebSocketCredentials(username: "GU7", password: "pw")))
        // Open, idle channels keep no timer on either side (their open timeouts were cancelled).
        for loop in testLoop.group.loops {
            #expect(try await loop.submit { loop.timerCount } == 0)
        }
    }

    @Test(arguments: [
        ("unknown-opcode", 1002), ("unmasked", 1002), ("oversized", 1009), ("invalid-utf8", 1007),
        ("reserved-bits", 1002), ("fragmented-control", 1002),
    ])
    func aMalformedFrameClosesThatConnectionWithItsCodeWhileOthersAreServed(frame: String, code: Int) async throws {
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let recorder = ChannelRecorder(echoes: true)
        let server = try await testLoop.startServer(
            recorder,
            options: WebSocketServerOptions(limits: WebSocketConfiguration(maxFrameSize: 65536, maxMessageSize: 65536)))
        let peer = try PythonProcess(script: "raw_client.py", arguments: ["\(server.address.port)", frame])
        defer { peer.stop() }
        #expect(await peer.waitForExit())
        #expect(await peer.line(startingWith: "CODE ") == "\(code)", "\(peer.output)")
        #expect(await peer.line(startingWith: "GOOD ") == #"[2,"1","Heartbeat",{}]"#)
        let failure = recorder.closeReasons.first
        guard case .failed(let error) = failure else {
            Issue.record("expected the bad connection to fail, got \(String(describing: failure))")
            return
        }
        #expect(error.code == .protocolViolation)
    }
}

@Suite struct IPv6Tests {
    @Test func ourClientAndServerTalkOverIPv6Loopback() async throws {
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let serverSide = ChannelRecorder(echoes: true)
        let server = try await testLoop.startServer(serverSide, host: "::1")
        #expect(server.address.description.hasPrefix("[::1]:"))
        let clientSide = ChannelRecorder()
        try await testLoop.connect(clientSide, to: "ws://[::1]:\(server.address.port)/ocpp", station: "V6")
        #expect(await clientSide.wait { $0.openedCount == 1 })
        try await testLoop.loop.submit { clientSide.channels[0].send(text: "over six") }
        #expect(await clientSide.wait { $0.texts == ["over six"] })
    }

    @Test func localhostResolvesToLoopbackAddresses() throws {
        let addresses = try Resolver.resolve(host: "localhost", port: 80)
        #expect(!addresses.isEmpty)
        #expect(addresses.allSatisfy { $0.host == "127.0.0.1" || $0.host == "::1" })
        #expect(addresses.allSatisfy { $0.port == 80 })
    }
}

@Suite struct ServerRobustnessTests {
    @Test func aClientThatNeverSendsItsUpgradeIsClosedAfterTheHandshakeTimeout() async throws {
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let recorder = ChannelRecorder()
        let server = try await testLoop.startServer(
            recorder, options: WebSocketServerOptions(handshakeTimeout: .milliseconds(200)))
        let client = try RawLoopbackClient(port: server.address.port)
        #expect(try client.readUntilClosed() == "")
        #expect(recorder.events.isEmpty)
    }

    @Test func aRequestThatIsNotHTTPIsAnsweredWith400AndTheServerServesTheNextClient() async throws {
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let recorder = ChannelRecorder(echoes: true)
        let server = try await testLoop.startServer(recorder)
        let raw = try RawLoopbackClient(port: server.address.port)
        try raw.send("HELLO THERE\r\n\r\n")
        let answer = try #require(try raw.readUntilClosed())
        #expect(answer.hasPrefix("HTTP/1.1 400"))
        let clientSide = ChannelRecorder()
        try await testLoop.connect(clientSide, to: "ws://\(server.address)/ocpp", station: "NEXT")
        #expect(await clientSide.wait { $0.openedCount == 1 })
    }
}
