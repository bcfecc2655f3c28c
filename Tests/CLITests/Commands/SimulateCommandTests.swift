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

/// A day's report stays small: its timeline is bounded (2,880 points of 30 s for 24 h) and its histograms
/// cover the spread of the latencies, not the run's length, so two stations show it as well as thousands
/// and cost a debug build less (a timeline of every second wrote 3.7 MB for a day of 1,000 stations; this
/// one writes 154 KB for 2 and 171 KB for 200).
@Test func aDayLongSimulationWritesAReportOfLessThanAMegabyte() async throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try await FleetProcess.run(
        ["simulate", "--stations", "2", "--duration", "24h", "--report", folder.path, "--quiet"], timeout: 600)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let report = folder.appendingPathComponent("report.json")
    let bytes = try #require(try FileManager.default.attributesOfItem(atPath: report.path)[.size] as? Int)
    #expect(bytes < 1_000_000)
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any]
    let timeline = try #require(json?["timeline"] as? [String: Any])
    #expect(timeline["grain_s"] as? Int == 30)
    #expect((timeline["rows"] as? [Any])?.count == 2_880)
}
