import Basics
import Foundation
import Metrics
import Testing

@testable import Fleet

/// The simulator counts lost and duplicate transaction messages by the same rules as the runner: the
/// smoke profile drops half the links at 3 minutes and restarts the CSMS at 6; a CSMS that takes 5 s to
/// answer leaves many CALLs in flight then.
@Suite struct SimulationLosslessTests {
    @Test func theSimulatorCountsEveryResendAndLosesNothing() throws {
        var profile = try Profile.load(file: packageRootPath("Profiles/smoke.json"))
        profile.csms.answerDelayMilliseconds = 5_000
        let plan = FleetPlan(profile: profile, fleetSize: 300, seed: 3, duration: 10 * 60_000, shard: .whole)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lossless-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let simulation = try Simulation(plan: plan, tracePath: path)
        try simulation.run()
        let report = simulation.report(profileName: "smoke")
        var sends: [String: Int] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                object["dir"] as? String == "out", let frame = object["frame"] as? [Any], frame.first as? Int == 2,
                let station = object["station"] as? String, let id = frame[1] as? String
            else { continue }
            sends[station + "/" + id, default: 0] += 1
        }
        let resent = sends.values.reduce(0) { $0 + $1 - 1 }
        #expect(resent > 0)
        #expect(UInt64(resent) == report.transactions.duplicatesSent)
        #expect(report.transactions.lostMessages.total == 0)
    }
}
