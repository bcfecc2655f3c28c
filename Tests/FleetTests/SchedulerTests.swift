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
}
