import Foundation
import Glibc
import TestSupport

/// Runs the built `ocpp-fleet` binary, as a CI job would, and reads the report it wrote.
enum FleetCommand {
    struct Outcome: Sendable {
        let status: Int32
        let output: String
        /// `report.json`, when the run wrote one.
        let report: FleetReport?
    }

    /// The binary SwiftPM builds beside this test bundle.
    static var executable: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("ocpp-fleet")
    }

    /// Runs `ocpp-fleet run --csms url --profile Profiles/smoke.json` for `seconds` at speed 60 and
    /// reads its report; kills the process after `timeout` seconds, so that a hung run fails the test.
    static func runSmoke(csms url: String, seconds: Int, timeout: TimeInterval = 120) async throws -> Outcome {
        try await offThePool { try runSmokeBlocking(csms: url, seconds: seconds, timeout: timeout) }
    }

    private static func runSmokeBlocking(csms url: String, seconds: Int, timeout: TimeInterval) throws -> Outcome {
        let reportDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ocpp-fleet-conformance-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: reportDirectory) }
        let process = Process()
        process.executableURL = executable
        process.arguments = [
            "run", "--csms", url, "--profile", "Profiles/smoke.json", "--duration", "\(seconds)s",
            "--speed", "60", "--report", reportDirectory.path, "--quiet",
        ]
        process.currentDirectoryURL = TestSupport.packageRoot
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let killer = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        killer.cancel()
        let reportData = try? Data(contentsOf: reportDirectory.appendingPathComponent("report.json"))
        return Outcome(
            status: process.terminationStatus, output: String(decoding: printed, as: UTF8.self),
            report: try reportData.map { try FleetReport(json: $0) })
    }
}
