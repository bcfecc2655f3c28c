import Foundation
import Metrics
import Testing

@testable import Fleet

/// `run --trace` and `simulate --trace` of one small plan, read by the one reader, ``TraceLine``.
@Suite struct TraceLineEnginesTests {
    static let seed: UInt64 = 3
    static let stations = 2

    /// What a trace says, per station: the actions of the CALLs it sent, in order.
    static func callsSent(_ lines: [TraceLine]) throws -> [String: [String]] {
        var calls: [String: [String]] = [:]
        for line in lines where line.direction == .out {
            let frame = try #require(try JSONSerialization.jsonObject(with: Data(line.frame)) as? [Any])
            if frame.first as? Int == 2, let action = frame[2] as? String {
                calls[line.station, default: []].append(action)
            }
        }
        return calls
    }

    @Test("a trace over sockets and one in virtual time of the same plan read alike, on the plan's calendar")
    func bothEnginesReadAlike() async throws {
        let profile = try RunFixtures.profile()
        let simulatedPath = RunFixtures.temporaryPath("simulated.jsonl")
        let runPath = RunFixtures.temporaryPath("run.jsonl")
        defer {
            try? FileManager.default.removeItem(atPath: simulatedPath)
            try? FileManager.default.removeItem(atPath: runPath)
        }
        let plan = FleetPlan(profile: profile, fleetSize: Self.stations, seed: Self.seed, duration: 60_000)
        let simulation = try Simulation(plan: plan, tracePath: simulatedPath, threads: 1)
        try simulation.run()

        var configuration = try RunFixtures.configuration(url: nil, stations: Self.stations, seconds: 120)
        configuration.seed = Self.seed
        configuration.traceFile = runPath
        let runner = FleetRunner(configuration: configuration)
        // Stopped as soon as every station is booted: a busy machine makes the run longer, not different.
        _ = try await runner.run { progress in
            if progress.snapshot.actions["BootNotification"]?.answered ?? 0 >= Self.stations { runner.stop() }
        }

        let simulated = try TraceLine.parseAll(Array(try Data(contentsOf: URL(fileURLWithPath: simulatedPath))))
        let run = try TraceLine.parseAll(Array(try Data(contentsOf: URL(fileURLWithPath: runPath))))
        for lines in [simulated, run] {
            #expect(try Self.callsSent(lines).mapValues { $0.first } == ["GU000001": "BootNotification", "GU000002": "BootNotification"])
            #expect(lines.allSatisfy { plan.start <= $0.time && $0.time < plan.start + 4 * 3_600_000 })
            #expect(lines.contains { $0.direction == .in })
        }
        #expect(simulated.allSatisfy { $0.wallMillis == nil })
        #expect(run.allSatisfy { $0.wallMillis != nil })
    }
}
