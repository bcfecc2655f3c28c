/// Everything recorded in a run (or so far), merged over every loop: what reports, SLOs, the progress line
/// and the Prometheus endpoint read.
public struct MetricsSnapshot: Sendable, Equatable {
    /// How far into the run, in microseconds (the furthest loop).
    public var elapsedMicros: UInt64 = 0
    /// Per action, by name.
    public var actions: [String: ActionMetrics] = [:]
    /// The stations' links.
    public var connections = ConnectionMetrics()
    /// Charging transactions.
    public var transactions = TransactionMetrics()
    /// Frames from the CSMS the stations refused or could not match.
    public var csmsFaults = CSMSFaultMetrics()
    /// How late timers ran, in microseconds.
    public var schedulerLag = LatencyHistogram()
    /// How long connection attempts that succeeded took to open, in microseconds.
    public var connectTime = LatencyHistogram()
    /// The seconds every loop has closed, one point per second or per longer grain on a long run.
    public var timeline = Timeline()
    /// The most calls sent in one second.
    public var peakSentPerSecond: UInt64 = 0
    /// The storms so far, each merged over the loops, in the order they began.
    public var storms: [StormMetrics] = []

    /// Makes an empty snapshot.
    public init() {}

    /// The actions in a stable order: by name.
    public var sortedActions: [ActionMetrics] {
        actions.values.sorted { $0.name < $1.name }
    }

    /// Every action added up, under the name `*`.
    public var allActions: ActionMetrics {
        var all = ActionMetrics(name: "*")
        for action in actions.values { all.merge(action) }
        return all
    }

    /// Elapsed time in seconds.
    public var elapsedSeconds: Double { Double(elapsedMicros) / 1_000_000 }

    /// Calls sent per second over the whole run.
    public var sentPerSecond: Double {
        elapsedMicros == 0 ? 0 : Double(allActions.sent) / elapsedSeconds
    }

    /// Calls answered per second over the whole run.
    public var answeredPerSecond: Double {
        elapsedMicros == 0 ? 0 : Double(allActions.answered) / elapsedSeconds
    }
}
