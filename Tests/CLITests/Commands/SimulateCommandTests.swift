import Foundation
import TestSupport
import Testing

private func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("ocpp-fleet-cli-\(UUID())")
}

@Test func simulateWritesEveryReportFileAndExitsZero() async throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try await FleetProcess.run([
        "simulate", "--profile", "Profiles/smoke.json", "--duration", "30m", "--report", folder.path, "--quiet",
    ])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    for name in ["report.json", "report.html", "timeline.csv", "junit.xml"] {
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), "\(name)")
    }
    #expect(outcome.stdout.contains("BootNotification"))
}

@Test func simulateTwiceWithTheSameSeedWritesTheSameTrace() async throws {
    let folder = temporaryFolder()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var traces: [Data] = []
    for (run, seed) in [(1, "7"), (2, "7"), (3, "8")] {
        let trace = folder.appendingPathComponent("trace\(run).jsonl")
        let outcome = try await FleetProcess.run([
            "simulate", "--profile", "Profiles/smoke.json", "--duration", "20m", "--seed", seed,
            "--trace", trace.path, "--quiet",
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        traces.append(try Data(contentsOf: trace))
    }
    #expect(!traces[0].isEmpty)
    #expect(traces[0] == traces[1])
    #expect(traces[0] != traces[2])
}

@Test func aFailedSLOExitsOneAndNamesTheMeasuredValue() async throws {
    let outcome = try await FleetProcess.run([
        "simulate", "--profile", "Profiles/smoke.json", "--duration", "20m", "--quiet",
        "--slo", "msgs_per_s >= 1000000",
    ])
    #expect(outcome.status == 1)
    #expect(outcome.stdout.contains("SLO FAIL  msgs_per_s >= 1000000  (msgs_per_s = "))
}

@Test func aPassedSLOExitsZeroAndJSONGoesToStdout() async throws {
    let outcome = try await FleetProcess.run([
        "simulate", "--profile", "Profiles/smoke.json", "--duration", "20m", "--quiet", "--json",
        "--slo", "timeouts == 0",
    ])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
    let slo = try #require(json?["slo"] as? [[String: Any]])
    #expect(slo.first?["ok"] as? Bool == true)
}

@Test func simulateRefusesABadProfileBeforeStarting() async throws {
    let file = temporaryFolder().appendingPathExtension("json")
    defer { try? FileManager.default.removeItem(at: file) }
    try Data(#"{"name": "x", "stations": {"count": -1}}"#.utf8).write(to: file)
    let outcome = try await FleetProcess.run(["simulate", "--profile", file.path, "--quiet"])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("nothing was started"))
    #expect(outcome.stderr.contains("$.stations.count"))
}
