import Fleet
import Foundation
import Metrics
import Testing

// In the serialized suite of the embedded CSMS: two embedded CSMSs restarting at once, in runs of the
// same process, left the other's stations without their CSMS when the whole suite ran.
extension EmbeddedCSMSRunTests {
    /// Ten stations at speed 30; half their links drop 2 s in (60 s of the profile), some lose power over
    /// a second from 4 s in (120 s, boot 30 s), and the embedded CSMS goes down 8 s in (240 s) for 2 s (60 s).
    static let stormProfileJSON = """
        {
          "name": "storm-test",
          "description": "Half the links drop, then the CSMS restarts.",
          "start": "2026-01-05T08:00:00Z",
          "stations": { "count": 10, "models": [{ "model": "2VE", "share": 1 }] },
          "sites": [
            {
              "name": "test",
              "arrivals": { "list": [{ "at": "20s", "chargingPoint": 1 }] },
              "dwellMinutes": { "fixed": 600 },
              "energyKWh": { "fixed": 50 }
            }
          ],
          "reconnection": { "policy": "fixed", "interval": "1s" },
          "csms": { "heartbeatInterval": "10s" },
          "events": [
            { "at": "60s", "event": "dropLinks", "share": 0.5 },
            { "at": "120s", "event": "powerCycle", "share": 0.3, "over": "30s" },
            { "at": "240s", "event": "restartCSMS", "downtime": "60s" }
          ]
        }
        """

    @Test("a dropLinks, a powerCycle and a restartCSMS against the embedded CSMS: three storms, every station back, in order")
    func injectedStormsAreMeasured() async throws {
        var configuration = try RunFixtures.configuration(url: nil, stations: 10, seconds: 90)
        configuration.profile = try Profile.parse(Array(Self.stormProfileJSON.utf8), file: "storm-test.json")
        let report = try await StormRunTests.runUntilRecovered(configuration, faults: ["dropLinks", "powerCycle", "restartCSMS"])

        #expect(report.storms.map(\.fault) == ["dropLinks", "powerCycle", "restartCSMS"])
        let elapsed = UInt64(report.run.durationSeconds * 1e6)
        for storm in report.storms {
            #expect(storm.injected)
            #expect(storm.stations > 0)
            #expect(storm.recovered == storm.stations)
            try StormRunTests.checkOrdered(storm, within: elapsed)
        }
        let drop = try #require(report.storms.first)
        #expect(drop.stations == 5)
        // At speed 30, 60 s and 240 s of the profile are 2 s and 8 s of the run.
        #expect(abs(Int64(drop.startMicros) - 2_000_000) < 100_000)
        // A power cut's stations come back after their boot (30 s of the profile, a second of the run).
        let powerCycle = try #require(report.storms.first { $0.fault == "powerCycle" })
        #expect(abs(Int64(powerCycle.startMicros) - 4_000_000) < 100_000)
        #expect(try #require(powerCycle.recovery(percent: 50)) >= 900)
        let restart = try #require(report.storms.last)
        #expect(restart.stations == 10)
        #expect(abs(Int64(restart.startMicros) - 8_000_000) < 100_000)
        // No station is back before the CSMS is (2 s of downtime), and every one reboots.
        #expect(try #require(restart.recovery(percent: 50)) >= 1_900)
        #expect(restart.bootLatencyDuring.totalCount >= 10)
        #expect(restart.connectAttempts >= 10)
        #expect(restart.refused.total > 0)
        // Every station was booted again, and each second's counts are there.
        #expect(report.timeline.map(\.booted).max() == 10)
        #expect(report.timeline.map(\.refused).reduce(0, +) == report.connections.failed.counts["refused", default: 0])

        let reread = try ReportJSONReader.read(Data(ReportJSON.render(report).utf8), file: "report.json")
        #expect(reread.storms.count == 3)
        #expect(reread.storms.map { $0.recovery(percent: 99) } == report.storms.map { $0.recovery(percent: 99) })
        #expect(try SLO(parsing: "recovered == 100%").evaluate(against: report).ok)
        #expect(try SLO(parsing: "recovery_p99 < 60s").evaluate(against: report).ok)
    }
}
