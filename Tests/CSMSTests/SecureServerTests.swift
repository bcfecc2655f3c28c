import CSMS
import Foundation
import Net
import Synchronization
import Testing

/// The server over `wss://`, with a self-signed certificate made by the `openssl` command.
@Suite struct SecureServerTests {
    /// A certificate and key for 127.0.0.1 in a fresh temporary folder.
    func selfSignedCertificate() throws -> (certificate: String, key: String) {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("ocpp-fleet-csms-tls-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let certificate = folder.appendingPathComponent("server.pem").path
        let key = folder.appendingPathComponent("server.key").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        try #require(openssl.terminationStatus == 0, "openssl could not make a certificate")
        return (certificate, key)
    }

    @Test func stationsAreAnsweredOverTLS() async throws {
        let files = try selfSignedCertificate()
        let server = CSMSServer(
            configuration: CSMSConfiguration(password: "pw"),
            options: WebSocketServerOptions(certificateChainFile: files.certificate, privateKeyFile: files.key))
        let port = try await server.start(listen: "127.0.0.1:0")
        let clients = try EventLoopGroup(loopCount: 1)
        let client = try WebSocketClient(
            url: "wss://127.0.0.1:\(port)/ocpp",
            options: WebSocketClientOptions(password: "pw", caFile: files.certificate))
        let stations = HeartbeatStations(heartbeats: 3)
        let loop = clients.loops[0]
        _ = try await loop.submit {
            for index in 0..<5 { client.connect(station: "GU-TLS-\(index)", on: loop, handler: stations).tag = index }
        }
        for _ in 0..<400 where stations.outcomes.withLock({ $0.finished }) < 5 {
            try await Task.sleep(for: .milliseconds(50))
        }
        clients.shutdown()
        let outcomes = stations.outcomes.withLock { $0 }
        #expect(outcomes.failures == [])
        #expect(outcomes.answers == 5 * 4)
        #expect(server.counterSnapshot["answered.Heartbeat"] == 15)
        await server.stop()
    }
}
