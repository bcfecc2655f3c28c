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

    /// The times of the handshakes the CSMS refused, in seconds after it dropped the fleet.
    static func refusedAttempts(reconnection: String, csmsArguments: [String] = []) async throws -> [Double] {
        let csms = try await KillablePeer.start(
            "wave_csms.py", ["--stations", String(stations), "--refuse-for", String(refusal)] + csmsArguments)
        var configuration = FleetRunConfiguration(profile: try profile(reconnection: reconnection))
        configuration.csmsURL = "ws://127.0.0.1:\(csms.port)/ocpp"
        configuration.stations = stations
        configuration.duration = .seconds(150)
        configuration.speed = 1
        configuration.loops = 2
        let runner = FleetRunner(configuration: configuration)
        let fleet = Task { try await runner.run() }
        var notOpened: (any Error)?
        do {
            try await csms.waitForLine("OPEN", timeout: 120)
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
            attempt.count == 3 && attempt[2] as? Int == 503 ? (attempt[0] as? Double).map { $0 - drop } : nil
        }.sorted()
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

    /// The share of whole seconds, from the first attempt to the last, in which no attempt came.
    static func quietShare(_ times: [Double]) -> Double {
        guard let first = times.first, let last = times.last else { return 0 }
        let seconds = Int(last) - Int(first) + 1
        return 1 - Double(Set(times.map { Int($0) }).count) / Double(seconds)
    }

    @Test("the Green'Up policy comes back in waves, every serverReconnectionTime, every station in each")
    func greenUpComesBackInWaves() async throws {
        let times = try await Self.refusedAttempts(
            reconnection: #"{ "policy": "greenup" }"#,
            csmsArguments: ["--reconnection-time", String(Int(Self.serverReconnectionTime))])
        let waves = Self.waves(times)
        // Refused at 10, 20 and 30 s; accepted at 40. A wave is as wide as the drop was felt (a loaded
        // machine spreads it by a second or two), never wider.
        #expect(waves.count == 3)
        for (index, wave) in waves.enumerated() {
            #expect(wave.count == Self.stations)
            #expect(abs(wave[0] - Self.serverReconnectionTime * Double(index + 1)) < 2.5, "wave \(index) at \(wave[0]) s")
            #expect((wave.last ?? 0) - wave[0] < 5)
        }
        #expect(Self.quietShare(times) > 0.4)
    }

    @Test("an exponential backoff with jitter spreads the fleet out: no waves")
    func jitteredBackoffSpreadsOut() async throws {
        let times = try await Self.refusedAttempts(
            reconnection: #"{ "policy": "exponential", "initial": "1s", "max": "16s", "jitter": 0.5 }"#)
        #expect(times.count > Self.stations * 3)
        // One stream of attempts from the first to the last, with hardly a quiet second in it.
        #expect(Self.waves(times).count == 1)
        #expect(Self.quietShare(times) < 0.3)
    }

    @Test("OCPP 2.0.1's RetryBackOff spreads the fleet out: no waves")
    func retryBackOffSpreadsOut() async throws {
        let times = try await Self.refusedAttempts(
            reconnection: #"{ "policy": "retryBackOff", "waitMinimum": "2s", "randomRange": "4s", "repeatTimes": 2 }"#)
        #expect(times.count > Self.stations * 2)
        #expect(Self.waves(times).count == 1)
        #expect(Self.quietShare(times) < 0.3)
    }
}
