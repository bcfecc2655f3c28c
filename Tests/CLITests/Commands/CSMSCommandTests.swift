import Foundation
import TestSupport
import Testing

@Test func csmsServesUntilInterruptedThenPrintsItsCounters() async throws {
    let outcome = try await FleetProcess.interrupt(
        ["csms", "--listen", "127.0.0.1:0", "--password", "s3cret"], after: "listening on")
    #expect(outcome.stderr.contains("listening on ws://127.0.0.1:"))
    #expect(outcome.status == 0)
    #expect(outcome.stdout.contains("stations.connected 0"))
    #expect(!outcome.stdout.contains("s3cret"))
    #expect(!outcome.stderr.contains("s3cret"))
}

@Test func csmsRefusesAnUnreadableListenAddress() async throws {
    let outcome = try await FleetProcess.run(["csms", "--listen", "localhost"])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("HOST:PORT"))
}
