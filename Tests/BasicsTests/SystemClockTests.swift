import Basics
import Testing

@Suite struct SystemClockTests {
    @Test func monotonicTimeNeverGoesBack() {
        var previous = SystemClock.monotonicNanoseconds()
        for _ in 0..<10_000 {
            let now = SystemClock.monotonicNanoseconds()
            #expect(now >= previous)
            previous = now
        }
    }

    @Test func monotonicSecondsAreTheNanosecondsScaled() {
        let nanoseconds = SystemClock.monotonicNanoseconds()
        let seconds = SystemClock.monotonicSeconds()
        let later = SystemClock.monotonicNanoseconds()
        #expect(seconds >= Double(nanoseconds) / 1e9)
        #expect(seconds <= Double(later) / 1e9)
    }

    @Test func wallTimeIsAfterThisCodeWasWritten() {
        // 2026-01-01T00:00:00Z: a clock read with the wrong unit or epoch lands far from it.
        let written: Int64 = 1_767_225_600_000
        let now = SystemClock.wallMilliseconds()
        #expect(now > written)
        #expect(now < written + 100 * 365 * 86_400_000)
    }

    @Test func wallMillisecondsAreTheMicrosecondsTruncated() {
        let micros = SystemClock.wallMicroseconds()
        let millis = SystemClock.wallMilliseconds()
        let laterMicros = SystemClock.wallMicroseconds()
        #expect(millis >= micros / 1000)
        #expect(millis <= laterMicros / 1000)
    }
}
