/// A ``LatencyHistogram`` kept compactly: only its non-empty sub-buckets, with the exact totals beside
/// them. It is what `report.json` stores, so that reports of shards can be merged exactly and their
/// percentiles computed again, and what a report keeps per second of its timeline.
public struct HistogramBuckets: Sendable, Equatable {
    /// The histogram's ``LatencyHistogram/highestTrackableValue``.
    public var highestTrackableValue: UInt64
    /// The positions of the non-empty sub-buckets in the histogram's layout, ascending.
    public var indices: [Int]
    /// How many values each of those sub-buckets holds.
    public var counts: [UInt64]
    /// How many values were recorded.
    public var totalCount: UInt64
    /// The exact sum of the values.
    public var sum: UInt64
    /// The smallest value, exactly; `UInt64.max` when empty.
    public var minValue: UInt64
    /// The largest value, exactly; 0 when empty.
    public var maxValue: UInt64
    /// How many values were clamped to ``highestTrackableValue``.
    public var clampedCount: UInt64

    /// Keeps the non-empty sub-buckets of `histogram`.
    public init(_ histogram: LatencyHistogram) {
        highestTrackableValue = histogram.highestTrackableValue
        indices = []
        counts = []
        totalCount = histogram.totalCount
        sum = histogram.sum
        minValue = histogram.minValue
        maxValue = histogram.maxValue
        clampedCount = histogram.clampedCount
        guard !histogram.isEmpty else { return }
        let used = Swift.min(LatencyHistogram.countsIndex(for: histogram.maxValue) + 1, histogram.counts.count)
        for index in 0..<used where histogram.counts[index] > 0 {
            indices.append(index)
            counts.append(histogram.counts[index])
        }
    }

    /// An empty histogram of the default range.
    public static let empty = HistogramBuckets(LatencyHistogram())

    /// The percentiles every report shows, computed from the buckets.
    public var summary: LatencySummary { LatencyHistogram(self).summary }

    /// The values of both histograms together, as if they had been recorded into one.
    ///
    /// Histograms of one range merge sub-bucket by sub-bucket, without spreading either into a whole
    /// histogram's counts (a live run merges its storms' histograms every second).
    public func merged(with other: HistogramBuckets) -> HistogramBuckets {
        guard highestTrackableValue == other.highestTrackableValue else {
            var histogram = LatencyHistogram(self)
            histogram.merge(LatencyHistogram(other))
            return HistogramBuckets(histogram)
        }
        if other.totalCount == 0 { return self }
        if totalCount == 0 { return other }
        var merged = HistogramBuckets(
            highestTrackableValue: highestTrackableValue, indices: [], counts: [],
            totalCount: totalCount &+ other.totalCount, sum: sum &+ other.sum,
            minValue: Swift.min(minValue, other.minValue), maxValue: Swift.max(maxValue, other.maxValue),
            clampedCount: clampedCount &+ other.clampedCount)
        merged.indices.reserveCapacity(indices.count + other.indices.count)
        merged.counts.reserveCapacity(indices.count + other.indices.count)
        var mine = 0
        var theirs = 0
        while mine < indices.count || theirs < other.indices.count {
            let index = Swift.min(
                mine < indices.count ? indices[mine] : .max, theirs < other.indices.count ? other.indices[theirs] : .max)
            var count: UInt64 = 0
            if mine < indices.count, indices[mine] == index {
                count &+= counts[mine]
                mine += 1
            }
            if theirs < other.indices.count, other.indices[theirs] == index {
                count &+= other.counts[theirs]
                theirs += 1
            }
            merged.indices.append(index)
            merged.counts.append(count)
        }
        return merged
    }

    /// Whether the buckets describe a histogram that could have been recorded: indices ascending inside
    /// the range, counts adding up to ``totalCount``, min and max inside the range.
    var isConsistent: Bool {
        guard indices.count == counts.count, zip(indices, indices.dropFirst()).allSatisfy({ $0 < $1 }) else {
            return false
        }
        let limit = (LatencyHistogram.bucketsNeeded(toCover: highestTrackableValue) + 1)
            << LatencyHistogram.subBucketHalfCountMagnitude
        guard (indices.first ?? 0) >= 0, (indices.last ?? 0) < limit else { return false }
        var total: UInt64 = 0
        for count in counts {
            let (added, overflow) = total.addingReportingOverflow(count)
            guard !overflow, count > 0 else { return false }
            total = added
        }
        guard total == totalCount else { return false }
        return totalCount == 0 || (minValue <= maxValue && maxValue <= highestTrackableValue)
    }
}

extension HistogramBuckets {
    init(
        highestTrackableValue: UInt64, indices: [Int], counts: [UInt64], totalCount: UInt64, sum: UInt64,
        minValue: UInt64, maxValue: UInt64, clampedCount: UInt64
    ) {
        self.highestTrackableValue = highestTrackableValue
        self.indices = indices
        self.counts = counts
        self.totalCount = totalCount
        self.sum = sum
        self.minValue = minValue
        self.maxValue = maxValue
        self.clampedCount = clampedCount
    }
}
