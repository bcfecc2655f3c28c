import Foundation
import TestSupport

/// The independent CSMS of the runner's tests: `.peers/counting_csms.py`, the Python `ocpp` package's
/// central system, on a loopback port it chooses.
final class PythonCSMS {
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

    /// Starts the CSMS; it gives every station `interval` seconds as its heartbeat interval.
    init(interval: Int = 60) throws {
        input = Pipe()
        let started = try PythonPeer.start(
            script: "Tests/FleetTests/Run/.peers/counting_csms.py", arguments: ["--interval", String(interval)],
            stdin: input)
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

    /// Stops the CSMS and returns what it counted.
    func stop() throws -> Counts {
        let process = process
        let killer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: killer)
        defer { killer.cancel() }
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode(Counts.self, from: data)
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}
