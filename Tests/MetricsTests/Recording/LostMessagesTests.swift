import Foundation
import Testing

@testable import Metrics

@Suite struct LostMessagesTests {
    static func lost(_ station: String, _ timestamp: String, reason: String = "attempts") -> LostMessageRecord {
        LostMessageRecord(
            station: station, action: "MeterValues", transactionId: 7, timestamp: timestamp, reason: reason)
    }

    @Test func lostMessagesAndDuplicatesAreReadBackFromReportJSON() throws {
        let recorder = MetricsRecorder()
        recorder.recordMessageLost(Self.lost("GU00002", "2026-01-05T08:01:00.000+00:00"))
        recorder.recordMessageLost(
            LostMessageRecord(
                station: "GU00001", action: "StartTransaction", transactionId: nil,
                timestamp: "2026-01-05T08:00:00.000+00:00", reason: "queue_full"))
        recorder.recordDuplicateSent()
        var aggregator = MetricsAggregator(loopCount: 1)
        aggregator.add(recorder.collectFinal(), fromLoop: 0)
        let report = RunReport(
            run: RunDescription(seed: 1, stations: 2, durationSeconds: 1, speed: 1, csms: "x", profile: "p"),
            snapshot: aggregator.finish(), process: ProcessUsage(userSeconds: 0, systemSeconds: 0, maxRSSBytes: 0))
        let text = ReportJSON.render(report)
        #expect(text.contains(#""transaction_id": null"#))
        let read = try ReportJSONReader.read(Data(text.utf8), file: "report.json")
        #expect(read.transactions.lostMessages.counts == ["attempts": 1, "queue_full": 1])
        #expect(read.transactions.lostMessageList.map(\.station) == ["GU00001", "GU00002"])
        #expect(read.transactions.lostMessageList.last == Self.lost("GU00002", "2026-01-05T08:01:00.000+00:00"))
        #expect(read.transactions.duplicatesSent == 1)
        #expect(ReportJSON.render(read) == text)
    }

    @Test func theNamedListStaysBoundedAndOldestFirstWhenMerged() {
        var first = TransactionMetrics()
        var second = TransactionMetrics()
        for minute in 0..<TransactionMetrics.lostMessageListLimit {
            first.addLost(Self.lost("A", String(format: "2026-01-05T09:%02d:00Z", minute % 60)))
            second.addLost(Self.lost("B", String(format: "2026-01-05T08:%02d:00Z", minute % 60)))
        }
        second.duplicatesSent = 3
        first.merge(second)
        #expect(first.lostMessages.total == UInt64(2 * TransactionMetrics.lostMessageListLimit))
        #expect(first.lostMessageList.count == TransactionMetrics.lostMessageListLimit)
        #expect(first.lostMessageList == first.lostMessageList.sorted())
        #expect(first.lostMessageList.allSatisfy { $0.station == "B" })
        #expect(first.duplicatesSent == 3)
    }
}
