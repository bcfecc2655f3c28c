import Metrics

/// What one step of a capacity search measured over its window (its hold without the warm-up): the load,
/// the latencies and errors the SLOs judge, and the fleet's own health.
struct CapacityFigures: Sendable, Equatable {
    /// How long the window lasted, in seconds.
    var seconds: Double
    /// Calls sent per second over the window.
    var messagesPerSecond: Double
    /// Every call's latency (from when it was due), in microseconds.
    var latencyP50Micros: UInt64
    var latencyP99Micros: UInt64
    /// CallErrors and timeouts.
    var errors: UInt64
    var health: FleetHealth

    /// Whether the fleet, not the CSMS, set these figures (see ``FleetHealth/isSaturated(latencyP50Micros:)``).
    var fleetSaturated: Bool { health.isSaturated(latencyP50Micros: latencyP50Micros) }
}

extension CapacityFigures {
    /// The figures of a step's report, its CPU time (and its threads' demand for CPU, where known) over
    /// its window, its fleet's loop count, and the bytes its links held unsent as the window began.
    init(report: RunReport, cpuSeconds: Double, demandSeconds: Double?, loops: Int, unsentBefore: UInt64 = 0) {
        seconds = report.run.durationSeconds
        messagesPerSecond = report.sentPerSecond
        latencyP50Micros = report.allActions.latency.p50
        latencyP99Micros = report.allActions.latency.p99
        errors = report.allActions.errors
        let wall = max(seconds, 0.001) * Double(max(1, loops))
        health = FleetHealth(
            lagP50Micros: report.schedulerLag.p50, lagP99Micros: report.schedulerLag.p99, cpuShare: cpuSeconds / wall,
            demandShare: demandSeconds.map { $0 / wall }, loops: loops,
            sendQueueBytes: report.connections.unsentBytes,
            sendQueueGrowth: Int64(clamping: report.connections.unsentBytes) - Int64(clamping: unsentBefore),
            backedUpLinks: report.connections.backedUpLinks)
    }
}
