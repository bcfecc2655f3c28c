import Fleet
import Metrics
import Testing
import TestSupport

@Suite("Fleet runner against a misbehaving CSMS", .serialized)
struct BadCSMSTests {
    @Test("a CSMS that does not select ocpp1.6 is a typed error naming the subprotocol")
    func subprotocolRefused() async throws {
        let csms = try await offThePool { try PythonCSMS(misbehaving: "no-subprotocol") }
        var configuration = try RunFixtures.configuration(url: csms.url, stations: 3, seconds: 60)
        configuration.connectTimeout = .seconds(2)
        do {
            _ = try await FleetRunner(configuration: configuration).run()
            Issue.record("the run should have failed")
        } catch {
            #expect(error.isCSMSUnreachable)
            #expect(error.reason == .subprotocol)
        }
    }

    @Test("wss:// to a CSMS without TLS is a typed error saying the handshake failed")
    func tlsAgainstPlainServer() async throws {
        let csms = try await offThePool { try PythonCSMS(misbehaving: "silent") }
        var configuration = try RunFixtures.configuration(
            url: "wss://127.0.0.1:\(csms.port)/ocpp", stations: 2, seconds: 60)
        configuration.connectTimeout = .seconds(2)
        configuration.insecure = true
        do {
            _ = try await FleetRunner(configuration: configuration).run()
            Issue.record("the run should have failed")
        } catch {
            #expect(error.isCSMSUnreachable)
            // The server drops the TLS hello it cannot read: the TLS handshake failed.
            #expect(error.reason == .tls)
            #expect(error.description.contains("handshake"))
        }
    }

    @Test("answers that are not OCPP-J, or answer nothing sent, are counted and the run goes on")
    func garbageAnswers() async throws {
        let csms = try await offThePool { try PythonCSMS(misbehaving: "garbage") }
        let report = try await FleetRunner(configuration: try RunFixtures.configuration(url: csms.url, stations: 3, seconds: 1)).run()
        try await csms.end()

        let boot = try #require(report.figures(for: "BootNotification"))
        #expect(report.connections.established == 3)
        #expect(boot.sent >= 3)
        #expect(boot.ok == 0)
        #expect(boot.callErrors + boot.timeouts == boot.sent)
        #expect(report.run.durationSeconds >= 1)
        // The CSMS sends text that is not OCPP-J and a CALLRESULT to an id never sent, for every frame.
        #expect(report.csmsFaults.badFrames.total > 0)
        #expect(report.csmsFaults.unmatchedAnswers > 0)
    }

    @Test("a CSMS that never answers leaves every call timed out, and the run ends on time")
    func silentCSMS() async throws {
        let csms = try await offThePool { try PythonCSMS(misbehaving: "silent") }
        let report = try await FleetRunner(configuration: try RunFixtures.configuration(url: csms.url, stations: 3, seconds: 2)).run()
        try await csms.end()

        let boot = try #require(report.figures(for: "BootNotification"))
        #expect(boot.ok == 0)
        #expect(boot.timeouts > 0)
        #expect(report.connections.established == 3)
    }

    @Test("a CSMS that closes every link makes the stations reconnect by their policy")
    func closingCSMS() async throws {
        let csms = try await offThePool { try PythonCSMS(misbehaving: "close") }
        let report = try await FleetRunner(configuration: try RunFixtures.configuration(url: csms.url, stations: 3, seconds: 2)).run()
        try await csms.end()

        #expect(report.connections.reconnects > 0)
        #expect(report.connections.attempted > 3)
        #expect(report.connections.closed.counts["csms_close_1000"] ?? 0 > 0)
        #expect(report.figures(for: "BootNotification")?.ok == 0)
    }
}
