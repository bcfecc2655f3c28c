import Foundation
import Glibc
import TestSupport

/// A CSMS of the runner's tests, written in Python, on a loopback port it chooses: `Peers/counting_csms.py`
/// (the `ocpp` package's central system, independent of ours), `Peers/clock_csms.py` (the same, checking
/// the stations' clocks or answering late), `Peers/bad_csms.py` (one misbehaviour) or another script of
/// `Peers/` that prints `PORT <n>` and stops when its stdin closes. Starting one waits for the
/// interpreter: tests start it with `offThePool`.
// Used by one test at a time; `end` runs on a Dispatch thread while the test awaits it.
final class PythonCSMS: @unchecked Sendable {
    /// What the CSMS saw, printed when it stops.
    struct Counts: Decodable {
        let received: [String: Int]
        let violations: Int
        let connections: Int
        /// The `user:password` pairs of the Basic auth headers it received.
        let basic_auth: [String]
    }

    struct StartFailure: Error {
        let output: String
    }

    let port: Int
    private let process: Process
    private let input: Pipe
    private let output: Pipe

    /// Starts the counting CSMS; it gives every station `interval` seconds as its heartbeat interval.
    convenience init(interval: Int = 10) throws {
        try self.init(script: "counting_csms.py", arguments: ["--interval", String(interval)])
    }

    /// Starts the CSMS of the clock tests in `mode` (see `Peers/clock_csms.py`).
    convenience init(clock mode: String, arguments: [String] = []) throws {
        try self.init(script: "clock_csms.py", arguments: [mode] + arguments)
    }

    /// Starts the CSMS that misbehaves as `mode` says (see `Peers/bad_csms.py`).
    convenience init(misbehaving mode: String) throws {
        try self.init(script: "bad_csms.py", arguments: [mode])
    }

    /// Starts `Peers/<script>`.
    init(script: String, arguments: [String] = []) throws {
        input = Pipe()
        let started = try PythonPeer.start(
            script: "Tests/FleetTests/Peers/" + script, arguments: arguments, stdin: input)
        process = started.process
        output = started.stdout
        // Drained all along: a CSMS blocked on a full stderr pipe would never stop.
        let errors = started.stderr.fileHandleForReading
        DispatchQueue.global().async { _ = errors.readDataToEndOfFile() }
        var line = Data()
        // The first line is `PORT <n>`; a CSMS that cannot start ends its output instead.
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5).prefix { $0.isNumber }) else {
            process.terminate()
            throw StartFailure(output: text)
        }
        self.port = port
    }

    /// The URL stations connect under.
    var url: String { "ws://127.0.0.1:\(port)/ocpp" }

    /// Stops the counting CSMS and returns what it counted.
    func stop() async throws -> Counts {
        try JSONDecoder().decode(Counts.self, from: await end())
    }

    /// Stops the CSMS and returns the rest of its output, waiting off the cooperative pool.
    @discardableResult
    func end() async throws -> Data {
        try await offThePool { try self.endBlocking() }
    }

    /// Kills the CSMS at once (SIGKILL: the interpreter may block SIGTERM), as a crash would: its links
    /// end without a close handshake, and nothing listens on its port until another starts there.
    func kill() async throws {
        let process = process
        try await offThePool {
            _ = Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    private func endBlocking() throws -> Data {
        let process = process
        let killer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: killer)
        defer { killer.cancel() }
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}
