import Testing

@testable import Fleet

/// The run's two clocks: station time starts at the wall clock and runs at the speed, the plan moves onto
/// it, the waits of the network and the CSMS stay on the wall clock, and nothing a CSMS sends can trap it.
@Suite struct RunClockTests {
    /// A run at speed 60 whose loops started at 5 s of uptime, at 2026-12-05T09:00:00Z, on a profile that
    /// starts on Monday 2026-01-05 08:00Z.
    let clock = RunClock(
        startNanos: 5_000_000_000, stationStart: 1_796_461_200_000, profileStart: 1_767_600_000_000, speed: 60)

    @Test func stationTimeStartsAtTheWallClockAndRunsAtTheSpeed() {
        #expect(clock.stationTime(atNanos: clock.startNanos) == clock.stationStart)
        #expect(clock.stationTime(atNanos: clock.startNanos + 1_000_000_000) == clock.stationStart + 60_000)
        #expect(clock.stationTime(atNanos: 0) == clock.stationStart)
    }

    @Test func thePlanMovesFromTheProfilesCalendarOntoTheStationClock() {
        #expect(clock.stationTime(forPlanTime: clock.profileStart) == clock.stationStart)
        #expect(clock.stationTime(forPlanTime: clock.profileStart + 3_600_000) == clock.stationStart + 3_600_000)
    }

    @Test func aStationDeadlineComesSpeedTimesSoonerOnTheLoops() {
        #expect(clock.nanos(forStationTime: clock.stationStart + 60_000) == clock.startNanos + 1_000_000_000)
        #expect(clock.nanos(forStationTime: clock.stationStart - 1) == clock.startNanos)
    }

    @Test func aWaitOfTheNetworkOrTheCSMSIsNotScaled() {
        let now = clock.startNanos + 2_000_000_000
        let stationNow = clock.stationTime(atNanos: now)
        #expect(clock.nanos(wallDeadline: stationNow + 10_000, stationNow: stationNow, after: now) == now + 10_000_000_000)
        #expect(clock.nanos(wallDeadline: stationNow - 5, stationNow: stationNow, after: now) == now)
    }

    @Test func deadlinesFromAbsurdCSMSValuesNeverComeAndNeverTrap() {
        let year9999: Int64 = 253_402_300_799_999
        #expect(clock.nanos(forStationTime: year9999) > clock.startNanos + 86_400 * 365 * 1_000_000_000)
        #expect(clock.nanos(forStationTime: .max) == RunClock.never)
        let heartbeat: Int64 = (1 << 31) * 1000
        #expect(clock.nanos(wallDeadline: clock.stationStart + heartbeat, stationNow: clock.stationStart, after: 0)
            == UInt64(heartbeat) * 1_000_000)
        #expect(clock.nanos(wallDeadline: .max, stationNow: .min, after: clock.startNanos) == RunClock.never)
        #expect(clock.nanos(wallDeadline: .min, stationNow: .max, after: clock.startNanos) == clock.startNanos)
        let fast = RunClock(startNanos: 0, stationStart: 0, profileStart: 0, speed: 1e300)
        #expect(fast.stationTime(atNanos: .max) == .max)
    }

    @Test func stationTimeRunsAheadOfTheWallClockBySpeedMinusOneTimesTheElapsedTime() {
        #expect(clock.stationAheadSeconds(atNanos: clock.startNanos + 2_000_000_000) == 118)
        let realTime = RunClock(startNanos: 0, stationStart: 1_796_461_200_000, profileStart: 0, speed: 1)
        #expect(realTime.stationAheadSeconds(atNanos: 60_000_000_000) == 0)
    }
}
