import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `ocpp-fleet` binary, as a user would, or another program a test drives (bash, docker),
/// and collects what it printed.
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
        try await offThePool {
            try collect(launch(executable, arguments, in: directory), timeout: timeout)
        }
    }

    /// Runs `program arguments`, a program found on PATH, in the package root with `environment` added to
    /// the test's own (a nil value removes a variable); kills it after `timeout` seconds.
    public static func run(
        program: String, _ arguments: [String], environment: [String: String?] = [:], timeout: TimeInterval
    ) async throws -> Outcome {
        try await offThePool { try runBlocking(program: program, arguments, environment: environment, timeout: timeout) }
    }

    /// ``run(program:_:environment:timeout:)`` waiting in place: for the conditions of traits, which run
    /// before any test and hold no cooperative thread another test needs.
    public static func runBlocking(
        program: String, _ arguments: [String], environment: [String: String?] = [:], timeout: TimeInterval
    ) throws -> Outcome {
        let env = URL(fileURLWithPath: "/usr/bin/env")
        return try collect(
            launch(env, [program] + arguments, in: packageRoot, environment: environment), timeout: timeout)
    }

    private static func launch(
        _ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String?] = [:]
    ) throws -> (process: Process, stdout: Pipe, stderr: Pipe) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty {
            var variables = ProcessInfo.processInfo.environment
            for (name, value) in environment { variables[name] = value }
            process.environment = variables
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    /// Waits for the program to end, reading both pipes so that a large output cannot block it.
    private static func collect(
        _ launched: (process: Process, stdout: Pipe, stderr: Pipe), timeout: TimeInterval
    ) -> Outcome {
        let process = launched.process
        // SIGTERM would ask for a graceful stop, which a hung run may never finish.
        let killer = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = launched.stderr.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = launched.stdout.fileHandleForReading.readDataToEndOfFile()
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
        let (process, out, err) = try launch(executable, arguments, in: packageRoot)
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
