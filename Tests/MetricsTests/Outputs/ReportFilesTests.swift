import Foundation
import Testing

@testable import Metrics

@Suite struct ReportFilesTests {
    func reportWithObjectives() throws -> RunReport {
        var report = ReportFixture.report()
        report.evaluate([
            try SLO(parsing: "p99(StartTransaction) < 800ms"), try SLO(parsing: "errors < 0.1%"),
            try SLO(parsing: "connected >= 99.9%"),
        ])
        return report
    }

    @Test func theWellFormednessCheckCatchesBadMarkup() {
        let result = XMLWellFormedness.elementCounts(of: "<html><body><p>unclosed</body></html>")
        #expect(throws: (any Error).self) { try result.get() }
    }

    @Test func theHTMLReportIsWellFormedWithItsFourCharts() throws {
        let html = ReportHTML.render(try reportWithObjectives())
        let counts = try XMLWellFormedness.elementCounts(of: html).get()
        #expect(counts["html"] == 1)
        #expect(counts["svg"] == 4)
        #expect(counts["polyline"] == 8)
        for title in ["Messages per second", "Latency from due time", "Connected stations", "Errors per second"] {
            #expect(html.contains("<title>\(title)</title>"))
        }
        #expect(!html.contains("<script"))
        #expect(!html.contains("src="))
        #expect(!html.contains("href="))
    }

    @Test func theHTMLReportEscapesWhatItQuotes() throws {
        var report = try reportWithObjectives()
        report.run.profile = "<evil & \"profile\">"
        let html = ReportHTML.render(report)
        #expect(html.contains("&lt;evil &amp; &quot;profile&quot;&gt;"))
        _ = try XMLWellFormedness.elementCounts(of: html).get()
    }

    @Test func theTimelineCSVHasAHeaderAndOneParseableRowPerSecond() throws {
        let report = ReportFixture.report()
        let lines = TimelineCSV.render(report.timeline).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first.map(String.init) == TimelineCSV.header.joined(separator: ","))
        #expect(lines.last == "")
        let rows = lines.dropFirst().dropLast().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count == report.timeline.count)
        #expect(rows.map { Int($0[0]) } == report.timeline.map(\.second))
        for row in rows {
            #expect(row.count == TimelineCSV.header.count)
            #expect(row.allSatisfy { Double($0) != nil })
        }
        let sent = rows.compactMap { UInt64($0[1]) }.reduce(0, +)
        #expect(sent == report.allActions.sent)
    }

    @Test func theJUnitReportHasOneTestCasePerObjectiveAndFailuresWithTheMeasuredValue() throws {
        let report = try reportWithObjectives()
        let xml = JUnitReport.render(report)
        let counts = try XMLWellFormedness.elementCounts(of: xml).get()
        #expect(counts["testcase"] == 4)
        #expect(counts["failure"] == report.slo.filter { !$0.ok }.count)
        #expect(counts["failure"] == 1)
        let failed = try #require(report.slo.first { !$0.ok })
        #expect(xml.contains("name=\"errors &lt; 0.1%\""))
        #expect(xml.contains("message=\"errors = \(SLO.format(try #require(failed.value)))%"))
    }

    @Test func theJUnitReportOfARunWithNoObjectiveHoldsOnePassingCaseForTheRun() throws {
        let xml = JUnitReport.render(ReportFixture.report())
        let counts = try XMLWellFormedness.elementCounts(of: xml).get()
        #expect(counts["testcase"] == 1)
        #expect(counts["failure"] == nil)
        #expect(xml.contains("<testcase classname=\"run\" name=\"run\""))
    }

    @Test func theSummaryTableHasARowPerActionAndEachObjective() throws {
        let summary = SummaryTable.render(try reportWithObjectives())
        for action in ["BootNotification", "Heartbeat", "StartTransaction", "all"] {
            #expect(summary.split(separator: "\n").contains { $0.hasPrefix(action) })
        }
        #expect(summary.contains("SLO FAIL  errors < 0.1%"))
        #expect(summary.contains("SLO pass  p99(StartTransaction) < 800ms"))
    }

    @Test func theSummaryTableSaysHowLinksFailedAndClosed() throws {
        let lines = SummaryTable.render(ReportFixture.report()).split(separator: "\n")
        let links = try #require(lines.first { $0.hasPrefix("links") })
        #expect(links.contains("2 failed (refused 2)"))
        #expect(links.contains("2 reconnects"))
        #expect(links.contains("10 before the stop"))
        #expect(lines.contains("closed        2 links (csms_close_1001 1, no_close_frame 1)"))
    }

    @Test func theProgressLineShowsElapsedConnectedRateLatencyAndErrors() {
        let snapshot = ReportFixture.snapshot()
        let line = ProgressLine.render(snapshot, stations: 10)
        let last = snapshot.timeline.last!
        #expect(
            line == "5.0s  connected 10/10  \(last.sent) msgs/s  p99 \(NumberText.millis(last.latencyP99)) ms  errors 4")
    }

    @Test func theReportDirectoryHoldsTheFourFiles() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("metrics-report-\(UInt64.random(in: 0...UInt64.max))")
        defer { try? FileManager.default.removeItem(at: folder) }
        try ReportDirectory(folder).write(try reportWithObjectives())
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ReportDirectory.fileNames.sorted())
        let json = try Data(contentsOf: folder.appendingPathComponent("report.json"))
        #expect(try JSONSerialization.jsonObject(with: json) is [String: Any])
    }
}
