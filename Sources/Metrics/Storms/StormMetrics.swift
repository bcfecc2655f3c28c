/// One storm of a run: a fault (a profile's `dropLinks`, `powerCycle`, `restartCSMS`, or the CSMS going
/// away on its own, detected) and how the stations it hit came back.
///
/// A station *is back* when its link is up and the CSMS has accepted its BootNotification (for a model
/// that does not boot again on a new link, when its link is up: its earlier acceptance stands). The
/// storm's recovery figures are order statistics over the stations it hit: ``recovery(percent:)`` is
/// the time from the storm's start until `percent` % of them were back, `nil` while fewer were.
///
/// The histograms hold what merging the storm's parts (the loops of a run, the shards of a fleet) needs
/// to stay exact: recovery times to HdrHistogram's 0.1 %, and the BootNotification latencies of the
/// fleet before and during the storm.
public struct StormMetrics: Sendable, Equatable {
    /// The fault's name: the profile event's (`dropLinks`, `powerCycle`, `restartCSMS`…), or
    /// ``wentAway`` for a CSMS that closed or refused many links with no fault of ours.
    public var fault: String
    /// Whether the run caused it (a fault it injected) rather than detected it.
    public var injected: Bool
    /// Which occurrence of the fault: the profile event's index for an injected fault, the storm's rank
    /// among those detected otherwise. Parts of one storm share it.
    public var occurrence: Int
    /// When the storm began, in microseconds since the run started: the fault's planned instant, or the
    /// first link lost of a detected storm.
    public var startMicros: UInt64
    /// When the last station it hit was back, in microseconds since the run started; `nil` while one
    /// is not.
    public var endMicros: UInt64?
    /// The stations it hit.
    public var stations: UInt64 = 0
    /// The stations back since, their own link lost and found again; includes ``stayedUp``.
    public var recovered: UInt64 = 0
    /// Stations it hit whose link never went down until the run ended: counted back at once (0 s).
    public var stayedUp: UInt64 = 0
    /// Connection attempts while the storm lasted (from its start until its last station was back, or
    /// the run's end), by every station of the run.
    public var connectAttempts: UInt64 = 0
    /// Attempts that opened while the storm lasted.
    public var accepted: UInt64 = 0
    /// Attempts refused while the storm lasted, by cause: `tcp` (nothing listening) or the HTTP status
    /// the CSMS answered the upgrade with (`503`…).
    public var refused = BoundedCounts()
    /// Attempts that did not open in time while the storm lasted.
    public var connectTimeouts: UInt64 = 0
    /// Messages that waited in their station's queue when it was back (transaction messages kept offline).
    public var queuedMessages: UInt64 = 0
    /// The most messages one station had waiting when it was back.
    public var queuedPeak: UInt64 = 0
    /// The stations' recovery times, in milliseconds.
    public var recovery: HistogramBuckets
    /// BootNotification latencies (from when due, in microseconds) answered before the storm began.
    public var bootLatencyBefore: HistogramBuckets
    /// BootNotification latencies answered while the storm lasted.
    public var bootLatencyDuring: HistogramBuckets
    /// How long the queued messages had waited when their station was back: from when each was due, in
    /// microseconds.
    public var queuedWait: HistogramBuckets
    /// When each station it hit lost its link, in milliseconds from the storm's start: at once for a
    /// dropped link, after the WebSocket pings went unanswered for a partition (how long a station took
    /// to notice), as they came for a CSMS that went away.
    public var linkLost: HistogramBuckets

    /// The fault name of a storm the run detected: many links closed, reset or refused by the CSMS within
    /// a few seconds, while no fault of ours was under way.
    public static let wentAway = "csmsWentAway"

    /// The largest recovery time told apart, in milliseconds (about 41 days).
    static let highestRecoveryMillis: UInt64 = 3_600_000_000

    /// Makes an empty storm.
    public init(fault: String, injected: Bool, occurrence: Int, startMicros: UInt64) {
        self.fault = fault
        self.injected = injected
        self.occurrence = occurrence
        self.startMicros = startMicros
        recovery = HistogramBuckets(LatencyHistogram(highestTrackableValue: Self.highestRecoveryMillis))
        bootLatencyBefore = .empty
        bootLatencyDuring = .empty
        queuedWait = .empty
        linkLost = HistogramBuckets(LatencyHistogram(highestTrackableValue: Self.highestRecoveryMillis))
    }

    /// The time from the storm's start until `percent` % of the stations it hit were back, in
    /// milliseconds (to 0.1 %; exact at 100), or `nil` when fewer were back.
    /// - Parameter percent: 0 < percent ≤ 100; the rank is the smallest whole number of stations that
    ///   is at least `percent` % of them.
    public func recovery(percent: Double) -> UInt64? {
        guard stations > 0 else { return nil }
        let rank = Self.rank(percent: percent, of: stations)
        guard rank <= recovered else { return nil }
        return LatencyHistogram(recovery).value(atRank: rank)
    }

    /// The time from the storm's start until `percent` % of the stations that lost their link had lost
    /// it, in milliseconds; `nil` when none did.
    public func linkLost(percent: Double) -> UInt64? {
        guard linkLost.totalCount > 0 else { return nil }
        return LatencyHistogram(linkLost).value(atRank: Self.rank(percent: percent, of: linkLost.totalCount))
    }

    /// The smallest whole number of `count` that is at least `percent` % of it.
    private static func rank(percent: Double, of count: UInt64) -> UInt64 {
        // Whole percentages in whole numbers: 99 % of 100 stations is rank 99, never 100 by a rounding.
        percent == percent.rounded() && percent > 0 && percent <= 100
            ? (UInt64(percent) * count + 99) / 100
            : Swift.max(1, UInt64((percent * Double(count) / 100).nextDown.rounded(.up)))
    }

    /// The share of the stations it hit that were back, in percent; `nil` for a storm that hit none.
    public var recoveredPercent: Double? {
        stations == 0 ? nil : Double(recovered) * 100 / Double(stations)
    }

    /// Whether `other` is a part of the same storm: the same occurrence of the same injected fault, or
    /// a detected storm that began within ``StormTracker/window`` of this one.
    func isSameStorm(as other: StormMetrics) -> Bool {
        guard fault == other.fault, injected == other.injected else { return false }
        if injected { return occurrence == other.occurrence }
        return abs(Int64(startMicros) - Int64(other.startMicros)) <= Int64(StormTracker.windowMicros)
    }

    /// Adds another part of the same storm: the stations of another loop or shard.
    ///
    /// Counts and histograms add up, so the merged percentiles are those of every station together;
    /// the start is the earlier one (each part measured its stations from its own start, the same
    /// instant for an injected fault, within a few milliseconds for a detected one); the end is the
    /// later one, and none while a part has a station not back.
    mutating func merge(_ other: StormMetrics) {
        if other.startMicros < startMicros { startMicros = other.startMicros }
        if let end = endMicros, let otherEnd = other.endMicros {
            endMicros = Swift.max(end, otherEnd)
        } else {
            endMicros = nil
        }
        stations &+= other.stations
        recovered &+= other.recovered
        stayedUp &+= other.stayedUp
        connectAttempts &+= other.connectAttempts
        accepted &+= other.accepted
        refused.merge(other.refused)
        connectTimeouts &+= other.connectTimeouts
        queuedMessages &+= other.queuedMessages
        queuedPeak = Swift.max(queuedPeak, other.queuedPeak)
        recovery = recovery.merged(with: other.recovery)
        bootLatencyBefore = bootLatencyBefore.merged(with: other.bootLatencyBefore)
        bootLatencyDuring = bootLatencyDuring.merged(with: other.bootLatencyDuring)
        queuedWait = queuedWait.merged(with: other.queuedWait)
        linkLost = linkLost.merged(with: other.linkLost)
    }

    /// The storms of several parts of a fleet (loops, or shards whose clocks started `offsets` apart),
    /// each storm's parts merged into one, in the order of their starts.
    /// - Parameters:
    ///   - parts: each part's storms.
    ///   - offsets: for each part, how many microseconds after the first part's its clock started
    ///     (only detected storms, matched by time, need it); none for parts started at once.
    static func merged(_ parts: [[StormMetrics]], offsets: [Int64] = []) -> [StormMetrics] {
        var storms: [StormMetrics] = []
        // An injected storm is found by its fault and occurrence at once; a detected one by its time.
        var injected: [String: Int] = [:]
        for (index, part) in parts.enumerated() {
            let offset = index < offsets.count ? offsets[index] : 0
            for var storm in part {
                let key = "\(storm.fault)#\(storm.occurrence)"
                if !storm.injected { storm.shift(byMicros: offset) }
                let same = storm.injected ? injected[key] : storms.firstIndex { $0.isSameStorm(as: storm) }
                if let same {
                    storms[same].merge(storm)
                } else {
                    if storm.injected { injected[key] = storms.count }
                    storms.append(storm)
                }
            }
        }
        storms.sort { ($0.startMicros, $0.fault) < ($1.startMicros, $1.fault) }
        var detected = 0
        for index in storms.indices where !storms[index].injected {
            storms[index].occurrence = detected
            detected += 1
        }
        return storms
    }

    private mutating func shift(byMicros offset: Int64) {
        func moved(_ micros: UInt64) -> UInt64 { UInt64(Swift.max(0, Int64(micros) + offset)) }
        startMicros = moved(startMicros)
        endMicros = endMicros.map(moved)
    }
}
