import Metrics

extension MetricsSnapshot {
    /// What happened between `earlier` and this snapshot of the same run: counts and histograms are the
    /// differences, so a step of a capacity search is judged on its own time, without its warm-up and
    /// without what earlier steps of a live fleet recorded.
    ///
    /// `connected` (the most links up at once) and the peak of calls per second are those of the seconds
    /// in between; figures with no difference (links up now) are this snapshot's.
    func since(_ earlier: MetricsSnapshot) -> MetricsSnapshot {
        var window = self
        window.elapsedMicros = elapsedMicros &- min(earlier.elapsedMicros, elapsedMicros)
        for (name, action) in actions {
            guard let before = earlier.actions[name] else { continue }
            window.actions[name] = action.since(before)
        }
        window.connections.attempted &-= earlier.connections.attempted
        window.connections.established &-= earlier.connections.established
        window.connections.reconnectAttempts &-= earlier.connections.reconnectAttempts
        window.connections.reconnects &-= earlier.connections.reconnects
        window.connections.failed = connections.failed.since(earlier.connections.failed)
        window.connections.closed = connections.closed.since(earlier.connections.closed)
        window.transactions.started &-= earlier.transactions.started
        window.transactions.stopped &-= earlier.transactions.stopped
        window.transactions.lost &-= earlier.transactions.lost
        window.transactions.energyWh &-= earlier.transactions.energyWh
        window.csmsFaults.badFrames = csmsFaults.badFrames.since(earlier.csmsFaults.badFrames)
        window.csmsFaults.unmatchedAnswers &-= earlier.csmsFaults.unmatchedAnswers
        window.schedulerLag = schedulerLag.since(earlier.schedulerLag)
        let from = earlier.timeline.last.map { $0.second + $0.seconds } ?? 0
        let points = timeline.points.filter { $0.second >= from }
        window.timeline = Timeline(grain: timeline.grain, points: points)
        window.connections.maxConcurrent = points.map(\.connected).max() ?? connections.current
        window.peakSentPerSecond = points.map(\.peakSent).max() ?? 0
        return window
    }
}

extension ActionMetrics {
    /// The calls of this action between `earlier` and now.
    func since(_ earlier: ActionMetrics) -> ActionMetrics {
        var window = self
        window.sent &-= earlier.sent
        window.ok &-= earlier.ok
        window.callErrors = callErrors.since(earlier.callErrors)
        window.timeouts &-= earlier.timeouts
        window.late &-= earlier.late
        window.received &-= earlier.received
        window.latency = latency.since(earlier.latency)
        window.serviceTime = serviceTime.since(earlier.serviceTime)
        return window
    }
}

extension BoundedCounts {
    /// The counts added since `earlier`.
    func since(_ earlier: BoundedCounts) -> BoundedCounts {
        var window = BoundedCounts()
        for (name, count) in counts {
            let difference = count &- min(earlier.counts[name] ?? 0, count)
            if difference > 0 { window.add(name, count: difference) }
        }
        return window
    }
}

extension LatencyHistogram {
    /// The values recorded since `earlier`, a histogram this one grew from. Their exact minimum and
    /// maximum are gone with the subtraction: they are those of the sub-buckets that hold them (0.1 %).
    func since(_ earlier: LatencyHistogram) -> LatencyHistogram {
        guard !earlier.isEmpty else { return self }
        var buckets = HistogramBuckets(self)
        let before = HistogramBuckets(earlier)
        var removed: [Int: UInt64] = [:]
        for (index, count) in zip(before.indices, before.counts) { removed[index] = count }
        var indices: [Int] = []
        var counts: [UInt64] = []
        for (index, count) in zip(buckets.indices, buckets.counts) {
            let left = count &- min(removed[index] ?? 0, count)
            if left > 0 {
                indices.append(index)
                counts.append(left)
            }
        }
        buckets.indices = indices
        buckets.counts = counts
        buckets.totalCount = counts.reduce(0, &+)
        buckets.sum &-= min(before.sum, buckets.sum)
        buckets.clampedCount &-= min(before.clampedCount, buckets.clampedCount)
        guard buckets.totalCount > 0 else { return LatencyHistogram(highestTrackableValue: highestTrackableValue) }
        // Bounded by the whole run's extremes first, then by those of the buckets left.
        buckets.minValue = 0
        let loose = LatencyHistogram(buckets)
        // The percentiles just inside 0 and 100 are the first and last sub-buckets' (0 and 100 give the bounds).
        buckets.maxValue = loose.value(atPercentile: Double(100).nextDown)
        buckets.minValue = loose.value(atPercentile: .leastNonzeroMagnitude)
        return LatencyHistogram(buckets)
    }
}
