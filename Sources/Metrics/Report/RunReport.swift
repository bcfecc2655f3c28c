/// A run's report: the figures every output (report.json, report.html, timeline.csv, junit.xml, the
/// summary table) and every SLO reads.
///
/// ```swift
/// var report = RunReport(run: description, snapshot: aggregator.finish(), process: .current(), csms: counters)
/// report.evaluate(slos)                 // fills report.slo
/// try ReportDirectory(url).write(report)
/// exit(report.allSLOsPassed ? 0 : 1)
/// ```
public struct RunReport: Sendable, Equatable {
    /// What was run.
    public var run: RunDescription
    /// Whether the run was stopped before its end (SIGINT, SIGTERM): its figures cover only part of it,
    /// and no CI should take it for a full run.
    public var interrupted = false
    /// The stations' links.
    public var connections: ConnectionMetrics
    /// How long connection attempts that succeeded took to open (TCP, TLS, WebSocket handshake), in
    /// microseconds.
    public var connectTime: LatencySummary
    /// The connection time histogram itself, which merging reports needs; nil when read from a report
    /// without it (one written before connection times were measured).
    public var connectTimeBuckets: HistogramBuckets?
    /// Per action, sorted by name.
    public var actions: [ActionFigures]
    /// Every action together (name `*`).
    public var allActions: ActionFigures
    /// Charging transactions.
    public var transactions: TransactionMetrics
    /// Calls sent per second over the run.
    public var sentPerSecond: Double
    /// Calls answered per second over the run.
    public var answeredPerSecond: Double
    /// The most calls sent in one second.
    public var peakSentPerSecond: UInt64
    /// How late timers ran, in microseconds.
    public var schedulerLag: LatencySummary
    /// The scheduler lag histogram itself, which merging reports needs; nil when read from a report without it.
    public var schedulerLagBuckets: HistogramBuckets?
    /// The SLOs checked, in the order given.
    public var slo: [SLOResult]
    /// What the process cost.
    public var process: ProcessUsage
    /// The embedded CSMS's counters, by name (empty for an external CSMS).
    public var csms: [String: Double]
    /// Frames from the CSMS the stations refused or could not match.
    public var csmsFaults: CSMSFaultMetrics
    /// The run over time: one point per second, or per longer grain on a long run.
    public var timeline: Timeline
    /// The storms of the run (faults injected, or a CSMS that went away), in the order they began.
    public var storms: [StormMetrics]

    /// States what a snapshot recorded.
    /// - Parameters:
    ///   - run: what was run.
    ///   - snapshot: the merged metrics, usually ``MetricsAggregator/finish()``'s.
    ///   - process: the process's usage, usually ``ProcessUsage/current()``.
    ///   - csms: the embedded CSMS's counters.
    public init(run: RunDescription, snapshot: MetricsSnapshot, process: ProcessUsage, csms: [String: Double] = [:]) {
        self.run = run
        connections = snapshot.connections
        connectTime = snapshot.connectTime.summary
        connectTimeBuckets = HistogramBuckets(snapshot.connectTime)
        actions = snapshot.sortedActions.map(ActionFigures.init)
        allActions = ActionFigures(snapshot.allActions)
        transactions = snapshot.transactions
        sentPerSecond = snapshot.sentPerSecond
        answeredPerSecond = snapshot.answeredPerSecond
        peakSentPerSecond = snapshot.peakSentPerSecond
        schedulerLag = snapshot.schedulerLag.summary
        schedulerLagBuckets = HistogramBuckets(snapshot.schedulerLag)
        slo = []
        self.process = process
        self.csms = csms
        csmsFaults = snapshot.csmsFaults
        timeline = snapshot.timeline
        storms = snapshot.storms
    }

    /// The figures of one action, or of all of them for `*`.
    public func figures(for action: String) -> ActionFigures? {
        action == "*" ? allActions : actions.first { $0.name == action }
    }

    /// Checks each SLO against this report and keeps the results in ``slo``.
    public mutating func evaluate(_ objectives: [SLO]) {
        slo = objectives.map { $0.evaluate(against: self) }
    }

    /// Whether the report holds every histogram behind its percentiles, so that it can be merged exactly.
    public var hasHistograms: Bool {
        schedulerLagBuckets != nil
            && (actions + [allActions]).allSatisfy { $0.latencyBuckets != nil && $0.serviceTimeBuckets != nil }
    }

    /// Whether every SLO checked passed (true when there were none).
    public var allSLOsPassed: Bool { slo.allSatisfy(\.ok) }
}
