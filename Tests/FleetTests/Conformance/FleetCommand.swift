import Foundation
import TestSupport

/// Runs the built `ocpp-fleet` binary, as a CI job would, and reads the report it wrote.
enum FleetCommand {
    struct Outcome: Sendable {
        let status: Int32
        let output: String
        /// `report.json`, when the run wrote one.
        let report: FleetReport?
    }

    /// Runs `ocpp-fleet run --csms url --profile Profiles/smoke.json` for `seconds` at speed 60 and
    /// reads its report; kills the process after `timeout` seconds, so that a hung run fails the test.
    static func runSmoke(csms url: String, seconds: Int, timeout: TimeInterval = 120) async throws -> Outcome {
        let reportDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ocpp-fleet-conformance-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: reportDirectory) }
        let run = try await FleetProcess.run(
            [
                "run", "--csms", url, "--profile", "Profiles/smoke.json", "--duration", "\(seconds)s",
                "--speed", "60", "--report", reportDirectory.path, "--quiet",
            ], timeout: timeout)
        let reportData = try? Data(contentsOf: reportDirectory.appendingPathComponent("report.json"))
        return Outcome(
            status: run.status, output: run.stdout + run.stderr,
            report: try reportData.map { try FleetReport(json: $0) })
    }
}
