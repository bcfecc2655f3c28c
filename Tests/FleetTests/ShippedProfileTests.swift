import Foundation
import Testing
import TestSupport

@testable import Fleet

@Suite struct ShippedProfileTests {
    static let names = ["default", "commute-peak", "reconnection-storm", "firmware-rollout", "smoke", "idle"]

    private static func path(_ name: String) -> String {
        packageRoot.appendingPathComponent("Profiles/\(name).json").path
    }

    @Test(arguments: names)
    func passesTheChecker(name: String) {
        #expect(Profile.check(file: Self.path(name)).map(\.description) == [])
    }

    @Test(arguments: names)
    func isNamedAfterItsFileAndDescribedOnOneLine(name: String) throws {
        let profile = try Profile.load(file: Self.path(name))
        #expect(profile.name == name)
        #expect(profile.summary.hasPrefix("\(name): "))
        #expect(profile.description.count < 140)
    }

    @Test func everyShippedProfileFollowsTheJSONSchema() async throws {
        let files = Self.names.map { "Profiles/\($0).json" }
        let result = try await PythonPeer.run(script: "Tests/FleetTests/Peers/validate_profiles.py", arguments: files)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == files.count)
    }

    @Test func theSchemaAdmitsARetryBackOffReconnectionWithItsThreeSettingsOnly() async throws {
        let smoke = try Data(contentsOf: URL(fileURLWithPath: Self.path("smoke")))
        var profile = try #require(try JSONSerialization.jsonObject(with: smoke) as? [String: Any])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("retry-backoff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let variants: [(String, [String: Any])] = [
            ("good", ["policy": "retryBackOff", "waitMinimum": "10s", "randomRange": "10s", "repeatTimes": 3]),
            ("incomplete", ["policy": "retryBackOff", "waitMinimum": "10s", "repeatTimes": 3]),
            ("negative", ["policy": "retryBackOff", "waitMinimum": "10s", "randomRange": "10s", "repeatTimes": -1]),
        ]
        var files: [String] = []
        for (name, reconnection) in variants {
            profile["reconnection"] = reconnection
            let file = folder.appendingPathComponent("\(name).json").path
            try JSONSerialization.data(withJSONObject: profile).write(to: URL(fileURLWithPath: file))
            files.append(file)
        }
        let result = try await PythonPeer.run(script: "Tests/FleetTests/Peers/validate_profiles.py", arguments: files)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(lines.count == 3)
        #expect(lines.first == "\(files[0]) ok")
        #expect(lines.dropFirst().allSatisfy { $0.contains(" errors: ") })
    }

    @Test func idleLetsNoEVArriveOnItsOwn() throws {
        let profile = try Profile.load(file: Self.path("idle"))
        #expect(profile.sites.allSatisfy { $0.arrivals == .explicit([]) })
    }
}
