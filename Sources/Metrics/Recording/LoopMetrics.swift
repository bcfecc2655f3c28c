/// What one ``MetricsRecorder`` hands over when collected: its totals so far, and the seconds it closed
/// since the previous collection. A value, so it can cross from the loop's thread to the one merging.
public struct LoopMetrics: Sendable {
    /// How far into the run the loop had advanced, in microseconds.
    public var elapsedMicros: UInt64
    /// Every action the loop registered, in registration order, with its totals.
    public var actions: [ActionMetrics]
    /// The loop's links.
    public var connections: ConnectionMetrics
    /// The loop's transactions.
    public var transactions: TransactionMetrics
    /// The frames from the CSMS the loop's stations refused or could not match.
    public var csmsFaults: CSMSFaultMetrics
    /// How late the loop ran its timers, in microseconds.
    public var schedulerLag: LatencyHistogram
    /// How long the loop's connection attempts took to open (TCP, TLS, WebSocket handshake), in microseconds.
    public var connectTime = LatencyHistogram()
    /// The seconds closed since the previous collection, oldest first.
    public var closedSeconds: [TimelineSecond]
    /// The first second not closed yet: the loop will add nothing more to the seconds before it.
    public var openSecond: Int
    /// The loop's storms so far, those under way included.
    public var storms: [StormMetrics] = []
}
