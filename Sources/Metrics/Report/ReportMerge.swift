import Basics
import Foundation

/// The reports of the shards of one fleet (`--shard I/N`, run by separate processes) merged into the
/// report of the whole fleet.
///
/// Counts add up; histograms merge and their percentiles are computed again, so the merged figures are
/// those of the fleet run at once; timelines line up by second (a shard's second `s` is the same instant
/// of the profile's clock as any other's), at the coarsest grain of the shards'. A timeline point keeps
/// no histogram (``Timeline``), so its merged percentiles are the highest of the shards' (upper bounds)
/// while its counts and its maximum are exact; so is the peak of calls sent in a second of a timeline
/// coarser than a second (the sum of the shards' peaks). Rates are the merged counts over the longest shard's duration;
/// the CPU time and peak RSS of the processes add up, as do the CSMS counters (a peak counter, such as
/// `stations.max_connected`, becomes the sum of the shards' peaks: an upper bound). A storm's parts add
/// up, histograms whole (``StormMetrics/merged(_:offsets:)``): an injected fault's by its occurrence, a
/// detected one's by its wall-clock time (within ``StormTracker/windowMicros``), each shard's stations
/// measured from that shard's own start of it.
///
/// ```swift
/// let merged = try ReportMerge.merge([
///     (file: "a/report.json", report: try ReportJSONReader.read(file: "a/report.json")),
///     (file: "b/report.json", report: try ReportJSONReader.read(file: "b/report.json")),
/// ])
/// try ReportDirectory(out).write(merged)
/// ```
public enum ReportMerge {
    /// Merges the reports of every shard of one fleet.
    /// - Parameter reports: each report with the file it came from, for error messages; in any order.
    /// - Returns: the whole fleet's report, shard `1/1`, with no SLO results.
    /// - Throws: ``ReportMergeError`` when a report lacks histograms, or the reports are not exactly the
    ///   shards of one fleet (same seed, profile and shard count, each shard once, station counts that
    ///   add up to the fleet's cut).
    public static func merge(_ reports: [(file: String, report: RunReport)]) throws(ReportMergeError) -> RunReport {
        let shards = try checkedShards(reports)
        let first = shards[0].report
        var run = first.run
        run.stations = shards.reduce(0) { $0 + $1.report.run.stations }
        run.durationSeconds = shards.map(\.report.run.durationSeconds).max() ?? 0
        run.speed = shards.map(\.report.run.speed).min() ?? 0
        var addresses: [String] = []
        for shard in shards where !addresses.contains(shard.report.run.csms) { addresses.append(shard.report.run.csms) }
        run.csms = addresses.joined(separator: ", ")
        run.shard = "1/1"
        // Shards started their clocks apart: the fleet's began with the first (ISO times in UTC sort as text).
        run.stationClockStart = shards.compactMap(\.report.run.stationClockStart).min()
        run.stationClockAheadSeconds = shards.compactMap(\.report.run.stationClockAheadSeconds).max()

        var process = ProcessUsage(userSeconds: 0, systemSeconds: 0, maxRSSBytes: 0)
        var csms: [String: Double] = [:]
        var connections = ConnectionMetrics()
        var transactions = TransactionMetrics()
        var csmsFaults = CSMSFaultMetrics()
        var schedulerLag = LatencyHistogram()
        var connectTime: LatencyHistogram? = LatencyHistogram()
        var actions: [String: ActionMetricsSum] = [:]
        var all = ActionMetricsSum(name: "*")
        for (_, report) in shards {
            process.userSeconds += report.process.userSeconds
            process.systemSeconds += report.process.systemSeconds
            process.maxRSSBytes &+= report.process.maxRSSBytes
            csms.merge(report.csms, uniquingKeysWith: +)
            connections.merge(report.connections)
            transactions.merge(report.transactions)
            csmsFaults.merge(report.csmsFaults)
            schedulerLag.merge(LatencyHistogram(report.schedulerLagBuckets ?? .empty))
            // A shard without connection times (an older report) leaves the merged run without them.
            if let buckets = report.connectTimeBuckets {
                connectTime?.merge(LatencyHistogram(buckets))
            } else {
                connectTime = nil
            }
            for figures in report.actions {
                actions[figures.name, default: ActionMetricsSum(name: figures.name)].add(figures)
            }
            all.add(report.allActions)
        }

        var merged = RunReport(run: run, snapshot: MetricsSnapshot(), process: process, csms: csms)
        merged.timeline = mergedTimeline(shards.map(\.report.timeline))
        merged.storms = StormMetrics.merged(shards.map(\.report.storms), offsets: clockOffsets(shards.map(\.report.run)))
        // As the aggregator does for loops: each shard's peak and each second's sum really happened.
        connections.maxConcurrent = max(
            shards.map(\.report.connections.maxConcurrent).max() ?? 0, connections.current,
            merged.timeline.map(\.connected).max() ?? 0)
        merged.connections = connections
        merged.transactions = transactions
        merged.csmsFaults = csmsFaults
        merged.interrupted = shards.contains { $0.report.interrupted }
        merged.actions = actions.keys.sorted().compactMap { actions[$0]?.figures }
        merged.allActions = all.figures
        merged.schedulerLag = schedulerLag.summary
        merged.schedulerLagBuckets = HistogramBuckets(schedulerLag)
        merged.connectTime = connectTime?.summary ?? .empty
        merged.connectTimeBuckets = connectTime.map(HistogramBuckets.init)
        let duration = run.durationSeconds
        merged.sentPerSecond = duration > 0 ? Double(merged.allActions.sent) / duration : 0
        merged.answeredPerSecond =
            duration > 0 ? Double(merged.allActions.ok &+ merged.allActions.callErrors) / duration : 0
        merged.peakSentPerSecond = merged.timeline.map(\.peakSent).max() ?? 0
        return merged
    }

    /// How many microseconds after the earliest shard's clock each shard's started, from their
    /// `station_clock_start`: a storm the shards detected on their own is matched by when it happened.
    /// Zeros when a shard does not say.
    private static func clockOffsets(_ runs: [RunDescription]) -> [Int64] {
        let starts = runs.map { $0.stationClockStart.flatMap(StormJSON.date) }
        guard let first = starts.compactMap({ $0 }).min(), !starts.contains(where: { $0 == nil }) else {
            return Array(repeating: 0, count: runs.count)
        }
        return starts.map { Int64((($0 ?? first).timeIntervalSince(first) * 1e6).rounded()) }
    }

    /// The shards' timelines at the coarsest of their grains, point by point.
    private static func mergedTimeline(_ timelines: [Timeline]) -> Timeline {
        let grain = timelines.map(\.grain).max() ?? 1
        var stretches: [Int: TimelinePoint] = [:]
        for timeline in timelines {
            for point in timeline.coarsened(toGrain: grain) {
                if stretches[point.second] == nil {
                    stretches[point.second] = point
                } else {
                    stretches[point.second]?.add(sameStretchOf: point)
                }
            }
        }
        return Timeline(grain: grain, points: stretches.keys.sorted().compactMap { stretches[$0] })
    }

    /// The reports sorted by shard, once each checked to be a shard of the first one's fleet.
    private static func checkedShards(
        _ reports: [(file: String, report: RunReport)]
    ) throws(ReportMergeError) -> [(file: String, report: RunReport)] {
        guard let first = reports.first else { throw .noReports }
        var files: [Int: String] = [:]
        var shards: [(shard: FleetShard, file: String, report: RunReport)] = []
        let expected = FleetShard(first.report.run.shard)
        for (file, report) in reports {
            guard report.hasHistograms else { throw .noHistograms(file: file) }
            if report.run.seed != first.report.run.seed {
                throw .differentRuns(
                    file: file, key: "seed", expected: String(first.report.run.seed), found: String(report.run.seed))
            }
            if report.run.profile != first.report.run.profile {
                throw .differentRuns(
                    file: file, key: "profile", expected: first.report.run.profile, found: report.run.profile)
            }
            guard let shard = FleetShard(report.run.shard), let expected, shard.count == expected.count else {
                throw .differentRuns(
                    file: file, key: "shard", expected: "a shard of \(expected?.count ?? 1)", found: report.run.shard)
            }
            if files[shard.index] != nil { throw .repeatedShard(file: file, shard: report.run.shard) }
            files[shard.index] = file
            shards.append((shard, file, report))
        }
        let count = expected?.count ?? 1
        let missing = (0..<count).filter { files[$0] == nil }.map { FleetShard(index: $0, count: count).description }
        guard missing.isEmpty else { throw .missingShards(missing) }
        let total = shards.reduce(0) { $0 + $1.report.run.stations }
        for (shard, file, report) in shards {
            let share = shard.stations(ofFleetOf: total).count
            if share != report.run.stations {
                throw .stationsDoNotAddUp(
                    file: file, shard: report.run.shard, expected: share, found: report.run.stations)
            }
        }
        return shards.sorted { $0.shard.index < $1.shard.index }.map { ($0.file, $0.report) }
    }
}

/// One action's figures over several reports, histograms merged whole.
private struct ActionMetricsSum {
    var metrics: ActionMetrics

    init(name: String) {
        metrics = ActionMetrics(name: name)
    }

    mutating func add(_ figures: ActionFigures) {
        var other = ActionMetrics(name: figures.name)
        other.sent = figures.sent
        other.ok = figures.ok
        for (code, count) in figures.callErrorsByCode { other.callErrors.add(code, count: count) }
        other.timeouts = figures.timeouts
        other.late = figures.late
        other.received = figures.received
        other.latency = LatencyHistogram(figures.latencyBuckets ?? .empty)
        other.serviceTime = LatencyHistogram(figures.serviceTimeBuckets ?? .empty)
        metrics.merge(other)
    }

    var figures: ActionFigures { ActionFigures(metrics) }
}
