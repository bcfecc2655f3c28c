/// Renders a snapshot in Prometheus' text exposition format 0.0.4.
///
/// Names follow Prometheus' conventions: counters end in `_total`, durations are in seconds and energy in
/// joules (base units), histograms have cumulative `le` buckets with `_sum` and `_count`. Labels stay
/// bounded whatever the fleet's size: `action` (the OCPP actions), `code` and `reason` (capped by
/// ``BoundedCounts``), the embedded CSMS's `status`, `outcome` and `fault`, and `le`; never a station id.
/// Latencies are histograms over fixed buckets taken from the HDR histograms (a bucket's count is exact
/// at sub-bucket boundaries, within 0.1 % of the bound otherwise). README's "Live metrics" section (docs/
/// metrics.md) documents each family; a test holds the two together.
public enum PrometheusExposition {
    /// The `Content-Type` of the exposition.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The upper bounds of the latency buckets, in microseconds.
    public static let bucketBoundsMicros: [UInt64] = [
        500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000,
        5_000_000, 10_000_000, 30_000_000,
    ]

    /// The exposition of `snapshot`, and of the embedded CSMS's counters as `ocpp_fleet_csms_…` families.
    public static func render(_ snapshot: MetricsSnapshot, csms: [String: Double] = [:]) -> String {
        var text = ""
        let actions = snapshot.sortedActions
        family(&text, "ocpp_fleet_elapsed_seconds", .gauge, "Time since the run started.")
        sample(&text, "ocpp_fleet_elapsed_seconds", [], number(snapshot.elapsedSeconds))

        perAction(&text, actions, "ocpp_fleet_messages_sent_total", "Calls sent by the stations.", \.sent)
        perAction(&text, actions, "ocpp_fleet_messages_ok_total", "Calls answered with a CallResult.", \.ok)
        perAction(&text, actions, "ocpp_fleet_timeouts_total", "Calls that got no answer in time.", \.timeouts)
        perAction(
            &text, actions, "ocpp_fleet_late_answers_total", "Answers that came after their call's timeout.", \.late)
        perAction(
            &text, actions, "ocpp_fleet_messages_received_total", "Calls received from the CSMS.", \.received)
        family(&text, "ocpp_fleet_call_errors_total", .counter, "Calls answered with a CallError, by code.")
        for action in actions {
            for (code, count) in action.callErrors.sorted {
                sample(&text, "ocpp_fleet_call_errors_total", [("action", action.name), ("code", code)], String(count))
            }
        }
        family(&text, "ocpp_fleet_latency_seconds", .histogram, "Latency from when calls were due to their answer.")
        for action in actions { histogram(&text, "ocpp_fleet_latency_seconds", action.latency, [("action", action.name)]) }
        family(&text, "ocpp_fleet_service_time_seconds", .histogram, "Time from writing calls to their answer.")
        for action in actions {
            histogram(&text, "ocpp_fleet_service_time_seconds", action.serviceTime, [("action", action.name)])
        }

        let connections = snapshot.connections
        counter(&text, "ocpp_fleet_connection_attempts_total", "Connection attempts.", connections.attempted)
        counter(
            &text, "ocpp_fleet_reconnect_attempts_total", "Connection attempts by stations connected before.",
            connections.reconnectAttempts)
        counter(
            &text, "ocpp_fleet_connections_established_total", "Completed WebSocket handshakes.",
            connections.established)
        family(
            &text, "ocpp_fleet_connect_time_seconds", .histogram,
            "Time from the start of a connection attempt to the end of its WebSocket handshake.")
        histogram(&text, "ocpp_fleet_connect_time_seconds", snapshot.connectTime, [])
        counter(
            &text, "ocpp_fleet_connection_failures_total", "Failed connection attempts, by reason.", "reason",
            connections.failed)
        counter(
            &text, "ocpp_fleet_reconnects_total", "Links established by stations connected before.",
            connections.reconnects)
        counter(
            &text, "ocpp_fleet_links_closed_total", "Links closed after they opened, by cause.", "reason",
            connections.closed)
        gauge(&text, "ocpp_fleet_connected_stations", "Links up.", connections.current)
        gauge(&text, "ocpp_fleet_connected_stations_max", "The most links up at once.", connections.maxConcurrent)
        gauge(
            &text, "ocpp_fleet_send_queue_bytes", "Bytes the links hold unsent: the CSMS's side did not take them.",
            connections.unsentBytes)
        gauge(&text, "ocpp_fleet_send_queue_links", "Links holding unsent bytes.", connections.backedUpLinks)

        let transactions = snapshot.transactions
        counter(&text, "ocpp_fleet_transactions_started_total", "Transactions started.", transactions.started)
        counter(&text, "ocpp_fleet_transactions_stopped_total", "Transactions stopped.", transactions.stopped)
        counter(&text, "ocpp_fleet_transactions_lost_total", "Transactions not stopped properly.", transactions.lost)
        counter(
            &text, "ocpp_fleet_lost_messages_total", "Transaction messages the stations gave up on, by reason.",
            "reason", transactions.lostMessages)
        counter(
            &text, "ocpp_fleet_energy_joules_total", "Energy delivered in stopped transactions.",
            transactions.energyWh &* 3_600)

        let faults = snapshot.csmsFaults
        counter(
            &text, "ocpp_fleet_bad_frames_total", "Frames from the CSMS the stations refused, by code.", "code",
            faults.badFrames)
        counter(
            &text, "ocpp_fleet_unmatched_answers_total", "Answers from the CSMS to no call a station sent.",
            faults.unmatchedAnswers)

        family(&text, "ocpp_fleet_scheduler_lag_seconds", .histogram, "How late timers ran.")
        histogram(&text, "ocpp_fleet_scheduler_lag_seconds", snapshot.schedulerLag, [])

        // The text format wants each family's samples together.
        let counters = csms.map { (metric: PrometheusCSMSCounter($0.key), value: $0.value) }.sorted {
            ($0.metric.family, $0.metric.name) < ($1.metric.family, $1.metric.name)
        }
        var previous: String?
        for (metric, value) in counters {
            if metric.family != previous {
                family(&text, metric.family, metric.isCounter ? .counter : .gauge, metric.help)
                previous = metric.family
            }
            sample(&text, metric.family, metric.labels, number(value))
        }
        return text
    }

    private enum Kind: String {
        case counter, gauge, histogram
    }

    private static func family(_ text: inout String, _ name: String, _ kind: Kind, _ help: String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(kind.rawValue)\n"
    }

    private static func sample(_ text: inout String, _ name: String, _ labels: [(String, String)], _ value: String) {
        text += name
        if !labels.isEmpty {
            text += "{" + labels.map { "\($0.0)=\"\(escapedLabel($0.1))\"" }.joined(separator: ",") + "}"
        }
        text += " " + value + "\n"
    }

    private static func counter(_ text: inout String, _ name: String, _ help: String, _ value: UInt64) {
        family(&text, name, .counter, help)
        sample(&text, name, [], String(value))
    }

    private static func gauge(_ text: inout String, _ name: String, _ help: String, _ value: UInt64) {
        family(&text, name, .gauge, help)
        sample(&text, name, [], String(value))
    }

    /// A counter family with one sample per key of `counts`, the key as the value of `label`.
    private static func counter(
        _ text: inout String, _ name: String, _ help: String, _ label: String, _ counts: BoundedCounts
    ) {
        family(&text, name, .counter, help)
        for (key, count) in counts.sorted { sample(&text, name, [(label, key)], String(count)) }
    }

    private static func perAction(
        _ text: inout String, _ actions: [ActionMetrics], _ name: String, _ help: String,
        _ value: KeyPath<ActionMetrics, UInt64>
    ) {
        family(&text, name, .counter, help)
        for action in actions { sample(&text, name, [("action", action.name)], String(action[keyPath: value])) }
    }

    private static func histogram(
        _ text: inout String, _ name: String, _ histogram: LatencyHistogram, _ labels: [(String, String)]
    ) {
        for bound in bucketBoundsMicros {
            let le = number(Double(bound) / 1_000_000)
            sample(&text, name + "_bucket", labels + [("le", le)], String(histogram.count(atOrBelow: bound)))
        }
        sample(&text, name + "_bucket", labels + [("le", "+Inf")], String(histogram.totalCount))
        sample(&text, name + "_sum", labels, number(Double(histogram.sum) / 1_000_000))
        sample(&text, name + "_count", labels, String(histogram.totalCount))
    }

    private static func number(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "+Inf" : "-Inf") }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    private static func escapedLabel(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
