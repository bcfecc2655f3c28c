#if canImport(Glibc)
import Glibc  // rounded(.up) lowers to libm's ceil
#endif

/// A high-dynamic-range histogram of durations in microseconds, with three significant digits.
///
/// The bucket layout is HdrHistogram's: bucket 0 holds 0...2047 in steps of 1, and every further bucket `k`
/// holds the upper half of the range `0..<2048 << k` in steps of `2^k`, so that every recorded value keeps a
/// relative precision of 0.1 %. A value is located with one leading-zero count and two shifts.
///
/// The counts array covers only the range recorded so far and grows when a larger value arrives: a
/// histogram of sub-second latencies stays near 90 KiB, and growing happens a few dozen times at most in a
/// histogram's life, never per value. A histogram that lives as long as a real-time run can take its whole
/// range at its first value instead (184 KiB for an hour, ``init(highestTrackableValue:wholeRange:)``), so
/// that a day-long run's memory does not creep up by 8 KiB each time a latency reaches a new power of two.
/// Values above ``highestTrackableValue`` are recorded as that value and counted in ``clampedCount``.
///
/// One histogram per event loop and per series, merged with ``merge(_:)``; never one per connection.
public struct LatencyHistogram: Sendable, Equatable {
    /// The largest value told apart by default: one hour in microseconds.
    public static let defaultHighestTrackableValue: UInt64 = 3_600_000_000

    /// Sub-buckets per bucket: 2 × 10^3 rounded up to a power of two keeps unit resolution up to 2000.
    static let subBucketCountMagnitude = 11
    static let subBucketHalfCountMagnitude = subBucketCountMagnitude - 1
    static let subBucketCount = 1 << subBucketCountMagnitude
    static let subBucketHalfCount = 1 << subBucketHalfCountMagnitude
    static let subBucketMask = UInt64(subBucketCount - 1)
    static let leadingZeroCountBase = 64 - subBucketCountMagnitude

    /// The largest value the histogram tells apart from others; larger values are clamped to it.
    public let highestTrackableValue: UInt64
    /// Whether the first value allocates the counts of the whole range rather than of what it needs.
    private let takesWholeRange: Bool

    private(set) var counts: [UInt64] = []
    /// How many values have been recorded.
    public private(set) var totalCount: UInt64 = 0
    /// The exact sum of the recorded values (after clamping), for means and Prometheus' `_sum`.
    public private(set) var sum: UInt64 = 0
    /// The largest value recorded, exactly; 0 when empty.
    public private(set) var maxValue: UInt64 = 0
    /// The smallest value recorded, exactly; `UInt64.max` when empty.
    public private(set) var minValue: UInt64 = .max
    /// How many values were larger than ``highestTrackableValue`` and recorded as it.
    public private(set) var clampedCount: UInt64 = 0

    /// Makes an empty histogram; it allocates on its first record.
    /// - Parameters:
    ///   - highestTrackableValue: the largest value kept apart from others (at least 2048).
    ///   - wholeRange: whether the first value allocates the counts of the whole range, so that the
    ///     histogram's memory never changes afterwards, rather than of the range recorded so far.
    public init(highestTrackableValue: UInt64 = LatencyHistogram.defaultHighestTrackableValue, wholeRange: Bool = false) {
        precondition(highestTrackableValue >= UInt64(Self.subBucketCount), "the range must cover bucket 0")
        self.highestTrackableValue = highestTrackableValue
        takesWholeRange = wholeRange
    }

    /// Rebuilds a histogram from its compact form, exactly as it was recorded.
    /// - Parameter buckets: what ``HistogramBuckets/init(_:)`` kept of a histogram.
    public init(_ buckets: HistogramBuckets) {
        self.init(highestTrackableValue: buckets.highestTrackableValue)
        guard buckets.totalCount > 0, let last = buckets.indices.last else { return }
        let needed = (Self.bucketsNeeded(toCover: Self.value(atIndex: last)) + 1) << Self.subBucketHalfCountMagnitude
        counts = Array(repeating: 0, count: Swift.max(needed, last + 1))
        for (index, count) in zip(buckets.indices, buckets.counts) { counts[index] &+= count }
        totalCount = buckets.totalCount
        sum = buckets.sum
        maxValue = buckets.maxValue
        minValue = buckets.minValue
        clampedCount = buckets.clampedCount
    }

    /// Two histograms are equal when they hold the same values, however much of their range they allocated.
    public static func == (lhs: LatencyHistogram, rhs: LatencyHistogram) -> Bool {
        guard lhs.highestTrackableValue == rhs.highestTrackableValue, lhs.totalCount == rhs.totalCount,
            lhs.sum == rhs.sum, lhs.maxValue == rhs.maxValue, lhs.minValue == rhs.minValue,
            lhs.clampedCount == rhs.clampedCount
        else { return false }
        guard !lhs.isEmpty else { return true }
        let used = Self.countsIndex(for: lhs.maxValue) + 1
        return lhs.counts[..<used].elementsEqual(rhs.counts[..<used])
    }

    /// Whether nothing has been recorded.
    public var isEmpty: Bool { totalCount == 0 }

    /// The exact mean of the recorded values; 0 when empty.
    public var mean: Double { isEmpty ? 0 : Double(sum) / Double(totalCount) }

    /// How many buckets cover `0...highestTrackableValue`: 23 for 2^32.
    var bucketCount: Int { Self.bucketsNeeded(toCover: highestTrackableValue) }

    /// Records one value.
    /// - Parameter value: a duration in microseconds.
    public mutating func record(_ value: UInt64) {
        record(value, count: 1)
    }

    /// Records `count` occurrences of one value.
    /// - Parameters:
    ///   - value: a duration in microseconds.
    ///   - count: how many times it occurred.
    public mutating func record(_ value: UInt64, count: UInt64) {
        var value = value
        if value > highestTrackableValue {
            value = highestTrackableValue
            clampedCount &+= count
        }
        let index = Self.countsIndex(for: value)
        if index >= counts.count {
            grow(toCover: value)
        }
        counts.withUnsafeMutableBufferPointer { $0[index] &+= count }
        totalCount &+= count
        sum &+= value &* count
        if value > maxValue { maxValue = value }
        if value < minValue { minValue = value }
    }

    /// Adds every value recorded in `other`, as if they had been recorded here.
    public mutating func merge(_ other: LatencyHistogram) {
        guard !other.isEmpty else { return }
        // Nothing lies above the sub-bucket of the largest value, however far the counts were allocated.
        let used = Swift.min(Self.countsIndex(for: other.maxValue) + 1, other.counts.count)
        if used > counts.count {
            grow(toCover: other.maxValue)
        }
        counts.withUnsafeMutableBufferPointer { destination in
            other.counts.withUnsafeBufferPointer { source in
                for index in 0..<used { destination[index] &+= source[index] }
            }
        }
        totalCount &+= other.totalCount
        sum &+= other.sum
        clampedCount &+= other.clampedCount
        maxValue = Swift.max(maxValue, other.maxValue)
        minValue = Swift.min(minValue, other.minValue)
    }

    /// Forgets every value, keeping the counts array for reuse.
    public mutating func reset() {
        counts.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        totalCount = 0
        sum = 0
        maxValue = 0
        minValue = .max
        clampedCount = 0
    }

    /// The value at or below which `percentile` % of the recorded values lie, as HdrHistogram reports it:
    /// the highest value equivalent to the sub-bucket holding that rank, bounded by the exact min and max.
    /// - Parameter percentile: 0...100; 0 gives the minimum, 100 the maximum.
    /// - Returns: microseconds; 0 when the histogram is empty.
    public func value(atPercentile percentile: Double) -> UInt64 {
        guard !isEmpty else { return 0 }
        if percentile <= 0 { return minValue }
        if percentile >= 100 { return maxValue }
        // One ulp less keeps a rank that lands exactly on a boundary (50 % of 2 values) on the lower value.
        return value(atRank: Swift.max(1, UInt64((percentile.nextDown * Double(totalCount) / 100).rounded(.up))))
    }

    /// The `rank`-th smallest value recorded (from 1), as ``value(atPercentile:)`` reports it: the
    /// highest value equivalent to its sub-bucket, bounded by the exact min and max.
    /// - Returns: microseconds; 0 when the histogram is empty, the maximum for a rank past the count.
    public func value(atRank rank: UInt64) -> UInt64 {
        guard !isEmpty else { return 0 }
        if rank >= totalCount { return maxValue }
        var seen: UInt64 = 0
        for index in counts.indices {
            seen &+= counts[index]
            if seen >= rank {
                let highest = Self.highestEquivalentValue(Self.value(atIndex: index))
                return Swift.max(Swift.min(highest, maxValue), minValue)
            }
        }
        return maxValue
    }

    /// The percentiles every report shows.
    public var summary: LatencySummary {
        LatencySummary(
            count: totalCount,
            p50: value(atPercentile: 50), p90: value(atPercentile: 90), p99: value(atPercentile: 99),
            p999: value(atPercentile: 99.9), max: maxValue)
    }

    /// How many recorded values are at most `value`, counting the sub-bucket that holds `value` whole: exact
    /// when `value` is the top of a sub-bucket, within 0.1 % otherwise. Prometheus' `le` buckets use it.
    public func count(atOrBelow value: UInt64) -> UInt64 {
        guard !isEmpty else { return 0 }
        if value >= maxValue { return totalCount }
        let last = Swift.min(Self.countsIndex(for: value), counts.count - 1)
        var seen: UInt64 = 0
        for index in 0...last { seen &+= counts[index] }
        return seen
    }

    // MARK: Layout

    static func bucketIndex(for value: UInt64) -> Int {
        leadingZeroCountBase - (value | subBucketMask).leadingZeroBitCount
    }

    static func subBucketIndex(for value: UInt64, bucketIndex: Int) -> Int {
        Int(truncatingIfNeeded: value >> UInt64(bucketIndex))
    }

    static func countsIndex(for value: UInt64) -> Int {
        let bucket = bucketIndex(for: value)
        let subBucket = subBucketIndex(for: value, bucketIndex: bucket)
        return ((bucket + 1) << subBucketHalfCountMagnitude) + subBucket - subBucketHalfCount
    }

    static func value(atIndex index: Int) -> UInt64 {
        var bucket = (index >> subBucketHalfCountMagnitude) - 1
        var subBucket = (index & (subBucketHalfCount - 1)) + subBucketHalfCount
        if bucket < 0 {
            subBucket -= subBucketHalfCount
            bucket = 0
        }
        return UInt64(subBucket) << UInt64(bucket)
    }

    /// The largest value that lands in the same sub-bucket as `value`.
    static func highestEquivalentValue(_ value: UInt64) -> UInt64 {
        let bucket = bucketIndex(for: value)
        let subBucket = subBucketIndex(for: value, bucketIndex: bucket)
        let lowest = UInt64(subBucket) << UInt64(bucket)
        let width = UInt64(1) << UInt64(subBucket >= subBucketCount ? bucket + 1 : bucket)
        return lowest + width - 1
    }

    static func bucketsNeeded(toCover value: UInt64) -> Int {
        var smallestUntrackable = UInt64(subBucketCount)
        var buckets = 1
        while smallestUntrackable <= value {
            if smallestUntrackable > UInt64.max / 2 { return buckets + 1 }
            smallestUntrackable <<= 1
            buckets += 1
        }
        return buckets
    }

    private mutating func grow(toCover value: UInt64) {
        let covered = takesWholeRange ? highestTrackableValue : value
        let length = (Self.bucketsNeeded(toCover: covered) + 1) << Self.subBucketHalfCountMagnitude
        counts.append(contentsOf: repeatElement(0, count: length - counts.count))
    }
}
