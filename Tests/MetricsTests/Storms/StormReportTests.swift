import Basics
import Foundation
import Testing

@testable import Metrics

/// Storms in every output: report.json and back, `report merge` of shards, SLOs, the summary and
/// report.html.
@Suite struct StormReportTests {
    static let second: UInt64 = 1_000_000

    /// A shard's report: its `stations` stations hit by a restartCSMS at 10 s, station k back after
    /// `k + 1 + delay` seconds, and a storm it detected at `detectedAt` s of its own clock.
    static func report(
        shard: String = "1/1", fleet: Int = 4, delay: UInt64 = 0, detectedAt: UInt64 = 50, clockStart: String? = nil
    ) -> RunReport {
        let stations = FleetShard(shard)?.stations(ofFleetOf: fleet).count ?? fleet
        let recorder = MetricsRecorder()
        recorder.stations = stations
        let boot = recorder.register(action: "BootNotification")
        recorder.recordSent(boot)
        recorder.recordAnswer(boot, latencyMicros: 1_000, serviceMicros: 500)
        for station in 0..<stations { recorder.recordOnline(station: station) }
        recorder.advance(toElapsedMicros: 10 * second)
        for station in 0..<stations {
            recorder.recordFault("restartCSMS", occurrence: 2, startMicros: 10 * second, station: station, isOnline: true)
            recorder.recordOffline(station: station)
        }
        for station in 0..<stations {
            recorder.advance(toElapsedMicros: (11 + delay + UInt64(station)) * second)
            recorder.recordOnline(station: station)
        }
        recorder.advance(toElapsedMicros: detectedAt * second)
        for station in 0..<stations {
            recorder.recordOffline(station: station)
            recorder.recordLinkLost(station: station)
        }
        recorder.advance(toElapsedMicros: (detectedAt + 10) * second)
        for station in 0..<stations { recorder.recordOnline(station: station) }
        recorder.advance(toElapsedMicros: (detectedAt + 20) * second)
        var aggregator = MetricsAggregator(loopCount: 1)
        aggregator.add(recorder.collectFinal(), fromLoop: 0)
        return RunReport(
            run: RunDescription(
                seed: 1, stations: stations, durationSeconds: Double(detectedAt + 20), speed: 1,
                csms: "ws://127.0.0.1:9000/ocpp", profile: "storm", shard: shard, stationClockStart: clockStart),
            snapshot: aggregator.finish(), process: ProcessUsage(userSeconds: 0, systemSeconds: 0, maxRSSBytes: 0))
    }

    @Test func stormsGoThroughReportJSONAndBackExactly() throws {
        let report = Self.report()
        let json = ReportJSON.render(report)
        #expect(json.contains("\"storms\": ["))
        #expect(json.contains("\"fault\": \"restartCSMS\""))
        #expect(json.contains("\"fault\": \"csmsWentAway\""))
        let reread = try ReportJSONReader.read(Data(json.utf8), file: "report.json")
        #expect(reread.storms == report.storms)
        #expect(reread.timeline.map(\.booted) == report.timeline.map(\.booted))
    }

    @Test func theJSONNamesEachFigure() throws {
        let json = ReportJSON.render(Self.report())
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let storms = try #require(root["storms"] as? [[String: Any]])
        let restart = try #require(storms.first)
        #expect(restart["stations"] as? Int == 4)
        #expect(restart["recovered_pct"] as? Double == 100)
        let recovery = try #require(restart["recovery_s"] as? [String: Double])
        #expect(recovery == ["p50": 2, "p90": 4, "p99": 4, "p100": 4])
        #expect(restart["start_s"] as? Double == 10)
        #expect(restart["started_at"] is NSNull)
        let dated = ReportJSON.render(Self.report(clockStart: "2026-01-05T08:00:00.000Z"))
        #expect(dated.contains("\"started_at\": \"2026-01-05T08:00:10.000Z\""))
        #expect(restart["end_s"] as? Double == 14)
        let columns = try #require((root["timeline"] as? [String: Any])?["columns"] as? [String])
        #expect(columns.suffix(5) == ["connect_attempts", "accepted", "refused", "connect_timeouts", "booted"])
    }

    @Test func aReportFromBeforeStormsStillReads() throws {
        var json = ReportJSON.render(Self.report())
        let storms = try #require(json.range(of: "  \"storms\": ["))
        let timeline = try #require(json.range(of: "  \"timeline\": {"))
        json.removeSubrange(storms.lowerBound..<timeline.lowerBound)
        #expect(try ReportJSONReader.read(Data(json.utf8), file: "old.json").storms.isEmpty)
    }

    @Test func shardsPartsOfAStormMergeIntoTheFleetsStorm() throws {
        let first = Self.report(shard: "1/2", fleet: 4, delay: 0, clockStart: "2026-01-05T08:00:00.000Z")
        // The second shard started 2 s later: the CSMS it saw go away at its 48th second is the same.
        let second = Self.report(shard: "2/2", fleet: 4, delay: 1, detectedAt: 48, clockStart: "2026-01-05T08:00:02.000Z")
        let merged = try ReportMerge.merge([(file: "a", report: first), (file: "b", report: second)])
        #expect(merged.storms.map(\.fault) == ["restartCSMS", StormMetrics.wentAway])
        let restart = try #require(merged.storms.first)
        #expect(restart.stations == 4)
        // Back after 1, 2 (first shard) and 2, 3 s (second): ranks 2 and 4 of 4.
        #expect(restart.recovery(percent: 50) == 2_000)
        #expect(restart.recovery(percent: 100) == 3_000)
        let detected = try #require(merged.storms.last)
        #expect(detected.stations == 4)
        #expect(detected.startMicros == 50 * Self.second)
    }

    @Test func objectivesOnRecoveryTakeTheWorstStorm() throws {
        let report = Self.report()
        #expect(try SLO(parsing: "recovery_p99 < 11s").evaluate(against: report).ok)
        #expect(try !SLO(parsing: "recovery_p99 < 9s").evaluate(against: report).ok)
        #expect(try SLO(parsing: "recovery_p100(restartCSMS) <= 4s").evaluate(against: report).ok)
        #expect(try SLO(parsing: "recovered == 100%").evaluate(against: report).ok)
        #expect(try SLO(parsing: "recovered(restartCSMS) == 4").evaluate(against: report).ok)
        let none = try SLO(parsing: "recovery_p50(dropLinks) < 1s").evaluate(against: report)
        #expect(!none.ok)
        #expect(none.detail.contains("no dropLinks storm"))
    }

    @Test func aShareNeverBackFailsItsObjective() throws {
        var report = Self.report()
        report.storms[0].stations += 1
        let result = try SLO(parsing: "recovery_p100 < 1000s").evaluate(against: report)
        #expect(!result.ok)
        #expect(result.value == nil)
        #expect(try !SLO(parsing: "recovered == 100%").evaluate(against: report).ok)
    }

    @Test func recoveryThresholdsNeedADuration() {
        #expect(throws: SLOParseError.self) { try SLO(parsing: "recovery_p99 < 90") }
        #expect(throws: SLOParseError.self) { try SLO(parsing: "recovery_p42 < 90s") }
        #expect(throws: SLOParseError.self) { try SLO(parsing: "recovered < 90ms") }
    }

    @Test func theSummaryHasALinePerStorm() {
        let text = SummaryTable.render(Self.report())
        #expect(text.contains("storm         restartCSMS at 10.0 s: 4/4 stations back, p50 2.0 s p90 4.0 s p99 4.0 s p100 4.0 s"))
        #expect(text.contains("storm         csmsWentAway (detected) at 50.0 s: 4/4 stations back"))
    }

    @Test func theSummaryTellsTheMessagesThatWaitedOffline() {
        var report = Self.report()
        var wait = LatencyHistogram()
        for micros: UInt64 in [1_500_000, 2_000_000, 2_500_000] { wait.record(micros) }
        report.storms[0].queuedWait = HistogramBuckets(wait)
        report.storms[0].queuedMessages = 3
        report.storms[0].queuedPeak = 2
        let text = SummaryTable.render(report)
        #expect(text.contains(", 3 messages waiting when back (up to 2500.000 ms, at most 2 for a station)"))
    }

    @Test func theHTMLReportChartsTheStormsWithEachFaultMarked() throws {
        let html = ReportHTML.render(Self.report())
        #expect(html.contains("<h2>Storms</h2>"))
        #expect(html.contains("Storms: stations and connection attempts"))
        #expect(html.components(separatedBy: "<line class=\"marker\"").count == 3)
        #expect(html.contains(">restartCSMS</text>"))
        let counts = try XMLWellFormedness.elementCounts(of: html).get()
        #expect(counts["svg", default: 0] >= 5)
    }
}
