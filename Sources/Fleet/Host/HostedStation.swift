import Station

/// One station of a ``StationHost``, with what the host keeps beside it whatever the backend: its plan as
/// timed steps, its CALLs for their latencies, and what the storms and the CSMS's commands follow.
struct HostedStation {
    var station: Station
    /// Its index in the whole fleet.
    let index: Int
    /// What happens to it, from its plan, in time order.
    var life: StationLife
    var calls = StationCalls()
    /// The CSMS must turn its plug-and-charge key on once it is registered.
    var awaitsPlugAndCharge: Bool
    /// Online as the storms last saw it (``StationHost``).
    var online = false
    /// Its power-on has come: a fault striking it now strikes a station at work.
    var poweredOn = false
    /// The run powered it off (a capacity search shrinking the fleet): it does nothing until powered on again.
    var poweredOff = false
}
