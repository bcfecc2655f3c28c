import Fleet
import Foundation
import Metrics
import TestSupport
import Testing

/// Links that a CSMS breaks after they opened are counted by why they closed, and an unreachable CSMS
/// still leaves a report.
@Suite("Fleet runner against a CSMS that breaks the WebSocket transport", .serialized)
struct BrokenTransportTests {
    @Test("each way a CSMS breaks an open link is counted under its reason, and the stations come back")
    func everyBrokenLinkHasItsReason() async throws {
        let csms = try PythonCSMS(script: "broken_transport_csms.py")
        var configuration = try RunFixtures.configuration(url: csms.url, stations: 8, seconds: 3)
        configuration.pingInterval = .milliseconds(300)
        configuration.drainTimeout = .seconds(1)
        let report = try await FleetRunner(configuration: configuration).run()
        try await csms.end()

        let closed = report.connections.closed.counts
        for reason in [
            "csms_close_4001", "protocol_error_1002", "message_too_big_1009", "invalid_utf8_1007", "binary_frame_1003",
            "no_close_frame", "ping_timeout",
        ] {
            #expect(closed[reason] ?? 0 > 0, "no \(reason) in \(closed)")
        }
        let connections = report.connections
        #expect(connections.reconnects > 0)
        #expect(connections.reconnectAttempts >= connections.reconnects)
        #expect(connections.established == connections.closed.total + connections.current)
    }

    @Test("pings run on the wall clock: a station clock 3,600 times faster does not hasten them")
    func pingsRunOnTheWallClock() async throws {
        let csms = try PythonCSMS(script: "broken_transport_csms.py")
        var configuration = try RunFixtures.configuration(url: csms.url, stations: 8, seconds: 2)
        configuration.speed = 3_600
        // Scaled by the speed, this would be under 3 ms, and the link the CSMS leaves hanging would fail.
        configuration.pingInterval = .seconds(10)
        configuration.drainTimeout = .milliseconds(500)
        let report = try await FleetRunner(configuration: configuration).run()
        try await csms.end()

        let closed = report.connections.closed.counts
        #expect(closed["protocol_error_1002"] ?? 0 > 0, "\(closed)")
        #expect(closed["ping_timeout"] == nil, "\(closed)")
    }

    @Test("the stations' own closes are theirs: the run's end, not the CSMS")
    func theRunsEndClosesAreOurs() async throws {
        let csms = try PythonCSMS()
        let configuration = try RunFixtures.configuration(url: csms.url, stations: 3, seconds: 1)
        let report = try await FleetRunner(configuration: configuration).run()
        _ = try await csms.stop()

        #expect(report.connections.closed.counts == ["run_end": 3])
        #expect(report.connections.connectedBeforeStop == 3)
        #expect(report.connections.reconnects == 0)
    }

    @Test("a run that cannot reach the CSMS exits 3 and still writes its report, failures by reason")
    func unreachableRunWritesItsReport() async throws {
        let port = try RunFixtures.freeLoopbackPort()
        let directory = RunFixtures.temporaryPath("unreachable")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outcome = try await FleetProcess.run(
            [
                "run", "--csms", "ws://127.0.0.1:\(port)/ocpp", "--profile", "Profiles/smoke.json", "--duration", "30s",
                "--report", directory, "--quiet",
            ], timeout: 60)

        #expect(outcome.status == 3, "\(outcome.stderr)")
        let report = try ReportJSONReader.read(file: directory + "/report.json")
        #expect(report.connections.established == 0)
        #expect(report.connections.attempted > 0)
        #expect(report.connections.failed.total == report.connections.attempted)
        #expect(report.connections.failed.counts["refused"] ?? 0 > 0)
        // Retries still under way when the run gave up were cut short by it, not refused.
        #expect(Set(report.connections.failed.counts.keys).isSubset(of: ["refused", "run_end"]))
    }
}
