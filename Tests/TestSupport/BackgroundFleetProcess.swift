import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The built `ocpp-fleet` running beside a test, as a server another process talks to: started, watched
/// until its stderr shows a line, then interrupted as Ctrl-C does, or killed (``stop()``). Its
/// stdin is a pipe the test holds open: with `csms --exit-with-stdin`, a test binary that crashes leaves no
/// server behind.
// @unchecked Sendable: `process` is set up in init and then only asked from any thread what Process
// allows (its id, whether it runs, waiting for its end); the buffers are behind their mutexes.
public final class BackgroundFleetProcess: @unchecked Sendable {
    private let process: Process
    private let standardInput = Pipe()
    private let standardError = Mutex(Data())
    private let standardOutput = Mutex(Data())
    private let readers = DispatchGroup()

    /// Starts `ocpp-fleet arguments` in the package root, through `launcher` when given (a command that
    /// runs the one after it, such as `ip netns exec NAME`).
    public init(_ arguments: [String], launcher: [String] = []) throws {
        process = Process()
        if let program = launcher.first {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = Array(launcher.dropFirst()) + [FleetProcess.executable.path] + arguments
        } else {
            process.executableURL = FleetProcess.executable
            process.arguments = arguments
        }
        process.currentDirectoryURL = packageRoot
        let out = Pipe()
        let err = Pipe()
        process.standardInput = standardInput
        process.standardOutput = out
        process.standardError = err
        try process.run()
        read(out, isStandardError: false)
        read(err, isStandardError: true)
    }

    /// Collects what `pipe` brings until it closes, on a Dispatch thread.
    private func read(_ pipe: Pipe, isStandardError: Bool) {
        readers.enter()
        DispatchQueue.global().async { [self] in
            while true {
                let chunk = pipe.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                if isStandardError {
                    standardError.withLock { $0.append(chunk) }
                } else {
                    standardOutput.withLock { $0.append(chunk) }
                }
            }
            readers.leave()
        }
    }

    deinit {
        stop()
    }

    /// Kills it (SIGKILL) if it still runs and waits for its end: for a test's every path
    /// (`defer { csms.stop() }`), since a deinit may run late or, at the end of the test binary, never.
    public func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// What it printed on stderr so far.
    public var standardErrorText: String { standardError.withLock { String(decoding: $0, as: UTF8.self) } }

    /// Waits, at most `timeout` seconds, until its stderr contains `marker`.
    /// - Returns: its stderr so far.
    /// - Throws: when the marker did not come in time or the process ended first.
    public func waitForStandardError(containing marker: String, timeout: TimeInterval = 60) async throws -> String {
        for _ in 0..<Int(timeout * 20) {
            let text = standardErrorText
            if text.contains(marker) { return text }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw POSIXError(.ETIMEDOUT)
    }

    /// Closes its stdin, as the end of the test's process would.
    public func closeStandardInput() throws {
        try standardInput.fileHandleForWriting.close()
    }

    /// Waits, at most `timeout` seconds, until it ends by itself.
    /// - Returns: its exit status (or signal), or nil when it still runs.
    public func waitForExit(timeout: TimeInterval = 60) async throws -> Int32? {
        for _ in 0..<Int(timeout * 20) {
            if !process.isRunning { return process.terminationStatus }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    /// Sends SIGINT, waits (at most `timeout` seconds, then SIGKILL) until it exits, and returns what it printed.
    public func interrupt(timeout: TimeInterval = 60) async throws -> FleetProcess.Outcome {
        try await offThePool { [self] in
            kill(process.processIdentifier, SIGINT)
            let killer = DispatchWorkItem { [process] in
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)
            process.waitUntilExit()
            killer.cancel()
            readers.wait()
            return FleetProcess.Outcome(
                status: process.terminationStatus,
                stdout: standardOutput.withLock { String(decoding: $0, as: UTF8.self) },
                stderr: standardErrorText)
        }
    }
}
