import Foundation
import Testing

@testable import Metrics

/// An answer after its call's timeout is late, not a fault of the CSMS: counted per action, measured in
/// the latencies, and carried through report.json, `report merge` and the summary.
@Suite struct LateAnswerTests {
    /// One loop's Heartbeats: two answered in time, one timed out and answered 12 s after it was due.
    static func recording() -> LoopMetrics {
        let recorder = MetricsRecorder()
        let heartbeat = recorder.register(action: "Heartbeat")
        for _ in 0..<3 { recorder.recordSent(heartbeat) }
        recorder.recordAnswer(heartbeat, latencyMicros: 2_000, serviceMicros: 1_000)
        recorder.recordAnswer(heartbeat, latencyMicros: 3_000, serviceMicros: 1_000)
        recorder.recordTimeout(heartbeat)
        recorder.recordLateAnswer(heartbeat, latencyMicros: 12_000_000, serviceMicros: 11_000_000)
        recorder.advance(toElapsedMicros: 2_000_000)
        return recorder.collectFinal()
    }

    static func report(shard: String = "1/1", start: String? = nil, ahead: Double? = nil) -> RunReport {
        var aggregator = MetricsAggregator(loopCount: 1)
        aggregator.add(recording(), fromLoop: 0)
        return RunReport(
            run: RunDescription(
                seed: 1, stations: 2, durationSeconds: 2, speed: 60, csms: "ws://127.0.0.1:9000/ocpp",
                profile: "smoke", shard: shard, stationClockStart: start, stationClockAheadSeconds: ahead),
            snapshot: aggregator.finish(), process: ProcessUsage(userSeconds: 0, systemSeconds: 0, maxRSSBytes: 0),
            csms: [:])
    }

    @Test func aLateAnswerIsCountedAndMeasuredButIsNeitherOkNorAFault() throws {
        let heartbeat = try #require(Self.recording().actions.first)
        #expect(heartbeat.late == 1)
        #expect(heartbeat.timeouts == 1)
        #expect(heartbeat.ok == 2)
        #expect(heartbeat.latency.totalCount == 3)
        #expect(heartbeat.latency.maxValue >= 12_000_000)
        #expect(heartbeat.serviceTime.maxValue >= 11_000_000)
        #expect(Self.report().csmsFaults.unmatchedAnswers == 0)
    }

    @Test func theHTMLReportHasALateColumn() {
        let html = ReportHTML.render(Self.report())
        #expect(html.contains("<th>timeouts</th><th>late</th>"))
        #expect(html.contains("<tr><td>Heartbeat</td><td>3</td><td>2</td><td>0</td><td>1</td><td>1</td>"))
    }

    @Test func anObjectiveCountsLateAnswersAsAShareOfTheCallsSent() throws {
        #expect(try SLO(parsing: "late == 1").evaluate(against: Self.report()).ok)
        #expect(try !SLO(parsing: "late(Heartbeat) == 0").evaluate(against: Self.report()).ok)
        #expect(try SLO(parsing: "late < 34%").evaluate(against: Self.report()).ok)
        #expect(try !SLO(parsing: "late < 33%").evaluate(against: Self.report()).ok)
    }

    @Test func aLateAnswerWhoseCallIsForgottenIsCountedWithoutALatency() throws {
        let recorder = MetricsRecorder()
        let boot = recorder.register(action: "BootNotification")
        recorder.recordLateAnswer(boot, latencyMicros: nil, serviceMicros: nil)
        let figures = try #require(recorder.collect().actions.first)
        #expect(figures.late == 1)
        #expect(figures.latency.totalCount == 0)
    }

    @Test func reportJSONHasTheLateCountOfEachActionAndReadsItBack() throws {
        let text = ReportJSON.render(Self.report())
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let messages = try #require(root["messages"] as? [String: Any])
        let byAction = try #require(messages["by_action"] as? [String: [String: Any]])
        #expect(byAction["Heartbeat"]?["late"] as? Int == 1)
        #expect((messages["all"] as? [String: Any])?["late"] as? Int == 1)
        let read = try ReportJSONReader.read(Data(text.utf8), file: "report.json")
        #expect(read.figures(for: "Heartbeat")?.late == 1)
        #expect(ReportJSON.render(read) == text)
    }

    @Test func mergedShardsAddTheirLateAnswers() throws {
        let merged = try ReportMerge.merge([
            (file: "a", report: Self.report(shard: "1/2")), (file: "b", report: Self.report(shard: "2/2")),
        ])
        #expect(merged.figures(for: "Heartbeat")?.late == 2)
        #expect(merged.allActions.late == 2)
    }

    @Test func theSummarySaysHowManyAnswersCameLate() {
        let summary = SummaryTable.render(Self.report())
        #expect(summary.contains("late answers  1 after their timeout (Heartbeat 1)"))
    }

    @Test func aRunAgainstACSMSSaysWhereTheStationClocksStartedAndHowFarTheyRanAhead() throws {
        let text = ReportJSON.render(Self.report(start: "2026-12-05T09:00:00.000+00:00", ahead: 118))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let run = try #require(root["run"] as? [String: Any])
        #expect(run["station_clock_start"] as? String == "2026-12-05T09:00:00.000+00:00")
        #expect(run["station_clock_ahead_s"] as? Double == 118)
        let read = try ReportJSONReader.read(Data(text.utf8), file: "report.json")
        #expect(read.run.stationClockStart == "2026-12-05T09:00:00.000+00:00")
        #expect(read.run.stationClockAheadSeconds == 118)
    }

    @Test func aSimulationHasNoStationClockInItsRun() throws {
        let text = ReportJSON.render(Self.report())
        #expect(!text.contains("station_clock"))
    }

    @Test func mergedShardsStartedWithTheFirstAndRanAsFarAheadAsTheFurthest() throws {
        let merged = try ReportMerge.merge([
            (file: "a", report: Self.report(shard: "1/2", start: "2026-12-05T09:00:01.000+00:00", ahead: 100)),
            (file: "b", report: Self.report(shard: "2/2", start: "2026-12-05T09:00:00.500+00:00", ahead: 120)),
        ])
        #expect(merged.run.stationClockStart == "2026-12-05T09:00:00.500+00:00")
        #expect(merged.run.stationClockAheadSeconds == 120)
    }
}
