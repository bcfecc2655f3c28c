import Fleet
import Foundation
import Metrics
import Testing
import TestSupport

/// Nothing lost at the stop, over real sockets: the embedded CSMS restarts shortly before the run ends,
/// and its stations, whose reconnection wait is far longer than what is left of the run, are all offline
/// as it stops, each holding the StopTransactions of its charging EVs.
@Suite("Stations offline as the run stops")
struct StopAfterRestartTests {
    static let stations = 20

    /// Twenty two-point stations whose EVs arrive 20 simulated seconds in and stay for hours, against a
    /// CSMS that goes down 100 simulated seconds in for `downtime`; the stations wait ten minutes before
    /// they reconnect.
    static func profile(downtime: String) throws -> Profile {
        let json = """
            {
              "name": "stop-after-restart",
              "description": "Every charging point gets an EV after twenty seconds; the CSMS restarts at 100 s.",
              "start": "2026-01-05T08:00:00Z",
              "stations": { "count": \(stations), "models": [{ "model": "2VE", "share": 1 }] },
              "sites": [
                {
                  "name": "test",
                  "arrivals": { "list": [{ "at": "20s", "chargingPoint": 1 }, { "at": "20s", "chargingPoint": 2 }] },
                  "dwellMinutes": { "fixed": 600 },
                  "energyKWh": { "fixed": 50 }
                }
              ],
              "reconnection": { "policy": "fixed", "interval": "10m" },
              "csms": { "heartbeatInterval": "1h" },
              "events": [{ "at": "100s", "event": "restartCSMS", "downtime": "\(downtime)" }]
            }
            """
        return try Profile.parse(Array(json.utf8), file: "stop-after-restart.json")
    }

    /// At speed 4 the drivers badge 7.5 s in, the CSMS goes down 25 s in, and the run ends at 45 s: 17 s
    /// for the transactions to start, 15 s after the CSMS is back (when it is) for a coordinator that
    /// wakes late on a loaded machine. The stop waits up to 30 s for the stations' last messages.
    static func run(downtime: String) async throws -> RunReport {
        var configuration = FleetRunConfiguration(profile: try profile(downtime: downtime))
        configuration.stations = stations
        configuration.duration = .seconds(45)
        configuration.speed = 4
        configuration.rampPerSecond = 200
        configuration.loops = 2
        configuration.connectTimeout = .seconds(30)
        configuration.drainTimeout = .seconds(30)
        let report = try await FleetRunner(configuration: configuration).run()
        // The coordinator shares the tests' cooperative pool: starved, it may first wake after the run's end,
        // and then the CSMS never went down. Nothing this suite is about happened, and it says so.
        if !report.storms.contains(where: { $0.injected && $0.fault == "restartCSMS" }) {
            try Test.cancel("the run ended before its coordinator took the CSMS's restart (a starved machine)")
        }
        return report
    }

    @Test("a CSMS back before the stop receives the StopTransaction of every transaction it started")
    func everyTransactionStopsAtACSMSBackBeforeTheStop() async throws {
        let report = try await Self.run(downtime: "20s")

        // What the test is about: transactions ran, and no station was online as the run stopped.
        let started = report.transactions.started
        try #require(started > 0)
        try #require(report.connections.connectedBeforeStop == 0)
        // Each came back as the run stopped, booted and delivered what it held.
        #expect(report.csms["transactions.started"] == Double(started))
        #expect(report.csms["transactions.stopped"] == Double(started))
        #expect(report.csms["transactions.open"] == 0)
        #expect(report.transactions.stopped == started)
        #expect(report.transactions.lost == 0)
        #expect(report.transactions.lostMessages.total == 0)
        #expect(report.transactions.unsentAtEnd == 0)
    }

    @Test("with the CSMS down for good at the stop, what the stations hold is counted unsent")
    func whatStationsHoldIsCountedUnsentWhenTheCSMSIsDownAtTheStop() async throws {
        let report = try await Self.run(downtime: "1h")

        let open = try #require(report.csms["transactions.open"])
        try #require(open > 0)
        try #require(report.connections.connectedBeforeStop == 0)
        // At least one StopTransaction for each transaction the CSMS still has open.
        #expect(Double(report.transactions.unsentAtEnd) >= open)
        #expect(report.transactions.stopped == 0)
    }
}
