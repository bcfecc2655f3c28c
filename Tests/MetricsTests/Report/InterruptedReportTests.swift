import Foundation
import Testing

@testable import Metrics

/// A run stopped before its end (SIGINT, SIGTERM) says so in every report file, so that CI cannot take it
/// for a full run.
@Suite struct InterruptedReportTests {
    func interrupted() -> RunReport {
        var report = ReportFixture.report()
        report.interrupted = true
        return report
    }

    @Test func reportJSONSaysWhetherTheRunWasInterrupted() throws {
        for flag in [false, true] {
            var report = ReportFixture.report()
            report.interrupted = flag
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(ReportJSON.render(report).utf8)) as? [String: Any])
            #expect(object["interrupted"] as? Bool == flag)
        }
    }

    @Test func theFlagIsReadBackAndMissingMeansACompleteRun() throws {
        let read = try ReportJSONReader.read(Data(ReportJSON.render(interrupted()).utf8), file: "r.json")
        #expect(read.interrupted)
        let old = ReportJSON.render(ReportFixture.report()).replacingOccurrences(of: "\"interrupted\": false,", with: "")
        #expect(!old.contains("interrupted"))
        #expect(try !ReportJSONReader.read(Data(old.utf8), file: "old.json").interrupted)
    }

    @Test func aMergeOfShardsIsInterruptedWhenOneShardWas() throws {
        var second = ReportFixture.shardReport(2)
        second.interrupted = true
        let merged = try ReportMerge.merge([
            (file: "1.json", report: ReportFixture.shardReport(1)), (file: "2.json", report: second),
        ])
        #expect(merged.interrupted)
    }

    @Test func theSummarySaysSoUnderItsFirstLine() {
        let lines = SummaryTable.render(interrupted()).split(separator: "\n")
        #expect(lines[1].hasPrefix("INTERRUPTED"))
        #expect(!SummaryTable.render(ReportFixture.report()).contains("INTERRUPTED"))
    }

    @Test func junitFailsTheRunsOwnCase() throws {
        let xml = JUnitReport.render(interrupted())
        let counts = try XMLWellFormedness.elementCounts(of: xml).get()
        #expect(counts["testcase"] == 1)
        #expect(counts["failure"] == 1)
        #expect(xml.contains("<failure type=\"interrupted\""))
        #expect(xml.contains("failures=\"1\""))
    }
}
