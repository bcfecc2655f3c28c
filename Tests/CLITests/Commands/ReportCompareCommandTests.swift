import Foundation
import TestSupport
import Testing

private func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("ocpp-fleet-compare-\(UUID())")
}

/// A simulated run's report.json in `folder`.
private func baseline(in folder: URL) async throws -> URL {
    let outcome = try await FleetProcess.run([
        "simulate", "--profile", "Profiles/smoke.json", "--duration", "20m", "--quiet", "--report", folder.path,
    ])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    return folder.appendingPathComponent("report.json")
}

@Test func aRunComparedWithItselfExitsZeroWithTheTable() async throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = try await baseline(in: folder)
    let outcome = try await FleetProcess.run(["report", "compare", report.path, report.path])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    for figure in ["Heartbeat p99 ms", "msgs/s", "errors %", "timeouts %", "connected", "transactions started"] {
        #expect(outcome.stdout.contains(figure), "\(figure)")
    }
    #expect(outcome.stdout.contains("no regression beyond 10%"))
}

@Test func aSlowerRunExitsOneAndNamesWhatRegressed() async throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = try await baseline(in: folder)
    let text = try String(contentsOf: report, encoding: .utf8)
    // The simulation answers every call in 4 ms; the new run's Heartbeat p99 takes 6 ms.
    let heartbeat = try #require(text.range(of: "\"Heartbeat\": {"))
    let p99 = try #require(text.range(of: "\"p99\": 4,", range: heartbeat.upperBound..<text.endIndex))
    let slower = folder.appendingPathComponent("slower.json")
    try Data(text.replacingCharacters(in: p99, with: "\"p99\": 6,").utf8).write(to: slower)
    let outcome = try await FleetProcess.run(["report", "compare", report.path, slower.path, "--max-regression", "20%"])
    #expect(outcome.status == 1, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("1 regression beyond 20%: Heartbeat p99 ms"))
    let generous = try await FleetProcess.run(["report", "compare", report.path, slower.path, "--max-regression", "60%"])
    #expect(generous.status == 0)
}

@Test func aFileThatIsNotAReportIsExitTwoWithItsPath() async throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = try await baseline(in: folder)
    let other = folder.appendingPathComponent("other.json")
    try Data(#"{"run": {"seed": 1}}"#.utf8).write(to: other)
    let outcome = try await FleetProcess.run(["report", "compare", report.path, other.path])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("\(other.path): at $.run.stations: expected a value (missing)"))
}
