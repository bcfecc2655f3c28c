import Fleet
import Foundation
import Glibc
import Metrics
import Testing

/// Whatever way a run ends, it leaves nothing open: each case runs in a process of its own (an exit
/// test), so that the descriptors counted are the run's alone, after a first run has opened whatever the
/// process opens once (Dispatch's and Foundation's own descriptors).
@Suite struct FleetRunnerCleanupTests {
    @Test("a trace path that cannot be opened fails the run and leaves no descriptor open")
    func badTracePath() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
            await CleanupCheck.expectNoLeak(.badTracePath)
        }
        CleanupCheck.expectClean(result)
    }

    @Test("a trace file that takes no byte fails the run with its report; nothing is left open")
    func unwritableTrace() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
            await CleanupCheck.expectNoLeak(.unwritableTrace)
        }
        CleanupCheck.expectClean(result)
    }

    @Test("a metrics port already taken fails the run; its loops and embedded CSMS are closed")
    func metricsPortTaken() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
            await CleanupCheck.expectNoLeak(.metricsPortTaken)
        }
        CleanupCheck.expectClean(result)
    }

    @Test("a CSMS that refuses every station fails the run; its loops, trace file and metrics port are freed")
    func refusingCSMS() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
            await CleanupCheck.expectNoLeak(.refusingCSMS)
        }
        CleanupCheck.expectClean(result)
    }

    @Test("an embedded CSMS that cannot listen again after its restart fails the run, which says so and frees all")
    func restartFailsMidRun() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
            await CleanupCheck.expectNoLeak(.restartFails)
        }
        CleanupCheck.expectClean(result)
    }

    @Test("a run that ends on time with a trace and a metrics port leaves nothing open")
    func completedRun() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
            await CleanupCheck.expectNoLeak(.completes)
        }
        CleanupCheck.expectClean(result)
    }
}

/// One run that ends one way, and the descriptors of the process before and after it.
private enum CleanupCheck {
    enum Ending {
        case badTracePath, unwritableTrace, metricsPortTaken, refusingCSMS, restartFails, completes
    }

    /// Expects the child's verdict to be "clean"; otherwise records what it said instead.
    static func expectClean(_ result: ExitTest.Result?) {
        guard let result else { return }
        let verdict = String(decoding: result.standardOutputContent, as: UTF8.self)
        #expect(verdict.hasSuffix("clean\n"), "\(verdict)")
    }

    /// Runs the fleet to `ending` and prints the verdict as the process's last line: "clean", or why not
    /// (the run did not end that way, or left a descriptor open or the metrics port taken).
    static func expectNoLeak(_ ending: Ending) async {
        do {
            // The first run opens what a process opens once; the second must give back all it opens.
            _ = try await FleetRunner(configuration: try configuration(url: nil, seconds: 1)).run()
            let before = openDescriptors()
            let metricsPort = try await run(ending)
            let after = openDescriptors()
            let leaked = after.filter { before[$0.key] != $0.value }
            guard leaked.isEmpty else { fail("descriptors left open: \(leaked.sorted { $0.key < $1.key })") }
            if let metricsPort, !canListen(on: metricsPort) { fail("the metrics port \(metricsPort) is still taken") }
            print("clean")
        } catch {
            fail("\(error)")
        }
    }

    /// Runs the fleet so that it ends as `ending` says; returns the metrics port it was given, if any.
    private static func run(_ ending: Ending) async throws -> UInt16? {
        let trace = FileManager.default.temporaryDirectory.appendingPathComponent("cleanup-\(getpid()).jsonl").path
        defer { unlink(trace) }
        let metricsPort = try freeLoopbackPort()
        var configuration = try configuration(url: nil, seconds: 2)
        configuration.traceFile = trace
        configuration.metricsPort = metricsPort
        switch ending {
        case .badTracePath:
            configuration.traceFile = "/nonexistent-\(getpid())/trace.jsonl"
            try await expectFailure(configuration) { $0.description.hasPrefix("cannot write the trace") }
        case .unwritableTrace:
            // /dev/full refuses every byte: the run goes on until both stations have booted, then fails.
            configuration.traceFile = "/dev/full"
            configuration.duration = .seconds(120)
            let runner = FleetRunner(configuration: configuration)
            do {
                _ = try await runner.run { progress in
                    if progress.snapshot.actions["BootNotification"]?.answered ?? 0 >= 2 { runner.stop() }
                }
                fail("the run should have failed")
            } catch {
                let expected = "cannot write the trace to /dev/full: \(String(cString: strerror(ENOSPC)))"
                guard error.description == expected, error.report?.actions.isEmpty == false else {
                    fail("the run failed otherwise: \(error), report: \(error.report != nil)")
                }
            }
        case .metricsPortTaken:
            let holder = try RunFixtures.listener(on: metricsPort)
            defer { close(holder) }
            try await expectFailure(configuration) { $0.description.hasPrefix("cannot serve metrics") }
            return nil
        case .refusingCSMS:
            configuration.csmsURL = "ws://127.0.0.1:\(try freeLoopbackPort())/ocpp"
            configuration.duration = .seconds(600)
            configuration.connectTimeout = .seconds(2)
            try await expectFailure(configuration) { $0.isCSMSUnreachable }
        case .restartFails:
            // The CSMS goes down 2 s into the run for 10 s of wall time (a late coordinator on a busy
            // machine shortens that); a listener of ours takes its port meanwhile, so that it cannot come back.
            configuration.profile = try restartingProfile()
            configuration.duration = .seconds(60)
            let thief = PortThief(ignoring: metricsPort)
            thief.start()
            defer { thief.stop() }
            try await expectFailure(configuration) {
                $0.description.contains("could not listen again") && $0.report?.interrupted == true
            }
        case .completes:
            _ = try await FleetRunner(configuration: configuration).run()
        }
        return metricsPort
    }

    private static func expectFailure(
        _ configuration: FleetRunConfiguration, _ isExpected: (FleetRunError) -> Bool
    ) async throws {
        do {
            _ = try await FleetRunner(configuration: configuration).run()
            fail("the run should have failed")
        } catch {
            if !isExpected(error) { fail("the run failed otherwise: \(error)") }
        }
    }

    private static func configuration(url: String?, seconds: Int) throws -> FleetRunConfiguration {
        var configuration = FleetRunConfiguration(profile: try RunFixtures.profile())
        configuration.csmsURL = url
        configuration.stations = 2
        configuration.duration = .seconds(seconds)
        configuration.speed = 30
        configuration.rampPerSecond = 200
        configuration.loops = 2
        configuration.connectTimeout = .seconds(5)
        configuration.drainTimeout = .seconds(5)
        return configuration
    }

    private static func restartingProfile() throws -> Profile {
        let json = RunFixtures.profileJSON.replacingOccurrences(
            of: #""csms": { "heartbeatInterval": "10s" }"#,
            with: #""csms": { "heartbeatInterval": "10s" }, "events": [{ "at": "60s", "event": "restartCSMS", "downtime": "300s" }]"#)
        return try Profile.parse(Array(json.utf8), file: "restart-fails.json")
    }

    /// Every open descriptor of the process and what it is (`socket:[…]`, a path).
    static func openDescriptors() -> [Int32: String] {
        var descriptors: [Int32: String] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for name in names {
            guard let fd = Int32(name),
                let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(name)")
            else { continue }
            descriptors[fd] = target
        }
        return descriptors
    }

    /// Ends the child with its verdict: the process itself succeeds, so that the parent gets to read it.
    static func fail(_ why: String) -> Never {
        print(why)
        exit(EXIT_SUCCESS)
    }

    static func freeLoopbackPort() throws -> UInt16 {
        try RunFixtures.freeLoopbackPort()
    }

    static func canListen(on port: UInt16) -> Bool {
        guard let fd = try? RunFixtures.listener(on: port) else { return false }
        close(fd)
        return true
    }

    /// The IPv4 ports this process listens on, asked of its own sockets. Not read from /proc/net/tcp: that
    /// table holds every socket of the machine, and on a machine busy with thousands of links reading it
    /// takes longer than the CSMS stays down.
    static func listeningPorts() -> Set<UInt16> {
        var ports: Set<UInt16> = []
        for (fd, target) in openDescriptors() where target.hasPrefix("socket:[") {
            var listening: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &length) == 0, listening != 0 else { continue }
            var address = sockaddr_in()
            var addressLength = socklen_t(MemoryLayout<sockaddr_in>.size)
            let named = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &addressLength) == 0 }
            }
            guard named, address.sin_family == sa_family_t(AF_INET) else { continue }
            ports.insert(UInt16(bigEndian: address.sin_port))
        }
        return ports
    }
}

/// Finds the port the embedded CSMS listens on, and takes it as soon as the CSMS lets go of it.
private final class PortThief: @unchecked Sendable {
    // @unchecked Sendable: `stopped` and `held` are behind `lock`.
    private let lock = NSLock()
    private var stopped = false
    private var held: Int32?
    private let done = DispatchSemaphore(value: 0)
    private let ignored: UInt16

    /// - Parameter ignored: a port the run listens on that is not the CSMS's (the metrics port).
    init(ignoring ignored: UInt16) {
        self.ignored = ignored
    }

    func start() {
        let known = CleanupCheck.listeningPorts().union([ignored])
        Thread.detachNewThread { [self] in
            defer { done.signal() }
            var port: UInt16?
            // Bounded: 30 s in steps of 5 ms, long past the run's restart.
            for _ in 0..<6_000 where !isStopped {
                if let found = port {
                    if let fd = try? RunFixtures.listener(on: found) {
                        lock.withLock { held = fd }
                        return
                    }
                } else {
                    port = CleanupCheck.listeningPorts().subtracting(known).first
                }
                usleep(5_000)
            }
        }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    func stop() {
        lock.withLock { stopped = true }
        done.wait()
        if let held = lock.withLock({ held }) { close(held) }
    }
}
