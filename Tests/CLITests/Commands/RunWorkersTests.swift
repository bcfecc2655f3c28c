#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TestSupport
import Testing

private func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("ocpp-fleet-workers-\(UUID())")
}

private func readReport(_ folder: URL) throws -> [String: Any] {
    let data = try Data(contentsOf: folder.appendingPathComponent("report.json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// Each action's `sent` and `ok` counts in a report.json.
private func actionCounts(_ report: [String: Any]) throws -> [String: [Int]] {
    let messages = try #require(report["messages"] as? [String: Any])
    let actions = try #require(messages["by_action"] as? [String: [String: Any]])
    return actions.mapValues { [$0["sent"] as? Int ?? -1, $0["ok"] as? Int ?? -1] }
}

/// The processes whose command line holds `marker` (the test's own seed): none may outlive a run.
private func processes(containing marker: String) -> [String] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.filter { $0.allSatisfy(\.isNumber) && Int32($0) != getpid() }.filter { pid in
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return words.contains("run") && words.contains(marker)
    }
}

/// The port a `csms` started with `--listen 127.0.0.1:0` says it listens on.
private func listeningPort(_ server: BackgroundFleetProcess) async throws -> Int {
    let text = try await server.waitForStandardError(containing: "/<station id>")
    let after = try #require(text.range(of: "ws://127.0.0.1:")?.upperBound)
    return try #require(Int(text[after...].prefix { $0.isNumber }))
}

// Idle stations at speed 1 for a few seconds: each boots and reports its connectors, and nothing else
// happens in that time (heartbeats every 60 s), so the counts do not depend on the machine's pace.
private let idleRun = ["run", "--profile", "idle", "--stations", "30", "--speed", "1", "--duration", "5s", "--quiet"]

@Test func aRunSpreadOverThreeProcessesReportsTheCountsOfTheSameRunInOne() async throws {
    let single = temporaryFolder()
    let spread = temporaryFolder()
    defer { for folder in [single, spread] { try? FileManager.default.removeItem(at: folder) } }
    async let one = FleetProcess.run(idleRun + ["--seed", "7", "--report", single.path])
    async let three = FleetProcess.run(
        idleRun + ["--seed", "7", "--report", spread.path, "--max-stations-per-process", "10"])
    let (alone, split) = try await (one, three)
    #expect(alone.status == 0, "\(alone.stderr)")
    #expect(split.status == 0, "\(split.stderr)")

    let expected = try readReport(single)
    let merged = try readReport(spread)
    let run = try #require(merged["run"] as? [String: Any])
    #expect(run["stations"] as? Int == 30)
    #expect(run["shard"] as? String == "1/1")
    let connections = try #require(merged["connections"] as? [String: Any])
    #expect(connections["established"] as? Int == 30)
    let counts = try actionCounts(merged)
    #expect(counts["BootNotification"] == [30, 30])
    #expect(counts == (try actionCounts(expected)))
    // Each process ran its own embedded CSMS: their counters add up.
    let csms = try #require(merged["csms"] as? [String: Any])
    #expect(csms["received.BootNotification"] as? Double == 30)
    #expect(merged["interrupted"] as? Bool == false)
}

@Test func aCSMSOnThreeProcessesAnswersAFleetWhoseLinksLandOnEachOfThem() async throws {
    let server = try BackgroundFleetProcess(["csms", "--listen", "127.0.0.1:0", "--processes", "3", "--exit-with-stdin"])
    defer { server.stop() }
    let port = try await listeningPort(server)
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let fleet = try await FleetProcess.run(
        idleRun + ["--csms", "ws://127.0.0.1:\(port)/ocpp", "--processes", "3", "--report", folder.path])
    let served = try await server.interrupt()
    #expect(fleet.status == 0, "\(fleet.stderr)")
    #expect(served.status == 0, "\(served.stderr)")

    #expect(try actionCounts(try readReport(folder))["BootNotification"] == [30, 30])
    let line = try #require(served.stdout.split(separator: "\n").first { $0.hasPrefix("processes") })
    let byProcess = line.split(separator: ":").last!.split(separator: ",").compactMap {
        Int($0.trimmingCharacters(in: .whitespaces))
    }
    #expect(byProcess.count == 3, "\(line)")
    #expect(byProcess.reduce(0, +) == 30, "\(line)")
    // 30 links over 3 processes (6 listening sockets): one process with none has a chance of 1 in 60,000.
    #expect(byProcess.allSatisfy { $0 > 0 }, "\(line)")
    let boots = try #require(served.stdout.split(separator: "\n").first { $0.hasPrefix("BootNotification") })
    #expect(boots.split(separator: " ").map(String.init) == ["BootNotification", "30", "30"])
}

@Test func interruptingARunOfThreeProcessesWritesOneReportMarkedInterruptedAndLeavesNoWorker() async throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let seed = String(UInt32.random(in: 1_000_000...UInt32.max))
    let outcome = try await FleetProcess.interrupt(
        [
            "run", "--profile", "idle", "--stations", "30", "--processes", "3", "--duration", "120s",
            "--seed", seed, "--report", folder.path,
        ], after: "in 3 processes", delay: 3)

    #expect(outcome.status == 130, "\(outcome.stderr)")
    let report = try readReport(folder)
    #expect(report["interrupted"] as? Bool == true)
    let run = try #require(report["run"] as? [String: Any])
    #expect(run["stations"] as? Int == 30)
    #expect(outcome.stdout.contains("INTERRUPTED"))
    #expect(processes(containing: seed).isEmpty)
}

@Test func aWorkerThatFailsIsNamedAndTheOthersAreStopped() async throws {
    // Worker k serves metrics on P+k-1: a port taken by another process fails worker 2 alone.
    let taken = try BackgroundFleetProcess(["csms", "--listen", "127.0.0.1:0", "--exit-with-stdin"])
    defer { taken.stop() }
    let port = try await listeningPort(taken)
    let seed = String(UInt32.random(in: 1_000_000...UInt32.max))
    let outcome = try await FleetProcess.run([
        "run", "--profile", "idle", "--stations", "20", "--processes", "2", "--duration", "120s", "--quiet",
        "--seed", seed, "--metrics-port", String(port - 1),
    ])
    _ = try await taken.interrupt()
    #expect(outcome.status == 2, "\(outcome.stderr)")
    #expect(outcome.stderr.contains("error: worker 2/2 (pid "), "\(outcome.stderr)")
    #expect(outcome.stderr.contains("exited with status 2"), "\(outcome.stderr)")
    #expect(processes(containing: seed).isEmpty)
}

@Test func aShardTooLargeForOneProcessIsRefusedWithWhatToDo() async throws {
    let outcome = try await FleetProcess.run([
        "run", "--profile", "idle", "--stations", "40", "--shard", "1/2", "--max-stations-per-process", "10",
    ])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("cut the fleet into more shards"), "\(outcome.stderr)")
}
