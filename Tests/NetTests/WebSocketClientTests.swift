import Foundation
import Testing
import WebSocket

@testable import Net

/// Our client against the Python `websockets` server, over ws://.
@Suite(.serialized) struct WebSocketClientTests {
    /// The error that ended a link to `ws_server.py` in `mode`; `nil` when it did not fail.
    private func failure(against mode: String) async throws -> NetError? {
        let peer = try PythonProcess(script: "ws_server.py", arguments: [mode])
        defer { peer.stop() }
        return try await failure(connectingTo: try await peer.url())
    }

    /// The error that ended a link to `url`; `nil` when it did not fail.
    private func failure(
        connectingTo url: String, options: WebSocketClientOptions = WebSocketClientOptions()
    ) async throws -> NetError? {
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let recorder = ChannelRecorder()
        try await testLoop.connect(recorder, to: url, options: options)
        return await recorder.failure()
    }

    @Test func opensWithTheStationIdAsLastPathElementAndBasicAuthAndExchangesMessages() async throws {
        let peer = try PythonProcess(script: "ws_server.py", arguments: ["echo"])
        defer { peer.stop() }
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let recorder = ChannelRecorder()
        try await testLoop.connect(
            recorder, to: try await peer.url(), options: WebSocketClientOptions(password: "s3cret"))
        #expect(await recorder.wait { $0.openedCount == 1 }, "\(recorder.events)")
        let request = try #require(await peer.line(startingWith: "{"))
        #expect(request.contains("\"path\": \"/ocpp/GU0001\""))
        // base64("GU0001:s3cret")
        #expect(request.contains("Basic R1UwMDAxOnMzY3JldA=="))
        #expect(request.contains("ocpp1.6"))
        let heartbeat = #"[2,"1","Heartbeat",{}]"#
        try await testLoop.loop.submit { recorder.channels[0].send(text: heartbeat) }
        #expect(await recorder.wait { $0.texts == [heartbeat] })
        try await testLoop.loop.submit { recorder.channels[0].close() }
        let reason = await recorder.firstCloseReason()
        guard case .closed(let code, _) = reason else {
            Issue.record("expected a clean close, got \(String(describing: reason))")
            return
        }
        #expect(code == 1000)
    }

    @Test func aServerThatSelectsNoSubprotocolIsRefused() async throws {
        let peer = try PythonProcess(script: "ws_server.py", arguments: ["refuse-subprotocol"])
        defer { peer.stop() }
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let recorder = ChannelRecorder()
        try await testLoop.connect(recorder, to: try await peer.url())
        let error = try #require(await recorder.failure())
        #expect(error.code == .subprotocolRefused)
        #expect(error.description.contains("ocpp1.6"))
        #expect(recorder.events.openedCount == 0)
    }

    @Test func anHTTPRefusalReportsTheStatusLineAndTheStartOfTheBody() async throws {
        let error = try #require(try await failure(against: "reject"))
        #expect(error.code == .handshakeRejected)
        #expect(error.description.contains("404 Not Found"))
        #expect(error.description.contains("no station with this id here"))
    }

    @Test func aServerClosingWithoutCloseFrameIsAnAbruptClose() async throws {
        #expect(try await failure(against: "abrupt")?.code == .abruptClose)
    }

    @Test func aBinaryMessageIsRefusedWithCloseCode1003() async throws {
        let peer = try PythonProcess(script: "ws_server.py", arguments: ["binary"])
        defer { peer.stop() }
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let recorder = ChannelRecorder()
        try await testLoop.connect(recorder, to: try await peer.url())
        let error = try #require(await recorder.failure())
        #expect(error.code == .protocolViolation)
        #expect(error.webSocketError?.code == .binaryMessage)
        #expect(error.webSocketError?.closeCode == .unsupportedData)
        #expect(await peer.line(startingWith: "CLOSE ") == "1003")
        #expect(recorder.events.texts.isEmpty)
    }

    @Test func fragmentedMessagesAreReassembledAndPingsAnswered() async throws {
        let peer = try PythonProcess(script: "ws_server.py", arguments: ["fragments-and-ping"])
        defer { peer.stop() }
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let recorder = ChannelRecorder()
        try await testLoop.connect(recorder, to: try await peer.url())
        #expect(await recorder.wait { $0.texts == [#"[2,"7","Heartbeat",{}]"#] })
        // The server pinged before its message; it echoes only if it is still happy with us.
        try await testLoop.loop.submit { recorder.channels[0].send(text: "[3,\"7\",{}]") }
        #expect(await recorder.wait { $0.texts.count == 2 })
        #expect(recorder.events.texts.last == "[3,\"7\",{}]")
    }

    @Test func anUnboundPortIsConnectionRefused() async throws {
        let port = try unusedPort()
        let error = try #require(try await failure(connectingTo: "ws://127.0.0.1:\(port)/ocpp"))
        #expect(error.code == .connectionRefused)
        #expect(error.description.contains("127.0.0.1:\(port)"))
    }

    @Test func aListenerThatNeverAcceptsTimesOut() async throws {
        let listener = try FullBacklogListener()
        defer { listener.close() }
        let error = try await failure(
            connectingTo: "ws://127.0.0.1:\(listener.port)/ocpp",
            options: WebSocketClientOptions(connectTimeout: .milliseconds(300)))
        #expect(error?.code == .connectTimeout)
    }

    @Test func anUpgradeRequestWaitingForItsTCPConnectIsNoSendQueue() async throws {
        let listener = try FullBacklogListener()
        defer { listener.close() }
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let client = try WebSocketClient(url: "ws://127.0.0.1:\(listener.port)/ocpp")
        let loop = group.loops[0]
        let recorder = ChannelRecorder()
        let (buffered, queue) = try await loop.submit {
            let channel = client.connect(station: "WAIT", on: loop, handler: recorder)
            return (channel.bufferedBytes, loop.sendQueue)
        }
        // The request waits in the channel for a connect the listener never answers: no peer read slowly.
        #expect(buffered > 0)
        #expect(queue == SendQueueDepth())
    }

    @Test func anUnknownHostIsNotResolved() throws {
        #expect {
            try WebSocketClient(url: "ws://no-such-host.invalid:9000/ocpp")
        } throws: { ($0 as? NetError)?.code == .nameNotResolved }
    }

    @Test func aChosenSourceAddressIsTheOneTheServerSees() async throws {
        let peer = try PythonProcess(script: "ws_server.py", arguments: ["echo"])
        defer { peer.stop() }
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let recorder = ChannelRecorder()
        try await testLoop.connect(
            recorder, to: try await peer.url(), station: "SRC", sourceAddress: SocketAddress(ip: "127.0.0.7", port: 0))
        #expect(await recorder.wait { $0.openedCount == 1 })
        let request = try #require(await peer.line(startingWith: "{"))
        #expect(request.contains("\"peer\": \"127.0.0.7\""))
    }

    @Test func aPeerThatAnswersPingsKeepsTheChannelOpen() async throws {
        let peer = try PythonProcess(script: "ws_server.py", arguments: ["echo"])
        defer { peer.stop() }
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let recorder = ChannelRecorder()
        // A ping unanswered at the next fails the channel: 2 s give a peer starved by a loaded machine time
        // to answer (200 ms did not), and three pings still prove each answered before the next went.
        try await testLoop.connect(recorder, to: try await peer.url(), station: "PING") {
            $0.pingInterval = .seconds(2)
        }
        // Required: the channel is used below, and a wait that timed out must fail the test, not index past it.
        try #require(await recorder.wait { $0.openedCount == 1 })
        // Three pings, each sent once the one before was answered, or the channel would have failed.
        #expect(await peer.wait(forLines: "PING", count: 3), "\(peer.output)")
        try await testLoop.loop.submit { recorder.channels[0].send(text: "still here") }
        #expect(await recorder.wait { $0.texts == ["still here"] })
        #expect(recorder.closeReasons.isEmpty)
    }

    @Test func aPeerThatStopsAnsweringPingsFailsTheChannel() async throws {
        let peer = try PythonProcess(script: "mute_server.py")
        defer { peer.stop() }
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let recorder = ChannelRecorder()
        try await testLoop.connect(recorder, to: try await peer.url(), station: "MUTE") {
            $0.pingInterval = .milliseconds(50)
        }
        #expect(await recorder.wait { $0.openedCount == 1 })
        let error = try #require(await recorder.failure())
        #expect(error.code == .pingTimeout)
        #expect(error.description.contains("ping"))
    }
}
