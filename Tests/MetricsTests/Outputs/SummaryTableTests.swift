import Testing

@testable import Metrics

@Suite struct SummaryTableTests {
    @Test func aRunThatSentNothingShowsDashesNotZeros() {
        let report = RunReport(
            run: RunDescription(seed: 1, stations: 0, durationSeconds: 0, speed: 1, csms: "embedded", profile: "p"),
            snapshot: MetricsSnapshot(), process: ProcessUsage(userSeconds: 0, systemSeconds: 0, maxRSSBytes: 0))
        let all = SummaryTable.render(report).split(separator: "\n").first { $0.hasPrefix("all") }
        #expect(all?.split(separator: " ") == ["all"] + Array(repeating: "–", count: 9))
    }

    @Test func callsThatWereNeverAnsweredShowNoLatency() {
        let recorder = MetricsRecorder()
        let boot = recorder.register(action: "BootNotification")
        recorder.recordSent(boot)
        recorder.recordTimeout(boot)
        var aggregator = MetricsAggregator(loopCount: 1)
        aggregator.add(recorder.collectFinal(), fromLoop: 0)
        let report = RunReport(
            run: RunDescription(seed: 1, stations: 1, durationSeconds: 1, speed: 1, csms: "embedded", profile: "p"),
            snapshot: aggregator.finish(), process: ProcessUsage(userSeconds: 0, systemSeconds: 0, maxRSSBytes: 0))
        let row = SummaryTable.render(report).split(separator: "\n").first { $0.hasPrefix("BootNotification") }
        #expect(row?.split(separator: " ") == ["BootNotification", "1", "0", "0", "1"] + Array(repeating: "–", count: 5))
    }

    @Test func commandsFromTheCSMSShowWhatWasReceivedAndAnsweredApartFromCalls() {
        let recorder = MetricsRecorder()
        let start = recorder.register(action: "RemoteStartTransaction")
        recorder.recordReceived(start)
        recorder.recordReceived(start)
        var aggregator = MetricsAggregator(loopCount: 1)
        aggregator.add(recorder.collectFinal(), fromLoop: 0)
        let report = RunReport(
            run: RunDescription(seed: 1, stations: 1, durationSeconds: 1, speed: 1, csms: "embedded", profile: "p"),
            snapshot: aggregator.finish(), process: ProcessUsage(userSeconds: 0, systemSeconds: 0, maxRSSBytes: 0),
            csms: [
                "commands.RemoteStartTransaction.sent": 3, "commands.RemoteStartTransaction.Accepted": 2,
                "commands.RemoteStartTransaction.TimedOut": 1,
            ])
        let lines = SummaryTable.render(report).split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix("RemoteStartTransaction") && $0.contains("–") })
        #expect(lines.contains { $0.hasPrefix("command from the CSMS") && $0.contains("received  answered") })
        let row = lines.first { $0.hasPrefix("RemoteStartTransaction") }
        #expect(row?.split(separator: " ") == ["RemoteStartTransaction", "3", "2", "Accepted", "2,", "TimedOut", "1"])
    }
}
