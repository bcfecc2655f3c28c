import Fleet
import Foundation
import Testing
import TestSupport

/// How a fleet dropped at once comes back, seen from the CSMS: `Peers/wave_csms.py` closes every link at
/// once, answers every handshake with 503 for a while, and notes when each one came. The Green'Up retries
/// every serverReconnectionTime, in step, so the attempts come in waves; a jittered backoff and OCPP
/// 2.0.1's RetryBackOff spread them out.
@Suite("Reconnection waves after a CSMS drops a whole fleet")
struct ReconnectionWaveTests {
    static let stations = 200
    /// How long the CSMS refuses handshakes after the drop, in seconds.
    static let refusal = 35.0
    /// The CSMS sets serverReconnectionTime to 10 s rather than the Green'Up's 30: waves 30 s apart would
    /// need more than 90 s of refusal to show three of them, and the policy is the same for any value.
    static let serverReconnectionTime = 10.0

    static func profile(reconnection: String) throws -> Profile {
        let json = """
            {
              "name": "waves",
              "description": "Stations without EVs: only their links matter.",
              "start": "2026-01-05T08:00:00Z",
              "stations": { "count": \(stations), "models": [{ "model": "1VE", "share": 1 }] },
              "sites": [
                {
                  "name": "test",
                  "arrivals": { "list": [{ "at": "10h", "chargingPoint": 1 }] },
                  "dwellMinutes": { "fixed": 60 },
                  "energyKWh": { "fixed": 10 }
                }
              ],
              "reconnection": \(reconnection)
            }
            """
        return try Profile.parse(Array(json.utf8), file: "waves.json")
    }

    /// The handshakes the CSMS refused: by which station, and when, in seconds after it dropped the fleet.
    static func refusedAttempts(
        reconnection: String, csmsArguments: [String] = []
    ) async throws -> [(station: String, time: Double)] {
        let csms = try await KillablePeer.start(
            "wave_csms.py", ["--stations", String(stations), "--refuse-for", String(refusal)] + csmsArguments)
        var configuration = FleetRunConfiguration(profile: try profile(reconnection: reconnection))
        configuration.csmsURL = "ws://127.0.0.1:\(csms.port)/ocpp"
        configuration.stations = stations
        // The test stops the run once the CSMS accepts again; the duration and the wait only bound it, and
        // a loaded machine may take minutes to boot 200 stations against a starved Python CSMS.
        configuration.duration = .seconds(600)
        configuration.speed = 1
        configuration.loops = 2
        configuration.connectTimeout = .seconds(60)
        let runner = FleetRunner(configuration: configuration)
        let fleet = Task { try await runner.run() }
        var notOpened: (any Error)?
        do {
            try await csms.waitForLine("OPEN", timeout: 480)
        } catch {
            notOpened = error
        }
        runner.stop()
        _ = try await fleet.value
        let summary = try await csms.finish()
        if let notOpened { throw notOpened }
        let seen = try #require(try JSONSerialization.jsonObject(with: Data(summary.utf8)) as? [String: Any])
        let drop = try #require(seen["drop"] as? Double)
        let attempts = try #require(seen["attempts"] as? [[Any]])
        return attempts.compactMap { attempt in
            guard attempt.count == 3, attempt[2] as? Int == 503, let time = attempt[0] as? Double,
                let station = attempt[1] as? String
            else { return nil }
            return (station, time - drop)
        }
    }

    /// Groups of attempts separated by at least three quiet seconds.
    static func waves(_ times: [Double]) -> [[Double]] {
        var waves: [[Double]] = []
        for time in times {
            if let last = waves.last?.last, time - last < 3 {
                waves[waves.count - 1].append(time)
            } else {
                waves.append([time])
            }
        }
        return waves
    }

    /// How far apart the stations made their n-th refused attempt, for the deepest n that nine stations in
    /// ten reached (among those that reached it): stations in step make it together. Not the deepest n
    /// every station reached: one station starved by a loaded machine, an attempt short, would bring the
    /// measure back to an early attempt, whose jitter is still small.
    static func spreadOfTheLastCommonAttempt(_ attempts: [(station: String, time: Double)]) -> Double {
        let byStation = Dictionary(grouping: attempts, by: \.station).values.map { $0.map(\.time).sorted() }
        let counts = byStation.map(\.count).sorted(by: >)
        guard !counts.isEmpty else { return 0 }
        let deepest = counts[(counts.count * 9 - 1) / 10]
        guard deepest > 0 else { return 0 }
        let nth = byStation.filter { $0.count >= deepest }.map { $0[deepest - 1] }
        return (nth.max() ?? 0) - (nth.min() ?? 0)
    }

    /// The share of whole seconds, from the first attempt to the last, in which no attempt came.
    static func quietShare(_ times: [Double]) -> Double {
        guard let first = times.first, let last = times.last else { return 0 }
        let seconds = Int(last) - Int(first) + 1
        return 1 - Double(Set(times.map { Int($0) }).count) / Double(seconds)
    }

    @Test("the Green'Up policy comes back in waves, every serverReconnectionTime, every station in each")
    func greenUpComesBackInWaves() async throws {
        let attempts = try await Self.refusedAttempts(
            reconnection: #"{ "policy": "greenup" }"#,
            csmsArguments: ["--reconnection-time", String(Int(Self.serverReconnectionTime))])
        // Refused at 10, 20 and 30 s, accepted at 40: every station tries every 10 s (plus the time its
        // refusal took), and all together: each of the first two waves holds every station, within a few
        // seconds (as wide as a loaded machine spreads them), with quiet seconds between the waves.
        let byStation = Dictionary(grouping: attempts, by: \.station).mapValues { $0.map(\.time).sorted() }
        try #require(byStation.count == Self.stations && byStation.values.allSatisfy { $0.count >= 2 })
        let intervals = byStation.values.flatMap { times in zip(times, times.dropFirst()).map { $1 - $0 } }
        #expect(intervals.allSatisfy { $0 > Self.serverReconnectionTime - 1 && $0 < Self.serverReconnectionTime + 3 })
        for wave in 0..<2 {
            let starts = byStation.values.map { $0[wave] }
            let first = starts.min() ?? 0
            #expect(abs(first - Self.serverReconnectionTime * Double(wave + 1)) < 2.5, "wave \(wave) at \(first) s")
            #expect((starts.max() ?? 0) - first < 6)
        }
        let times = attempts.map(\.time).sorted()
        #expect(Self.waves(times).count >= 2)
        #expect(Self.quietShare(times) > 0.3)
        #expect(Self.spreadOfTheLastCommonAttempt(attempts) < 7)
    }

    @Test("an exponential backoff with jitter spreads the fleet out: no waves")
    func jitteredBackoffSpreadsOut() async throws {
        let attempts = try await Self.refusedAttempts(
            reconnection: #"{ "policy": "exponential", "initial": "1s", "max": "16s", "jitter": 0.5 }"#)
        #expect(attempts.count > Self.stations * 3)
        // Out of step (the Green'Up's stay within a few seconds of each other), and hardly a quiet second.
        #expect(Self.spreadOfTheLastCommonAttempt(attempts) > 7)
        #expect(Self.quietShare(attempts.map(\.time).sorted()) < 0.3)
    }

    @Test("OCPP 2.0.1's RetryBackOff spreads the fleet out: no waves")
    func retryBackOffSpreadsOut() async throws {
        let attempts = try await Self.refusedAttempts(
            reconnection: #"{ "policy": "retryBackOff", "waitMinimum": "2s", "randomRange": "4s", "repeatTimes": 2 }"#)
        #expect(attempts.count > Self.stations * 2)
        #expect(Self.spreadOfTheLastCommonAttempt(attempts) > 7)
        #expect(Self.quietShare(attempts.map(\.time).sorted()) < 0.3)
    }
}
