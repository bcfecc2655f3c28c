import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `ocpp-fleet` binary, as a user would, and collects what it printed.
public enum FleetProcess {
    public struct Outcome: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// The binary SwiftPM built beside this test bundle.
    public static var executable: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("ocpp-fleet")
    }

    /// Runs `ocpp-fleet arguments` in `directory` (the package root by default); kills it after `timeout`
    /// seconds. The wait happens on a Dispatch thread, so that in-process runs of other tests keep their
    /// share of the cooperative pool.
    public static func run(
        _ arguments: [String], in directory: URL = packageRoot, timeout: TimeInterval = 120
    ) async throws -> Outcome {
        try await offThePool { try runBlocking(arguments, in: directory, timeout: timeout) }
    }

    private static func runBlocking(_ arguments: [String], in directory: URL, timeout: TimeInterval) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // SIGTERM would ask for a graceful stop, which a hung run may never finish.
        let killer = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        killer.cancel()
        return Outcome(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Starts `ocpp-fleet arguments`, waits (bounded) until its stderr shows `marker`, waits `delay` more
    /// seconds, sends `signal` (SIGINT, as Ctrl-C does, by default), and collects what it printed until it exits.
    public static func interrupt(
        _ arguments: [String], after marker: String, delay: TimeInterval = 0, signal: Int32 = SIGINT,
        timeout: TimeInterval = 120
    ) async throws -> Outcome {
        try await offThePool {
            try interruptBlocking(arguments, after: marker, delay: delay, signal: signal, timeout: timeout)
        }
    }

    private static func interruptBlocking(
        _ arguments: [String], after marker: String, delay: TimeInterval, signal: Int32, timeout: TimeInterval
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // SIGTERM would ask for a graceful stop, which a hung run may never finish.
        let killer = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)
        defer { killer.cancel() }
        nonisolated(unsafe) var outData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        var errData = Data()
        for _ in 0..<1_000 where !String(decoding: errData, as: UTF8.self).contains(marker) {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            errData.append(chunk)
        }
        Thread.sleep(forTimeInterval: delay)
        kill(process.processIdentifier, signal)
        errData.append(err.fileHandleForReading.readDataToEndOfFile())
        group.wait()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
