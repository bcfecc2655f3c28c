import Foundation
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `ocpp-fleet` binary, as a user would, and collects what it printed.
enum FleetProcess {
    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The folder the binary runs in, so that `Profiles/` is found.
    static var packageRoot: URL { TestSupport.packageRoot }

    /// The binary SwiftPM built beside this test bundle.
    static var executable: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("ocpp-fleet")
    }

    /// Runs `ocpp-fleet arguments` in the package root; kills it after `timeout` seconds.
    static func run(_ arguments: [String], timeout: TimeInterval = 120) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let killer = DispatchWorkItem { if process.isRunning { process.terminate() } }
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
}
