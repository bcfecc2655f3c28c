import Basics
import Testing

@testable import Metrics

/// The index vectors of hdrhistogram-swift's `testUnitMagnitude0IndexCalculations`.
@Suite struct LatencyHistogramLayoutTests {
    @Test func aRangeUpToTwoToTheThirtyTwoNeedsTwentyThreeBuckets() {
        let histogram = LatencyHistogram(highestTrackableValue: 1 << 32)
        #expect(LatencyHistogram.subBucketCount == 2048)
        #expect(histogram.bucketCount == 23)
    }

    /// (value, bucket, sub-bucket)
    static let indexVectors: [(UInt64, Int, Int)] = [
        (3, 0, 3),
        (1024 + 3, 0, 1024 + 3),
        (2048 + 3 * 2, 1, 1024 + 3),
        ((2048 << 1) + 3 * 4, 2, 1024 + 3),
        ((2048 << 22) + 3 * (1 << 23), 23, 1024 + 3),
    ]

    @Test(arguments: indexVectors)
    func valuesLandInHdrHistogramsBucketAndSubBucket(value: UInt64, bucket: Int, subBucket: Int) {
        let bucketIndex = LatencyHistogram.bucketIndex(for: value)
        #expect(bucketIndex == bucket)
        #expect(LatencyHistogram.subBucketIndex(for: value, bucketIndex: bucketIndex) == subBucket)
    }

    @Test func everyIndexMapsBackToTheLowestValueThatLandsThere() {
        for index in stride(from: 0, to: 24 * 1024, by: 7) {
            let value = LatencyHistogram.value(atIndex: index)
            #expect(LatencyHistogram.countsIndex(for: value) == index)
        }
    }
}

@Suite struct LatencyHistogramTests {
    @Test func percentilesMatchSortingTheValuesWithinThePrecision() throws {
        var generator = SplitMix64(seed: 42)
        var histogram = LatencyHistogram()
        var values: [UInt64] = []
        for _ in 0..<20_000 {
            // Log-uniform over 1 µs ... ~17 s, so every bucket up to 24 sees values.
            let magnitude = generator.next() % 24
            let value = (UInt64(1) << magnitude) + generator.next() % (UInt64(1) << magnitude)
            values.append(value)
            histogram.record(value)
        }
        values.sort()
        for percentile in [1.0, 25, 50, 90, 99, 99.9, 99.99] {
            let rank = Int((percentile * Double(values.count) / 100).rounded(.up))
            let exact = values[max(rank, 1) - 1]
            let measured = histogram.value(atPercentile: percentile)
            #expect(measured == min(LatencyHistogram.highestEquivalentValue(exact), values.last!))
            #expect(Double(measured - exact) <= Double(exact) / 1000, "p\(percentile): \(measured) vs \(exact)")
        }
        #expect(histogram.value(atPercentile: 100) == values.last!)
        #expect(histogram.value(atPercentile: 0) == values.first!)
        #expect(histogram.totalCount == UInt64(values.count))
        #expect(histogram.sum == values.reduce(0, +))
    }

    @Test func aRankOnABoundaryTakesTheLowerValue() {
        var histogram = LatencyHistogram()
        histogram.record(1)
        histogram.record(2)
        #expect(histogram.value(atPercentile: 50) == 1)
        #expect(histogram.value(atPercentile: 50.0000000000001) == 2)
    }

    @Test func summaryGivesTheFivePercentilesReportsShow() {
        var histogram = LatencyHistogram()
        for value in 1...1000 as ClosedRange<UInt64> { histogram.record(value) }
        #expect(histogram.summary == LatencySummary(count: 1000, p50: 500, p90: 900, p99: 990, p999: 999, max: 1000))
    }

    @Test func mergingEqualsRecordingEverythingInOne() {
        var generator = SplitMix64(seed: 7)
        var first = LatencyHistogram()
        var second = LatencyHistogram()
        var all = LatencyHistogram()
        for step in 0..<5_000 {
            let value = generator.next() % (step.isMultiple(of: 3) ? 5_000_000 : 3_000)
            if step.isMultiple(of: 2) { first.record(value) } else { second.record(value) }
            all.record(value)
        }
        first.merge(second)
        #expect(first == all)
        #expect(first.summary == all.summary)
    }

    @Test func valuesAboveTheRangeAreClampedAndCounted() {
        var histogram = LatencyHistogram(highestTrackableValue: 1_000_000)
        histogram.record(5_000_000)
        histogram.record(10)
        #expect(histogram.clampedCount == 1)
        #expect(histogram.maxValue == 1_000_000)
        #expect(histogram.totalCount == 2)
    }

    /// What a soak sees over a day: a histogram that lives as long as the run takes its whole range (23
    /// buckets, 184 KiB) at its first value, so that a latency reaching a new power of two late in the run
    /// takes no memory.
    @Test func aWholeRangeHistogramTakesItAtItsFirstValue() {
        var histogram = LatencyHistogram(wholeRange: true)
        #expect(histogram.counts.isEmpty)
        histogram.record(1_000)
        #expect(histogram.counts.count == 23 * 1024)
        histogram.record(LatencyHistogram.defaultHighestTrackableValue)
        histogram.record(.max)
        #expect(histogram.counts.count == 23 * 1024)
    }

    /// A histogram grows by one bucket (8 KiB) each time the largest latency doubles, and never past the
    /// range.
    @Test func itsCountsGrowWithTheLargestValueAndNeverPastTheRange() {
        var histogram = LatencyHistogram()
        histogram.record(1_000_000)
        #expect(histogram.counts.count == 11 * 1024)
        histogram.record(LatencyHistogram.defaultHighestTrackableValue)
        #expect(histogram.counts.count == 23 * 1024)
        histogram.record(.max)
        histogram.record(LatencyHistogram.defaultHighestTrackableValue * 1000)
        #expect(histogram.counts.count == 23 * 1024)
    }

    @Test func histogramsOfTheSameValuesAreEqualHoweverMuchOfTheRangeTheyHold() {
        var whole = LatencyHistogram(wholeRange: true)
        var growing = LatencyHistogram()
        for value in [3, 2_500, 70_000] as [UInt64] {
            whole.record(value)
            growing.record(value)
        }
        #expect(whole == growing)
        growing.record(70_000)
        #expect(whole != growing)
    }

    @Test func aGrowingHistogramTakesInAWholeRangeOneUpToItsLargestValue() {
        var whole = LatencyHistogram(wholeRange: true)
        whole.record(5_000_000)
        whole.record(7)
        var growing = LatencyHistogram()
        growing.record(100)
        growing.merge(whole)
        #expect(growing.counts.count == 14 * 1024)
        #expect(growing.summary.count == 3)
        #expect(growing.value(atRank: 1) == 7)
        #expect(growing.value(atRank: 3) == 5_000_000)
    }

    @Test func anEmptyHistogramReportsZeros() {
        let histogram = LatencyHistogram()
        #expect(histogram.summary == .empty)
        #expect(histogram.count(atOrBelow: 1_000) == 0)
    }

    @Test func countAtOrBelowIsExactOnSubBucketBoundaries() {
        var histogram = LatencyHistogram()
        for value in [100, 4_000, 4_001, 250_000, 2_000_000] as [UInt64] { histogram.record(value) }
        #expect(histogram.count(atOrBelow: 99) == 0)
        #expect(histogram.count(atOrBelow: 100) == 1)
        #expect(histogram.count(atOrBelow: 4_001) == 3)
        #expect(histogram.count(atOrBelow: 1_000_000) == 4)
        #expect(histogram.count(atOrBelow: 5_000_000) == 5)
    }

    @Test func resetForgetsEveryValue() {
        var histogram = LatencyHistogram()
        histogram.record(123)
        histogram.reset()
        #expect(histogram.isEmpty)
        #expect(histogram.summary == .empty)
    }
}
