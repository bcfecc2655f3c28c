import Fleet
import Metrics
import Testing

/// Faults the fleet puts on its own links (`--fault`, or a profile's events), against the embedded CSMS.
@Suite("Fleet runner under link faults", .serialized)
struct LinkFaultRunTests {
    @Test("a partition is found by the pings of every station it reaches, and each reconnects once it heals")
    func aPartitionIsFoundByPingsAndHealed() async throws {
        var configuration = try RunFixtures.configuration(url: nil, stations: 6, seconds: 20)
        configuration.pingInterval = .milliseconds(500)
        // Late enough for every station to be connected on a loaded machine; it heals with 8 s to spare.
        configuration.addFaults([try FaultSpec.parse("partition@6s:6s")])
        let report = try await FleetRunner(configuration: configuration).run()

        let connections = report.connections
        #expect(connections.closed.counts["ping_timeout"] == 6, "\(connections.closed.counts)")
        #expect(connections.reconnects >= 6)
        #expect(connections.connectedBeforeStop == 6)
    }

    @Test("a drop cuts links by a FIN, a TCP reset or a clean close, each counted under its own reason")
    func dropsAreCountedByHowTheyCut() async throws {
        var configuration = try RunFixtures.configuration(url: nil, stations: 6, seconds: 10)
        configuration.addFaults([
            try FaultSpec.parse("drop@4s:stations=1-2"),
            try FaultSpec.parse("drop@4s:stations=3-4,how=reset"),
            try FaultSpec.parse("drop@4s:stations=5-6,how=close"),
        ])
        let report = try await FleetRunner(configuration: configuration).run()

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
