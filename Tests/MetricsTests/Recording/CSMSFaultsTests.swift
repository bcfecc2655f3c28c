import Foundation
import Testing

@testable import Metrics

@Suite struct CSMSFaultsTests {
    /// The report as written to report.json and read back.
    func readBack(_ report: RunReport) throws -> RunReport {
        try ReportJSONReader.read(Data(ReportJSON.render(report).utf8), file: "report.json")
    }

    /// The fixture's two shards, each written and read back, merged.
    func mergedShards() throws -> RunReport {
        try ReportMerge.merge([1, 2].map { position in
            (file: "\(position).json", report: try readBack(ReportFixture.shardReport(position)))
        })
    }

    func faultsObject(_ report: RunReport) throws -> [String: Any] {
        let json = try JSONSerialization.jsonObject(with: Data(ReportJSON.render(report).utf8)) as? [String: Any]
        return try #require(json?["csms_faults"] as? [String: Any])
    }

    @Test func badFramesAreCountedByCodeFromTheRecorderToTheMergedReport() throws {
        let expected = ["FormationViolation": UInt64(3), "NotImplemented": 1]
        let report = ReportFixture.report()
        #expect(report.csmsFaults.badFrames.counts == expected)
        let written = try faultsObject(report)["bad_frames"] as? [String: Int]
        #expect(written == ["FormationViolation": 3, "NotImplemented": 1])
        #expect(try readBack(report).csmsFaults.badFrames.counts == expected)
        #expect(try mergedShards().csmsFaults.badFrames.counts == expected)
    }

    @Test func unmatchedAnswersAreCountedFromTheRecorderToTheMergedReport() throws {
        let report = ReportFixture.report()
        #expect(report.csmsFaults.unmatchedAnswers == 3)
        #expect(try faultsObject(report)["unmatched_answers"] as? Int == 3)
        #expect(try readBack(report).csmsFaults.unmatchedAnswers == 3)
        #expect(try mergedShards().csmsFaults.unmatchedAnswers == 3)
    }

    @Test func badFrameCodesPastTheCapCountAsOther() {
        let recorder = MetricsRecorder()
        for code in 0..<(BoundedCounts.limit + 2) { recorder.recordBadFrame(code: "Code\(code)") }
        let faults = recorder.collect().csmsFaults
        #expect(faults.badFrames.counts.count == BoundedCounts.limit + 1)
        #expect(faults.badFrames.counts[BoundedCounts.otherName] == 2)
    }

    @Test func aReportWrittenBeforeCSMSFaultsReadsAsNoFaults() throws {
        let text = ReportJSON.render(ReportFixture.report())
        let start = try #require(text.range(of: "  \"csms_faults\": {"))
        let end = try #require(text.range(of: "  \"histograms\"", range: start.upperBound..<text.endIndex))
        let report = try ReportJSONReader.read(
            Data((text[..<start.lowerBound] + text[end.lowerBound...]).utf8), file: "old/report.json")
        #expect(report.csmsFaults == CSMSFaultMetrics())
    }

    @Test func theSummaryTableShowsFaultsOnlyWhenThereAreSome() {
        let report = ReportFixture.report()
        #expect(SummaryTable.render(report).contains(
            "csms faults   4 bad frames (FormationViolation 3, NotImplemented 1), 3 unmatched answers"))
        var clean = report
        clean.csmsFaults = CSMSFaultMetrics()
        #expect(!SummaryTable.render(clean).contains("csms faults"))
    }
}
