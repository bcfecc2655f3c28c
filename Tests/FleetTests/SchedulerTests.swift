import Testing

@testable import Fleet

@Suite struct SchedulerTests {
    @Test func virtualClockJumpsToEachEventAndStopsAtTheLimit() {
        var scheduler = Scheduler<String, VirtualClock>(clock: VirtualClock(start: 1_000))
        scheduler.schedule("b", at: 3_000)
        scheduler.schedule("a", after: 500)
        scheduler.schedule("c", at: 9_000)
        var fired: [(String, Int64)] = []
        while let (event, firedAt) = scheduler.next(notAfter: 5_000) {
            fired.append((event.payload, firedAt))
        }
        #expect(fired.map(\.0) == ["a", "b"])
        #expect(fired.map(\.1) == [1_500, 3_000])
        #expect(scheduler.now == 3_000)
        #expect(scheduler.pendingCount == 1)
        #expect(scheduler.maxLag == 0)
    }

    @Test func anEventScheduledInThePastFiresAtTheCurrentTime() {
        var scheduler = Scheduler<Int, VirtualClock>(clock: VirtualClock(start: 0))
        scheduler.advance(to: 10_000)
        scheduler.schedule(1, at: 2_000)
        let fired = scheduler.next(notAfter: 10_000)
        #expect(fired?.firedAt == 10_000)
        #expect(scheduler.maxLag == 8_000)
    }

    @Test func realClockCompressesTheTimelineBySpeed() {
        let fast = RealClock(start: 1_000_000, speed: 60)
        let slow = RealClock(start: 1_000_000, speed: 1)
        // A minute of the timeline is at most a second of wall time at speed 60, about a minute at speed 1.
        #expect(fast.wallNanoseconds(until: 1_060_000) <= 1_000_000_000)
        #expect(slow.wallNanoseconds(until: 1_060_000) > 30_000_000_000)
        #expect(fast.wallNanoseconds(until: 999_000) == 0)
    }
}
