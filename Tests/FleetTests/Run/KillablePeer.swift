import Foundation
import Glibc
import Synchronization
import TestSupport

/// A Python peer of `Tests/FleetTests/Peers/` that prints `PORT <n>` once it listens and stops when its
/// stdin closes, and that a test may also kill outright (SIGKILL: a crash, no goodbye to anyone). What it
/// prints is collected all along, line by line.
// @unchecked Sendable: `process` and the pipes are set in init and then used as Process allows from any
// thread; the lines are behind their mutex.
final class KillablePeer: @unchecked Sendable {
    struct StartFailure: Error, CustomStringConvertible {
        let description: String
    }

    let port: Int
    private let process: Process
    private let input = Pipe()
    private let lines = Lines()
    private let reader = DispatchGroup()

    /// Starts `Peers/<script>` and waits, off the cooperative pool, until it listens (60 s at most).
    static func start(_ script: String, _ arguments: [String]) async throws -> KillablePeer {
        try await offThePool { try KillablePeer(script: script, arguments: arguments) }
    }

    private init(script: String, arguments: [String]) throws {
        let started = try PythonPeer.start(script: "Tests/FleetTests/Peers/" + script, arguments: arguments, stdin: input)
        process = started.process
        let errors = started.stderr.fileHandleForReading
        DispatchQueue.global().async { _ = errors.readDataToEndOfFile() }
        let output = started.stdout.fileHandleForReading
        reader.enter()
        DispatchQueue.global().async { [lines, reader] in
            var pending = Data()
            while true {
                let chunk = output.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[pending.startIndex..<end], as: UTF8.self)
                    lines.append(line)
                    pending.removeSubrange(pending.startIndex...end)
                }
            }
            reader.leave()
        }
        var port: Int?
        for _ in 0..<1_200 where port == nil && process.isRunning {
            port = lines.all.first.flatMap { $0.hasPrefix("PORT ") ? Int($0.dropFirst(5)) : nil }
            if port == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        guard let port else {
            if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
            throw StartFailure(description: "\(script) did not start: \(lines.all)")
        }
        self.port = port
    }

    /// What it printed so far, line by line (`PORT <n>` first).
    var printed: [String] { lines.all }

    /// Waits (at most `timeout` seconds) until it has printed `line`.
    func waitForLine(_ line: String, timeout: TimeInterval) async throws {
        for _ in 0..<Int(timeout * 10) {
            if printed.contains(line) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw StartFailure(description: "no \(line) within \(timeout) s; printed \(printed)")
    }

    /// Kills it with SIGKILL and waits until it is gone.
    func kill() async throws {
        try await offThePool { [process] in
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Closes its stdin, waits (30 s, then SIGKILL) until it exits, and returns the last line it printed.
    func finish() async throws -> String {
        try await offThePool { [self] in
            let killer = DispatchWorkItem { [process] in
                if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: killer)
            defer { killer.cancel() }
            try input.fileHandleForWriting.close()
            process.waitUntilExit()
            reader.wait()
            return printed.last ?? ""
        }
    }

    deinit {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
    }
}

/// The lines a peer printed, appended by the thread reading its output.
private final class Lines: Sendable {
    private let storage = Mutex<[String]>([])

    var all: [String] { storage.withLock { $0 } }

    func append(_ line: String) {
        storage.withLock { $0.append(line) }
    }
}
