import Foundation
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program other than ocpp-fleet (bash, docker) found on PATH, and collects what it printed.
enum ExternalCommand {
    struct Outcome: Sendable {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `program arguments` in the package root, with `environment` added to the test's own; kills it
    /// after `timeout` seconds.
    static func run(
        _ program: String, _ arguments: [String], environment: [String: String?] = [:], timeout: TimeInterval
    ) async throws -> Outcome {
        try await offThePool { try runBlocking(program, arguments, environment: environment, timeout: timeout) }
    }

    /// ``run(_:_:environment:timeout:)`` waiting in place: for the conditions of traits, which run before
    /// any test and hold no cooperative thread another test needs.
    static func runBlocking(
        _ program: String, _ arguments: [String], environment: [String: String?] = [:], timeout: TimeInterval
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        process.currentDirectoryURL = packageRoot
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value }
        process.environment = variables
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
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
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
