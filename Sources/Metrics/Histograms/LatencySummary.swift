/// The percentiles of one latency series, in microseconds, as reports show them.
public struct LatencySummary: Sendable, Equatable {
    /// How many values the series holds.
    public var count: UInt64
    /// The median.
    public var p50: UInt64
    /// The 90th percentile.
    public var p90: UInt64
    /// The 99th percentile.
    public var p99: UInt64
    /// The 99.9th percentile.
    public var p999: UInt64
    /// The largest value, exactly.
    public var max: UInt64

    /// Makes a summary from its figures, in microseconds.
    public init(count: UInt64, p50: UInt64, p90: UInt64, p99: UInt64, p999: UInt64, max: UInt64) {
        self.count = count
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.p999 = p999
        self.max = max
    }

    /// An empty series.
    public static let empty = LatencySummary(count: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0)
}
