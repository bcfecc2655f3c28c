import Foundation
import Glibc
import Net
import Testing

@testable import Fleet

/// An embedded CSMS coming back from a restart waits for its port to be free, for a bounded time, and
/// says what held it when it was not freed.
@Suite struct EmbeddedCSMSComeBackTests {
    /// Whether a TCP connection to 127.0.0.1:`port` is accepted (a blocking connect on loopback).
    static func accepts(on port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Starts the embedded CSMS of a one-station plan on `group` and takes it down.
    static func downCSMS(on group: EventLoopGroup) async throws -> EmbeddedCSMS {
        let plan = FleetPlan(profile: try RunFixtures.profile(), fleetSize: 1, seed: 1, duration: 60_000)
        let csms = try await EmbeddedCSMS.start(plan: plan, password: nil, group: group)
        await csms.goDown()
        return csms
    }

    @Test func aRestartWaitsUntilAnotherListenerLetsGoOfItsPort() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let csms = try await Self.downCSMS(on: group)
        let holder = try RunFixtures.listener(on: csms.port)
        // The holder lets go a moment after the restart began; the restart may wait far longer.
        let release = Task {
            try await Task.sleep(for: .milliseconds(300))
            close(holder)
        }
        try await csms.comeBack(pausingOn: RunAlarm(), loop: group.loops[0], within: .seconds(120))
        try await release.value
        // The stranger is gone: what accepts a connection now is the CSMS.
        #expect(Self.accepts(on: csms.port))
        await csms.goDown()
    }

    @Test func aRestartWhosePortStaysTakenFailsAndSaysWhatHeldIt() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let csms = try await Self.downCSMS(on: group)
        let holder = try RunFixtures.listener(on: csms.port)
        defer { close(holder) }

        let error = await #expect(throws: FleetRunError.self) {
            try await csms.comeBack(pausingOn: RunAlarm(), loop: group.loops[0], within: .milliseconds(200))
        }
        let description = error?.description ?? ""
        #expect(description.contains("did not come back from its restart"))
        #expect(description.contains("127.0.0.1:\(csms.port)"))
        #expect(description.contains("in use by another process"))
    }
}
