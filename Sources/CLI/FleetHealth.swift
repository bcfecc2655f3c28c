/// How the fleet itself fared during a step of a capacity search: whether the latencies it measured are
/// the CSMS's or its own.
///
/// A fleet that cannot keep up runs its timers late: every call then leaves late, and since latency is
/// measured from when a call was due, the fleet's own lateness shows as the CSMS's. Scheduler lag measures
/// that lateness: its median says whether the fleet kept its schedule at all (a busy machine delays a
/// timer now and then, which shows in the 99th percentile only). The CPU share says whether the fleet's
/// loops had any time left, and the demand share whether, on a machine they share, they spent the rest
/// waiting for a CPU (on a machine busy with other work an idle fleet's threads wait too, at each of their
/// few wake-ups: the demand share counts only where the fleet did use a fair share of the CPU itself).
///
/// The send queue (bytes the links hold because the kernel would not take them) says something else: the
/// CSMS's side read more slowly than the stations wrote. That is the CSMS's limit, unless the fleet was
/// saturated too (a CSMS that pushes back stops reading while the fleet does not read its answers), so it
/// names no limit alone; the verdict states it beside the capacity.
struct FleetHealth: Sendable, Equatable {
    /// The scheduler lag's median over the step, in microseconds.
    var lagP50Micros: UInt64
    /// The scheduler lag's 99th percentile over the step, in microseconds.
    var lagP99Micros: UInt64
    /// The process's CPU time over the step, as a share of its event loops' time (1: every loop busy all
    /// along; a little above 1 is the threads beside them).
    var cpuShare: Double
    /// The process's threads' CPU and run-queue time over the step, as a share of its event loops' time
    /// (``ThreadDemand``), or `nil` where the kernel does not tell it.
    var demandShare: Double?
    /// How many event loops carry the fleet.
    var loops: Int
    /// The bytes the fleet's links held unsent at the step's end.
    var sendQueueBytes: UInt64 = 0
    /// How much that grew over the step, in bytes (negative when it shrank).
    var sendQueueGrowth: Int64 = 0
    /// The links holding unsent bytes at the step's end.
    var backedUpLinks: UInt64 = 0

    /// Whether the send queue grew over the step and still held bytes at its end: the CSMS fell behind
    /// reading what the stations sent.
    var sendQueueGrew: Bool { sendQueueBytes > 0 && sendQueueGrowth > 0 }

    /// A CPU share, or a demand share, from which the loops count as busy all along.
    static let busyShare = 0.9
    /// The CPU share a fleet must use itself for its demand share to count: an idle fleet on a machine
    /// busy with other work uses a few percent (and waits at each wake-up); one loop asked for far more
    /// than it can do gets a tenth of a core or more even then.
    static let workingShare = 0.1
    /// A median lag from which the fleet no longer keeps its schedule. A machine busy with other work
    /// delays the timers of an idle fleet by a few tens of milliseconds; a saturated one, by its backlog.
    static let lateMedianMicros: UInt64 = 50_000
    /// The share of the calls' median latency the median lag must reach to matter: 50 ms late means
    /// little to calls answered in seconds.
    static let lagShareOfLatency = 0.1

    /// Whether the fleet, not the CSMS, set the step's figures: its loops were busy all along, or worked
    /// and wanted the CPU all along (busy, or waiting for it), or most of its timers ran late by a fair
    /// share of the latency it measured (`latencyP50Micros`, every call).
    func isSaturated(latencyP50Micros: UInt64) -> Bool {
        if cpuShare >= Self.busyShare { return true }
        if cpuShare >= Self.workingShare, let demandShare, demandShare >= Self.busyShare { return true }
        return lagP50Micros >= Self.lateMedianMicros
            && Double(lagP50Micros) >= Self.lagShareOfLatency * Double(latencyP50Micros)
    }
}
