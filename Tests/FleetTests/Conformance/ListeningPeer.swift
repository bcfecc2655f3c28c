import Foundation
import Glibc
import Synchronization
import TestSupport

/// A Python server of `Tests/FleetTests/Peers/` that prints `PORT <n>` once it listens on 127.0.0.1 and,
/// when it gets SIGTERM, one JSON line saying what it saw. Its stdin is a pipe the test holds: a script
/// that ends when it closes leaves nothing behind a test binary that dies.
/// Unchecked: every stored property is set once, in `init`, and the pipes are read from one place at a time.
final class ListeningPeer: @unchecked Sendable {
    struct StartFailure: Error, CustomStringConvertible {
        let description: String
    }

    let port: Int
    private let process: Process
    private let output: Pipe
    private let input = Pipe()
    private let errors = Drained()

    /// Starts `script` and waits, off the cooperative pool, until it listens.
    static func start(script: String, arguments: [String] = []) async throws -> ListeningPeer {
        try await offThePool { try ListeningPeer(script: script, arguments: arguments) }
    }

    private init(script: String, arguments: [String]) throws {
        let started = try PythonPeer.start(
            script: "Tests/FleetTests/Peers/\(script)", arguments: arguments, stdin: input)
        process = started.process
        output = started.stdout
        // Drained all along: a server blocked on a full stderr pipe would stop answering.
        let errorPipe = started.stderr.fileHandleForReading
        let errors = errors
        DispatchQueue.global().async { errors.data = errorPipe.readDataToEndOfFile() }
        var line = Data()
        // A server that cannot start ends its output instead of printing its port.
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5).prefix { $0.isNumber }) else {
            Glibc.kill(process.processIdentifier, SIGKILL)
            throw StartFailure(description: "\(script) did not start: \(text)")
        }
        self.port = port
    }

    /// The URL stations connect under.
    var url: String { "ws://127.0.0.1:\(port)/ocpp" }

    /// Stops the server with SIGTERM and returns its summary; kills it if it has not ended in 30 s.
    func stop() async throws -> [String: Any] {
        let data = try await offThePool { self.stopAndRead() }
        let last = data.split(separator: UInt8(ascii: "\n")).last ?? Data()
        guard let summary = try? JSONSerialization.jsonObject(with: Data(last)) as? [String: Any] else {
            throw StartFailure(description: "no summary; stderr: \(String(decoding: errors.data, as: UTF8.self))")
        }
        return summary
    }

    private func stopAndRead() -> Data {
        let process = process
        let killer = DispatchWorkItem { if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: killer)
        defer { killer.cancel() }
        process.terminate()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }

    /// Kills the server (SIGKILL) if it still runs, and waits for its end: for the paths where a test
    /// does not reach ``stop()`` (`defer { csms.kill() }`).
    func kill() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit {
        kill()
    }
}

/// What a background reader collected from a pipe.
private final class Drained: Sendable {
    private let storage = Mutex(Data())

    var data: Data {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
