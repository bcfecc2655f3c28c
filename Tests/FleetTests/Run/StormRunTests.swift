import Fleet
import Foundation
import Metrics
import Synchronization
import Testing
import TestSupport

/// Storms over real sockets: a CSMS that goes away on its own is found in the report with every station
/// it hit, how fast each came back, and figures that agree with what the CSMS itself saw. (The faults a
/// profile injects into the embedded CSMS are measured in ``EmbeddedCSMSRunTests``, whose restarts must
/// not overlap.)
@Suite("Storms measured over sockets", .serialized)
struct StormRunTests {
    /// Whether every storm of `snapshot` is over and `faults` have all begun.
    static func over(_ snapshot: MetricsSnapshot, faults: Set<String>) -> Bool {
        Set(snapshot.storms.map(\.fault)).isSuperset(of: faults) && snapshot.storms.allSatisfy { $0.endMicros != nil }
    }

    /// What a test and its run share across threads.
    final class Shared: Sendable {
        let finished = Atomic<Bool>(false)
        let killedAt = Mutex<Double>(0)
        let restarted = Mutex<PythonCSMS?>(nil)
    }

    /// Runs `configuration` until every storm of `faults` is over, or its duration is up, doing `during`
    /// meanwhile.
    static func runUntilRecovered(
        _ configuration: FleetRunConfiguration, faults: Set<String>, during: (@Sendable () async throws -> Void)? = nil
    ) async throws -> RunReport {
        let runner = FleetRunner(configuration: configuration)
        let shared = Shared()
        async let report = runner.run { progress in
            if !shared.finished.load(ordering: .relaxed), over(progress.snapshot, faults: faults) {
                shared.finished.store(true, ordering: .relaxed)
                runner.stop()
            }
        }
        if let during {
            do {
                try await during()
            } catch {
                runner.stop()
                _ = try await report
                throw error
            }
        }
        return try await report
    }

    static func checkOrdered(_ storm: StormMetrics, within elapsedMicros: UInt64) throws {
        let p50 = try #require(storm.recovery(percent: 50))
        let p90 = try #require(storm.recovery(percent: 90))
        let p99 = try #require(storm.recovery(percent: 99))
        let p100 = try #require(storm.recovery(percent: 100))
        #expect(p50 <= p90 && p90 <= p99 && p99 <= p100)
        #expect(storm.startMicros + p100 * 1000 <= elapsedMicros)
        // The end is its last station's return; the loops (or shards) that found a storm on their own
        // each measured from their own start of it, a few milliseconds apart on a quiet machine, more
        // than 100 ms on a loaded one.
        let end = try #require(storm.endMicros)
        #expect(abs(Int64(end) - Int64(storm.startMicros + p100 * 1000)) < 1_000_000)
    }

    /// The boots `boot_log_csms.py` logged: when (Unix seconds) and which station.
    static func boots(in path: String) -> [(time: Double, station: String)] {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let time = Double(parts[0]) else { return nil }
            return (time, String(parts[1]))
        }
    }

    /// Waits until `count` stations have booted after `since` by the log, for at most `seconds`.
    static func waitForBoots(_ path: String, count: Int, since: Double, seconds: Double) async throws -> Bool {
        let deadline = Date().timeIntervalSince1970 + seconds
        while Date().timeIntervalSince1970 < deadline {
            if Set(boots(in: path).filter { $0.time >= since }.map(\.station)).count >= count { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return false
    }

    @Test("an external CSMS killed and started again: a storm found with its time, its figures the CSMS's own")
    func aCSMSThatWentAwayIsDetected() async throws {
        let log = RunFixtures.temporaryPath("boots.log")
        defer { try? FileManager.default.removeItem(atPath: log) }
        let first = try await offThePool { try PythonCSMS(script: "boot_log_csms.py", arguments: ["--log", log]) }
        let port = first.port
        var configuration = try RunFixtures.configuration(url: first.url, stations: 10, seconds: 120)
        configuration.connectTimeout = .seconds(10)
        let shared = Shared()
        defer { shared.restarted.withLock { $0 = nil } }
        let report = try await Self.runUntilRecovered(configuration, faults: [StormMetrics.wentAway]) {
            let everyone = try await Self.waitForBoots(log, count: 10, since: 0, seconds: 60)
            try #require(everyone, "every station booted once")
            let now = Date().timeIntervalSince1970
            shared.killedAt.withLock { $0 = now }
            try await first.kill()
            // Down long enough for every station's reconnection to be refused at least once.
            try await Task.sleep(for: .seconds(3))
            let again = try await offThePool {
                try PythonCSMS(script: "boot_log_csms.py", arguments: ["--log", log, "--port", String(port)])
            }
            shared.restarted.withLock { $0 = again }
        }
        let killed = shared.killedAt.withLock { $0 }

        let storm = try #require(report.storms.first { $0.fault == StormMetrics.wentAway })
        #expect(!storm.injected)
        #expect(report.storms.count == 1)
        #expect(storm.stations == 10)
        #expect(storm.recovered == 10)
        // Its time: the run's start on the wall clock (speed 30 runs the stations' clock faster, not the
        // run's) plus the storm's start.
        let start = try #require(report.run.stationClockStart.flatMap(Self.date))
        let stormStart = start.timeIntervalSince1970 + Double(storm.startMicros) / 1e6
        #expect(abs(stormStart - killed) < 1)
        try Self.checkOrdered(storm, within: UInt64(report.run.durationSeconds * 1e6))

        // The CSMS's own log: each station's first boot after the kill, from the kill.
        var firstBoots: [String: Double] = [:]
        for boot in Self.boots(in: log) where boot.time > killed && firstBoots[boot.station] == nil {
            firstBoots[boot.station] = boot.time - killed
        }
        let recoveries = firstBoots.values.sorted()
        #expect(recoveries.count == 10)
        for percent in [50, 90, 99, 100] {
            let rank = (percent * recoveries.count + 99) / 100
            let fromLog = recoveries[rank - 1]
            let fromReport = Double(try #require(storm.recovery(percent: Double(percent)))) / 1000
            #expect(abs(fromLog - fromReport) < 1, "p\(percent): the CSMS saw \(fromLog) s, the report says \(fromReport) s")
        }
    }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }
}
