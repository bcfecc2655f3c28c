import Testing

@testable import Station

/// Clock and duration arithmetic on values from the wire holds at the ends of Int64 instead of trapping.
@Suite struct SaturatingTests {
    @Test func additionHoldsAtTheEnds() {
        #expect(Int64.max.saturatingAdd(1) == .max)
        #expect(Int64.min.saturatingAdd(-1) == .min)
        #expect(Int64(1_555_683_943_083).saturatingAdd(.max) == .max)
        #expect(Int64(40).saturatingAdd(2) == 42)
    }

    @Test func subtractionHoldsAtTheEnds() {
        #expect(Int64.min.saturatingSubtract(1) == .min)
        #expect(Int64.max.saturatingSubtract(-1) == .max)
        #expect(Int64(0).saturatingSubtract(.min) == .max)
        #expect(Int64(44).saturatingSubtract(2) == 42)
    }

    @Test func multiplicationHoldsAtTheEnds() {
        #expect(Int64.max.saturatingMultiply(1000) == .max)
        #expect(Int64.min.saturatingMultiply(1000) == .min)
        #expect(Int64.min.saturatingMultiply(-1) == .max)
        #expect(Int64(-3).saturatingMultiply(.max) == .min)
        #expect(Int64(6).saturatingMultiply(7) == 42)
    }

    @Test func secondsBecomeMillisecondsWithinRange() {
        #expect(Int64.milliseconds(seconds: 86_400) == 86_400_000)
        #expect(Int64.milliseconds(seconds: .max) == .max)
        #expect(Int64.milliseconds(seconds: .min) == .min)
    }

    @Test func doublesConvertWithinRange() {
        #expect(Int64(saturating: 1e308) == .max)
        #expect(Int64(saturating: -1e308) == .min)
        #expect(Int64(saturating: 9_223_372_036_854_775_808.0) == .max)
        #expect(Int64(saturating: -9_223_372_036_854_775_808.0) == .min)
        #expect(Int64(saturating: .infinity) == .max)
        #expect(Int64(saturating: .nan) == 0)
        #expect(Int64(saturating: -41.9) == -41)
    }
}
