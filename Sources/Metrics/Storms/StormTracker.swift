/// Follows the storms of one loop's stations as they happen: which stations each fault hit, when each
/// came back, and what the connection attempts and BootNotifications looked like meanwhile; and finds
/// the storms nobody injected, when many links are lost within ``windowMicros`` with no fault of ours
/// under way.
///
/// A station is *online* when its link is up and its BootNotification accepted. A storm holds each
/// station it hit until its next time online (the first after its link went down, for one hit online):
/// that is the station's recovery time. A storm lasts until every station it hit is back; storms keep
/// their figures, histograms compacted, once over.
///
/// It belongs to its loop's ``MetricsRecorder``; times are microseconds since the run started.
struct StormTracker {
    /// How close together the links lost to a CSMS that went away must be, and how long after its last
    /// such loss a detected storm still takes in new ones.
    static let windowMicros: UInt64 = 5_000_000
    /// The most storms a loop keeps: a day-long run with a fault every two minutes stays under it.
    static let limit = 1_000

    private struct Open {
        var index: Int
        /// The stations not back yet, each with whether its link went down since it was hit.
        var pending: [Int: Bool]
        var recovery: LatencyHistogram
        var bootDuring = LatencyHistogram()
        var queuedWait = LatencyHistogram()
        /// When the stations hit lost their link, in milliseconds from the start.
        var linkLost = LatencyHistogram(highestTrackableValue: StormMetrics.highestRecoveryMillis)
        /// A detected storm takes in the links lost until then.
        var gatheringUntil: UInt64 = 0
    }

    /// A link lost with no storm to explain it, and when its station was back if it was.
    private struct Loss {
        var station: Int
        var micros: UInt64
        var backMicros: UInt64?
    }

    /// Every storm so far, in the order they began; the open ones' histograms as of their last update.
    private(set) var storms: [StormMetrics] = []
    private var open: [Open] = []
    private var losses: [Loss] = []
    private var detected = 0
    private var frozen = false
    /// How many stations the loop runs: how many links lost at once make a storm follows from it.
    var stations = 0

    /// Whether a storm is under way (the hot path asks before recording BootNotification latencies).
    var isStormy: Bool { !open.isEmpty }

    /// How many links lost within ``windowMicros``, none explained by a fault, make a storm: a tenth of
    /// the stations that had a link (the `connected` now and those the window lost), at least 2 (1 for a
    /// loop of one station). Stations not powered on yet, or powered off, are no part of it: a fleet grown
    /// by a capacity search from a tenth of its size is judged on the stations it runs.
    func threshold(connected: Int) -> Int {
        let linked = connected + losses.count
        return stations <= 1 ? 1 : Swift.min(stations, Swift.max(2, (linked + 9) / 10))
    }

    // MARK: What happens

    /// A fault the run injects is due now: its storm begins, with no station yet, unless it has begun.
    /// Every part of a fleet that begins it so (each simulation core) takes its *before* at the same
    /// instant, whichever of its stations the fault hits, so that the parts' storms add up to the whole's.
    mutating func planned(_ fault: String, occurrence: Int, startMicros: UInt64, bootLatency: LatencyHistogram) {
        guard !frozen,
            !storms.contains(where: { $0.injected && $0.fault == fault && $0.occurrence == occurrence })
        else { return }
        _ = begin(fault, injected: true, occurrence: occurrence, at: startMicros, bootLatency: bootLatency)
    }

    /// A fault the run injected hit `station`: a storm begins, or the storm of that occurrence of the
    /// fault takes the station in.
    /// - Parameters:
    ///   - occurrence: tells the fault's occurrences apart (the profile event's index).
    ///   - startMicros: the fault's planned instant, from which the recovery is measured.
    ///   - isOnline: whether the station was online when hit (it must then go down to come back).
    ///   - bootLatency: the loop's BootNotification latencies so far: the storm's *before*.
    mutating func fault(
        _ fault: String, occurrence: Int, startMicros: UInt64, station: Int, isOnline: Bool,
        bootLatency: LatencyHistogram
    ) {
        guard !frozen else { return }
        let position: Int
        if let found = open.firstIndex(where: {
            storms[$0.index].injected && storms[$0.index].fault == fault && storms[$0.index].occurrence == occurrence
        }) {
            position = found
        } else if let closed = storms.lastIndex(where: { $0.injected && $0.fault == fault && $0.occurrence == occurrence }) {
            // A fault spread over time (a power cut's stations one by one) may find its storm over.
            storms[closed].endMicros = nil
            var reopened = Open(index: closed, pending: [:], recovery: LatencyHistogram(storms[closed].recovery))
            reopened.bootDuring = LatencyHistogram(storms[closed].bootLatencyDuring)
            reopened.queuedWait = LatencyHistogram(storms[closed].queuedWait)
            reopened.linkLost = LatencyHistogram(storms[closed].linkLost)
            open.append(reopened)
            position = open.count - 1
        } else {
            guard let begun = begin(fault, injected: true, occurrence: occurrence, at: startMicros, bootLatency: bootLatency)
            else { return }
            position = begun
        }
        guard open[position].pending[station] == nil else { return }
        open[position].pending[station] = !isOnline
        storms[open[position].index].stations &+= 1
    }

    /// `station` is online: back for every storm that waited for it.
    /// - Parameter queuedSince: when each message waiting in its queue was due.
    mutating func online(station: Int, at micros: UInt64, queuedSince: [UInt64]) {
        guard !frozen else { return }
        if let loss = losses.lastIndex(where: { $0.station == station && $0.backMicros == nil }) {
            losses[loss].backMicros = micros
        }
        var position = 0
        while position < open.count {
            if open[position].pending.removeValue(forKey: station) != nil {
                recover(at: position, micros: micros, queuedSince: queuedSince)
            }
            if isOver(open[position], at: micros) {
                close(at: position)
            } else {
                position += 1
            }
        }
    }

    /// `station` is no longer online: its link went down, or it reboots. For a storm that hit it online,
    /// the time since the storm's start is how long the fault took to bring it down (a partition: until
    /// its pings went unanswered).
    mutating func offline(station: Int, at micros: UInt64) {
        guard !frozen else { return }
        for position in open.indices where open[position].pending[station] == false {
            open[position].pending[station] = true
            open[position].linkLost.record(millis(since: storms[open[position].index].startMicros, at: micros))
        }
    }

    /// `station` lost its link, or failed to open one, by the CSMS's doing (closed, reset, refused or
    /// unanswered): a loss no storm explains counts towards a storm of ``StormMetrics/wentAway``.
    /// - Parameters:
    ///   - connected: the loop's links up now, this one no longer among them.
    ///   - bootLatency: the loop's BootNotification latencies so far, should a storm begin.
    mutating func linkLost(station: Int, at micros: UInt64, connected: Int, bootLatency: LatencyHistogram) {
        guard !frozen, !open.contains(where: { $0.pending[station] != nil }) else { return }
        if let gathering = open.firstIndex(where: { micros <= $0.gatheringUntil }) {
            open[gathering].pending[station] = true
            open[gathering].gatheringUntil = micros + Self.windowMicros
            open[gathering].linkLost.record(millis(since: storms[open[gathering].index].startMicros, at: micros))
            storms[open[gathering].index].stations &+= 1
            return
        }
        losses.removeAll { $0.micros + Self.windowMicros < micros || $0.station == station }
        losses.append(Loss(station: station, micros: micros))
        guard losses.count >= threshold(connected: connected), let first = losses.first,
            let position = begin(
                StormMetrics.wentAway, injected: false, occurrence: detected, at: first.micros, bootLatency: bootLatency)
        else { return }
        detected += 1
        open[position].gatheringUntil = micros + Self.windowMicros
        for loss in losses {
            storms[open[position].index].stations &+= 1
            open[position].linkLost.record(millis(since: first.micros, at: loss.micros))
            if let back = loss.backMicros {
                recover(at: position, micros: back, queuedSince: [])
            } else {
                open[position].pending[loss.station] = true
            }
        }
        losses.removeAll()
    }

    /// `station` was powered off by the run (a capacity search shrinking its fleet): no fault, and it will
    /// not come back. A loss of its link counts towards no storm, and the storms that wait for it forget
    /// it: it is no longer among the stations they hit.
    mutating func poweredOff(station: Int) {
        guard !frozen else { return }
        losses.removeAll { $0.station == station }
        for position in open.indices where open[position].pending.removeValue(forKey: station) != nil {
            storms[open[position].index].stations &-= 1
        }
    }

    /// A connection attempt began.
    mutating func connectAttempt() {
        eachOpen { $0.connectAttempts &+= 1 }
    }

    /// A connection attempt opened.
    mutating func accepted() {
        eachOpen { $0.accepted &+= 1 }
    }

    /// A connection attempt was refused: `tcp`, or the HTTP status of the answer to the upgrade.
    mutating func refused(_ cause: String) {
        eachOpen { $0.refused.add(cause) }
    }

    /// A connection attempt did not open in time.
    mutating func connectTimedOut() {
        eachOpen { $0.connectTimeouts &+= 1 }
    }

    /// A BootNotification was answered after `latencyMicros` from when it was due.
    mutating func bootAnswered(latencyMicros: UInt64) {
        guard !frozen else { return }
        for position in open.indices { open[position].bootDuring.record(latencyMicros) }
    }

    /// Closes the storms whose stations are all back once they stop gathering links lost.
    mutating func advance(to micros: UInt64) {
        guard !frozen else { return }
        var position = 0
        while position < open.count {
            if isOver(open[position], at: micros) {
                close(at: position)
            } else {
                position += 1
            }
        }
    }

    /// The run stops: what happens next (the run closing every link) belongs to no storm. Stations that
    /// were online when hit and never went down count as back at once (``StormMetrics/stayedUp``).
    mutating func freeze(at micros: UInt64) {
        guard !frozen else { return }
        for position in open.indices {
            for (_, wentDown) in open[position].pending where !wentDown {
                storms[open[position].index].stayedUp &+= 1
                storms[open[position].index].recovered &+= 1
                open[position].recovery.record(0)
            }
            open[position].pending = open[position].pending.filter(\.value)
        }
        var position = 0
        while position < open.count {
            if open[position].pending.isEmpty {
                close(at: position)
            } else {
                flush(open[position])
                position += 1
            }
        }
        frozen = true
    }

    /// Every storm, with the histograms of those under way as of now.
    var current: [StormMetrics] {
        var current = storms
        for storm in open { Self.flush(storm, into: &current) }
        return current
    }

    // MARK: Inner workings

    private mutating func begin(
        _ fault: String, injected: Bool, occurrence: Int, at micros: UInt64, bootLatency: LatencyHistogram
    ) -> Int? {
        guard storms.count < Self.limit else { return nil }
        var storm = StormMetrics(fault: fault, injected: injected, occurrence: occurrence, startMicros: micros)
        storm.bootLatencyBefore = HistogramBuckets(bootLatency)
        storms.append(storm)
        open.append(
            Open(
                index: storms.count - 1, pending: [:],
                recovery: LatencyHistogram(highestTrackableValue: StormMetrics.highestRecoveryMillis)))
        return open.count - 1
    }

    private mutating func recover(at position: Int, micros: UInt64, queuedSince: [UInt64]) {
        let index = open[position].index
        let start = storms[index].startMicros
        storms[index].recovered &+= 1
        open[position].recovery.record(millis(since: start, at: micros))
        storms[index].queuedMessages &+= UInt64(queuedSince.count)
        storms[index].queuedPeak = Swift.max(storms[index].queuedPeak, UInt64(queuedSince.count))
        for due in queuedSince { open[position].queuedWait.record(micros > due ? micros - due : 0) }
    }

    private func millis(since start: UInt64, at micros: UInt64) -> UInt64 {
        micros > start ? (micros - start) / 1000 : 0
    }

    private func isOver(_ storm: Open, at micros: UInt64) -> Bool {
        storm.pending.isEmpty && micros > storm.gatheringUntil
    }

    /// Ends a storm: it ended when its last station was back.
    private mutating func close(at position: Int) {
        let storm = open.remove(at: position)
        flush(storm)
        storms[storm.index].endMicros = storms[storm.index].startMicros &+ storm.recovery.maxValue &* 1000
    }

    private mutating func flush(_ storm: Open) {
        Self.flush(storm, into: &storms)
    }

    private static func flush(_ storm: Open, into storms: inout [StormMetrics]) {
        storms[storm.index].recovery = HistogramBuckets(storm.recovery)
        storms[storm.index].bootLatencyDuring = HistogramBuckets(storm.bootDuring)
        storms[storm.index].queuedWait = HistogramBuckets(storm.queuedWait)
        storms[storm.index].linkLost = HistogramBuckets(storm.linkLost)
    }

    private mutating func eachOpen(_ update: (inout StormMetrics) -> Void) {
        guard !frozen else { return }
        for storm in open { update(&storms[storm.index]) }
    }
}
