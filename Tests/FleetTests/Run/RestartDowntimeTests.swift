import Testing

@testable import Fleet

/// A profile's `restartCSMS` keeps the embedded CSMS down as long as it says, even when the runner takes
/// it down late (a loaded machine wakes the runner late).
@Suite struct RestartDowntimeTests {
    @Test func aCSMSTakenDownLateComesBackAsLongAfterAsPlanned() {
        var restarts: [(at: UInt64, isDown: Bool, event: Int)] = [(10_000, false, 0), (20_000, true, 1), (22_000, false, 1)]
        FleetRunner.keepDowntime(of: (8_000, true, 0), wentDownAt: 9_500, in: &restarts)
        #expect(restarts.map(\.at) == [11_500, 20_000, 22_000])
        #expect(restarts.map(\.event) == [0, 1, 1])
    }

    @Test func aCSMSTakenDownOnTimeComesBackWhenPlanned() {
        var restarts: [(at: UInt64, isDown: Bool, event: Int)] = [(10_000, false, 0)]
        FleetRunner.keepDowntime(of: (8_000, true, 0), wentDownAt: 8_000, in: &restarts)
        #expect(restarts.map(\.at) == [10_000])
    }
}
