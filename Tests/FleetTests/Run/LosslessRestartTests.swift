import Fleet
import Foundation
import Metrics
import Testing
import TestSupport

/// Nothing lost, and proven so: a thousand stations charging against an independent CSMS
/// (`Peers/ledger_csms.py`) that is killed with SIGKILL and started again on the same port. The CSMS's
/// ledger and the fleet's trace are compared message by message.
@Suite("Transaction messages across a CSMS killed and restarted")
struct LosslessRestartTests {
    /// Two-point stations whose first point gets an EV 20, 200 and 380 simulated seconds in, each for one to
    /// three minutes; at speed 10 they charge within seconds of the start, sample every 3 s of wall time,
    /// and many stop while the CSMS is dead.
    static let profileJSON = """
        {
          "name": "lossless",
          "description": "An EV on each station's first point three times, for one to three minutes.",
          "start": "2026-01-05T08:00:00Z",
          "stations": { "count": 1000, "models": [{ "model": "2VE", "share": 1 }] },
          "sites": [
            {
              "name": "test",
              "arrivals": { "list": [
                { "at": "20s", "chargingPoint": 1 }, { "at": "200s", "chargingPoint": 1 },
                { "at": "380s", "chargingPoint": 1 }
              ] },
              "dwellMinutes": { "uniform": [1, 3] },
              "energyKWh": { "fixed": 50 }
            }
          ],
          "reconnection": { "policy": "fixed", "interval": "2s" }
        }
        """

    /// One transaction message, as the station sent it or as the CSMS received it.
    struct Message: Equatable {
        let action: String
        let transaction: Int?
        let timestamp: String?
    }

    struct Key: Hashable {
        let station: String
        let messageId: String
    }

    static let transactionActions: Set<String> = ["StartTransaction", "MeterValues", "StopTransaction"]

    static func lines(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    static func message(action: String, payload: [String: Any]) -> Message {
        let meterValue = (payload["meterValue"] as? [[String: Any]])?.first
        return Message(
            action: action, transaction: payload["transactionId"] as? Int,
            timestamp: payload["timestamp"] as? String ?? meterValue?["timestamp"] as? String)
    }

    @Test("1,000 stations: every transaction message reaches a CSMS killed and restarted, in order, duplicates counted")
    func everyTransactionMessageSurvivesACSMSKilledAndRestarted() async throws {
        let ledger = RunFixtures.temporaryPath("ledger.jsonl")
        let tracePath = RunFixtures.temporaryPath("trace.jsonl")
        defer {
            try? FileManager.default.removeItem(atPath: ledger)
            try? FileManager.default.removeItem(atPath: tracePath)
        }
        let first = try await KillablePeer.start(
            "ledger_csms.py", ["--ledger", ledger, "--stations", "1000", "--starts", "300"])
        var configuration = FleetRunConfiguration(profile: try Profile.parse(Array(Self.profileJSON.utf8), file: "lossless.json"))
        configuration.csmsURL = "ws://127.0.0.1:\(first.port)/ocpp"
        configuration.stations = 1_000
        // The test stops the run itself (well before this) once the fleet is back.
        configuration.duration = .seconds(900)
        configuration.speed = 10
        configuration.rampPerSecond = 500
        configuration.loops = 2
        configuration.traceFile = tracePath
        // A Python CSMS starved by a loaded machine has taken more than the default 10 s to answer an
        // opening handshake, and a run whose first attempts all time out counts its CSMS unreachable.
        configuration.connectTimeout = .seconds(60)
        // Every transaction still open at the end stops, and its StopTransaction is answered, before the
        // links close: what was produced is all sent.
        configuration.drainTimeout = .seconds(30)
        let runner = FleetRunner(configuration: configuration)
        let fleet = Task { try await runner.run() }

        // Killed once every station has booted and transactions run; started again on the same port 8 s
        // later; the run stops a few seconds after every station has booted again. Each wait is on an
        // event, bounded.
        var killed = 0.0
        var waited: (any Error)?
        do {
            // Generous bounds: a loaded machine running the whole suite took more than 90 s to start 300
            // transactions.
            try await first.waitForLine("BOOTED", timeout: 240)
            try await first.waitForLine("STARTED", timeout: 240)
            try await first.kill()
            killed = Date().timeIntervalSince1970
            try await Task.sleep(for: .seconds(8))
            let second = try await KillablePeer.start(
                "ledger_csms.py",
                ["--ledger", ledger, "--port", String(first.port), "--first-transaction", "1000000", "--stations", "1000"])
            try await second.waitForLine("BOOTED", timeout: 240)
            try await Task.sleep(for: .seconds(5))
            runner.stop()
            _ = try await fleet.value
            _ = try await second.finish()
        } catch {
            waited = error
        }
        runner.stop()
        let report = try await fleet.value
        if let waited { throw waited }

        // When the second CSMS began to listen, by its own clock: a test thread may wake late on a busy machine.
        let listening = try Self.lines(ledger).filter { $0["event"] as? String == "listening" }.compactMap { $0["t"] as? Double }
        try #require(listening.count == 2)
        let restarted = listening[1]
        // What the stations sent, from the trace, and what the CSMS received, from its ledger.
        var sent: [Key: (message: Message, times: Int)] = [:]
        var sentOrder: [String: [String]] = [:]
        var sentWhileDead = 0
        var sentAfterRestart = 0
        for line in try Self.lines(tracePath) where line["dir"] as? String == "out" {
            guard let frame = line["frame"] as? [Any], frame.count == 4, frame[0] as? Int == 2,
                let id = frame[1] as? String, let action = frame[2] as? String, Self.transactionActions.contains(action),
                let station = line["station"] as? String, let wall = line["wall"] as? Double
            else { continue }
            let key = Key(station: station, messageId: id)
            if let known = sent[key] {
                sent[key] = (known.message, known.times + 1)
            } else {
                sent[key] = (Self.message(action: action, payload: frame[3] as? [String: Any] ?? [:]), 1)
                sentOrder[station, default: []].append(id)
                if wall / 1000 > restarted && wall / 1000 < restarted + 15 { sentAfterRestart += 1 }
            }
            if wall / 1000 > killed + 1 && wall / 1000 < restarted { sentWhileDead += 1 }
        }
        var received: [Key: (message: Message, times: Int)] = [:]
        var receivedOrder: [String: [String]] = [:]
        var bootedAgain = Set<String>()
        for entry in try Self.lines(ledger) {
            guard let station = entry["station"] as? String, let id = entry["id"] as? String,
                let action = entry["action"] as? String
            else { continue }
            if action == "BootNotification", (entry["t"] as? Double ?? 0) > restarted { bootedAgain.insert(station) }
            guard Self.transactionActions.contains(action) else { continue }
            let key = Key(station: station, messageId: id)
            let message = Message(
                action: action, transaction: entry["transaction"] as? Int, timestamp: entry["timestamp"] as? String)
            if let known = received[key] {
                #expect(known.message == message, "\(key) received twice with different contents")
                received[key] = (known.message, known.times + 1)
            } else {
                received[key] = (message, 1)
                receivedOrder[station, default: []].append(id)
            }
        }

        // Every station came back and booted again.
        #expect(bootedAgain.count == 1_000)
        // Transactions ran, the stations queued what they produced while the CSMS was dead (nothing went
        // out then) and sent it when it was back.
        #expect(report.transactions.started >= 300)
        #expect(sentWhileDead == 0)
        #expect(sentAfterRestart >= 300)
        // One by one: every message sent was received, with the same station, transaction and timestamp,
        // and nothing was received that no station sent.
        let missing = sent.filter { received[$0.key]?.message != $0.value.message }
        #expect(missing.isEmpty, "not received as sent: \(missing.prefix(5))")
        #expect(received.keys.allSatisfy { sent[$0] != nil })
        // Each station's messages arrived in the order it produced them.
        let reordered = sentOrder.filter { receivedOrder[$0.key] != $0.value }.map(\.key)
        #expect(reordered.isEmpty, "out of order: \(reordered.prefix(5))")
        // Every transaction started was stopped, nothing was given up on.
        let starts = sent.values.filter { $0.message.action == "StartTransaction" }.count
        #expect(UInt64(starts) == report.transactions.started)
        #expect(sent.values.filter { $0.message.action == "StopTransaction" }.count == starts)
        #expect(report.transactions.lostMessages.total == 0 && report.transactions.lost == 0)
        // A message reached the CSMS twice only where its station sent it twice (a resend after no answer,
        // same message id), and the report counts every such resend.
        #expect(received.allSatisfy { $0.value.times <= sent[$0.key]?.times ?? 0 })
        let resent = sent.values.reduce(0) { $0 + $1.times - 1 }
        #expect(UInt64(resent) <= report.transactions.duplicatesSent)
    }
}
