import Foundation
import Testing

/// A CSMS that misbehaves: the run ends with its report (exit 0, no SLO given), counts what went wrong,
/// and the stations carry on.
@Suite("A fleet against a misbehaving CSMS", .serialized)
struct HostileCSMSTests {
    /// The OCPP-J 1.6 error codes (section 4.2.3).
    static let errorCodes: Set<String> = [
        "NotImplemented", "NotSupported", "InternalError", "ProtocolError", "SecurityError", "FormationViolation",
        "PropertyConstraintViolation", "OccurenceConstraintViolation", "TypeConstraintViolation", "GenericError",
    ]

    private func run(_ mode: String) async throws -> (FleetReport, [String: Any]) {
        let csms = try await ListeningPeer.start(script: "hostile_csms.py", arguments: ["--mode", mode])
        defer { csms.kill() }
        let outcome = try await FleetCommand.runSmoke(csms: csms.url, seconds: 8)
        let summary = try await csms.stop()
        #expect(outcome.status == 0, "\(outcome.output)")
        let report = try #require(outcome.report, "\(outcome.output)")
        return (report, summary)
    }

    @Test("refused subprotocols and HTTP 400 are counted by reason while the accepted stations work")
    func refusedSubprotocol() async throws {
        let (report, _) = try await run("subprotocol")

        // Stations 1, 2, 3, 5, 6, 7, 9 and 10 are refused, again at every retry; 4 and 8 are served.
        #expect(report.failedByReason["subprotocol"] ?? 0 >= 6)
        #expect(report.failedByReason["http_status"] ?? 0 >= 2)
        #expect(report.connections["failed"] ?? 0 > 8)
        #expect(report.connections["established"] ?? 0 >= 2)
        #expect(report.figures("BootNotification").ok >= 2)
        #expect(report.figures("Heartbeat").ok > 0)
    }

    @Test("garbage answers are counted as errors or timeouts and the stations answer bad calls per OCPP-J")
    func garbageAnswers() async throws {
        let (report, summary) = try await run("garbage")

        #expect(report.all.callErrorsByCode["InternalError"] ?? 0 > 0)
        #expect(report.all.timeouts > 0)
        #expect(report.all.ok > report.figures("BootNotification").ok)
        #expect(report.all.sent == report.all.ok + report.all.callErrors + report.all.timeouts)
        // OCPP-J messages are text: a binary frame closes the link with 1003, and the station reconnects.
        #expect(report.closedByReason["binary_frame_1003"] ?? 0 > 0, "\(report.closedByReason)")
        let answers = try #require(summary["answers"] as? [String: [Any]])
        #expect(answers["unknown_action"]?[2] as? String == "NotImplemented")
        for name in ["bad_enum", "bad_type"] {
            let answer = try #require(answers[name], "\(name) unanswered")
            #expect(answer.first as? Int == 4)
            #expect(Self.errorCodes.contains(answer[2] as? String ?? ""), "\(answer)")
        }
    }

    @Test("a CSMS that never answers: every call times out, links stay up, the run ends on time")
    func silentCSMS() async throws {
        let (report, _) = try await run("silent")

        #expect(report.all.sent > 10)
        #expect(report.all.timeouts == report.all.sent)
        #expect(report.all.ok == 0)
        #expect(report.connections["established"] ?? 0 >= 10)
        #expect(report.connections["failed"] == 0)
    }

    @Test("answers after the call timeout count as timeouts, the ones in time as ok")
    func lateAnswers() async throws {
        let (report, _) = try await run("late")

        #expect(report.all.timeouts > 0)
        #expect(report.all.ok > report.figures("BootNotification").ok)
        #expect(report.all.callErrors == 0)
        #expect(report.all.sent == report.all.ok + report.all.timeouts)
    }

    @Test("links closed by the CSMS, cleanly or not, are reconnected and the stations carry on")
    func closedLinks() async throws {
        let (report, summary) = try await run("closing")

        #expect(report.connections["reconnects"] ?? 0 > 10)
        #expect(report.connections["attempted"] ?? 0 > 20)
        for reason in ["csms_close_1000", "csms_close_1001", "no_close_frame"] {
            #expect(report.closedByReason[reason] ?? 0 > 0, "no \(reason) in \(report.closedByReason)")
        }
        #expect(summary["connections"] as? Int ?? 0 > 20)
        #expect(report.figures("BootNotification").ok > 20)
        #expect(report.figures("Heartbeat").ok > 0)
    }
}
