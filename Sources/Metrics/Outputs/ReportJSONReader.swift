import Basics
import Foundation
import JSON

/// Reads a `report.json` that ``ReportJSON`` wrote back into a ``RunReport``.
///
/// Every key DESIGN.md lists is required; the `histograms` object is optional (reports written before it
/// existed still read, and can be compared but not merged), and so are `csms_faults` (zeros when missing)
/// and `timeline` (a report written before it kept its timeline in `histograms.timeline`, one row per
/// second with its histogram, which reads as one point per second).
/// Percentiles come back in whole microseconds, as the report's three decimals of milliseconds hold them.
public enum ReportJSONReader {
    /// Reads the file at `path`.
    /// - Throws: ``ReportFileError`` naming the file, the JSON path and what was expected there.
    public static func read(file path: String) throws(ReportFileError) -> RunReport {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ReportFileError(file: path, path: "$", expected: "a readable file (\(error.localizedDescription))")
        }
        return try read(data, file: path)
    }

    /// Reads the text of a report.
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - file: how errors name the file.
    /// - Throws: ``ReportFileError`` naming the file, the JSON path and what was expected there.
    public static func read(_ data: Data, file: String) throws(ReportFileError) -> RunReport {
        let parsed: JSONNode
        do {
            parsed = try JSONNode.parse(Array(data))
        } catch {
            throw ReportFileError(file: file, path: "$", expected: "a JSON document (\(error))")
        }
        let root = JSONCursor(node: parsed, path: "$", file: file)
        // Read in the file's order, so that the first problem reported is the first in the file.
        var report = RunReport(
            run: try run(root["run"]), snapshot: MetricsSnapshot(),
            process: ProcessUsage(userSeconds: 0, systemSeconds: 0, maxRSSBytes: 0))
        // Reports from before the flag existed do not have it.
        report.interrupted = try root.optional("interrupted")?.bool() ?? false
        report.connections = try connections(root["connections"])
        // Reports from before connection times were measured have none.
        report.connectTime = try root["connections"].optional("connect_ms").map(summary) ?? .empty
        let messages = try root["messages"]
        let histograms = try root.optional("histograms")
        let actionHistograms = try histograms?["by_action"]
        report.allActions = try action(named: "*", messages["all"], histograms: actionHistograms)
        report.actions = try messages["by_action"].members().map { member throws(ReportFileError) in
            try action(named: member.key, member.cursor, histograms: actionHistograms)
        }
        let transactions = try root["transactions"]
        report.transactions.started = try transactions["started"].unsigned()
        report.transactions.stopped = try transactions["stopped"].unsigned()
        report.transactions.lost = try transactions["lost"].unsigned()
        report.transactions.energyWh = try transactions["energy_wh"].unsigned()
        // Reports from before lost messages and duplicates were counted do not have them.
        if let lost = try transactions.optional("lost_messages") { try lostMessages(lost, into: &report.transactions) }
        report.transactions.duplicatesSent = try transactions.optional("duplicates_sent")?.unsigned() ?? 0
        report.transactions.unsentAtEnd = try transactions.optional("unsent_at_end")?.unsigned() ?? 0
        let throughput = try root["throughput"]
        report.sentPerSecond = try throughput["msgs_per_s"].number()
        report.answeredPerSecond = try throughput.optional("answered_per_s")?.number() ?? 0
        report.peakSentPerSecond = try throughput.optional("peak_msgs_per_s")?.unsigned() ?? 0
        report.schedulerLag = try summary(root["scheduler"]["lag_ms"])
        report.schedulerLagBuckets = try histograms.map { histograms throws(ReportFileError) in
            try buckets(histograms["scheduler_lag"])
        }
        report.connectTimeBuckets = try histograms?.optional("connect_time").map(buckets)
        report.slo = try root["slo"].elements().map(slo)
        report.process = try process(root["process"])
        for member in try root["csms"].members() { report.csms[member.key] = try member.cursor.number() }
        report.csmsFaults = try root.optional("csms_faults").map(csmsFaults) ?? CSMSFaultMetrics()
        report.storms = try root.optional("storms").map { storms throws(ReportFileError) in
            try StormJSON.read(storms, histograms: histograms)
        } ?? []
        if let timeline = try root.optional("timeline") {
            report.timeline = try self.timeline(timeline)
        } else if let seconds = try histograms?.optional("timeline") {
            report.timeline = try secondsWithHistograms(seconds)
        }
        return report
    }

    private static func run(_ run: JSONCursor) throws(ReportFileError) -> RunDescription {
        let stations = try run["stations"].unsigned()
        guard stations <= UInt64(Int.max) else { throw try run["stations"].failure("a station count") }
        return RunDescription(
            seed: try run["seed"].unsigned(), stations: Int(stations), durationSeconds: try run["duration_s"].number(),
            speed: try run["speed"].number(), csms: try run["csms"].string(), profile: try run["profile"].string(),
            shard: try shard(run["shard"]), stationClockStart: try run.optional("station_clock_start")?.string(),
            stationClockAheadSeconds: try run.optional("station_clock_ahead_s")?.number())
    }

    private static func shard(_ cursor: JSONCursor) throws(ReportFileError) -> String {
        let text = try cursor.string()
        guard FleetShard(text) != nil else { throw cursor.failure("a shard as I/N with 1 ≤ I ≤ N, such as 2/4") }
        return text
    }

    private static func connections(_ cursor: JSONCursor) throws(ReportFileError) -> ConnectionMetrics {
        var connections = ConnectionMetrics()
        connections.attempted = try cursor["attempted"].unsigned()
        connections.established = try cursor["established"].unsigned()
        if let reasons = try cursor.optional("failed_by_reason") {
            for member in try reasons.members() { connections.failed.add(member.key, count: try member.cursor.unsigned()) }
        } else {
            connections.failed.add(BoundedCounts.otherName, count: try cursor["failed"].unsigned())
        }
        connections.reconnectAttempts = try cursor.optional("reconnect_attempts")?.unsigned() ?? 0
        connections.reconnects = try cursor["reconnects"].unsigned()
        if let reasons = try cursor.optional("closed_by_reason") {
            for member in try reasons.members() { connections.closed.add(member.key, count: try member.cursor.unsigned()) }
        }
        connections.maxConcurrent = try cursor["max_concurrent"].unsigned()
        connections.connectedBeforeStop = try cursor.optional("connected_before_stop")?.unsigned() ?? 0
        connections.current = try cursor.optional("connected_at_end")?.unsigned() ?? 0
        return connections
    }

    private static func lostMessages(
        _ cursor: JSONCursor, into transactions: inout TransactionMetrics
    ) throws(ReportFileError) {
        for member in try cursor["by_reason"].members() {
            transactions.lostMessages.add(member.key, count: try member.cursor.unsigned())
        }
        for element in try cursor["first"].elements() {
            let id = try element.optional("transaction_id").flatMap { cursor throws(ReportFileError) in
                cursor.isNull ? nil : try cursor.number()
            }
            guard id.map({ $0 == $0.rounded() && abs($0) < 0x1p53 }) ?? true else {
                throw try element["transaction_id"].failure("a whole number or null")
            }
            let timestamp = try element.optional("timestamp").flatMap { cursor throws(ReportFileError) in
                cursor.isNull ? nil : try cursor.string()
            }
            transactions.lostMessageList.append(
                LostMessageRecord(
                    station: try element["station"].string(), action: try element["action"].string(),
                    transactionId: id.map { Int($0) }, timestamp: timestamp, reason: try element["reason"].string()))
        }
    }

    private static func csmsFaults(_ cursor: JSONCursor) throws(ReportFileError) -> CSMSFaultMetrics {
        var faults = CSMSFaultMetrics()
        for member in try cursor["bad_frames"].members() {
            faults.badFrames.add(member.key, count: try member.cursor.unsigned())
        }
        faults.unmatchedAnswers = try cursor["unmatched_answers"].unsigned()
        return faults
    }

    private static func action(
        named name: String, _ cursor: JSONCursor, histograms: JSONCursor?
    ) throws(ReportFileError) -> ActionFigures {
        var codes: [String: UInt64] = [:]
        if let byCode = try cursor.optional("call_errors_by_code") {
            for member in try byCode.members() { codes[member.key] = try member.cursor.unsigned() }
        } else {
            let count = try cursor["call_errors"].unsigned()
            if count > 0 { codes[BoundedCounts.otherName] = count }
        }
        let ownHistograms = try histograms?.optional(name == "*" ? "*" : name)
        return ActionFigures(
            name: name, sent: try cursor["sent"].unsigned(), ok: try cursor["ok"].unsigned(), callErrorsByCode: codes,
            timeouts: try cursor["timeouts"].unsigned(), received: try cursor.optional("received")?.unsigned() ?? 0,
            latency: try summary(cursor["latency_ms"]),
            serviceTime: try cursor.optional("service_ms").map(summary) ?? .empty,
            latencyBuckets: try ownHistograms.map { histograms throws(ReportFileError) in
                try buckets(histograms["latency"])
            },
            serviceTimeBuckets: try ownHistograms.map { histograms throws(ReportFileError) in
                try buckets(histograms["service"])
            },
            late: try cursor.optional("late")?.unsigned() ?? 0)
    }

    private static func summary(_ cursor: JSONCursor) throws(ReportFileError) -> LatencySummary {
        LatencySummary(
            count: try cursor.optional("count")?.unsigned() ?? 0, p50: try cursor["p50"].micros(),
            p90: try cursor.optional("p90")?.micros() ?? 0, p99: try cursor["p99"].micros(),
            p999: try cursor.optional("p999")?.micros() ?? 0, max: try cursor["max"].micros())
    }

    private static func process(_ cursor: JSONCursor) throws(ReportFileError) -> ProcessUsage {
        let cpu = try cursor["cpu_s"].number()
        let user = try cursor.optional("user_s")?.number()
        let system = try cursor.optional("system_s")?.number()
        return ProcessUsage(
            userSeconds: user ?? cpu - (system ?? 0), systemSeconds: system ?? 0,
            maxRSSBytes: try cursor["max_rss_bytes"].unsigned())
    }

    private static func slo(_ cursor: JSONCursor) throws(ReportFileError) -> SLOResult {
        let value = try cursor["value"]
        return SLOResult(
            expression: try cursor["expr"].string(), ok: try cursor["ok"].bool(),
            value: value.isNull ? nil : try value.number(),
            unit: try cursor.optional("unit")?.string() ?? "", detail: try cursor.optional("detail")?.string() ?? "")
    }

    static func buckets(_ cursor: JSONCursor) throws(ReportFileError) -> HistogramBuckets {
        try histogram(
            cursor, highest: cursor["highest"], count: cursor["count"].unsigned(), min: cursor["min"].unsigned(),
            max: cursor["max"].unsigned(), sum: cursor["sum"].unsigned(), clamped: cursor["clamped"].unsigned(),
            pairs: cursor["buckets"])
    }

    private static func histogram(
        _ cursor: JSONCursor, highest: JSONCursor, count: UInt64?, min: UInt64, max: UInt64, sum: UInt64,
        clamped: UInt64, pairs: JSONCursor
    ) throws(ReportFileError) -> HistogramBuckets {
        let highestValue = try highest.unsigned()
        guard highestValue >= UInt64(LatencyHistogram.subBucketCount) else {
            throw highest.failure("a highest trackable value of at least \(LatencyHistogram.subBucketCount)")
        }
        var indices: [Int] = []
        var counts: [UInt64] = []
        for pair in try pairs.elements() {
            let parts = try pair.elements()
            guard parts.count == 2 else { throw pair.failure("an [index, count] pair") }
            let index = try parts[0].unsigned()
            guard index <= UInt64(Int32.max) else { throw parts[0].failure("a bucket index") }
            indices.append(Int(index))
            counts.append(try parts[1].unsigned())
        }
        let total = count ?? counts.reduce(0, &+)
        let histogram = HistogramBuckets(
            highestTrackableValue: highestValue, indices: indices, counts: counts, totalCount: total, sum: sum,
            minValue: total == 0 ? .max : min, maxValue: max, clampedCount: clamped)
        guard histogram.isConsistent else {
            throw pairs.failure("[index, count] pairs with ascending indices inside the histogram's range, "
                + "non-zero counts adding up to its count, and min ≤ max")
        }
        return histogram
    }

    /// The columns of `timeline.rows` every report has had; the others (the connection attempts and
    /// booted stations of each point) read as zeros when a report predates them.
    static let requiredTimelineColumns = Array(ReportJSON.timelineColumns.prefix(13))

    private static func timeline(_ cursor: JSONCursor) throws(ReportFileError) -> Timeline {
        let columns = try cursor["columns"].elements().map { cursor throws(ReportFileError) in try cursor.string() }
        guard columns == ReportJSON.timelineColumns || columns == requiredTimelineColumns else {
            throw try cursor["columns"].failure(ReportJSON.timelineColumns.joined(separator: ", "))
        }
        let grain = try cursor["grain_s"].unsigned()
        guard grain <= UInt64(Int32.max), Timeline.isGrain(Int(grain)) else {
            throw try cursor["grain_s"].failure("a grain of \(Timeline.grains.map(String.init).joined(separator: ", "))… s")
        }
        var previous = -1
        let points = try cursor["rows"].elements().map { row throws(ReportFileError) in
            let cells = try row.elements()
            guard cells.count == columns.count else { throw row.failure("a row of \(columns.count) cells") }
            let second = try cells[0].unsigned()
            guard second <= UInt64(Int32.max), Int(second) > previous, second % grain == 0 else {
                throw cells[0].failure("a second after the previous row's, a multiple of the grain")
            }
            previous = Int(second)
            let seconds = try cells[1].unsigned()
            guard seconds >= 1, seconds <= grain else { throw cells[1].failure("1 to \(grain) seconds") }
            func optional(_ index: Int) throws(ReportFileError) -> UInt64 {
                index < cells.count ? try cells[index].unsigned() : 0
            }
            return TimelinePoint(
                second: Int(second), seconds: Int(seconds), sent: try cells[2].unsigned(),
                peakSent: try cells[3].unsigned(), answered: try cells[4].unsigned(),
                callErrors: try cells[5].unsigned(), timeouts: try cells[6].unsigned(),
                connectFailures: try cells[7].unsigned(), connected: try cells[8].unsigned(),
                latencyP50: try cells[9].micros(), latencyP90: try cells[10].micros(),
                latencyP99: try cells[11].micros(), latencyMax: try cells[12].micros(),
                connectAttempts: try optional(13), accepted: try optional(14), refused: try optional(15),
                connectTimeouts: try optional(16), booted: try optional(17))
        }
        return Timeline(grain: Int(grain), points: points)
    }

    /// The columns of `histograms.timeline.seconds` in reports written before `timeline` existed.
    static let secondsWithHistogramsColumns = [
        "second", "sent", "answered", "call_errors", "timeouts", "connect_failures", "connected",
        "latency_min", "latency_max", "latency_sum", "latency_clamped", "latency_buckets",
    ]

    private static func secondsWithHistograms(_ cursor: JSONCursor) throws(ReportFileError) -> Timeline {
        let columns = try cursor["columns"].elements().map { cursor throws(ReportFileError) in try cursor.string() }
        guard columns == secondsWithHistogramsColumns else {
            throw try cursor["columns"].failure(secondsWithHistogramsColumns.joined(separator: ", "))
        }
        let highest = try cursor["highest"]
        var previous = -1
        // A long run's 86,400 rows become a bounded timeline, as the run would make it now.
        var timeline = Timeline()
        for row in try cursor["seconds"].elements() {
            let cells = try row.elements()
            guard cells.count == columns.count else { throw row.failure("a row of \(columns.count) cells") }
            let second = try cells[0].unsigned()
            guard second <= UInt64(Int32.max), Int(second) > previous else {
                throw cells[0].failure("a second after the previous row's")
            }
            previous = Int(second)
            let latency = LatencyHistogram(
                try histogram(
                    row, highest: highest, count: nil, min: cells[7].unsigned(), max: cells[8].unsigned(),
                    sum: cells[9].unsigned(), clamped: cells[10].unsigned(), pairs: cells[11]))
            timeline.append(TimelinePoint(
                second: Int(second), sent: try cells[1].unsigned(), answered: try cells[2].unsigned(),
                callErrors: try cells[3].unsigned(), timeouts: try cells[4].unsigned(),
                connectFailures: try cells[5].unsigned(), connected: try cells[6].unsigned(),
                latencyP50: latency.value(atPercentile: 50), latencyP90: latency.value(atPercentile: 90),
                latencyP99: latency.value(atPercentile: 99), latencyMax: latency.maxValue))
        }
        return timeline
    }
}
