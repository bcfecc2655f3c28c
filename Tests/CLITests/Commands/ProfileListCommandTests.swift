import Foundation
import TestSupport
import Testing

@Test func profileListNamesEveryBuiltInProfileWithItsDescription() async throws {
    let outcome = try await FleetProcess.run(["profile", "list"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let lines = outcome.stdout.split(separator: "\n")
    #expect(lines.count == 6)
    #expect(lines.contains { $0.hasPrefix("smoke ") && $0.contains("quick CI coverage") })
    #expect(lines.contains { $0.hasPrefix("default ") && $0.contains("evening rush") })
}

@Test func aBuiltInProfileRunsFromAFolderOutsideTheRepository() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ocpp-fleet-elsewhere-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try await FleetProcess.run(
        ["run", "--profile", "smoke", "--duration", "5s", "--quiet", "--json"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    let run = try #require(report["run"] as? [String: Any])
    #expect(run["profile"] as? String == "smoke")
    #expect(((report["connections"] as? [String: Any])?["established"] as? Int ?? 0) > 0)
}

@Test func aProfileThatIsNeitherAFileNorBuiltInIsRefusedWithTheBuiltInNames() async throws {
    let outcome = try await FleetProcess.run(["run", "--profile", "smokey"])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("reconnection-storm, smoke"))
}
