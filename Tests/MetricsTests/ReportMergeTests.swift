import Foundation
import Testing

@testable import Metrics

@Suite struct ReportMergeTests {
    func shards(_ reports: RunReport...) -> [(file: String, report: RunReport)] {
        reports.enumerated().map { (file: "shard\($0.offset + 1)/report.json", report: $0.element) }
    }

    @Test func theShardsOfARunMergeIntoTheReportOfTheWholeRun() throws {
        let merged = try ReportMerge.merge(shards(ReportFixture.shardReport(1), ReportFixture.shardReport(2)))
        let whole = ReportFixture.report()
        #expect(merged == whole)
        #expect(ReportJSON.render(merged) == ReportJSON.render(whole))
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
        #expect(merged.timeline == whole.timeline)
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
