import Fleet
import Foundation
import Glibc
import Metrics
import Synchronization
import Testing
import TestSupport

@Suite("Fleet runner over loopback sockets", .serialized)
struct FleetRunnerTests {
    /// The run fixtures' fleet against the Python CSMS, with the patience a starved Python process needs:
    /// a minute for an opening handshake (it has taken more than 10 s on a loaded machine) and for the
    /// last answers as the run stops (the run waits only as long as they take).
    static func configuration(url: String, stations: Int = 4, seconds: Int) throws -> FleetRunConfiguration {
        var configuration = try RunFixtures.configuration(url: url, stations: stations, seconds: seconds)
        configuration.connectTimeout = .seconds(60)
        configuration.drainTimeout = .seconds(60)
        return configuration
    }

    /// Runs `configuration` until `done` says the figures so far hold what the test waits for; its
    /// duration only bounds the wait.
    static func run(
        _ configuration: FleetRunConfiguration, until done: @escaping @Sendable (MetricsSnapshot) -> Bool
    ) async throws -> RunReport {
        let runner = FleetRunner(configuration: configuration)
        return try await runner.run { progress in
            if done(progress.snapshot) { runner.stop() }
        }
    }

    @Test("every call the fleet counts as answered, the independent CSMS counts as received")
    func countsAgreeWithPythonCSMS() async throws {
        let csms = try await offThePool { try PythonCSMS() }
        // Until every station has booted and heartbeats were answered, however long a busy machine takes.
        let report = try await Self.run(try Self.configuration(url: csms.url, seconds: 240)) { snapshot in
            snapshot.actions["BootNotification"]?.answered ?? 0 >= 4 && snapshot.actions["Heartbeat"]?.answered ?? 0 > 0
        }
        let counts = try await csms.stop()

        #expect(counts.violations == 0)
        #expect(report.connections.established == 4)
        #expect(counts.connections == 4)
        for action in report.actions where action.sent > 0 {
            let answered = action.ok + action.callErrors
            // A CALL the station gave up on (after 10 s of wall time) reached the CSMS all the same.
            #expect(answered + action.timeouts == action.sent, "\(action.name)")
            #expect(action.sent == UInt64(counts.received[action.name] ?? 0), "\(action.name)")
        }
        let sentByFleet = report.actions.reduce(0) { $0 + $1.sent }
        #expect(sentByFleet == UInt64(counts.received.values.reduce(0, +)))
        #expect(report.figures(for: "BootNotification")?.ok == 4)
        #expect((report.figures(for: "Heartbeat")?.ok ?? 0) > 0)
    }

    @Test("smoke.json against the Python ocpp CSMS: every frame passes the official schemas")
    func smokeProfileHasNoSchemaViolation() async throws {
        let csms = try await offThePool { try PythonCSMS() }
        var configuration = FleetRunConfiguration(profile: try Profile.load(file: packageRootPath("Profiles/smoke.json")))
        configuration.csmsURL = csms.url
        configuration.duration = .seconds(240)
        configuration.loops = 2
        configuration.connectTimeout = .seconds(60)
        configuration.drainTimeout = .seconds(60)
        // Until ten stations have booted and links dropped came back, however long a busy machine takes.
        let report = try await Self.run(configuration) { snapshot in
            snapshot.actions["BootNotification"]?.answered ?? 0 >= 10 && snapshot.connections.reconnects > 0
        }
        let counts = try await csms.stop()

        #expect(counts.violations == 0)
        #expect(report.connections.established >= 10)
        #expect(counts.received["BootNotification"] ?? 0 >= 10)
        // Half the links drop at 3 simulated minutes, and come back.
        #expect(report.connections.reconnects > 0)
    }

    @Test("a run that ends with EVs still charging stops their transactions before closing the links")
    func endOfRunStopsTransactions() async throws {
        let csms = try await offThePool { try PythonCSMS() }
        // The run ends on time: 20 s, where the drivers badge a second in (the EVs stay ten hours).
        let report = try await FleetRunner(configuration: try Self.configuration(url: csms.url, seconds: 20)).run()
        let counts = try await csms.stop()

        // Four two-point stations, an EV on each point (its driver's badge may time out on a busy machine).
        #expect(report.transactions.started > 0)
        #expect(report.transactions.stopped == report.transactions.started)
        #expect(report.transactions.lost == 0)
        #expect(UInt64(counts.received["StopTransaction"] ?? 0) == report.transactions.stopped)
        #expect(report.transactions.energyWh > 0)
    }

    @Test("stop() mid-run leaves a complete report with the open transactions stopped")
    func stopMidRun() async throws {
        let csms = try await offThePool { try PythonCSMS() }
        let report = try await Self.run(try Self.configuration(url: csms.url, seconds: 240)) { snapshot in
            snapshot.transactions.started > 0
        }
        let counts = try await csms.stop()

        #expect(report.run.durationSeconds < 240)
        #expect(report.transactions.started > 0)
        #expect(report.transactions.stopped == report.transactions.started)
        #expect(UInt64(counts.received["StopTransaction"] ?? 0) == report.transactions.stopped)
        #expect(report.connections.current == 0)
        #expect(!report.timeline.isEmpty)
        #expect(report.process.cpuSeconds > 0)
    }

    @Test("a CSMS port where nothing listens is a typed error saying the connection was refused")
    func unreachableCSMS() async throws {
        let port = try RunFixtures.freeLoopbackPort()
        var configuration = try RunFixtures.configuration(url: "ws://127.0.0.1:\(port)/ocpp", stations: 3, seconds: 600)
        configuration.connectTimeout = .seconds(2)
        do {
            _ = try await FleetRunner(configuration: configuration).run()
            Issue.record("the run should have failed")
        } catch {
            #expect(error.isCSMSUnreachable)
            #expect(error.reason == .refused)
            #expect(error.description.contains("refused"))
            let connections = try #require(error.report?.connections)
            #expect(connections.attempted >= 3)
            #expect(connections.established == 0)
            #expect(connections.failed.counts["refused"] ?? 0 >= 3)
        }
    }

    @Test("a host name that does not resolve is a typed error before any station starts")
    func unresolvedCSMS() async throws {
        let configuration = try RunFixtures.configuration(url: "ws://no-such-host.invalid:9000/ocpp")
        do {
            _ = try await FleetRunner(configuration: configuration).run()
            Issue.record("the run should have failed")
        } catch {
            #expect(error.isCSMSUnreachable)
            #expect(error.reason == .notResolved)
            #expect(error.report?.connections.failed.counts == ["not_resolved": 4])
        }
    }

    @Test("the trace holds every frame as a JSON line and never the password the stations sent")
    func traceWithoutPassword() async throws {
        let secret = "s3cr3t-Pa55-\(UUID().uuidString.prefix(8))"
        let csms = try await offThePool { try PythonCSMS() }
        var configuration = try Self.configuration(url: csms.url, stations: 2, seconds: 240)
        configuration.password = secret
        configuration.traceFile = RunFixtures.temporaryPath("trace.jsonl")
        let report = try await Self.run(configuration) { $0.actions["BootNotification"]?.answered ?? 0 >= 2 }
        let counts = try await csms.stop()
        defer { try? FileManager.default.removeItem(atPath: configuration.traceFile!) }

        // The stations did send it, as HTTP Basic auth with their id as the user name.
        #expect(counts.basic_auth.sorted() == ["GU000001:\(secret)", "GU000002:\(secret)"])
        let trace = try String(contentsOfFile: configuration.traceFile!, encoding: .utf8)
        #expect(!trace.contains(secret))
        #expect(!"\(report)".contains(secret))
        var directions: [String: Int] = [:]
        for line in trace.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["frame"] is [Any])
            directions[object["dir"] as? String ?? "none", default: 0] += 1
        }
        // The CSMS sent no command: every frame out is a CALL, every frame in an answer (late ones too).
        let sent = report.actions.reduce(0) { $0 + $1.sent }
        let answered = report.actions.reduce(0) { $0 + $1.ok + $1.callErrors }
        #expect(directions["out"] == Int(sent))
        #expect((directions["in"] ?? 0) >= Int(answered))
        #expect(directions.keys.sorted() == ["in", "out"])
    }
}
