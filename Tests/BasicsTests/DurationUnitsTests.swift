import Basics
import Testing

/// A duration in the whole units the clocks, timers and command lines count in.
@Suite struct DurationUnitsTests {
    @Test func aDurationInWholeNanosecondsAndMicrosecondsDropsWhatIsFiner() {
        let duration = Duration.seconds(2) + .nanoseconds(1_999)
        #expect(duration.nanoseconds == 2_000_001_999)
        #expect(duration.microseconds == 2_000_001)
    }

    @Test func aNegativeDurationIsNoNanosecondsButNegativeMilliseconds() {
        let duration = Duration.milliseconds(-1_500)
        #expect(duration.nanoseconds == 0)
        #expect(duration.microseconds == 0)
        #expect(duration.milliseconds == -1_500)
    }

    @Test func millisecondsAreRoundedTowardZero() {
        #expect((Duration.seconds(90) + .microseconds(999)).milliseconds == 90_000)
        #expect(Duration.microseconds(1_999).milliseconds == 1)
    }
}
