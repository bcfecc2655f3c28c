import Fleet
import Foundation
import Metrics
import Testing
import TestSupport

/// The frames that once killed the whole fleet with an arithmetic-overflow trap (issue #14), sent over
/// real sockets by `Peers/extreme_csms.py` as literal text: integers near 2^63 are refused by the OCPP
/// layer with a CALLERROR PropertyConstraintViolation (or, in a BootNotification answer, as a bad frame
/// after which the station boots again), dates centuries ahead are taken and never come, and integers at
/// 2^31 - 1 reach the station, which refuses the schedules it could not run. Every time the run ends
/// with its report, the stations stay connected and still answer.
@Suite("Fleet runner against a CSMS sending the values that once trapped it", .serialized)
struct ExtremeCSMSTests {
    static let nearInt64Max = "9223372036854775807"
    static let int32Max = "2147483647"
    static let refused = "CALLERROR PropertyConstraintViolation"

    /// What `extreme_csms.py` saw of each station.
    struct Seen: Decodable {
        let stations: [String: Station]
    }

    struct Station: Decodable {
        let boots: Int
        /// A CALLRESULT's status, `CALLRESULT`, `CALLERROR <code>`, the probe's HeartbeatInterval, or `none`.
        let answers: [String: String]
        let frames: [String: String]
        let statuses: [Status]
        let firmware: [String]
    }

    /// A StatusNotification: a connector and its status.
    struct Status: Decodable, Equatable {
        let connector: Int
        let status: String

        init(_ connector: Int, _ status: String) {
            self.connector = connector
            self.status = status
        }

        init(from decoder: any Decoder) throws {
            var pair = try decoder.unkeyedContainer()
            connector = try pair.decode(Int.self)
            status = try pair.decode(String.self)
        }
    }

    /// Stations whose EVs come an hour in, never within a run of seconds: only the CSMS acts on them.
    static let profileJSON = """
        {
          "name": "extreme-csms-test",
          "description": "Two-point stations whose EVs come after an hour.",
          "start": "2026-01-05T08:00:00Z",
          "stations": { "count": 4, "models": [{ "model": "2VE", "share": 1 }] },
          "sites": [
            {
              "name": "test",
              "arrivals": { "list": [{ "at": "1h", "chargingPoint": 1 }] },
              "dwellMinutes": { "fixed": 60 },
              "energyKWh": { "fixed": 10 }
            }
          ],
          "reconnection": { "policy": "fixed", "interval": "1s" }
        }
        """

    /// Runs `stations` stations at speed 30 against `extreme_csms.py <arguments>` for `seconds` of wall
    /// time, and on until every station has answered the CSMS's last CALLs (its probe, and the cancels
    /// after a reservation), at most 90 s: a loaded machine may take longer than `seconds` to get there.
    static func run(_ arguments: [String], stations: Int = 3, seconds: Int = 3) async throws -> (
        report: RunReport, seen: Seen
    ) {
        let csms = try await offThePool { try PythonCSMS(script: "extreme_csms.py", arguments: arguments) }
        var configuration = FleetRunConfiguration(
            profile: try Profile.parse(Array(profileJSON.utf8), file: "extreme-csms-test.json"))
        configuration.csmsURL = csms.url
        configuration.stations = stations
        configuration.duration = .seconds(90)
        configuration.speed = 30
        configuration.loops = 2
        // A Python CSMS starved by a loaded machine has taken more than 5 s to answer an opening handshake.
        configuration.connectTimeout = .seconds(30)
        configuration.drainTimeout = .seconds(5)
        let cancels = arguments.contains("reserve") ? 2 * stations : 0
        let runner = FleetRunner(configuration: configuration)
        let report = try await runner.run { progress in
            let snapshot = progress.snapshot
            if snapshot.elapsedSeconds >= Double(seconds),
                snapshot.actions["GetConfiguration"]?.received ?? 0 >= UInt64(stations),
                snapshot.actions["CancelReservation"]?.received ?? 0 >= UInt64(cancels)
            {
                runner.stop()
            }
        }
        let output = try await csms.end()
        let seen = try JSONDecoder().decode(Seen.self, from: output)
        #expect(seen.stations.count == stations, "\(String(decoding: output, as: UTF8.self))")
        return (report, seen)
    }

    /// Every station connected once, was still connected when the run ended, and answered the probe.
    static func expectSurvived(_ report: RunReport, _ seen: Seen, stations: Int) {
        #expect(report.connections.established == UInt64(stations))
        #expect(report.connections.reconnects == 0)
        #expect(report.connections.connectedBeforeStop == UInt64(stations))
        #expect(report.connections.closed.counts.keys.sorted() == ["run_end"])
        for (id, station) in seen.stations {
            let probe = station.answers["probe"] ?? "none"
            #expect(probe != "none" && !probe.hasPrefix("CALLERROR"), "\(id) answered the probe \(probe)")
        }
    }

    /// Expects every station to have answered each of `names` with `answer`.
    static func expectAnswers(_ seen: Seen, _ names: [String], _ answer: String) {
        for (id, station) in seen.stations {
            for name in names {
                #expect(station.answers[name] == answer, "\(id) \(name): \(station.frames[name] ?? "no answer")")
            }
        }
    }

    @Test(
        "a BootNotification answer with an interval of 2^63 - 1 is a bad frame: the station boots again and is accepted",
        arguments: ["accepted", "pending"])
    func bootIntervalNear2To63(status: String) async throws {
        // The wait before a station boots again is on the wall clock: the CSMS first brings it to a second.
        // Eight seconds leave room for a CI machine that starts this test while every core is busy.
        let (report, seen) = try await Self.run(
            ["--value", Self.nearInt64Max, "--boot", status, "--boot-retry", "1"], seconds: 8)

        Self.expectSurvived(report, seen, stations: 3)
        let boot = try #require(report.figures(for: "BootNotification"))
        #expect(boot.sent == 6)
        #expect(boot.ok == 3)
        #expect(boot.callErrorsByCode == ["PropertyConstraintViolation": 3])
        #expect(boot.timeouts == 0)
        #expect(report.csmsFaults.badFrames.counts == ["PropertyConstraintViolation": 3])
        Self.expectAnswers(seen, ["boot-retry"], "Accepted")
        for (id, station) in seen.stations {
            #expect(station.boots == 2, "\(id)")
            // The second answer's interval, 10 s, is the station's HeartbeatInterval.
            #expect(station.answers["probe"] == "10", "\(id)")
        }
        #expect(report.figures(for: "Heartbeat")?.ok ?? 0 > 0)
    }

    @Test("GetCompositeSchedule over 2^63 - 1 s is answered PropertyConstraintViolation")
    func compositeScheduleNear2To63() async throws {
        let (report, seen) = try await Self.run(["--value", Self.nearInt64Max, "--commands", "composite"])

        Self.expectSurvived(report, seen, stations: 3)
        Self.expectAnswers(seen, ["composite"], Self.refused)
        #expect(report.csmsFaults.badFrames.counts == ["PropertyConstraintViolation": 3])
        #expect(report.figures(for: "BootNotification")?.ok == 3)
    }

    @Test("SetChargingProfile with a duration or a startPeriod of 2^63 - 1 s is answered PropertyConstraintViolation")
    func chargingProfileNear2To63() async throws {
        let (report, seen) = try await Self.run(["--value", Self.nearInt64Max, "--commands", "profile"])

        Self.expectSurvived(report, seen, stations: 3)
        Self.expectAnswers(seen, ["profile-duration", "profile-startPeriod"], Self.refused)
        #expect(report.csmsFaults.badFrames.counts == ["PropertyConstraintViolation": 6])
    }

    @Test("RemoteStartTransaction whose profile lasts or starts a period 2^63 - 1 s in is answered PropertyConstraintViolation")
    func remoteStartProfileNear2To63() async throws {
        let (report, seen) = try await Self.run(["--value", Self.nearInt64Max, "--commands", "remote-start"])

        Self.expectSurvived(report, seen, stations: 3)
        Self.expectAnswers(seen, ["remote-start-duration", "remote-start-startPeriod"], Self.refused)
        #expect(report.csmsFaults.badFrames.counts == ["PropertyConstraintViolation": 6])
        #expect(report.transactions.started == 0)
    }

    @Test("ReserveNow expiring in 2700 or at the last millisecond of 9999 is accepted and the reservation holds")
    func reservationCenturiesAhead() async throws {
        let (report, seen) = try await Self.run(["--commands", "reserve"])

        Self.expectSurvived(report, seen, stations: 3)
        Self.expectAnswers(seen, ["reserve-1", "reserve-2"], "Accepted")
        for (id, station) in seen.stations {
            #expect(station.statuses.contains(Status(1, "Reserved")), "\(id): \(station.statuses)")
            #expect(station.statuses.contains(Status(2, "Reserved")), "\(id): \(station.statuses)")
        }
        // Half a second later (15 s of station time), neither has expired: both are there to cancel.
        Self.expectAnswers(seen, ["cancel-1", "cancel-2"], "Accepted")
        #expect(report.csmsFaults.isEmpty)
    }

    @Test("UpdateFirmware to retrieve in 2700 or at the last millisecond of 9999 is answered and no download starts")
    func firmwareCenturiesAhead() async throws {
        let (report, seen) = try await Self.run(["--commands", "firmware"])

        Self.expectSurvived(report, seen, stations: 3)
        Self.expectAnswers(seen, ["firmware-2700", "firmware-9999"], "CALLRESULT")
        for (id, station) in seen.stations {
            #expect(station.firmware.isEmpty, "\(id): \(station.firmware)")
        }
        #expect(report.csmsFaults.isEmpty)
        #expect(report.figures(for: "FirmwareStatusNotification")?.sent ?? 0 == 0)
    }

    @Test("at 2^31 - 1 every value reaches the station: an interval kept within range, schedules Rejected")
    func int32MaxReachesTheStation() async throws {
        let commands = ["composite", "profile", "remote-start"]
        let (report, seen) = try await Self.run(
            ["--value", Self.int32Max, "--boot", "alternate", "--commands"] + commands, stations: 4)

        Self.expectSurvived(report, seen, stations: 4)
        #expect(report.csmsFaults.isEmpty)
        let boot = try #require(report.figures(for: "BootNotification"))
        #expect(boot.sent == 4)
        #expect(boot.ok == 4)
        let calls = ["composite", "profile-duration", "profile-startPeriod", "remote-start-duration", "remote-start-startPeriod"]
        Self.expectAnswers(seen, calls, "Rejected")
        // Odd stations were accepted: 2^31 - 1 s is brought to the key's 86,400. Even ones are Pending,
        // to boot again a day later.
        for id in ["GU000001", "GU000003"] {
            #expect(seen.stations[id]?.answers["probe"] == "86400", "\(id)")
        }
        for id in ["GU000002", "GU000004"] {
            #expect(seen.stations[id]?.boots == 1, "\(id)")
        }
        #expect(report.figures(for: "GetCompositeSchedule")?.received == 4)
        #expect(report.figures(for: "SetChargingProfile")?.received == 8)
        #expect(report.figures(for: "RemoteStartTransaction")?.received == 8)
        #expect(report.transactions.started == 0)
    }
}
