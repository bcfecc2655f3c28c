import Foundation
import Glibc
import TestSupport

/// A running Python peer whose output is read line by line. A test stops it on every path
/// (`defer { peer.stop() }`): `swift test` blocks SIGTERM on its threads and a child inherits that mask, so
/// a peer ignores `terminate()` and, left running, outlives the suite.
final class PythonProcess: @unchecked Sendable {
    // @unchecked Sendable: `lines` is behind a lock; `process` is thread-safe for what we call.
    private let process: Process
    private let lock = NSLock()
    private var lines: [String] = []
    private var partial = ""

    init(script: String, arguments: [String] = []) throws {
        let (process, stdout, _) = try PythonPeer.start(script: "Tests/NetTests/Peers/\(script)", arguments: arguments)
        self.process = process
        stdout.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            if data.isEmpty {
                handle.readabilityHandler = nil
                return
            }
            self.lock.lock()
            self.partial += String(decoding: data, as: UTF8.self)
            while let newline = self.partial.firstIndex(of: "\n") {
                self.lines.append(String(self.partial[..<newline]))
                self.partial = String(self.partial[self.partial.index(after: newline)...])
            }
            self.lock.unlock()
        }
    }

    deinit {
        stop()
    }

    /// Kills the peer (SIGKILL, which no mask blocks) and waits for its end.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    var output: [String] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }

    /// Waits (polling, at most `seconds`) for a line starting with `prefix`; returns the rest of it.
    func line(startingWith prefix: String, seconds: Double = 20) async -> String? {
        for _ in 0..<Int(seconds * 100) {
            if let line = output.first(where: { $0.hasPrefix(prefix) }) { return String(line.dropFirst(prefix.count)) }
            if !process.isRunning, let line = output.first(where: { $0.hasPrefix(prefix) }) {
                return String(line.dropFirst(prefix.count))
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    /// Waits for the port the peer printed as "PORT <n>".
    func port() async throws -> UInt16 {
        guard let text = await line(startingWith: "PORT "), let port = UInt16(text) else {
            throw PeerFailure(description: "the Python peer printed no port: \(output)")
        }
        return port
    }

    /// Waits for the port the peer printed, as the `ws://` URL our clients connect to.
    func url() async throws -> String {
        "ws://127.0.0.1:\(try await port())/ocpp"
    }

    /// Waits (polling, at most `seconds`) until the peer has printed `count` lines equal to `line`.
    func wait(forLines line: String, count: Int, seconds: Double = 60) async -> Bool {
        for _ in 0..<Int(seconds * 100) {
            if output.count(where: { $0 == line }) >= count { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return output.count(where: { $0 == line }) >= count
    }

    /// Waits (at most `seconds`) for the process to end.
    func waitForExit(seconds: Double = 20) async -> Bool {
        for _ in 0..<Int(seconds * 100) where process.isRunning {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return !process.isRunning
    }
}

struct PeerFailure: Error, CustomStringConvertible {
    let description: String
}
