import Foundation
import Metrics
import TestSupport
import Testing

/// Real network faults, made by the kernel in a network namespace of the test's own (its loopback, so
/// every packet stays on 127.0.0.1), against the fleet's own simulation of them (`--fault`): the stations
/// must behave the same under both. Skipped, saying why, where a namespace cannot be made.
@Suite(
    "Fleet under the kernel's network faults", .serialized,
    .enabled(if: NetworkNamespace.unavailableReason == nil, "needs root and iproute2 to make a network namespace (ip netns add)"))
struct KernelNetworkFaultTests {
    /// Idle stations that reconnect a second after losing their link.
    private static let profileJSON = """
        {
          "name": "kernel-faults",
          "description": "Idle stations that reconnect a second after losing their link.",
          "sites": [{ "name": "idle", "arrivals": { "list": [] }, "dwellMinutes": { "fixed": 60 }, "energyKWh": { "fixed": 10 } }],
          "reconnection": { "policy": "fixed", "interval": "1s" },
          "csms": { "heartbeatInterval": "60s" }
        }
        """
    private static let stations = 5
    private static let port: UInt16 = 9000

    private func writeProfile() throws -> String {
        let path = RunFixtures.temporaryPath("kernel-faults.json")
        try Self.profileJSON.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A run in `namespace` against `ocpp-fleet csms` there (port 9000 is free in a namespace of one's own);
    /// `partition` runs once every station is connected, then the run is stopped once every station is
    /// back: its report.
    private func runInNamespace(
        _ namespace: NetworkNamespace, arguments: [String], partition: () async throws -> Void
    ) async throws -> RunReport {
        let profile = try writeProfile()
        let directory = RunFixtures.temporaryPath("kernel-faults")
        defer {
            try? FileManager.default.removeItem(atPath: profile)
            try? FileManager.default.removeItem(atPath: directory)
        }
        let csms = try BackgroundFleetProcess(["csms", "--listen", "127.0.0.1:\(Self.port)", "--exit-with-stdin"], launcher: namespace.exec)
        // Deleting the namespace ends no process in it: whatever fails below, neither outlives the test.
        defer { csms.stop() }
        _ = try await csms.waitForStandardError(containing: "listening on")
        let fleet = try BackgroundFleetProcess(
            [
                "run", "--csms", "ws://127.0.0.1:\(Self.port)/ocpp", "--profile", profile, "--stations", "\(Self.stations)",
                "--duration", "3m", "--ping-interval", "1s", "--report", directory, "--quiet",
            ] + arguments, launcher: namespace.exec)
        defer { fleet.stop() }
        let connected = try await namespace.waitForConnections(toPort: Self.port, count: Self.stations)
        try #require(connected, "the stations did not all connect")
        try await partition()
        let back = try await namespace.waitForConnections(toPort: Self.port, count: Self.stations)
        // A moment for the last BootNotifications to be answered before the run stops.
        try await Task.sleep(for: .seconds(2))
        let outcome = try await fleet.interrupt()
        _ = try await csms.interrupt()
        try #require(back, "the stations did not all reconnect: \(outcome.stderr)")
        return try ReportJSONReader.read(file: directory + "/report.json")
    }

    @Test("a partition made by the kernel and one made by --fault are both found by pings, and healed alike")
    func kernelAndSimulatedPartitionsAreFoundAlike() async throws {
        let kernelSide = try NetworkNamespace(purpose: "partition")
        let simulatedSide = try NetworkNamespace(purpose: "fault")
        defer {
            kernelSide.delete()
            simulatedSide.delete()
        }
        async let kernel = runInNamespace(kernelSide, arguments: []) {
            try kernelSide.setLoopback(up: false)
            try await Task.sleep(for: .seconds(6))
            try kernelSide.setLoopback(up: true)
        }
        // The fleet's own partition: 6 s, once the stations have had time to connect (waited for above).
        async let simulated = runInNamespace(simulatedSide, arguments: ["--fault", "partition@8s:6s"]) {
            try await Task.sleep(for: .seconds(14))
        }
        let reports = try await [kernel, simulated]
        for report in reports {
            let connections = report.connections
            #expect(connections.closed.counts["ping_timeout"] == UInt64(Self.stations), "\(connections.closed.counts)")
            #expect(connections.reconnects >= UInt64(Self.stations))
            #expect(connections.connectedBeforeStop == UInt64(Self.stations))
        }
        // The same storm: found by the fleet when the kernel made it, injected when the fleet did.
        let found = try #require(reports[0].storms.first, "no storm found")
        let injected = try #require(reports[1].storms.first { $0.fault == "partition" }, "no partition storm")
        #expect(!found.injected)
        #expect(injected.injected)
        for storm in [found, injected] {
            #expect(storm.stations == UInt64(Self.stations), "\(storm.fault)")
            #expect(storm.recovered == UInt64(Self.stations), "\(storm.fault)")
        }
    }

    @Test(
        "latency the kernel adds (netem delay 200ms) shows in round trips of at least 400 ms, as --fault slow's does",
        .enabled(if: NetworkNamespace.hasNetem, "needs the kernel's netem queueing discipline (tc qdisc … netem)"))
    func kernelAndSimulatedLatencyShowAlike() async throws {
        let kernelSide = try NetworkNamespace(purpose: "delay")
        defer { kernelSide.delete() }
        // On the namespace's loopback every packet crosses it once: a round trip gains 400 ms.
        try kernelSide.run(["tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay", "200ms"])
        let simulatedSide = try NetworkNamespace(purpose: "slow")
        defer { simulatedSide.delete() }
        async let kernel = runInNamespace(kernelSide, arguments: []) {}
        async let simulated = runInNamespace(simulatedSide, arguments: ["--fault", "slow@0s:1h:latency=200ms"]) {}
        for report in try await [kernel, simulated] {
            let boot = try #require(report.actions.first { $0.name == "BootNotification" })
            #expect(boot.latency.p50 >= 400_000, "\(boot.latency)")
        }
    }
}
