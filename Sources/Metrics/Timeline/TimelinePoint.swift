/// A stretch of a run, one second or more, as the timeline, the charts and `timeline.csv` show it: counts
/// and a few latency figures, never a histogram (see ``Timeline`` for why).
///
/// A point of one second holds the exact percentiles of that second's latencies over every loop. A longer
/// point, made by merging the seconds of a long run, holds for each percentile the highest that any of its
/// seconds had, so that a one-second spike still shows and merging points in any order gives the same.
///
/// Its counts read as its own (`point.sent`): they are its ``counts``.
@dynamicMemberLookup
public struct TimelinePoint: Sendable, Equatable {
    /// Seconds since the run started: this point covers `second ..< second + seconds`.
    public var second: Int
    /// How many seconds the point covers: the timeline's grain, or fewer for the last point of a run.
    public var seconds: Int
    /// What happened during the point, and the links and stations up at its end.
    public var counts: TimelineCounts
    /// The most calls sent in one second of the point (`sent` for a one-second point).
    public var peakSent: UInt64
    /// The median latency of the calls answered, in microseconds (0 when none): of the second, or the
    /// highest of its seconds' medians for a longer point.
    public var latencyP50: UInt64
    /// The 90th percentile latency, in microseconds, as ``latencyP50`` is taken.
    public var latencyP90: UInt64
    /// The 99th percentile latency, in microseconds, as ``latencyP50`` is taken.
    public var latencyP99: UInt64
    /// The largest latency of the point, in microseconds (0 when none).
    public var latencyMax: UInt64

    /// Makes a point from its figures.
    public init(
        second: Int, seconds: Int = 1, sent: UInt64, peakSent: UInt64? = nil, answered: UInt64, callErrors: UInt64,
        timeouts: UInt64, connectFailures: UInt64, connected: UInt64, latencyP50: UInt64, latencyP90: UInt64 = 0,
        latencyP99: UInt64, latencyMax: UInt64 = 0, connectAttempts: UInt64 = 0, accepted: UInt64 = 0,
        refused: UInt64 = 0, connectTimeouts: UInt64 = 0, booted: UInt64 = 0
    ) {
        var counts = TimelineCounts()
        counts.sent = sent
        counts.answered = answered
        counts.callErrors = callErrors
        counts.timeouts = timeouts
        counts.connectFailures = connectFailures
        counts.connected = connected
        counts.connectAttempts = connectAttempts
        counts.accepted = accepted
        counts.refused = refused
        counts.connectTimeouts = connectTimeouts
        counts.booted = booted
        self.init(
            second: second, seconds: seconds, counts: counts, peakSent: peakSent, latencyP50: latencyP50,
            latencyP90: latencyP90, latencyP99: latencyP99, latencyMax: latencyMax)
    }

    /// Makes a point from its counts and latencies; its peak is its `sent` unless given.
    init(
        second: Int, seconds: Int = 1, counts: TimelineCounts, peakSent: UInt64? = nil, latencyP50: UInt64,
        latencyP90: UInt64, latencyP99: UInt64, latencyMax: UInt64
    ) {
        self.second = second
        self.seconds = seconds
        self.counts = counts
        self.peakSent = peakSent ?? counts.sent
        self.latencyP50 = latencyP50
        self.latencyP90 = latencyP90
        self.latencyP99 = latencyP99
        self.latencyMax = latencyMax
    }

    /// One of the point's ``counts``.
    public subscript(dynamicMember count: WritableKeyPath<TimelineCounts, UInt64>) -> UInt64 {
        get { counts[keyPath: count] }
        set { counts[keyPath: count] = newValue }
    }

    /// Takes in the point that follows this one in time, as one longer point.
    mutating func append(_ later: TimelinePoint) {
        seconds += later.seconds
        counts.append(later.counts)
        peakSent = Swift.max(peakSent, later.peakSent)
        takeHighestLatencies(of: later)
    }

    /// Adds the same stretch of time as another shard of the fleet saw it.
    ///
    /// Counts add up. Each percentile becomes the higher of the two, an upper bound of the fleet's (a
    /// value above both shards' 99th percentiles is above at most 1 % of each, so of the whole); the
    /// maximum is exact. ``peakSent`` becomes the sum of the peaks: exact for one second, an upper bound
    /// for a longer point whose shards may have peaked in different seconds.
    mutating func add(sameStretchOf other: TimelinePoint) {
        seconds = Swift.max(seconds, other.seconds)
        counts.add(sameStretchOf: other.counts)
        peakSent &+= other.peakSent
        takeHighestLatencies(of: other)
    }

    private mutating func takeHighestLatencies(of other: TimelinePoint) {
        latencyP50 = Swift.max(latencyP50, other.latencyP50)
        latencyP90 = Swift.max(latencyP90, other.latencyP90)
        latencyP99 = Swift.max(latencyP99, other.latencyP99)
        latencyMax = Swift.max(latencyMax, other.latencyMax)
    }
}
