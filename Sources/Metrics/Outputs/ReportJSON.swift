import JSON

/// Writes `report.json`: the report's figures under the keys DESIGN.md lists, in a fixed order (actions
/// and named counts sorted by name), durations in milliseconds with microsecond precision.
///
/// After the figures, `timeline` holds the run over time as rows of `columns` (``Timeline``: one row per
/// second, or per `grain_s` seconds on a long run, so that it stays small), and `histograms` what merging
/// the reports of shards needs: every whole-run latency histogram's non-empty sub-buckets as
/// `[index, count]` pairs (microseconds, HdrHistogram's layout with three significant digits).
/// ``ReportJSONReader`` reads it all back.
public enum ReportJSON {
    /// The columns of each row of `timeline.rows`; latencies in milliseconds.
    static let timelineColumns = [
        "second", "seconds", "sent", "peak_sent", "answered", "call_errors", "timeouts", "connect_failures",
        "connected", "latency_p50_ms", "latency_p90_ms", "latency_p99_ms", "latency_max_ms",
        "connect_attempts", "accepted", "refused", "connect_timeouts", "booted",
    ]

    /// The report as JSON text, ending with a newline.
    public static func render(_ report: RunReport) -> String {
        value(of: report).rendered() + "\n"
    }

    static func value(of report: RunReport) -> JSONValue {
        .object([
            ("run", run(report.run)),
            ("interrupted", .bool(report.interrupted)),
            ("connections", connections(report.connections, connectTime: report.connectTime)),
            ("messages", .object([
                ("all", action(report.allActions)),
                ("by_action", .object(report.actions.map { ($0.name, action($0)) })),
            ])),
            ("transactions", .object([
                ("started", .integer(report.transactions.started)),
                ("stopped", .integer(report.transactions.stopped)),
                ("lost", .integer(report.transactions.lost)),
                ("energy_wh", .integer(report.transactions.energyWh)),
                ("lost_messages", lostMessages(report.transactions)),
                ("duplicates_sent", .integer(report.transactions.duplicatesSent)),
                ("unsent_at_end", .integer(report.transactions.unsentAtEnd)),
            ])),
            ("throughput", .object([
                ("msgs_per_s", .rounded(report.sentPerSecond)),
                ("answered_per_s", .rounded(report.answeredPerSecond)),
                ("peak_msgs_per_s", .integer(report.peakSentPerSecond)),
            ])),
            ("scheduler", .object([("lag_ms", millis(report.schedulerLag))])),
            ("slo", .array(report.slo.map(slo))),
            ("process", .object([
                ("cpu_s", .rounded(report.process.cpuSeconds)),
                ("user_s", .rounded(report.process.userSeconds)),
                ("system_s", .rounded(report.process.systemSeconds)),
                ("max_rss_bytes", .integer(report.process.maxRSSBytes)),
            ])),
            ("csms", .object(report.csms.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) })),
            ("csms_faults", .object([
                ("bad_frames", .counts(report.csmsFaults.badFrames.counts)),
                ("unmatched_answers", .integer(report.csmsFaults.unmatchedAnswers)),
            ])),
            ("storms", StormJSON.value(of: report.storms, clockStart: report.run.stationClockStart)),
            ("timeline", timeline(report.timeline)),
        ] + (report.hasHistograms ? [("histograms", histograms(report))] : []))
    }

    /// The transaction messages the stations gave up on: how many, why, and the first ones by name.
    private static func lostMessages(_ transactions: TransactionMetrics) -> JSONValue {
        let named = transactions.lostMessageList.map { record in
            JSONValue.object([
                ("station", .string(record.station)),
                ("action", .string(record.action)),
                ("transaction_id", record.transactionId.map { .number(Double($0)) } ?? .null),
                ("timestamp", record.timestamp.map(JSONValue.string) ?? .null),
                ("reason", .string(record.reason)),
            ])
        }
        return .object([
            ("count", .integer(transactions.lostMessages.total)),
            ("by_reason", .counts(transactions.lostMessages.counts)),
            ("first", .array(named)),
        ])
    }

    private static func timeline(_ timeline: Timeline) -> JSONValue {
        let rows = timeline.map { point in
            JSONValue.line([
                .integer(UInt64(max(point.second, 0))), .integer(UInt64(max(point.seconds, 0))), .integer(point.sent),
                .integer(point.peakSent), .integer(point.answered), .integer(point.callErrors),
                .integer(point.timeouts), .integer(point.connectFailures), .integer(point.connected),
                .number(Double(point.latencyP50) / 1000), .number(Double(point.latencyP90) / 1000),
                .number(Double(point.latencyP99) / 1000), .number(Double(point.latencyMax) / 1000),
                .integer(point.connectAttempts), .integer(point.accepted), .integer(point.refused),
                .integer(point.connectTimeouts), .integer(point.booted),
            ])
        }
        return .object([
            ("grain_s", .integer(UInt64(timeline.grain))),
            ("columns", .line(timelineColumns.map(JSONValue.string))),
            ("rows", .array(rows)),
        ])
    }

    private static func histograms(_ report: RunReport) -> JSONValue {
        var byAction: [(String, JSONValue)] = []
        for figures in report.actions + [report.allActions] {
            guard let latency = figures.latencyBuckets, let service = figures.serviceTimeBuckets else { continue }
            byAction.append((figures.name, .object([("latency", histogram(latency)), ("service", histogram(service))])))
        }
        return .object([
            ("unit", .string("us")),
            ("by_action", .object(byAction)),
            ("scheduler_lag", histogram(report.schedulerLagBuckets ?? .empty)),
            ("connect_time", histogram(report.connectTimeBuckets ?? .empty)),
            ("storms", StormJSON.histograms(of: report.storms)),
        ])
    }

    static func histogram(_ histogram: HistogramBuckets) -> JSONValue {
        .object([
            ("count", .integer(histogram.totalCount)),
            ("min", .integer(histogram.totalCount == 0 ? 0 : histogram.minValue)),
            ("max", .integer(histogram.maxValue)),
            ("sum", .integer(histogram.sum)),
            ("clamped", .integer(histogram.clampedCount)),
            ("highest", .integer(histogram.highestTrackableValue)),
            ("buckets", buckets(histogram)),
        ])
    }

    private static func buckets(_ histogram: HistogramBuckets) -> JSONValue {
        .line(zip(histogram.indices, histogram.counts).map { .line([.integer(UInt64($0)), .integer($1)]) })
    }

    private static func run(_ run: RunDescription) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("seed", .integer(run.seed)),
            ("stations", .integer(UInt64(max(run.stations, 0)))),
            ("duration_s", .rounded(run.durationSeconds)),
            ("speed", .number(run.speed)),
            ("csms", .string(run.csms)),
            ("profile", .string(run.profile)),
            ("shard", .string(run.shard)),
        ]
        if let start = run.stationClockStart { members.append(("station_clock_start", .string(start))) }
        if let ahead = run.stationClockAheadSeconds { members.append(("station_clock_ahead_s", .rounded(ahead))) }
        return .object(members)
    }

    private static func connections(_ connections: ConnectionMetrics, connectTime: LatencySummary) -> JSONValue {
        .object([
            ("attempted", .integer(connections.attempted)),
            ("established", .integer(connections.established)),
            ("failed", .integer(connections.failed.total)),
            ("failed_by_reason", .counts(connections.failed.counts)),
            ("reconnect_attempts", .integer(connections.reconnectAttempts)),
            ("reconnects", .integer(connections.reconnects)),
            ("closed", .integer(connections.closed.total)),
            ("closed_by_reason", .counts(connections.closed.counts)),
            ("max_concurrent", .integer(connections.maxConcurrent)),
            ("connected_before_stop", .integer(connections.connectedBeforeStop)),
            ("connected_at_end", .integer(connections.current)),
            ("connect_ms", millis(connectTime)),
        ])
    }

    private static func action(_ figures: ActionFigures) -> JSONValue {
        .object([
            ("sent", .integer(figures.sent)),
            ("ok", .integer(figures.ok)),
            ("call_errors", .integer(figures.callErrors)),
            ("call_errors_by_code", .counts(figures.callErrorsByCode)),
            ("timeouts", .integer(figures.timeouts)),
            ("late", .integer(figures.late)),
            ("received", .integer(figures.received)),
            ("latency_ms", millis(figures.latency)),
            ("service_ms", millis(figures.serviceTime)),
        ])
    }

    static func millis(_ summary: LatencySummary) -> JSONValue {
        .object([
            ("count", .integer(summary.count)),
            ("p50", .number(Double(summary.p50) / 1000)),
            ("p90", .number(Double(summary.p90) / 1000)),
            ("p99", .number(Double(summary.p99) / 1000)),
            ("p999", .number(Double(summary.p999) / 1000)),
            ("max", .number(Double(summary.max) / 1000)),
        ])
    }

    private static func slo(_ result: SLOResult) -> JSONValue {
        .object([
            ("expr", .string(result.expression)),
            ("ok", .bool(result.ok)),
            ("value", result.value.map(JSONValue.rounded) ?? .null),
            ("unit", .string(result.unit)),
            ("detail", .string(result.detail)),
        ])
    }
}
