import Foundation
import TestSupport
import Testing

private func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("ocpp-fleet-csms-\(UUID())")
}

/// The port a `csms` started with `--listen 127.0.0.1:0` says it listens on.
private func listeningPort(_ server: BackgroundFleetProcess) async throws -> Int {
    let text = try await server.waitForStandardError(containing: "/<station id>")
    let after = try #require(text.range(of: "ws://127.0.0.1:")?.upperBound)
    return try #require(Int(text[after...].prefix { $0.isNumber }))
}

@Test func csmsServesUntilInterruptedThenPrintsWhatItServedAndWritesNoReport() async throws {
    let outcome = try await FleetProcess.interrupt(
        ["csms", "--listen", "127.0.0.1:0", "--password", "s3cret"], after: "listening on")
    #expect(outcome.stderr.contains("listening on ws://127.0.0.1:"))
    #expect(outcome.status == 0)
    #expect(outcome.stdout.contains("served 0 connections"))
    #expect(outcome.stderr.contains("then what was served"))
    #expect(!outcome.stderr.contains("report"))
    #expect(!outcome.stdout.contains("s3cret"))
    #expect(!outcome.stderr.contains("s3cret"))
}

@Test func csmsWritesWhatItServedIntoTheReportFolderWhenAsked() async throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try await FleetProcess.interrupt(
        ["csms", "--listen", "127.0.0.1:0", "--report", folder.path], after: "listening on")
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let data = try Data(contentsOf: folder.appendingPathComponent("csms.json"))
    let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let counters = try #require(report["counters"] as? [String: Any])
    #expect(counters["stations.connections"] as? Int == 0)
    #expect((report["listen"] as? String)?.hasPrefix("127.0.0.1:") == true)
}

@Test func csmsRefusesAnUnreadableListenAddress() async throws {
    let outcome = try await FleetProcess.run(["csms", "--listen", "localhost"])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("HOST:PORT"))
}

@Test func aSecondCSMSOnAPortInUseIsRefused() async throws {
    let first = try BackgroundFleetProcess(["csms", "--listen", "127.0.0.1:0", "--exit-with-stdin"])
    defer { first.stop() }
    let port = try await listeningPort(first)
    let second = try await FleetProcess.run(["csms", "--listen", "127.0.0.1:\(port)"], timeout: 30)
    _ = try await first.interrupt()
    #expect(second.status == 2)
    #expect(second.stderr.contains("port \(port) is in use by another process"))
}

@Test func aCSMSStartedWithExitWithStdinEndsWhenItsParentsPipeCloses() async throws {
    let server = try BackgroundFleetProcess(["csms", "--listen", "127.0.0.1:0", "--exit-with-stdin", "--processes", "2"])
    defer { server.stop() }
    _ = try await listeningPort(server)
    // Started after it, a second CSMS must not hold the first one's pipe open.
    let other = try BackgroundFleetProcess(["csms", "--listen", "127.0.0.1:0", "--exit-with-stdin"])
    defer { other.stop() }
    _ = try await listeningPort(other)
    try server.closeStandardInput()
    let status = try await server.waitForExit(timeout: 60)
    #expect(status != nil, "still running with its stdin closed")
    #expect(try await other.waitForExit(timeout: 0.5) == nil)
    _ = try await other.interrupt()
}

@Test func aFleetInAnotherProcessChargesAndItsBlockedAndExpiredBadgesAreRefused() async throws {
    let server = try BackgroundFleetProcess(["csms", "--listen", "127.0.0.1:0", "--exit-with-stdin"])
    defer { server.stop() }
    let port = try await listeningPort(server)
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // An hour of 40 stations of the smoke profile in 6 s: about 160 sessions, all kinds of badges.
    let fleet = try await FleetProcess.run([
        "run", "--csms", "ws://127.0.0.1:\(port)/ocpp", "--profile", "smoke", "--stations", "40",
        "--speed", "600", "--duration", "6s", "--report", folder.path, "--quiet",
    ])
    let served = try await server.interrupt()
    #expect(fleet.status == 0, "\(fleet.stderr)")
    #expect(served.status == 0, "\(served.stderr)")

    let data = try Data(contentsOf: folder.appendingPathComponent("report.json"))
    let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let transactions = try #require(report["transactions"] as? [String: Any])
    #expect((transactions["started"] as? Int ?? 0) > 0)
    #expect((transactions["stopped"] as? Int ?? 0) > 0)
    let badges = try #require(served.stdout.split(separator: "\n").first { $0.hasPrefix("badges") })
    for status in ["Accepted", "Blocked", "Expired", "Invalid"] {
        #expect(badges.contains(" \(status)"), "\(badges)")
    }
}

@Test func aBadBadgeFileIsRefusedWithItsFileItsJSONPathAndWhatWasExpected() async throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("badges-\(UUID()).json")
    defer { try? FileManager.default.removeItem(at: file) }
    try Data(#"{"accepted": ["GOOD", 42]}"#.utf8).write(to: file)
    let outcome = try await FleetProcess.run(["csms", "--listen", "127.0.0.1:0", "--badges", file.path])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("\(file.path): at $.accepted[1]: expected an idTag"))
}
