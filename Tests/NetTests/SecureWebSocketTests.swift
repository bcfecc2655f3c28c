import Foundation
import Testing
import WebSocket

@testable import Net

/// wss:// with our channels: against Python `websockets` over `ssl` both ways, and against ourselves,
/// with a throwaway CA made by `openssl` (``TestCertificates``).
@Suite(.serialized) struct SecureWebSocketTests {
    private func certificates() throws -> TestCertificates {
        try TestCertificates.shared.get()
    }

    private func failure(connectingTo pair: TestCertificates.KeyPair, options: WebSocketClientOptions) async throws
        -> NetError?
    {
        let peer = try PythonProcess(script: "ws_server.py", arguments: ["echo", pair.certificate, pair.key])
        defer { peer.stop() }
        let port = try await peer.port()
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let recorder = ChannelRecorder()
        try await testLoop.connect(recorder, to: "wss://localhost:\(port)/ocpp", options: options)
        return await recorder.failure()
    }

    @Test func ourClientTalksToAPythonServerOverTLSTrustingAPrivateCA() async throws {
        let certificates = try certificates()
        let peer = try PythonProcess(
            script: "ws_server.py", arguments: ["echo", certificates.localhost.certificate, certificates.localhost.key])
        defer { peer.stop() }
        let port = try await peer.port()
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let recorder = ChannelRecorder()
        try await testLoop.connect(
            recorder, to: "wss://localhost:\(port)/ocpp",
            options: WebSocketClientOptions(password: "pw", caFile: certificates.caFile))
        #expect(await recorder.wait { $0.openedCount == 1 }, "\(recorder.events)")
        let request = try #require(await peer.line(startingWith: "{"))
        #expect(request.contains("\"path\": \"/ocpp/GU0001\""))
        let heartbeat = #"[2,"1","Heartbeat",{}]"#
        try await testLoop.loop.submit { recorder.channels[0].send(text: heartbeat) }
        #expect(await recorder.wait { $0.texts == [heartbeat] })
        try await testLoop.loop.submit { recorder.channels[0].close() }
        guard case .closed(let code, _) = await recorder.firstCloseReason() else {
            Issue.record("expected a clean close")
            return
        }
        #expect(code == 1000)
    }

    @Test func aServerCertificateFromAnUnknownAuthorityIsATLSFailureSayingSo() async throws {
        let certificates = try certificates()
        let error = try await failure(connectingTo: certificates.selfSigned, options: WebSocketClientOptions(
            caFile: certificates.caFile))
        #expect(error?.code == .tlsFailure)
        #expect(error?.description.contains("TLS") == true)
        #expect(error?.description.lowercased().contains("certificate") == true)
    }

    @Test func anExpiredServerCertificateIsATLSFailureSayingExpired() async throws {
        let certificates = try certificates()
        let error = try await failure(connectingTo: certificates.expired, options: WebSocketClientOptions(
            caFile: certificates.caFile))
        #expect(error?.code == .tlsFailure)
        #expect(error?.description.lowercased().contains("expired") == true)
    }

    @Test func aCertificateForAnotherHostIsATLSFailureSayingMismatch() async throws {
        let certificates = try certificates()
        let error = try await failure(connectingTo: certificates.otherName, options: WebSocketClientOptions(
            caFile: certificates.caFile))
        #expect(error?.code == .tlsFailure)
        #expect(error?.description.lowercased().contains("mismatch") == true)
    }

    @Test func aServerHangingUpDuringTheTLSHandshakeIsATLSFailure() async throws {
        let peer = try PythonProcess(script: "hangup_server.py")
        defer { peer.stop() }
        let port = try await peer.port()
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let recorder = ChannelRecorder()
        try await testLoop.connect(
            recorder, to: "wss://127.0.0.1:\(port)/ocpp", options: WebSocketClientOptions(insecure: true))
        let error = try #require(await recorder.failure())
        #expect(error.code == .tlsFailure)
        #expect(error.description.contains("TLS handshake"))
    }

    @Test func insecureSkipsVerification() async throws {
        let certificates = try certificates()
        let peer = try PythonProcess(
            script: "ws_server.py",
            arguments: ["echo", certificates.selfSigned.certificate, certificates.selfSigned.key])
        defer { peer.stop() }
        let port = try await peer.port()
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let recorder = ChannelRecorder()
        try await testLoop.connect(
            recorder, to: "wss://localhost:\(port)/ocpp", options: WebSocketClientOptions(insecure: true))
        #expect(await recorder.wait { $0.openedCount == 1 })
    }

    @Test func ourServerServesAPythonClientOverTLS() async throws {
        let certificates = try certificates()
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let recorder = ChannelRecorder(echoes: true)
        let server = try await testLoop.startServer(recorder, options: certificates.serverOptions)
        let heartbeat = #"[2,"1","Heartbeat",{}]"#
        let peer = try PythonProcess(
            script: "ws_client.py",
            arguments: ["--ca", certificates.caFile, "wss://localhost:\(server.address.port)/ocpp/GU9", heartbeat])
        defer { peer.stop() }
        #expect(await peer.waitForExit())
        #expect(await peer.line(startingWith: "SUBPROTOCOL ") == "ocpp1.6")
        #expect(await peer.line(startingWith: "CLOSED ") == "1000", "\(peer.output)")
        #expect(peer.output.contains(heartbeat))
        #expect(await recorder.wait { $0.contains(.opened("GU9")) })
    }

    @Test func ourClientAndServerTalkOverTLSAcrossLoops() async throws {
        let certificates = try certificates()
        let testLoop = try TestLoop(loops: 2)
        defer { testLoop.shutdown() }
        let serverSide = ChannelRecorder(echoes: true)
        let server = try await testLoop.startServer(serverSide, options: certificates.serverOptions)
        let clientSide = ChannelRecorder()
        let loop = testLoop.group.loops[1]
        for index in 0..<10 {
            try await testLoop.connect(
                clientSide, to: "wss://127.0.0.1:\(server.address.port)/ocpp", station: "GU\(index)",
                options: WebSocketClientOptions(caFile: certificates.caFile), on: loop)
        }
        #expect(await clientSide.wait { $0.openedCount == 10 })
        let large = String(repeating: "x", count: 100_000)
        try await loop.submit {
            for channel in clientSide.channels { channel.send(text: "hello \(channel.stationID)") }
            clientSide.channels[0].send(text: large)
        }
        #expect(await clientSide.wait { $0.texts.count == 11 })
        #expect(clientSide.events.texts.contains(large))
        #expect(Set(clientSide.events.texts.filter { $0 != large }) == Set((0..<10).map { "hello GU\($0)" }))
    }
}

extension TestCertificates {
    /// A server of ours presenting the `localhost` certificate.
    fileprivate var serverOptions: WebSocketServerOptions {
        WebSocketServerOptions(certificateChainFile: localhost.certificate, privateKeyFile: localhost.key)
    }
}
