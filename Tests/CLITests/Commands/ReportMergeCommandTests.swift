import Foundation
import TestSupport
import Testing

private func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("ocpp-fleet-merge-\(UUID())")
}

/// Simulates `smoke.json` for 20 minutes (the whole fleet, or one shard) and writes its report there.
private func simulate(into folder: URL, shard: String? = nil, seed: String = "1") async throws {
    let outcome = try await FleetProcess.run(
        ["simulate", "--profile", "Profiles/smoke.json", "--duration", "20m", "--seed", seed, "--quiet",
         "--report", folder.path] + (shard.map { ["--shard", $0] } ?? []))
    #expect(outcome.status == 0, "\(outcome.stderr)")
}

/// report.json as an object, without what depends on the machine (the speed run at, the process's cost).
private func figures(_ folder: URL) throws -> NSDictionary {
    let data = try Data(contentsOf: folder.appendingPathComponent("report.json"))
    var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    var run = try #require(json["run"] as? [String: Any])
    run["speed"] = nil
    json["run"] = run
    json["process"] = nil
    return json as NSDictionary
}

@Test func mergingTheShardsOfASimulationGivesTheReportOfTheWholeFleet() async throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let whole = folder.appendingPathComponent("whole")
    let merged = folder.appendingPathComponent("merged")
    try await simulate(into: whole)
    try await simulate(into: folder.appendingPathComponent("s2"), shard: "2/2")
    try await simulate(into: folder.appendingPathComponent("s1"), shard: "1/2")
    let outcome = try await FleetProcess.run([
        "report", "merge", folder.appendingPathComponent("s2").path, folder.appendingPathComponent("s1").path,
        "--out", merged.path,
    ])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("Heartbeat"))
    for name in ["report.json", "report.html", "timeline.csv", "junit.xml"] {
        #expect(FileManager.default.fileExists(atPath: merged.appendingPathComponent(name).path), "\(name)")
    }
    let mergedFigures = try figures(merged)
    #expect((mergedFigures["messages"] as? NSDictionary)?.count == 2)
    #expect(mergedFigures == (try figures(whole)))
    let csv = { (folder: URL) in try String(contentsOf: folder.appendingPathComponent("timeline.csv"), encoding: .utf8) }
    #expect(try csv(merged) == (try csv(whole)))
}

@Test func shardsOfDifferentSeedsAreRefusedWithExitTwo() async throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try await simulate(into: folder.appendingPathComponent("s1"), shard: "1/2", seed: "1")
    try await simulate(into: folder.appendingPathComponent("s2"), shard: "2/2", seed: "2")
    let outcome = try await FleetProcess.run([
        "report", "merge", folder.appendingPathComponent("s1").path, folder.appendingPathComponent("s2").path,
        "--out", folder.appendingPathComponent("merged").path,
    ])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("not a shard of the same fleet: run.seed is 2, expected 1"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("merged").path))
}

@Test func aReportThatIsNotJSONIsExitTwoNamingTheFile() async throws {
    let folder = temporaryFolder()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("report.json")
    try Data("{\"run\": ".utf8).write(to: file)
    let outcome = try await FleetProcess.run([
        "report", "merge", folder.path, "--out", folder.appendingPathComponent("merged").path,
    ])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("\(file.path): at $: expected a JSON document"))
}
