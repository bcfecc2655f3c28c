import Basics
import Testing

@testable import Metrics

@Suite struct MetricsRecorderTests {
    @Test func callsAndAnswersAreCountedPerAction() {
        let recorder = MetricsRecorder()
        let heartbeat = recorder.register(action: "Heartbeat")
        let start = recorder.register(action: "StartTransaction")
        for _ in 0..<3 { recorder.recordSent(heartbeat) }
        recorder.recordAnswer(heartbeat, latencyMicros: 900, serviceMicros: 400)
        recorder.recordCallError(heartbeat, code: "NotImplemented", latencyMicros: 1_500, serviceMicros: 700)
        recorder.recordTimeout(heartbeat)
        recorder.recordSent(start)
        let metrics = recorder.collect()
        let recorded = metrics.actions.first { $0.name == "Heartbeat" }
        #expect(recorded?.sent == 3)
        #expect(recorded?.ok == 1)
        #expect(recorded?.callErrors.counts == ["NotImplemented": 1])
        #expect(recorded?.timeouts == 1)
        #expect(recorded?.latency.totalCount == 2)
        #expect(recorded?.latency.maxValue == 1_500)
        #expect(recorded?.serviceTime.maxValue == 700)
        #expect(metrics.actions.map(\.name) == ["Heartbeat", "StartTransaction"])
    }

    @Test func registeringAnActionTwiceGivesTheSameHandle() {
        let recorder = MetricsRecorder()
        #expect(recorder.register(action: "Authorize") == recorder.register(action: "Authorize"))
    }

    @Test func advancingClosesEachSecondWithItsOwnCountsAndLatencies() {
        let recorder = MetricsRecorder()
        let meter = recorder.register(action: "MeterValues")
        recorder.recordConnected(isReconnect: false)
        recorder.recordSent(meter)
        recorder.recordAnswer(meter, latencyMicros: 100, serviceMicros: 50)
        recorder.advance(toElapsedMicros: 1_200_000)
        recorder.recordSent(meter)
        recorder.recordAnswer(meter, latencyMicros: 7_000, serviceMicros: 50)
        recorder.advance(toElapsedMicros: 3_000_001)
        let metrics = recorder.collect()
        #expect(metrics.closedSeconds.map(\.second) == [0, 1, 2])
        #expect(metrics.closedSeconds.map(\.counts.sent) == [1, 1, 0])
        #expect(metrics.closedSeconds.map { $0.point.latencyP99 } == [100, 7_000, 0])
        #expect(metrics.closedSeconds.map(\.counts.connected) == [1, 1, 1])
        #expect(metrics.openSecond == 3)
        #expect(recorder.collect().closedSeconds.isEmpty)
    }

    @Test func linksCountAttemptsFailuresAndTheirPeak() {
        let recorder = MetricsRecorder()
        recorder.recordConnectAttempt(isReconnect: false)
        recorder.recordConnectAttempt(isReconnect: false)
        recorder.recordConnected(isReconnect: false)
        recorder.recordConnected(isReconnect: false)
        recorder.recordDisconnected(reason: "ping_timeout")
        recorder.recordConnectAttempt(isReconnect: true)
        recorder.recordConnectFailed(reason: "refused")
        let connections = recorder.collect().connections
        #expect(connections.attempted == 3)
        #expect(connections.established == 2)
        #expect(connections.failed.counts == ["refused": 1])
        #expect(connections.current == 1)
        #expect(connections.maxConcurrent == 2)
    }

    @Test func reconnectsCountLinksReEstablishedAndReconnectAttemptsEveryTry() {
        let recorder = MetricsRecorder()
        recorder.recordConnectAttempt(isReconnect: false)
        recorder.recordConnected(isReconnect: false)
        recorder.recordDisconnected(reason: "csms_close_1001")
        for _ in 0..<3 {
            recorder.recordConnectAttempt(isReconnect: true)
            recorder.recordConnectFailed(reason: "refused")
        }
        recorder.recordConnectAttempt(isReconnect: true)
        recorder.recordConnected(isReconnect: true)
        let connections = recorder.collect().connections
        #expect(connections.attempted == 5)
        #expect(connections.reconnectAttempts == 4)
        #expect(connections.reconnects == 1)
    }

    @Test func closedLinksAreCountedByReasonAndLeaveTheLinksUp() {
        let recorder = MetricsRecorder()
        for _ in 0..<4 {
            recorder.recordConnectAttempt(isReconnect: false)
            recorder.recordConnected(isReconnect: false)
        }
        recorder.recordDisconnected(reason: "binary_frame_1003")
        recorder.recordDisconnected(reason: "no_close_frame")
        recorder.recordDisconnected(reason: "no_close_frame")
        let connections = recorder.collect().connections
        #expect(connections.closed.counts == ["binary_frame_1003": 1, "no_close_frame": 2])
        #expect(connections.established == connections.closed.total + connections.current)
    }

    @Test func connectedBeforeStopIsTheLinksUpWhenTheRunBeginsToStop() {
        let recorder = MetricsRecorder()
        for _ in 0..<3 {
            recorder.recordConnectAttempt(isReconnect: false)
            recorder.recordConnected(isReconnect: false)
        }
        recorder.recordStopping()
        for _ in 0..<3 { recorder.recordDisconnected(reason: "run_end") }
        let connections = recorder.collect().connections
        #expect(connections.connectedBeforeStop == 3)
        #expect(connections.current == 0)
        #expect(connections.closed.counts == ["run_end": 3])
    }

    @Test func transactionsAddUpTheirEnergy() {
        let recorder = MetricsRecorder()
        recorder.recordTransactionStarted()
        recorder.recordTransactionStarted()
        recorder.recordTransactionStopped(energyWh: 7_400)
        recorder.recordTransactionLost()
        let transactions = recorder.collect().transactions
        #expect(transactions.started == 2)
        #expect(transactions.stopped == 1)
        #expect(transactions.lost == 1)
        #expect(transactions.energyWh == 7_400)
    }

    @Test func theFinalCollectionClosesTheSecondInProgress() {
        let recorder = MetricsRecorder()
        let boot = recorder.register(action: "BootNotification")
        recorder.advance(toElapsedMicros: 1_500_000)
        recorder.recordSent(boot)
        let metrics = recorder.collectFinal()
        #expect(metrics.closedSeconds.map(\.second) == [0, 1])
        #expect(metrics.closedSeconds.last?.counts.sent == 1)
    }

    @Test func callErrorCodesPastTheCapCountAsOther() {
        var counts = BoundedCounts()
        for code in 0..<(BoundedCounts.limit + 5) { counts.add("Code\(code)") }
        #expect(counts.counts.count == BoundedCounts.limit + 1)
        #expect(counts.counts[BoundedCounts.otherName] == 5)
        #expect(counts.total == UInt64(BoundedCounts.limit + 5))
    }
}

@Suite struct MetricsAggregatorTests {
    @Test func totalsOfAllLoopsAddUp() {
        var aggregator = MetricsAggregator(loopCount: 2)
        for loop in 0..<2 {
            let recorder = MetricsRecorder()
            let heartbeat = recorder.register(action: "Heartbeat")
            for _ in 0...loop { recorder.recordSent(heartbeat) }
            recorder.recordConnected(isReconnect: false)
            aggregator.add(recorder.collect(), fromLoop: loop)
        }
        let snapshot = aggregator.snapshot()
        #expect(snapshot.actions["Heartbeat"]?.sent == 3)
        #expect(snapshot.connections.current == 2)
        #expect(snapshot.connections.maxConcurrent == 2)
    }

    @Test func aSecondBecomesAPointOnlyOnceEveryLoopClosedIt() {
        var aggregator = MetricsAggregator(loopCount: 2)
        let first = MetricsRecorder()
        let second = MetricsRecorder()
        first.advance(toElapsedMicros: 2_000_000)
        second.advance(toElapsedMicros: 1_000_000)
        aggregator.add(first.collect(), fromLoop: 0)
        aggregator.add(second.collect(), fromLoop: 1)
        #expect(aggregator.snapshot().timeline.map(\.second) == [0])
        second.advance(toElapsedMicros: 2_000_000)
        aggregator.add(second.collect(), fromLoop: 1)
        #expect(aggregator.snapshot().timeline.map(\.second) == [0, 1])
    }

    @Test func secondsCollectedWithoutTotalsMakeTheTimelineOfFullCollections() {
        var full = MetricsAggregator(loopCount: 1)
        var secondsOnly = MetricsAggregator(loopCount: 1)
        let fullRecorder = MetricsRecorder()
        let secondsRecorder = MetricsRecorder()
        for recorder in [fullRecorder, secondsRecorder] {
            let heartbeat = recorder.register(action: "Heartbeat")
            recorder.recordSent(heartbeat)
            recorder.recordAnswer(heartbeat, latencyMicros: 700, serviceMicros: 300)
            recorder.advance(toElapsedMicros: 2_500_000)
        }
        full.add(fullRecorder.collect(), fromLoop: 0)
        let seconds = secondsRecorder.collectSeconds()
        secondsOnly.add(seconds: seconds.closed, openSecond: seconds.openSecond, fromLoop: 0)
        #expect(seconds.openSecond == 2)
        #expect(secondsOnly.snapshot().timeline == full.snapshot().timeline)
        // The totals wait for a full collection.
        #expect(secondsOnly.snapshot().actions.isEmpty)
        secondsOnly.add(secondsRecorder.collectFinal(), fromLoop: 0)
        full.add(fullRecorder.collectFinal(), fromLoop: 0)
        #expect(secondsOnly.finish() == full.finish())
    }

    @Test func aSecondsPercentilesComeFromTheLatenciesOfEveryLoop() {
        var aggregator = MetricsAggregator(loopCount: 2)
        var union = LatencyHistogram()
        var generator = SplitMix64(seed: 3)
        for loop in 0..<2 {
            let recorder = MetricsRecorder()
            let action = recorder.register(action: "Authorize")
            for _ in 0..<500 {
                // Loop 1 is ten times slower, so percentiles of percentiles would differ from the truth.
                let latency = generator.next() % 10_000 * UInt64(1 + 9 * loop)
                recorder.recordAnswer(action, latencyMicros: latency, serviceMicros: latency)
                union.record(latency)
            }
            recorder.advance(toElapsedMicros: 1_000_000)
            aggregator.add(recorder.collect(), fromLoop: loop)
        }
        let point = aggregator.finish().timeline.first
        #expect(point?.answered == 1_000)
        #expect(point?.latencyP50 == union.value(atPercentile: 50))
        #expect(point?.latencyP99 == union.value(atPercentile: 99))
    }

    @Test func finishingTurnsEveryWaitingSecondIntoAPoint() {
        var aggregator = MetricsAggregator(loopCount: 2)
        let recorder = MetricsRecorder()
        recorder.advance(toElapsedMicros: 2_500_000)
        aggregator.add(recorder.collectFinal(), fromLoop: 0)
        #expect(aggregator.snapshot().timeline.isEmpty)
        #expect(aggregator.finish().timeline.map(\.second) == [0, 1, 2])
    }
}

/// A day of seconds recorded and aggregated as `ocpp-fleet run` does it (collected every second): sixty
/// stations heartbeating once a minute, all in the minute's first second, with latencies that vary. (Calls
/// in every second would take minutes in a debug build: each second's histogram is allocated and scanned.)
@Suite struct LongRunTests {
    struct Day {
        var snapshot: MetricsSnapshot
        var mostRecorderBytes = 0
        var aggregatorBytesAfterAMinute = 0
        var aggregatorBytesAfterAnHour = 0
        var mostAggregatorBytes = 0
        var whole = LatencyHistogram()
    }

    static let day: Day = {
        let recorder = MetricsRecorder()
        let heartbeat = recorder.register(action: "Heartbeat")
        var aggregator = MetricsAggregator(loopCount: 1)
        var day = Day(snapshot: MetricsSnapshot())
        var generator = SplitMix64(seed: 24)
        for second in 0..<86_400 {
            for _ in 0..<(second % 60 == 0 ? 60 : 0) {
                let latency = 200 + generator.next() % 20_000
                recorder.recordSent(heartbeat)
                recorder.recordAnswer(heartbeat, latencyMicros: latency, serviceMicros: latency / 2)
                day.whole.record(latency)
            }
            day.mostRecorderBytes = max(day.mostRecorderBytes, recorder.timelineBytes)
            recorder.advance(toElapsedMicros: UInt64(second + 1) * 1_000_000)
            aggregator.add(recorder.collect(), fromLoop: 0)
            day.mostAggregatorBytes = max(day.mostAggregatorBytes, aggregator.timelineBytes)
            if second == 59 { day.aggregatorBytesAfterAMinute = aggregator.timelineBytes }
            if second == 3_599 { day.aggregatorBytesAfterAnHour = aggregator.timelineBytes }
        }
        day.snapshot = aggregator.finish()
        return day
    }()

    @Test func theRecorderHoldsOnlyTheSecondsNotCollectedYet() {
        #expect(Self.day.mostRecorderBytes > 0)
        #expect(Self.day.mostRecorderBytes <= 256 << 10)
    }

    @Test func theAggregatorHoldsAfterADayWhatItHeldAfterAMinute() {
        #expect(Self.day.aggregatorBytesAfterAMinute > 0)
        #expect(Self.day.aggregatorBytesAfterAnHour == Self.day.aggregatorBytesAfterAMinute)
        #expect(Self.day.mostAggregatorBytes == Self.day.aggregatorBytesAfterAMinute)
        #expect(Self.day.mostAggregatorBytes <= 1 << 20)
    }

    @Test func theTimelineOfADayIsBoundedAndAddsUpToTheRun() {
        let timeline = Self.day.snapshot.timeline
        #expect(timeline.count <= Timeline.defaultCapacity)
        #expect(timeline.grain == 30)
        #expect(timeline.map(\.sent).reduce(0, +) == 60 * 1_440)
        #expect(timeline.map(\.seconds).reduce(0, +) == 86_400)
        #expect(timeline.map(\.latencyMax).max() == Self.day.whole.maxValue)
        #expect(Self.day.snapshot.peakSentPerSecond == 60)
    }

    @Test func theWholeRunsPercentilesStayExact() {
        let heartbeat = Self.day.snapshot.actions["Heartbeat"]
        #expect(heartbeat?.latency == Self.day.whole)
        #expect(heartbeat?.latency.summary == Self.day.whole.summary)
    }

    @Test func theReportFilesOfADayStaySmall() {
        let report = RunReport(
            run: RunDescription(
                seed: 1, stations: 1, durationSeconds: 86_400, speed: 1, csms: "embedded", profile: "day.json"),
            snapshot: Self.day.snapshot, process: ProcessUsage(userSeconds: 0, systemSeconds: 0, maxRSSBytes: 0))
        #expect(ReportJSON.render(report).utf8.count <= 512 << 10)
        #expect(TimelineCSV.render(report.timeline).utf8.count <= 512 << 10)
        #expect(ReportHTML.render(report).utf8.count <= 512 << 10)
    }
}
