import Foundation
import TestSupport
import Testing

@Suite("Conformance against an independent, strict OCPP 1.6J CSMS", .serialized)
struct ConformanceTests {
    /// What the stations send on their own in a smoke run.
    static let stationActions = [
        "BootNotification", "Heartbeat", "StatusNotification", "Authorize", "StartTransaction", "MeterValues",
        "StopTransaction",
    ]
    /// What the strict CSMS sends every station once.
    static let commands = [
        "GetConfiguration", "ChangeConfiguration", "TriggerMessage", "SetChargingProfile", "RemoteStartTransaction",
        "Reset",
    ]

    @Test("a full smoke.json run, commands included, breaks no rule the Python ocpp CSMS checks")
    func smokeRunHasNoViolation() async throws {
        let csms = try await ListeningPeer.start(script: "conformance_csms.py", arguments: ["--commands", "--interval", "30"])
        defer { csms.kill() }
        // 40 s: on a loaded machine the strict CSMS, which checks every frame against its schema, takes
        // most of 20 s to boot the stations and send them its commands.
        let outcome = try await FleetCommand.runSmoke(csms: csms.url, seconds: 40, timeout: 240)
        let summary = try await csms.stop()

        #expect(outcome.status == 0, "\(outcome.output)")
        #expect(summary["violation_count"] as? Int == 0, "\(summary["violations"] ?? [])")
        let report = try #require(outcome.report, "\(outcome.output)")
        let received = try #require(summary["received"] as? [String: Int])
        for action in Self.stationActions {
            let sent = report.figures(action).sent
            #expect((received[action] ?? 0) > 0, "\(action)")
            // A CALL written just before a link dropped may never reach the CSMS; none is invented.
            #expect((received[action] ?? 0) <= sent, "\(action)")
        }
        let answered = try #require(summary["answered"] as? [String: Int])
        let outcomes = try #require(summary["commands"] as? [String: [String: Int]])
        for command in Self.commands {
            #expect((answered[command] ?? 0) > 0, "\(command)")
            #expect(report.figures(command).received >= answered[command] ?? 0, "\(command)")
            #expect(outcomes[command]?["refused"] == nil, "\(command): \(outcomes[command] ?? [:])")
        }
        #expect(outcomes["ChangeConfiguration"]?["Accepted"] ?? 0 > 0)
        #expect(outcomes["Reset"]?["Accepted"] ?? 0 > 0)
        #expect(report.transactions["lost"] == 0)
    }

    @Test("the strict CSMS reports a station that breaks the rules, so a clean run means something")
    func checkerSeesABadStation() async throws {
        let csms = try await ListeningPeer.start(script: "conformance_csms.py")
        defer { csms.kill() }
        let url = csms.url + "/BAD0001"
        let run = try await PythonPeer.run(script: "Tests/FleetTests/Peers/bad_station.py", arguments: [url], timeout: 120)
        let summary = try await csms.stop()

        #expect(run.status == 0, "\(run.stderr)")
        let violations = try #require(summary["violations"] as? [[String: Any]])
        let kinds = Set(violations.compactMap { $0["kind"] as? String })
        #expect(kinds.isSuperset(of: ["protocol", "schema", "frame", "action"]), "\(violations)")
        let details = violations.compactMap { $0["detail"] as? String }
        #expect(details.contains { $0.contains("Heartbeat before any BootNotification") })
        #expect(details.contains { $0.contains("'yesterday' is not a 'date-time'") })
        #expect(details.contains { $0.contains("transaction 999999") })
    }
}
