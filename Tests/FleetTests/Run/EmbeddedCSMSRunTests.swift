import Fleet
import Foundation
import Metrics
import Synchronization
import Testing

@Suite("Fleet runner against the embedded CSMS", .serialized)
struct EmbeddedCSMSRunTests {
    @Test("without a CSMS URL the embedded CSMS runs, and it received every call the fleet sent")
    func countsAgreeWithEmbeddedCSMS() async throws {
        let report = try await FleetRunner(configuration: try RunFixtures.configuration(url: nil)).run()

        #expect(report.run.csms == "embedded")
        #expect(report.connections.established == 4)
        #expect(report.csms["stations.connections"] == 4)
        var answeredByFleet: UInt64 = 0
        for action in report.actions where action.sent > 0 {
            let answered = action.ok + action.callErrors
            answeredByFleet += answered
            #expect(answered + action.timeouts == action.sent, "\(action.name)")
            #expect(Double(action.sent) == report.csms["received.\(action.name)"], "\(action.name)")
            #expect(Double(answered) <= report.csms["answered.\(action.name)"] ?? 0, "\(action.name)")
        }
        #expect(answeredByFleet > 0)
        #expect(report.transactions.started > 0)
        #expect(report.transactions.stopped == report.transactions.started)
        #expect(report.csms["transactions.stopped"] == Double(report.transactions.stopped))
    }

    @Test("the embedded CSMS sends the plans' remote starts, and restarts when the profile says")
    func commandsAndRestart() async throws {
        // The restart comes 2 wall seconds in; 10 s leave the reconnections room on a machine with busy cores.
        var configuration = try RunFixtures.configuration(url: nil, seconds: 10)
        configuration.profile = try RunFixtures.commandedProfile()
        let report = try await FleetRunner(configuration: configuration).run()

        #expect(report.csms["commands.RemoteStartTransaction.sent"] == 8)
        #expect(report.transactions.started > 0)
        #expect(report.transactions.stopped == report.transactions.started)
        // The CSMS went down at 60 simulated seconds: every station came back a wall second later.
        #expect(report.connections.reconnects >= 4)
        #expect(report.csms["stations.connections"] ?? 0 >= 8)
    }

    @Test("a CALL that waits behind a slow answer is late from when it was due, not from when it left")
    func latencyFromDueTime() async throws {
        var configuration = try RunFixtures.configuration(url: nil, stations: 2, seconds: 2)
        // Once booted, a station reports its five connectors' statuses at once: each StatusNotification
        // waits for the answer to the one before.
        configuration.profile.csms.answerDelayMilliseconds = 20
        let report = try await FleetRunner(configuration: configuration).run()

        let statuses = try #require(report.figures(for: "StatusNotification"))
        #expect(statuses.ok >= 10)
        #expect(statuses.latency.max > statuses.serviceTime.max)
        #expect(report.allActions.latency.p50 >= report.allActions.serviceTime.p50)
    }

    @Test("while the run goes, /metrics serves the fleet's and the embedded CSMS's figures")
    func prometheusEndpoint() async throws {
        var configuration = try RunFixtures.configuration(url: nil, stations: 2, seconds: 2)
        configuration.metricsPort = try RunFixtures.freeLoopbackPort()
        let port = configuration.metricsPort!
        let scraped = Mutex<String?>(nil)
        _ = try await FleetRunner(configuration: configuration).run { _ in
            guard scraped.withLock({ $0 == nil }), let body = RunFixtures.httpGet(port: port, path: "/metrics") else { return }
            scraped.withLock { $0 = body }
        }

        let text = try #require(scraped.withLock { $0 })
        #expect(text.contains("ocpp_fleet_connection_attempts_total 2"))
        #expect(text.contains("ocpp_fleet_csms_calls_received_total{action=\"BootNotification\"} 2"))
    }

    @Test("a run stopped before it starts still returns a complete report")
    func stoppedBeforeStarting() async throws {
        let runner = FleetRunner(configuration: try RunFixtures.configuration(url: nil))
        runner.stop()
        let report = try await runner.run()

        #expect(report.run.stations == 4)
        #expect(report.transactions.lost == 0)
        #expect(report.connections.current == 0)
    }

    @Test("a fleet that needs more sockets than the process may open is refused before it starts")
    func tooManyStationsForTheOpenFileLimit() async throws {
        let configuration = try RunFixtures.configuration(url: nil, stations: 100_000_000)
        do {
            _ = try await FleetRunner(configuration: configuration).run()
            Issue.record("the run should have been refused")
        } catch {
            #expect(!error.isCSMSUnreachable)
            #expect(error.description.contains("open files"))
            #expect(error.description.contains("ocpp-fleet csms"))
        }
    }

    @Test("the embedded CSMS asks for the fleet's password, and neither the trace nor the report holds it")
    func passwordCheckedAndNeverWritten() async throws {
        let secret = "s3cr3t-Pa55-\(UUID().uuidString.prefix(8))"
        var configuration = try RunFixtures.configuration(url: nil, stations: 2, seconds: 1)
        configuration.password = secret
        configuration.traceFile = RunFixtures.temporaryPath("trace.jsonl")
        defer { try? FileManager.default.removeItem(atPath: configuration.traceFile!) }
        let report = try await FleetRunner(configuration: configuration).run()

        #expect(report.connections.established == 2)
        #expect(report.figures(for: "BootNotification")?.ok == 2)
        let trace = try String(contentsOfFile: configuration.traceFile!, encoding: .utf8)
        #expect(trace.contains("BootNotification"))
        #expect(!trace.contains(secret))
        #expect(!"\(report)".contains(secret))
    }
}
