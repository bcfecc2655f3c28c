import Net
import Testing

@testable import Fleet

/// The run's coordinator sleeps on a loop's timer until its next deadline, and wakes at once when another
/// thread rings (a stop, a resize).
@Suite struct RunAlarmTests {
    /// An hour from now: a wait that returns did not wait for it.
    private static let anHourAway: UInt64 = 3_600_000_000_000

    @Test func aWaitEndsAtItsDeadline() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let alarm = RunAlarm()
        await alarm.wait(until: EventLoop.now() + 1_000_000, on: group.loops[0])
        await alarm.wait(until: 0, on: group.loops[0])
    }

    @Test func aRingEndsAWaitLongBeforeItsDeadline() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let alarm = RunAlarm()
        async let waited: Void = alarm.wait(until: EventLoop.now() + Self.anHourAway, on: group.loops[0])
        alarm.ring()
        await waited
    }

    @Test func aRingWhileNobodyWaitsEndsTheNextWaitAtOnce() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let alarm = RunAlarm()
        alarm.ring()
        await alarm.wait(until: EventLoop.now() + Self.anHourAway, on: group.loops[0])
        // The ring is used up: the next wait ends at its own deadline.
        await alarm.wait(until: EventLoop.now() + 1_000_000, on: group.loops[0])
    }
}
