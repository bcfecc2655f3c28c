import Fleet
import Metrics
import TestSupport
import Testing

/// The faults that make sense in virtual time (a partition, dropped links, a CSMS restart) reach the
/// simulated stations through the station host, which records each as a storm as `run` does.
@Suite("storms in virtual time")
struct SimulationStormTests {
    static let minute: Int64 = 60_000

    /// RunFixtures' six stations (each reconnecting a second after a loss, both EVs plugged 20 s in) for
    /// 20 simulated minutes with `fault` (a `--fault` text, timed on the profile's calendar).
    private func simulate(_ fault: String, pingInterval: Duration?) throws -> RunReport {
        var profile = try RunFixtures.profile()
        profile.events.append(try FaultSpec.parse(fault))
        let plan = FleetPlan(profile: profile, fleetSize: 6, seed: 3, duration: 20 * Self.minute)
        let simulation = try Simulation(plan: plan, threads: 2, pingInterval: pingInterval)
        try simulation.run()
        return simulation.report(profileName: "run-test.json")
    }

    @Test("a partition is measured as a storm: every station's ping went unanswered, and each came back once it healed")
    func aPartitionIsMeasuredAsAStorm() throws {
        let report = try simulate("partition@8m:3m", pingInterval: .seconds(30))

        let storm = try #require(report.storms.first { $0.fault == "partition" }, "\(report.storms.map(\.fault))")
        #expect(storm.injected)
        #expect(storm.stations == 6)
        #expect(storm.recovered == 6)
        #expect(storm.stayedUp == 0)
        #expect(report.connections.closed.counts["ping_timeout"] == 6, "\(report.connections.closed.counts)")
        // Not at once, as a dropped link: when the first ping sent in the partition went unanswered.
        #expect(storm.linkLost.totalCount == 6)
        #expect(try #require(storm.linkLost(percent: 0)) >= 30_000)
        #expect(try #require(storm.linkLost(percent: 100)) <= 61_000)
        // Back no sooner than the partition healed.
        #expect(try #require(storm.recovery(percent: 0)) >= 3 * UInt64(Self.minute))
    }

    @Test("without pings, as a Green'Up sends none, a partition leaves the links up: its stations stayed up")
    func aPartitionWithoutPingsLeavesTheLinksUp() throws {
        let report = try simulate("partition@8m:3m", pingInterval: nil)

        let storm = try #require(report.storms.first { $0.fault == "partition" }, "\(report.storms.map(\.fault))")
        #expect(storm.stations == 6)
        #expect(storm.stayedUp == 6)
        #expect(report.connections.closed.counts["ping_timeout"] == nil)
        // What the stations sent meanwhile waited for the partition to heal: heartbeats timed out.
        #expect(report.figures(for: "Heartbeat")?.timeouts ?? 0 > 0)
    }

    @Test("dropped links are measured as a storm: every station lost its link and came back")
    func droppedLinksAreMeasuredAsAStorm() throws {
        let report = try simulate("drop@8m", pingInterval: nil)

        let storm = try #require(report.storms.first { $0.fault == "dropLinks" }, "\(report.storms.map(\.fault))")
        #expect(storm.injected)
        #expect(storm.stations == 6)
        #expect(storm.recovered == 6)
        #expect(storm.stayedUp == 0)
    }

    @Test("a restart of the CSMS is measured as a storm of the whole fleet")
    func aCSMSRestartIsMeasuredAsAStorm() throws {
        var profile = try RunFixtures.commandedProfile()
        profile.events = profile.events.map { event in
            var event = event
            event.at = 8 * Self.minute
            return event
        }
        let plan = FleetPlan(profile: profile, fleetSize: 6, seed: 3, duration: 20 * Self.minute)
        let simulation = try Simulation(plan: plan, threads: 2)
        try simulation.run()
        let report = simulation.report(profileName: "run-test-commanded.json")

        let storm = try #require(report.storms.first { $0.fault == "restartCSMS" }, "\(report.storms.map(\.fault))")
        #expect(storm.injected)
        #expect(storm.stations == 6)
        #expect(storm.recovered == 6)
        #expect(storm.stayedUp == 0)
        #expect(storm.linkLost.totalCount == 6)
    }
}
