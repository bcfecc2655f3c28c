import Foundation
import JSON

/// The storms of `report.json`: `storms`, one object per storm in the order they began, and
/// `histograms.storms`, the histograms behind each one's figures, in the same order, for exact merges.
///
/// Times since the run's start are in seconds (`start_s`, `end_s`; `started_at` is the start on the
/// wall clock, from `run.station_clock_start`, `null` without it), recovery times in seconds
/// (`recovery_s`), latencies and waits in milliseconds; a recovery percentile that was never reached
/// (too few stations back) is `null`, as is the end of a storm not over when the run ended.
enum StormJSON {
    /// The percentiles of `recovery_s`, with the percent each stands for.
    static let recoveryPercentiles: [(key: String, percent: Double)] = [
        ("p50", 50), ("p90", 90), ("p99", 99), ("p100", 100),
    ]

    /// The storms, each with its wall-clock start (`started_at`) when the run's clock start is known.
    static func value(of storms: [StormMetrics], clockStart: String? = nil) -> JSONValue {
        let start = clockStart.flatMap(date)
        return .array(storms.map { storm($0, runStart: start) })
    }

    /// An ISO 8601 time, with or without fractional seconds.
    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }

    static func histograms(of storms: [StormMetrics]) -> JSONValue {
        .array(
            storms.map { storm in
                .object([
                    ("recovery_ms", ReportJSON.histogram(storm.recovery)),
                    ("boot_latency_before", ReportJSON.histogram(storm.bootLatencyBefore)),
                    ("boot_latency_during", ReportJSON.histogram(storm.bootLatencyDuring)),
                    ("queued_wait", ReportJSON.histogram(storm.queuedWait)),
                    ("link_lost_ms", ReportJSON.histogram(storm.linkLost)),
                ])
            })
    }

    private static func storm(_ storm: StormMetrics, runStart: Date?) -> JSONValue {
        let recovery = recoveryPercentiles.map { percentile in
            (percentile.key, storm.recovery(percent: percentile.percent).map { JSONValue.rounded(Double($0) / 1000) } ?? .null)
        }
        let linkLost = recoveryPercentiles.map { percentile in
            (percentile.key, storm.linkLost(percent: percentile.percent).map { JSONValue.rounded(Double($0) / 1000) } ?? .null)
        }
        let wait = storm.queuedWait.summary
        return .object([
            ("fault", .string(storm.fault)),
            ("injected", .bool(storm.injected)),
            ("occurrence", .integer(UInt64(max(storm.occurrence, 0)))),
            ("start_s", .rounded(Double(storm.startMicros) / 1e6)),
            ("started_at", runStart.map { .string(wallClock($0.addingTimeInterval(Double(storm.startMicros) / 1e6))) } ?? .null),
            ("end_s", storm.endMicros.map { .rounded(Double($0) / 1e6) } ?? .null),
            ("stations", .integer(storm.stations)),
            ("recovered", .integer(storm.recovered)),
            ("recovered_pct", storm.recoveredPercent.map(JSONValue.rounded) ?? .null),
            ("stayed_up", .integer(storm.stayedUp)),
            ("recovery_s", .object(recovery)),
            ("link_lost", .integer(storm.linkLost.totalCount)),
            ("link_lost_s", .object(linkLost)),
            ("connections", .object([
                ("attempted", .integer(storm.connectAttempts)),
                ("accepted", .integer(storm.accepted)),
                ("refused", .integer(storm.refused.total)),
                ("refused_by_cause", .counts(storm.refused.counts)),
                ("timeouts", .integer(storm.connectTimeouts)),
            ])),
            ("boot_latency_ms", .object([
                ("before", ReportJSON.millis(storm.bootLatencyBefore.summary)),
                ("during", ReportJSON.millis(storm.bootLatencyDuring.summary)),
            ])),
            ("queued_offline", .object([
                ("messages", .integer(storm.queuedMessages)),
                ("peak_per_station", .integer(storm.queuedPeak)),
                ("wait_ms", ReportJSON.millis(wait)),
            ])),
        ])
    }

    /// Reads `storms` back, with the histograms of `histograms.storms` (required when there are storms).
    static func read(_ cursor: JSONCursor, histograms: JSONCursor?) throws(ReportFileError) -> [StormMetrics] {
        let elements = try cursor.elements()
        guard !elements.isEmpty else { return [] }
        guard let histograms = try histograms?["storms"] else {
            throw cursor.failure("storms with their histograms in histograms.storms")
        }
        let histogramElements = try histograms.elements()
        guard histogramElements.count == elements.count else {
            throw histograms.failure("one entry per storm (\(elements.count))")
        }
        var storms: [StormMetrics] = []
        for (element, buckets) in zip(elements, histogramElements) {
            let occurrence = try element["occurrence"].unsigned()
            guard occurrence <= UInt64(Int32.max) else { throw try element["occurrence"].failure("an occurrence") }
            var storm = StormMetrics(
                fault: try element["fault"].string(), injected: try element["injected"].bool(),
                occurrence: Int(occurrence), startMicros: try seconds(element["start_s"]))
            let end = try element["end_s"]
            storm.endMicros = end.isNull ? nil : try seconds(end)
            storm.stations = try element["stations"].unsigned()
            storm.recovered = try element["recovered"].unsigned()
            storm.stayedUp = try element["stayed_up"].unsigned()
            guard storm.recovered <= storm.stations, storm.stayedUp <= storm.recovered else {
                throw try element["recovered"].failure("at most the storm's stations, at least those that stayed up")
            }
            let connections = try element["connections"]
            storm.connectAttempts = try connections["attempted"].unsigned()
            storm.accepted = try connections["accepted"].unsigned()
            for member in try connections["refused_by_cause"].members() {
                storm.refused.add(member.key, count: try member.cursor.unsigned())
            }
            storm.connectTimeouts = try connections["timeouts"].unsigned()
            let queued = try element["queued_offline"]
            storm.queuedMessages = try queued["messages"].unsigned()
            storm.queuedPeak = try queued["peak_per_station"].unsigned()
            storm.recovery = try ReportJSONReader.buckets(buckets["recovery_ms"])
            guard storm.recovery.totalCount == storm.recovered else {
                throw try buckets["recovery_ms"].failure("one recovery time per station recovered (\(storm.recovered))")
            }
            storm.bootLatencyBefore = try ReportJSONReader.buckets(buckets["boot_latency_before"])
            storm.bootLatencyDuring = try ReportJSONReader.buckets(buckets["boot_latency_during"])
            storm.queuedWait = try ReportJSONReader.buckets(buckets["queued_wait"])
            // Reports written before the time to lose a link was measured have none.
            if let linkLost = try buckets.optional("link_lost_ms") {
                storm.linkLost = try ReportJSONReader.buckets(linkLost)
            }
            storms.append(storm)
        }
        return storms
    }

    /// `2026-01-05T08:00:12.345Z`.
    private static func wallClock(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    private static func seconds(_ cursor: JSONCursor) throws(ReportFileError) -> UInt64 {
        let seconds = try cursor.number()
        guard seconds >= 0, seconds * 1e6 < 0x1p63 else { throw cursor.failure("seconds, 0 or more") }
        return UInt64((seconds * 1e6).rounded())
    }
}
