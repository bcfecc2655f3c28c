#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TestSupport
import Testing

private func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("ocpp-fleet-run-\(UUID())")
}

/// A loopback port nobody listens on: bound, then released.
private func unusedPort() throws -> Int {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    try withUnsafeMutablePointer(to: &address) { pointer in
        try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
            guard bind(socket, raw, length) == 0, getsockname(socket, raw, &length) == 0 else {
                throw POSIXError(.EADDRINUSE)
            }
        }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

@Test func runAgainstTheEmbeddedCSMSWritesItsReportAndExitsZero() async throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try await FleetProcess.run([
        "run", "--profile", "Profiles/smoke.json", "--duration", "4s", "--report", folder.path, "--quiet",
        // Not timeouts: the profile drops links, and calls lost with them count as timeouts.
        "--slo", "bad_frames == 0",
    ])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let data = try Data(contentsOf: folder.appendingPathComponent("report.json"))
    let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let connections = try #require(report["connections"] as? [String: Any])
    #expect((connections["established"] as? Int ?? 0) > 0)
    let csms = try #require(report["csms"] as? [String: Any])
    #expect((csms["received.BootNotification"] as? Double ?? 0) > 0)
}

@Test func anUnreachableCSMSExitsThreeWithOnePlainSentence() async throws {
    let port = try unusedPort()
    let outcome = try await FleetProcess.run([
        "run", "--csms", "ws://127.0.0.1:\(port)/ocpp", "--profile", "smoke", "--duration", "30s", "--quiet",
    ])
    #expect(outcome.status == 3)
    let errors = outcome.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
    #expect(errors == ["error: could not reach the CSMS: connection refused by 127.0.0.1:\(port) (nothing listens there)"])
}

@Test func interruptingARunStillWritesACompleteReportMarkedInterruptedAndExits130() async throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try await FleetProcess.interrupt(
        [
            "run", "--profile", "smoke", "--duration", "60s", "--report", folder.path,
            "--password", "s3cret",
        ], after: "running ", delay: 2)

    #expect(outcome.status == 130, "\(outcome.stderr)")
    for name in ["report.json", "report.html", "timeline.csv", "junit.xml"] {
        let file = folder.appendingPathComponent(name)
        #expect(FileManager.default.fileExists(atPath: file.path), "\(name)")
        #expect(!(try String(contentsOf: file, encoding: .utf8)).contains("s3cret"))
    }
    let data = try Data(contentsOf: folder.appendingPathComponent("report.json"))
    let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(report["interrupted"] as? Bool == true)
    let junit = try String(contentsOf: folder.appendingPathComponent("junit.xml"), encoding: .utf8)
    #expect(junit.contains("<failure type=\"interrupted\""))
    #expect(outcome.stdout.contains("INTERRUPTED"))
    #expect(!outcome.stderr.contains("s3cret"))
    #expect(!outcome.stdout.contains("s3cret"))
}

@Test func aRunStoppedBySIGTERMExits143() async throws {
    let outcome = try await FleetProcess.interrupt(
        ["run", "--profile", "smoke", "--duration", "60s", "--json"], after: "running ", delay: 1, signal: SIGTERM)
    #expect(outcome.status == 143, "\(outcome.stderr)")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    #expect(report["interrupted"] as? Bool == true)
}

@Test func aRunThatRanItsWholeDurationIsNotMarkedInterrupted() async throws {
    let outcome = try await FleetProcess.run(["run", "--profile", "smoke", "--duration", "2s", "--quiet", "--json"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    #expect(report["interrupted"] as? Bool == false)
}

@Test func anIPAddressThatCannotExistIsBadInput() async throws {
    let outcome = try await FleetProcess.run(["run", "--csms", "ws://256.1.1.1/ocpp", "--duration", "5s"])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("256.1.1.1 is not one"))
}

@Test func anSLOOnAnActionThatDoesNotExistIsRefusedBeforeTheRunWithTheActions() async throws {
    let outcome = try await FleetProcess.run(["run", "--slo", "p99(Heartbeet) < 1s", "--duration", "5s"])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("no action 'Heartbeet'"))
    #expect(outcome.stderr.contains("Heartbeat"))
    #expect(!outcome.stderr.contains("running "))
}

/// A loopback socket that listens but never accepts: the kernel completes each TCP handshake, and no
/// WebSocket upgrade is ever answered.
private func silentListener() throws -> (fd: Int32, port: Int) {
    let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    try withUnsafeMutablePointer(to: &address) { pointer in
        try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
            guard bind(fd, raw, length) == 0, getsockname(fd, raw, &length) == 0, listen(fd, 64) == 0 else {
                close(fd)
                throw POSIXError(.EADDRINUSE)
            }
        }
    }
    return (fd, Int(UInt16(bigEndian: address.sin_port)))
}

@Test func aCSMSThatNeverAnswersTheUpgradeFailsEachAttemptAfterTheConnectTimeoutAndExitsThree() async throws {
    let listener = try silentListener()
    defer { close(listener.fd) }
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // Nine times the timeout: with the default (10 s) the run would end before any attempt failed.
    let outcome = try await FleetProcess.run([
        "run", "--csms", "ws://127.0.0.1:\(listener.port)/ocpp", "--profile", "smoke", "--stations", "2",
        "--duration", "9s", "--connect-timeout", "1s", "--report", folder.path, "--quiet",
    ])
    #expect(outcome.status == 3, "\(outcome.stderr)")
    #expect(outcome.stderr.contains("error: could not reach the CSMS: "))
    #expect(outcome.stderr.contains("timed out"))
    let data = try Data(contentsOf: folder.appendingPathComponent("report.json"))
    let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let failed = try #require((report["connections"] as? [String: Any])?["failed_by_reason"] as? [String: Any])
    #expect(failed["timeout"] as? Int ?? 0 > 0)
}

@Test func aConnectTimeoutThatIsNoDurationIsBadUsage() async throws {
    let outcome = try await FleetProcess.run(["run", "--connect-timeout", "0s", "--duration", "5s"])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("--connect-timeout must be longer than zero and at most 1h"))
    #expect(!outcome.stderr.contains("running "))
}
