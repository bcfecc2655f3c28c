import Foundation
import Testing

@testable import Metrics

@Suite struct ReportJSONReaderTests {
    func reportText() throws -> String {
        var report = ReportFixture.report()
        report.evaluate([try SLO(parsing: "p99(StartTransaction) < 800ms"), try SLO(parsing: "errors < 0.1%")])
        return ReportJSON.render(report)
    }

    /// The report's text with one thing broken: `original`, found exactly once, replaced.
    func broken(_ original: String, with replacement: String) throws -> Data {
        let text = try reportText()
        let parts = text.components(separatedBy: original)
        try #require(parts.count == 2, "\(original) is not found exactly once")
        return Data(parts.joined(separator: replacement).utf8)
    }

    @Test func aReportFromBeforeConnectionTimesReadsWithoutThemAndMergesWithoutThem() throws {
        var root = try #require(try JSONSerialization.jsonObject(with: Data(try reportText().utf8)) as? [String: Any])
        var connections = try #require(root["connections"] as? [String: Any])
        var histograms = try #require(root["histograms"] as? [String: Any])
        #expect(connections.removeValue(forKey: "connect_ms") != nil)
        #expect(histograms.removeValue(forKey: "connect_time") != nil)
        root["connections"] = connections
        root["histograms"] = histograms
        let old = try ReportJSONReader.read(try JSONSerialization.data(withJSONObject: root), file: "old.json")
        #expect(old.connectTime == .empty)
        #expect(old.connectTimeBuckets == nil)
        let current = ReportFixture.report()
        #expect(current.connectTime.count == 10)
        var shard = current
        shard.run.shard = "2/2"
        var first = old
        first.run.shard = "1/2"
        let merged = try ReportMerge.merge([("old.json", first), ("new.json", shard)])
        #expect(merged.connectTime == .empty && merged.connectTimeBuckets == nil)
    }

    @Test func aReportReadBackIsWrittenAgainByteForByte() throws {
        let text = try reportText()
        let report = try ReportJSONReader.read(Data(text.utf8), file: "report.json")
        #expect(ReportJSON.render(report) == text)
        #expect(report.hasHistograms)
        #expect(report.timeline == ReportFixture.report().timeline)
        #expect(report.actions.map(\.latencyBuckets) == ReportFixture.report().actions.map(\.latencyBuckets))
    }

    @Test func theSecondsWithHistogramsOfAnEarlierReportReadAsOnePointPerSecond() throws {
        let text = try reportText()
        var json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        json["timeline"] = nil
        var histograms = try #require(json["histograms"] as? [String: Any])
        histograms["timeline"] = [
            "columns": ReportJSONReader.secondsWithHistogramsColumns,
            "highest": 3_600_000_000,
            "seconds": [
                [0, 3, 2, 1, 0, 0, 5, 100, 300, 400, 0, [[100, 1], [300, 1]]] as [Any],
                [1, 1, 0, 0, 1, 0, 4, 0, 0, 0, 0, [] as [Any]],
            ],
        ] as [String: Any]
        json["histograms"] = histograms
        let report = try ReportJSONReader.read(try JSONSerialization.data(withJSONObject: json), file: "old.json")
        #expect(report.timeline.grain == 1)
        #expect(report.timeline.map(\.second) == [0, 1])
        #expect(report.timeline.map(\.sent) == [3, 1])
        #expect(report.timeline.map(\.timeouts) == [0, 1])
        #expect(report.timeline.first?.latencyP50 == 100)
        #expect(report.timeline.first?.latencyMax == 300)
        #expect(report.timeline.last?.connected == 4)
    }

    @Test func aTimelineGrainThatNoTimelineHasIsRefused() throws {
        let data = try broken("\"grain_s\": 1,", with: "\"grain_s\": 7,")
        let error = #expect(throws: ReportFileError.self) {
            try ReportJSONReader.read(data, file: "report.json")
        }
        #expect(error?.path == "$.timeline.grain_s")
    }

    @Test func theLargestSeedReadsBackExactly() throws {
        var report = ReportFixture.report()
        report.run.seed = .max
        let read = try ReportJSONReader.read(Data(ReportJSON.render(report).utf8), file: "report.json")
        #expect(read.run.seed == .max)
    }

    @Test func aMissingKeyIsNamedWithItsPath() throws {
        let data = try broken("\"sent\": 204,\n", with: "")
        let error = #expect(throws: ReportFileError.self) {
            try ReportJSONReader.read(data, file: "base/report.json")
        }
        #expect(error?.path == "$.messages.by_action.Heartbeat.sent")
        #expect(error?.description == "base/report.json: at $.messages.by_action.Heartbeat.sent: expected a value (missing)")
    }

    @Test func aValueOfTheWrongKindSaysWhatWasExpected() throws {
        let data = try broken("\"seed\": 42,", with: "\"seed\": \"forty-two\",")
        let error = #expect(throws: ReportFileError.self) {
            try ReportJSONReader.read(data, file: "report.json")
        }
        #expect(error?.path == "$.run.seed")
        #expect(error?.expected == "a whole number, 0 or more")
    }

    @Test func bucketsThatDoNotAddUpAreRefused() throws {
        let data = try broken("\"scheduler_lag\": {\n      \"count\": 8,", with: "\"scheduler_lag\": {\n      \"count\": 9,")
        let error = #expect(throws: ReportFileError.self) {
            try ReportJSONReader.read(data, file: "report.json")
        }
        #expect(error?.path == "$.histograms.scheduler_lag.buckets")
    }

    @Test func textThatIsNotJSONIsRefusedAtTheRoot() {
        let error = #expect(throws: ReportFileError.self) {
            try ReportJSONReader.read(Data("not json".utf8), file: "x.json")
        }
        #expect(error?.path == "$")
        #expect(error?.expected.hasPrefix("a JSON document") == true)
    }

    @Test func aSyntaxErrorSaysWhereInTheFileItIs() throws {
        let data = try broken("\"interrupted\": false,", with: "\"interrupted\": false")
        let error = #expect(throws: ReportFileError.self) {
            try ReportJSONReader.read(data, file: "report.json")
        }
        let text = try reportText()
        let line = text[..<text.range(of: "\"interrupted\"")!.lowerBound].filter { $0 == "\n" }.count + 2
        #expect(error?.expected == "a JSON document (line \(line), column 3: expected ',' or '}', found '\"')")
    }

    @Test func aMemberGivenTwiceIsRefused() throws {
        let data = try broken("\"interrupted\": false,", with: "\"interrupted\": false, \"interrupted\": true,")
        let error = #expect(throws: ReportFileError.self) {
            try ReportJSONReader.read(data, file: "report.json")
        }
        #expect(error?.path == "$.interrupted")
        #expect(error?.expected == "each member once")
    }

    @Test func aReportWithoutHistogramsStillReadsButCannotBeMerged() throws {
        let text = try reportText()
        let cut = try #require(text.range(of: ",\n  \"histograms\""))
        let report = try ReportJSONReader.read(Data((text[..<cut.lowerBound] + "\n}\n").utf8), file: "report.json")
        #expect(!report.hasHistograms)
        #expect(report.figures(for: "Heartbeat")?.latency == ReportFixture.report().figures(for: "Heartbeat")?.latency)
    }
}
