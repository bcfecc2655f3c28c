import Foundation
import Testing

@testable import Metrics

@Suite struct ReportMergeTests {
    func shards(_ reports: RunReport...) -> [(file: String, report: RunReport)] {
        reports.enumerated().map { (file: "shard\($0.offset + 1)/report.json", report: $0.element) }
    }

    /// The figures of a point that merge exactly: all but the percentiles.
    func counts(_ timeline: Timeline) -> [[UInt64]] {
        timeline.map {
            [UInt64($0.second), UInt64($0.seconds), $0.sent, $0.peakSent, $0.answered, $0.callErrors, $0.timeouts,
             $0.connectFailures, $0.connected, $0.latencyMax]
        }
    }

    @Test func theShardsOfARunMergeIntoTheReportOfTheWholeRunButForTheTimelinesPercentiles() throws {
        var merged = try ReportMerge.merge(shards(ReportFixture.shardReport(1), ReportFixture.shardReport(2)))
        let whole = ReportFixture.report()
        #expect(counts(merged.timeline) == counts(whole.timeline))
        merged.timeline = whole.timeline
        #expect(merged == whole)
        #expect(ReportJSON.render(merged) == ReportJSON.render(whole))
    }

    @Test func aMergedPointsPercentilesAreTheHighestOfTheShardsSoNeverBelowTheWholeRuns() throws {
        let first = ReportFixture.shardReport(1)
        let second = ReportFixture.shardReport(2)
        let merged = try ReportMerge.merge(shards(first, second))
        let whole = ReportFixture.report()
        try #require(merged.timeline.count == whole.timeline.count)
        for (index, point) in merged.timeline.enumerated() {
            #expect(point.latencyP50 == max(first.timeline[index].latencyP50, second.timeline[index].latencyP50))
            #expect(point.latencyP99 == max(first.timeline[index].latencyP99, second.timeline[index].latencyP99))
            #expect(point.latencyP50 >= whole.timeline[index].latencyP50)
            #expect(point.latencyP90 >= whole.timeline[index].latencyP90)
            #expect(point.latencyP99 >= whole.timeline[index].latencyP99)
        }
    }

    @Test func timelinesOfDifferentGrainsMergeAtTheCoarsest() throws {
        var first = ReportFixture.shardReport(1)
        var second = ReportFixture.shardReport(2)
        first.timeline = Timeline(grain: 1, points: (0..<20).map { TimelineTests.second($0, seed: 1) })
        second.timeline = Timeline(grain: 1, points: (0..<21).map { TimelineTests.second($0, seed: 2) })
            .coarsened(toGrain: 2)
        let merged = try ReportMerge.merge(shards(first, second))
        #expect(merged.timeline.grain == 2)
        #expect(merged.timeline.map(\.second) == Array(stride(from: 0, through: 20, by: 2)))
        #expect(merged.timeline.map(\.seconds) == Array(repeating: 2, count: 10) + [1])
        for (index, point) in merged.timeline.enumerated() {
            let seconds = [2 * index, 2 * index + 1].filter { $0 < 21 }
            let sent = seconds.map { TimelineTests.second($0, seed: 2).sent }
                + seconds.filter { $0 < 20 }.map { TimelineTests.second($0, seed: 1).sent }
            #expect(point.sent == sent.reduce(0, +))
        }
    }

    @Test func mergingReportsReadBackFromTheirFilesGivesTheWholeRunsFile() throws {
        let read = try [1, 2].map { position in
            let report = ReportFixture.shardReport(position)
            return (
                file: "\(position).json",
                report: try ReportJSONReader.read(Data(ReportJSON.render(report).utf8), file: "\(position).json")
            )
        }
        let merged = try ReportMerge.merge(read.reversed())
        let whole = try ReportJSONReader.read(Data(ReportJSON.render(ReportFixture.report()).utf8), file: "whole")
        #expect(merged.actions == whole.actions)
        #expect(merged.allActions == whole.allActions)
        #expect(counts(merged.timeline) == counts(whole.timeline))
        #expect(merged.schedulerLag == whole.schedulerLag)
        #expect(merged.connections == whole.connections)
        #expect(merged.transactions == whole.transactions)
        #expect(merged.csms == whole.csms)
        #expect(merged.run == whole.run)
    }

    @Test func mergedPercentilesComeFromTheMergedHistogramsNotFromTheShardsPercentiles() throws {
        let first = ReportFixture.shardReport(1)
        let second = ReportFixture.shardReport(2)
        let merged = try ReportMerge.merge(shards(first, second))
        let heartbeat = try #require(merged.figures(for: "Heartbeat"))
        var all = LatencyHistogram(try #require(first.figures(for: "Heartbeat")?.latencyBuckets))
        all.merge(LatencyHistogram(try #require(second.figures(for: "Heartbeat")?.latencyBuckets)))
        #expect(heartbeat.latency == all.summary)
        #expect(heartbeat.sent == (first.figures(for: "Heartbeat")?.sent ?? 0) * 2)
    }

    @Test func shardsOfAnotherSeedAreRefused() {
        let error = #expect(throws: ReportMergeError.self) {
            try ReportMerge.merge(shards(ReportFixture.shardReport(1), ReportFixture.shardReport(2, seed: 7)))
        }
        #expect(error?.description == "shard2/report.json: not a shard of the same fleet: run.seed is 7, expected 42")
    }

    @Test func aShardGivenTwiceIsRefused() {
        let error = #expect(throws: ReportMergeError.self) {
            try ReportMerge.merge(shards(ReportFixture.shardReport(1), ReportFixture.shardReport(1)))
        }
        #expect(error?.description.contains("shard 1/2 is given twice") == true)
    }

    @Test func aMissingShardIsNamed() {
        let error = #expect(throws: ReportMergeError.self) {
            try ReportMerge.merge(shards(ReportFixture.shardReport(2)))
        }
        #expect(error?.description == "shard 1/2 missing: give the report of every shard")
    }

    @Test func shardsOfFleetsOfDifferentSizesAreRefused() {
        let error = #expect(throws: ReportMergeError.self) {
            try ReportMerge.merge(shards(ReportFixture.shardReport(1), ReportFixture.shardReport(2, stations: 9)))
        }
        #expect(error?.description.contains("shard 1/2 of this fleet runs 7 stations, the report has 5") == true)
    }

    @Test func aReportWithoutHistogramsIsRefused() {
        var old = ReportFixture.shardReport(2)
        old.schedulerLagBuckets = nil
        let error = #expect(throws: ReportMergeError.self) {
            try ReportMerge.merge(shards(ReportFixture.shardReport(1), old))
        }
        #expect(error?.description.hasPrefix("shard2/report.json: has no histograms") == true)
    }
}
