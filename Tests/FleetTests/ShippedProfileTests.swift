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

    @Test func idleLetsNoEVArriveOnItsOwn() throws {
        let profile = try Profile.load(file: Self.path("idle"))
        #expect(profile.sites.allSatisfy { $0.arrivals == .explicit([]) })
    }
}
