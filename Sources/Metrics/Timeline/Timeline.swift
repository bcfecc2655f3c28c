/// A run's figures over time in at most ``capacity`` points: one per second while that fits, then one per
/// longer stretch (the *grain*), so that what a run holds and writes does not grow with its length.
///
/// Why this shape: a timeline that kept every second's latency histogram cost about 40 KiB per second at
/// 3,000 stations (2.4 MiB per minute, 9 MB of report.json after 10 minutes), and a 24-hour soak would
/// take gigabytes. So a point holds counts and a few latency figures (p50, p90, p99, max: about 100
/// bytes), never a histogram; the run's whole-run histograms, which `report merge` needs to stay exact,
/// are kept apart, once per action and not per second. And the points are bounded: when the timeline is
/// full, neighbouring points merge into points of the next grain of ``grains`` (1 s, 2 s, 10 s, 30 s,
/// 1 min…), each a multiple of the one before, so any timeline can be coarsened to any coarser grain and
/// the timelines of shards line up. With the default capacity, a run of up to an hour keeps one point
/// per second; 24 hours take 2,880 points of 30 s.
///
/// The points' room is taken whole with the first point (``retainedBytes``: 3,660 × 144 bytes = 515 KiB
/// with the default capacity) and kept, so that a run's memory is flat from its first second instead of
/// rising through its first hour as a doubling array would. A copy handed out (a snapshot) shares the
/// points until the next append copies them, room included: one more such block, whatever the length.
///
/// Merging keeps the figures well defined: counts add up, and a longer point's percentiles are the
/// highest of its seconds' (``TimelinePoint``), so a timeline coarsened as the run went is the same as
/// the run's per-second timeline coarsened at the end. What a point cannot give is the exact percentile
/// of a stretch longer than a second, nor, in a merge of shards, of any stretch: those need the
/// histograms this design leaves out, and the merged points' percentiles are upper bounds.
///
/// ```swift
/// var timeline = Timeline()
/// timeline.append(second.point)        // seconds in order, as the aggregator closes them
/// let csv = TimelineCSV.render(timeline)
/// ```
public struct Timeline: Sendable, Equatable, RandomAccessCollection {
    /// Points kept by default: an hour of seconds, and a minute to spare so that a one-hour run (which
    /// ends a moment after its 3,600th second) keeps one point per second.
    public static let defaultCapacity = 3_660

    /// The grains a timeline goes through, in seconds; past the last one a grain doubles.
    public static let grains = [1, 2, 10, 30, 60, 300, 600, 1_800, 3_600, 10_800, 21_600, 86_400]

    /// The most points the timeline holds.
    public let capacity: Int
    /// How many seconds each point covers (the last point of a run may cover fewer).
    public private(set) var grain: Int
    /// The points, oldest first.
    public private(set) var points: [TimelinePoint]

    /// Makes an empty timeline of one point per second.
    /// - Parameter capacity: the most points it keeps, at least 2.
    public init(capacity: Int = Timeline.defaultCapacity) {
        precondition(capacity >= 2, "merging needs room for two points")
        self.capacity = capacity
        grain = 1
        points = []
    }

    /// A timeline of points already made, as a report holds them.
    /// - Parameters:
    ///   - grain: how many seconds each point covers.
    ///   - points: the points, oldest first; all of them are kept.
    public init(grain: Int, points: [TimelinePoint]) {
        precondition(grain >= 1, "a point covers at least a second")
        capacity = Swift.max(Self.defaultCapacity, points.count)
        self.grain = grain
        self.points = points
    }

    /// Adds the next stretch of the run: it joins the last point when it falls in the same stretch of the
    /// grain, and the timeline coarsens first when it is full.
    /// - Parameter point: a point of at most ``grain`` seconds that starts after those already added.
    public mutating func append(_ point: TimelinePoint) {
        // Points far apart (a gap in a merged report) may need more than one step.
        while points.count >= capacity, !joinsLast(point) {
            self = coarsened(toGrain: Self.grain(after: grain))
        }
        place(point)
    }

    /// The same run in points of `grain` seconds.
    /// - Parameter grain: a multiple of the timeline's grain (any of ``grains`` at or after it).
    public func coarsened(toGrain grain: Int) -> Timeline {
        precondition(grain % self.grain == 0, "a coarser grain is a multiple of the finer one")
        guard grain != self.grain else { return self }
        var coarser = Timeline(capacity: capacity)
        coarser.grain = grain
        for point in points { coarser.place(point) }
        return coarser
    }

    /// The grain that follows `grain` in ``grains``.
    static func grain(after grain: Int) -> Int {
        grains.first { $0 > grain } ?? grain * 2
    }

    /// Whether a timeline can have `seconds` as its grain: one of ``grains``, or a doubling past the last.
    public static func isGrain(_ seconds: Int) -> Bool {
        var grain = 1
        while grain < seconds { grain = Self.grain(after: grain) }
        return grain == seconds
    }

    /// The bytes the points take in memory, their array's spare room included: none while empty, then
    /// ``capacity`` points' worth (the stride of a ``TimelinePoint`` is 144 bytes), whatever the run's length.
    public var retainedBytes: Int {
        points.capacity * MemoryLayout<TimelinePoint>.stride
    }

    private func joinsLast(_ point: TimelinePoint) -> Bool {
        guard let last = points.last else { return false }
        return point.second / grain * grain == last.second
    }

    private mutating func place(_ point: TimelinePoint) {
        precondition(point.second >= (points.last?.second ?? 0), "points come in the order of time")
        // The whole room at once, and again after a copy of shared points (which keeps only what it
        // copies): an array left to grow would double, and hold up to twice the capacity.
        points.reserveCapacity(capacity)
        if joinsLast(point) {
            points[points.count - 1].append(point)
        } else {
            var first = point
            first.second = point.second / grain * grain
            points.append(first)
        }
    }

    // MARK: RandomAccessCollection

    /// The position of the first point.
    public var startIndex: Int { points.startIndex }
    /// The position after the last point.
    public var endIndex: Int { points.endIndex }
    /// The point at `position`.
    public subscript(position: Int) -> TimelinePoint { points[position] }
}
