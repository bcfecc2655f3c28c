import Fleet
import Foundation
import Metrics
import Testing
import TestSupport

/// The runner against an independent CSMS that lives on the real clock (`Peers/clock_csms.py`): the
/// stations' clocks are the wall clock, the absolute times the CSMS sends mean what it meant, the wait
/// for an answer is never scaled by the speed, and an answer after that wait is late, not a fault.
@Suite("Fleet runner on the real clock against an independent CSMS", .serialized)
struct RealTimeCSMSTests {
    /// What `clock_csms.py` saw.
    struct Seen: Decodable {
        let received: [String: Int]
        let violations: Int
        let timestamps: Int
        let max_skew_s: Double
        let firmware: [Mark]
        let statuses: [Mark]
        let answers: Answers
    }

    /// A status and when the CSMS got it, in seconds from its reference moment.
    struct Mark: Decodable {
        let status: String
        let seconds: Double

        init(from decoder: any Decoder) throws {
            var pair = try decoder.unkeyedContainer()
            status = try pair.decode(String.self)
            seconds = try pair.decode(Double.self)
        }
    }

    struct Answers: Decodable {
        let SetChargingProfile: String?
        let ReserveNow: String?
        let UpdateFirmware: String?
        let GetCompositeSchedule: Composite?
    }

    struct Composite: Decodable {
        let status: String
        let schedule: Schedule?
    }

    struct Schedule: Decodable {
        let charging_schedule_period: [Period]
    }

    struct Period: Decodable {
        let start_period: Int
        let limit: Double
    }

    /// One two-point station whose first point gets an EV a second in, for hours; the second stays free.
    static let profileJSON = """
        {
          "name": "clock-test",
          "description": "One station; an EV on its first point after a second, for hours.",
          "start": "2026-01-05T08:00:00Z",
          "stations": { "count": 1, "models": [{ "model": "2VE", "share": 1 }] },
          "sites": [
            {
              "name": "test",
              "arrivals": { "list": [{ "at": "1s", "chargingPoint": 1 }] },
              "dwellMinutes": { "fixed": 600 },
              "energyKWh": { "fixed": 50 }
            }
          ],
          "reconnection": { "policy": "fixed", "interval": "1s" }
        }
        """

    static func configuration(url: String, speed: Double, seconds: Int) throws -> FleetRunConfiguration {
        var configuration = FleetRunConfiguration(profile: try Profile.parse(Array(profileJSON.utf8), file: "clock-test.json"))
        configuration.csmsURL = url
        configuration.stations = 1
        configuration.duration = .seconds(seconds)
        configuration.speed = speed
        configuration.loops = 1
        configuration.connectTimeout = .seconds(5)
        configuration.drainTimeout = .seconds(5)
        return configuration
    }

    /// Runs the station against `clock_csms.py` in `mode` for `seconds`, or until `done` says the figures
    /// so far hold what the test waits for (`seconds` then only bounds the wait).
    static func run(
        _ mode: String, _ arguments: [String] = [], speed: Double, seconds: Int,
        until done: (@Sendable (MetricsSnapshot) -> Bool)? = nil
    ) async throws -> (report: RunReport, seen: Seen) {
        let csms = try await offThePool { try PythonCSMS(clock: mode, arguments: arguments) }
        let runner = FleetRunner(configuration: try configuration(url: csms.url, speed: speed, seconds: seconds))
        let report = try await runner.run { progress in
            if let done, done(progress.snapshot) { runner.stop() }
        }
        let seen = try JSONDecoder().decode(Seen.self, from: await csms.end())
        return (report, seen)
    }

    @Test("at speed 1 every timestamp a station sends is within seconds of the CSMS's clock, not months")
    func timestampsAreTheCSMSsTime() async throws {
        let (report, seen) = try await Self.run("timestamps", speed: 1, seconds: 5)

        #expect(seen.violations == 0)
        // The triggered MeterValues, the composite schedule's two times, StartTransaction, MeterValues, Stop.
        #expect(seen.timestamps >= 4)
        // The skew includes the time a frame waits in queues; a CI machine with busy cores makes that a
        // second or more, while a station on the profile's calendar would be months off.
        #expect(seen.max_skew_s < 5)
        #expect(report.transactions.started >= 1)
        #expect(report.run.stationClockStart != nil)
        #expect(abs(report.run.stationClockAheadSeconds ?? 99) < 0.5)
    }

    @Test("UpdateFirmware with retrieveDate now: Downloading within seconds, then the whole sequence")
    func firmwareRetrievedNowStarts() async throws {
        // Speed 30 compresses the Green'Up's minute of download and two of install into six seconds; the run
        // ends once the four notifications are answered (within four minutes, however busy the machine).
        let (_, seen) = try await Self.run("firmware", speed: 30, seconds: 240) { snapshot in
            snapshot.actions["FirmwareStatusNotification"]?.answered ?? 0 >= 4
        }

        #expect(seen.violations == 0)
        #expect(seen.firmware.map(\.status) == ["Downloading", "Downloaded", "Installing", "Installed"])
        // Now, not when a date misread by the speed or the profile's calendar would put it: at speed 30 an
        // hour of station time is two minutes of wall time, a month is a day. The seconds counted from the
        // command include both sides' waits for a core on a loaded machine (2 s on a quiet one was tight).
        #expect((seen.firmware.first?.seconds ?? 99) < 20)
    }

    @Test("a TxDefaultProfile of 16 A that started a minute ago caps the composite schedule at 16 A")
    func profileStartedAMinuteAgoCaps() async throws {
        let (_, seen) = try await Self.run("cap", speed: 1, seconds: 3)

        #expect(seen.violations == 0)
        #expect(seen.answers.SetChargingProfile == "Accepted")
        let composite = try #require(seen.answers.GetCompositeSchedule)
        #expect(composite.status == "Accepted")
        let first = try #require(composite.schedule?.charging_schedule_period.first)
        #expect(first.start_period == 0)
        #expect(first.limit == 16)
    }

    @Test("a reservation expiring three seconds ahead expires then")
    func reservationExpiresOnTheCSMSsClock() async throws {
        // The case is 30 s; three keep the suite short and mean the same.
        let (_, seen) = try await Self.run("reserve", ["--expiry", "3"], speed: 1, seconds: 6)

        #expect(seen.answers.ReserveNow == "Accepted")
        let reserved = try #require(seen.statuses.first { $0.status == "Reserved" })
        #expect(reserved.seconds < -2)
        let freed = try #require(seen.statuses.first { $0.status != "Reserved" && $0.seconds > reserved.seconds })
        #expect(freed.status == "Available")
        #expect(abs(freed.seconds) < 1)
    }

    @Test("times in the year 9999 and a heartbeat of 2^31 s are taken, and simply never come within the run")
    func farTimesNeverCome() async throws {
        let (report, seen) = try await Self.run("far", speed: 1, seconds: 3)

        #expect(seen.violations == 0)
        #expect(seen.answers.ReserveNow == "Accepted")
        #expect(seen.answers.UpdateFirmware == "answered")
        #expect(seen.firmware.isEmpty)
        #expect(report.connections.established == 1)
        #expect(report.connections.reconnects == 0)
        #expect(report.allActions.timeouts == 0)
    }

    @Test("a CSMS answering every CALL 400 ms late at speed 60: no timeout, no fault, latency from 400 ms")
    func slowCSMSIsNotTimedOut() async throws {
        let (report, seen) = try await Self.run("slow", ["--delay", "0.4"], speed: 60, seconds: 3)

        #expect(seen.violations == 0)
        #expect(report.allActions.sent > 0)
        #expect(report.allActions.timeouts == 0)
        #expect(report.allActions.late == 0)
        #expect(report.csmsFaults.unmatchedAnswers == 0)
        #expect(report.allActions.latency.p50 >= 400_000)
        // One BootNotification: none was sent again for want of patience.
        #expect(report.figures(for: "BootNotification")?.sent == 1)
    }

    @Test("an answer 15 s after its CALL, past the 10 s wait: one timeout and one late answer, no fault")
    func lateAnswerIsLateNotAFault() async throws {
        // Speed 10 brings the first Heartbeat (the Green'Up's shortest interval is 10 s) a wall second in;
        // the wait for its answer is 10 s of wall time all the same.
        let (report, seen) = try await Self.run("late-once", ["--delay", "15", "--interval", "10"], speed: 10, seconds: 20)

        #expect(seen.violations == 0)
        let heartbeat = try #require(report.figures(for: "Heartbeat"))
        #expect(heartbeat.timeouts == 1)
        #expect(heartbeat.late == 1)
        #expect(report.csmsFaults.unmatchedAnswers == 0)
        // Its real latency is in the histogram.
        #expect(heartbeat.latency.max >= 15_000_000)
        #expect(heartbeat.latency.max < 17_000_000)
    }
}
