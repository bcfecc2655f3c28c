import Testing

@testable import Net

private final class Recorder: TimerOwner {
    var fired: [UInt32] = []
    func timerFired(_ tag: UInt32) {
        fired.append(tag)
    }
}

private let millisecond: UInt64 = 1_000_000

/// Collects and fires everything due at `now`, as the event loop does.
private func advance(_ wheel: inout TimerWheel, to now: UInt64) {
    wheel.collectDue(now: now)
    while let (owner, tag) = wheel.popDue() { owner.timerFired(tag) }
}

@Suite struct TimerWheelTests {
    @Test func timersFireInDeadlineOrderAndTiesInInsertionOrder() {
        var wheel = TimerWheel(now: 0)
        let recorder = Recorder()
        wheel.schedule(at: 30 * millisecond, owner: recorder, tag: 3)
        wheel.schedule(at: 10 * millisecond, owner: recorder, tag: 1)
        wheel.schedule(at: 20 * millisecond, owner: recorder, tag: 20)
        wheel.schedule(at: 20 * millisecond, owner: recorder, tag: 21)
        wheel.schedule(at: 20 * millisecond, owner: recorder, tag: 22)
        advance(&wheel, to: 100 * millisecond)
        #expect(recorder.fired == [1, 20, 21, 22, 3])
        #expect(wheel.count == 0)
    }

    @Test func sameTickDeadlinesFireByDeadlineNotByInsertion() {
        var wheel = TimerWheel(now: 0)
        let recorder = Recorder()
        wheel.schedule(at: 5 * millisecond + 900, owner: recorder, tag: 2)
        wheel.schedule(at: 5 * millisecond + 100, owner: recorder, tag: 1)
        advance(&wheel, to: 6 * millisecond)
        #expect(recorder.fired == [1, 2])
    }

    @Test func aTimerNeverFiresBeforeItsDeadline() {
        var wheel = TimerWheel(now: 0)
        let recorder = Recorder()
        wheel.schedule(at: 10 * millisecond + 1, owner: recorder, tag: 1)
        advance(&wheel, to: 10 * millisecond)
        #expect(recorder.fired.isEmpty)
        advance(&wheel, to: 11 * millisecond)
        #expect(recorder.fired == [1])
    }

    @Test func aDeadlineNearTheEndOfTimeNeverFiresInsteadOfWrappingRound() {
        var wheel = TimerWheel(now: 0)
        let recorder = Recorder()
        wheel.schedule(at: .max, owner: recorder, tag: 1)
        wheel.schedule(at: .max - 1, owner: recorder, tag: 2)
        advance(&wheel, to: 10_000 * millisecond)
        #expect(recorder.fired.isEmpty)
        #expect(wheel.count == 2)
    }

    @Test func aCancelledTimerDoesNotFire() {
        var wheel = TimerWheel(now: 0)
        let recorder = Recorder()
        let cancelled = wheel.schedule(at: millisecond, owner: recorder, tag: 1)
        wheel.schedule(at: millisecond, owner: recorder, tag: 2)
        let wasScheduled = wheel.cancel(cancelled)
        #expect(wasScheduled)
        advance(&wheel, to: 2 * millisecond)
        #expect(recorder.fired == [2])
    }

    @Test func cancellingAFiredTimerDoesNothingEvenWhenItsEntryIsReused() {
        var wheel = TimerWheel(now: 0)
        let recorder = Recorder()
        let first = wheel.schedule(at: millisecond, owner: recorder, tag: 1)
        advance(&wheel, to: 2 * millisecond)
        wheel.schedule(at: 3 * millisecond, owner: recorder, tag: 2)
        let wasScheduled = wheel.cancel(first)
        #expect(!wasScheduled)
        advance(&wheel, to: 4 * millisecond)
        #expect(recorder.fired == [1, 2])
    }

    @Test func aTimerCancelledByAnEarlierTimerOfTheSameBatchDoesNotFire() {
        var wheel = TimerWheel(now: 0)
        let recorder = Recorder()
        wheel.schedule(at: millisecond, owner: recorder, tag: 1)
        let victim = wheel.schedule(at: 2 * millisecond, owner: recorder, tag: 2)
        wheel.collectDue(now: 5 * millisecond)
        var fired: [UInt32] = []
        while let (_, tag) = wheel.popDue() {
            fired.append(tag)
            if tag == 1 {
                let wasScheduled = wheel.cancel(victim)
                #expect(wasScheduled)
            }
        }
        #expect(fired == [1])
    }

    @Test func timersBeyondOneTurnOfTheWheelWaitForTheirTurn() {
        var wheel = TimerWheel(now: 0, tickNanoseconds: millisecond, slotCount: 8)
        let recorder = Recorder()
        wheel.schedule(at: 20 * millisecond, owner: recorder, tag: 20)
        wheel.schedule(at: 4 * millisecond, owner: recorder, tag: 4)
        for now in stride(from: UInt64(0), through: 19, by: 1) {
            advance(&wheel, to: now * millisecond)
        }
        #expect(recorder.fired == [4])
        advance(&wheel, to: 20 * millisecond)
        #expect(recorder.fired == [4, 20])
    }

    @Test func aLongSleepFiresEverythingDueInDeadlineOrder() {
        var wheel = TimerWheel(now: 0, tickNanoseconds: millisecond, slotCount: 8)
        let recorder = Recorder()
        for tag in (1...30).reversed() {
            wheel.schedule(at: UInt64(tag) * millisecond, owner: recorder, tag: UInt32(tag))
        }
        advance(&wheel, to: 25 * millisecond)
        #expect(recorder.fired == Array(1...25))
        advance(&wheel, to: 100 * millisecond)
        #expect(recorder.fired == Array(1...30))
    }

    @Test func theNextWakeUpIsNeverAfterTheEarliestDeadline() throws {
        var wheel = TimerWheel(now: 0, tickNanoseconds: millisecond, slotCount: 64)
        let recorder = Recorder()
        #expect(wheel.nextWakeUp() == nil)
        wheel.schedule(at: 500 * millisecond, owner: recorder, tag: 1)
        wheel.schedule(at: 37 * millisecond + 5, owner: recorder, tag: 2)
        let wakeUp = try #require(wheel.nextWakeUp())
        #expect(wakeUp <= 37 * millisecond + 5 + millisecond)
        #expect(wakeUp >= 37 * millisecond)
    }

    @Test func aTimerScheduledInThePastFiresAtTheNextCollection() {
        var wheel = TimerWheel(now: 50 * millisecond)
        let recorder = Recorder()
        advance(&wheel, to: 60 * millisecond)
        wheel.schedule(at: 10 * millisecond, owner: recorder, tag: 1)
        advance(&wheel, to: 61 * millisecond)
        #expect(recorder.fired == [1])
    }

    @Test func timersOfOneTickFireInTheOneWakeUpTheWheelAsksFor() throws {
        var wheel = TimerWheel(now: 0)
        let recorder = Recorder()
        wheel.schedule(at: 20 * millisecond + 900_000, owner: recorder, tag: 3)
        wheel.schedule(at: 20 * millisecond + 100_000, owner: recorder, tag: 1)
        wheel.schedule(at: 20 * millisecond + 500_000, owner: recorder, tag: 2)
        let wakeUp = try #require(wheel.nextWakeUp())
        advance(&wheel, to: wakeUp)
        #expect(recorder.fired == [1, 2, 3])
        #expect(wheel.nextWakeUp() == nil)
    }

    @Test func aLateWakeUpAlsoFiresTheTimersDueSinceItsTickBegan() throws {
        var wheel = TimerWheel(now: 0)
        let recorder = Recorder()
        wheel.schedule(at: 10 * millisecond + 200_000, owner: recorder, tag: 1)
        wheel.schedule(at: 11 * millisecond + 300_000, owner: recorder, tag: 2)
        wheel.schedule(at: 11 * millisecond + 800_000, owner: recorder, tag: 3)
        // The loop asked to wake at 11 ms and woke at 11.5 ms (its sleep is rounded up to whole milliseconds).
        #expect(wheel.nextWakeUp() == 11 * millisecond)
        advance(&wheel, to: 11 * millisecond + 500_000)
        #expect(recorder.fired == [1, 2])
        #expect(wheel.nextWakeUp() == 12 * millisecond)
        advance(&wheel, to: 12 * millisecond)
        #expect(recorder.fired == [1, 2, 3])
    }

    @Test func aWakeUpForInputFiresEveryTimerAlreadyDue() {
        var wheel = TimerWheel(now: 0)
        let recorder = Recorder()
        wheel.schedule(at: 5 * millisecond + 100_000, owner: recorder, tag: 1)
        wheel.schedule(at: 5 * millisecond + 400_000, owner: recorder, tag: 2)
        advance(&wheel, to: 5 * millisecond + 300_000)
        advance(&wheel, to: 5 * millisecond + 300_000)
        #expect(recorder.fired == [1])
        advance(&wheel, to: 5 * millisecond + 400_000)
        #expect(recorder.fired == [1, 2])
    }

    @Test func aTimerScheduledForAPassedInstantOfTheCurrentTickFiresAtTheNextCollection() {
        var wheel = TimerWheel(now: 0)
        let recorder = Recorder()
        advance(&wheel, to: 7 * millisecond + 200_000)
        wheel.schedule(at: 7 * millisecond + 100_000, owner: recorder, tag: 1)
        wheel.schedule(at: 7 * millisecond + 600_000, owner: recorder, tag: 2)
        advance(&wheel, to: 7 * millisecond + 300_000)
        #expect(recorder.fired == [1])
        advance(&wheel, to: 8 * millisecond)
        #expect(recorder.fired == [1, 2])
    }

    @Test func holdsAHundredThousandTimersAndFiresEachOnce() {
        var wheel = TimerWheel(now: 0)
        let owners = (0..<100).map { _ in Recorder() }
        var ids: [TimerID] = []
        for index in 0..<100_000 {
            let deadline = UInt64(index % 10_000) * millisecond
            ids.append(wheel.schedule(at: deadline, owner: owners[index % 100], tag: UInt32(index)))
        }
        #expect(wheel.count == 100_000)
        let cancelled = ids[0..<1000].filter { wheel.cancel($0) }.count
        #expect(cancelled == 1000)
        for second in 1...11 { advance(&wheel, to: UInt64(second) * 1000 * millisecond) }
        let fired = owners.flatMap(\.fired)
        #expect(fired.count == 99_000)
        #expect(Set(fired).count == 99_000)
        #expect(wheel.count == 0)
    }
}
