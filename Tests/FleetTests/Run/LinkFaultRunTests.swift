import Fleet
import Foundation
import Metrics
import TestSupport
import Testing

/// Faults the fleet puts on its own links (`--fault`, or a profile's events), against the embedded CSMS.
/// Runs whose faults must find the stations connected run as a child process, as a user's would: in this
/// process, a loaded machine can keep a loop's stations from starting until a fault's time has passed.
@Suite("Fleet runner under link faults", .serialized)
struct LinkFaultRunTests {
    /// `ocpp-fleet run` of RunFixtures' fleet (reconnecting a second after a loss) with `arguments`: its report.
    private func runChild(_ arguments: [String]) async throws -> RunReport {
        let profile = RunFixtures.temporaryPath("link-faults.json")
        let directory = RunFixtures.temporaryPath("link-faults")
        defer {
            try? FileManager.default.removeItem(atPath: profile)
            try? FileManager.default.removeItem(atPath: directory)
        }
        try RunFixtures.profileJSON.write(toFile: profile, atomically: true, encoding: .utf8)
        let outcome = try await FleetProcess.run(
            ["run", "--profile", profile, "--stations", "6", "--speed", "30", "--report", directory, "--quiet"]
                + arguments, timeout: 120)
        try #require(outcome.status == 0, "\(outcome.stderr)")
        return try ReportJSONReader.read(file: directory + "/report.json")
    }

    /// 10 s for six stations to connect on a loaded machine; pings every 2 s, so that a loop stalled for
    /// a moment (a loaded machine stalls one for half a second and more) does not miss a pong outside the
    /// partition; it heals with 14 s to spare.
    static let partitionArguments = ["--duration", "32s", "--ping-interval", "2s", "--fault", "partition@10s:8s"]

    @Test("a partition is found by the pings of every station it reaches, and each reconnects once it heals")
    func aPartitionIsFoundByPingsAndHealed() async throws {
        let report = try await runChild(Self.partitionArguments)
        let connections = report.connections
        #expect(connections.closed.counts["ping_timeout"] == 6, "\(connections.closed.counts)")
        #expect(connections.reconnects >= 6)
        #expect(connections.connectedBeforeStop == 6)
    }

    @Test("a partition is measured as a storm: every station it reached lost its link and came back")
    func aPartitionIsMeasuredAsAStorm() async throws {
        let report = try await runChild(Self.partitionArguments)
        let storm = try #require(report.storms.first { $0.fault == "partition" }, "\(report.storms.map(\.fault))")
        #expect(storm.injected)
        #expect(storm.stations == 6)
        #expect(storm.recovered == 6)
        #expect(storm.stayedUp == 0)
        // Not at once, as a dropped link: when a ping went unanswered for 2 s, within the partition.
        #expect(storm.linkLost.totalCount == 6)
        #expect(try #require(storm.linkLost(percent: 50)) >= 1_000)
        #expect(try #require(storm.linkLost(percent: 100)) < 8_000)
    }

    @Test("a drop cuts links by a FIN, a TCP reset or a clean close, each counted under its own reason")
    func dropsAreCountedByHowTheyCut() async throws {
        let report = try await runChild([
            "--duration", "16s", "--fault", "drop@8s:stations=1-2", "--fault", "drop@8s:stations=3-4,how=reset",
            "--fault", "drop@8s:stations=5-6,how=close",
        ])
        let closed = report.connections.closed.counts
        #expect(closed["dropped_by_profile"] == 2, "\(closed)")
        #expect(closed["reset_by_profile"] == 2, "\(closed)")
        #expect(closed["closed_by_profile"] == 2, "\(closed)")
        #expect(report.connections.reconnects >= 6)
    }

    @Test("slow links add their latency to each direction: every round trip takes at least twice as long")
    func slowLinksShowInLatencies() async throws {
        var configuration = try RunFixtures.configuration(url: nil, stations: 4, seconds: 6)
        configuration.addFaults([try FaultSpec.parse("slow@0s:1h:latency=200ms")])
        let report = try await FleetRunner(configuration: configuration).run()

        let latency = report.allActions.latency
        #expect(latency.count > 0)
        #expect(latency.p50 >= 400_000, "\(latency)")
    }
}
