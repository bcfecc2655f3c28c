@testable import Metrics

/// A small run recorded through the public API: two loops, three actions, a few seconds.
enum ReportFixture {
    static func snapshot() -> MetricsSnapshot {
        snapshot(ofLoops: [0, 1])
    }

    /// What the given loops recorded, merged as one process merges its loops.
    static func snapshot(ofLoops loops: [Int]) -> MetricsSnapshot {
        var aggregator = MetricsAggregator(loopCount: loops.count)
        for (position, loop) in loops.enumerated() {
            aggregator.add(recording(ofLoop: loop), fromLoop: position)
        }
        return aggregator.finish()
    }

    static func recording(ofLoop loop: Int) -> LoopMetrics {
        let recorder = MetricsRecorder()
        let boot = recorder.register(action: "BootNotification")
        let start = recorder.register(action: "StartTransaction")
        let heartbeat = recorder.register(action: "Heartbeat")
        for station in 0..<5 {
            recorder.recordConnectAttempt(isReconnect: false)
            recorder.recordConnected(isReconnect: false)
            recorder.recordConnectTime(micros: UInt64(2_000 + station * 500 + loop * 100))
            recorder.recordSent(boot)
            recorder.recordAnswer(boot, latencyMicros: UInt64(1_000 + station * 100), serviceMicros: 500)
        }
        recorder.recordConnectAttempt(isReconnect: true)
        recorder.recordConnectFailed(reason: "refused")
        // One link breaks and its station comes back.
        recorder.recordDisconnected(reason: loop == 0 ? "no_close_frame" : "csms_close_1001")
        recorder.recordConnectAttempt(isReconnect: true)
        recorder.recordConnected(isReconnect: true)
        for second in 1...4 {
            recorder.advance(toElapsedMicros: UInt64(second) * 1_000_000)
            for call in 0..<(10 * second) {
                recorder.recordSent(heartbeat)
                recorder.recordAnswer(
                    heartbeat, latencyMicros: UInt64(200 + call * 10 + loop), serviceMicros: 150)
            }
            recorder.recordSent(start)
            recorder.recordAnswer(start, latencyMicros: UInt64(second) * 150_000, serviceMicros: 90_000)
            recorder.recordTransactionStarted()
            recorder.recordSchedulerLag(micros: UInt64(100 * second))
        }
        recorder.recordSent(heartbeat)
        recorder.recordCallError(heartbeat, code: "InternalError", latencyMicros: 4_000, serviceMicros: 3_000)
        recorder.recordSent(heartbeat)
        recorder.recordTimeout(heartbeat)
        recorder.recordTransactionStopped(energyWh: 5_000)
        for _ in 0...loop {
            recorder.recordBadFrame(code: "FormationViolation")
            recorder.recordUnmatchedAnswer()
        }
        if loop == 1 { recorder.recordBadFrame(code: "NotImplemented") }
        recorder.advance(toElapsedMicros: 5_000_000)
        recorder.recordStopping()
        return recorder.collectFinal()
    }

    static func report(stations: Int = 10) -> RunReport {
        RunReport(
            run: RunDescription(
                seed: 42, stations: stations, durationSeconds: 5, speed: 60, csms: "embedded",
                profile: "Profiles/default.json"),
            snapshot: snapshot(),
            process: ProcessUsage(userSeconds: 1.25, systemSeconds: 0.5, maxRSSBytes: 64 << 20),
            csms: ["messages_received": 208, "boot_notifications": 10])
    }
}

extension ReportFixture {
    /// The fixture's run cut in two shards, one loop each: shard `position` of 2 ran loop `position - 1`.
    static func shardReport(_ position: Int, seed: UInt64 = 42, stations: Int = 5) -> RunReport {
        RunReport(
            run: RunDescription(
                seed: seed, stations: stations, durationSeconds: 5, speed: 60, csms: "embedded",
                profile: "Profiles/default.json", shard: "\(position)/2"),
            snapshot: snapshot(ofLoops: [position - 1]),
            process: ProcessUsage(userSeconds: 0.625, systemSeconds: 0.25, maxRSSBytes: 32 << 20),
            csms: ["messages_received": 104, "boot_notifications": 5])
    }
}
