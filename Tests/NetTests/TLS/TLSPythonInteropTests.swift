import Foundation
import Net
import TestSupport
import Testing

@Suite struct TLSPythonInteropTests {
    /// Our client engine over a real loopback socket against Python's `ssl` server: SNI, verification
    /// with a private CA, data both ways and close_notify in both directions.
    @Test(arguments: ["TLSv1.2", "TLSv1.3"])
    func clientEngineTalksToPythonsSSLServer(version: String) throws {
        let certificates = try TestCertificates.shared.get()
        let (process, stdout, _) = try PythonPeer.start(
            script: "Tests/NetTests/TLS/Peers/tls_echo_server.py",
            arguments: [certificates.localhost.certificate, certificates.localhost.key, version])
        defer { if process.isRunning { process.terminate() } }
        let lines = LineReader(stdout.fileHandleForReading)
        let port = try #require(UInt16(lines.next() ?? ""), "the Python server printed no port")

        let engine = try TLSEngine(context: TLSContext(.client(serverName: "localhost", caFile: certificates.caFile)))
        let socket = try BlockingLoopbackSocket(port: port)
        var plaintext: [UInt8] = []
        var closeNotifyReceived = false
        try engine.startHandshake()
        try engine.send(Array("hello from ocpp-fleet\n".utf8))
        // Each turn sends what the engine produced and reads once. Python answers, then closes at once
        // (unwrap sends its close_notify before waiting for ours), which our engine answers.
        for _ in 0..<50 where !closeNotifyReceived {
            try socket.sendAll(engine.takeOutput())
            if plaintext.contains(UInt8(ascii: "\n")) { engine.close() }
            let received = try socket.receive()
            guard !received.isEmpty else { break }
            closeNotifyReceived = try engine.receive(received, into: &plaintext).closeNotifyReceived
        }
        try socket.sendAll(engine.takeOutput())
        #expect(String(decoding: plaintext, as: UTF8.self) == "echo: hello from ocpp-fleet\n")
        #expect(closeNotifyReceived)
        #expect(engine.state == .closed)

        let report = Array(lines.prefix(3))
        #expect(report == ["sni localhost", "version \(version)", "close_notify yes"])
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}

/// Lines from a pipe, read as they come.
private final class LineReader: Sequence, IteratorProtocol {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(_ handle: FileHandle) { self.handle = handle }

    func next() -> String? {
        // Bounded by the peer's output: each turn consumes a chunk or ends at end-of-file.
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            let chunk = handle.availableData
            if chunk.isEmpty { return nil }
            buffer += chunk
        }
    }
}
