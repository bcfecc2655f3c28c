import CSMS

/// What a simulation keeps for one station beside its host's: its own CSMS core and its link.
///
/// Each station talks to a CSMS core of its own, so that what the CSMS answers it (transaction ids,
/// command message ids) depends on this station alone: a station's trace is then the same in a whole
/// run and in a shard, which one shared core (counting transactions across the fleet) would not allow.
struct SimulatedStation {
    var csms: CentralSystem
    /// The station's identifier, as the CSMS knows it.
    let id: String
    /// The CSMS's handle for the open link, if any.
    var handle: StationHandle?
    /// Bumped at every link change, so that frames of a closed link are dropped when they arrive.
    var epoch: UInt32 = 0
    var everConnected = false
    /// When its link last opened, in virtual time: its pings (``SimulationCore/pingInterval``) count from there.
    var openedAt: Int64 = 0
    /// Until when a partition cuts it off from the CSMS, in virtual time (0: never was).
    var partitionedUntil: Int64 = 0

    var isLinked: Bool { handle != nil }

    /// Whether a partition cuts the station off at `now`: nothing passes either way.
    func isPartitioned(at now: Int64) -> Bool {
        now < partitionedUntil
    }
}
