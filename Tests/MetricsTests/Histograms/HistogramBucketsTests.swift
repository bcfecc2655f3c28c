import Testing

@testable import Metrics

@Suite struct HistogramBucketsTests {
    @Test func aHistogramRebuiltFromItsBucketsIsTheSameHistogram() {
        var histogram = LatencyHistogram(highestTrackableValue: 10_000_000)
        for value: UInt64 in [0, 1, 7, 2_047, 2_054, 150_000, 5_000_000, 50_000_000] {
            histogram.record(value, count: value % 5 + 1)
        }
        let buckets = HistogramBuckets(histogram)
        #expect(buckets.indices.count == 8)
        #expect(buckets.clampedCount == 1)
        #expect(LatencyHistogram(buckets) == histogram)
        #expect(buckets.summary == histogram.summary)
    }

    @Test func anEmptyHistogramKeepsNoBucket() {
        let buckets = HistogramBuckets(LatencyHistogram())
        #expect(buckets.indices.isEmpty)
        #expect(LatencyHistogram(buckets) == LatencyHistogram())
        #expect(buckets.summary == .empty)
    }

    @Test func mergedBucketsHoldTheValuesOfBothHistograms() {
        var first = LatencyHistogram()
        var second = LatencyHistogram()
        var both = LatencyHistogram()
        for value in 0..<1_000 as Range<UInt64> {
            let latency = value * value
            if value % 3 == 0 { first.record(latency) } else { second.record(latency) }
            both.record(latency)
        }
        #expect(HistogramBuckets(first).merged(with: HistogramBuckets(second)) == HistogramBuckets(both))
    }
}
