import Foundation
import TestSupport
import Testing

@Test func everyShippedProfilePassesTheCheck() async throws {
    let profiles = try FileManager.default.contentsOfDirectory(atPath: "Profiles")
        .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".schema.json") }
    #expect(profiles.count >= 6)
    for profile in profiles {
        let outcome = try await FleetProcess.run(["profile", "check", "Profiles/\(profile)"])
        #expect(outcome.status == 0, "\(profile): \(outcome.stderr)")
    }
}

@Test func aBadProfileListsEveryErrorWithItsPathAndExitsTwo() async throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID()).json")
    defer { try? FileManager.default.removeItem(at: file) }
    let smoke = try String(contentsOfFile: "Profiles/smoke.json", encoding: .utf8)
    var json = try #require(try JSONSerialization.jsonObject(with: Data(smoke.utf8)) as? [String: Any])
    json["reconnection"] = "sometimes"
    json["name"] = 42
    try JSONSerialization.data(withJSONObject: json).write(to: file)

    let outcome = try await FleetProcess.run(["profile", "check", file.path])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("\(file.path):"))
    #expect(outcome.stderr.contains("$.reconnection"))
    #expect(outcome.stderr.contains("$.name"))
    #expect(outcome.stderr.contains("2 errors"))
}

@Test func anArrivalAtAChargingPointNoStationHasExitsTwoWithItsPath() async throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("points-\(UUID()).json")
    defer { try? FileManager.default.removeItem(at: file) }
    let json = """
        {"name": "x", "description": "y", "stations": {"models": [{"model": "1VE", "share": 1}]},
         "sites": [{"name": "s", "arrivals": {"list": [{"at": "10m", "chargingPoint": 2}]},
                    "dwellMinutes": {"fixed": 1}, "energyKWh": {"fixed": 1}}]}
        """
    try Data(json.utf8).write(to: file)

    for command in [["profile", "check", file.path], ["simulate", "--profile", file.path, "--duration", "1m"]] {
        let outcome = try await FleetProcess.run(command)
        #expect(outcome.status == 2, "\(command): \(outcome.stderr)")
        #expect(outcome.stderr.contains("\(file.path):2:"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("$.sites[0].arrivals.list[0].chargingPoint: expected at most 1"))
    }
}

@Test func aMissingProfileFileExitsTwo() async throws {
    let outcome = try await FleetProcess.run(["profile", "check", "/nonexistent/profile.json"])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("no such file"))
}

@Test func aBadSLOExitsTwoAndPointsAtTheColumn() async throws {
    let outcome = try await FleetProcess.run(["run", "--slo", "p99(StartTransaction) << 800ms"])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("column"))
    #expect(outcome.stderr.contains("^"))
}

@Test func aBuiltInProfileIsCheckedByItsName() async throws {
    let outcome = try await FleetProcess.run(["profile", "check", "smoke"], in: FileManager.default.temporaryDirectory)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.hasPrefix("smoke: ok"))
}
