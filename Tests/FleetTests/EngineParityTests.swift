import Fleet
import Foundation
import Metrics
import Testing
import TestSupport

/// `run` (real sockets against the embedded CSMS, on wall and station clocks) and `simulate` (virtual
/// time) are two backends of one station host: the same plan must make the stations send the same
/// messages in both.
@Suite("one plan through both engines", .serialized)
struct EngineParityTests {
    /// Twenty one-point stations whose one EV each comes once both engines have booted every station (a
    /// simulation powers its stations on within the first minute, a run at its ramp; a Green'Up boots in
    /// 30 s) and leaves long before the end, so that neither engine's way of ending matters. Drivers badge
    /// (some badges unknown to the CSMS), start from an app (the CSMS's RemoteStartTransaction 20 s after
    /// the plug) or plug and charge (the CSMS turns the key on first). Each site's dwell time keeps its
    /// sessions' last meter sample (every 30 s from the start of the transaction) 29 simulated seconds
    /// from the departure, so that a CSMS answering late over sockets does not change how many samples
    /// go. The heartbeat, whose phase depends on when a station powered on, is longer than the run.
    static let profileJSON = """
        {
          "name": "parity",
          "description": "Twenty one-point stations, one EV each, three ways to start a session.",
          "start": "2026-01-05T08:00:00Z",
          "stations": { "count": 20, "models": [{ "model": "1VE", "share": 1 }] },
          "sites": [
            {
              "name": "badges",
              "share": 0.4,
              "arrivals": { "list": [{ "at": "100s", "chargingPoint": 1 }] },
              "dwellMinutes": { "fixed": 1.15 },
              "energyKWh": { "fixed": 20 },
              "badges": { "valid": 0.8, "unknown": 0.2 }
            },
            {
              "name": "app",
              "share": 0.3,
              "arrivals": { "list": [{ "at": "100s", "chargingPoint": 1 }] },
              "dwellMinutes": { "fixed": 1.3166666666666667 },
              "energyKWh": { "fixed": 20 },
              "remoteStartShare": 1
            },
            {
              "name": "plug and charge",
              "share": 0.3,
              "arrivals": { "list": [{ "at": "100s", "chargingPoint": 1 }] },
              "dwellMinutes": { "fixed": 1.4833333333333334 },
              "energyKWh": { "fixed": 20 },
              "plugAndChargeShare": 1
            }
          ],
          "reconnection": { "policy": "fixed", "interval": "1s" },
          "csms": { "heartbeatInterval": "1h" }
        }
        """

    static let stations = 20
    /// Station time runs 5 times faster than the wall clock over sockets: the sessions are over 38 s in,
    /// a station has 20 s of wall time to boot before its EV comes, and a CSMS may answer 5.8 s late (29
    /// simulated seconds) before a session sends one sample less: a loaded machine stalls the run's
    /// loops for seconds at times.
    static let speed = 5.0
    /// The most a run over sockets may take: it stops as soon as its stations have sent what the
    /// simulation's did, so that a busy machine makes it slower, not different.
    static let wallSecondsAtMost = 180

    /// What one engine did: its report, and from its trace, per station, the actions of the CALLs the
    /// station sent and of those it received, in order.
    struct Outcome: Sendable {
        var report: RunReport
        var sent: [String: [String]] = [:]
        var received: [String: [String]] = [:]
        /// The keys of the trace's lines, each line's sorted.
        var keys: Set<[String]> = []
        /// The earliest and the latest `t` of the trace.
        var times: ClosedRange<Int64>?

        init(report: RunReport, tracePath: String) throws {
            self.report = report
            let text = try String(contentsOfFile: tracePath, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                keys.insert(object.keys.sorted())
                let time = try #require((object["t"] as? NSNumber)?.int64Value)
                times = times.map { min($0.lowerBound, time) ... max($0.upperBound, time) } ?? time ... time
                let station = try #require(object["station"] as? String)
                let frame = try #require(object["frame"] as? [Any])
                guard frame.first as? Int == 2, let action = frame[2] as? String else { continue }
                if object["dir"] as? String == "out" {
                    sent[station, default: []].append(action)
                } else {
                    received[station, default: []].append(action)
                }
            }
        }

        /// Per action: sent, answered, call errors, timeouts, received from the CSMS.
        var counts: [String: [UInt64]] {
            var counts: [String: [UInt64]] = [:]
            for action in report.actions {
                counts[action.name] = [action.sent, action.ok, action.callErrors, action.timeouts, action.received]
            }
            return counts
        }
    }

    static func profile() throws -> Profile {
        try Profile.parse(Array(profileJSON.utf8), file: "parity.json")
    }

    static func simulate() throws -> Outcome {
        let plan = FleetPlan(
            profile: try profile(), fleetSize: stations, seed: 7,
            duration: Int64(Double(wallSecondsAtMost) * speed * 1000))
        let path = RunFixtures.temporaryPath("simulated.jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let simulation = try Simulation(plan: plan, tracePath: path, threads: 2)
        try simulation.run()
        return try Outcome(report: simulation.report(profileName: "parity.json"), tracePath: path)
    }

    /// Whether a run's figures so far are the simulation's: every CALL sent and answered, every
    /// command answered.
    static func hasDone(_ snapshot: MetricsSnapshot, as simulated: Outcome) -> Bool {
        simulated.report.actions.allSatisfy { figures in
            let actions = snapshot.actions[figures.name]
            return actions?.sent ?? 0 == figures.sent && actions?.answered ?? 0 == figures.sent
                && actions?.received ?? 0 == figures.received
        }
    }

    static func runOverSockets(until simulated: Outcome) async throws -> Outcome {
        var configuration = FleetRunConfiguration(profile: try profile(), profileName: "parity.json")
        configuration.stations = stations
        configuration.seed = 7
        configuration.duration = .seconds(wallSecondsAtMost)
        configuration.speed = speed
        configuration.rampPerSecond = 500
        configuration.loops = 2
        configuration.connectTimeout = .seconds(30)
        configuration.drainTimeout = .seconds(20)
        configuration.traceFile = RunFixtures.temporaryPath("run.jsonl")
        defer { try? FileManager.default.removeItem(atPath: configuration.traceFile!) }
        let runner = FleetRunner(configuration: configuration)
        let report = try await runner.run { progress in
            if hasDone(progress.snapshot, as: simulated) { runner.stop() }
        }
        return try Outcome(report: report, tracePath: configuration.traceFile!)
    }

    @Test("the same plan sends the same messages per action and per station over sockets and in virtual time")
    func sameMessagesInBothEngines() async throws {
        let simulated = try await offThePool { try Self.simulate() }
        let run = try await Self.runOverSockets(until: simulated)

        // The plan has every kind of session: the comparison below compares something.
        #expect(simulated.report.transactions.started >= 10)
        #expect(simulated.report.figures(for: "Authorize")?.sent ?? 0 > 0)
        #expect(simulated.report.figures(for: "RemoteStartTransaction")?.received ?? 0 > 0)
        #expect(simulated.report.figures(for: "ChangeConfiguration")?.received ?? 0 > 0)
        #expect(simulated.report.figures(for: "MeterValues")?.sent ?? 0 > 0)
        #expect(simulated.sent.count == Self.stations)

        // One line format: `run` adds the wall clock, and its `t` is on the plan's calendar, as virtual time is.
        #expect(simulated.keys == [["dir", "frame", "station", "t"]])
        #expect(run.keys == [["dir", "frame", "station", "t", "wall"]])
        let start = try Self.profile().start
        let end = start + Int64(Double(Self.wallSecondsAtMost) * Self.speed * 1000)
        for times in [try #require(simulated.times), try #require(run.times)] {
            #expect(times.lowerBound >= start && times.upperBound <= end)
        }

        #expect(run.counts == simulated.counts)
        #expect(run.report.transactions.started == simulated.report.transactions.started)
        #expect(run.report.transactions.stopped == simulated.report.transactions.stopped)
        for station in simulated.sent.keys.sorted() {
            #expect(run.sent[station] == simulated.sent[station], "\(station) sent")
            #expect(run.received[station] == simulated.received[station], "\(station) received")
        }
    }
}
