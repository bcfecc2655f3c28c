import CSMS
import Foundation
import OCPP
import TestSupport
import Testing

/// The socket server, against a station built on the Python `ocpp` package (strict schema validation).
@Suite(.serialized) struct ServerTests {
    static let configuration = CSMSConfiguration(
        heartbeatInterval: 90, badges: BadgeList([.valid("VALID", parentIdTag: "FLEET")]), password: "s3cret")

    /// Waits until `condition` holds for the server's counters, at most 120 s: a Python station may take
    /// tens of seconds to import its packages and run its session on a loaded machine. - Returns: whether
    /// it held.
    func wait(for server: CSMSServer, _ condition: ([String: Double]) -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            if condition(server.counterSnapshot) { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return condition(server.counterSnapshot)
    }

    @Test func aPythonOCPPStationBootsChargesAndAcceptsAResetWithEveryAnswerValid() async throws {
        let server = CSMSServer(configuration: Self.configuration)
        let port = try await server.start(listen: "127.0.0.1:0")
        let peer = Task.detached {
            try await PythonPeer.run(
                script: "Tests/CSMSTests/Peers/charge_point.py",
                arguments: ["ws://127.0.0.1:\(port)/ocpp", "GU-PY-1", "--password", "s3cret"], timeout: 180)
        }
        let sessionDone = try await wait(for: server) { $0["answered.DataTransfer"] == 1 }
        // The station waits for the Reset once its session is done: it is connected when the Reset goes.
        #expect(sessionDone, "the Python station's session did not reach its DataTransfer")
        let reset = await server.send(.reset(ResetRequest(type: .hard)), to: "GU-PY-1")
        let run = try await peer.value
        try #require(run.status == 0, "the Python station failed: \(run.stderr)")

        #expect(reset?.name == "Accepted")
        let answers = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let boot = try #require(answers["boot"] as? [String: Any])
        #expect(boot["status"] as? String == "Accepted")
        #expect(boot["interval"] as? Int == 90)
        #expect((answers["authorize"] as? [String: String]) == ["status": "Accepted", "parent_id_tag": "FLEET"])
        #expect((answers["authorize_unknown"] as? [String: String]) == ["status": "Invalid"])
        let start = try #require(answers["start"] as? [String: Any])
        #expect((start["transaction_id"] as? Int ?? 0) > 0)
        #expect((answers["stop"] as? [String: String])?["status"] == "Accepted")
        #expect(answers["data_transfer"] as? String == "UnknownVendorId")
        #expect(answers["reset"] as? String == "Hard")

        let counters = server.counterSnapshot
        for action in ["BootNotification", "Heartbeat", "StartTransaction", "StopTransaction", "MeterValues",
                       "StatusNotification", "DataTransfer"] {
            #expect(counters["received.\(action)"] == 1, "\(action)")
            #expect(counters["answered.\(action)"] == 1, "\(action)")
        }
        #expect(counters["answered.Authorize"] == 2)
        #expect(counters["commands.Reset.Accepted"] == 1)
        #expect(counters["transactions.started"] == 1)
        #expect(counters["transactions.open"] == 0)
        #expect(counters["stations.max_connected"] == 1)
        await server.stop()
    }

    /// Runs the Python station through its whole session (no Reset) and returns its transaction id.
    func chargeOnce(port: UInt16, station: String) async throws -> Int {
        let run = try await PythonPeer.run(
            script: "Tests/CSMSTests/Peers/charge_point.py",
            arguments: ["ws://127.0.0.1:\(port)", station, "--no-reset"], timeout: 180)
        try #require(run.status == 0, "the Python station failed: \(run.stderr)")
        let answers = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        return try #require((answers?["start"] as? [String: Any])?["transaction_id"] as? Int)
    }

    @Test func aRestartedServerGoesOnWithItsCountersAndTransactionIds() async throws {
        let server = CSMSServer(configuration: CSMSConfiguration(answerDelay: 20))
        let port = try await server.start(listen: "127.0.0.1:0")
        let first = try await chargeOnce(port: port, station: "GU-PY-3")
        await server.stop()
        #expect(server.counterSnapshot["stations.connected"] == 0)

        try await server.start(listen: "127.0.0.1:\(port)")
        let second = try await chargeOnce(port: port, station: "GU-PY-3")
        await server.stop()
        #expect(second != first)
        let counters = server.counterSnapshot
        #expect(counters["answered.BootNotification"] == 2)
        #expect(counters["transactions.started"] == 2)
        #expect(counters["stations.connections"] == 2)
    }

    @Test func aStationWithTheWrongPasswordIsRefused() async throws {
        let server = CSMSServer(configuration: Self.configuration)
        let port = try await server.start(listen: "127.0.0.1:0")
        let run = try await PythonPeer.run(
            script: "Tests/CSMSTests/Peers/charge_point.py",
            arguments: ["ws://127.0.0.1:\(port)/ocpp", "GU-PY-2", "--password", "guess", "--no-reset"], timeout: 180)
        #expect(run.status == 1)
        #expect(run.stderr.contains("401"))
        #expect(server.counterSnapshot["stations.connections", default: 0] == 0)
        await server.stop()
    }

    @Test func aListenAddressThatIsNotHostAndPortIsRefused() async {
        let server = CSMSServer(configuration: CSMSConfiguration())
        await #expect(throws: CSMSServerError.self) { try await server.start(listen: "localhost") }
        await #expect(throws: CSMSServerError.self) { try await server.start(listen: "127.0.0.1:99999") }
    }

    @Test func aPortAnotherServerListensOnIsRefused() async throws {
        let first = CSMSServer(configuration: CSMSConfiguration())
        let port = try await first.start(listen: "127.0.0.1:0")
        let second = CSMSServer(configuration: CSMSConfiguration(), loopCount: 2)
        let error = await #expect(throws: CSMSServerError.self) { try await second.start(listen: "127.0.0.1:\(port)") }
        #expect(error?.isPortInUse == true)
        await first.stop()
    }

    @Test func theLoopsOfOneServerShareItsPort() async throws {
        let probe = CSMSServer(configuration: CSMSConfiguration())
        let port = try await probe.start(listen: "127.0.0.1:0")
        await probe.stop()
        let server = CSMSServer(configuration: CSMSConfiguration(), loopCount: 3)
        #expect(try await server.start(listen: "127.0.0.1:\(port)") == port)
        await server.stop()
    }

    @Test func aCommandForAStationNotConnectedHasNoOutcome() async throws {
        let server = CSMSServer(configuration: CSMSConfiguration())
        try await server.start(listen: "127.0.0.1:0")
        #expect(await server.send(.clearCache(ClearCacheRequest()), to: "NOBODY") == nil)
        await server.stop()
    }
}
