/// A service-level objective checked against a run's report, such as `p99(StartTransaction) < 800ms`.
///
/// ## Grammar
///
/// ```
/// slo        = metric comparison threshold          spaces allowed between the parts
/// metric     = percentile "(" series ")"            latency from when calls were due
///            | "service_" percentile "(" series ")" latency from when calls were written
///            | "lag_" percentile                    scheduler lag
///            | counter [ "(" series ")" ]           over all actions when no series is given
///            | "connected" | "reconnects" | "failed_connections" | "lost_transactions" | "lost_messages"
///            | "unsent_at_end" | "msgs_per_s"
///            | "bad_frames" | "unmatched_answers"
///            | "recovery_" ( "p50" | "p90" | "p99" | "p100" ) [ "(" fault ")" ]
///            | "recovered" [ "(" fault ")" ]
/// fault      = a storm's fault, e.g. restartCSMS | csmsWentAway | "*" for every storm
/// percentile = "p50" | "p90" | "p99" | "p99.9" | "p999" | "max"
/// series     = an action name, e.g. StartTransaction | "*" for all actions
/// counter    = "errors" | "call_errors" | "timeouts" | "sent" | "ok" | "late"
/// comparison = "<" | "<=" | ">" | ">=" | "==" | "!="
/// threshold  = number [ unit ]                      number = digits [ "." digits ]
/// unit       = "us" | "ms" | "s" | "%"
/// ```
///
/// Latencies need a duration unit. `errors` counts CallErrors and timeouts. A counter's threshold is a
/// count, or with `%` a share of the calls sent (`late`: answers after their call's timeout); `reconnects`
/// as `%` is a share of links established, `failed_connections` of connection attempts,
/// `lost_transactions` of transactions started, `lost_messages` (transaction messages the stations gave up
/// on: retries spent, queue full, or a StartTransaction lost before them) and `unsent_at_end` (transaction
/// messages still held when the run ended: not given up on, not delivered either) of the transaction
/// messages sent, `connected` of the stations run (`connected` is the most
/// links up at once). `msgs_per_s` is calls sent per second over the run.
/// `bad_frames` (frames from the CSMS the stations refused) and `unmatched_answers` (answers to no CALL in
/// flight) take a plain count. `recovery_p99` is the time until 99 % of a storm's stations were back and
/// booted, for the worst storm (of that fault when one is named); a storm that never got that many back
/// fails it. `recovered` is the stations back after the worst storm, a count or with `%` a share of the
/// stations it hit. With no storm in the run, both fail: there was nothing to measure.
/// An SLO on something never measured (no call of that action answered, a share of zero) fails.
///
/// ```
/// p99(StartTransaction) < 800ms      p50(*) <= 200ms      service_p99(Heartbeat) < 50ms
/// errors < 0.1%      timeouts == 0      errors(Authorize) < 1%      connected >= 99.9%
/// msgs_per_s >= 5000      reconnects <= 100      lag_p99 < 20ms      lost_transactions == 0
/// lost_messages == 0      unsent_at_end == 0
/// bad_frames == 0      unmatched_answers <= 10      recovery_p99 < 90s      recovered == 100%
/// recovery_p50(restartCSMS) < 30s
/// ```
public struct SLO: Sendable, Equatable, CustomStringConvertible {
    /// The grammar and examples above, for `--help`.
    public static let grammar = """
        SLO expressions:  metric comparison threshold
          metric      p50|p90|p99|p99.9|p999|max ( Action | * )   latency from when calls were due
                      service_p99(Action)                          latency from when calls were written
                      lag_p99                                      scheduler lag (also lag_p50, lag_max…)
                      errors|call_errors|timeouts|sent|ok|late [(Action)]   errors = CallErrors + timeouts;
                                                                   late = answers after their timeout
                      connected | reconnects | failed_connections | lost_transactions | msgs_per_s
                      lost_messages                                transaction messages given up on
                      unsent_at_end                                transaction messages still held at the end
                      bad_frames | unmatched_answers               frames from the CSMS refused / matching no CALL
                      recovery_p50|p90|p99|p100 [(fault)]          time until that share of a storm's stations
                                                                   were back and booted (the worst storm)
                      recovered [(fault)]                          stations back after the worst storm
          comparison  <  <=  >  >=  ==  !=
          threshold   number with a unit: us, ms, s for latencies; a count, or % for shares
                      (% of calls sent; reconnects: of links established; failed_connections: of
                      connection attempts; lost_transactions: of transactions started;
                      lost_messages and unsent_at_end: of StartTransaction, MeterValues and
                      StopTransaction sent;
                      connected: the most links up at once, % of the stations run;
                      bad_frames and unmatched_answers: a count only;
                      recovered: % of the stations the storm hit)
          examples    'p99(StartTransaction) < 800ms'  'p50(*) <= 200ms'  'errors < 0.1%'
                      'connected >= 99.9%'  'msgs_per_s >= 5000'  'timeouts == 0'  'reconnects <= 100'
                      'recovery_p99 < 90s'  'recovered == 100%'  'recovery_p50(restartCSMS) < 30s'
        """

    /// The expression as given.
    public let expression: String
    let quantity: SLOQuantity
    let comparison: SLOComparison
    let threshold: Double
    let unit: SLOUnit

    /// Reads an expression.
    /// - Throws: ``SLOParseError`` with the column of the first thing that does not fit the grammar.
    public init(parsing expression: String) throws(SLOParseError) {
        var parser = SLOParser(expression)
        let parsed = try parser.parse()
        self.expression = expression
        quantity = parsed.quantity
        comparison = parsed.comparison
        threshold = parsed.threshold
        unit = parsed.unit
    }

    /// The expression.
    public var description: String { expression }

    /// The action the objective names (`StartTransaction` in `p99(StartTransaction) < 800ms`), or nil
    /// when it names none or `*`: a command line checks it against the actions that exist before a run.
    public var action: String? {
        switch quantity {
        case .latency(_, let series), .serviceTime(_, let series), .counter(_, let series):
            series == "*" ? nil : series
        case .schedulerLag, .connected, .reconnects, .failedConnections, .lostTransactions, .lostMessages,
            .unsentAtEnd, .badFrames, .unmatchedAnswers, .messagesPerSecond, .recovery, .recovered:
            nil
        }
    }

    /// Measures this objective's quantity in `report` and compares it with the threshold.
    public func evaluate(against report: RunReport) -> SLOResult {
        let thresholdText = "\(comparison.symbol) \(Self.format(threshold))\(unit.suffix)"
        switch measure(in: report) {
        case .measured(let value):
            let ok = comparison.holds(value, threshold)
            return SLOResult(
                expression: expression, ok: ok, value: value, unit: unit.rawValue,
                detail: "\(quantity.name) = \(Self.format(value))\(unit.suffix), needs \(thresholdText)")
        case .unmeasured(let reason):
            return SLOResult(
                expression: expression, ok: false, value: nil, unit: unit.rawValue,
                detail: "\(reason), so \(quantity.name) \(thresholdText) cannot be checked")
        }
    }

    private enum Measurement {
        case measured(Double)
        case unmeasured(String)
    }

    private func measure(in report: RunReport) -> Measurement {
        switch quantity {
        case .latency(let percentile, let series), .serviceTime(let percentile, let series):
            guard let figures = report.figures(for: series), figures.latency.count > 0 else {
                return .unmeasured(series == "*" ? "no call was answered" : "no \(series) call was answered")
            }
            let summary = if case .latency = quantity { figures.latency } else { figures.serviceTime }
            return .measured(unit.fromMicros(percentile.value(in: summary)))
        case .schedulerLag(let percentile):
            return .measured(unit.fromMicros(percentile.value(in: report.schedulerLag)))
        case .counter(let counter, let series):
            let figures = report.figures(for: series)
            let count = figures.map(counter.count) ?? 0
            return share(count, of: figures?.sent ?? 0, whole: "calls sent")
        case .connected:
            return share(report.connections.maxConcurrent, of: UInt64(report.run.stations), whole: "stations")
        case .reconnects:
            return share(report.connections.reconnects, of: report.connections.established, whole: "links established")
        case .failedConnections:
            return share(
                report.connections.failed.total, of: report.connections.attempted, whole: "connection attempts")
        case .lostTransactions:
            return share(report.transactions.lost, of: report.transactions.started, whole: "transactions started")
        case .lostMessages:
            return share(report.transactions.lostMessages.total, of: transactionMessagesSent(in: report),
                whole: "transaction messages sent")
        case .unsentAtEnd:
            return share(report.transactions.unsentAtEnd, of: transactionMessagesSent(in: report),
                whole: "transaction messages sent")
        case .badFrames:
            return .measured(Double(report.csmsFaults.badFrames.total))
        case .unmatchedAnswers:
            return .measured(Double(report.csmsFaults.unmatchedAnswers))
        case .messagesPerSecond:
            return .measured(report.sentPerSecond)
        case .recovery(let percentile, let fault):
            return worstRecovery(percentile, fault: fault, in: report)
        case .recovered(let fault):
            let storms = report.storms.filter { fault == "*" || $0.fault == fault }
            guard let worst = storms.min(by: { ($0.recoveredPercent ?? 100) < ($1.recoveredPercent ?? 100) }) else {
                return .unmeasured(fault == "*" ? "there was no storm" : "there was no \(fault) storm")
            }
            return share(worst.recovered, of: worst.stations, whole: "stations hit by the storm")
        }
    }

    /// The actions whose messages a station keeps and sends again until the CSMS takes them.
    private static let transactionActions = ["StartTransaction", "MeterValues", "StopTransaction"]

    private func transactionMessagesSent(in report: RunReport) -> UInt64 {
        Self.transactionActions.reduce(UInt64(0)) { $0 &+ (report.figures(for: $1)?.sent ?? 0) }
    }

    /// The longest time until `percentile` of a storm's stations were back, over the storms of `fault`.
    private func worstRecovery(_ percentile: SLOPercentile, fault: String, in report: RunReport) -> Measurement {
        let storms = report.storms.filter { fault == "*" || $0.fault == fault }
        guard !storms.isEmpty else {
            return .unmeasured(fault == "*" ? "there was no storm" : "there was no \(fault) storm")
        }
        var worst: UInt64 = 0
        for storm in storms {
            guard let millis = storm.recovery(percent: percentile.percent) else {
                return .unmeasured(
                    "fewer than \(Self.format(percentile.percent)) % of the stations of the \(storm.fault) storm at "
                        + "\(Self.format(Double(storm.startMicros) / 1e6)) s were back")
            }
            worst = Swift.max(worst, millis)
        }
        return .measured(unit.fromMicros(worst * 1000))
    }

    /// A count as such, or as a percentage of `whole` when the threshold is a percentage.
    private func share(_ count: UInt64, of total: UInt64, whole: String) -> Measurement {
        guard unit == .percent else { return .measured(Double(count)) }
        guard total > 0 else { return .unmeasured("there were no \(whole)") }
        return .measured(Double(count) * 100 / Double(total))
    }

    /// A number with at most three decimals and no trailing zeros: `0.1`, `812.345`, `5000`.
    static func format(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return String(rounded)
    }
}
