import CSMS
import Station

/// One station of a simulation with everything around it: its state machine, its own CSMS core, its link
/// and its plan.
///
/// Each station talks to a CSMS core of its own, so that what the CSMS answers it (transaction ids,
/// command message ids) depends on this station alone: a station's trace is then the same in a whole
/// run and in a shard, which one shared core (counting transactions across the fleet) would not allow.
struct SimulatedStation {
    var station: Station
    var csms: CentralSystem
    let plan: StationPlan
    /// What happens to it, from its plan, in time order.
    var life: StationLife
    /// The CSMS's handle for the open link, if any.
    var handle: StationHandle?
    /// Bumped at every link change, so that frames of a closed link are dropped when they arrive.
    var epoch: UInt32 = 0
    var everConnected = false
    /// Its CALLs, for their latencies.
    var calls = StationCalls()
    /// Whether the CSMS has turned plug-and-charge on.
    var plugAndChargeSet = false

    var isLinked: Bool { handle != nil }
}
